//! Who may report: one random token per post, for this drill only.
//!
//! A post is a stairwell (its marshal) or the assembly point. Its token is
//! the only secret in its URL (`http://LAN-IP:PORT/p/TOKEN`): anyone on the
//! school's network can reach the server, so the token is what keeps a pupil
//! with a phone from reporting "stairwell clear". Tokens are 128 random bits
//! from the operating system, written as 32 upper-case hex digits (upper case
//! so that a QR code can encode the whole path in its compact alphanumeric
//! mode), compared in constant time, never logged. A lost phone's token is
//! revoked: the post gets a new one and the old link stops working at once.

use std::fmt::Write;
use std::io;
use std::sync::{Arc, Mutex};

use evacdrill_core::i18n::Lang;
use evacdrill_core::i18n::phone::ServerText;
use evacdrill_core::script::{Script, StairwellId};
use serde::Serialize;
use subtle::ConstantTimeEq;

/// Random bytes per token: 128 bits, as the issue asks (design assumption:
/// far beyond guessing over a school network at the rate limit).
const TOKEN_BYTES: usize = 16;

/// A post that reports from a phone.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PostId {
    Stairwell(StairwellId),
    Assembly,
}

impl PostId {
    /// A short key for the command line and files: `stairwell:A`, `assembly`.
    #[must_use]
    pub fn key(&self) -> String {
        match self {
            Self::Stairwell(id) => format!("stairwell:{id}"),
            Self::Assembly => "assembly".to_owned(),
        }
    }

    /// The post named by [`PostId::key`], or by a bare stairwell id.
    #[must_use]
    pub fn parse(key: &str, script: &Script) -> Option<Self> {
        if key == "assembly" {
            return Some(Self::Assembly);
        }
        let id = key.strip_prefix("stairwell:").unwrap_or(key);
        script
            .stairwells
            .iter()
            .find(|s| s.id.0 == id)
            .map(|s| Self::Stairwell(s.id.clone()))
    }
}

/// One post's link, for the dashboard, the cards and the headless output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct PostLink {
    pub post: String,
    /// For people: the stairwell, its name and marshal, or the assembly point.
    pub name: String,
    pub url: String,
}

#[derive(Debug, Clone)]
struct Entry {
    post: PostId,
    name: String,
    token: String,
}

/// The tokens of every post of a drill.
#[derive(Debug, Clone)]
pub struct Tokens {
    entries: Vec<Entry>,
}

/// The tokens, shared by the server and the dashboard (which revokes).
pub type SharedTokens = Arc<Mutex<Tokens>>;

/// A new random token.
fn fresh() -> io::Result<String> {
    let mut bytes = [0u8; TOKEN_BYTES];
    getrandom::fill(&mut bytes).map_err(|e| io::Error::other(e.to_string()))?;
    Ok(bytes
        .iter()
        .fold(String::with_capacity(2 * TOKEN_BYTES), |mut s, b| {
            let _ = write!(s, "{b:02X}");
            s
        }))
}

impl Tokens {
    /// A fresh token for each stairwell of `script` and for the assembly point;
    /// post names in `lang`.
    pub fn new(script: &Script, lang: Lang) -> io::Result<Self> {
        let mut entries = Vec::with_capacity(script.stairwells.len() + 1);
        for s in &script.stairwells {
            entries.push(Entry {
                post: PostId::Stairwell(s.id.clone()),
                name: ServerText::PostStairwell {
                    id: s.id.0.clone(),
                    name: s.name.clone(),
                    marshal: s.marshal.clone().unwrap_or_default(),
                }
                .text(lang)
                .trim_end_matches([' ', '·'])
                .to_owned(),
                token: fresh()?,
            });
        }
        entries.push(Entry {
            post: PostId::Assembly,
            name: ServerText::PostAssembly {
                place: script.drill.assembly_point.clone().unwrap_or_default(),
            }
            .text(lang)
            .trim_end_matches([' ', '·'])
            .to_owned(),
            token: fresh()?,
        });
        Ok(Self { entries })
    }

