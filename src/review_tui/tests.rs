//! The review browser driven by actions, and its screens rendered into
//! ratatui's `TestBackend` and snapshotted in both languages.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use evacdrill_core::i18n::Lang;
use evacdrill_core::script::check_str;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rstest::rstest;

use super::{App, Mode, ReviewAction as Action, Tab};
use crate::cli::sample;
use crate::report::Reviewed;
use evacdrill_core::review::{Recorded, Review};

pub const SCRIPT: &str = r#"schema = 1
[drill]
name = "教学楼每月疏散演练"
target_s = 150
checklist = ["楼梯无杂物", "照明正常"]
[building]
name = "教学楼"
[[stairwell]]
id = "A"
name = "东楼梯"
width_m = 1.5
marshal = "王丽"
[[stairwell]]
id = "B"
name = "西楼梯"
width_m = 1.8
marshal = "陈刚"
gate = "clear"
[[stairwell]]
id = "C"
name = "北楼梯"
width_m = 1.2
marshal = "刘洋"
[[class]]
id = "1-1"
name = "一年级1班"
grade = 1
floor = 1
headcount = 40
stairwell = "A"
[[class]]
id = "2-1"
name = "二年级1班"
grade = 2
floor = 2
headcount = 42
stairwell = "A"
[[class]]
id = "3-1"
name = "三年级1班"
grade = 3
floor = 2
headcount = 44
stairwell = "B"
[[class]]
id = "4-1"
name = "四年级1班"
grade = 4
floor = 3
headcount = 45
stairwell = "B"
[[class]]
id = "5-1"
name = "五年级1班"
grade = 5
floor = 3
headcount = 43
stairwell = "C"
[[class]]
id = "6-1"
name = "六年级1班"
grade = 6
floor = 4
headcount = 41
stairwell = "C"
"#;

/// The sample drill number `variant` over [`SCRIPT`], reviewed, its signal
/// on `wall`.
pub fn reviewed(variant: u64, wall: &str) -> Reviewed {
    let script = check_str(SCRIPT)
        .script
        .unwrap_or_else(|| panic!("test script does not check"));
    let s = sample::drill(&script, variant).unwrap_or_else(|e| panic!("{e}"));
    let recorded: Vec<Recorded<'_>> = s
        .events
        .iter()
        .zip(1..)
        .map(|((at, event), seq)| Recorded {
            seq,
            at: *at,
            wall: None,
            event,
        })
        .collect();
    let mut review = Review::build(
        &s.session,
        &recorded,
        &format!("drill-{variant}.session.json"),
    );
    review.started_wall = Some(wall.to_owned());
    Reviewed { review, script }
}

fn app(lang: Lang) -> App {
    App::new(
        vec![
            reviewed(0, "2026-01-05T10:00:00+08:00"),
            reviewed(7, "2026-02-02T10:00:00+08:00"),
            reviewed(14, "2026-03-02T10:00:00+08:00"),
        ],
        lang,
    )
}

fn screen(app: &App) -> String {
    let mut terminal =
        Terminal::new(TestBackend::new(100, 30)).unwrap_or_else(|e| panic!("test terminal: {e}"));
    terminal
        .draw(|f| f.render_widget(app, f.area()))
        .unwrap_or_else(|e| panic!("draw: {e}"));
    terminal.backend().to_string()
}

#[rstest]
fn every_tab_in_both_languages(
    #[values(
        Tab::Summary,
        Tab::Timeline,
        Tab::Classes,
        Tab::Problems,
        Tab::Events,
        Tab::Trend
    )]
    tab: Tab,
    #[values(Lang::En, Lang::ZhCn)] lang: Lang,
) {
    let mut app = app(lang);
    app.update(Action::Go(tab));
    let name = format!("{tab:?}_{}", lang.tag()).to_lowercase();
    insta::assert_snapshot!(name, screen(&app));
}

#[rstest]
fn the_help_overlay_lists_the_keys(#[values(Lang::En, Lang::ZhCn)] lang: Lang) {
    let mut app = app(lang);
    app.update(Action::Help);
    let s = screen(&app);
    assert!(s.contains("S-Tab"), "{s}");
    insta::assert_snapshot!(format!("help_{}", lang.tag()).to_lowercase(), s);
    app.update(Action::Close);
    assert_eq!(app.mode, Mode::Browse);
}

