//! The connection itself: a client stalling in its headers, one sending
//! too fast, the live stream, and the dashboard's handle on the server.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_stalling_in_its_headers_is_cut_off() {
    let h = Harness::start(Limits {
        header_timeout: Duration::from_secs(1),
        ..Limits::default()
    })
    .await;
    let addr = h.base.trim_start_matches("http://").to_owned();
    let mut s = tokio::net::TcpStream::connect(&addr).await.unwrap();
    s.write_all(b"GET /p/x HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        .await
        .unwrap();
    let mut buf = Vec::new();
    // The server closes the connection (EOF) well before this deadline; a
    // server without a header timeout would hold it open for ever.
    let read = tokio::time::timeout(Duration::from_secs(20), s.read_to_end(&mut buf)).await;
    assert!(read.is_ok(), "the connection is still open");
    // Other clients were served meanwhile.
    let (st, _) = h.report("A", "after", json!({"type": "at_post"})).await;
    assert_eq!(st, StatusCode::OK);
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_beyond_the_rate_are_refused_with_429() {
    let h = Harness::start(Limits {
        rate_per_s: 1.0,
        burst: 5.0,
        ..Limits::default()
    })
    .await;
    let mut codes = Vec::new();
    for _ in 0..8 {
        codes.push(
            h.client
                .get(format!("{}/state", h.url("A")))
                .send()
                .await
                .unwrap()
                .status(),
        );
    }
    assert_eq!(
        codes.iter().filter(|c| **c == StatusCode::OK).count(),
        5,
        "{codes:?}"
    );
    assert_eq!(codes[7], StatusCode::TOO_MANY_REQUESTS);
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_live_stream_sends_the_state_now_and_after_each_change() {
    let h = Harness::start(Limits::default()).await;
    let mut r = h
        .client
        .get(format!("{}/events", h.url("A")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        r.headers()["content-type"].to_str().unwrap(),
        "text/event-stream"
    );
    let mut text = String::new();
    let mut next_state = async |text: &mut String| -> Value {
        loop {
            if let Some(end) = text.find("\n\n") {
                let block: String = text.drain(..end + 2).collect();
                if let Some(data) = block.lines().find_map(|l| l.strip_prefix("data: ")) {
                    return serde_json::from_str(data).unwrap();
                }
                continue;
            }
            let chunk = tokio::time::timeout(Duration::from_secs(10), r.chunk())
                .await
                .expect("an event arrives")
                .unwrap()
                .expect("the stream stays open");
            text.push_str(std::str::from_utf8(&chunk).unwrap());
        }
    };
    let first = next_state(&mut text).await;
    assert_eq!(first["stairwells"][0]["marshal"], "absent");
    let (s, _) = h.report("A", "live", json!({"type": "at_post"})).await;
    assert_eq!(s, StatusCode::OK);
    let second = next_state(&mut text).await;
    assert_eq!(second["stairwells"][0]["marshal"], "at_post");
    assert_eq!(second["last_seq"], 1);
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboards_handle_publishes_revokes_counts_and_stops() {
    let dir = tempfile::tempdir().unwrap();
    let mut drill = demo_drill(&dir.path().join("s.journal.jsonl"), Lang::ZhCn);
    let addr = "127.0.0.1:0".parse().unwrap();
    let (serving, mut reports) = Serving::start(addr, drill.session(), DrillTime::ZERO, Lang::ZhCn)
        .await
        .unwrap();
    drill.attach(Box::new(serving.view()));
    assert_eq!(serving.base, format!("http://{}", serving.bound));
    let links = serving.links();
    assert_eq!(links.len(), serving.posts().len());
    assert!(links[0].name.starts_with("A 楼梯"), "{}", links[0].name);
    let client = reqwest::Client::new();
    let state = |url: String| {
        let c = client.clone();
        async move { c.get(format!("{url}/state")).send().await.unwrap() }
    };
    let before: Value = state(links[0].url.clone()).await.json().await.unwrap();
    assert_eq!(before["stairwells"][0]["marshal"], "absent");

    // A report goes to the loop; the loop applies it and publishes.
    let post = tokio::spawn({
        let c = client.clone();
        let url = links[0].url.clone();
        async move {
            c.post(format!("{url}/report"))
                .json(&json!({"id": "h1", "action": {"type": "at_post"}}))
                .send()
                .await
                .unwrap()
                .status()
        }
    });
    let report = reports.recv().await.unwrap();
    assert!(matches!(report.input, Input::MarshalAtPost { .. }));
    drill.report(report, DrillTime(1), Lang::ZhCn);
    assert_eq!(post.await.unwrap(), StatusCode::OK);
    let after: Value = state(links[0].url.clone()).await.json().await.unwrap();
    assert_eq!(after["stairwells"][0]["marshal"], "at_post");

    assert!(serving.revoke(&serving.posts()[0]).unwrap());
    assert_eq!(
        state(links[0].url.clone()).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(serving.unauthorized(), 1);
    assert_ne!(serving.links()[0].url, links[0].url);
    tokio::time::timeout(Duration::from_secs(10), serving.stop())
        .await
        .expect("stops")
        .unwrap();
}