    /// Shares these tokens between the server and the dashboard.
    #[must_use]
    pub fn shared(self) -> SharedTokens {
        Arc::new(Mutex::new(self))
    }

    /// The post whose token is `presented`, if any.
    ///
    /// Every token is compared, in constant time for its length, whatever
    /// matched: how long the check takes says nothing about how much of a
    /// guess was right.
    #[must_use]
    pub fn check(&self, presented: &str) -> Option<PostId> {
        let mut found = None;
        for e in &self.entries {
            if bool::from(presented.as_bytes().ct_eq(e.token.as_bytes())) {
                found = Some(e.post.clone());
            }
        }
        found
    }

    /// The post's name for people (and the logs: never the token).
    #[must_use]
    pub fn name(&self, post: &PostId) -> Option<&str> {
        self.entries
            .iter()
            .find(|e| &e.post == post)
            .map(|e| e.name.as_str())
    }

    /// Gives `post` a new token; the old one stops working at once.
    ///
    /// Returns whether the post exists.
    pub fn revoke(&mut self, post: &PostId) -> io::Result<bool> {
        match self.entries.iter_mut().find(|e| &e.post == post) {
            Some(e) => {
                e.token = fresh()?;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// Every post with its URL under `base` (`http://192.168.1.20:8686`).
    #[must_use]
    pub fn links(&self, base: &str) -> Vec<PostLink> {
        let base = base.trim_end_matches('/');
        self.entries
            .iter()
            .map(|e| PostLink {
                post: e.post.key(),
                name: e.name.clone(),
                url: format!("{base}/p/{}", e.token),
            })
            .collect()
    }

    /// Every post, in order: the stairwells in script order, then the
    /// assembly point (the dashboard's revoke key picks from these).
    #[must_use]
    pub fn posts(&self) -> Vec<PostId> {
        self.entries.iter().map(|e| e.post.clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use evacdrill_core::i18n::Lang;
    use evacdrill_core::script::{StairwellId, check_str};

    use super::{PostId, Tokens};

    fn script() -> evacdrill_core::script::Script {
        check_str(include_str!("../../drills/demo.toml"))
            .script
            .expect("the demo checks")
    }

    #[test]
    fn every_post_has_its_own_long_token_and_a_revoked_one_stops_working() {
        let s = script();
        let mut t = Tokens::new(&s, Lang::En).unwrap();
        let links = t.links("http://127.0.0.1:8686/");
        assert_eq!(links.len(), s.stairwells.len() + 1);
        let token_of = |url: &str| url.rsplit('/').next().unwrap().to_owned();
        let first = token_of(&links[0].url);
        assert_eq!(first.len(), 32);
        assert!(
            first
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_lowercase())
        );
        assert!(links[0].url.starts_with("http://127.0.0.1:8686/p/"));
        let a = PostId::Stairwell(StairwellId("A".into()));
        assert_eq!(t.check(&first), Some(a.clone()));
        assert_eq!(t.check(&first.to_lowercase()), None);
        assert_eq!(t.check(&first[..31]), None);
        assert_eq!(t.check(""), None);
        assert_eq!(
            t.check(&token_of(&links.last().unwrap().url)),
            Some(PostId::Assembly)
        );
        assert!(t.revoke(&a).unwrap());
        assert_eq!(t.check(&first), None);
        let again = token_of(&t.links("http://x")[0].url);
        assert_ne!(again, first);
        assert_eq!(t.check(&again), Some(a));
    }

    #[test]
    fn post_keys_round_trip() {
        let s = script();
        for post in Tokens::new(&s, Lang::ZhCn).unwrap().posts() {
            assert_eq!(PostId::parse(&post.key(), &s), Some(post));
        }
        assert_eq!(PostId::parse("Z", &s), None);
    }
}
