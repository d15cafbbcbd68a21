//! Load on the phone server: 100 simulated phones send 10,000 reports
//! between them while a drill runs; none may be lost or applied twice.
//!
//! `cargo bench --bench server` (a plain `main`, not criterion: what matters
//! is the distribution of acknowledgement latencies under load, measured
//! once per report, and the count in the journal). Each phone has its own
//! connection and sends its reports one after another, as a phone does;
//! every 20th report is sent again with the same client id (a retry after a
//! lost answer), which must come back with the same seq and add nothing.
//! The server is the dashboard's own (the live-drill driver and the phone
//! server, run without a screen by `evacdrill_testkit::headless`),
//! journaling and syncing every report before it answers; the rate limit is
//! off because the hundred phones share one address here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::{Duration, Instant};

use evacdrill_testkit::headless::{Headless, Options, start_command};
use serde_json::{Value, json};

/// Defaults: the figures. `PHONES=1 REPORTS=1000` measures one
/// phone alone (no queueing), for comparison.
const PHONES: usize = 100;
const REPORTS: usize = 10_000;

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(default)
}
const RETRY_EVERY: usize = 20;

/// What one phone saw: per report, the answer and the latency.
struct Sent {
    error: Option<String>,
    status: u16,
    seq: Option<u64>,
    micros: u128,
}

async fn phone(
    n: usize,
    post: (String, String),
    count: usize,
) -> (Vec<Sent>, Vec<(String, u64, Value)>) {
    let client = reqwest::Client::new();
    let mut sent = Vec::with_capacity(count);
    let mut retries = Vec::new();
    let (key, url) = post;
    let stairwell = key != "assembly";
    for i in 0..count {
        let id = format!("p{n:03}r{i:05}");
        let action = if stairwell && i % 5 == 0 {
            json!({"type": if i % 10 == 0 { "at_post" } else { "left_post" }})
        } else {
            json!({"type": "problem", "category": "other", "text": format!("load {id}")})
        };
        let body = json!({"id": id, "taken_at": 1, "sent_at": 1, "action": action});
        let start = Instant::now();
        let r = client
            .post(format!("{url}/report"))
            .json(&body)
            .send()
            .await
            .expect("the server answers");
        let status = r.status().as_u16();
        let v: Value = r.json().await.unwrap_or(Value::Null);
        let micros = start.elapsed().as_micros();
        let seq = v["seq"].as_u64();
        if i % RETRY_EVERY == 0 {
            if let Some(seq) = seq {
                retries.push((url.clone(), seq, body));
            }
        }
        sent.push(Sent {
            error: v["error"].as_str().map(str::to_owned),
            status,
            seq,
            micros,
        });
    }
    (sent, retries)
}

/// The load: what every phone saw, how many retries were answered with
/// their first seq, and how long it all took.
struct Load {
    sent: Vec<Sent>,
    retried: usize,
    elapsed: Duration,
}

/// How the server answered: recorded (200) or refused by the session (409).
struct Tally {
    recorded: usize,
    refused: usize,
}

fn main() {
    let phones = setting("PHONES", PHONES);
    let reports = setting("REPORTS", REPORTS);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (server, posts) = setup(dir.path());
    let load = load(phones, reports, &posts);
    let last = server.stop();
    let journal = read_journal(dir.path());
    let events = phone_events(&journal);
    let tally = check(&load.sent, &events, reports / phones * phones);
    report(phones, &load, &tally, &events, &last);
}

/// The demo drill, started, on a headless dashboard without a rate limit;
/// with its phone posts as (key, URL).
fn setup(dir: &Path) -> (Headless, Vec<(String, String)>) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("drills/demo.toml");
    let mut server = Headless::start(
        &script,
        dir,
        Options {
            rate: 0.0,
            ..Options::default()
        },
    );
    assert_eq!(server.command(&start_command())["applied"], 1);
    let posts: Vec<(String, String)> = server
        .urls
        .iter()
        .map(|(k, u)| (k.clone(), u.clone()))
        .collect();
    (server, posts)
}

