//! The dashboard's state and the one place that changes it.
//!
//! Keys become [`Action`](super::keymap::Action)s through the keymap; [`App::update`] turns an
//! action into a form, a confirmation, a selection, or an [`Effect`] for the
//! runtime to carry out — most often an [`Input`] for the drill. The app
//! never applies an input and never writes the journal: the runtime hands
//! each input to the one live-drill driver ([`crate::drill::Drill`]) and
//! tells the app what came of it ([`App::applied`], [`App::refused`]). The
//! app never reads a clock either: `now` comes with every call.

use std::collections::HashMap;

use evacdrill_core::i18n::Lang;
use evacdrill_core::i18n::dashboard::Dash;
use evacdrill_core::script::{ClassId, StairwellId};
use evacdrill_core::session::{DrillTime, Input, Phase, Replanner, Session, SessionError};

use super::form::Form;
use super::keymap::{Context, Keymap};
use crate::drill::{Applied, Drill};

/// What the app asks the runtime to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Hand this input to the drill, then tell the app what came of it.
    Submit(Input),
    /// Revoke the post's token (a lost phone) and issue a new one.
    Revoke(String),
}

/// Which panel the arrow keys move in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Checklist,
    Stairwells,
    Classes,
    Log,
}

/// What a form, once saved, becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormKind {
    Start,
    Problem,
    Headcount(ClassId),
    EndEarly,
    ChecklistFail(usize),
    Congestion(StairwellId),
    Blocked(StairwellId),
    Correct(u64),
}

/// A phone post (a stairwell's marshal, the assembly point) as the
/// dashboard shows it: its link and the QR code of the link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostView {
    /// The post's key (`stairwell:A`, `assembly`).
    pub key: String,
    pub name: String,
    pub url: String,
    /// The QR code, one text row per two modules, to draw black on white.
    pub qr: Vec<String>,
}

/// A yes/no question before something that cannot be taken back.
#[derive(Debug, Clone, PartialEq)]
pub enum Confirm {
    Quit,
    End,
    Revoke {
        key: String,
        name: String,
    },
    Blocked {
        stairwell: StairwellId,
        note: String,
        preview: Vec<String>,
    },
}

/// What the screen is doing on top of the dashboard.
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    Normal,
    Help,
    /// The phone posts' links and QR codes, one post at a time.
    Posts(usize),
    Form(FormKind, Form),
    Confirm(Confirm),
}

/// The last thing the coordinator should read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Info(String),
    Error(String),
}

/// The whole dashboard, but for the drill itself (which the runtime holds).
pub struct App {
    pub(super) lang: Lang,
    pub(super) keymap: Keymap,
    pub(super) mode: Mode,
    pub(super) focus: Focus,
    pub(super) sel_stairwell: usize,
    pub(super) sel_class: usize,
    pub(super) sel_checklist: usize,
    pub(super) sel_log: usize,
    /// The drill time the screen shows.
    pub(super) now: DrillTime,
    /// Reports that reached the laptop late (queued on a phone): seconds,
    /// by the seq of their first event.
    pub(super) delays: HashMap<u64, u64>,
    pub(super) notice: Option<Notice>,
    /// `Some(speed)` when the simulator drives the drill.
    pub(super) rehearsal: Option<f64>,
    /// Where the session file was written at the end.
    pub(super) saved_to: Option<String>,
    /// Requests from phones refused for a bad token.
    pub(super) unauthorized: u64,
    /// The phone posts, when the phone server runs.
    pub(super) posts: Vec<PostView>,
    /// A form whose input is with the drill: shown again, with the reason,
    /// if the session refuses it.
    pub(super) awaiting: Option<(FormKind, Form)>,
    pub(super) quit: bool,
    /// Whether anything changed since the last frame.
    pub(super) dirty: bool,
    /// For the re-plan preview before a blocked stairwell is confirmed.
    pub(super) planner: Box<dyn Replanner>,
}

impl App {
    /// A dashboard of `drill`, showing the re-plan of a blocked stairwell
    /// through `planner` (the drill's own re-planner) before it is applied.
    #[must_use]
    pub fn new(drill: &Drill, lang: Lang, keymap: Keymap, planner: Box<dyn Replanner>) -> Self {
        let session = drill.session();
        let focus = if session.phase() == Phase::Briefing && !session.checklist().is_empty() {
            Focus::Checklist
        } else {
            Focus::Stairwells
        };
        Self {
            now: session.last_time(),
            lang,
            keymap,
            mode: Mode::Normal,
            focus,
            sel_stairwell: 0,
            sel_class: 0,
            sel_checklist: 0,
            sel_log: drill.records().len().saturating_sub(1),
            delays: HashMap::new(),
            notice: None,
            rehearsal: None,
            saved_to: None,
            unauthorized: 0,
            posts: Vec::new(),
            awaiting: None,
            quit: false,
            dirty: true,
            planner,
        }
    }

