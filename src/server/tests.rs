//! HTTP tests with a real client against `serve()` on 127.0.0.1:0, with a
//! small loop around the live-drill driver that applies, journals and
//! answers as the dashboard's loop does.

// `h` is the harness, `s` a status, `v` a body: read at a glance.
#![allow(clippy::many_single_char_names)]

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use evacdrill_core::i18n::Lang;
use evacdrill_core::script::StairwellId;
use evacdrill_core::session::{Input, SessionKind, StartRecord};
use reqwest::StatusCode;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::{mpsc, oneshot, watch};

use evacdrill_core::plan::replan::{self, PlanReplanner};
use evacdrill_core::session::{DrillTime, Session};

use super::{Limits, PostId, Report, ServerConfig, Serving, Snapshot, serve, snapshot};
use crate::drill::{Drill, NewDrill, SystemWall, View};
use crate::store::journal::Journal;
use crate::store::script_file;

/// The demo drill, planned, journaled at `journal`.
fn demo_drill(journal: &std::path::Path, lang: Lang) -> Drill {
    let checked = script_file::load(&demo());
    let script = checked.script.unwrap();
    let schedule = replan::initial(&script, None, lang).unwrap();
    Drill::create(
        NewDrill {
            journal,
            script_name: "drills/demo.toml",
            script_toml: &checked.source,
            script,
            schedule,
        },
        Box::new(PlanReplanner {
            lang,
            policy: None,
            control: evacdrill_core::plan::robust::Control::None,
        }),
        Box::new(SystemWall),
    )
    .unwrap()
}

/// Drill time since the harness started.
fn since(t0: std::time::Instant) -> DrillTime {
    DrillTime(u64::try_from(t0.elapsed().as_millis()).unwrap())
}

/// The snapshots the server streams, as the drill publishes them.
struct Watch(watch::Sender<Arc<Snapshot>>);

impl View for Watch {
    fn publish(&mut self, session: &Session, now: DrillTime) {
        if self.0.borrow().last_seq + 1 != session.next_seq() {
            self.0.send_replace(Arc::new(snapshot(session, now)));
        }
    }
}

/// A server, its drill loop, and what a test needs to poke them.
struct Harness {
    base: String,
    cfg: ServerConfig,
    coordinator: mpsc::Sender<(Input, oneshot::Sender<Result<u64, String>>)>,
    stop: Option<oneshot::Sender<()>>,
    server: tokio::task::JoinHandle<std::io::Result<()>>,
    journal: PathBuf,
    client: reqwest::Client,
    _dir: tempfile::TempDir,
}

fn demo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("drills/demo.toml")
}

