//! The dashboard's state and the one place that changes it.
//!
//! Keys become [`Action`]s through the keymap; [`App::update`] turns an
//! action into a form, a confirmation or an [`Input`] for the session; every
//! input goes through [`App::submit`], which applies it to the session and
//! has the resulting events recorded (journal, synced) before the screen
//! shows them. The app never reads a clock: the runtime passes `now`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use evacdrill_core::i18n::Lang;
use evacdrill_core::i18n::dashboard::{Dash, FormText};
use evacdrill_core::script::{ClassId, StairwellId};
use evacdrill_core::session::{
    ClassState, DrillTime, Event, Input, MarshalState, Phase, Replanner, Scope, Session,
};

use super::form::{Form, Outcome};
use super::forms;
use super::keymap::{Action, Context, Key, Keymap};

/// Where events go before anyone sees them: the journal, appended and synced.
pub trait Recorder {
    /// Records `events`, produced at drill time `at`. `Err` says why they are
    /// not on disk yet; the recorder keeps them and retries.
    fn record(&mut self, at: DrillTime, events: &[Event]) -> Result<(), String>;
    /// Tries again to write what is kept in memory.
    fn retry(&mut self) -> Result<(), String>;
    /// Events kept in memory, not yet on disk.
    fn pending(&self) -> usize;
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

/// Something only the runtime can do, asked for by an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Revoke the post's token (a lost phone) and issue a new one.
    Revoke(String),
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

/// A line of the event log.
#[derive(Debug, Clone, PartialEq)]
pub struct LogLine {
    pub seq: u64,
    pub at: DrillTime,
    pub event: Event,
    /// A report that reached the laptop late (queued on a phone), in seconds.
    pub delay_s: Option<u64>,
}

/// The last thing the coordinator should read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Info(String),
    Error(String),
}

/// The whole dashboard.
pub struct App {
    pub session: Session,
    pub lang: Lang,
    pub keymap: Keymap,
    pub mode: Mode,
    pub focus: Focus,
    pub sel_stairwell: usize,
    pub sel_class: usize,
    pub sel_checklist: usize,
    pub sel_log: usize,
    /// The drill time the screen shows.
    pub now: DrillTime,
    pub log: Vec<LogLine>,
    pub notice: Option<Notice>,
    /// Why the journal is behind, while it is.
    pub journal_trouble: Option<String>,
    /// `Some(speed)` when the simulator drives the drill.
    pub rehearsal: Option<f64>,
    /// Where the session file was written at the end.
    pub saved_to: Option<String>,
    /// Requests from phones refused for a bad token.
    pub unauthorized: u64,
    /// The phone posts, when the phone server runs.
    pub posts: Vec<PostView>,
    /// What the runtime is asked to do next.
    pub request: Option<Request>,
    pub quit: bool,
    /// Whether anything changed since the last frame.
    pub dirty: bool,
    recorder: Box<dyn Recorder>,
    pub(super) planner: Box<dyn Replanner>,
}

impl App {
    /// A dashboard for `session`, recording through `recorder` and
    /// re-planning blocked stairwells through `planner`.
    #[must_use]
    pub fn new(
        session: Session,
        lang: Lang,
        keymap: Keymap,
        recorder: Box<dyn Recorder>,
        planner: Box<dyn Replanner>,
    ) -> Self {
        let focus = if session.phase() == Phase::Briefing && !session.checklist().is_empty() {
            Focus::Checklist
        } else {
            Focus::Stairwells
        };
        Self {
            now: session.last_time(),
            session,
            lang,
            keymap,
            mode: Mode::Normal,
            focus,
            sel_stairwell: 0,
            sel_class: 0,
            sel_checklist: 0,
            sel_log: 0,
            log: Vec::new(),
            notice: None,
            journal_trouble: None,
            rehearsal: None,
            saved_to: None,
            unauthorized: 0,
            posts: Vec::new(),
            request: None,
            quit: false,
            dirty: true,
            recorder,
            planner,
        }
    }

    /// The keymap context of the current phase.
    #[must_use]
    pub fn context(&self) -> Context {
        match self.session.phase() {
            Phase::Briefing => Context::Briefing,
            Phase::Running => Context::Running,
            Phase::Accounting => Context::Accounting,
            Phase::Ended => Context::Ended,
        }
    }

    /// Whether a drill is under way (leaving must be confirmed).
    #[must_use]
    pub fn live(&self) -> bool {
        matches!(self.session.phase(), Phase::Running | Phase::Accounting)
    }

    fn t(&self, m: &Dash) -> String {
        m.text(self.lang)
    }

    /// Applies `input` at `now`, records the events, and says what happened.
    ///
    /// Returns whether the session accepted it.
    pub fn submit(&mut self, input: Input, now: DrillTime) -> bool {
        self.submit_delayed(input, now, None)
    }

