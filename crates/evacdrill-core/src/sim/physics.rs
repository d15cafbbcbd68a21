//! The flow model's arithmetic as the simulator uses it: the SFPE fundamental
//! diagram, stair geometry and the capacities of cells.
//!
//! These functions are the simulator's own, written from docs/flow-model.md
//! and not shared with the planner, so that the simulator can catch the
//! planner's arithmetic mistakes rather than repeat them.

use crate::script::Stairwell;

/// The slope of the SFPE speed–density line, `S = k (1 − a D)` (SFPE Handbook,
/// 5th ed., eq. 59.5).
pub const A: f64 = 0.266;

/// k for corridors, doorways, ramps and landings, in m/s (SFPE Table 59.2).
pub const K_LEVEL: f64 = 1.40;

/// The SFPE stair rows `(riser mm, tread mm, k m/s)` (Table 59.2 as widely
/// reproduced).
const K_STAIRS: [(f64, f64, f64); 4] = [
    (190.0, 254.0, 1.00),
    (178.0, 279.0, 1.08),
    (165.0, 305.0, 1.16),
    (165.0, 330.0, 1.23),
];

/// Effective corridor width, in metres: a 1.8 m corridor (the least width of a
/// single-loaded school corridor, GB 50099-2011 §8.2.3) less 0.20 m of
/// boundary layer on each side (SFPE). A design assumption: the script does
/// not give corridor widths.
pub const CORRIDOR_EFFECTIVE_WIDTH: f64 = 1.4;

/// Boundary layer on each side of a door, in metres (SFPE convention).
pub const DOOR_BOUNDARY: f64 = 0.15;

/// How many people per second, per metre of effective width, pass a landing
/// where a U-shaped stair turns, in persons (children or adults alike).
///
/// Design assumption, anchored on IMO MSC.1/Circ.1533's maximum flow down
/// stairs (1.1 p/(s·m), adults) and checked against an independent
/// two-dimensional simulation of B1 (`JuPedSim`, child-sized agents, U-shaped
/// stair: 1.28–1.40 p/s through a turning landing of a 1.5 m stair, 1.2 m
/// effective; this gives 1.32 p/s). A turn is limited by the path round its
/// inner corner rather than by body size, so it is not scaled by
/// `child_factor` as the straight flights' `0.94 k We` is (1.87 children per
/// second on that stair). It stays above the safe 1.0 p/(s·m) the planner
/// holds stairs to, and its merge share (`merge_factor` of it) above the
/// planner's merge limit, so a plan kept within the safe limits is not
/// slowed by it.
pub const TURN_SPECIFIC_FLOW: f64 = 1.1;

/// The largest flow through a landing where the stair turns, persons per
/// second: the straight maximum [`max_flow`] at k = 1.40, or
/// [`TURN_SPECIFIC_FLOW`] × `we` if that is lower.
#[must_use]
pub fn turn_max_flow(we: f64, child_factor: f64) -> f64 {
    max_flow(K_LEVEL, we, child_factor).min(TURN_SPECIFIC_FLOW * we)
}

/// Speed at density `d` (p/m², adult-equivalent): `S = k (1 − a D)`,
/// never negative (SFPE eq. 59.5).
#[must_use]
pub fn speed(k: f64, d: f64) -> f64 {
    (k * (1.0 - A * d)).max(0.0)
}

/// Specific flow at density `d`: `Fs = S · D` (SFPE eq. 59.7), p/(s·m).
#[must_use]
pub fn specific_flow(k: f64, d: f64) -> f64 {
    speed(k, d) * d
}

/// Time for `people` to pass a point of effective width `we` at density `d`:
/// `tp = P / (Fs · We)` (SFPE eqs. 59.8, 59.10). Infinite when nothing flows.
#[must_use]
pub fn time_to_pass(people: f64, d: f64, k: f64, we: f64) -> f64 {
    let flow = specific_flow(k, d) * we;
    if flow > 0.0 {
        people / flow
    } else {
        f64::INFINITY
    }
}

/// The density of maximum flow, `1 / (2a)` = 1.88 p/m² (follows from eq. 59.7).
#[must_use]
pub fn density_of_max_flow() -> f64 {
    1.0 / (2.0 * A)
}

/// The standstill density, `1 / a` = 3.76 p/m² (follows from eq. 59.7).
#[must_use]
pub fn standstill_density() -> f64 {
    1.0 / A
}

/// k of a stair from its riser and tread, in m/s.
///
/// Interpolated linearly in the riser/tread ratio between the rows of SFPE
/// Table 59.2 and held at the end rows outside them: 150/280 mm (ratio 0.54)
/// gives 1.16, like the 165/305 row of the same steepness.
#[must_use]
pub fn stair_k(riser_m: f64, tread_m: f64) -> f64 {
    let ratio = riser_m / tread_m;
    let rows = K_STAIRS.map(|(r, t, k)| (r / t, k));
    // Rows are in order of decreasing steepness.
    if ratio >= rows[0].0 {
        return rows[0].1;
    }
    for pair in rows.windows(2) {
        let ((r0, k0), (r1, k1)) = (pair[0], pair[1]);
        if ratio >= r1 {
            return k0 + (k1 - k0) * (r0 - ratio) / (r0 - r1);
        }
    }
    rows[rows.len() - 1].1
}

