//! The server's memory of clients: a rate limit per address, and the recent
//! reports by client id so that a retried report is answered, not re-applied.
//!
//! Both are bounded: a flood of addresses or ids cannot grow them without
//! limit. Both take the time as a value, so they are tested without sleeping.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::OnceCell;

/// A token bucket per client address.
#[derive(Debug)]
pub struct RateLimiter {
    per_s: f64,
    burst: f64,
    buckets: HashMap<IpAddr, Bucket>,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// Addresses kept before idle ones are forgotten (design assumption: a
/// school's staff phones are tens, a flood is not).
const MAX_ADDRESSES: usize = 4096;

impl RateLimiter {
    /// `per_s` requests a second on average, up to `burst` at once; a rate of
    /// zero turns the limit off (the load benchmark, where a hundred phones
    /// share one address).
    #[must_use]
    pub fn new(per_s: f64, burst: f64) -> Self {
        Self {
            per_s,
            burst: burst.max(1.0),
            buckets: HashMap::new(),
        }
    }

    /// Whether a request from `ip` at `now` may go ahead (and takes its token).
    pub fn allow(&mut self, ip: IpAddr, now: Instant) -> bool {
        if self.per_s <= 0.0 {
            return true;
        }
        if self.buckets.len() >= MAX_ADDRESSES && !self.buckets.contains_key(&ip) {
            let (per_s, burst) = (self.per_s, self.burst);
            self.buckets
                .retain(|_, b| refill(*b, now, per_s, burst) < burst);
            if self.buckets.len() >= MAX_ADDRESSES {
                return false;
            }
        }
        let (per_s, burst) = (self.per_s, self.burst);
        let bucket = self.buckets.entry(ip).or_insert(Bucket {
            tokens: burst,
            at: now,
        });
        bucket.tokens = refill(*bucket, now, per_s, burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

fn refill(b: Bucket, now: Instant, per_s: f64, burst: f64) -> f64 {
    let dt = now.saturating_duration_since(b.at).as_secs_f64();
    (b.tokens + dt * per_s).min(burst)
}

/// What the server answered to a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Journaled and synced; the seq of its first event.
    Recorded { seq: u64 },
    /// Not recorded, with the HTTP status and the reason in words.
    Refused { status: u16, message: String },
}

/// One report's answer, filled in once by whichever request got there first.
pub type Slot = Arc<OnceCell<Answer>>;

/// Recent reports by (post, client id).
#[derive(Debug)]
pub struct Recent {
    slots: HashMap<String, Slot>,
    order: VecDeque<(Instant, String)>,
    capacity: usize,
    ttl: Duration,
}

impl Recent {
    /// Remembers up to `capacity` reports for `ttl` each.
    #[must_use]
    pub fn new(capacity: usize, ttl: Duration) -> Self {
        Self {
            slots: HashMap::new(),
            order: VecDeque::new(),
            capacity: capacity.max(1),
            ttl,
        }
    }

    /// The slot of the report `key`, new or remembered, and whether it is new.
    pub fn slot(&mut self, key: &str, now: Instant) -> (Slot, bool) {
        while let Some((at, oldest)) = self.order.front() {
            if self.order.len() >= self.capacity || now.saturating_duration_since(*at) > self.ttl {
                self.slots.remove(oldest);
                self.order.pop_front();
            } else {
                break;
            }
        }
        if let Some(slot) = self.slots.get(key) {
            return (Arc::clone(slot), false);
        }
        let slot: Slot = Arc::new(OnceCell::new());
        self.slots.insert(key.to_owned(), Arc::clone(&slot));
        self.order.push_back((now, key.to_owned()));
        (slot, true)
    }

    /// How many reports are remembered.
    #[cfg(test)]
    #[must_use]
    pub(crate) fn len(&self) -> usize {
        self.slots.len()
    }
}

#[cfg(test)]
mod tests {
    use std::net::{IpAddr, Ipv4Addr};
    use std::sync::Arc;
    use std::time::{Duration, Instant};

    use super::{RateLimiter, Recent};

    #[test]
    fn a_burst_then_the_steady_rate() {
        let mut r = RateLimiter::new(10.0, 20.0);
        let ip = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 7));
        let other = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 8));
        let t0 = Instant::now();
        assert_eq!((0..25).filter(|_| r.allow(ip, t0)).count(), 20);
        assert!(r.allow(other, t0), "each address has its own bucket");
        let later = t0 + Duration::from_millis(500);
        assert_eq!((0..25).filter(|_| r.allow(ip, later)).count(), 5);
        let off = &mut RateLimiter::new(0.0, 0.0);
        assert!((0..1000).all(|_| off.allow(ip, t0)));
    }

    #[test]
    fn a_repeated_id_gets_the_same_slot_until_it_is_forgotten() {
        let mut r = Recent::new(3, Duration::from_secs(60));
        let t0 = Instant::now();
        let (a, new) = r.slot("A/1", t0);
        assert!(new);
        let (again, new) = r.slot("A/1", t0);
        assert!(!new && Arc::ptr_eq(&a, &again));
        r.slot("A/2", t0);
        r.slot("A/3", t0);
        r.slot("A/4", t0);
        assert_eq!(r.len(), 3, "bounded");
        assert!(r.slot("A/1", t0).1, "the oldest was forgotten");
        let late = t0 + Duration::from_secs(61);
        assert!(r.slot("A/4", late).1, "expired");
        assert_eq!(r.len(), 1);
    }
}
