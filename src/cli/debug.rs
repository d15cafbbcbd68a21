//! `evacdrill debug ...`: hidden commands for tests and measurements of the
//! journal. Not for users: they take no `--lang` and print plain English.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use evacdrill_core::session::{DrillTime, Input, Place, ProblemCategory, ProblemReport, Session};

use crate::store::journal::Journal;
use crate::store::record::{Header, JOURNAL_MAGIC, JOURNAL_SCHEMA};
use crate::store::resume::{self, DrillClock};
use crate::store::session_file::{self, JournalReport, SessionFile};
use crate::store::{script_file, wall};

/// The hidden debug commands.
#[derive(Debug, clap::Subcommand)]
pub enum DebugCommand {
    /// Append events to a journal (resuming it if it exists), printing
    /// `ack SEQ` once each is synced.
    #[command(name = "journal-append")]
    Append {
        #[arg(long)]
        journal: PathBuf,
        /// The script, needed when the journal is created.
        #[arg(long)]
        script: Option<PathBuf>,
        #[arg(long)]
        count: u64,
    },
    /// Reopen a journal (cutting a damaged last line), replay it, report.
    #[command(name = "journal-check")]
    Check { journal: PathBuf },
    /// Build the session file from a journal, write it, read it back.
    #[command(name = "journal-to-session")]
    ToSession {
        journal: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
    /// Run the sample drill over a script through the session engine; write
    /// its session file (and, with `--journal`, its journal).
    #[command(name = "sample-session")]
    SampleSession {
        #[arg(long)]
        script: PathBuf,
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        journal: Option<PathBuf>,
        /// Varies durations and who is missing (the drill's number).
        #[arg(long, default_value_t = 0)]
        variant: u64,
        /// Wall-clock time of the signal (RFC 3339 with offset).
        #[arg(long, default_value = "2026-03-02T10:00:00+08:00")]
        start: String,
    },
    /// Time `count` appends to a fresh journal in `dir`; print percentiles.
    #[command(name = "journal-latency")]
    Latency {
        #[arg(long)]
        dir: PathBuf,
        #[arg(long)]
        script: PathBuf,
        #[arg(long, default_value_t = 1000)]
        count: usize,
    },
}

/// Runs a debug command.
#[must_use]
pub fn run(command: DebugCommand, _lang: evacdrill_core::i18n::Lang) -> ExitCode {
    let result = match command {
        DebugCommand::Append {
            journal,
            script,
            count,
        } => append(&journal, script.as_deref(), count),
        DebugCommand::Check { journal } => check(&journal),
        DebugCommand::ToSession { journal, out } => to_session(&journal, &out),
        DebugCommand::Latency { dir, script, count } => latency(&dir, &script, count),
        DebugCommand::SampleSession {
            script,
            out,
            journal,
            variant,
            start,
        } => super::sample_cmd::run(&script, &out, journal.as_deref(), variant, &start),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

type Outcome = Result<ExitCode, Box<dyn std::error::Error>>;

/// A new journal for the script at `path`, with every class at the signal.
fn create(journal: &Path, script: &Path) -> Result<(Journal, Session), Box<dyn std::error::Error>> {
    let checked = script_file::load(script);
    let parsed = checked
        .script
        .ok_or_else(|| format!("{}: the script does not check", script.display()))?;
    let schedule = resume::all_at_signal(&parsed);
    let header = Header {
        journal: JOURNAL_MAGIC.to_owned(),
        schema: JOURNAL_SCHEMA,
        created: wall::now(),
        script_name: script.display().to_string(),
        script_toml: checked.source,
        schedule: schedule.clone(),
    };
    let session = Session::new(parsed, schedule)?;
    Ok((Journal::create(journal, &header)?, session))
}

fn problem(i: u64) -> Input {
    Input::Problem(ProblemReport {
        category: ProblemCategory::Other,
        place: Place::Unspecified,
        text: format!("debug event {i}"),
    })
}

fn append(path: &Path, script: Option<&Path>, count: u64) -> Outcome {
    let (mut journal, mut session, clock) = if path.exists() {
        let r = resume::resume(path)?;
        eprintln!(
            "resumed {} after {} event(s)",
            r.header.script_name,
            r.records.len() - 1
        );
        if let Some(cut) = &r.cut {
            eprintln!("cut damaged line {}: {}", cut.line, cut.reason);
        }
        if let Some(e) = &r.write_error {
            eprintln!("journal write failed: {e}");
        }
        (r.journal, r.session, r.clock)
    } else {
        let script = script.ok_or("--script is needed to create a journal")?;
        let (j, s) = create(path, script)?;
        (j, s, DrillClock::starting_at(0))
    };
    let mut out = std::io::stdout().lock();
    for i in 0..count {
        let now = clock.now().max(session.last_time());
        let events = session.apply(problem(i), now)?;
        match journal.append(now.ms(), &wall::now(), &events) {
            Ok(seqs) => {
                for seq in seqs {
                    writeln!(out, "ack {seq}")?;
                }
                out.flush()?;
            }
            Err(e) => eprintln!("journal write failed: {e}"),
        }
    }
    if journal.pending() > 0 {
        let now = clock.now().max(session.last_time());
        if let Err(e) = journal.retry(now.ms(), &wall::now()) {
            eprintln!("retry failed: {e}");
        }
    }
    writeln!(out, "pending {}", journal.pending())?;
    writeln!(out, "failures {}", journal.failures().len())?;
    Ok(if journal.pending() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(3)
    })
}

fn check(path: &Path) -> Outcome {
    let (journal, scan) = Journal::open_for_resume(path)?;
    let unfinished = resume::is_unfinished(path)?;
    let mut session = resume::replay_header(&scan.header)?;
    session.replay_more(
        scan.records
            .iter()
            .map(|r| (DrillTime(r.drill_ms), &r.event)),
    )?;
    let report = serde_json::json!({
        "records": scan.records.len(),
        "last_seq": journal.next_seq() - 1,
        "cut": scan.cut,
        "phase": session.phase(),
        "unfinished": unfinished,
    });
    crate::cli::print(&format!("{report}\n"));
    Ok(ExitCode::SUCCESS)
}

fn to_session(path: &Path, out: &Path) -> Outcome {
    let scan = Journal::read(path)?;
    let mut session = resume::replay_header(&scan.header)?;
    session.replay_more(
        scan.records
            .iter()
            .map(|r| (DrillTime(r.drill_ms), &r.event)),
    )?;
    let report = JournalReport {
        write_failures: Vec::new(),
        cuts: scan.cut.into_iter().collect(),
    };
    let file = SessionFile::build(
        &session,
        &scan.header.script_name,
        &scan.header.script_toml,
        scan.records,
        report,
    );
    session_file::write(out, &file)?;
    let back = session_file::read(out)?;
    if back != file || back.replay(out)? != session {
        return Err(format!("{}: the file does not read back as written", out.display()).into());
    }
    crate::cli::print(&format!("wrote {}\n", out.display()));
    Ok(ExitCode::SUCCESS)
}

fn latency(dir: &Path, script: &Path, count: usize) -> Outcome {
    let path = dir.join(format!("latency-{}.journal.jsonl", std::process::id()));
    let (mut journal, mut session) = create(&path, script)?;
    let mut micros = Vec::with_capacity(count);
    for i in 0..count as u64 {
        let events = session.apply(problem(i), DrillTime(i))?;
        let wall = wall::now();
        let start = Instant::now();
        journal.append(i, &wall, &events)?;
        micros.push(start.elapsed().as_micros());
    }
    std::fs::remove_file(&path)?;
    if micros.is_empty() {
        return Err("--count must be at least 1".into());
    }
    micros.sort_unstable();
    let at = |q: f64| micros[((micros.len() - 1) as f64 * q).round() as usize];
    crate::cli::print(&format!(
        "appends {count}: median {} µs, p90 {} µs, p99 {} µs, max {} µs\n",
        at(0.5),
        at(0.9),
        at(0.99),
        at(1.0)
    ));
    Ok(ExitCode::SUCCESS)
}
