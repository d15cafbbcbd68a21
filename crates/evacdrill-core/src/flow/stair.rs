//! A stair's geometry: its speed constant, physical capacity, exit door and
//! the walking length of one storey.

use super::{DOOR_BOUNDARY, K_LEVEL, max_specific_flow};
use crate::script::{Safety, Stairwell};
use crate::units::{Metres, PersonsPerSecond};

/// One row of SFPE Table 59.2 for stairs: riser and tread in millimetres and
/// the speed constant `k` in m/s.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StairK {
    pub riser_mm: f64,
    pub tread_mm: f64,
    pub k: f64,
}

/// SFPE Handbook 5th ed., Table 59.2 (stairs), as widely reproduced
/// (docs/flow-model.md asks for a check against the handbook itself).
pub const STAIR_K_TABLE: [StairK; 4] = [
    StairK {
        riser_mm: 190.0,
        tread_mm: 254.0,
        k: 1.00,
    },
    StairK {
        riser_mm: 178.0,
        tread_mm: 279.0,
        k: 1.08,
    },
    StairK {
        riser_mm: 165.0,
        tread_mm: 305.0,
        k: 1.16,
    },
    StairK {
        riser_mm: 165.0,
        tread_mm: 330.0,
        k: 1.23,
    },
];

/// The speed constant of a stair: the row of [`STAIR_K_TABLE`] nearest to its
/// riser and tread (Euclidean distance in millimetres; the first row wins a
/// tie). The table has no row for school stairs of 150/280 mm; the nearest is
/// 178/279 mm, k = 1.08.
#[must_use]
pub fn stair_k(stair: &Stairwell) -> f64 {
    let (r, t) = (stair.riser.0 * 1000.0, stair.tread.0 * 1000.0);
    let mut best = STAIR_K_TABLE[0];
    let mut best_d = f64::INFINITY;
    for row in STAIR_K_TABLE {
        let d = (row.riser_mm - r).hypot(row.tread_mm - t);
        if d < best_d {
            best_d = d;
            best = row;
        }
    }
    best.k
}

/// The physical capacity of a stair: the maximum hydraulic flow,
/// `0.94 k We` (SFPE eq. 59.7 at `D* = 1/(2a)`).
#[must_use]
pub fn physical_capacity(stair: &Stairwell) -> PersonsPerSecond {
    PersonsPerSecond((max_specific_flow(stair_k(stair)).0 * stair.effective_width().0).max(0.0))
}

/// The exit door's effective width: clear width minus a door jamb's
/// boundary layer on each side.
fn exit_effective_width(stair: &Stairwell) -> Metres {
    Metres(stair.exit_width.0 - 2.0 * DOOR_BOUNDARY.0)
}

/// The safe capacity of a stairwell's exit door: `door_flow` over the
/// door's effective width (`[safety] door_flow`, 1.3 p/(s·m) by default:
/// SFPE's doorway maximum and IMO MSC.1/Circ.1533's design value for doors).
#[must_use]
pub fn exit_capacity(stair: &Stairwell, safety: &Safety) -> PersonsPerSecond {
    PersonsPerSecond((safety.door_flow.0 * exit_effective_width(stair).0).max(0.0))
}

/// The physical capacity of the exit door: `0.94 × 1.40 × We`, the maximum
/// flow of a doorway (SFPE eq. 59.7 with k = 1.40).
#[must_use]
pub fn exit_physical_capacity(stair: &Stairwell) -> PersonsPerSecond {
    PersonsPerSecond((max_specific_flow(K_LEVEL).0 * exit_effective_width(stair).0).max(0.0))
}

/// The walking length of one storey of a stair: two flights along their
/// slope plus two landings. Each flight climbs half the storey in whole
/// risers; a storey of 3.6 m with risers of 150 mm, treads of 280 mm and
/// landings of 1.5 m gives 2 × 12 × 0.318 + 2 × 1.5 = 10.6 m
/// (docs/flow-model.md, "Stair capacity").
#[must_use]
pub fn storey_travel(stair: &Stairwell, storey_height: Metres) -> Metres {
    if stair.riser.0 <= 0.0 {
        return Metres(2.0 * stair.landing.0);
    }
    // A half storey of 1.8 m over 0.15 m risers is 12 risers; the small
    // tolerance keeps 12.000000001 from becoming 13.
    let risers = (storey_height.0 / 2.0 / stair.riser.0 - 1e-9)
        .ceil()
        .max(1.0);
    let flight = risers * stair.riser.0.hypot(stair.tread.0);
    Metres(2.0 * flight + 2.0 * stair.landing.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::{Gate, StairwellId};
    use crate::units::SpecificFlow;

    pub(crate) fn stair(width: f64, riser_mm: f64, tread_mm: f64) -> Stairwell {
        Stairwell {
            id: StairwellId("A".into()),
            name: "A".into(),
            width: Metres(width),
            boundary: Metres(0.15),
            exit_width: Metres(1.8),
            exit_walk: Metres(10.0),
            riser: Metres(riser_mm / 1000.0),
            tread: Metres(tread_mm / 1000.0),
            landing: Metres(1.5),
            gate: Gate::Time,
            marshal: None,
            floors: None,
            span: crate::script::Span::default(),
        }
    }

    #[test]
    fn a_storey_of_three_point_six_metres_is_ten_point_six_of_travel() {
        let s = stair(1.5, 150.0, 280.0);
        let l = storey_travel(&s, Metres(3.6));
        assert!((l.0 - 10.6).abs() < 0.05, "{l}");
    }

    #[test]
    fn k_comes_from_the_nearest_row() {
        assert!((stair_k(&stair(1.5, 150.0, 280.0)) - 1.08).abs() < 1e-12);
        assert!((stair_k(&stair(1.5, 190.0, 254.0)) - 1.00).abs() < 1e-12);
        assert!((stair_k(&stair(1.5, 165.0, 330.0)) - 1.23).abs() < 1e-12);
        assert!((stair_k(&stair(1.5, 160.0, 310.0)) - 1.16).abs() < 1e-12);
    }

    #[test]
    fn capacities_safe_and_physical() {
        let s = stair(1.5, 150.0, 280.0);
        let safety = Safety {
            flow_limit: SpecificFlow(1.0),
            door_flow: SpecificFlow(1.3),
            merge_factor: 0.75,
            risk: 0.05,
            strict: true,
            max_density: crate::units::Density(1.88),
            red_flag_density: crate::units::Density(3.5),
            child_factor: 0.7,
        };
        assert!((super::super::stair_capacity(&s, &safety).0 - 1.2).abs() < 1e-12);
        // 0.94 × 1.08 × 1.2
        assert!((physical_capacity(&s).0 - 1.08 / (4.0 * super::super::A) * 1.2).abs() < 1e-12);
        assert!((exit_capacity(&s, &safety).0 - 1.3 * 1.5).abs() < 1e-12);
        assert!((exit_physical_capacity(&s).0 - 1.4 / (4.0 * super::super::A) * 1.5).abs() < 1e-12);
    }
}
