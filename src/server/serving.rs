//! The server as the dashboard holds it: started in one call, asked for its
//! links and its count of refused requests, told to revoke a post, stopped.
//! Its [`PhoneView`], attached to the live-drill driver, sends the phones a
//! snapshot after each change.

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use evacdrill_core::i18n::Lang;
use evacdrill_core::session::{DrillTime, Session};
use tokio::net::TcpListener;
use tokio::sync::{mpsc, oneshot, watch};
use tokio::task::JoinHandle;

use super::tokens::{PostId, PostLink};
use super::{LAN_PROBE, Report, ServerConfig, Snapshot, base_url, lan_ip, serve, snapshot};

/// Reports waiting for the loop before phones wait to send (design
/// assumption: far more than a school's posts report at once).
const QUEUE: usize = 64;

/// The phones as a view of the drill: each change of the session is sent
/// to every open phone page as a new snapshot.
pub struct PhoneView {
    views: watch::Sender<Arc<Snapshot>>,
    published: u64,
}

impl crate::drill::View for PhoneView {
    /// Sends the phones the new state if the session changed since the last
    /// call (it compares the session's next seq, so a tick that changed
    /// nothing costs nothing).
    fn publish(&mut self, session: &Session, now: DrillTime) {
        if session.next_seq() != self.published {
            self.published = session.next_seq();
            self.views.send_replace(Arc::new(snapshot(session, now)));
        }
    }
}

/// A running phone server.
pub struct Serving {
    /// `http://LAN-IP:PORT`, what the links start with.
    pub base: String,
    /// The address actually bound (the port, when 0 was asked).
    pub bound: SocketAddr,
    cfg: ServerConfig,
    views: watch::Sender<Arc<Snapshot>>,
    published: u64,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<io::Result<()>>,
}

impl Serving {
    /// Binds `addr`, makes fresh tokens for the session's posts and starts
    /// serving; returns the server and the reports for the event loop.
    ///
    /// Must be called inside the tokio runtime the loop runs on.
    pub async fn start(
        addr: SocketAddr,
        session: &Session,
        now: DrillTime,
        lang: Lang,
    ) -> io::Result<(Self, mpsc::Receiver<Report>)> {
        Self::start_with(
            addr,
            session,
            now,
            ServerConfig::new(session.script(), lang)?,
        )
        .await
    }

    /// Like [`Serving::start`], with a configuration of the caller's (other
    /// limits, tokens made elsewhere).
    pub async fn start_with(
        addr: SocketAddr,
        session: &Session,
        now: DrillTime,
        cfg: ServerConfig,
    ) -> io::Result<(Self, mpsc::Receiver<Report>)> {
        let listener = TcpListener::bind(addr).await?;
        let bound = listener.local_addr()?;
        let lan = bound
            .ip()
            .is_unspecified()
            .then(|| lan_ip(LAN_PROBE))
            .flatten();
        let base = base_url(bound, lan);
        let (views, views_rx) = watch::channel(Arc::new(snapshot(session, now)));
        let (reports_tx, reports) = mpsc::channel(QUEUE);
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(serve(listener, cfg.clone(), reports_tx, views_rx, async {
            let _ = stopped.await;
        }));
        tracing::info!(%bound, "phone server listening");
        Ok((
            Self {
                base,
                bound,
                cfg,
                views,
                published: session.next_seq(),
                stop: Some(stop),
                task,
            },
            reports,
        ))
    }

    /// What the drill publishes to: attach it to the drill
    /// ([`crate::drill::Drill::attach`]) and every change reaches the phones.
    #[must_use]
    pub fn view(&self) -> PhoneView {
        PhoneView {
            views: self.views.clone(),
            published: self.published,
        }
    }

    /// Every post with its link, stairwells first, then the assembly point.
    #[must_use]
    pub fn links(&self) -> Vec<PostLink> {
        self.cfg
            .tokens
            .lock()
            .map(|t| t.links(&self.base))
            .unwrap_or_default()
    }

    /// Every post, in the order of [`Serving::links`].
    #[must_use]
    pub fn posts(&self) -> Vec<PostId> {
        self.cfg
            .tokens
            .lock()
            .map(|t| t.posts())
            .unwrap_or_default()
    }

    /// A new token for `post` (a lost phone): its old link stops working.
    pub fn revoke(&self, post: &PostId) -> io::Result<bool> {
        let done = self
            .cfg
            .tokens
            .lock()
            .map_err(|_| io::Error::other("the tokens are unavailable"))?
            .revoke(post)?;
        if done {
            tracing::info!(post = %post.key(), "token revoked");
        }
        Ok(done)
    }

    /// Requests refused for a missing or wrong token so far.
    #[must_use]
    pub fn unauthorized(&self) -> u64 {
        self.cfg.unauthorized.load(Ordering::Relaxed)
    }

    /// Stops accepting, ends the live streams, waits for answers in flight.
    pub async fn stop(mut self) -> io::Result<()> {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        self.task.await.map_err(io::Error::other)?
    }
}
