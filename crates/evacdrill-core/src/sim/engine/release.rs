//! When classes go: the schedule's rule, the gate at `gate = "clear"`
//! stairwells, holds.

use super::{ClassState, Engine};
use crate::sim::{Fact, ReleaseRule};
use crate::units::Seconds;

impl Engine {
    pub(super) fn release(&mut self, c: u32, at: f64) {
        let spec = &self.net.classes[c as usize];
        let run = &mut self.classes[c as usize];
        run.state = ClassState::Released { at: Seconds(at) };
        run.start = at.max(self.draws.ready_at[c as usize]);
        self.stairs[spec.stairwell as usize].last_released = Some(c);
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
            let Some(mut at) = self.due_by_rule(cu) else {
                continue;
            };
            if self.gated
                && self.net.stairwells[s].gate_clear
                && let Some(prev) = self.stairs[s].last_released
            {
                // The marshal confirms once the previous group has passed
                // the stair head of its own floor.
                match self.classes[prev as usize].passed.first() {
                    Some(&(_, _, Some(passed))) => {
                        at = at.max(passed + self.draws.confirm_delay[cu]);
                    }
                    _ => continue,
                }
            }
            if at < te {
                self.release(c, at.max(t));
            }
        }
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
                // the lower of the two floors, walking freely...
                let storey = self.net.stairwells[spec.stairwell as usize].storey_m;
                let below = f64::from((prev.floor - spec.floor).max(0));
                // (When it left its classroom, once known; until then when
                // it will at its pace.)
                let left = run
                    .left_room_at
                    .unwrap_or(run.start + prev.people / prev.pace);
                let tail = left
                    + prev.corridor_m / prev.corridor_speed
                    + below * storey / self.draws.stair_speed[p as usize];
                // ...this class's first person arrives there.
                let head = spec.corridor_m / spec.corridor_speed;
                Some((tail - head).max(spec.release_s))
            }
        }
    }
}
