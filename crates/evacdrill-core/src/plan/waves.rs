//! Explicit `[[wave]]`s: classes released together, in the script's order.
//!
//! A wave with `at_s` goes at that time, or the plan fails with the place,
//! the moment and the release that would be safe; a wave without it goes at
//! the earliest safe moment at or after the previous wave. Within a wave the
//! planner only chooses paces, fastest first, slowing classes that share a
//! stairwell when that is what makes the wave fit.

use super::ledger::{Ledger, ceil_release, floor_pace};
use super::problem::Problem;
use super::search::Booking;
use super::{Conflict, PlanError};
use crate::script::Gate;

/// Why a wave does not fit at a release time.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Misfit {
    route: usize,
    node: usize,
    at: f64,
    conflict: Conflict,
}

/// Plans the waves in order.
pub fn schedule(
    problem: &Problem<'_>,
    free: &[usize],
    ledgers: &mut [Ledger],
    bookings: &mut Vec<Booking>,
) -> Result<(), PlanError> {
    let script = problem.script;
    let mut prev: Option<f64> = None;
    for (w, wave) in script.waves.iter().enumerate() {
        let mut members: Vec<usize> = wave
            .classes
            .iter()
            .filter_map(|id| script.classes.iter().position(|c| &c.id == id))
            .filter(|i| free.contains(i))
            .collect();
        if members.is_empty() {
            continue;
        }
        // The longest way first: it is the hardest to fit.
        members.sort_by(|&a, &b| {
            let (ra, rb) = (&problem.routes[a], &problem.routes[b]);
            rb.offsets[0].total_cmp(&ra.offsets[0]).then(a.cmp(&b))
        });
        let ready = members
            .iter()
            .map(|&i| problem.routes[i].earliest)
            .fold(prev.unwrap_or(0.0), f64::max);
        let placed = match wave.at {
            Some(at) if at.0 >= ready - 1e-9 => match attempt(problem, ledgers, &members, at.0) {
                Ok(placed) => placed,
                Err(m) => {
                    let route = &problem.routes[m.route];
                    let earliest = earliest(problem, ledgers, &members, at.0)
                        .map(|(r, _)| r)
                        .map_err(|route| too_large(problem, w, route))?;
                    return Err(PlanError::WaveUnsafe {
                        wave: w + 1,
                        name: wave.name.clone(),
                        stairwell: script.stairwells[route.stair].id.clone(),
                        floor: problem.stairs[route.stair]
                            .node(m.node, script.building.exit_floor)
                            .1,
                        at: at.0,
                        conflict_at: m.at,
                        conflict: m.conflict,
                        earliest,
                        gap: earliest - prev.unwrap_or(0.0),
                    });
                }
            },
            _ => {
                earliest(problem, ledgers, &members, ready)
                    .map_err(|route| too_large(problem, w, route))?
                    .1
            }
        };
        for (b, ledger) in placed {
            let s = problem.routes[b.route].stair;
            ledgers[s] = ledger;
            bookings.push(b);
        }
        prev = Some(bookings.last().map_or(0.0, |b| b.release));
    }
    Ok(())
}

fn too_large(problem: &Problem<'_>, w: usize, route: usize) -> PlanError {
    let wave = &problem.script.waves[w];
    PlanError::WaveTooLarge {
        wave: w + 1,
        name: wave.name.clone(),
        stairwell: problem.script.stairwells[problem.routes[route].stair]
            .id
            .clone(),
    }
}

/// The wave's bookings with the ledgers they leave, when every member fits
/// at `r`; else the first misfit. Tries each member at its fastest pace,
/// then with the members of a stairwell sharing it, then at the slowest.
fn attempt(
    problem: &Problem<'_>,
    ledgers: &[Ledger],
    members: &[usize],
    r: f64,
) -> Result<Vec<(Booking, Ledger)>, Misfit> {
    match attempt_with(problem, ledgers, members, r, false) {
        Ok(placed) => Ok(placed),
        // The misfit worth reporting is the one that sharing cannot cure.
        Err(_) => attempt_with(problem, ledgers, members, r, true),
    }
}

