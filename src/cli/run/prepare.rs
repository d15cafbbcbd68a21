//! Getting a drill ready to run: a new one from the script (planned, its
//! journal created) or an unfinished one taken up again from its journal.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use evacdrill_core::i18n::Lang;
use evacdrill_core::i18n::dashboard::RunText;
use evacdrill_core::plan::Plan;
use evacdrill_core::plan::replan::{self, PlanReplanner};
use evacdrill_core::plan::robust::Control;
use evacdrill_core::script::{Policy, Script};
use evacdrill_core::session::{DrillTime, Phase};

use crate::cli::parallel::Parallel;

use super::RunArgs;
use crate::drill::{Drill, NewDrill, SystemWall};
use crate::store::journal::Journal;
use crate::store::script_file;
use crate::store::session_file;
use crate::tui::clock::Clock;

/// A drill ready for the dashboard, and its clock.
pub struct Prepared {
    pub drill: Drill,
    pub clock: Clock,
    /// The robustness control of the plan in force, for every re-plan.
    pub control: Control,
}

/// The plan `evacdrill plan` prints for this script: judged under
/// variation, with its robustness control.
fn robust_plan(script: &Script, policy: Option<Policy>, lang: Lang) -> Result<Plan, String> {
    replan::robust_initial(script, policy, lang, &Parallel::all_cores())
}

fn replanner(plan: &Plan, lang: Lang, policy: Option<Policy>) -> PlanReplanner {
    PlanReplanner::for_plan(plan, lang, policy)
}

/// A new drill of `args.script` (or, if the coordinator says so, the
/// unfinished drill of the same script found in the output folder).
pub fn start_new(args: &RunArgs, lang: Lang, speed: f64) -> Result<Prepared, ()> {
    let t = |m: RunText| m.text(lang);
    let checked = script_file::load(&args.script);
    let file = args.script.display().to_string();
    let color = super::super::stderr_color();
    for d in checked.diagnostics.iter().filter(|d| d.is_error()) {
        eprintln!(
            "{}",
            super::super::diagnostics::render(&file, &checked.source, d, lang, color)
        );
    }
    let script: Script = checked.script.ok_or(())?;
    let stem = args
        .script
        .file_stem()
        .map_or_else(|| "drill".into(), |s| s.to_string_lossy().into_owned());
    if let Some(path) = offer_unfinished(&args.out, &stem, lang) {
        return resume(&path, args.policy, lang, speed);
    }
    let plan = robust_plan(&script, args.policy, lang).map_err(|e| {
        eprintln!("{}", t(RunText::PlanFailed { detail: e }));
    })?;
    let planner = replanner(&plan, lang, args.policy);
    let control = planner.control.clone();
    let schedule = plan.schedule();
    let journal_failed = |detail: String| eprintln!("{}", t(RunText::JournalFailed { detail }));
    std::fs::create_dir_all(&args.out)
        .map_err(|e| journal_failed(format!("{}: {e}", args.out.display())))?;
    let stamp = jiff::Zoned::now().strftime("%Y%m%d-%H%M%S").to_string();
    let journal = args.out.join(format!("{stem}-{stamp}.journal.jsonl"));
    let drill = Drill::create(
        NewDrill {
            journal: &journal,
            script_name: &file,
            script_toml: &checked.source,
            script,
            schedule,
        },
        Box::new(planner),
        Box::new(SystemWall),
    )
    .map_err(|e| journal_failed(e.to_string()))?;
    Ok(Prepared {
        drill,
        clock: Clock::new(DrillTime::ZERO, speed),
        control,
    })
}

/// The unfinished drill of this script in `dir`, if there is one and the
/// coordinator, asked at the terminal, wants to go on with it.
fn offer_unfinished(dir: &Path, stem: &str, lang: Lang) -> Option<PathBuf> {
    let (path, last) = find_unfinished(dir, stem)?;
    println!(
        "{}",
        RunText::Unfinished {
            path: path.display().to_string(),
            last: crate::tui::widgets::mmss(last)
        }
        .text(lang)
    );
    if !std::io::stdin().is_terminal() {
        return None;
    }
    print!("{}", RunText::ResumeQuestion.text(lang));
    let _ = std::io::stdout().flush();
    let mut answer = String::new();
    let _ = std::io::stdin().lock().read_line(&mut answer);
    matches!(answer.trim(), "y" | "Y" | "yes" | "是").then_some(path)
}

/// The drill recorded in the journal at `path`, taken up again.
pub fn resume(path: &Path, policy: Option<Policy>, lang: Lang, speed: f64) -> Result<Prepared, ()> {
    let t = |m: RunText| m.text(lang);
    // The re-planner keeps the plan's robustness control: the same script
    // and policy give the same judgement, so it is made again.
    let judged = Journal::read(path)
        .map_err(|e| e.to_string())
        .and_then(|scan| {
            evacdrill_core::script::check_str(&scan.header.script_toml)
                .script
                .ok_or_else(|| "the journal's script does not check".to_owned())
        })
        .and_then(|s| robust_plan(&s, policy, lang));
    let control = match judged {
        Ok(p) => replanner(&p, lang, policy).control,
        Err(detail) => {
            // Resuming matters more than the control: say so and go on.
            eprintln!("{}", t(RunText::ControlLost { detail }));
            Control::None
        }
    };
    let planner = PlanReplanner {
        lang,
        policy,
        control: control.clone(),
    };
    let resumed = Drill::resume(path, Box::new(planner), Box::new(SystemWall)).map_err(|e| {
        eprintln!(
            "{}",
            t(RunText::ResumeFailed {
                detail: e.to_string()
            })
        );
    })?;
    if let Some(cut) = &resumed.cut {
        eprintln!(
            "{}",
            t(RunText::CutLine {
                line: cut.line,
                bytes: cut.bytes
            })
        );
    }
    let mut clock = Clock::new(resumed.now, speed);
    if resumed.drill.session().phase() != Phase::Briefing {
        clock.start();
    }
    Ok(Prepared {
        drill: resumed.drill,
        clock,
        control,
    })
}

/// The newest journal of this script in `dir` whose drill did not end, with
/// the drill time of its last entry.
fn find_unfinished(dir: &Path, stem: &str) -> Option<(PathBuf, DrillTime)> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                n.starts_with(&format!("{stem}-")) && n.ends_with(".journal.jsonl")
            })
        })
        .filter(|p| !session_file::beside(p).exists())
        .collect();
    found.sort();
    let path = found.pop()?;
    let scan = Journal::read(&path).ok()?;
    let ended = scan
        .records
        .iter()
        .any(|r| matches!(r.event, evacdrill_core::session::Event::Ended { .. }));
    let started = !scan.records.is_empty();
    (!ended && started).then(|| {
        (
            path,
            DrillTime(scan.records.last().map_or(0, |r| r.drill_ms)),
        )
    })
}
