//! The review keymap's tables checked against the actions, the help, the
//! footer, the keys file and the docs.

use std::fmt::Write as _;

use super::*;

fn key(s: &str) -> Key {
    Key::parse(s).unwrap_or_else(|e| panic!("{e}"))
}

/// Every action but typing, whatever the table says (the match makes a
/// new action fail to compile until it is listed here).
fn every_bindable_action() -> Vec<ReviewAction> {
    let all = [
        A::Help,
        A::Quit,
        A::Close,
        A::NextTab,
        A::PrevTab,
        A::Up,
        A::Down,
        A::Left,
        A::Right,
        A::PageUp,
        A::PageDown,
        A::Home,
        A::End,
        A::NextSession,
        A::PrevSession,
        A::StartSearch,
        A::NextHit,
        A::PrevHit,
        A::Submit,
        A::Cancel,
        A::Backspace,
    ];
    for a in all {
        match a {
            A::Help
            | A::Quit
            | A::Close
            | A::NextTab
            | A::PrevTab
            | A::Go(_)
            | A::Up
            | A::Down
            | A::Left
            | A::Right
            | A::PageUp
            | A::PageDown
            | A::Home
            | A::End
            | A::NextSession
            | A::PrevSession
            | A::StartSearch
            | A::NextHit
            | A::PrevHit
            | A::Submit
            | A::Cancel
            | A::Backspace
            | A::Type(_) => {}
        }
    }
    all.into_iter()
        .chain(Tab::ALL.iter().map(|t| A::Go(*t)))
        .collect()
}

#[test]
fn every_action_has_a_key_and_a_name() {
    let m = ReviewKeymap::default();
    for a in every_bindable_action() {
        let keys: usize = [C::Browse, C::Search, C::Help]
            .iter()
            .map(|c| m.keys_for(*c, a).len())
            .sum();
        assert!(keys > 0, "{a:?} has no key");
        assert!(!m.name(a).is_empty(), "{a:?} has no name");
        for lang in [Lang::En, Lang::ZhCn] {
            assert!(!describe(a, lang).is_empty(), "{a:?} {lang:?}");
        }
    }
    let mut names: Vec<&str> = DEFAULTS.iter().map(|(_, n, _)| *n).collect();
    names.sort_unstable();
    let before = names.len();
    names.dedup();
    assert_eq!(names.len(), before, "names are unique");
}

#[test]
fn help_lists_every_binding() {
    let m = ReviewKeymap::default();
    for (action, _, keys) in DEFAULTS {
        for (contexts, k) in *keys {
            for c in *contexts {
                let label = key(k).label();
                let rows = m.help_rows(*c, Lang::En);
                let listed = rows.iter().any(|(keys, what)| {
                    keys.split(" / ").any(|l| l == label) && *what == describe(*action, Lang::En)
                });
                let closing = *c == C::Help && m.close_help(Lang::En).contains(&label);
                assert!(listed || closing, "{action:?} {label} in {c:?}: {rows:?}");
            }
        }
    }
}

#[test]
fn the_footer_reads_as_before_in_both_languages() {
    let m = ReviewKeymap::default();
    assert_eq!(
        m.footer(Lang::En),
        "Tab/1–6 tabs · ↑↓ PgUp/PgDn scroll · [ ] session · / search · ? help · q quit"
    );
    assert_eq!(
        m.footer(Lang::ZhCn),
        "Tab/1–6 标签 · ↑↓ PgUp/PgDn 滚动 · [ ] 记录 · / 搜索 · ? 帮助 · q 退出"
    );
    for (template, _) in FOOTER {
        let mut rest = *template;
        while let Some((_, after)) = rest.split_once('{') {
            let (name, tail) = after.split_once('}').unwrap_or((after, ""));
            assert!(m.first_key(name).is_some(), "footer names `{name}`");
            rest = tail;
        }
    }
}

#[test]
fn overrides_come_from_the_review_table() {
    use crate::tui::keymap::{Action, Context};
    let text = "[keys]\nhold = \"o\"\n\n[review]\nquit = \"x\"\nnext-tab = [\"tab\", \"L\"]\n";
    let m = ReviewKeymap::with_overrides(text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(m.action(C::Browse, key("x")), Some(A::Quit));
    assert_eq!(m.action(C::Browse, key("q")), None);
    assert_eq!(m.action(C::Browse, key("L")), Some(A::NextTab));
    assert_eq!(m.action(C::Browse, key("tab")), Some(A::NextTab));
    // The dashboard reads the same file's `[keys]` and ignores `[review]`.
    let dash = crate::tui::keymap::Keymap::with_overrides(text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(dash.action(Context::Running, key("o")), Some(Action::Hold));
    assert_eq!(dash.action(Context::Running, key("q")), Some(Action::Quit));
}

#[test]
fn a_file_without_a_review_table_keeps_the_defaults() {
    let m =
        ReviewKeymap::with_overrides("[keys]\nhold = \"o\"\n").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(m.action(C::Browse, key("q")), Some(A::Quit));
}

#[rstest::rstest]
#[case::en(Lang::En, "docs/review.md")]
#[case::zh(Lang::ZhCn, "docs/review.zh-CN.md")]
fn the_docs_list_the_keys_of_the_keymap(#[case] lang: Lang, #[case] doc: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(doc);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{doc}: {e}"));
    let tables = doc_tables(lang);
    assert!(
        text.contains(&tables),
        "{doc} should hold, generated from the keymap:\n{tables}"
    );
}

#[rstest::rstest]
#[case::unknown_action(
    "[review]\nqiut = \"q\"\n",
    "unknown action `qiut`; actions: help, quit"
)]
#[case::not_a_key("[review]\nquit = \"qq\"\n", "`qq` is not a key")]
#[case::taken(
    "[review]\nquit = \"j\"\n",
    "key `j` is bound to both `down` and `quit`"
)]
#[case::unknown_table("[reveiw]\nquit = \"x\"\n", "unknown field `reveiw`")]
fn bad_overrides_are_explained(#[case] text: &str, #[case] expected: &str) {
    let e = ReviewKeymap::with_overrides(text).map(|_| ()).unwrap_err();
    assert!(e.contains(expected), "{e}");
}

/// The keys tables of docs/review.md and docs/review.zh-CN.md, generated
/// from the defaults (a test keeps the docs equal to it).
fn doc_tables(lang: Lang) -> String {
    let m = ReviewKeymap::default();
    let head = match lang {
        Lang::En => "| key | does | name in `[review]` |\n|---|---|---|\n",
        Lang::ZhCn => "| 按键 | 作用 | `[review]` 中的名称 |\n|---|---|---|\n",
    };
    let table = |context: ReviewContext| {
        let mut out = head.to_owned();
        for a in m.actions() {
            let keys = m.keys_in_order(context, a);
            if keys.is_empty() {
                continue;
            }
            let keys: Vec<String> = keys.iter().map(|k| format!("`{}`", k.label())).collect();
            let _ = writeln!(
                out,
                "| {} | {} | `{}` |",
                keys.join(" / "),
                describe(a, lang),
                m.name(a)
            );
        }
        out
    };
    let close: Vec<String> = m
        .keys_in_order(C::Help, A::Close)
        .iter()
        .map(|k| format!("`{}`", k.label()))
        .collect();
    format!(
        "{}\n{}:\n\n{}\n{}\n",
        table(C::Browse),
        K::WhileSearching.text(lang),
        table(C::Search),
        K::CloseHelp {
            keys: close.join(" / ")
        }
        .text(lang)
    )
}