fn attempt_with(
    problem: &Problem<'_>,
    ledgers: &[Ledger],
    members: &[usize],
    r: f64,
    share: bool,
) -> Result<Vec<(Booking, Ledger)>, Misfit> {
    let mut local: Vec<Option<Ledger>> = vec![None; ledgers.len()];
    let mut out = Vec::with_capacity(members.len());
    let mut buf = Vec::new();
    for &i in members {
        let route = &problem.routes[i];
        let s = route.stair;
        let stair = &problem.stairs[s];
        let ledger = local[s].get_or_insert_with(|| ledgers[s].clone());
        let gated = stair.gate == Gate::Clear;
        if let (true, Some(g)) = (gated, ledger.group) {
            let joins = (g.release - r).abs() < 1e-9;
            if !joins && r < ledger.gate_opens(stair.gate, problem.confirm_delay) - 1e-9 {
                return Err(Misfit {
                    route: i,
                    node: route.top,
                    at: r,
                    conflict: Conflict::Gate,
                });
            }
        }
        let sharing = members
            .iter()
            .filter(|&&m| problem.routes[m].stair == s)
            .count()
            .max(1);
        let cap = if share {
            let narrowest = stair.caps.iter().copied().fold(f64::INFINITY, f64::min);
            floor_pace(narrowest * stair.merge / route.weight / sharing as f64)
                .clamp(route.min_pace, route.max_pace)
        } else {
            route.max_pace
        };
        let mut paces = vec![cap, route.min_pace];
        ledger.residuals(route, &mut paces);
        paces.retain(|&p| p >= route.min_pace && p <= cap);
        paces.sort_by(|a, b| b.total_cmp(a));
        paces.dedup();
        let Some(&p) = paces
            .iter()
            .find(|&&p| ledger.fits_at(route, p, r, &mut buf))
        else {
            let (node, at, merge) = ledger
                .conflict(route, route.min_pace, r)
                .unwrap_or((route.top, r, false));
            return Err(Misfit {
                route: i,
                node,
                at,
                conflict: if merge {
                    Conflict::Merge
                } else {
                    Conflict::Capacity
                },
            });
        };
        ledger.book(route, r, p);
        if gated {
            ledger.join_group(route, r, p);
        }
        out.push(Booking {
            route: i,
            release: r,
            pace: p,
        });
    }
    Ok(out
        .into_iter()
        .map(|b| {
            let s = problem.routes[b.route].stair;
            (b, local[s].clone().unwrap_or_else(|| ledgers[s].clone()))
        })
        .collect())
}

/// The earliest release at or after `lower` at which the whole wave fits;
/// else the class whose stairwell cannot take the wave at any time.
fn earliest(
    problem: &Problem<'_>,
    ledgers: &[Ledger],
    members: &[usize],
    lower: f64,
) -> Result<(f64, Vec<(Booking, Ledger)>), usize> {
    let mut candidates = vec![ceil_release(lower)];
    let mut buf = Vec::new();
    let mut horizon = lower;
    for &i in members {
        let route = &problem.routes[i];
        let ledger = &ledgers[route.stair];
        horizon = horizon.max(ledger.horizon());
        let opens = ledger.gate_opens(problem.stairs[route.stair].gate, problem.confirm_delay);
        if opens.is_finite() {
            candidates.push(ceil_release(opens));
        }
        for p in [route.max_pace, route.min_pace] {
            ledger.forbidden(route, p, &mut buf);
            candidates.extend(
                buf.iter()
                    .map(|&(_, b)| ceil_release(b))
                    .filter(|&b| b > lower),
            );
        }
    }
    candidates.push(ceil_release(horizon));
    candidates.retain(|&c| c >= lower - 1e-9);
    candidates.sort_by(f64::total_cmp);
    candidates.dedup();
    let mut last = None;
    for r in candidates {
        match attempt(problem, ledgers, members, r) {
            Ok(p) => return Ok((r, p)),
            Err(m) => last = Some(m),
        }
    }
    // After the horizon nothing else is booked: what still fails is the
    // wave itself, on the stairwell of its last misfit.
    Err(last.map_or(members[0], |m| m.route))
}
