//! Trends across hand-built drills of one school.

use rstest::rstest;

use super::tests::{on_plan, review_of};
use super::{Direction, Figure, Review, trends};
use crate::session::Input;

/// A drill like `on_plan` with the last class passing and its stairwell
/// reported clear at `last_out_ms`, started at `wall`.
fn drill(source: &str, wall: Option<&str>, last_out_ms: u64) -> Review {
    let steps: Vec<(u64, Input)> = on_plan()
        .into_iter()
        .map(|(ms, input)| match input {
            Input::ClassPassed { class } if class.0 == "c2" => {
                (last_out_ms, Input::ClassPassed { class })
            }
            Input::StairwellClear { stairwell } if stairwell.0 == "A" => {
                (last_out_ms, Input::StairwellClear { stairwell })
            }
            other => (ms.max(if ms >= 40_000 { last_out_ms } else { 0 }), other),
        })
        .collect();
    let mut r = review_of(&steps);
    r.source = source.to_owned();
    r.started_wall = wall.map(str::to_owned);
    r
}

#[test]
fn drills_are_ordered_by_their_signal_and_grouped_by_building() {
    let mut other = drill("other.session.json", None, 20_000);
    other.building = "Block B".to_owned();
    let reviews = vec![
        drill(
            "march.session.json",
            Some("2026-03-02T10:00:00+08:00"),
            50_000,
        ),
        drill("never.session.json", None, 40_000),
        drill(
            "jan.session.json",
            Some("2026-01-05T10:00:00+08:00"),
            70_000,
        ),
        other,
        // 09:30 in Beijing is 01:30Z: earlier than 02:00Z, so first.
        drill(
            "feb.session.json",
            Some("2026-02-02T02:00:00+00:00"),
            60_000,
        ),
        drill(
            "feb-early.session.json",
            Some("2026-02-02T09:30:00+08:00"),
            65_000,
        ),
    ];
    let t = trends(&reviews);
    assert_eq!(t.len(), 2);
    assert_eq!(t[0].school, "Block A");
    let order: Vec<&str> = t[0].points.iter().map(|p| p.source.as_str()).collect();
    assert_eq!(
        order,
        [
            "jan.session.json",
            "feb-early.session.json",
            "feb.session.json",
            "march.session.json",
            "never.session.json"
        ]
    );
    let evac = &t[0].figures[0];
    assert_eq!(evac.figure, Figure::EvacuationTime);
    assert_eq!(evac.best.map(|b| (b.point, b.value)), Some((4, 40_000)));
    assert_eq!(evac.worst.map(|b| (b.point, b.value)), Some((0, 70_000)));
    assert_eq!(evac.direction, Direction::Improving);
    assert_eq!((t[0].target_met, t[0].target_missed), (3, 2));
    assert_eq!(t[1].points.len(), 1);
    assert_eq!(t[1].figures[0].direction, Direction::NotEnoughData);
}

#[rstest]
#[case::improving(&[70_000, 60_000, 50_000], Direction::Improving)]
#[case::worsening(&[40_000, 50_000, 58_000], Direction::Worsening)]
#[case::steady(&[50_000, 51_000, 50_000], Direction::Steady)]
#[case::one(&[50_000], Direction::NotEnoughData)]
fn the_direction_follows_the_slope(#[case] outs: &[u64], #[case] expected: Direction) {
    let reviews: Vec<Review> = outs
        .iter()
        .enumerate()
        .map(|(i, &out)| {
            drill(
                &format!("{i}.session.json"),
                Some(&format!("2026-0{}-01T10:00:00+08:00", i + 1)),
                out,
            )
        })
        .collect();
    let t = trends(&reviews);
    assert_eq!(t[0].figures[0].direction, expected);
    if outs.len() > 1 {
        assert_eq!(
            t[0].figures[2].direction,
            Direction::Steady,
            "no problems at all"
        );
    }
}
