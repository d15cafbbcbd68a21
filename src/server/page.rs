//! The phone page: one self-contained HTML file, its words in both languages.
//!
//! No external script, font or stylesheet: the school's network may have no
//! internet, and a page that waits for a CDN never loads. The page's script
//! is in `page.html`; the server fills in a JSON block with the post, both
//! languages' words, the problem categories and the current snapshot (so the
//! first paint shows the drill without waiting for the live stream).

use evacdrill_core::i18n::Lang;
use evacdrill_core::i18n::phone::page_texts_json;
use evacdrill_core::i18n::session::category;
use evacdrill_core::session::ProblemCategory;

use super::tokens::PostId;
use super::view::Snapshot;

const TEMPLATE: &str = include_str!("page.html");

/// Where the template takes its configuration.
const SLOT: &str = "/*CONFIG*/";

/// The page's content security policy: nothing from anywhere else, requests
/// only to this server, no frames around it.
pub const CSP: &str = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; \
    connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// Every problem category with its key on the wire.
const CATEGORIES: [(ProblemCategory, &str); 7] = [
    (ProblemCategory::Congestion, "congestion"),
    (ProblemCategory::FallOrInjury, "fall-or-injury"),
    (ProblemCategory::BlockedExit, "blocked-exit"),
    (ProblemCategory::Lighting, "lighting"),
    (ProblemCategory::LateClass, "late-class"),
    (ProblemCategory::Equipment, "equipment"),
    (ProblemCategory::Other, "other"),
];

/// The page for `post`, showing `snap`, in `lang` until the user switches.
#[must_use]
pub fn render(post: &PostId, name: &str, snap: &Snapshot, lang: Lang) -> String {
    let (kind, stairwell) = match post {
        PostId::Stairwell(id) => ("stairwell", Some(id.0.as_str())),
        PostId::Assembly => ("assembly", None),
    };
    let categories: Vec<serde_json::Value> = CATEGORIES
        .iter()
        .map(|(c, key)| {
            serde_json::json!({
                "key": key,
                "en": category(*c, Lang::En),
                "zh-CN": category(*c, Lang::ZhCn),
            })
        })
        .collect();
    let snapshot: serde_json::Value =
        serde_json::from_str(snap.json()).unwrap_or(serde_json::Value::Null);
    let texts = format!(
        r#"{{"en":{},"zh-CN":{}}}"#,
        page_texts_json(Lang::En),
        page_texts_json(Lang::ZhCn)
    );
    let texts: serde_json::Value = serde_json::from_str(&texts).unwrap_or_default();
    let config = serde_json::json!({
        "post": { "kind": kind, "stairwell": stairwell, "name": name },
        "lang": lang.tag(),
        "texts": texts,
        "categories": categories,
        "snapshot": snapshot,
    });
    TEMPLATE.replacen(SLOT, &script_safe(&config.to_string()), 1)
}

/// JSON that cannot end the `<script>` element it sits in: every `<` (only
/// ever inside strings) is written as `\u003c`.
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use evacdrill_core::i18n::Lang;
    use evacdrill_core::script::StairwellId;

    use super::{CATEGORIES, render};
    use crate::server::tokens::PostId;
    use crate::server::view::Snapshot;

    #[test]
    fn the_page_is_self_contained_and_carries_its_config() {
        let mut snap = Snapshot::default();
        snap.drill = "</script><script>alert(1)</script>".into();
        let html = render(
            &PostId::Stairwell(StairwellId("A".into())),
            "Stairwell A",
            &snap,
            Lang::ZhCn,
        );
        assert!(!html.contains("/*CONFIG*/"));
        assert!(
            !html.contains("alert(1)</script>"),
            "script names are escaped"
        );
        assert!(html.contains(r#""lang":"zh-CN""#));
        assert!(html.contains("我已到岗") && html.contains("I am at my post"));
        for external in ["src=\"http", "href=\"http", "@import", "url(http"] {
            assert!(!html.contains(external), "{external}");
        }
    }

    #[test]
    fn category_keys_are_the_wire_names() {
        for (c, key) in CATEGORIES {
            assert_eq!(serde_json::to_value(c).unwrap(), key);
        }
    }
}
