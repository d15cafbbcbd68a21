//! Fixtures for evacdrill's integration tests, benchmarks and examples; a
//! dev-only crate, nothing here is in the shipped binary.
//!
//! At the root: generated drills, pure functions of a seed, written as
//! script text and read by the real parser, so that every generated drill is
//! one a school could have written. [`headless`]: the phone server without a
//! dashboard, on the dashboard's own driver. [`journal_check`]: what a
//! journal holds, read as a resume reads it.

pub mod headless;
pub mod journal_check;

use std::fmt::Write as _;

use evacdrill_core::script::{Script, Span, Wave, check_str};

/// A small deterministic generator (SplitMix64): the same seed gives the
/// same drill on every machine.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A whole number in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    /// One of `items`.
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.range(0, items.len() as u64 - 1) as usize]
    }
}

/// The shape of a generated building.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layout {
    /// Prefix of stairwell and class ids ("N" gives "N-A", "N-2-1").
    pub prefix: &'static str,
    /// Teaching floors above the exit floor.
    pub floors: u32,
    pub stairwells: u32,
    pub classes: u32,
    /// Mean headcount; classes vary by ±6 in pairs, so the total is exact.
    pub headcount: u32,
}

fn header(out: &mut String, name: &str) {
    let _ = write!(
        out,
        "schema = 1\n\n[drill]\nname = \"{name}\"\n\n[building]\nname = \"{name}\"\nexit_floor = 1\nstorey_height_m = 3.6\n\n"
    );
}

/// The `[[stairwell]]` and `[[class]]` tables of one generated building.
fn building(out: &mut String, layout: &Layout, rng: &mut Rng) {
    let letters = ["A", "B", "C", "D", "E", "F", "G", "H"];
    let n_stairs = layout.stairwells.clamp(1, 8) as usize;
    let id = |s: usize| format!("{}-{}", layout.prefix, letters[s]);
    for s in 0..n_stairs {
        let width = rng.pick(&[1.2, 1.5, 1.5, 1.8]);
        let exit = if width >= 1.8 { 2.4 } else { 1.8 };
        let _ = write!(
            out,
            "[[stairwell]]\nid = \"{}\"\nwidth_m = {width}\nexit_width_m = {exit}\nmarshal = \"Marshal {}\"\n\n",
            id(s),
            id(s)
        );
    }
    let floors = layout.floors.max(1);
    let mut swing = 0_i64;
    for k in 0..layout.classes {
        let floor = 2 + k * floors / layout.classes.max(1);
        let s = (k as usize) % n_stairs;
        let grade = (1 + (floor - 2) * 6 / floors).min(6);
        let headcount = if k % 2 == 0 {
            swing = i64::try_from(rng.range(0, 12)).unwrap_or(0) - 6;
            i64::from(layout.headcount) + swing
        } else {
            i64::from(layout.headcount) - swing
        };
        let corridor = rng.range(4, 30);
        let _ = write!(
            out,
            "[[class]]\nid = \"{p}-{k}\"\ngrade = {grade}\nfloor = {floor}\nheadcount = {headcount}\nstairwell = \"{}\"\n",
            id(s),
            p = layout.prefix,
        );
        if n_stairs > 1 {
            let _ = writeln!(out, "alternate = \"{}\"", id((s + 1) % n_stairs));
        }
        let _ = write!(
            out,
            "corridor_m = {corridor}\nteacher = \"Teacher {p}-{k}\"\n\n",
            p = layout.prefix
        );
    }
}

/// Reads generated text; generation only writes what the parser accepts.
fn read(text: &str) -> Script {
    let checked = check_str(text);
    match checked.script {
        Some(script) => script,
        None => unreachable!("generated script rejected: {:?}", checked.diagnostics),
    }
}

/// The script text of a campus of 4 buildings, 200 classes, 8,000 people:
/// 5 teaching floors and 4 stairwells per building.
#[must_use]
pub fn campus_toml(seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::new();
    header(&mut out, &format!("Generated campus {seed}"));
    for prefix in ["N", "S", "E", "W"] {
        let layout = Layout {
            prefix,
            floors: 5,
            stairwells: 4,
            classes: 50,
            headcount: 40,
        };
        building(&mut out, &layout, &mut rng);
    }
    out
}

/// A campus of 200 classes and 8,000 people in 4 buildings.
///
/// # Panics
///
/// Never for any seed: the generator writes only what the parser accepts
/// (a panic would be a bug in the generator, caught by its tests).
#[must_use]
pub fn campus(seed: u64) -> Script {
    read(&campus_toml(seed))
}

/// A small random building for property tests: 1–4 teaching floors, 1–3
/// stairwells, 1–12 classes; sometimes a `gate = "clear"` stairwell.
///
/// # Panics
///
/// Never for any seed, as for [`campus`].
#[must_use]
pub fn random_building(seed: u64) -> Script {
    let mut rng = Rng::new(seed);
    let mut out = String::new();
    header(&mut out, &format!("Generated building {seed}"));
    let layout = Layout {
        prefix: "G",
        floors: rng.range(1, 4) as u32,
        stairwells: rng.range(1, 3) as u32,
        classes: rng.range(1, 12) as u32,
        headcount: rng.range(20, 45) as u32,
    };
    building(&mut out, &layout, &mut rng);
    if rng.range(0, 3) == 0 {
        out = out.replacen(
            "marshal = \"Marshal G-A\"",
            "marshal = \"Marshal G-A\"\ngate = \"clear\"",
            1,
        );
    }
    read(&out)
}

/// Splits the classes of `script` into `waves` explicit waves, in script
/// order, none pinned: a script with waves for property tests.
#[must_use]
pub fn with_waves(mut script: Script, waves: usize) -> Script {
    let n = waves.clamp(1, script.classes.len().max(1));
    let per = script.classes.len().div_ceil(n);
    script.waves = script
        .classes
        .chunks(per.max(1))
        .map(|chunk| Wave {
            name: None,
            classes: chunk.iter().map(|c| c.id.clone()).collect(),
            at: None,
            span: Span::default(),
        })
        .collect();
    script
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_campus_has_200_classes_and_8000_people_in_4_buildings() {
        let c = campus(7);
        assert_eq!(c.classes.len(), 200);
        assert_eq!(c.people(), 8000);
        assert_eq!(c.stairwells.len(), 16);
        assert_eq!(campus_toml(7), campus_toml(7));
        assert_ne!(campus_toml(7), campus_toml(8));
    }

    #[test]
    fn random_buildings_always_check() {
        for seed in 0..200 {
            let b = random_building(seed);
            assert!(!b.classes.is_empty());
        }
    }
}
