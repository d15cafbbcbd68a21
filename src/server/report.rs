//! A report as a phone sends it, checked and turned into a session input.
//!
//! The phone names an action, never a stairwell: the post comes from the
//! token, so a marshal's phone can only report for its own stairwell, and
//! only the assembly point's phone can enter headcounts.

use std::time::Duration;

use axum::body::Body;
use axum::http::{HeaderMap, StatusCode, header};
use evacdrill_core::i18n::Lang;
use evacdrill_core::i18n::phone::ServerText;
use evacdrill_core::script::{ClassId, StairwellId};
use evacdrill_core::session::{Headcount, Input, People, Place, ProblemCategory, ProblemReport};
use serde::Deserialize;

use super::tokens::PostId;
use super::view::Snapshot;

/// Longest client id accepted (the page makes 32 hex digits).
const MAX_ID: usize = 64;

/// The body of `POST /p/TOKEN/report`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportBody {
    /// Made by the phone, unique per report: a retry carries the same id.
    pub id: String,
    /// When the person tapped, by the phone's clock (ms since 1970).
    #[serde(default)]
    pub taken_at: Option<u64>,
    /// When this attempt was sent, by the same clock.
    #[serde(default)]
    pub sent_at: Option<u64>,
    pub action: Action,
}

/// What the person at the post reports.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Action {
    AtPost,
    LeftPost,
    ClassPassed {
        class: String,
    },
    Clear,
    Congestion {
        #[serde(default)]
        note: String,
    },
    Problem {
        category: ProblemCategory,
        #[serde(default)]
        text: String,
    },
    Headcount {
        class: String,
        present: u32,
        #[serde(default)]
        missing: u32,
        #[serde(default)]
        injured: u32,
        #[serde(default)]
        missing_names: Vec<String>,
        #[serde(default)]
        injured_names: Vec<String>,
    },
}

impl Action {
    /// The action's name, for the log.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Self::AtPost => "at_post",
            Self::LeftPost => "left_post",
            Self::ClassPassed { .. } => "class_passed",
            Self::Clear => "clear",
            Self::Congestion { .. } => "congestion",
            Self::Problem { .. } => "problem",
            Self::Headcount { .. } => "headcount",
        }
    }
}

/// Parses and checks a report body; the error says what is wrong.
pub fn parse(bytes: &[u8]) -> Result<ReportBody, String> {
    let body: ReportBody = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    if body.id.is_empty()
        || body.id.len() > MAX_ID
        || !body
            .id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(format!(
            "the id must be 1 to {MAX_ID} letters, digits, - or _"
        ));
    }
    Ok(body)
}

/// The session input for `action` reported from `post`, or why it cannot
/// be one (in `lang`).
pub fn input(post: &PostId, action: Action, snap: &Snapshot, lang: Lang) -> Result<Input, String> {
    let class_of = |class: &str| {
        snap.class(class).ok_or_else(|| {
            ServerText::UnknownClass {
                class: class.to_owned(),
            }
            .text(lang)
        })
    };
    let names = |v: Vec<String>| -> Vec<String> {
        v.into_iter()
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty())
            .collect()
    };
    let not_here = || ServerText::NotForPost.text(lang);
    match (post, action) {
        (PostId::Stairwell(s), Action::AtPost) => Ok(Input::MarshalAtPost {
            stairwell: s.clone(),
            name: None,
        }),
        (PostId::Stairwell(s), Action::LeftPost) => Ok(Input::MarshalLeftPost {
            stairwell: s.clone(),
        }),
        (PostId::Stairwell(s), Action::ClassPassed { class }) => {
            let c = class_of(&class)?;
            if c.stairwell != s.0 {
                return Err(ServerText::NotYourClass {
                    class,
                    stairwell: s.0.clone(),
                }
                .text(lang));
            }
            Ok(Input::ClassPassed {
                class: ClassId(class),
            })
        }
        (PostId::Stairwell(s), Action::Clear) => Ok(Input::StairwellClear {
            stairwell: s.clone(),
        }),
        (PostId::Stairwell(s), Action::Congestion { note }) => Ok(Input::Congestion {
            stairwell: s.clone(),
            note: if note.trim().is_empty() {
                ServerText::CongestionNote.text(lang)
            } else {
                note.trim().to_owned()
            },
        }),
        (post, Action::Problem { category, text }) => Ok(Input::Problem(ProblemReport {
            category,
            place: match post {
                PostId::Stairwell(s) => Place::Stairwell(StairwellId(s.0.clone())),
                PostId::Assembly => Place::Unspecified,
            },
            text: text.trim().to_owned(),
        })),
        (
            PostId::Assembly,
            Action::Headcount {
                class,
                present,
                missing,
                injured,
                missing_names,
                injured_names,
            },
        ) => {
            class_of(&class)?;
            Ok(Input::Headcount(Headcount {
                class: ClassId(class),
                expected: None,
                present,
                missing: People {
                    count: missing,
                    names: names(missing_names),
                },
                injured: People {
                    count: injured,
                    names: names(injured_names),
                },
            }))
        }
        _ => Err(not_here()),
    }
}

