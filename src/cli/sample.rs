//! `evacdrill sample SCRIPT [--out DIR] [--drills N]`: example recorded
//! drills of a script, for trying `review` and `report` before any drill
//! has been held (the README's tour).
//!
//! Each sample is what a drill leaves behind: its journal and its session
//! file, `SCRIPT-sample-DATE.journal.jsonl` and `.session.json`, decided on
//! and written by the live-drill driver, `crate::drill::Drill` (the journal
//! synced per input, the session file atomically), as a drill's are. Every sample is recorded with the
//! kind `rehearsal` and the word `sample` in its file name, so that it can
//! never be taken for a drill that took place. Nothing is written over an
//! existing file without `--force`; every target is checked before the
//! first file is written.

mod files;
mod generator;

use std::path::PathBuf;
use std::process::ExitCode;

use evacdrill_core::i18n::Lang;
use evacdrill_core::i18n::records::SampleText;
use jiff::Timestamp;

use super::exit::Status;
use crate::drill::FixedWall;
use crate::store::{review_source, script_file};

pub use files::{Target, WriteError, records, session_file, write};
#[cfg(test)]
pub use generator::drill;
pub use generator::{Sample, rehearsal, schedule};

/// What `sample` was asked to do.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The drill script (TOML) the samples are drills of.
    pub script: PathBuf,
    /// Folder for the samples' journals and session files (created if missing).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub out: PathBuf,
    /// How many drills, a week apart (several give the review's Trend tab something to show).
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=520))]
    pub drills: u32,
    /// The first drill's signal, RFC 3339 with an offset (2026-03-02T10:00:00+08:00); the
    /// others follow a week apart. A fixed time makes the files reproducible.
    /// [default: the last drill an hour ago]
    #[arg(long, value_name = "TIME")]
    pub start: Option<String>,
    /// Which sample to start from: each number gives other durations, another pupil
    /// missing, another class with a fall; higher numbers are a little quicker, like a
    /// school that practises. Drill k of N is sample VARIANT+k.
    #[arg(long, value_name = "NUMBER", default_value_t = 0)]
    pub variant: u64,
    /// Replace sample files that are already there.
    #[arg(long)]
    pub force: bool,
}

/// Writes the samples; every message goes to stderr in `lang`.
#[must_use]
pub fn run(args: &Args, lang: Lang) -> ExitCode {
    match write_samples(args, lang) {
        Ok(written) => {
            for path in &written {
                eprintln!(
                    "{}",
                    SampleText::Wrote {
                        file: path.display().to_string()
                    }
                    .text(lang)
                );
            }
            let sessions = sessions_pattern(args);
            eprintln!("{}", SampleText::NotReal.text(lang));
            eprintln!(
                "{}",
                SampleText::TryReview {
                    files: sessions.clone()
                }
                .text(lang)
            );
            eprintln!("{}", SampleText::TryReport { files: sessions }.text(lang));
            Status::Success.into()
        }
        Err((status, message)) => {
            eprintln!("error: {}", message.text(lang));
            status.into()
        }
    }
}

/// The stem every sample file of this script starts with.
fn stem(args: &Args) -> String {
    let script = args
        .script
        .file_stem()
        .map_or_else(|| "drill".into(), |s| s.to_string_lossy().into_owned());
    format!("{script}-sample")
}

/// The session files, as the user would type them to review them.
fn sessions_pattern(args: &Args) -> String {
    args.out
        .join(format!("{}-*.session.json", stem(args)))
        .display()
        .to_string()
}

/// How the command failed, and what to tell the user.
type Failure = (Status, SampleText);

/// Generates and writes every sample; returns the files written.
fn write_samples(args: &Args, lang: Lang) -> Result<Vec<PathBuf>, Failure> {
    let checked = script_file::load(&args.script);
    let file = args.script.display().to_string();
    let Some(script) = checked.script.clone() else {
        let color = super::stderr_color();
        for d in checked.diagnostics.iter().filter(|d| d.is_error()) {
            eprintln!(
                "{}",
                super::diagnostics::render(&file, &checked.source, d, lang, color)
            );
        }
        return Err((Status::Failure, SampleText::ScriptInvalid { file }));
    };
    let first = match &args.start {
        Some(start) => FixedWall::new(start).map_err(|_| {
            (
                Status::Usage,
                SampleText::BadStart {
                    value: start.clone(),
                },
            )
        })?,
        None => default_start(args.drills),
    };
    let name = review_source::label(&args.script);
    let mut planned = Vec::new();
    for k in 0..args.drills {
        let sample = rehearsal(&script, args.variant + u64::from(k))
            .map_err(|detail| (Status::Failure, SampleText::Generate { detail }))?;
        let clock = first.weeks_later(k);
        let base = format!("{}-{}", stem(args), clock.stamp());
        let journal = args.out.join(format!("{base}.journal.jsonl"));
        let session = args.out.join(format!("{base}.session.json"));
        planned.push((sample, clock, journal, session));
    }
    if !args.force {
        let taken = planned
            .iter()
            .flat_map(|(_, _, j, s)| [j, s])
            .find(|p| p.exists());
        if let Some(path) = taken {
            return Err((
                Status::Failure,
                SampleText::Exists {
                    file: path.display().to_string(),
                },
            ));
        }
    }
    std::fs::create_dir_all(&args.out).map_err(|e| {
        (
            Status::Failure,
            SampleText::Folder {
                dir: args.out.display().to_string(),
                detail: e.to_string(),
            },
        )
    })?;
    let mut written = Vec::new();
    for (sample, clock, journal, session) in planned {
        let target = Target {
            journal: &journal,
            session: &session,
            script: &script,
            script_name: &name,
            script_toml: &checked.source,
        };
        write(&target, &sample, &clock).map_err(|e| write_failed(&target, &e))?;
        written.push(journal);
        written.push(session);
    }
    Ok(written)
}

/// The failure to write `target`, naming the file that could not be written.
fn write_failed(target: &Target<'_>, e: &WriteError) -> Failure {
    let file = if e.is_session_file() {
        target.session
    } else {
        target.journal
    };
    (
        Status::Failure,
        SampleText::WriteFailed {
            file: file.display().to_string(),
            detail: e.to_string(),
        },
    )
}

/// The clock of the first of `drills` drills a week apart, the last of them
/// an hour ago (ended by now), to the minute, in the computer's offset.
fn default_start(drills: u32) -> FixedWall {
    let now = jiff::Zoned::now();
    let back = jiff::SignedDuration::from_hours(1 + i64::from(drills - 1) * 7 * 24);
    let start = now.timestamp().checked_sub(back).unwrap_or(now.timestamp());
    let minute = Timestamp::from_second(start.as_second() - start.as_second().rem_euclid(60))
        .unwrap_or(start);
    FixedWall::at_timestamp(minute, now.offset())
}