    /// Like [`App::submit`], for a report that was taken `delay_s` earlier on
    /// a phone and queued while it was offline.
    pub fn submit_delayed(&mut self, input: Input, now: DrillTime, delay_s: Option<u64>) -> bool {
        let now = now.max(self.session.last_time());
        let first_seq = self.session.next_seq();
        match self.session.apply_with(input, now, self.planner.as_ref()) {
            Ok(events) => {
                if events.is_empty() {
                    return true;
                }
                match self.recorder.record(now, &events) {
                    Ok(()) => self.journal_trouble = None,
                    Err(e) => self.journal_trouble = Some(e),
                }
                for (i, event) in events.into_iter().enumerate() {
                    self.log.push(LogLine {
                        seq: first_seq + i as u64,
                        at: now,
                        event,
                        delay_s,
                    });
                }
                self.sel_log = self.log.len().saturating_sub(1);
                self.now = self.now.max(now);
                self.dirty = true;
                true
            }
            Err(e) => {
                self.notice = Some(Notice::Error(self.t(&Dash::Refused {
                    reason: evacdrill_core::i18n::session::error(&e, self.lang),
                })));
                self.dirty = true;
                false
            }
        }
    }

    /// The clock moved on: releases that are due happen, the journal retries.
    pub fn tick(&mut self, now: DrillTime) {
        if self.journal_trouble.is_some() || self.recorder.pending() > 0 {
            match self.recorder.retry() {
                Ok(()) => {
                    if self.journal_trouble.take().is_some() {
                        self.notice = Some(Notice::Info(self.t(&Dash::JournalOk)));
                        self.dirty = true;
                    }
                }
                Err(e) => self.journal_trouble = Some(e),
            }
        }
        if self.live() {
            let shown_before = self.now.ms() / 1000;
            self.now = now.max(self.now);
            if self.now.ms() / 1000 != shown_before {
                self.dirty = true;
            }
            self.submit(Input::Tick, now);
        }
    }

    /// Events kept in memory because the journal could not take them.
    #[must_use]
    pub fn pending(&self) -> usize {
        self.recorder.pending()
    }

    /// A key from the terminal.
    pub fn key(&mut self, key: KeyEvent, now: DrillTime) {
        self.dirty = true;
        let ctrl_c =
            key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
        let mode = std::mem::replace(&mut self.mode, Mode::Normal);
        match mode {
            Mode::Help => {
                if !matches!(
                    key.code,
                    KeyCode::Esc | KeyCode::Char('?' | 'q') | KeyCode::F(1)
                ) && !ctrl_c
                {
                    self.mode = Mode::Help;
                }
            }
            Mode::Posts(i) => {
                let n = self.posts.len().max(1);
                match key.code {
                    KeyCode::Right | KeyCode::Char('l' | 'j') | KeyCode::Down | KeyCode::Tab => {
                        self.mode = Mode::Posts((i + 1) % n);
                    }
                    KeyCode::Left | KeyCode::Char('h' | 'k') | KeyCode::Up | KeyCode::BackTab => {
                        self.mode = Mode::Posts((i + n - 1) % n);
                    }
                    KeyCode::Char('r') => {
                        if let Some(p) = self.posts.get(i) {
                            self.mode = Mode::Confirm(Confirm::Revoke {
                                key: p.key.clone(),
                                name: p.name.clone(),
                            });
                        }
                    }
                    KeyCode::Esc | KeyCode::Char('q' | 'P') => {}
                    _ if ctrl_c => {}
                    _ => self.mode = Mode::Posts(i),
                }
            }
            Mode::Confirm(c) => match key.code {
                KeyCode::Char('y' | 'Y') => self.confirmed(c, now),
                KeyCode::Char('n' | 'N') | KeyCode::Esc => {}
                _ => self.mode = Mode::Confirm(c),
            },
            Mode::Form(kind, mut form) => {
                if ctrl_c {
                    return;
                }
                match form.key(key) {
                    Outcome::Editing => self.mode = Mode::Form(kind, form),
                    Outcome::Cancel => {}
                    Outcome::Submit => self.form_submitted(kind, form, now),
                }
            }
            Mode::Normal => {
                if ctrl_c {
                    self.update(Action::Quit, now);
                } else if let Some(action) =
                    self.keymap.action(self.context(), Key::from_event(key))
                {
                    self.update(action, now);
                }
            }
        }
    }

