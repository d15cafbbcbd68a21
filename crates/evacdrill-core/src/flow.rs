//! The crowd-flow model: constants with their sources, capacities and travel
//! times (SFPE Handbook, 5th ed., ch. 59; docs/flow-model.md).
//!
//! Everything here is a plain function of the script's numbers: the planner,
//! the simulator and the lower bound all read the same formulas, so a plan and
//! its judgement cannot disagree about the physics.

pub mod bound;
pub mod route;
mod stair;

pub use bound::{Bound, Capacity, Demand, lower_bound};
pub use route::Travel;
pub use stair::{
    STAIR_K_TABLE, StairK, exit_capacity, exit_physical_capacity, physical_capacity, stair_k,
    storey_travel,
};

use crate::script::{Safety, Stairwell};
use crate::units::{Density, Metres, MetresPerSecond, PersonsPerSecond, Seconds, SpecificFlow};

/// The slope `a` of speed against density, `S = k (1 − a D)` (SFPE eq. 59.5).
pub const A: f64 = 0.266;

/// Speed constant `k` of corridors, doorways and ramps, m/s (SFPE Table 59.2).
pub const K_LEVEL: f64 = 1.40;

/// Boundary layer of a door jamb on each side, m (SFPE convention): the exit
/// door's effective width is its clear width minus twice this.
pub const DOOR_BOUNDARY: Metres = Metres(0.15);

/// Boundary layer of a corridor wall on each side, m (SFPE convention).
pub const CORRIDOR_BOUNDARY: Metres = Metres(0.20);

/// Boundary layer of a handrail on each side, m (SFPE convention).
pub const HANDRAIL_BOUNDARY: Metres = Metres(0.09);

/// Boundary layer of a stair wall on each side, m (SFPE convention).
pub const STAIR_WALL_BOUNDARY: Metres = Metres(0.15);

/// Speed at density `d` for a route element with speed constant `k`:
/// `S = k (1 − a D)` (SFPE eq. 59.5); zero at and above standstill, `1/a`.
#[must_use]
pub fn speed(k: f64, d: Density) -> MetresPerSecond {
    MetresPerSecond((k * (1.0 - A * d.0)).max(0.0))
}

/// Specific flow at density `d`: `Fs = (1 − a D) k D` (SFPE eq. 59.7).
#[must_use]
pub fn specific_flow(k: f64, d: Density) -> SpecificFlow {
    SpecificFlow(speed(k, d).0 * d.0.max(0.0))
}

/// The density of maximum flow, `D* = 1/(2a)` ≈ 1.88 p/m² (from eq. 59.7).
#[must_use]
pub fn density_of_max_flow() -> Density {
    Density(1.0 / (2.0 * A))
}

/// The standstill density, `1/a` ≈ 3.76 p/m² (from eq. 59.7).
#[must_use]
pub fn standstill_density() -> Density {
    Density(1.0 / A)
}

/// The maximum specific flow, `Fs(D*) = k/(4a)` ≈ 0.94 k (from eq. 59.7).
#[must_use]
pub fn max_specific_flow(k: f64) -> SpecificFlow {
    SpecificFlow(k / (4.0 * A))
}

/// Flow through an element: `Fc = Fs · We` (SFPE eq. 59.8).
#[must_use]
pub fn flow(fs: SpecificFlow, effective_width: Metres) -> PersonsPerSecond {
    PersonsPerSecond(fs.0 * effective_width.0.max(0.0))
}

/// Time for `people` to pass a point at flow `fc`: `tp = P / Fc`
/// (SFPE eq. 59.10). Infinite when nothing flows.
#[must_use]
pub fn time_to_pass(people: f64, fc: PersonsPerSecond) -> Seconds {
    if fc.0 > 0.0 {
        Seconds(people / fc.0)
    } else {
        Seconds(f64::INFINITY)
    }
}

/// One flow through a transition: `Fs_out = Fs_in · We_in / We_out`
/// (SFPE eq. 59.12).
#[must_use]
pub fn transition(fs_in: SpecificFlow, we_in: Metres, we_out: Metres) -> SpecificFlow {
    SpecificFlow(fs_in.0 * we_in.0 / we_out.0)
}

/// Two flows merging, a floor onto a stair:
/// `Fs_out = (Fs1 We1 + Fs2 We2) / We_out` (SFPE eq. 59.13). Above the
/// element's maximum specific flow a queue forms; that is the caller's test.
#[must_use]
pub fn merge(
    (fs1, we1): (SpecificFlow, Metres),
    (fs2, we2): (SpecificFlow, Metres),
    we_out: Metres,
) -> SpecificFlow {
    SpecificFlow((fs1.0 * we1.0 + fs2.0 * we2.0) / we_out.0)
}

