//! Keys and actions: the half of [`App`] that turns what the coordinator
//! presses into new dashboard state and [`Effect`]s for the runtime.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use evacdrill_core::i18n::dashboard::{Dash, FormText};
use evacdrill_core::session::{ClassState, DrillTime, Input, MarshalState, Phase, Scope, Session};

use super::app::{App, Confirm, Effect, FormKind, Mode, Notice};
use super::form::Form;
use super::forms;
use super::keymap::{Action, Context, Key};
use crate::drill::Drill;

impl App {
    /// The keymap context of what is on screen: the open overlay's, else
    /// the phase's.
    #[must_use]
    pub fn key_context(&self, session: &Session) -> Context {
        match &self.mode {
            Mode::Normal => Self::context(session),
            Mode::Help => Context::Help,
            Mode::Posts(_) => Context::Posts,
            Mode::Confirm(_) => Context::Confirm,
            Mode::Form(..) => Context::Form,
        }
    }

    /// A key from the terminal. Every key goes through the keymap, in the
    /// context of what is on screen; in a form, a key the keymap does not
    /// bind edits the field. Ctrl-C is never bound: it asks to quit, or
    /// closes what is open.
    pub fn key(&mut self, key: KeyEvent, drill: &Drill, now: DrillTime) -> Vec<Effect> {
        self.dirty = true;
        let ctrl_c =
            key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
        let context = self.key_context(drill.session());
        let action = self.keymap.action(context, Key::from_event(key));
        let mode = std::mem::replace(&mut self.mode, Mode::Normal);
        match mode {
            Mode::Normal if ctrl_c => self.update(Action::Quit, drill),
            Mode::Normal => action.map_or_else(Vec::new, |a| self.update(a, drill)),
            _ if ctrl_c => Vec::new(),
            Mode::Help => {
                if action != Some(Action::Close) {
                    self.mode = Mode::Help;
                }
                Vec::new()
            }
            Mode::Posts(i) => {
                self.posts_action(i, action);
                Vec::new()
            }
            Mode::Confirm(c) => match action {
                Some(Action::Yes) => self.confirmed(c),
                Some(Action::No) => Vec::new(),
                _ => {
                    self.mode = Mode::Confirm(c);
                    Vec::new()
                }
            },
            Mode::Form(kind, mut form) => match action {
                Some(Action::Submit) => self.form_submitted(kind, form, drill.session(), now),
                Some(Action::Cancel) => Vec::new(),
                other => {
                    match other {
                        Some(Action::NextField) => form.next_field(),
                        Some(Action::PrevField) => form.prev_field(),
                        _ => form.edit(key),
                    }
                    self.mode = Mode::Form(kind, form);
                    Vec::new()
                }
            },
        }
    }

    fn posts_action(&mut self, i: usize, action: Option<Action>) {
        let n = self.posts.len().max(1);
        self.mode = match action {
            Some(Action::NextPost) => Mode::Posts((i + 1) % n),
            Some(Action::PrevPost) => Mode::Posts((i + n - 1) % n),
            Some(Action::RevokePost) => match self.posts.get(i) {
                Some(p) => Mode::Confirm(Confirm::Revoke {
                    key: p.key.clone(),
                    name: p.name.clone(),
                }),
                None => Mode::Posts(i),
            },
            Some(Action::Close) => Mode::Normal,
            _ => Mode::Posts(i),
        };
    }

    /// An input for the drill, from a form that opens again if it is refused.
    pub(super) fn submit_form(&mut self, kind: FormKind, form: Form, input: Input) -> Vec<Effect> {
        self.awaiting = Some((kind, form));
        vec![Effect::Submit(input)]
    }

