//! The marshals' and the assembly point's phone server.
//!
//! `evacdrill run SCRIPT --serve [ADDR]` starts it inside the dashboard's
//! process: phones on the school's network (or a travel router: no internet
//! is needed) open their post's link, see the drill live and report. Every
//! report becomes a session [`Input`](evacdrill_core::session::Input) sent to the
//! dashboard's event loop as a [`Report`]; the phone is told "recorded" only
//! when the loop answers, after the journal is synced. The state goes back to
//! the phones as [`Snapshot`]s on a watch channel the loop publishes to.
//!
//! Routes, all under the post's token (see `tokens.rs` for why a token):
//!
//! | route | method | does |
//! |---|---|---|
//! | `/p/TOKEN` | GET | the phone page, with the current snapshot inside |
//! | `/p/TOKEN/events` | GET | server-sent events: one `state` event per change |
//! | `/p/TOKEN/state` | GET | the current snapshot as JSON |
//! | `/p/TOKEN/report` | POST | a report (JSON, at most 4 KB) |
//!
//! Anything else is refused with 401 and counted, so the dashboard can show
//! someone probing. Nothing changes state on a GET.

mod conn;
pub mod limits;
pub mod page;
pub mod qr;
mod report;
mod routes;
pub mod serving;
pub mod tokens;
pub mod view;

#[cfg(test)]
mod tests;

use std::future::Future;
use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, UdpSocket};
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use evacdrill_core::i18n::Lang;
use tokio::net::TcpListener;
use tokio::sync::{mpsc, watch};

pub use crate::drill::Report;
pub use qr::{qr_lines, qr_svg};
pub use serving::{PhoneView, Serving};
pub use tokens::{PostId, PostLink, SharedTokens, Tokens};
pub use view::{Snapshot, snapshot};

/// Where the server listens unless told otherwise: every interface, so that
/// phones on the school's network reach it.
pub const DEFAULT_ADDR: SocketAddr = SocketAddr::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED), 8686);

/// The limits that keep a misbehaving or hostile client from hurting the drill.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Requests per second per client address, on average (0 = no limit).
    pub rate_per_s: f64,
    /// Requests per client address at once.
    pub burst: f64,
    /// Open connections at once, all clients together.
    pub max_connections: usize,
    /// Bytes in a request body.
    pub max_body: usize,
    /// Time a client has to send its request headers (and a body).
    pub header_timeout: Duration,
}

impl Default for Limits {
    /// Design assumptions: a person taps at most a few times a second, and a
    /// page load is three requests; a school has tens of posts, not hundreds;
    /// a report is a few hundred bytes; a phone on Wi-Fi sends its headers in
    /// well under a second.
    fn default() -> Self {
        Self {
            rate_per_s: 10.0,
            burst: 20.0,
            max_connections: 256,
            max_body: 4096,
            header_timeout: Duration::from_secs(5),
        }
    }
}

/// Everything the server needs besides its channels.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    pub tokens: SharedTokens,
    /// Requests refused for a missing or wrong token; the dashboard shows it.
    pub unauthorized: Arc<AtomicU64>,
    /// The page's language until the phone's user picks one.
    pub lang: Lang,
    pub limits: Limits,
}

impl ServerConfig {
    /// A configuration with fresh tokens for `script`'s posts and the default limits.
    pub fn new(script: &evacdrill_core::script::Script, lang: Lang) -> io::Result<Self> {
        Ok(Self {
            tokens: Tokens::new(script, lang)?.shared(),
            unauthorized: Arc::new(AtomicU64::new(0)),
            lang,
            limits: Limits::default(),
        })
    }
}

