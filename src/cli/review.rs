//! `evacdrill review SESSION...`: the review browser.
//!
//! Every session is opened (and every error reported, naming its file)
//! before the terminal is touched; a session that cannot be read stops the
//! command with exit 1 and the terminal as it was.

use std::path::PathBuf;
use std::process::ExitCode;

use evacdrill_core::i18n::Lang;
use evacdrill_core::i18n::review::LoadText;

use crate::report::Reviewed;
use crate::review_tui::App;
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

/// Browses the sessions at `paths`.
#[must_use]
pub fn run(paths: &[PathBuf], lang: Lang) -> ExitCode {
    let Ok(sessions) = load_all(paths, lang) else {
        return ExitCode::from(1);
    };
    let mut app = App::new(sessions, lang);
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
