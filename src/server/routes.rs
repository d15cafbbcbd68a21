//! The phone server's routes: the page, its live stream, the state, reports.

use std::convert::Infallible;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::Body;
use axum::extract::{ConnectInfo, Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use evacdrill_core::i18n::Lang;
use evacdrill_core::i18n::phone::ServerText;
use evacdrill_core::session::Phase;
use futures_util::Stream;
use serde_json::json;
use tokio::sync::{mpsc, oneshot, watch};

use super::limits::{Answer, RateLimiter, Recent};
use super::report::{self, ReportBody};
use super::tokens::{PostId, SharedTokens};
use super::view::Snapshot;
use super::{Report, page};

/// Reports remembered for answering retries (design assumption: a drill has
/// at most a few thousand reports; ten minutes covers a phone that was
/// offline for a long staircase and a flat battery).
pub const RECENT_REPORTS: usize = 20_000;
pub const RECENT_TTL: Duration = Duration::from_secs(600);

/// How often a live stream checks that its token is still valid, so that a
/// revoked phone stops seeing the drill soon after.
const TOKEN_RECHECK: Duration = Duration::from_secs(5);

/// The server's state, shared by every request.
pub struct Shared {
    pub tokens: SharedTokens,
    pub unauthorized: Arc<AtomicU64>,
    pub lang: Lang,
    pub reports: mpsc::Sender<Report>,
    pub views: watch::Receiver<Arc<Snapshot>>,
    pub rate: Mutex<RateLimiter>,
    pub recent: Mutex<Recent>,
    /// Turns true when the server shuts down: live streams end.
    pub closing: watch::Receiver<bool>,
    pub max_body: usize,
    pub body_timeout: Duration,
}

type St = State<Arc<Shared>>;

pub fn router(state: Arc<Shared>) -> Router {
    Router::new()
        .route("/p/{token}", get(page_route))
        .route("/p/{token}/events", get(events))
        .route("/p/{token}/state", get(state_route))
        .route("/p/{token}/report", post(report_route))
        .route("/favicon.ico", get(|| async { StatusCode::NOT_FOUND }))
        .fallback(fallback)
        .layer(middleware::from_fn_with_state(Arc::clone(&state), guard))
        .with_state(state)
}

/// A JSON answer `{ok: false, error}` with `status`.
pub fn refusal(status: StatusCode, message: &str) -> Response {
    let mut r = (status, axum::Json(json!({ "ok": false, "error": message }))).into_response();
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// Every request: the rate limit per address, and headers that keep the
/// page out of frames, caches and referrers.
async fn guard(State(st): St, req: Request, next: Next) -> Response {
    let ip = req
        .extensions()
        .get::<ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip());
    if let Some(ip) = ip {
        let allowed = st
            .rate
            .lock()
            .map_or(true, |mut r| r.allow(ip, Instant::now()));
        if !allowed {
            tracing::warn!(%ip, "rate limited");
            return refusal(
                StatusCode::TOO_MANY_REQUESTS,
                &ServerText::RateLimited.text(st.lang),
            );
        }
    }
    let mut response = next.run(req).await;
    let h = response.headers_mut();
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

fn unauthorized(st: &Shared) -> Response {
    st.unauthorized.fetch_add(1, Ordering::Relaxed);
    tracing::warn!("request with a missing or invalid token");
    refusal(
        StatusCode::UNAUTHORIZED,
        &ServerText::Unauthorized.text(st.lang),
    )
}

/// The post of `token` and its name, or the 401 answer (counted).
fn authorize(st: &Shared, token: &str) -> Result<(PostId, String), Box<Response>> {
    let found = st.tokens.lock().ok().and_then(|tokens| {
        let post = tokens.check(token)?;
        let name = tokens.name(&post).unwrap_or_default().to_owned();
        Some((post, name))
    });
    found.ok_or_else(|| Box::new(unauthorized(st)))
}

async fn fallback(State(st): St) -> Response {
    unauthorized(&st)
}

async fn page_route(State(st): St, Path(token): Path<String>) -> Response {
    let (post, name) = match authorize(&st, &token) {
        Ok(p) => p,
        Err(r) => return *r,
    };
    tracing::info!(post = %name, "page opened");
    let snap = Arc::clone(&st.views.borrow());
    let html = page::render(&post, &name, &snap, st.lang);
    let mut r = ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response();
    let h = r.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(page::CSP),
    );
    r
}

async fn state_route(State(st): St, Path(token): Path<String>) -> Response {
    if let Err(r) = authorize(&st, &token) {
        return *r;
    }
    let snap = Arc::clone(&st.views.borrow());
    let mut r = (
        [(header::CONTENT_TYPE, "application/json")],
        snap.json().to_owned(),
    )
        .into_response();
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

async fn events(State(st): St, Path(token): Path<String>) -> Response {
    let (_, name) = match authorize(&st, &token) {
        Ok(p) => p,
        Err(r) => return *r,
    };
    tracing::info!(post = %name, "live stream opened");
    let stream = live(Arc::clone(&st), token);
    let mut r = Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response();
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// One `state` event now and one per change, until the server closes or the
/// token is revoked.
fn live(st: Arc<Shared>, token: String) -> impl Stream<Item = Result<SseEvent, Infallible>> {
    let views = st.views.clone();
    let closing = st.closing.clone();
    futures_util::stream::unfold(
        (st, token, views, closing, true),
        |(st, token, mut views, mut closing, first)| async move {
            if !first {
                loop {
                    tokio::select! {
                        changed = views.changed() => {
                            if changed.is_err() {
                                return None;
                            }
                            break;
                        }
                        _ = closing.changed() => return None,
                        () = tokio::time::sleep(TOKEN_RECHECK) => {
                            let valid = st.tokens.lock().is_ok_and(|t| t.check(&token).is_some());
                            if !valid {
                                return None;
                            }
                        }
                    }
                }
            }
            if *closing.borrow() {
                return None;
            }
            let snap = Arc::clone(&views.borrow_and_update());
            let mut event = SseEvent::default().event("state").data(snap.json());
            if first {
                // Reconnect after two seconds rather than the browser's default three.
                event = event.retry(Duration::from_secs(2));
            }
            Some((Ok(event), (st, token, views, closing, false)))
        },
    )
}

async fn report_route(
    State(st): St,
    Path(token): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let (post, name) = match authorize(&st, &token) {
        Ok(p) => p,
        Err(r) => return *r,
    };
    if !report::same_origin(&headers) {
        tracing::warn!(post = %name, "cross-site report refused");
        return refusal(StatusCode::FORBIDDEN, &ServerText::CrossSite.text(st.lang));
    }
    let bytes = match report::read_body(&headers, body, st.max_body, st.body_timeout).await {
        Ok(b) => b,
        Err(status) => {
            let msg = if status == StatusCode::PAYLOAD_TOO_LARGE {
                ServerText::TooLarge
            } else {
                ServerText::TooSlow
            };
            return refusal(status, &msg.text(st.lang));
        }
    };
    let body: ReportBody = match report::parse(&bytes) {
        Ok(b) => b,
        Err(detail) => {
            return refusal(
                StatusCode::BAD_REQUEST,
                &ServerText::BadReport { detail }.text(st.lang),
            );
        }
    };
    let snap = Arc::clone(&st.views.borrow());
    let input = match report::input(&post, body.action.clone(), &snap, st.lang) {
        Ok(i) => i,
        Err(msg) => return refusal(StatusCode::CONFLICT, &msg),
    };
    let delay_s = report::delay_s(body.taken_at, body.sent_at, now_epoch_ms());
    let key = format!("{}/{}", post.key(), body.id);
    let (slot, new) = match st.recent.lock() {
        Ok(mut r) => r.slot(&key, Instant::now()),
        Err(_) => return refusal(StatusCode::SERVICE_UNAVAILABLE, ""),
    };
    let kind = body.action.kind();
    // The work runs in its own task: a phone that gives up waiting (and
    // will retry) must not cancel a report the dashboard may already have
    // applied, or the retry would find no answer and apply it again.
    let task = {
        let st = Arc::clone(&st);
        tokio::spawn(async move {
            slot.get_or_init(|| submit(&st, input, delay_s))
                .await
                .clone()
        })
    };
    let answer = task.await.unwrap_or_else(|_| Answer::Refused {
        status: 500,
        message: String::new(),
    });
    match answer {
        Answer::Recorded { seq } => {
            tracing::info!(post = %name, action = kind, seq, duplicate = !new, ?delay_s, "report recorded");
            let mut r =
                axum::Json(json!({ "ok": true, "seq": seq, "duplicate": !new })).into_response();
            r.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            r
        }
        Answer::Refused { status, message } => {
            tracing::info!(post = %name, action = kind, status, "report refused");
            refusal(
                StatusCode::from_u16(status).unwrap_or(StatusCode::CONFLICT),
                &message,
            )
        }
    }
}

/// Hands `input` to the dashboard's loop and waits for its answer.
async fn submit(
    st: &Shared,
    input: evacdrill_core::session::Input,
    delay_s: Option<u64>,
) -> Answer {
    if st.views.borrow().phase == Some(Phase::Ended) {
        return Answer::Refused {
            status: StatusCode::GONE.as_u16(),
            message: ServerText::DrillEnded.text(st.lang),
        };
    }
    let not_running = || Answer::Refused {
        status: StatusCode::SERVICE_UNAVAILABLE.as_u16(),
        message: ServerText::NotRunning.text(st.lang),
    };
    let (reply, answer) = oneshot::channel();
    let sent = st.reports.send(Report {
        input,
        delay_s,
        reply,
    });
    if sent.await.is_err() {
        return not_running();
    }
    match answer.await {
        Ok(Ok(seq)) => Answer::Recorded { seq },
        Ok(Err(message)) => {
            let ended = st.views.borrow().phase == Some(Phase::Ended);
            Answer::Refused {
                status: if ended {
                    StatusCode::GONE
                } else {
                    StatusCode::CONFLICT
                }
                .as_u16(),
                message: if ended {
                    ServerText::DrillEnded.text(st.lang)
                } else {
                    message
                },
            }
        }
        Err(_) => not_running(),
    }
}

fn now_epoch_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}
