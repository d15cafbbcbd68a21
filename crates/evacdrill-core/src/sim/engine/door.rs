//! The exit door: a node of its own where the stair stream (the last cell of
//! a stairwell's chain, after the foot and the exit walk) meets the exit
//! floor's corridors (docs/flow-model.md, *Nodes of a stairwell*), and the
//! merge rule it shares with the landings.

use super::super::network::{Network, StairSpec};
use super::Engine;
use super::movement::Scratch;

impl Engine {
    /// Shares the exit door of stairwell `si` between the stair stream (the
    /// last cell of its chain) and the exit floor's corridors: the door's
    /// maximum flow, and where both streams are waiting at once, the merge
    /// rule, as at a landing.
    pub(super) fn allocate_door(
        &self,
        net: &Network,
        s: &mut Scratch,
        si: usize,
        stair: &StairSpec,
    ) {
        let main = stair
            .chain
            .last()
            .map(|&i| i as usize)
            .filter(|&i| self.cells[i].active);
        let main_demand = main.map_or(0.0, |i| s.demand[i]);
        let held = self.stairs[si].held;
        let floor_total: f64 = if held {
            0.0
        } else {
            stair
                .door
                .floor_inputs
                .iter()
                .map(|&i| s.demand[i as usize])
                .sum()
        };
        if main_demand <= 0.0 && floor_total <= 0.0 {
            return;
        }
        let supply = stair.door.q * net.dt;
        let merged = (main_demand > 0.0 && floor_total > 0.0).then_some(net.merge_factor * supply);
        let (main_take, floor_take) = share(supply, main_demand, floor_total, merged);
        if let Some(i) = main {
            s.flow[i] = main_take;
        }
        if floor_total > 0.0 {
            let ratio = floor_take / floor_total;
            for &i in &stair.door.floor_inputs {
                s.flow[i as usize] = s.demand[i as usize] * ratio;
            }
        }
    }
}

/// How a node's `supply` is shared between the stream from upstream (`main`)
/// and the floor's streams (`floor`), given what each could send.
///
/// Where both are waiting at once, the node passes only `merged` (a share of
/// its supply: Campbell 2012), half each (Boyce et al. 2012), a stream's
/// unused share going to the other; otherwise all of its supply, in
/// proportion to demand when that is more.
pub(super) fn share(supply: f64, main: f64, floor: f64, merged: Option<f64>) -> (f64, f64) {
    if let Some(merged) = merged {
        let half = merged / 2.0;
        let main_take = main.min(half + (half - floor).max(0.0));
        (main_take, floor.min(merged - main_take))
    } else {
        let total = main + floor;
        let scale = if total > supply { supply / total } else { 1.0 };
        (main * scale, floor * scale)
    }
}