/// Walking length of one flight along its slope, in metres: half a storey of
/// rise, `(h/2) · √(1 + (tread/riser)²)`.
#[must_use]
pub fn flight_length(storey_height_m: f64, riser_m: f64, tread_m: f64) -> f64 {
    let rise = storey_height_m / 2.0;
    rise * (1.0 + (tread_m / riser_m).powi(2)).sqrt()
}

/// Walking length of one storey of a stairwell: two flights and two landings
/// (docs/flow-model.md: 10.6 m for a 3.6 m storey).
#[must_use]
pub fn storey_length(stair: &Stairwell, storey_height_m: f64) -> f64 {
    2.0 * flight_length(storey_height_m, stair.riser.0, stair.tread.0) + 2.0 * stair.landing.0
}

/// The largest flow through a width `we` with k, in persons per second, when
/// each person takes `child_factor` of an adult's space: the SFPE maximum
/// `0.94 k We` in adults, divided by φ (adult-equivalent density `D_eq = φ D`).
#[must_use]
pub fn max_flow(k: f64, we: f64, child_factor: f64) -> f64 {
    specific_flow(k, density_of_max_flow()) * we / child_factor
}

/// The flow a cell can still receive at a head-count density `rho` (persons
/// per m²): the maximum flow while the cell is below the density of maximum
/// flow, then the falling branch of the fundamental diagram down to zero at
/// standstill (Godunov supply; Lebacque 1996).
#[must_use]
pub fn supply(k: f64, we: f64, child_factor: f64, rho: f64) -> f64 {
    let d_eq = child_factor * rho;
    if d_eq <= density_of_max_flow() {
        max_flow(k, we, child_factor)
    } else {
        specific_flow(k, d_eq) * we / child_factor
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[test]
    fn specific_flow_matches_the_reference_value() {
        // openfire's implementation of SFPE ch. 59: Fs(a=0.266, D=0.5, k=1.4).
        assert!((specific_flow(1.4, 0.5) - 0.6069).abs() < 5e-5);
    }

    #[test]
    fn time_to_pass_matches_the_reference_value() {
        // tp(P=100, D=0.5, k=1.40, We=1.2) = 137.31 s.
        assert!((time_to_pass(100.0, 0.5, 1.4, 1.2) - 137.31).abs() < 0.01);
    }

    #[test]
    fn maximum_flow_is_at_one_over_two_a() {
        let d = density_of_max_flow();
        assert!((d - 1.88).abs() < 0.005);
        assert!((specific_flow(1.0, d) - 0.94).abs() < 0.001);
        assert!(specific_flow(1.0, d) > specific_flow(1.0, d - 0.1));
        assert!(specific_flow(1.0, d) > specific_flow(1.0, d + 0.1));
        assert!((standstill_density() - 3.76).abs() < 0.005);
        assert!(specific_flow(1.0, standstill_density()).abs() < 1e-12);
    }

    #[rstest]
    #[case::steep(0.190, 0.254, 1.00)]
    #[case::row_two(0.178, 0.279, 1.08)]
    #[case::row_three(0.165, 0.305, 1.16)]
    #[case::shallow(0.165, 0.330, 1.23)]
    #[case::steeper_than_table(0.200, 0.220, 1.00)]
    #[case::shallower_than_table(0.120, 0.350, 1.23)]
    fn stair_k_follows_the_table(#[case] riser: f64, #[case] tread: f64, #[case] k: f64) {
        assert!((stair_k(riser, tread) - k).abs() < 1e-9);
    }

    #[test]
    fn stair_k_interpolates_between_rows() {
        let k = stair_k(0.150, 0.280);
        assert!(k > 1.08 && k < 1.23, "{k}");
    }

    #[test]
    fn a_storey_of_three_point_six_metres_is_ten_point_six_long() {
        let flight = flight_length(3.6, 0.15, 0.28);
        assert!((2.0 * flight + 3.0 - 10.6).abs() < 0.05, "{flight}");
    }

    #[test]
    fn supply_falls_to_zero_at_standstill() {
        let phi = 0.7;
        let full = max_flow(1.16, 1.2, phi);
        assert!((supply(1.16, 1.2, phi, 0.5) - full).abs() < 1e-12);
        let jam = standstill_density() / phi;
        assert!(supply(1.16, 1.2, phi, jam).abs() < 1e-9);
        assert!(supply(1.16, 1.2, phi, 0.8 * jam) < full);
    }
}