/// The density of people moving at `speed` in a flow `fc` over `we`:
/// `D = Fc / (We · S)`, as people, not adult equivalents.
#[must_use]
pub fn density_of_flow(fc: PersonsPerSecond, we: Metres, speed: MetresPerSecond) -> Density {
    if we.0 > 0.0 && speed.0 > 0.0 {
        Density(fc.0 / (we.0 * speed.0))
    } else {
        Density(0.0)
    }
}

/// Adult-equivalent density `D_eq = φ D` (φ = `child_factor`, a design
/// assumption: children are smaller than adults).
#[must_use]
pub fn adult_equivalent(d: Density, safety: &Safety) -> Density {
    Density(d.0 * safety.child_factor)
}

/// The safe capacity of a stair: `flow_limit × effective width`
/// (docs/flow-model.md, "Stair capacity"). Zero when the stair is no wider
/// than its boundary layers.
#[must_use]
pub fn stair_capacity(stair: &Stairwell, safety: &Safety) -> PersonsPerSecond {
    PersonsPerSecond((safety.flow_limit.0 * stair.effective_width().0).max(0.0))
}

/// The largest rate at which a group walking at `stair_speed` may enter a
/// stair without its adult-equivalent density passing `max_density`:
/// `D_max / φ × We × S`.
#[must_use]
pub fn density_limited_rate(
    stair: &Stairwell,
    safety: &Safety,
    stair_speed: MetresPerSecond,
) -> PersonsPerSecond {
    PersonsPerSecond(
        safety.max_density.0 / safety.child_factor * stair.effective_width().0 * stair_speed.0,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn specific_flow_matches_the_reference_value() {
        // openfire's test of SFPE ch. 59: Fs(a=0.266, D=0.5, k=1.4) = 0.6069.
        let fs = specific_flow(1.4, Density(0.5));
        assert!(close(fs.0, 0.6069, 5e-5), "{fs}");
    }

    #[test]
    fn time_to_pass_matches_the_reference_value() {
        // tp(P=100, D=0.5, k=1.40, We=1.2) = 137.31 s.
        let fc = flow(specific_flow(1.4, Density(0.5)), Metres(1.2));
        let tp = time_to_pass(100.0, fc);
        assert!(close(tp.0, 137.31, 5e-3), "{tp}");
    }

    #[test]
    fn maximum_flow_is_at_one_over_two_a() {
        let d = density_of_max_flow();
        assert!(close(d.0, 1.88, 0.005));
        assert!(close(standstill_density().0, 3.76, 0.005));
        let fs = specific_flow(1.0, d);
        assert!(close(fs.0, max_specific_flow(1.0).0, 1e-12));
        assert!(close(fs.0, 0.94, 0.001));
        assert!(close(speed(1.0, d).0, 0.5, 1e-12));
        for i in 0..100 {
            let other = Density(f64::from(i) * 0.04);
            assert!(specific_flow(1.0, other).0 <= fs.0 + 1e-12);
        }
    }

    #[rstest]
    #[case(Density(0.0), 1.4)]
    #[case(Density(1.0), 1.4 * (1.0 - 0.266))]
    #[case(Density(3.76), 0.0)]
    #[case(Density(5.0), 0.0)]
    fn speed_falls_with_density(#[case] d: Density, #[case] expected: f64) {
        assert!(close(speed(1.4, d).0, expected, 1e-3));
    }

    #[test]
    fn transition_and_merge_conserve_people() {
        let fs = transition(SpecificFlow(1.0), Metres(1.2), Metres(0.6));
        assert!(close(fs.0, 2.0, 1e-12));
        let m = merge(
            (SpecificFlow(0.5), Metres(1.2)),
            (SpecificFlow(0.3), Metres(0.6)),
            Metres(1.2),
        );
        assert!(close(m.0 * 1.2, 0.5 * 1.2 + 0.3 * 0.6, 1e-12));
    }

    #[test]
    fn nothing_flowing_takes_forever() {
        assert!(time_to_pass(10.0, PersonsPerSecond(0.0)).0.is_infinite());
        assert!(close(
            density_of_flow(PersonsPerSecond(1.2), Metres(1.2), MetresPerSecond(0.5)).0,
            2.0,
            1e-12
        ));
        assert!(close(
            density_of_flow(PersonsPerSecond(1.2), Metres(0.0), MetresPerSecond(0.5)).0,
            0.0,
            1e-12
        ));
    }
}
