//! The free travel of one class down one stairwell: corridor, stairs, exit
//! walk, and the time its head reaches each stair node.
//!
//! Nodes are numbered by storeys above the exit floor: node 0 is the exit at
//! the foot of the stair, node `j` the stair entry (the floor landing) of the
//! floor `exit_floor + j`. A class on floor `f` enters at node
//! `f − exit_floor` and passes every node below it.

use super::storey_travel;
use crate::script::{Class, Script, Stairwell};
use crate::units::{MetresPerSecond, Seconds};

/// Free travel times of a class on a stairwell, at its grade's stair speed
/// and the corridor speed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Travel {
    /// Classroom door to the stair entry, at corridor speed.
    pub corridor: Seconds,
    /// One storey of stair, at the grade's stair speed.
    pub per_storey: Seconds,
    /// Storeys from the class's floor down to the exit floor.
    pub storeys: u32,
    /// Foot of the stair to outside, at corridor speed.
    pub exit_walk: Seconds,
    /// The grade's free stair speed.
    pub stair_speed: MetresPerSecond,
}

impl Travel {
    /// The travel of `class` when it uses `stair`.
    #[must_use]
    pub fn of(script: &Script, class: &Class, stair: &Stairwell) -> Self {
        let corridor_speed = script.speeds.corridor.0;
        let stair_speed = script.speeds.stair_speed(class.grade);
        let storey = storey_travel(stair, script.building.storey_height);
        let storeys = u32::try_from(class.floor - script.building.exit_floor).unwrap_or(0);
        Self {
            corridor: Seconds(class.corridor.0 / corridor_speed),
            per_storey: Seconds(storey.0 / stair_speed.0),
            storeys,
            exit_walk: Seconds(stair.exit_walk.0 / corridor_speed),
            stair_speed,
        }
    }

    /// From the release to the head reaching node `j` (`j` ≤ `storeys`).
    #[must_use]
    pub fn to_node(&self, j: u32) -> Seconds {
        Seconds(self.corridor.0 + f64::from(self.storeys.saturating_sub(j)) * self.per_storey.0)
    }

    /// From node `j` to outside: the stairs below it and the exit walk.
    #[must_use]
    pub fn from_node(&self, j: u32) -> Seconds {
        Seconds(f64::from(j) * self.per_storey.0 + self.exit_walk.0)
    }

    /// The whole free travel, release to outside, for one person.
    #[must_use]
    pub fn total(&self) -> Seconds {
        Seconds(self.to_node(0).0 + self.exit_walk.0)
    }
}
