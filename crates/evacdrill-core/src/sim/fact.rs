//! The facts a drill produces, as the engine sees them happen: what a
//! marshal or a teacher would report, so that the dashboard's rehearsal mode
//! can turn them into the same inputs a live drill gets.

use serde::Serialize;

use crate::script::{ClassId, StairwellId};
use crate::units::Seconds;

/// Something that happened in the simulated drill, with when.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "fact", rename_all = "kebab-case")]
pub enum Fact {
    /// The class was told to go (it starts to file out once it is ready).
    ClassReleased { class: ClassId, at: Seconds },
    /// The class's last person has left the landing of `floor` going down
    /// (its own floor first, then each floor below, the exit floor last).
    ClassPassedLanding {
        class: ClassId,
        floor: i32,
        at: Seconds,
    },
    /// The class's last person went through the exit door.
    ClassOut { class: ClassId, at: Seconds },
    /// Every class assigned to the stairwell is out and nobody is left in it.
    StairwellEmpty { stairwell: StairwellId, at: Seconds },
}

impl Fact {
    /// When it happened.
    #[must_use]
    pub fn at(&self) -> Seconds {
        match self {
            Self::ClassReleased { at, .. }
            | Self::ClassPassedLanding { at, .. }
            | Self::ClassOut { at, .. }
            | Self::StairwellEmpty { at, .. } => *at,
        }
    }
}
