//! `evacdrill simulate SCRIPT`: play the plan through the crowd-flow model,
//! once as planned and many times with random variation, and report times,
//! densities and risks.
//!
//! The core is pure and single-threaded; this shell shares the Monte Carlo
//! runs between the cores, each run drawing from its own seed, so the report
//! does not depend on the number of threads.

mod chart;
mod report;
mod svg;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU32, Ordering};

use evacdrill_core::i18n::Lang;
use evacdrill_core::i18n::sim::{SimErrorText, SimText};
use evacdrill_core::plan::PlanOptions;
use evacdrill_core::plan::robust;
use evacdrill_core::script::{Policy, Script, StairwellId};
use evacdrill_core::sim::{
    self, MonteCarlo, MonteCarloOptions, Record, RunSummary, Schedule, SimError, Variation,
};
use indicatif::{ProgressBar, ProgressStyle};

use super::diagnostics::render;
use crate::store::script_file;

/// Which releases to simulate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum PlanChoice {
    /// The plan for this script (see `releases_for`).
    #[default]
    Auto,
    /// Every class at the signal: the unmanaged alarm.
    AllAtOnce,
    /// Grade by grade, each when the one before is out.
    SequentialByGrade,
}

impl PlanChoice {
    fn name(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::AllAtOnce => "all-at-once",
            Self::SequentialByGrade => "sequential-by-grade",
        }
    }

    fn label(self) -> SimText {
        match self {
            Self::Auto => SimText::PlanAuto,
            Self::AllAtOnce => SimText::PlanAllAtOnce,
            Self::SequentialByGrade => SimText::PlanSequential,
        }
    }
}

/// How `simulate` reports.
#[derive(Debug, Clone, Copy, Default, clap::ValueEnum)]
pub enum Format {
    /// A summary table and a chart of the critical stairwell.
    #[default]
    Text,
    /// Everything as JSON on stdout, for tools.
    Json,
}

/// The arguments of `evacdrill simulate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Drill script (TOML).
    pub script: PathBuf,
    /// Monte Carlo runs.
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub runs: u32,
    /// Seed of the random variation: the same seed gives the same report.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// A stairwell that cannot be used; its classes take their alternates.
    /// Repeat for several.
    #[arg(long = "blocked", value_name = "ID")]
    pub blocked: Vec<String>,
    /// The releases to simulate.
    #[arg(long, value_enum, default_value_t)]
    pub plan: PlanChoice,
    /// Release order for `--plan auto` (default: the script's `policy`).
    #[arg(long, value_parser = crate::cli::plan::parse_policy)]
    pub policy: Option<Policy>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Also write density-over-time charts of every stairwell to this SVG file.
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
    /// Threads for the Monte Carlo runs (default: one per core). The report
    /// is the same for any number.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=256))]
    pub threads: Option<u32>,
}

/// The schedule the simulator plays for `choice`.
///
/// This is the one place the simulator meets the planner: `Auto` is the
/// planner's plan (its classes' stairwells, release times and paces, played
/// at their planned times with the clear gates kept); the baselines are
/// built straight from the script.
fn releases_for(
    script: &Script,
    choice: PlanChoice,
    policy: Policy,
    blocked: &[StairwellId],
    lang: Lang,
) -> Result<Schedule, Failure> {
    match choice {
        PlanChoice::Auto => {
            let opts = PlanOptions {
                policy: Some(policy),
                blocked: blocked.to_vec(),
                ..PlanOptions::default()
            };
            // The plan `evacdrill plan` prints: judged under variation, with
            // its robustness control.
            let runner = super::parallel::Parallel::all_cores();
            let plan = robust::plan_robust(script, &opts, &runner).map_err(|e| match e {
                robust::RobustError::Plan(e) => Failure::Plan(match e.hint() {
                    Some(h) => format!("{} ({})", e.message().text(lang), h.text(lang)),
                    None => e.message().text(lang),
                }),
                robust::RobustError::Sim(e) => Failure::Sim(e),
            })?;
            // Its releases, with the stair heads metered where its control
            // says so: `simulate --runs 200 --seed 1` reproduces its risk.
            Ok(robust::schedule_of(&plan))
        }
        PlanChoice::AllAtOnce => sim::all_at_once(script, blocked).map_err(Failure::Sim),
        PlanChoice::SequentialByGrade => {
            sim::sequential_by_grade(script, blocked).map_err(Failure::Sim)
        }
    }
}

