//! What a finished form or a confirmed question does: the second half of
//! [`App::update`], for the actions that ask before they act.

use evacdrill_core::i18n::dashboard::FormText;
use evacdrill_core::session::{DrillTime, Event, Input};

use super::app::Focus;
use super::app::{App, Confirm, FormKind, Mode, Notice, Request};
use super::form::Form;
use super::forms;

impl App {
    pub(super) fn start_correction(&mut self) {
        let lang = self.lang;
        if self.focus != Focus::Log || self.log.is_empty() {
            self.notice = Some(Notice::Error(FormText::SelectEntry.text(lang)));
            return;
        }
        let Some(line) = self.log.get(self.sel_log) else {
            return;
        };
        let seq = line.seq;
        if let Event::HeadcountTaken(h) = &line.event {
            let mut form = forms::headcount(&self.session, &h.class, lang);
            forms::prefill_headcount(&mut form, h);
            self.mode = Mode::Form(FormKind::Correct(seq), form);
        } else {
            let entry =
                evacdrill_core::i18n::session::event(&line.event, self.session.script(), lang);
            let form = forms::reason(FormText::ReasonCorrect { entry }.text(lang), lang);
            self.mode = Mode::Form(FormKind::Correct(seq), form);
        }
    }

    pub(super) fn form_submitted(&mut self, kind: FormKind, mut form: Form, now: DrillTime) {
        let built = forms::build(&kind, &form, &self.session, self.lang);
        match built {
            Err(message) => {
                form.error = Some(message);
                self.mode = Mode::Form(kind, form);
            }
            Ok(forms::Built::Input(input)) => {
                if !self.submit(input, now) {
                    if let Some(Notice::Error(e)) = self.notice.take() {
                        form.error = Some(e);
                    }
                    self.mode = Mode::Form(kind, form);
                }
            }
            Ok(forms::Built::PreviewBlocked { stairwell, note }) => {
                let preview = forms::replan_preview(
                    &self.session,
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
            }
        }
    }

    pub(super) fn confirmed(&mut self, c: Confirm, now: DrillTime) {
        match c {
            Confirm::Quit => self.quit = true,
            Confirm::End => {
                self.submit(Input::End, now);
            }
            Confirm::Blocked {
                stairwell, note, ..
            } => {
                self.submit(Input::Blocked { stairwell, note }, now);
            }
            Confirm::Revoke { key, .. } => self.request = Some(Request::Revoke(key)),
        }
    }
}
