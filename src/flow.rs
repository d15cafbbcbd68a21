//! The crowd-flow model: constants with their sources, capacities and travel
//! times (SFPE Handbook, 5th ed., ch. 59; docs/flow-model.md).

use crate::script::{Safety, Stairwell};
use crate::units::PersonsPerSecond;

/// The safe capacity of a stair: `flow_limit × effective width`
/// (docs/flow-model.md, "Stair capacity"). Zero when the stair is no wider
/// than its boundary layers.
#[must_use]
pub fn stair_capacity(stair: &Stairwell, safety: &Safety) -> PersonsPerSecond {
    PersonsPerSecond((safety.flow_limit.0 * stair.effective_width().0).max(0.0))
}
