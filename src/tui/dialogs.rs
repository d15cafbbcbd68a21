//! What a finished form or a confirmed question does: the second half of
//! [`App::update`], for the actions that ask before they act.

use evacdrill_core::i18n::dashboard::FormText;
use evacdrill_core::session::{DrillTime, Event, Input, Session};

use super::app::{App, Confirm, Effect, Focus, FormKind, Mode, Notice};
use super::form::Form;
use super::forms;
use crate::drill::Drill;

impl App {
    pub(super) fn start_correction(&mut self, drill: &Drill) {
        let lang = self.lang;
        let records = drill.records();
        if self.focus != Focus::Log || records.is_empty() {
            self.notice = Some(Notice::Error(FormText::SelectEntry.text(lang)));
            return;
        }
        let Some(line) = records.get(self.sel_log) else {
            return;
        };
        let session = drill.session();
        let seq = line.seq;
        if let Event::HeadcountTaken(h) = &line.event {
            let mut form = forms::headcount(session, &h.class, lang);
            forms::prefill_headcount(&mut form, h);
            self.mode = Mode::Form(FormKind::Correct(seq), form);
        } else {
            let entry = evacdrill_core::i18n::session::event(&line.event, session.script(), lang);
            let form = forms::reason(FormText::ReasonCorrect { entry }.text(lang), lang);
            self.mode = Mode::Form(FormKind::Correct(seq), form);
        }
    }

    pub(super) fn form_submitted(
        &mut self,
        kind: FormKind,
        mut form: Form,
        session: &Session,
        now: DrillTime,
    ) -> Vec<Effect> {
        match forms::build(&kind, &form, session, self.lang) {
            Err(message) => {
                form.error = Some(message);
                self.mode = Mode::Form(kind, form);
                Vec::new()
            }
            Ok(forms::Built::Input(input)) => self.submit_form(kind, form, input),
            Ok(forms::Built::PreviewBlocked { stairwell, note }) => {
                let preview = forms::replan_preview(
                    session,
                    self.planner.as_ref(),
                    &stairwell,
                    now,
                    self.lang,
                );
                match preview {
                    Ok(preview) => {
                        self.mode = Mode::Confirm(Confirm::Blocked {
                            stairwell,
                            note,
                            preview,
                        });
                    }
                    Err(e) => {
                        form.error = Some(e);
                        self.mode = Mode::Form(kind, form);
                    }
                }
                Vec::new()
            }
        }
    }

    pub(super) fn confirmed(&mut self, c: Confirm) -> Vec<Effect> {
        match c {
            Confirm::Quit => {
                self.quit = true;
                Vec::new()
            }
            Confirm::End => vec![Effect::Submit(Input::End)],
            Confirm::Blocked {
                stairwell, note, ..
            } => vec![Effect::Submit(Input::Blocked { stairwell, note })],
            Confirm::Revoke { key, .. } => vec![Effect::Revoke(key)],
        }
    }
}
