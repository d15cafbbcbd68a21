//! `evacdrill review SESSION...`: the review browser.
//!
//! Every session is opened, and the keys file read (every error reported,
//! naming its file) before the terminal is touched; a session or keys file
//! that cannot be read stops the command with exit 1 and the terminal as it
//! was.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use evacdrill_core::i18n::Lang;
use evacdrill_core::i18n::review::LoadText;

use crate::report::Reviewed;
use crate::review_tui::{App, ReviewKeymap};
use crate::store::review_source;

/// Opens every session, printing notices and errors to stderr in `lang`;
/// `Err` when any cannot be read.
pub(crate) fn load_all(paths: &[PathBuf], lang: Lang) -> Result<Vec<Reviewed>, ()> {
    let mut sessions = Vec::with_capacity(paths.len());
    let mut failed = false;
    let mut loader = review_source::Loader::default();
    for path in paths {
        match loader.load(path) {
            Ok(opened) => {
                for notice in &opened.notices {
                    eprintln!("{}", notice.text(lang));
                }
                sessions.push(Reviewed {
                    review: opened.review(),
                    script: opened.session.script().clone(),
                });
            }
            Err(e) => {
                eprintln!("error: {}", e.text(lang));
                failed = true;
            }
        }
    }
    if failed { Err(()) } else { Ok(sessions) }
}

/// The browser's keys: the `[review]` table of the keys file at `path`, or
/// of `~/.config/evacdrill/keys.toml` when there is one (the file
/// `evacdrill run` reads its `[keys]` from), else the defaults.
fn load_keys(path: Option<&Path>) -> Result<ReviewKeymap, String> {
    crate::store::keys_file::load(path, ReviewKeymap::with_overrides)
}

/// Browses the sessions at `paths`, with the keys of the keys file `keys`.
#[must_use]
pub fn run(paths: &[PathBuf], keys: Option<&Path>, lang: Lang) -> ExitCode {
    let keymap = match load_keys(keys) {
        Ok(k) => k,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let Ok(sessions) = load_all(paths, lang) else {
        return ExitCode::from(1);
    };
    let mut app = App::new(sessions, lang).with_keymap(keymap);
    match crate::review_tui::run(&mut app) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "error: {}",
                LoadText::Terminal {
                    detail: e.to_string()
                }
                .text(lang)
            );
            ExitCode::from(1)
        }
    }
}
