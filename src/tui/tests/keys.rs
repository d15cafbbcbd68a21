//! The overlays' keys: from the keymap, overridable, each with a default.

use crossterm::event::KeyCode;

use super::*;

#[test]
fn overlay_keys_come_from_the_keymap_and_its_overrides() {
    use crossterm::event::{KeyEvent, KeyModifiers};
    let mut app = app(Lang::En);
    app.ui.keymap = Keymap::with_overrides("[keys]\nclose = \"x\"\nyes = \"o\"\n").unwrap();
    // The help closes with the key the file gives, and says so.
    key(&mut app, '?', 0);
    assert!(screen(&app, 80, 24).contains("x close"));
    code(&mut app, KeyCode::Esc, 0);
    assert!(
        matches!(app.ui.mode, crate::tui::app::Mode::Help),
        "Esc no longer closes"
    );
    key(&mut app, 'x', 0);
    assert!(matches!(app.ui.mode, crate::tui::app::Mode::Normal));
    // In the briefing x is still "item failed": contexts do not collide.
    key(&mut app, 'x', 0);
    assert!(matches!(app.ui.mode, crate::tui::app::Mode::Form(..)));
    code(&mut app, KeyCode::Esc, 0);
    // A question is answered with the key the file gives.
    let mut live = running_demo(Lang::En);
    live.ui.keymap = app.ui.keymap.clone();
    live.key_event(
        KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
        100_000,
    );
    assert!(screen(&live, 80, 24).contains("o yes"));
    key(&mut live, 'y', 100_000);
    assert!(matches!(
        live.ui.mode,
        crate::tui::app::Mode::Confirm(crate::tui::app::Confirm::Quit)
    ));
    key(&mut live, 'o', 100_000);
    assert!(live.ui.quit);
}

#[test]
fn every_overlay_action_has_a_default_key_in_its_context() {
    use crate::tui::keymap::Context;
    let m = Keymap::default();
    for (context, actions) in [
        (Context::Help, &[Action::Close][..]),
        (
            Context::Posts,
            &[
                Action::NextPost,
                Action::PrevPost,
                Action::RevokePost,
                Action::Close,
            ],
        ),
        (Context::Confirm, &[Action::Yes, Action::No]),
        (
            Context::Form,
            &[
                Action::Submit,
                Action::Cancel,
                Action::NextField,
                Action::PrevField,
            ],
        ),
    ] {
        for a in actions {
            assert!(!m.keys_for(context, *a).is_empty(), "{a:?} in {context:?}");
        }
    }
}
