//! `evacdrill cards SCRIPT [-o FILE] [--serve-info FILE]`: the paper
//! fallback, one printable self-contained HTML file.
//!
//! Phones fail: a flat battery, a Wi-Fi dead spot in a stairwell. Each
//! marshal keeps a card with their classes in release order, the times and
//! paces from the same planner the dashboard follows, and the gate rule;
//! each class teacher a roster to fill in at the assembly point. With
//! `--serve-info` (written by a running drill's server) the cards also carry
//! each post's link and QR code, so a replaced phone can join by scanning
//! the card.

mod html;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use evacdrill_core::i18n::Lang;
use evacdrill_core::i18n::cards::CardText;

use crate::server::PostLink;
use crate::store::atomic::write_atomic;
use crate::store::script_file;

/// What `cards` was asked.
#[derive(Debug, clap::Args)]
pub struct CardsArgs {
    /// The drill script (TOML).
    pub script: PathBuf,
    /// Where to write the cards (default: SCRIPT's name with `.cards.html`, here).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The posts' links from a running drill (`--serve-info` of the server):
    /// adds each post's QR code and URL to its card.
    #[arg(long, value_name = "FILE")]
    pub serve_info: Option<PathBuf>,
}

/// The serve-info file: every post's link, as the server wrote it.
#[derive(Debug, serde::Deserialize)]
struct ServeInfo {
    posts: Vec<PostLink>,
}

/// Runs `cards`.
#[must_use]
pub fn run(args: &CardsArgs, lang: Lang) -> ExitCode {
    match cards(args, lang) {
        Ok(path) => {
            crate::cli::print(&format!(
                "{}\n",
                CardText::Wrote {
                    path: path.display().to_string()
                }
                .text(lang)
            ));
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(1)
        }
    }
}

fn cards(args: &CardsArgs, lang: Lang) -> Result<PathBuf, String> {
    let path_text = args.script.display().to_string();
    let script = script_file::load(&args.script)
        .script
        .ok_or_else(|| CardText::Invalid { path: path_text }.text(lang))?;
    // The plan `evacdrill plan` prints and `run` follows, with its
    // robustness control.
    let runner = super::parallel::Parallel::all_cores();
    let schedule = evacdrill_core::plan::replan::robust_initial(&script, None, lang, &runner)
        .map(|p| p.schedule())
        .map_err(|detail| CardText::NoPlan { detail }.text(lang))?;
    let links = match &args.serve_info {
        Some(p) => read_serve_info(p, lang)?,
        None => Vec::new(),
    };
    let page = html::render(&script, &schedule, &links, lang);
    let out = args.output.clone().unwrap_or_else(|| {
        let stem = args
            .script
            .file_stem()
            .map_or_else(|| "drill".into(), |s| s.to_string_lossy().into_owned());
        PathBuf::from(format!("{stem}.cards.html"))
    });
    write_atomic(&out, page.as_bytes()).map_err(|e| {
        CardText::WriteFailed {
            path: out.display().to_string(),
            detail: e.to_string(),
        }
        .text(lang)
    })?;
    Ok(out)
}

fn read_serve_info(path: &Path, lang: Lang) -> Result<Vec<PostLink>, String> {
    let bad = |detail: String| {
        CardText::BadServeInfo {
            path: path.display().to_string(),
            detail,
        }
        .text(lang)
    };
    let text = std::fs::read_to_string(path).map_err(|e| bad(e.to_string()))?;
    let info: ServeInfo = serde_json::from_str(&text).map_err(|e| bad(e.to_string()))?;
    Ok(info.posts)
}