/// How late a report arrives, in whole seconds, when it is at least one.
///
/// Measured on the phone's own clock when it says when it sent the report
/// (`sent_at − taken_at`: a phone's clock may be minutes off the laptop's,
/// but its own two readings agree); else the laptop's clock now minus
/// `taken_at`.
#[must_use]
pub fn delay_s(taken_at: Option<u64>, sent_at: Option<u64>, server_now_ms: u64) -> Option<u64> {
    let taken = taken_at?;
    let ms = sent_at.unwrap_or(server_now_ms).saturating_sub(taken);
    let s = ms / 1000;
    (s >= 1).then_some(s)
}

/// Whether a state-changing request comes from our own page: its `Origin`
/// (or, without one, its `Referer`) names the host it was sent to. A request
/// with neither comes from no web page at all (a test client, curl), which a
/// cross-site attack cannot produce.
#[must_use]
pub fn same_origin(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    let source = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER));
    match source {
        None => true,
        Some(v) => v.to_str().ok().is_some_and(|v| authority(v) == Some(host)),
    }
}

/// The `host[:port]` of an origin or URL.
fn authority(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))?;
    Some(rest.split(['/', '?', '#']).next().unwrap_or(rest))
}

/// Reads a body of at most `max` bytes within `timeout`; the error is the
/// status to answer (413 too large, 408 too slow, 400 broken).
pub async fn read_body(
    headers: &HeaderMap,
    body: Body,
    max: usize,
    timeout: Duration,
) -> Result<axum::body::Bytes, StatusCode> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > max as u64) {
        return Err(StatusCode::PAYLOAD_TOO_LARGE);
    }
    match tokio::time::timeout(timeout, axum::body::to_bytes(body, max)).await {
        Err(_) => Err(StatusCode::REQUEST_TIMEOUT),
        Ok(Ok(bytes)) => Ok(bytes),
        Ok(Err(e)) => {
            let too_large = std::error::Error::source(&e)
                .is_some_and(<dyn std::error::Error>::is::<http_body_util::LengthLimitError>);
            Err(if too_large {
                StatusCode::PAYLOAD_TOO_LARGE
            } else {
                StatusCode::BAD_REQUEST
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use axum::http::{HeaderMap, HeaderValue, header};
    use rstest::rstest;

    use super::{delay_s, parse, same_origin};

    #[rstest]
    #[case::no_page(None, None, true)]
    #[case::own_page(Some("http://192.168.1.20:8686"), None, true)]
    #[case::other_site(Some("http://evil.example"), None, false)]
    #[case::other_port(Some("http://192.168.1.20:9999"), None, false)]
    #[case::null_origin(Some("null"), None, false)]
    #[case::own_referer(None, Some("http://192.168.1.20:8686/p/X"), true)]
    #[case::other_referer(None, Some("http://evil.example/x"), false)]
    fn origin_must_match_host(
        #[case] origin: Option<&str>,
        #[case] referer: Option<&str>,
        #[case] ok: bool,
    ) {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("192.168.1.20:8686"));
        if let Some(o) = origin {
            h.insert(header::ORIGIN, HeaderValue::from_str(o).unwrap());
        }
        if let Some(r) = referer {
            h.insert(header::REFERER, HeaderValue::from_str(r).unwrap());
        }
        assert_eq!(same_origin(&h), ok);
    }

    #[rstest]
    #[case::live(Some(1_000), Some(1_400), 0, None)]
    #[case::queued_phone_clock(Some(1_000), Some(31_000), 0, Some(30))]
    #[case::queued_server_clock(Some(1_000), None, 11_000, Some(10))]
    #[case::clock_backwards(Some(9_000), Some(1_000), 0, None)]
    #[case::unknown(None, Some(5_000), 9_000, None)]
    fn delay_from_the_phone_clock_first(
        #[case] taken: Option<u64>,
        #[case] sent: Option<u64>,
        #[case] now: u64,
        #[case] want: Option<u64>,
    ) {
        assert_eq!(delay_s(taken, sent, now), want);
    }

    #[test]
    fn ids_are_checked() {
        let ok = r#"{"id":"ab-12","action":{"type":"at_post"}}"#;
        assert!(parse(ok.as_bytes()).is_ok());
        for bad in [
            r#"{"id":"","action":{"type":"at_post"}}"#,
            r#"{"id":"a b","action":{"type":"at_post"}}"#,
            r#"{"id":"a","action":{"type":"fly"}}"#,
            r#"{"id":"a","action":{"type":"at_post"},"stairwell":"B"}"#,
        ] {
            assert!(parse(bad.as_bytes()).is_err(), "{bad}");
        }
    }
}
