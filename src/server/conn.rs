//! Accepting connections: a cap on how many, a deadline for headers, and a
//! clean stop.
//!
//! `axum::serve` has no header-read timeout, so a client that opens a
//! connection and sends its headers one byte a minute would hold it for
//! ever; a few hundred of those would lock out every marshal. Connections
//! are served here with hyper's HTTP/1 builder instead, whose
//! `header_read_timeout` closes a connection that has not sent complete
//! headers in time (it also closes an idle kept-alive connection after the
//! same time, which frees its slot). A semaphore caps the connections open
//! at once; beyond it, new clients wait in the kernel's backlog.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};
use tokio::task::JoinSet;
use tower::ServiceExt;

use super::Limits;

/// How long answers in flight may take to finish when the server stops.
const GRACE: Duration = Duration::from_secs(2);

/// Serves `router` on `listener` until `shutdown` completes, then closes.
pub async fn accept_loop(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    close_rx: watch::Receiver<bool>,
    close_tx: watch::Sender<bool>,
    shutdown: impl Future<Output = ()> + Send,
) -> io::Result<()> {
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let mut tasks = JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            p = Arc::clone(&slots).acquire_owned() => match p {
                Ok(p) => p,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of file descriptors and the like: wait, do not spin.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let mut closing = close_rx.clone();
        let header_timeout = limits.header_timeout;
        tasks.spawn(async move {
            let _permit = permit;
            let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
                req.extensions_mut().insert(ConnectInfo::<SocketAddr>(peer));
                router.clone().oneshot(req)
            });
            let mut builder = http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(header_timeout)
                .keep_alive(true)
                .max_buf_size(64 * 1024);
            let conn = builder.serve_connection(TokioIo::new(stream), service);
            tokio::pin!(conn);
            tokio::select! {
                result = conn.as_mut() => {
                    if let Err(e) = result {
                        tracing::debug!(error = %e, "connection ended with an error");
                    }
                }
                _ = closing.changed() => {
                    conn.as_mut().graceful_shutdown();
                    let _ = tokio::time::timeout(GRACE, conn).await;
                }
            }
        });
        while tasks.try_join_next().is_some() {}
    }
    let _ = close_tx.send(true);
    drop(listener);
    let drained = tokio::time::timeout(GRACE + Duration::from_millis(500), async {
        while tasks.join_next().await.is_some() {}
    })
    .await;
    if drained.is_err() {
        tasks.abort_all();
    }
    Ok(())
}
