//! What the arrow keys point at, and which class or stairwell an action is
//! about.

use evacdrill_core::script::ClassId;
use evacdrill_core::session::{ClassState, Phase, Session, StairwellStatus};

use super::app::{App, Focus};

impl App {
    pub(super) fn default_place(&self) -> usize {
        match self.focus {
            Focus::Stairwells => 1 + self.sel_stairwell,
            _ => 0,
        }
    }

    /// The selected stairwell's status.
    #[must_use]
    pub fn selected_stairwell<'s>(&self, session: &'s Session) -> Option<&'s StairwellStatus> {
        session.stairwells().get(self.sel_stairwell)
    }

    /// The class an action is about: the selected class when the class table
    /// has focus, else the first class of the selected stairwell in the
    /// state the action needs (in planned order).
    pub(super) fn target_class(
        &self,
        session: &Session,
        wanted: impl Fn(&ClassState) -> bool,
    ) -> Option<ClassId> {
        if self.focus == Focus::Classes {
            return session
                .classes()
                .get(self.sel_class)
                .filter(|c| wanted(&c.state))
                .map(|c| c.id.clone());
        }
        let stair = self.selected_stairwell(session)?.id.clone();
        let mut candidates: Vec<(u64, ClassId)> = session
            .classes()
            .iter()
            .filter(|c| c.stairwell == stair && wanted(&c.state))
            .map(|c| {
                let order = match &c.state {
                    ClassState::Released { at } | ClassState::Passed { released: at, .. } => {
                        at.ms()
                    }
                    _ => session
                        .schedule()
                        .release(&c.id)
                        .map_or(u64::MAX, |r| r.at.ms()),
                };
                (order, c.id.clone())
            })
            .collect();
        candidates.sort();
        candidates.into_iter().next().map(|(_, id)| id)
    }

    pub(super) fn next_focus(&mut self, session: &Session) {
        let order: &[Focus] = if session.phase() == Phase::Briefing {
            &[Focus::Checklist, Focus::Stairwells, Focus::Log]
        } else {
            &[Focus::Stairwells, Focus::Classes, Focus::Log]
        };
        let i = order
            .iter()
            .position(|f| *f == self.focus)
            .map_or(0, |i| (i + 1) % order.len());
        self.focus = order[i];
    }

    pub(super) fn move_selection(&mut self, session: &Session, log_len: usize, by: isize) {
        let (sel, len) = match self.focus {
            Focus::Checklist => (&mut self.sel_checklist, session.checklist().len()),
            Focus::Stairwells => (&mut self.sel_stairwell, session.stairwells().len()),
            Focus::Classes => (&mut self.sel_class, session.classes().len()),
            Focus::Log => (&mut self.sel_log, log_len),
        };
        if len == 0 {
            return;
        }
        *sel = sel.saturating_add_signed(by).min(len - 1);
    }
}
