//! The inputs that bring the drill to its end: a class passed (its last
//! person on the stair at its floor; not yet out), a stairwell clear (its
//! classes out), a headcount, and the end itself.

use crate::script::{ClassId, StairwellId};

use super::LIVE;
use crate::session::Session;
use crate::session::error::SessionError;
use crate::session::event::Event;
use crate::session::input::Headcount;
use crate::session::state::ClassState;

impl Session {
    pub(super) fn decide_class_passed(&self, class: ClassId) -> Result<Vec<Event>, SessionError> {
        self.allow("class_passed", LIVE)?;
        match self.class_status(&class)?.state {
            ClassState::Waiting => Err(SessionError::NotReleased(class)),
            ClassState::Released { .. } => Ok(vec![Event::ClassPassed { class }]),
            ClassState::Passed { .. } => Err(SessionError::AlreadyPassed(class)),
            ClassState::Out { .. } | ClassState::Accounted { .. } => {
                Err(SessionError::AlreadyOut(class))
            }
        }
    }

    /// A stairwell reported clear takes out every class still on its way
    /// down it, passed or not.
    pub(super) fn decide_stairwell_clear(
        &self,
        stairwell: StairwellId,
    ) -> Result<Vec<Event>, SessionError> {
        self.allow("stairwell_clear", LIVE)?;
        let s = self.stair(&stairwell)?;
        if !s.used {
            return Err(SessionError::NothingReleased(stairwell));
        }
        if s.cleared.is_some() {
            return Err(SessionError::AlreadyClear(stairwell));
        }
        let classes_out = self
            .classes
            .iter()
            .filter(|c| c.stairwell == stairwell && c.state.is_on_its_way())
            .map(|c| c.id.clone())
            .collect();
        Ok(vec![Event::StairwellCleared {
            stairwell,
            classes_out,
        }])
    }

    pub(super) fn decide_headcount(&self, h: Headcount) -> Result<Vec<Event>, SessionError> {
        self.allow("headcount", LIVE)?;
        let c = self.class_status(&h.class)?;
        match c.state {
            ClassState::Waiting => return Err(SessionError::NotReleased(h.class)),
            ClassState::Accounted { .. } => {
                return Err(SessionError::AlreadyCounted(h.class));
            }
            _ => {}
        }
        Ok(vec![Event::HeadcountTaken(self.complete_headcount(h)?)])
    }

    /// A complete end: refused while a class is not counted or a used
    /// stairwell is not clear.
    pub(super) fn decide_end(&self) -> Result<Vec<Event>, SessionError> {
        self.allow("end", LIVE)?;
        let classes: Vec<ClassId> = self
            .classes
            .iter()
            .filter(|c| !matches!(c.state, ClassState::Accounted { .. }))
            .map(|c| c.id.clone())
            .collect();
        let stairwells: Vec<StairwellId> = self
            .stairwells
            .iter()
            .filter(|s| s.used && s.cleared.is_none())
            .map(|s| s.id.clone())
            .collect();
        if !classes.is_empty() || !stairwells.is_empty() {
            return Err(SessionError::NotComplete {
                classes,
                stairwells,
            });
        }
        Ok(vec![Event::Ended {
            complete: true,
            reason: None,
        }])
    }
}
