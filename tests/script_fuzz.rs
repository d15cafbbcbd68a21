//! `check` never panics and never yields a partial result, whatever it is
//! given: arbitrary bytes, and random damage to the shipped drills.

use evacdrill_core::script::{check, check_str};
use proptest::prelude::*;

const DRILLS: [&str; 4] = [
    include_str!("../drills/demo.toml"),
    include_str!("../drills/b1.toml"),
    include_str!("../drills/b2.toml"),
    include_str!("../drills/secondary-school.toml"),
];

/// One kind of damage a script can suffer in an editor.
#[derive(Debug, Clone)]
enum Damage {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    ReplaceChar(usize, char),
    Truncate(usize),
    InsertText(usize, String),
}

fn damage() -> impl Strategy<Value = Damage> {
    let fragment = prop_oneof![
        Just("= ".to_owned()),
        Just("[[class]]\n".to_owned()),
        Just("[drill]\n".to_owned()),
        Just("headcount = -3\n".to_owned()),
        Just("width_m = 1e400\n".to_owned()),
        Just("floor = 9223372036854775807\n".to_owned()),
        Just("stairwell = \"Z\"\n".to_owned()),
        Just("\"".to_owned()),
        Just("id = \"\"\n".to_owned()),
        Just("classes = []\n".to_owned()),
        Just("[[wave]]\nclasses = [\"1-1\", \"1-1\"]\n".to_owned()),
        Just("target_s = nan\n".to_owned()),
        "[ -~]{0,12}",
    ];
    prop_oneof![
        any::<usize>().prop_map(Damage::DeleteLine),
        any::<usize>().prop_map(Damage::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Damage::SwapLines(a, b)),
        (any::<usize>(), any::<char>()).prop_map(|(i, c)| Damage::ReplaceChar(i, c)),
        any::<usize>().prop_map(Damage::Truncate),
        (any::<usize>(), fragment).prop_map(|(i, s)| Damage::InsertText(i, s)),
    ]
}

fn apply(text: &str, d: &Damage) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let n = lines.len().max(1);
    match d {
        Damage::DeleteLine(i) => {
            if !lines.is_empty() {
                lines.remove(i % n);
            }
        }
        Damage::DuplicateLine(i) => {
            if let Some(l) = lines.get(i % n).cloned() {
                lines.insert(i % n, l);
            }
        }
        Damage::SwapLines(a, b) => {
            if !lines.is_empty() {
                lines.swap(a % n, b % n);
            }
        }
        Damage::ReplaceChar(i, c) => {
            let mut chars: Vec<char> = lines.join("\n").chars().collect();
            if !chars.is_empty() {
                let at = i % chars.len();
                chars[at] = *c;
            }
            return chars.into_iter().collect();
        }
        Damage::Truncate(i) => {
            let joined = lines.join("\n");
            let mut at = i % (joined.len() + 1);
            while !joined.is_char_boundary(at) {
                at -= 1;
            }
            return joined[..at].to_owned();
        }
        Damage::InsertText(i, s) => lines.insert(i % n, s.clone()),
    }
    lines.join("\n")
}

fn consistent(c: &evacdrill_core::script::Checked) {
    assert_eq!(
        c.script.is_some(),
        !c.has_errors(),
        "a script is returned exactly when there is no error"
    );
    for d in &c.diagnostics {
        if let Some(s) = d.span {
            assert!(
                s.start <= c.source.len() && s.end <= c.source.len(),
                "span inside the source"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        consistent(&check(&bytes));
    }

    #[test]
    fn damaged_drills_never_panic(which in 0..DRILLS.len(), damages in proptest::collection::vec(damage(), 1..4)) {
        let mut text = DRILLS[which].to_owned();
        for d in &damages {
            text = apply(&text, d);
        }
        consistent(&check_str(&text));
    }
}
