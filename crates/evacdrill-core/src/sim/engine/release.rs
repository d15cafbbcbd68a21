//! When classes go: the schedule's rule, the gate at `gate = "clear"`
//! stairwells (the one release rule, `release::rule`), holds.

use super::super::network::ClassSpec;
use super::{ClassState, Engine};
use crate::release::rule::{self, GateState};
use crate::script::Gate;
use crate::sim::{Fact, ReleaseRule};
use crate::units::Seconds;

impl Engine {
    pub(super) fn release(&mut self, c: u32, at: f64) {
        let spec = &self.net.classes[c as usize];
        let run = &mut self.classes[c as usize];
        run.state = ClassState::Released { at: Seconds(at) };
        run.start = rule::starts_at(Seconds(at), Seconds(self.draws.ready_at[c as usize])).0;
        self.facts.push(Fact::ClassReleased {
            class: spec.id.clone(),
            at: Seconds(at),
        });
    }

    /// Releases every waiting class whose moment falls before the end of
    /// this step, in schedule order.
    pub(super) fn release_due(&mut self, t: f64, te: f64) {
        for k in 0..self.order.len() {
            let c = self.order[k];
            let cu = c as usize;
            if self.classes[cu].state != ClassState::Waiting {
                continue;
            }
            let spec = &self.net.classes[cu];
            let s = spec.stairwell as usize;
            if self.stairs[s].held {
                continue;
            }
            let Some(planned) = self.due_by_rule(cu) else {
                continue;
            };
            let Some(at) = rule::release_moment(Seconds(planned), self.gate_of(cu)) else {
                continue;
            };
            if at.0 < te {
                self.release(c, at.0.max(t));
            }
        }
    }

    /// The gate of class `c`'s stairwell for `c`'s group: at `gate =
    /// "clear"`, open once every class of the previous group has passed
    /// (its last person has stepped onto its own floor's node), plus the
    /// marshal's confirmation, drawn once per group.
    fn gate_of(&self, c: usize) -> GateState {
        let s = self.net.classes[c].stairwell as usize;
        if !(self.gated && self.net.stairwells[s].gate_clear) {
            return rule::gate(Gate::Time, &[], Seconds(0.0));
        }
        let passed: Vec<Option<Seconds>> = self.prev_group[c]
            .iter()
            .map(|&p| {
                self.classes[p as usize]
                    .passed
                    .first()
                    .and_then(|entry| entry.2)
                    .map(Seconds)
            })
            .collect();
        let confirm = Seconds(self.draws.confirm_delay[self.leader[c] as usize]);
        rule::gate(Gate::Clear, &passed, confirm)
    }

    /// The moment the schedule's rule lets class `c` go, when it is known yet.
    fn due_by_rule(&self, c: usize) -> Option<f64> {
        let spec = &self.net.classes[c];
        match self.rule {
            ReleaseRule::AtPlannedTimes => Some(spec.release_s),
            ReleaseRule::AfterPreviousGrade => {
                let Some(g) = self.prev_grade[c] else {
                    return Some(spec.release_s);
                };
                let mut last_out = spec.release_s;
                for (o, run) in self.net.classes.iter().zip(&self.classes) {
                    if o.grade == g {
                        match run.state {
                            ClassState::Out { out, .. } => last_out = last_out.max(out.0),
                            _ => return None,
                        }
                    }
                }
                Some(last_out)
            }
            ReleaseRule::OneStreamPerStairwell => {
                let Some(p) = self.prev_in_stair[c] else {
                    return Some(spec.release_s);
                };
                let prev = &self.net.classes[p as usize];
                let run = &self.classes[p as usize];
                if run.state == ClassState::Waiting {
                    return None;
                }
                // When the previous class's last person reaches the stair at
                // the lower of the two floors, walking freely, this class's
                // first person reaches the stair at its own; when either is
                // on the exit floor, they meet only at the exit door.
                // (When it left its classroom, once known; until then when
                // it will at its pace.)
                let left = run
                    .left_room_at
                    .unwrap_or(run.start + prev.people / prev.pace);
                let exit = self.net.exit_floor;
                let (tail_at, head_at) = if prev.floor == exit || spec.floor == exit {
                    (None, None)
                } else {
                    (Some(prev.floor.min(spec.floor)), Some(spec.floor))
                };
                let tail = left + self.walk_to(prev, tail_at, self.draws.stair_speed[p as usize]);
                let head = self.walk_to(spec, head_at, self.draws.stair_speed[c]);
                Some((tail - head).max(spec.release_s))
            }
        }
    }

    /// Free walking time of `class` from its classroom door to the landing
    /// of `floor`, or to the exit door (`None`).
    fn walk_to(&self, class: &ClassSpec, floor: Option<i32>, stair_speed: f64) -> f64 {
        let stair = &self.net.stairwells[class.stairwell as usize];
        let exit = self.net.exit_floor;
        let corridor = class.corridor_m / class.corridor_speed;
        let exit_walk = stair.exit_walk_m / class.corridor_speed;
        match floor {
            _ if class.floor == exit => corridor + exit_walk,
            Some(f) => {
                corridor + f64::from((class.floor - f).max(0)) * stair.storey_m / stair_speed
            }
            None => {
                corridor + f64::from(class.floor - exit) * stair.storey_m / stair_speed + exit_walk
            }
        }
    }
}
