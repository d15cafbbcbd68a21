//! Times `--count` appends, each synced, to a fresh journal in `--dir`, and
//! prints the percentiles: the append-latency figures of
//! docs/performance.md (criterion's `journal/append_sync` gives the median
//! only).
//!
//! ```text
//! cargo run --release --example journal_latency -- --dir /tmp --script drills/demo.toml --count 2000
//! ```

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use evacdrill::store::journal::Journal;
use evacdrill::store::record::{Header, JOURNAL_MAGIC, JOURNAL_SCHEMA};
use evacdrill::store::{resume, script_file, wall};
use evacdrill_core::session::{DrillTime, Input, Place, ProblemCategory, ProblemReport, Session};

/// Append latency of the journal, with its sync.
#[derive(Debug, Parser)]
struct Args {
    /// Folder for the journal (removed afterwards): the disk to measure.
    #[arg(long)]
    dir: PathBuf,
    /// The drill script the journal is of.
    #[arg(long)]
    script: PathBuf,
    /// How many appends.
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..))]
    count: u64,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match measure(&args.dir, &args.script, args.count) {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn measure(dir: &Path, script: &Path, count: u64) -> Result<String, Box<dyn std::error::Error>> {
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
    let mut session = Session::new(parsed, schedule)?;
    let path = dir.join(format!("latency-{}.journal.jsonl", std::process::id()));
    let mut journal = Journal::create(&path, &header)?;
    let mut micros = Vec::with_capacity(usize::try_from(count)?);
    for i in 0..count {
        let input = Input::Problem(ProblemReport {
            category: ProblemCategory::Other,
            place: Place::Unspecified,
            text: format!("latency event {i}"),
        });
        let events = session.apply(input, DrillTime(i))?;
        let wall = wall::now();
        let start = Instant::now();
        journal.append(i, &wall, &events)?;
        micros.push(start.elapsed().as_micros());
    }
    drop(journal);
    std::fs::remove_file(&path)?;
    micros.sort_unstable();
    let at = |q: f64| micros[((micros.len() - 1) as f64 * q).round() as usize];
    Ok(format!(
        "appends {count}: median {} µs, p90 {} µs, p99 {} µs, max {} µs",
        at(0.5),
        at(0.9),
        at(0.99),
        at(1.0)
    ))
}
