//! The one event loop of the dashboard: terminal events, the clock, reports
//! from phones, and shutdown, in a single `select!`.

use std::io;
use std::time::{Duration, Instant};

use crossterm::event::{Event as TermEvent, EventStream, KeyEventKind};
use futures_util::StreamExt;
use tokio::sync::mpsc;

use evacdrill_core::session::{Input, Phase};

use super::app::App;
use super::clock::Clock;

/// A report from a phone: an input, when it was taken (for a report queued
/// while offline), and where to say whether it was recorded.
pub struct Report {
    pub input: Input,
    /// Seconds between the phone taking it and its arrival.
    pub delay_s: Option<u64>,
    pub reply: tokio::sync::oneshot::Sender<Result<u64, String>>,
}

/// The phone server, as the loop sees it: told of every change, asked for
/// its refusals count, asked to revoke a post's link.
pub trait Phones {
    /// Sends the session's new state to the phones (when it changed).
    fn publish(
        &mut self,
        session: &evacdrill_core::session::Session,
        now: evacdrill_core::session::DrillTime,
    );
    /// Requests refused for a bad token so far.
    fn unauthorized(&self) -> u64;
    /// Revokes the post's link and returns every post as it now is.
    fn revoke(&mut self, key: &str) -> Result<Vec<super::app::PostView>, String>;
}

/// Something that plays the drill forward by itself (the rehearsal).
pub trait Driver {
    /// Called every tick with the app, after the clock's own tick.
    fn step(&mut self, app: &mut App);
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

/// Runs the dashboard until the coordinator leaves or a signal arrives.
///
/// `on_end` is called once, when the session reaches its end (the final
/// session file is written there).
pub async fn run(
    app: &mut App,
    clock: &mut Clock,
    mut reports: mpsc::Receiver<Report>,
    mut driver: Option<Box<dyn Driver>>,
    mut phones: Option<&mut dyn Phones>,
    mut on_end: impl FnMut(&mut App),
) -> io::Result<Exit> {
    let mut terminal = ratatui::try_init()?;
    let mut events = EventStream::new();
    let mut tick = tokio::time::interval(FRAME);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    let mut hup = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup())?;
    let mut last_frame: Option<Instant> = None;
    let mut ended = app.session.phase() == Phase::Ended;
    let exit = loop {
        if app.dirty && last_frame.is_none_or(|t| t.elapsed() >= FRAME) {
            terminal.draw(|f| f.render_widget(&*app, f.area()))?;
            if last_frame.is_none() {
                tracing::info!(ms = since_launch(), "first frame drawn");
            }
            app.dirty = false;
            last_frame = Some(Instant::now());
        }
        tokio::select! {
            event = events.next() => match event {
                Some(Ok(TermEvent::Key(key))) if key.kind != KeyEventKind::Release => app.key(key, clock.now()),
                Some(Ok(TermEvent::Resize(..))) => app.dirty = true,
                Some(Ok(_)) => {}
                Some(Err(e)) => break Err(e),
                None => break Ok(Exit::Quit),
            },
            _ = tick.tick() => {
                app.tick(clock.now());
                if let Some(d) = driver.as_mut() {
                    d.step(app);
                }
            }
            Some(report) = reports.recv() => {
                let seq = app.session.next_seq();
                let before = app.notice.clone();
                let ok = app.submit_delayed(report.input, clock.now(), report.delay_s);
                // A phone is told "recorded" only when the journal has it.
                let answer = match (&app.journal_trouble, ok) {
                    (None, true) => Ok(seq),
                    (Some(trouble), true) => Err(trouble.clone()),
                    (_, false) => Err(match &app.notice {
                        Some(super::app::Notice::Error(e)) => e.clone(),
                        _ => String::new(),
                    }),
                };
                if !ok {
                    // The phone shows its own refusal; the coordinator's
                    // last notice stays.
                    app.notice = before;
                }
                let _ = report.reply.send(answer);
            }
            _ = term.recv() => break Ok(Exit::Signal),
            _ = hup.recv() => break Ok(Exit::Signal),
        }
        if app.session.phase() != Phase::Briefing {
            clock.start();
        }
        if let Some(p) = phones.as_deref_mut() {
            p.publish(&app.session, clock.now());
            let refused = p.unauthorized();
            if refused != app.unauthorized {
                app.unauthorized = refused;
                app.dirty = true;
            }
            if let Some(super::app::Request::Revoke(key)) = app.request.take() {
                match p.revoke(&key) {
                    Ok(posts) => {
                        app.posts = posts;
                        let i = app.posts.iter().position(|p| p.key == key).unwrap_or(0);
                        app.mode = super::app::Mode::Posts(i);
                    }
                    Err(e) => app.notice = Some(super::app::Notice::Error(e)),
                }
                app.dirty = true;
            }
        }
        if !ended && app.session.phase() == Phase::Ended {
            ended = true;
            on_end(app);
            app.dirty = true;
        }
        if app.quit {
            break Ok(Exit::Quit);
        }
    };
    ratatui::restore();
    exit
}