    /// Carries out one action of the coordinator.
    #[allow(clippy::too_many_lines)] // split in the dashboard/driver rework
    pub fn update(&mut self, action: Action, now: DrillTime) {
        self.dirty = true;
        self.notice = None;
        let lang = self.lang;
        match action {
            Action::Help => self.mode = Mode::Help,
            Action::Posts => {
                if self.posts.is_empty() {
                    self.notice = Some(Notice::Error(
                        evacdrill_core::i18n::dashboard::Dash::NoServer.text(lang),
                    ));
                } else {
                    self.mode = Mode::Posts(0);
                }
            }
            Action::Quit => {
                if self.live() {
                    self.mode = Mode::Confirm(Confirm::Quit);
                } else {
                    self.quit = true;
                }
            }
            Action::Up => self.move_selection(-1),
            Action::Down => self.move_selection(1),
            Action::NextPanel => self.next_focus(),
            Action::ChecklistOk => {
                self.submit(
                    Input::ConfirmChecklist {
                        item: self.sel_checklist,
                    },
                    now,
                );
                self.move_selection(1);
            }
            Action::ChecklistFail => {
                if let Some(item) = self
                    .session
                    .script()
                    .drill
                    .checklist
                    .get(self.sel_checklist)
                {
                    let form = forms::reason(
                        FormText::ReasonChecklist { item: item.clone() }.text(lang),
                        lang,
                    );
                    self.mode = Mode::Form(FormKind::ChecklistFail(self.sel_checklist), form);
                }
            }
            Action::MarshalPost => {
                if let Some(s) = self.selected_stairwell() {
                    let id = s.id.clone();
                    let at_post = s.marshal == MarshalState::AtPost;
                    let name = self
                        .session
                        .script()
                        .stairwell(&id)
                        .and_then(|s| s.marshal.clone());
                    let input = if at_post {
                        Input::MarshalLeftPost { stairwell: id }
                    } else {
                        Input::MarshalAtPost {
                            stairwell: id,
                            name,
                        }
                    };
                    self.submit(input, now);
                }
            }
            Action::Start => {
                self.mode = Mode::Form(
                    FormKind::Start,
                    forms::start(&self.session, self.rehearsal.is_some(), lang),
                );
            }
            Action::ReleaseEarly => {
                if let Some(class) = self.target_class(|s| matches!(s, ClassState::Waiting)) {
                    self.submit(Input::Release { class }, now);
                }
            }
            Action::Hold | Action::Resume => {
                if let Some(id) = self.selected_stairwell().map(|s| s.id.clone()) {
                    let scope = Scope::Stairwell(id);
                    let input = if action == Action::Hold {
                        Input::Hold { scope }
                    } else {
                        Input::Resume { scope }
                    };
                    self.submit(input, now);
                }
            }
            Action::HoldAll => {
                self.submit(Input::Hold { scope: Scope::All }, now);
            }
            Action::ResumeAll => {
                self.submit(Input::Resume { scope: Scope::All }, now);
            }
            Action::ClassPassed => {
                if let Some(class) = self.target_class(|s| matches!(s, ClassState::Released { .. }))
                {
                    self.submit(Input::ClassPassed { class }, now);
                }
            }
            Action::StairwellClear => {
                if let Some(id) = self.selected_stairwell().map(|s| s.id.clone()) {
                    self.submit(Input::StairwellClear { stairwell: id }, now);
                }
            }
            Action::Congestion | Action::Blocked => {
                if let Some(id) = self.selected_stairwell().map(|s| s.id.clone()) {
                    let (title, kind) = if action == Action::Congestion {
                        (
                            FormText::ReasonCongestion { id: id.0.clone() },
                            FormKind::Congestion(id),
                        )
                    } else {
                        (
                            FormText::ReasonBlocked { id: id.0.clone() },
                            FormKind::Blocked(id),
                        )
                    };
                    self.mode = Mode::Form(kind, forms::reason(title.text(lang), lang));
                }
            }
            Action::Problem => {
                let place = self.default_place();
                self.mode = Mode::Form(
                    FormKind::Problem,
                    forms::problem(&self.session, place, lang),
                );
            }
            Action::Headcount => {
                let pick = self
                    .target_class(|s| {
                        matches!(s, ClassState::Out { .. } | ClassState::Released { .. })
                    })
                    .or_else(|| self.target_class(|_| true));
                if let Some(class) = pick {
                    let form = forms::headcount(&self.session, &class, lang);
                    self.mode = Mode::Form(FormKind::Headcount(class), form);
                }
            }
            Action::Correct => self.start_correction(),
            Action::End => {
                if self.session.phase() == Phase::Accounting && forms::complete(&self.session) {
                    self.mode = Mode::Confirm(Confirm::End);
                } else {
                    self.mode = Mode::Form(
                        FormKind::EndEarly,
                        forms::reason(FormText::ReasonEndEarly.text(lang), lang),
                    );
                }
            }
        }
    }
}