impl Harness {
    async fn start(limits: Limits) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("t.journal.jsonl");
        let mut drill = demo_drill(&journal, Lang::En);
        let t0 = std::time::Instant::now();
        let (views_tx, views) = watch::channel(Arc::new(snapshot(drill.session(), since(t0))));
        drill.attach(Box::new(Watch(views_tx)));
        let mut cfg = ServerConfig::new(drill.session().script(), Lang::En).unwrap();
        cfg.limits = limits;
        let (reports_tx, mut reports) = mpsc::channel::<Report>(64);
        let (coordinator, mut inputs) =
            mpsc::channel::<(Input, oneshot::Sender<Result<u64, String>>)>(8);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_millis(50));
            loop {
                tokio::select! {
                    r = reports.recv() => match r {
                        Some(r) => { drill.report(r, since(t0), Lang::En); }
                        None => break,
                    },
                    Some((input, reply)) = inputs.recv() => {
                        let answer = drill
                            .apply(input, since(t0))
                            .map(|a| a.first_seq)
                            .map_err(|e| crate::drill::refusal(&e, Lang::En));
                        let _ = reply.send(answer);
                    }
                    _ = tick.tick() => { drill.tick(since(t0)); }
                }
            }
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = oneshot::channel::<()>();
        let server = tokio::spawn(serve(listener, cfg.clone(), reports_tx, views, async {
            let _ = stopped.await;
        }));
        Self {
            base,
            cfg,
            coordinator,
            stop: Some(stop),
            server,
            journal,
            client: reqwest::Client::new(),
            _dir: dir,
        }
    }

    fn url(&self, post: &str) -> String {
        let key = if post == "assembly" {
            "assembly".to_owned()
        } else {
            format!("stairwell:{post}")
        };
        let t = self.cfg.tokens.lock().unwrap();
        t.links(&self.base)
            .into_iter()
            .find(|l| l.post == key)
            .unwrap()
            .url
    }

    async fn report(&self, post: &str, id: &str, action: Value) -> (StatusCode, Value) {
        let r = self
            .client
            .post(format!("{}/report", self.url(post)))
            .json(&json!({ "id": id, "taken_at": 1_000, "sent_at": 1_500, "action": action }))
            .send()
            .await
            .unwrap();
        let status = r.status();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    async fn coordinator(&self, input: Input) -> Result<u64, String> {
        let (tx, rx) = oneshot::channel();
        self.coordinator.send((input, tx)).await.unwrap();
        rx.await.unwrap()
    }

    /// The events in the journal, by type.
    fn journal_types(&self) -> Vec<String> {
        Journal::read(&self.journal)
            .unwrap()
            .records
            .iter()
            .map(|r| {
                serde_json::to_value(&r.event).unwrap()["type"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect()
    }

    async fn stop(mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        tokio::time::timeout(Duration::from_secs(10), &mut self.server)
            .await
            .expect("the server stops")
            .unwrap()
            .unwrap();
    }
}

fn start_input() -> Input {
    Input::Start {
        record: StartRecord {
            kind: SessionKind::Test,
            alarm: "bell".into(),
            conducted_by: "test".into(),
            staff_on_duty: vec![],
            weather: String::new(),
            conditions_simulated: String::new(),
        },
        override_reason: Some("test: other posts unmanned".into()),
    }
}

/// Waits until the drill's releases into stairwell A happened.
async fn wait_released(h: &Harness) {
    for _ in 0..100 {
        if h.journal_types().iter().any(|t| t == "class_released") {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no release happened");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_action_is_recorded_once_and_acknowledged_with_its_seq() {
    let h = Harness::start(Limits::default()).await;
    let (s, v) = h.report("A", "a1", json!({"type": "at_post"})).await;
    assert_eq!((s, v["seq"].as_u64()), (StatusCode::OK, Some(1)), "{v}");
    h.coordinator(start_input()).await.unwrap();
    wait_released(&h).await;
    let (s, v) = h
        .report("A", "a2", json!({"type": "class_passed", "class": "1-1"}))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, v) = h.report("A", "a3", json!({"type": "congestion"})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, v) = h
        .report(
            "A",
            "a4",
            json!({"type": "problem", "category": "lighting", "text": "landing 2 dark"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, v) = h.report("A", "a5", json!({"type": "clear"})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, v) = h.report("A", "a6", json!({"type": "left_post"})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, v) = h
        .report(
            "assembly",
            "c1",
            json!({"type": "headcount", "class": "1-1", "present": 39, "missing": 1, "missing_names": ["Li Lei"]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, v) = h
        .report(
            "assembly",
            "c2",
            json!({"type": "problem", "category": "other", "text": "gate"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");

    // What a post may not do: the session is not asked.
    let (s, v) = h
        .report(
            "A",
            "x1",
            json!({"type": "headcount", "class": "1-2", "present": 1}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    let (s, v) = h
        .report("A", "x2", json!({"type": "class_passed", "class": "1-3"}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(
        v["error"]
            .as_str()
            .unwrap()
            .contains("does not go down stairwell A"),
        "{v}"
    );
    let (s, _) = h.report("assembly", "x3", json!({"type": "clear"})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    // A refusal by the session comes back in words.
    let (s, v) = h.report("A", "x4", json!({"type": "left_post"})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(v["error"].as_str().unwrap().contains("not at post"), "{v}");

    let types = h.journal_types();
    for t in [
        "marshal_at_post",
        "class_passed",
        "congestion_reported",
        "problem_logged",
        "stairwell_cleared",
        "marshal_left_post",
        "headcount_taken",
    ] {
        assert!(types.iter().any(|x| x == t), "{t} in {types:?}");
    }
    assert_eq!(types.iter().filter(|t| *t == "problem_logged").count(), 2);
    let scan = Journal::read(&h.journal).unwrap();
    let hc = scan
        .records
        .iter()
        .find_map(|r| match &r.event {
            evacdrill_core::session::Event::HeadcountTaken(hc) => Some(hc.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!((hc.present, hc.missing.count), (39, 1));
    assert_eq!(hc.missing.names, ["Li Lei"]);
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_and_revoked_tokens_are_refused_and_counted() {
    let h = Harness::start(Limits::default()).await;
    let count = || h.cfg.unauthorized.load(Ordering::Relaxed);
    let get = |url: String| {
        let c = h.client.clone();
        async move { c.get(url).send().await.unwrap().status() }
    };
    assert_eq!(get(h.url("A")).await, StatusCode::OK);
    assert_eq!(count(), 0);
    let wrong = format!("{}/p/{}", h.base, "0".repeat(32));
    assert_eq!(get(wrong.clone()).await, StatusCode::UNAUTHORIZED);
    assert_eq!(get(format!("{}/", h.base)).await, StatusCode::UNAUTHORIZED);
    assert_eq!(
        get(format!("{wrong}/events")).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(count(), 3);
    assert_eq!(
        get(format!("{}/favicon.ico", h.base)).await,
        StatusCode::NOT_FOUND,
        "a browser's own request is not an attack"
    );
    assert_eq!(count(), 3);

    let old = h.url("A");
    let (s, _) = h.report("A", "r1", json!({"type": "at_post"})).await;
    assert_eq!(s, StatusCode::OK);
    let a = PostId::Stairwell(StairwellId("A".into()));
    assert!(h.cfg.tokens.lock().unwrap().revoke(&a).unwrap());
    let r = h
        .client
        .post(format!("{old}/report"))
        .json(&json!({"id": "r2", "action": {"type": "left_post"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let v: Value = r.json().await.unwrap();
    assert!(v["error"].as_str().unwrap().contains("QR code"), "{v}");
    assert_eq!(count(), 4);
    assert_ne!(h.url("A"), old);
    let (s, _) = h.report("A", "r3", json!({"type": "left_post"})).await;
    assert_eq!(s, StatusCode::OK, "the new link works");
    assert_eq!(h.journal_types(), ["marshal_at_post", "marshal_left_post"]);
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_malformed_cross_site_and_get_reports_change_nothing() {
    let h = Harness::start(Limits::default()).await;
    let url = format!("{}/report", h.url("A"));
    let big = json!({"id": "big", "action": {"type": "problem", "category": "other", "text": "x".repeat(5000)}});
    let r = h.client.post(&url).json(&big).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let r = h
        .client
        .post(&url)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let r = h
        .client
        .post(&url)
        .header("origin", "http://evil.example")
        .json(&json!({"id": "x", "action": {"type": "at_post"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = h.client.get(&url).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED);
    let r = h
        .client
        .post(h.url("A"))
        .json(&json!({"id": "x", "action": {"type": "at_post"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED);
    // Our own page's origin is fine.
    let r = h
        .client
        .post(&url)
        .header("origin", h.base.clone())
        .json(&json!({"id": "ok", "action": {"type": "at_post"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(h.journal_types(), ["marshal_at_post"]);
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retried_report_is_applied_once_and_answered_the_same() {
    let h = Harness::start(Limits::default()).await;
    let action = json!({"type": "problem", "category": "other", "text": "once"});
    let (a, b, c) = tokio::join!(
        h.report("B", "same-id", action.clone()),
        h.report("B", "same-id", action.clone()),
        h.report("B", "same-id", action.clone()),
    );
    let (d, _) = h.report("B", "same-id", action.clone()).await;
    assert!([a.0, b.0, c.0, d].iter().all(|s| *s == StatusCode::OK));
    let seqs: Vec<_> = [&a.1, &b.1, &c.1]
        .iter()
        .map(|v| v["seq"].clone())
        .collect();
    assert!(seqs.iter().all(|s| *s == seqs[0]), "{seqs:?}");
    assert_eq!(
        [&a.1, &b.1, &c.1]
            .iter()
            .filter(|v| v["duplicate"] == false)
            .count(),
        1
    );
    // The same id from another post is another report.
    let (s, _) = h.report("C", "same-id", action).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(h.journal_types().len(), 2);
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_report_after_the_end_is_refused_clearly() {
    let h = Harness::start(Limits::default()).await;
    h.coordinator(start_input()).await.unwrap();
    h.coordinator(Input::EndEarly {
        reason: "test".into(),
    })
    .await
    .unwrap();
    let (s, v) = h.report("A", "late", json!({"type": "at_post"})).await;
    assert_eq!(s, StatusCode::GONE);
    assert_eq!(
        v["error"],
        "The drill has ended; nothing more can be recorded."
    );
    assert!(!h.journal_types().contains(&"marshal_at_post".to_owned()));
    h.stop().await;
}

mod connections;