    /// Carries out one action of the coordinator.
    pub fn update(&mut self, action: Action, drill: &Drill) -> Vec<Effect> {
        self.dirty = true;
        self.notice = None;
        let session = drill.session();
        let submit = |input| vec![Effect::Submit(input)];
        match action {
            Action::Help => self.mode = Mode::Help,
            Action::Posts => {
                if self.posts.is_empty() {
                    self.notice = Some(Notice::Error(self.t(&Dash::NoServer)));
                } else {
                    self.mode = Mode::Posts(0);
                }
            }
            Action::Quit => {
                if Self::live(session) {
                    self.mode = Mode::Confirm(Confirm::Quit);
                } else {
                    self.quit = true;
                }
            }
            Action::Up => self.move_selection(session, drill.records().len(), -1),
            Action::Down => self.move_selection(session, drill.records().len(), 1),
            Action::NextPanel => self.next_focus(session),
            Action::ChecklistOk => {
                let item = self.sel_checklist;
                self.move_selection(session, drill.records().len(), 1);
                return submit(Input::ConfirmChecklist { item });
            }
            Action::ChecklistFail => self.open_checklist_fail(session),
            Action::MarshalPost => return self.marshal_post(session).map_or_else(Vec::new, submit),
            Action::Start => {
                self.mode = Mode::Form(
                    FormKind::Start,
                    forms::start(session, self.rehearsal.is_some(), self.lang),
                );
            }
            Action::ReleaseEarly => {
                if let Some(class) =
                    self.target_class(session, |s| matches!(s, ClassState::Waiting))
                {
                    return submit(Input::Release { class });
                }
            }
            Action::Hold | Action::Resume => {
                if let Some(id) = self.selected_stairwell(session).map(|s| s.id.clone()) {
                    let scope = Scope::Stairwell(id);
                    return submit(if action == Action::Hold {
                        Input::Hold { scope }
                    } else {
                        Input::Resume { scope }
                    });
                }
            }
            Action::HoldAll => return submit(Input::Hold { scope: Scope::All }),
            Action::ResumeAll => return submit(Input::Resume { scope: Scope::All }),
            Action::ClassPassed => {
                if let Some(class) =
                    self.target_class(session, |s| matches!(s, ClassState::Released { .. }))
                {
                    return submit(Input::ClassPassed { class });
                }
            }
            Action::StairwellClear => {
                if let Some(id) = self.selected_stairwell(session).map(|s| s.id.clone()) {
                    return submit(Input::StairwellClear { stairwell: id });
                }
            }
            Action::Congestion | Action::Blocked => self.open_stairwell_report(session, action),
            Action::Problem => {
                let place = self.default_place();
                self.mode =
                    Mode::Form(FormKind::Problem, forms::problem(session, place, self.lang));
            }
            Action::Headcount => self.open_headcount(session),
            Action::Correct => self.start_correction(drill),
            Action::End => self.open_end(session),
            // Bound only while an overlay is open (see `key`).
            Action::Close
            | Action::NextPost
            | Action::PrevPost
            | Action::RevokePost
            | Action::Yes
            | Action::No
            | Action::Submit
            | Action::Cancel
            | Action::NextField
            | Action::PrevField => {}
        }
        Vec::new()
    }

    fn open_checklist_fail(&mut self, session: &Session) {
        if let Some(item) = session.script().drill.checklist.get(self.sel_checklist) {
            let form = forms::reason(
                FormText::ReasonChecklist { item: item.clone() }.text(self.lang),
                self.lang,
            );
            self.mode = Mode::Form(FormKind::ChecklistFail(self.sel_checklist), form);
        }
    }

    fn marshal_post(&self, session: &Session) -> Option<Input> {
        let s = self.selected_stairwell(session)?;
        let id = s.id.clone();
        Some(if s.marshal == MarshalState::AtPost {
            Input::MarshalLeftPost { stairwell: id }
        } else {
            let name = session
                .script()
                .stairwell(&id)
                .and_then(|s| s.marshal.clone());
            Input::MarshalAtPost {
                stairwell: id,
                name,
            }
        })
    }

    fn open_stairwell_report(&mut self, session: &Session, action: Action) {
        let Some(id) = self.selected_stairwell(session).map(|s| s.id.clone()) else {
            return;
        };
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
        self.mode = Mode::Form(kind, forms::reason(title.text(self.lang), self.lang));
    }

    fn open_headcount(&mut self, session: &Session) {
        let pick = self
            .target_class(session, |s| {
                matches!(
                    s,
                    ClassState::Out { .. }
                        | ClassState::Released { .. }
                        | ClassState::Passed { .. }
                )
            })
            .or_else(|| self.target_class(session, |_| true));
        if let Some(class) = pick {
            let form = forms::headcount(session, &class, self.lang);
            self.mode = Mode::Form(FormKind::Headcount(class), form);
        }
    }

    fn open_end(&mut self, session: &Session) {
        if session.phase() == Phase::Accounting && forms::complete(session) {
            self.mode = Mode::Confirm(Confirm::End);
        } else {
            self.mode = Mode::Form(
                FormKind::EndEarly,
                forms::reason(FormText::ReasonEndEarly.text(self.lang), self.lang),
            );
        }
    }
}