/// Serves phones on `listener` until `shutdown` completes.
///
/// Reports go to `reports`; the state comes from `views` (the runtime sends
/// a new snapshot after every change). On shutdown the server stops
/// accepting, ends the live streams, lets answers in flight finish for up to
/// two seconds, and returns.
pub async fn serve(
    listener: TcpListener,
    cfg: ServerConfig,
    reports: mpsc::Sender<Report>,
    views: watch::Receiver<Arc<Snapshot>>,
    shutdown: impl Future<Output = ()> + Send,
) -> io::Result<()> {
    let (close_tx, close_rx) = watch::channel(false);
    let state = Arc::new(routes::Shared {
        tokens: cfg.tokens,
        unauthorized: cfg.unauthorized,
        lang: cfg.lang,
        reports,
        views,
        rate: Mutex::new(limits::RateLimiter::new(
            cfg.limits.rate_per_s,
            cfg.limits.burst,
        )),
        recent: Mutex::new(limits::Recent::new(
            routes::RECENT_REPORTS,
            routes::RECENT_TTL,
        )),
        closing: close_rx.clone(),
        max_body: cfg.limits.max_body,
        body_timeout: cfg.limits.header_timeout,
    });
    let router = routes::router(state);
    conn::accept_loop(listener, router, cfg.limits, close_rx, close_tx, shutdown).await
}

/// Parses a `--serve` address: `IP:PORT`, a bare port (`8686`, on every
/// interface) or a bare IP (port 8686).
pub fn parse_addr(s: &str) -> Result<SocketAddr, String> {
    let s = s.trim();
    if let Ok(addr) = s.parse::<SocketAddr>() {
        return Ok(addr);
    }
    if let Ok(port) = s.parse::<u16>() {
        return Ok(SocketAddr::new(DEFAULT_ADDR.ip(), port));
    }
    if let Ok(ip) = s.trim_matches(['[', ']']).parse::<IpAddr>() {
        return Ok(SocketAddr::new(ip, DEFAULT_ADDR.port()));
    }
    Err(format!(
        "`{s}` is not an address to serve on; use IP:PORT (0.0.0.0:8686), a port (8686) or an IP"
    ))
}

/// The laptop's address on the local network, for the links phones open.
///
/// A UDP socket "connected" to a private address makes the system choose the
/// interface it would route through, and `local_addr` reads it; UDP's
/// connect sends no packet. `probe` is that private address (a travel
/// router's usual 192.168.8.1 is a good default); tests pass loopback.
#[must_use]
pub fn lan_ip(probe: IpAddr) -> Option<IpAddr> {
    let bind = match probe {
        IpAddr::V4(_) => SocketAddr::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED), 0),
        IpAddr::V6(_) => SocketAddr::new(IpAddr::V6(std::net::Ipv6Addr::UNSPECIFIED), 0),
    };
    let socket = UdpSocket::bind(bind).ok()?;
    socket.connect(SocketAddr::new(probe, 9)).ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_unspecified()).then_some(ip)
}

/// The private address `lan_ip` routes towards by default (a travel
/// router's usual gateway; any private address works the same).
pub const LAN_PROBE: IpAddr = IpAddr::V4(Ipv4Addr::new(192, 168, 8, 1));

/// The base URL phones use for a server bound to `bound`: the bound IP if
/// it is a specific one, else `lan` (from [`lan_ip`]), else loopback.
#[must_use]
pub fn base_url(bound: SocketAddr, lan: Option<IpAddr>) -> String {
    let ip = if bound.ip().is_unspecified() {
        lan.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST))
    } else {
        bound.ip()
    };
    match ip {
        IpAddr::V4(v4) => format!("http://{v4}:{}", bound.port()),
        IpAddr::V6(v6) => format!("http://[{v6}]:{}", bound.port()),
    }
}

/// Writes every post's link to `path` (`{"posts": [{post, name, url}]}`),
/// atomically and readable by the owner only: the file holds the tokens.
/// `evacdrill cards --serve-info` reads it to print QR codes on the cards.
pub fn write_serve_info(path: &std::path::Path, links: &[PostLink]) -> io::Result<()> {
    let text = serde_json::json!({ "posts": links }).to_string();
    crate::store::atomic::write_atomic(path, text.as_bytes())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}