/// Runs `simulate`; exit 1 on a script or plan error, or a file not written.
#[must_use]
pub fn run(args: &Args, lang: Lang) -> ExitCode {
    let file = args.script.display().to_string();
    let checked = script_file::load(&args.script);
    let Some(script) = checked.script.as_ref() else {
        let color = super::stderr_color();
        for d in &checked.diagnostics {
            eprintln!("{}", render(&file, &checked.source, d, lang, color));
        }
        return ExitCode::from(1);
    };
    let blocked: Vec<StairwellId> = args
        .blocked
        .iter()
        .map(|b| StairwellId(b.clone()))
        .collect();
    let policy = args.policy.unwrap_or(script.drill.policy);
    let fail = |e: &Failure| {
        let text = match e {
            Failure::Sim(e) => SimErrorText::from(e).text(lang),
            Failure::Plan(detail) => detail.clone(),
            Failure::Worker => SimErrorText::Worker.text(lang),
        };
        eprintln!("{file}: {text}");
        ExitCode::from(1)
    };
    let schedule = match releases_for(script, args.plan, policy, &blocked, lang) {
        Ok(s) => s,
        Err(e) => return fail(&e),
    };
    let once = match sim::simulate(script, &schedule, &Variation::NONE, 0, Record::Series) {
        Ok(o) => o,
        Err(e) => return fail(&Failure::Sim(e)),
    };
    let options = MonteCarloOptions {
        runs: args.runs,
        seed: args.seed,
        variation: Variation::realistic(),
    };
    let mc = match MonteCarlo::new(script, &schedule, options) {
        Ok(mc) => mc,
        Err(e) => return fail(&Failure::Sim(e)),
    };
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get() as u32));
    let runs = match run_all(&mc, threads, lang) {
        Ok(r) => r,
        Err(e) => return fail(&e),
    };
    let report = mc.summarize(&runs);
    let context = report::Context {
        file: &file,
        script,
        plan: args.plan.name(),
        plan_label: args.plan.label().text(lang),
        policy,
        blocked: &blocked,
        lang,
    };
    match args.format {
        Format::Text => super::print(&report::text(&context, &once, &report)),
        Format::Json => super::print(&report::json(&context, &once, &report)),
    }
    if let (Some(path), Some(series)) = (&args.svg, &once.series) {
        let shown = path.display().to_string();
        let text = svg::render(script, &once, series, lang);
        if let Err(e) = crate::store::atomic::write_atomic(path, text.as_bytes()) {
            eprintln!(
                "{}",
                SimText::SvgFailed {
                    file: shown,
                    detail: e.to_string()
                }
                .text(lang)
            );
            return ExitCode::from(1);
        }
        eprintln!("{}", SimText::SvgWritten { file: shown }.text(lang));
    }
    ExitCode::SUCCESS
}

/// Why the runs stopped.
enum Failure {
    Sim(SimError),
    /// The planner could not plan the drill (its own explanation).
    Plan(String),
    /// A thread panicked: a bug, reported rather than hidden.
    Worker,
}

/// Progress on stderr: a bar on a terminal, a line every tenth otherwise.
enum Progress {
    Bar(ProgressBar),
    Lines { runs: u32, done: AtomicU32 },
}

impl Progress {
    fn new(runs: u32, lang: Lang) -> Self {
        if std::io::stderr().is_terminal() {
            let bar = ProgressBar::new(u64::from(runs));
            if let Ok(style) = ProgressStyle::with_template("{msg} {wide_bar} {pos}/{len} ({eta})")
            {
                bar.set_style(style);
            }
            bar.set_message(SimText::ProgressBar.text(lang));
            Self::Bar(bar)
        } else {
            Self::Lines {
                runs,
                done: AtomicU32::new(0),
            }
        }
    }

    fn tick(&self, lang: Lang) {
        match self {
            Self::Bar(bar) => bar.inc(1),
            Self::Lines { runs, done } => {
                let done = done.fetch_add(1, Ordering::Relaxed) + 1;
                let tenth = (runs / 10).max(1);
                if done % tenth == 0 || done == *runs {
                    eprintln!("{}", SimText::Progress { done, runs: *runs }.text(lang));
                }
            }
        }
    }

    fn finish(&self) {
        if let Self::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}

/// Every run of `mc`, shared between `threads` threads that take the next
/// index as they finish one. Each run depends only on its index.
fn run_all(mc: &MonteCarlo, threads: u32, lang: Lang) -> Result<Vec<RunSummary>, Failure> {
    let runs = mc.options().runs;
    let progress = Progress::new(runs, lang);
    let next = AtomicU32::new(0);
    let work = || {
        let mut out = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= runs {
                return Ok(out);
            }
            out.push(mc.run(i).map_err(Failure::Sim)?);
            progress.tick(lang);
        }
    };
    let results: Vec<Result<Vec<RunSummary>, Failure>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads.clamp(1, runs))
            .map(|_| scope.spawn(work))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or(Err(Failure::Worker)))
            .collect()
    });
    progress.finish();
    let mut all = Vec::with_capacity(runs as usize);
    for r in results {
        all.extend(r?);
    }
    all.sort_by_key(|r| r.index);
    Ok(all)
}
