//! Random variation between runs, and the small seeded generator behind it.
//!
//! Each run draws, per class, its extra readiness time, its stair speed and
//! (at `gate = "clear"` stairwells) the marshal's confirmation delay. The
//! distributions are design assumptions anchored on the studies named beside
//! each one; docs/simulate.md lists them.

use serde::Serialize;

use super::network::{MAX_SPEED_FACTOR, Network};

/// `SplitMix64` (Steele, Lea & Flood 2014): tiny, fast, and good enough for
/// drawing a few hundred numbers a run. Written here so that a seed gives the
/// same runs on every platform and crate version.
#[derive(Debug, Clone)]
pub struct Rng {
    state: u64,
}

impl Rng {
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.state)
    }

    /// Uniform in [0, 1).
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Standard normal (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.uniform(); // (0, 1]: ln is finite
        let u2 = self.uniform();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }

    /// Log-normal with the given median and log-sd.
    pub fn lognormal(&mut self, median: f64, sigma: f64) -> f64 {
        median * (sigma * self.normal()).exp()
    }
}

/// The `SplitMix64` output function: a bijective mix of 64 bits.
#[must_use]
pub(crate) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// How much runs differ from the plan's assumptions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Variation {
    /// Median of the extra time a class takes to be ready to leave, beyond
    /// the script's readiness, by grade 1 to 6 and then for grades 7 to 12, s.
    ///
    /// Design assumption: younger classes are slower to start (Hamilton et al.
    /// 2020, Irish primary schools); pre-evacuation in nursery drills was 20 s
    /// for ages 5–6 against 46 s for ages 3–4 (Najmanová & Ronchi 2017), so a
    /// first grade (ages 6–7) starts from 20 s and each grade after it is a
    /// little quicker.
    pub readiness_median_s: [f64; 7],
    /// Log-sd of that extra time: pre-movement times are right-skewed,
    /// commonly modelled log-normal (design assumption).
    pub readiness_sigma: f64,
    /// Standard deviation of a class's mean stair speed, m/s. Fang et al.
    /// 2019 measured 0.20 m/s between individual children; a class walks as a
    /// group behind its teacher, so its mean varies less: half of that
    /// (design assumption). Draws are held within ±50 % of the grade's speed.
    pub stair_speed_sd: f64,
    /// Log-sd of a marshal's confirmation delay at a `gate = "clear"`
    /// stairwell, whose median is the script's `confirm_delay_s` (design
    /// assumption).
    pub confirm_sigma: f64,
}

impl Variation {
    /// No variation: every run is the deterministic one.
    pub const NONE: Variation = Variation {
        readiness_median_s: [0.0; 7],
        readiness_sigma: 0.0,
        stair_speed_sd: 0.0,
        confirm_sigma: 0.0,
    };

    /// The default variation of `evacdrill simulate` (see the field docs for
    /// the sources and assumptions).
    #[must_use]
    pub fn realistic() -> Self {
        Self {
            readiness_median_s: [20.0, 17.0, 15.0, 13.0, 11.0, 10.0, 8.0],
            readiness_sigma: 0.5,
            stair_speed_sd: 0.10,
            confirm_sigma: 0.5,
        }
    }

    fn readiness_median(&self, grade: u8) -> f64 {
        let i = usize::from(grade.clamp(1, 7)) - 1;
        self.readiness_median_s[i]
    }
}

/// One run's draws, per class in script order.
#[derive(Debug, Clone)]
pub(crate) struct Draws {
    /// When the class is ready to leave, s after the signal.
    pub ready_at: Vec<f64>,
    pub stair_speed: Vec<f64>,
    /// The marshal's delay before this class's release, at a clear gate.
    pub confirm_delay: Vec<f64>,
}

impl Draws {
    /// Draws for `net` from `seed`; with [`Variation::NONE`], the script's
    /// own values.
    pub fn new(net: &Network, variation: &Variation, confirm_delay: f64, seed: u64) -> Self {
        let mut rng = Rng::new(seed);
        let n = net.classes.len();
        let mut draws = Draws {
            ready_at: Vec::with_capacity(n),
            stair_speed: Vec::with_capacity(n),
            confirm_delay: Vec::with_capacity(n),
        };
        for c in &net.classes {
            // Three draws per class, always, so one class's draws never shift
            // another's when a distribution is switched off.
            let (z_ready, z_speed, z_confirm) = (rng.normal(), rng.normal(), rng.normal());
            let median = variation.readiness_median(c.grade);
            let extra = if median > 0.0 {
                median * (variation.readiness_sigma * z_ready).exp()
            } else {
                0.0
            };
            draws.ready_at.push(c.readiness + extra);
            let v = c.stair_speed + variation.stair_speed_sd * z_speed;
            draws
                .stair_speed
                .push(v.clamp(0.5 * c.stair_speed, MAX_SPEED_FACTOR * c.stair_speed));
            draws
                .confirm_delay
                .push(confirm_delay * (variation.confirm_sigma * z_confirm).exp());
        }
        draws
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seed_gives_the_same_numbers() {
        let a: Vec<u64> = {
            let mut r = Rng::new(42);
            (0..5).map(|_| r.next_u64()).collect()
        };
        let mut r = Rng::new(42);
        let b: Vec<u64> = (0..5).map(|_| r.next_u64()).collect();
        assert_eq!(a, b);
        let mut other = Rng::new(43);
        assert_ne!(a[0], other.next_u64());
    }

    #[test]
    fn normal_draws_have_unit_spread() {
        let mut r = Rng::new(7);
        let xs: Vec<f64> = (0..20_000).map(|_| r.normal()).collect();
        let mean = xs.iter().sum::<f64>() / xs.len() as f64;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / xs.len() as f64;
        assert!(mean.abs() < 0.03, "{mean}");
        assert!((var - 1.0).abs() < 0.05, "{var}");
    }

    #[test]
    fn uniform_stays_in_the_unit_interval() {
        let mut r = Rng::new(0);
        assert!(
            (0..10_000)
                .map(|_| r.uniform())
                .all(|u| (0.0..1.0).contains(&u))
        );
    }

    #[test]
    fn younger_grades_start_later() {
        let v = Variation::realistic();
        assert!(v.readiness_median(1) > v.readiness_median(6));
        assert!(v.readiness_median(6) >= v.readiness_median(9));
    }
}