/// `phones` phones share `reports` between them over the posts in turn,
/// then the retries go out.
fn load(phones: usize, reports: usize, posts: &[(String, String)]) -> Load {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    let started = Instant::now();
    let (sent, retried) = rt.block_on(async {
        let tasks: Vec<_> = (0..phones)
            .map(|n| tokio::spawn(phone(n, posts[n % posts.len()].clone(), reports / phones)))
            .collect();
        let mut sent = Vec::new();
        let mut retries = Vec::new();
        for t in tasks {
            let (s, r) = t.await.expect("a phone finishes");
            sent.extend(s);
            retries.extend(r);
        }
        (sent, retry(&retries).await)
    });
    Load {
        sent,
        retried,
        elapsed: started.elapsed(),
    }
}

/// The retries: same id, same body; the answer must be the same seq.
async fn retry(retries: &[(String, u64, Value)]) -> usize {
    let client = reqwest::Client::new();
    let mut answered_again = 0;
    for (url, seq, body) in retries {
        let v: Value = client
            .post(format!("{url}/report"))
            .json(body)
            .send()
            .await
            .expect("the server answers")
            .json()
            .await
            .expect("JSON");
        assert_eq!(
            v["seq"].as_u64(),
            Some(*seq),
            "a retry got another answer: {v}"
        );
        assert_eq!(v["duplicate"], true);
        answered_again += 1;
    }
    answered_again
}

/// The journal's records, its header line left out.
fn read_journal(dir: &Path) -> Vec<Value> {
    std::fs::read_to_string(dir.join("drill.journal.jsonl"))
        .expect("the journal")
        .lines()
        .skip(1)
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

/// The events the phones caused, by seq.
fn phone_events(journal: &[Value]) -> BTreeMap<u64, &Value> {
    journal
        .iter()
        .filter(|r| {
            matches!(
                r["event"]["type"].as_str(),
                Some("marshal_at_post" | "marshal_left_post" | "problem_logged")
            )
        })
        .map(|r| (r["seq"].as_u64().expect("seq"), &r["event"]))
        .collect()
}

/// Nothing lost, nothing applied twice: every one of `expected` reports
/// answered, each recorded one in the journal exactly once under its seq.
fn check(sent: &[Sent], events: &BTreeMap<u64, &Value>, expected: usize) -> Tally {
    let recorded: Vec<&Sent> = sent.iter().filter(|s| s.status == 200).collect();
    let seqs: BTreeSet<u64> = recorded.iter().filter_map(|s| s.seq).collect();
    let refused = sent.iter().filter(|s| s.status == 409).count();
    let other = sent.len() - recorded.len() - refused;
    assert_eq!(sent.len(), expected, "every report was answered");
    assert_eq!(other, 0, "only recorded or refused by the session");
    assert_eq!(seqs.len(), recorded.len(), "no two reports share a seq");
    assert_eq!(
        events.len(),
        recorded.len(),
        "the journal holds each recorded report exactly once"
    );
    assert!(
        seqs.iter().all(|s| events.contains_key(s)),
        "every acknowledged seq is in the journal"
    );
    let problems = events
        .values()
        .filter(|e| e["type"] == "problem_logged")
        .count();
    let problem_ids: BTreeSet<&str> = events.values().filter_map(|e| e["text"].as_str()).collect();
    assert_eq!(problem_ids.len(), problems, "no problem was applied twice");
    Tally {
        recorded: recorded.len(),
        refused,
    }
}

/// The throughput, the counts, the refusals by reason and the latencies.
fn report(phones: usize, load: &Load, tally: &Tally, events: &BTreeMap<u64, &Value>, last: &Value) {
    let Load {
        sent,
        retried,
        elapsed,
    } = load;
    println!(
        "phone server: {phones} phones, {} reports in {:.1} s ({:.0} reports/s); \
         recorded {}, refused by the session {}, retries answered from memory {retried}; \
         journal lines from phones {}; unauthorized {}",
        sent.len(),
        elapsed.as_secs_f64(),
        sent.len() as f64 / elapsed.as_secs_f64(),
        tally.recorded,
        tally.refused,
        events.len(),
        last["unauthorized"],
    );
    let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
    for s in sent {
        if let Some(e) = &s.error {
            *reasons.entry(e.as_str()).or_default() += 1;
        }
    }
    for (reason, n) in &reasons {
        println!("  refused {n}×: {reason}");
    }
    let mut micros: Vec<u128> = sent.iter().map(|s| s.micros).collect();
    micros.sort_unstable();
    let at = |q: f64| micros[((micros.len() - 1) as f64 * q).round() as usize] as f64 / 1000.0;
    println!(
        "acknowledgement latency: median {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        at(0.5),
        at(0.9),
        at(0.99),
        at(1.0)
    );
}