    /// Marks the dashboard as a rehearsal at `speed` times real time.
    #[must_use]
    pub fn rehearsing(mut self, speed: f64) -> Self {
        self.rehearsal = Some(speed);
        self
    }

    /// The keymap context of the current phase.
    #[must_use]
    pub fn context(session: &Session) -> Context {
        match session.phase() {
            Phase::Briefing => Context::Briefing,
            Phase::Running => Context::Running,
            Phase::Accounting => Context::Accounting,
            Phase::Ended => Context::Ended,
        }
    }

    /// Whether a drill is under way (leaving must be confirmed).
    #[must_use]
    pub fn live(session: &Session) -> bool {
        matches!(session.phase(), Phase::Running | Phase::Accounting)
    }

    pub(super) fn t(&self, m: &Dash) -> String {
        m.text(self.lang)
    }

    /// The language the dashboard speaks.
    #[must_use]
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The drill time on screen.
    #[must_use]
    pub fn now(&self) -> DrillTime {
        self.now
    }

    /// What is on top of the dashboard.
    #[must_use]
    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// The last thing the coordinator should read.
    #[must_use]
    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    /// Where the session file was written, once it was.
    #[must_use]
    pub fn saved_to(&self) -> Option<&str> {
        self.saved_to.as_deref()
    }

    /// Whether the coordinator asked to leave.
    #[must_use]
    pub fn wants_quit(&self) -> bool {
        self.quit
    }

    /// Whether anything changed since the last frame; clears the mark.
    pub fn take_dirty(&mut self) -> bool {
        std::mem::take(&mut self.dirty)
    }

    /// Something outside the app changed what it shows (a resize).
    pub fn redraw(&mut self) {
        self.dirty = true;
    }

    /// The drill took an input: its events are in the journal (or waiting
    /// for it) and in `drill`'s records. `delay_s`: a phone's report that
    /// was queued offline that long.
    pub fn applied(&mut self, drill: &Drill, applied: &Applied, delay_s: Option<u64>) {
        self.awaiting = None;
        if applied.events.is_empty() {
            return;
        }
        if let Some(d) = delay_s {
            self.delays.insert(applied.first_seq, d);
        }
        self.sel_log = drill.records().len().saturating_sub(1);
        self.now = self.now.max(applied.at);
        self.dirty = true;
    }

    /// The drill refused the coordinator's input: the form it came from
    /// opens again with the reason, or the reason is the notice.
    pub fn refused(&mut self, error: &SessionError) {
        let message = crate::drill::refusal(error, self.lang);
        self.dirty = true;
        match self.awaiting.take() {
            Some((kind, mut form)) => {
                form.error = Some(message);
                self.mode = Mode::Form(kind, form);
            }
            None => self.notice = Some(Notice::Error(message)),
        }
    }

    /// The clock moved on to `now`; `recovered`: the journal caught up.
    pub fn tick(&mut self, session: &Session, now: DrillTime, recovered: bool) {
        if recovered {
            self.notice = Some(Notice::Info(self.t(&Dash::JournalOk)));
            self.dirty = true;
        }
        if Self::live(session) {
            let shown_before = self.now.ms() / 1000;
            self.now = now.max(self.now);
            if self.now.ms() / 1000 != shown_before {
                self.dirty = true;
            }
        }
    }

    /// The phone posts as they now are; with `show`, the posts view opens
    /// on that post (after a revoke).
    pub fn set_posts(&mut self, posts: Vec<PostView>, show: Option<&str>) {
        self.posts = posts;
        if let Some(key) = show {
            let i = self.posts.iter().position(|p| p.key == key).unwrap_or(0);
            self.mode = Mode::Posts(i);
        }
        self.dirty = true;
    }

    /// Requests refused for a bad token so far.
    pub fn set_unauthorized(&mut self, count: u64) {
        if count != self.unauthorized {
            self.unauthorized = count;
            self.dirty = true;
        }
    }

    /// The session file is written at `path`.
    pub fn saved(&mut self, path: String) {
        self.saved_to = Some(path);
        self.dirty = true;
    }

    /// Something the runtime was asked to do failed; `message` says why.
    pub fn failed(&mut self, message: String) {
        self.notice = Some(Notice::Error(message));
        self.dirty = true;
    }
}
