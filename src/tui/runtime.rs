//! The one event loop of the dashboard: terminal events, the clock, reports
//! from phones, and shutdown, in a single `select!`.
//!
//! The loop owns nothing of the drill's: every input — a key's, a phone's,
//! the rehearsal's, the clock's — goes to [`Drill::apply`] or
//! [`Drill::tick`], and the app is told what came of it.

use std::io;
use std::time::{Duration, Instant};

use crossterm::event::{Event as TermEvent, EventStream, KeyEventKind};
use futures_util::StreamExt;
use tokio::sync::mpsc;

use evacdrill_core::session::{DrillTime, Input, Phase};

use super::app::{App, Effect, PostView};
use super::clock::Clock;
use super::view::Screen;
use crate::drill::{Drill, Report};

/// The phone server, as the loop sees it (it sees the drill's changes as a
/// view of the drill): asked for its refusals count, told to revoke a post.
pub trait Phones {
    /// Requests refused for a bad token so far.
    fn unauthorized(&self) -> u64;
    /// Revokes the post's link and returns every post as it now is.
    fn revoke(&mut self, key: &str) -> Result<Vec<PostView>, String>;
}

/// Something that plays the drill forward by itself (the rehearsal): it
/// reads the drill and answers with the inputs its people would give.
pub trait Rehearse {
    /// Called every tick, after the clock's own tick.
    fn step(&mut self, drill: &Drill, now: DrillTime) -> Vec<Input>;
}

/// Why the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The coordinator left (the drill ended, or they confirmed leaving).
    Quit,
    /// SIGTERM or SIGHUP.
    Signal,
}

/// Milliseconds since the process started (the binary records the moment;
/// tests and benchmarks have none, and say 0).
fn since_launch() -> u128 {
    crate::STARTED.get().map_or(0, |t| t.elapsed().as_millis())
}

/// The most frames a second: enough for a clock, cheap for a laptop.
const FRAME: Duration = Duration::from_millis(100);

/// What the loop is run with besides the app and the drill.
pub struct Sources<'a> {
    pub reports: mpsc::Receiver<Report>,
    pub rehearsal: Option<Box<dyn Rehearse>>,
    pub phones: Option<&'a mut dyn Phones>,
}

/// Carries out what the app asked for; inputs go to the drill.
pub fn perform(
    app: &mut App,
    drill: &mut Drill,
    mut phones: Option<&mut (dyn Phones + '_)>,
    effects: Vec<Effect>,
    now: DrillTime,
) {
    for effect in effects {
        match effect {
            Effect::Submit(input) => match drill.apply(input, now) {
                Ok(applied) => app.applied(drill, &applied, None),
                Err(e) => app.refused(&e),
            },
            Effect::Revoke(key) => match phones.as_deref_mut().map(|p| p.revoke(&key)) {
                Some(Ok(posts)) => app.set_posts(posts, Some(&key)),
                Some(Err(e)) => app.failed(e),
                None => {}
            },
        }
    }
}

/// A phone's report: applied, and answered only once the journal has it.
/// A refusal goes back to the phone; the coordinator's notice stays.
fn phone_report(app: &mut App, drill: &mut Drill, report: Report, now: DrillTime) {
    let delay = report.delay_s;
    if let Some(applied) = drill.report(report, now, app.lang()) {
        app.applied(drill, &applied, delay);
    }
}

/// The clock moved on: the drill's tick, then the rehearsal's people.
pub(crate) fn tick(
    app: &mut App,
    drill: &mut Drill,
    rehearsal: Option<&mut Box<dyn Rehearse>>,
    now: DrillTime,
) {
    let ticked = drill.tick(now);
    if let Some(applied) = &ticked.applied {
        app.applied(drill, applied, None);
    }
    app.tick(drill.session(), now, ticked.recovered);
    if let Some(r) = rehearsal {
        for input in r.step(drill, now) {
            // A simulated report the session refuses (the coordinator
            // already entered it) is nobody's mistake.
            if let Ok(applied) = drill.apply(input, now) {
                app.applied(drill, &applied, None);
            }
        }
    }
}

/// Runs the dashboard until the coordinator leaves or a signal arrives.
///
/// `on_end` is called once, when the session reaches its end (the final
/// session file is written there).
pub async fn run(
    app: &mut App,
    drill: &mut Drill,
    clock: &mut Clock,
    sources: Sources<'_>,
    mut on_end: impl FnMut(&mut App, &mut Drill),
) -> io::Result<Exit> {
    let Sources {
        mut reports,
        mut rehearsal,
        mut phones,
    } = sources;
    let mut terminal = ratatui::try_init()?;
    let mut events = EventStream::new();
    let mut ticks = tokio::time::interval(FRAME);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    let mut hup = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup())?;
    let mut last_frame: Option<Instant> = None;
    let mut ended = drill.session().phase() == Phase::Ended;
    let exit = loop {
        if last_frame.is_none_or(|t| t.elapsed() >= FRAME) && app.take_dirty() {
            terminal.draw(|f| f.render_widget(Screen::new(app, drill), f.area()))?;
            if last_frame.is_none() {
                tracing::info!(ms = since_launch(), "first frame drawn");
            }
            last_frame = Some(Instant::now());
        }
        tokio::select! {
            event = events.next() => match event {
                Some(Ok(TermEvent::Key(key))) if key.kind != KeyEventKind::Release => {
                    let effects = app.key(key, drill, clock.now());
                    perform(app, drill, phones.as_deref_mut(), effects, clock.now());
                }
                Some(Ok(TermEvent::Resize(..))) => app.redraw(),
                Some(Ok(_)) => {}
                Some(Err(e)) => break Err(e),
                None => break Ok(Exit::Quit),
            },
            _ = ticks.tick() => tick(app, drill, rehearsal.as_mut(), clock.now()),
            Some(report) = reports.recv() => phone_report(app, drill, report, clock.now()),
            _ = term.recv() => break Ok(Exit::Signal),
            _ = hup.recv() => break Ok(Exit::Signal),
        }
        if drill.session().phase() != Phase::Briefing {
            clock.start();
        }
        if let Some(p) = phones.as_deref() {
            app.set_unauthorized(p.unauthorized());
        }
        if !ended && drill.session().phase() == Phase::Ended {
            ended = true;
            on_end(app, drill);
            app.redraw();
        }
        if app.wants_quit() {
            break Ok(Exit::Quit);
        }
    };
    ratatui::restore();
    exit
}