fn key(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

fn action_for(mode: &Mode, key: KeyEvent) -> Option<Action> {
    super::ReviewKeymap::default().action_for(mode, key)
}

#[rstest]
#[case::tab(Mode::Browse, KeyCode::Tab, Some(Action::NextTab))]
#[case::backtab(Mode::Browse, KeyCode::BackTab, Some(Action::PrevTab))]
#[case::digit(Mode::Browse, KeyCode::Char('5'), Some(Action::Go(Tab::Events)))]
#[case::digit_out_of_range(Mode::Browse, KeyCode::Char('7'), None)]
#[case::quit(Mode::Browse, KeyCode::Char('q'), Some(Action::Quit))]
#[case::esc_does_not_quit(Mode::Browse, KeyCode::Esc, Some(Action::Close))]
#[case::slash(Mode::Browse, KeyCode::Char('/'), Some(Action::StartSearch))]
#[case::vim_up(Mode::Browse, KeyCode::Char('k'), Some(Action::Up))]
#[case::space_pages(Mode::Browse, KeyCode::Char(' '), Some(Action::PageDown))]
#[case::home(Mode::Browse, KeyCode::Home, Some(Action::Home))]
#[case::big_g(Mode::Browse, KeyCode::Char('G'), Some(Action::End))]
#[case::session(Mode::Browse, KeyCode::Char(']'), Some(Action::NextSession))]
#[case::prev_match(Mode::Browse, KeyCode::Char('N'), Some(Action::PrevHit))]
#[case::typing_q_searches(
    Mode::Search(String::new()),
    KeyCode::Char('q'),
    Some(Action::Type('q'))
)]
#[case::search_enter(Mode::Search(String::new()), KeyCode::Enter, Some(Action::Submit))]
#[case::search_esc(Mode::Search(String::new()), KeyCode::Esc, Some(Action::Cancel))]
#[case::help_closes(Mode::Help, KeyCode::Esc, Some(Action::Close))]
#[case::help_q_closes(Mode::Help, KeyCode::Char('q'), Some(Action::Close))]
#[case::help_ignores_others(Mode::Help, KeyCode::Char('j'), None)]
fn keys_become_actions(
    #[case] mode: Mode,
    #[case] code: KeyCode,
    #[case] expected: Option<Action>,
) {
    assert_eq!(action_for(&mode, key(code)), expected);
}

#[test]
fn ctrl_c_quits_from_anywhere() {
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    for mode in [Mode::Browse, Mode::Search("x".into()), Mode::Help] {
        assert_eq!(action_for(&mode, ctrl_c), Some(Action::Quit), "{mode:?}");
    }
}

#[test]
fn esc_closes_the_help_then_the_search_and_never_quits() {
    let mut app = app(Lang::En);
    app.update(Action::StartSearch);
    for c in "congestion".chars() {
        app.update(Action::Type(c));
    }
    app.update(Action::Submit);
    app.update(Action::Help);
    let esc = |app: &mut App| {
        let a = app.keymap.action_for(&app.mode, key(KeyCode::Esc));
        app.update(a.unwrap_or_else(|| panic!("Esc does something in {:?}", app.mode)));
    };
    esc(&mut app);
    assert_eq!(app.mode, Mode::Browse, "the help closes first");
    assert!(app.search.is_some(), "the search is still there");
    esc(&mut app);
    assert_eq!(app.search, None, "then the search is cleared");
    esc(&mut app);
    assert_eq!(
        app.mode,
        Mode::Browse,
        "and Esc at the top level does nothing"
    );
    app.update(Action::Quit);
    assert_eq!(app.mode, Mode::Quit, "q still quits");
}

#[test]
fn the_footer_is_the_keymaps() {
    let en = app(Lang::En);
    assert!(
        screen(&en).contains(
            "Tab/1–6 tabs · ↑↓ PgUp/PgDn scroll · [ ] session · / search · ? help · q quit"
        )
    );
    let keymap = super::ReviewKeymap::with_overrides("[review]\nquit = \"x\"\nhelp = \"f2\"\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let custom = app(Lang::En).with_keymap(keymap);
    let s = screen(&custom);
    assert!(s.contains("· F2 help · x quit"), "{s}");
}

#[test]
fn searching_the_events_finds_and_cycles_through_matches() {
    let mut app = app(Lang::En);
    app.update(Action::StartSearch);
    for c in "congestion".chars() {
        app.update(Action::Type(c));
    }
    app.update(Action::Submit);
    assert_eq!(app.tab, Tab::Events);
    let hits = app
        .search
        .as_ref()
        .map(|s| s.hits.clone())
        .unwrap_or_default();
    assert!(!hits.is_empty(), "the sample has a congestion report");
    let first = app.search.as_ref().map(|s| s.at);
    app.update(Action::NextHit);
    app.update(Action::PrevHit);
    assert_eq!(app.search.as_ref().map(|s| s.at), first);
    app.update(Action::StartSearch);
    for c in "no such thing".chars() {
        app.update(Action::Type(c));
    }
    app.update(Action::Submit);
    assert!(screen(&app).contains("no event matches"));
}

#[test]
fn scrolling_stops_at_the_content_and_sessions_cycle() {
    let mut app = app(Lang::En);
    app.update(Action::Go(Tab::Events));
    app.update(Action::End);
    let end = app.scroll;
    app.update(Action::Down);
    assert_eq!(app.scroll, end, "no scrolling past the last line");
    app.update(Action::Home);
    assert_eq!(app.scroll, 0);
    app.update(Action::PrevSession);
    assert_eq!(app.current, 2);
    app.update(Action::NextSession);
    assert_eq!(app.current, 0);
}
