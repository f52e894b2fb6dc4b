//! The load harness: N connections on 127.0.0.1, all opened first and held open, then ended
//! round-robin every way the tracker names, against a server built on one stack and its
//! closecode tracker (`tests/load_<stack>.rs`). The client is a raw RFC 6455 client on tokio
//! that keeps its own `CloseTracker`, so both sides' `CloseOutcome` and `CloseEvent` are checked
//! for every connection. Every server under test does the same, whatever its stack:
//! - it opens a [`Session`] per connection ([`Ctx::open`]) and tracks every item its receive
//!   call yields with the stack's `Tracker`, waiting for [`Session::notice`] (graceful shutdown)
//!   beside the receive call;
//! - the client's first text is `hello <id>`; then `close-app` makes it close with 4001
//!   "kicked", `close-busy` with 1013 "busy", `drop` makes it drop the connection with no Close
//!   ([`Session::command`]); a shutdown notice makes it close with 1001 and the notice's reason;
//! - once its own Close is sent, it waits at most [`CLOSE_TIMEOUT`] for each further item, and
//!   on expiry calls `tracker.timed_out()` and drops the connection;
//! - where the application answers (`tracker.answer()`), it sends the answer at once;
//! - at the end, [`Session::finish`] reports `tracker.outcome()` with the connection's id.
//!
//! Bounded: every client has [`CLIENT_GUARD`], every wait a guard, and the whole run
//! [`RUN_GUARD`]; a guard that fires fails the test (they are hang guards, not measurements).

use closecode_core::{CloseOutcome, ClosePayload, CloseTracker, Ending, Policy, Shutdown, ShutdownReport};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// The servers' close timeout under load: how long they wait for the answer to their Close.
pub(crate) const CLOSE_TIMEOUT: Duration = Duration::from_secs(1);
/// Hang guard of one client's part.
pub(crate) const CLIENT_GUARD: Duration = Duration::from_secs(30);
/// Hang guard of a whole run.
pub(crate) const RUN_GUARD: Duration = Duration::from_secs(90);
/// The largest frame the client reads: more is a server bug, not a reason to allocate.
const MAX_FRAME: u64 = 1 << 16;

/// Connections per run: `CLOSECODE_LOAD_N`, else 1,000.
pub(crate) fn connections() -> usize {
    std::env::var("CLOSECODE_LOAD_N").ok().and_then(|n| n.parse().ok()).unwrap_or(1000)
}

/// One test at a time per test binary: each counts the process's file descriptors. The first
/// call builds and drops a tokio runtime: its signal driver opens a socket pair once per
/// process (tokio's signal globals) and keeps it, which is not a leak of the run.
pub(crate) fn exclusive() -> MutexGuard<'static, ()> {
    static ONE: Mutex<()> = Mutex::new(());
    static WARM: std::sync::Once = std::sync::Once::new();
    let guard = ONE.lock().unwrap_or_else(PoisonError::into_inner);
    WARM.call_once(|| drop(client_runtime()));
    guard
}

/// Open file descriptors of this process.
pub(crate) fn open_fds() -> usize {
    std::fs::read_dir("/proc/self/fd").map_or(0, Iterator::count)
}

/// What each open file descriptor is, for a failure message.
fn fd_targets() -> Vec<String> {
    std::fs::read_dir("/proc/self/fd")
        .map(|dir| {
            dir.filter_map(Result::ok)
                .map(|e| {
                    format!(
                        "{}->{}",
                        e.file_name().to_string_lossy(),
                        std::fs::read_link(e.path()).map(|p| p.display().to_string()).unwrap_or_default()
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// What a server under test shares with the harness.
#[derive(Clone)]
pub(crate) struct Ctx {
    report: Sender<(Option<u64>, CloseOutcome)>,
    shutdown: Shutdown,
    live: Arc<AtomicUsize>,
    /// Sessions that read their `hello <id>`.
    greeted: Arc<AtomicUsize>,
}

impl Ctx {
    /// A session for a connection that completed its handshake.
    pub(crate) fn open(&self) -> Session {
        self.live.fetch_add(1, Ordering::SeqCst);
        Session {
            registration: Some(self.shutdown.register()),
            report: self.report.clone(),
            live: Arc::clone(&self.live),
            greeted: Arc::clone(&self.greeted),
            id: None,
        }
    }
}

/// What a server does on a client's text.
pub(crate) enum Command {
    /// Nothing.
    None,
    /// Close with this payload.
    Close(ClosePayload<'static>),
    /// Drop the connection with no Close.
    Drop,
}

/// One connection of a server under test: counts as live until dropped.
pub(crate) struct Session {
    registration: Option<closecode_core::Registration>,
    report: Sender<(Option<u64>, CloseOutcome)>,
    live: Arc<AtomicUsize>,
    greeted: Arc<AtomicUsize>,
    id: Option<u64>,
}

impl Session {
    /// What to do on the client's text `text`.
    pub(crate) fn command(&mut self, text: &str) -> Command {
        if let Some(id) = text.strip_prefix("hello ") {
            self.id = id.parse().ok();
            self.greeted.fetch_add(1, Ordering::SeqCst);
        }
        match text {
            "close-app" => Command::Close(ClosePayload::new(4001u16, "kicked")),
            "close-busy" => Command::Close(ClosePayload::new(1013u16, "busy")),
            "drop" => Command::Drop,
            _ => Command::None,
        }
    }

    /// Completes when a graceful shutdown begins, with the Close to send.
    pub(crate) async fn notice(&self) -> closecode_core::ShutdownNotice {
        match &self.registration {
            Some(registration) => registration.notice().await,
            None => std::future::pending().await,
        }
    }

    /// Reports the connection's outcome.
    pub(crate) fn finish(mut self, outcome: CloseOutcome) {
        let _ = self.report.send((self.id, outcome.clone()));
        if let Some(registration) = self.registration.take() {
            registration.finish(outcome);
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.live.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Waits for `item` with no limit, or at most [`CLOSE_TIMEOUT`] once `closing`: `None` when
/// the close timeout fired.
pub(crate) async fn next<F: Future>(closing: bool, item: F) -> Option<F::Output> {
    if closing { tokio::time::timeout(CLOSE_TIMEOUT, item).await.ok() } else { Some(item.await) }
}

/// A server under test: started on its own thread by `serve(listener, ctx, stop)`, which
/// returns once `stop` fires (or is dropped) and everything it started is gone.
pub(crate) type Serve = fn(std::net::TcpListener, Ctx, tokio::sync::oneshot::Receiver<()>);

/// A listener with a backlog for thousands of connects at once.
pub(crate) fn listener() -> std::net::TcpListener {
    let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).expect("socket");
    socket.set_reuse_address(true).expect("SO_REUSEADDR");
    socket.bind(&SocketAddr::from(([127, 0, 0, 1], 0)).into()).expect("bind");
    socket.listen(4096).expect("listen");
    socket.into()
}

/// What a stack makes of the ways of ending, where it differs from the rest.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Profile {
    pub(crate) stack: &'static str,
    /// The stack echoes the reason with the code when it answers a Close (tungstenite, axum,
    /// fastwebsockets with auto-close).
    pub(crate) echoes_reason: bool,
    /// The stack never shows the application the answer to its own Close (actix-ws): every
    /// Close the server starts ends as `WeClosedUnanswered`, except when both close at once
    /// (the peer's Close was already read when ours went out).
    pub(crate) hides_answer: bool,
}

/// One way a connection ends, named from the server's side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Way {
    /// The server closes with 4001 "kicked"; the client answers.
    ServerClosesApp,
    /// The server closes with 1013 "busy"; the client answers.
    ServerClosesBusy,
    /// The client closes with 4002 "bye"; the server answers.
    ClientCloses,
    /// The client sends an empty Close; the server answers.
    ClientClosesEmpty,
    /// The client closes TCP with no Close.
    ClientDrops,
    /// The server drops the connection with no Close.
    ServerDrops,
    /// The server closes with 1013; the client never answers; the server's close timeout fires.
    ClientNeverAnswers,
    /// Both close at once: the client's Close 4002 "both" is on the wire before the server
    /// reads the text that makes it send 4001 "kicked".
    BothClose,
}

/// Every way, in round-robin order.
pub(crate) const WAYS: [Way; 8] = [
    Way::ServerClosesApp,
    Way::ServerClosesBusy,
    Way::ClientCloses,
    Way::ClientClosesEmpty,
    Way::ClientDrops,
    Way::ServerDrops,
    Way::ClientNeverAnswers,
    Way::BothClose,
];

/// An expected outcome: the ending, the event's code and reason (wasClean follows the ending).
type Expected = (Ending, u16, &'static str);

impl Way {
    /// What the server and the client must report.
    fn expected(self, profile: Profile) -> (Expected, Expected) {
        let ours = |ending, code, reason| {
            if profile.hides_answer { (Ending::WeClosedUnanswered, 1006, "") } else { (ending, code, reason) }
        };
        let echo = if profile.echoes_reason { "bye" } else { "" };
        match self {
            Way::ServerClosesApp => (ours(Ending::WeClosed, 4001, ""), (Ending::PeerClosed, 4001, "kicked")),
            Way::ServerClosesBusy => (ours(Ending::WeClosed, 1013, ""), (Ending::PeerClosed, 1013, "busy")),
            Way::ClientCloses => ((Ending::PeerClosed, 4002, "bye"), (Ending::WeClosed, 4002, echo)),
            Way::ClientClosesEmpty => ((Ending::PeerClosed, 1005, ""), (Ending::WeClosed, 1005, "")),
            Way::ClientDrops | Way::ServerDrops => ((Ending::Dropped, 1006, ""), (Ending::Dropped, 1006, "")),
            Way::ClientNeverAnswers => (ours(Ending::TimedOut, 1006, ""), (Ending::PeerClosedUnanswered, 1013, "busy")),
            // Even actix-ws delivers this answer: the peer's Close was read before ours went out.
            Way::BothClose => ((Ending::WeClosed, 4002, "both"), (Ending::WeClosed, 4001, "kicked")),
        }
    }

    /// Plays the client's part on an open connection; the client's outcome.
    async fn play(self, mut conn: Conn) -> io::Result<CloseOutcome> {
        let mut tracker = CloseTracker::new();
        let answer = match self {
            Way::ServerClosesApp | Way::BothClose => {
                let mut bytes = frame(OP_TEXT, b"close-app");
                if self == Way::BothClose {
                    let both = ClosePayload::new(4002u16, "both");
                    bytes.extend(frame(OP_CLOSE, &both.encode().map_err(io::Error::other)?));
                    tracker.sent(&both);
                }
                conn.write(&bytes).await?;
                true
            }
            Way::ServerClosesBusy => {
                conn.write(&frame(OP_TEXT, b"close-busy")).await?;
                true
            }
            Way::ClientCloses => {
                let bye = ClosePayload::new(4002u16, "bye");
                conn.write(&frame(OP_CLOSE, &bye.encode().map_err(io::Error::other)?)).await?;
                tracker.sent(&bye);
                true
            }
            Way::ClientClosesEmpty => {
                conn.write(&frame(OP_CLOSE, &[])).await?;
                tracker.sent(&ClosePayload::NoStatus);
                true
            }
            Way::ClientDrops => {
                drop(conn);
                tracker.ended();
                return Ok(tracker.outcome());
            }
            Way::ServerDrops => {
                conn.write(&frame(OP_TEXT, b"drop")).await?;
                true
            }
            Way::ClientNeverAnswers => {
                conn.write(&frame(OP_TEXT, b"close-busy")).await?;
                false
            }
        };
        conn.until_end(&mut tracker, answer).await;
        Ok(tracker.outcome())
    }
}

const OP_TEXT: u8 = 0x1;
const OP_CLOSE: u8 = 0x8;

/// One final frame, masked with a fixed key (the tests need no secrecy).
pub(crate) fn frame(opcode: u8, payload: &[u8]) -> Vec<u8> {
    let mut frame = vec![0x80 | opcode];
    match payload.len() {
        len @ 0..=125 => frame.push(0x80 | u8::try_from(len).unwrap_or(0)),
        len @ 126..=65535 => {
            frame.push(0x80 | 0x7E);
            frame.extend_from_slice(&u16::try_from(len).unwrap_or(0).to_be_bytes());
        }
        len => {
            frame.push(0x80 | 0x7F);
            frame.extend_from_slice(&(len as u64).to_be_bytes());
        }
    }
    let key = [0x12, 0x34, 0x56, 0x78];
    frame.extend_from_slice(&key);
    frame.extend(payload.iter().enumerate().map(|(i, b)| b ^ key[i % 4]));
    frame
}

/// A raw client connection on tokio.
pub(crate) struct Conn {
    stream: BufReader<TcpStream>,
}

impl Conn {
    /// Connects, completes the handshake and says `hello <id>`.
    pub(crate) async fn open(addr: SocketAddr, id: u64) -> io::Result<Conn> {
        let stream = TcpStream::connect(addr).await?;
        let mut stream = BufReader::new(stream);
        let key = "dGhlIHNhbXBsZSBub25jZQ==";
        let request = format!(
            "GET /chat HTTP/1.1\r\nHost: {addr}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
             Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        );
        stream.get_mut().write_all(request.as_bytes()).await?;
        let mut head = Vec::new();
        while !head.ends_with(b"\r\n\r\n") {
            head.push(stream.read_u8().await?);
            if head.len() > 4096 {
                return Err(io::Error::other("response head over 4 KiB"));
            }
        }
        let head = String::from_utf8_lossy(&head).to_ascii_lowercase();
        let accept = tungstenite::handshake::derive_accept_key(key.as_bytes()).to_ascii_lowercase();
        if !head.starts_with("http/1.1 101") || !head.contains(&format!("sec-websocket-accept: {accept}")) {
            return Err(io::Error::other(format!("handshake refused: {head}")));
        }
        let mut conn = Conn { stream };
        conn.write(&frame(OP_TEXT, format!("hello {id}").as_bytes())).await?;
        Ok(conn)
    }

    /// The TCP stream, for faults.
    pub(crate) fn into_stream(self) -> TcpStream {
        self.stream.into_inner()
    }

    /// The TCP stream, for faults.
    pub(crate) fn stream_mut(&mut self) -> &mut TcpStream {
        self.stream.get_mut()
    }

    /// Writes bytes as they are.
    pub(crate) async fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.stream.get_mut().write_all(bytes).await
    }

    /// Reads one frame: its opcode and unmasked payload.
    pub(crate) async fn read_frame(&mut self) -> io::Result<(u8, Vec<u8>)> {
        let mut head = [0u8; 2];
        self.stream.read_exact(&mut head).await?;
        let len = match head[1] & 0x7F {
            126 => u64::from(self.stream.read_u16().await?),
            127 => self.stream.read_u64().await?,
            short => u64::from(short),
        };
        if len > MAX_FRAME {
            return Err(io::Error::other(format!("a {len}-byte frame")));
        }
        let mut key = [0u8; 4];
        if head[1] & 0x80 != 0 {
            self.stream.read_exact(&mut key).await?;
        }
        let mut payload = vec![0u8; usize::try_from(len).unwrap_or(0)];
        self.stream.read_exact(&mut payload).await?;
        for (i, byte) in payload.iter_mut().enumerate() {
            *byte ^= key[i % 4];
        }
        Ok((head[0] & 0x0F, payload))
    }

    /// Reads until the server closes the connection, feeding Closes to `tracker` and, when
    /// `answer`, sending the answer it gives.
    pub(crate) async fn until_end(&mut self, tracker: &mut CloseTracker, answer: bool) {
        while let Ok((opcode, body)) = self.read_frame().await {
            if opcode != OP_CLOSE {
                continue;
            }
            if answer {
                if let Some(reply) = tracker.received_raw(&body, Policy::Strict)
                    && self.write(&frame(OP_CLOSE, &reply)).await.is_err()
                {
                    break;
                }
            } else if let Ok(payload) = ClosePayload::parse(&body) {
                tracker.received(&payload);
            }
        }
        tracker.ended();
    }
}

/// Runs `serve` on its own thread with a fresh context; the address, the reports, the stop
/// signal and the thread.
pub(crate) struct Server {
    pub(crate) addr: SocketAddr,
    pub(crate) shutdown: Shutdown,
    reports: Receiver<(Option<u64>, CloseOutcome)>,
    live: Arc<AtomicUsize>,
    greeted: Arc<AtomicUsize>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    pub(crate) fn start(serve: Serve) -> Server {
        let listener = listener();
        let addr = listener.local_addr().expect("local address");
        let (report, reports) = channel();
        let shutdown = Shutdown::new();
        let live = Arc::new(AtomicUsize::new(0));
        let greeted = Arc::new(AtomicUsize::new(0));
        let ctx = Ctx { report, shutdown: shutdown.clone(), live: Arc::clone(&live), greeted: Arc::clone(&greeted) };
        let (stop, stopped) = tokio::sync::oneshot::channel();
        let thread = std::thread::spawn(move || serve(listener, ctx, stopped));
        Server { addr, shutdown, reports, live, greeted, stop: Some(stop), thread: Some(thread) }
    }

    /// The server's reports of `n` connections, by id; problems found on the way.
    fn reports(&self, n: usize, problems: &mut Vec<String>) -> BTreeMap<u64, CloseOutcome> {
        let mut by_id = BTreeMap::new();
        let until = Instant::now() + Duration::from_secs(30);
        while by_id.len() < n {
            let Ok((id, outcome)) = self.reports.recv_timeout(until.saturating_duration_since(Instant::now())) else {
                problems.push(format!("{} of {n} server outcomes reported", by_id.len()));
                break;
            };
            match id {
                Some(id) => {
                    if by_id.insert(id, outcome).is_some() {
                        problems.push(format!("connection {id} reported twice"));
                    }
                }
                None => problems.push(format!("an outcome without an id: {outcome}")),
            }
        }
        by_id
    }

    /// The next report (hang guard: 10 s).
    pub(crate) fn next_report(&self) -> Option<CloseOutcome> {
        self.reports.recv_timeout(Duration::from_secs(10)).ok().map(|(_, outcome)| outcome)
    }

    /// Whether no session is running, waiting (hang guard: 10 s) for the last to end.
    pub(crate) fn idle(&self) -> bool {
        let until = Instant::now() + Duration::from_secs(10);
        while self.live.load(Ordering::SeqCst) > 0 && Instant::now() < until {
            std::thread::sleep(Duration::from_millis(5));
        }
        self.live.load(Ordering::SeqCst) == 0
    }

    /// [`stop`](Self::stop), public.
    pub(crate) fn stop_now(self, problems: &mut Vec<String>) {
        self.stop(problems);
    }

    /// Waits (hang guard) until every session is gone, stops the server and joins its thread.
    fn stop(mut self, problems: &mut Vec<String>) {
        let until = Instant::now() + Duration::from_secs(30);
        while self.live.load(Ordering::SeqCst) > 0 && Instant::now() < until {
            std::thread::sleep(Duration::from_millis(10));
        }
        let live = self.live.load(Ordering::SeqCst);
        if live > 0 {
            problems.push(format!("{live} server sessions still running 30 s after the last close"));
        }
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            problems.push("the server thread panicked".into());
        }
    }
}

/// A client runtime for the harness.
pub(crate) fn client_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a tokio runtime")
}

/// Opens `n` connections to `addr`, 200 connects in flight at a time, and holds them all open.
async fn open_all(addr: SocketAddr, n: usize, problems: &mut Vec<String>) -> Vec<(u64, Conn)> {
    let mut conns = Vec::with_capacity(n);
    let ids: Vec<u64> = (0..n as u64).collect();
    for chunk in ids.chunks(200) {
        let mut set = tokio::task::JoinSet::new();
        for &id in chunk {
            set.spawn(async move { (id, tokio::time::timeout(CLIENT_GUARD, Conn::open(addr, id)).await) });
        }
        while let Some(joined) = set.join_next().await {
            match joined {
                Ok((id, Ok(Ok(conn)))) => conns.push((id, conn)),
                Ok((id, Ok(Err(error)))) => problems.push(format!("connection {id} did not open: {error}")),
                Ok((id, Err(_))) => problems.push(format!("connection {id} did not open within the guard")),
                Err(error) => problems.push(format!("a connect task failed: {error}")),
            }
        }
    }
    conns
}

/// The load test: `n` connections to a server started by `serve`, all opened first, then
/// ended round-robin every way of [`WAYS`]; panics listing every connection whose outcome, on
/// either side, differs from the table, and any task, session or file descriptor left over.
pub(crate) fn check_load(profile: Profile, serve: Serve, n: usize) {
    let _one = exclusive();
    let fds = open_fds();
    let mut problems = Vec::new();
    let mut wrong = BTreeMap::<String, (usize, String)>::new();
    {
        let server = Server::start(serve);
        let runtime = client_runtime();
        let played = runtime.block_on(async {
            tokio::time::timeout(RUN_GUARD, async {
                let conns = open_all(server.addr, n, &mut problems).await;
                let mut set = tokio::task::JoinSet::new();
                for (id, conn) in conns {
                    let way = WAYS[usize::try_from(id).unwrap_or(0) % WAYS.len()];
                    set.spawn(async move { (id, way, tokio::time::timeout(CLIENT_GUARD, way.play(conn)).await) });
                }
                let mut played = Vec::new();
                while let Some(joined) = set.join_next().await {
                    played.push(joined);
                }
                played
            })
            .await
        });
        let Ok(played) = played else {
            panic!("{}: the run did not end within {RUN_GUARD:?}", profile.stack);
        };
        let servers = server.reports(n, &mut problems);
        for joined in played {
            let (id, way, result) = match joined {
                Ok(joined) => joined,
                Err(error) => {
                    problems.push(format!("a client task failed: {error}"));
                    continue;
                }
            };
            let (server_expected, client_expected) = way.expected(profile);
            let client = match result {
                Ok(Ok(outcome)) => Some(outcome),
                Ok(Err(error)) => {
                    problems.push(format!("connection {id} ({way:?}): the client's part failed: {error}"));
                    None
                }
                Err(_) => {
                    problems.push(format!("connection {id} ({way:?}): the client's part hung"));
                    None
                }
            };
            for (side, outcome, expected) in
                [("server", servers.get(&id), server_expected), ("client", client.as_ref(), client_expected)]
            {
                let Some(outcome) = outcome else {
                    if side == "server" {
                        problems.push(format!("connection {id} ({way:?}): no server outcome"));
                    }
                    continue;
                };
                if let Some(row) = differs(outcome, expected) {
                    let entry = wrong.entry(format!("{side} {way:?}: {row}")).or_insert((0, String::new()));
                    entry.0 += 1;
                    if entry.1.is_empty() {
                        entry.1 = format!("connection {id}: {outcome}");
                    }
                }
            }
        }
        drop(runtime);
        server.stop(&mut problems);
    }
    fds_return_to(fds, &mut problems);
    let mut message = String::new();
    for (row, (count, example)) in &wrong {
        let _ = writeln!(message, "  {count} x {row} (e.g. {example})");
    }
    for problem in &problems {
        let _ = writeln!(message, "  {problem}");
    }
    assert!(message.is_empty(), "{} with {n} connections:\n{message}", profile.stack);
}

/// What differs between `outcome` and `expected`, if anything.
fn differs(outcome: &CloseOutcome, (ending, code, reason): Expected) -> Option<String> {
    let event = outcome.event();
    let right = outcome.ending == ending
        && (event.code(), event.reason()) == (code, reason)
        && event.was_clean() == ending.is_clean();
    (!right).then(|| {
        format!(
            "{} {} {:?} wasClean={}, expected {ending} {code} {reason:?}",
            outcome.ending,
            event.code(),
            event.reason(),
            event.was_clean()
        )
    })
}

/// Waits (hang guard, 10 s) until the process has `fds` descriptors open again.
fn fds_return_to(fds: usize, problems: &mut Vec<String>) {
    let until = Instant::now() + Duration::from_secs(10);
    while open_fds() > fds && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(20));
    }
    let now = open_fds();
    if now > fds {
        problems.push(format!("{now} file descriptors open, {fds} before the run: {:?}", fd_targets()));
    }
}

/// The graceful shutdown under load: `n` connections held open; every fourth client never
/// answers; `Shutdown::close_all` closes them all with 1001 "restarting" and waits up to three
/// close timeouts. Every connection must be in the report: answered ones `WeClosed` with 1001,
/// silent ones `TimedOut` (on a stack that hides the answer, `WeClosedUnanswered` for all),
/// and every client must see 1001 "restarting".
pub(crate) fn check_shutdown(profile: Profile, serve: Serve, n: usize) {
    let _one = exclusive();
    let fds = open_fds();
    let mut problems = Vec::new();
    let mut wrong = BTreeMap::<String, usize>::new();
    {
        let server = Server::start(serve);
        let runtime = client_runtime();
        let shutdown = server.shutdown.clone();
        let greeted = Arc::clone(&server.greeted);
        let ran = runtime.block_on(async {
            tokio::time::timeout(RUN_GUARD, async {
                let conns = open_all(server.addr, n, &mut problems).await;
                // Every session has read its `hello <id>` before the shutdown begins (a stack
                // may discard data after its Close: fastwebsockets does); polling is bounded by
                // the run guard.
                while greeted.load(Ordering::SeqCst) < conns.len() || shutdown.open() < conns.len() {
                    tokio::time::sleep(Duration::from_millis(5)).await;
                }
                let mut set = tokio::task::JoinSet::new();
                for (id, mut conn) in conns {
                    let silent = id % 4 == 3;
                    set.spawn(async move {
                        let mut tracker = CloseTracker::new();
                        let played = tokio::time::timeout(CLIENT_GUARD, conn.until_end(&mut tracker, !silent)).await;
                        (silent, played.map(|()| tracker.outcome()))
                    });
                }
                let report = shutdown.close_all("restarting", tokio::time::sleep(CLOSE_TIMEOUT * 3)).await;
                let mut clients = Vec::new();
                while let Some(joined) = set.join_next().await {
                    clients.push(joined);
                }
                (report, clients)
            })
            .await
        });
        let Ok((report, clients)) = ran else {
            panic!("{}: the shutdown run did not end within {RUN_GUARD:?}", profile.stack);
        };
        let ShutdownReport { outcomes, unfinished, unreported, .. } = report;
        if outcomes.len() != n || unfinished != 0 || unreported != 0 {
            problems.push(format!(
                "close_all reported {} outcomes, {unfinished} unfinished, {unreported} unreported; {n} connections",
                outcomes.len()
            ));
        }
        let answered = if profile.hides_answer { Ending::WeClosedUnanswered } else { Ending::WeClosed };
        let silent = if profile.hides_answer { Ending::WeClosedUnanswered } else { Ending::TimedOut };
        let mut endings = BTreeMap::<String, usize>::new();
        for outcome in &outcomes {
            *endings.entry(outcome.ending.to_string()).or_default() += 1;
            let sent =
                outcome.sent.as_ref().map(|s| (s.code.map(closecode_core::CloseCode::as_u16), s.reason.as_str()));
            let right = match outcome.ending {
                ending if ending == answered || ending == silent => sent == Some((Some(1001), "restarting")),
                _ => false,
            } && (outcome.ending != Ending::WeClosed || outcome.event().code() == 1001);
            if !right {
                *wrong.entry(format!("server: {outcome}")).or_default() += 1;
            }
        }
        let expected_silent = if profile.hides_answer { n } else { (0..n).filter(|id| id % 4 == 3).count() };
        if endings.get(silent.as_str()).copied().unwrap_or(0) != expected_silent {
            problems.push(format!("server endings {endings:?}: expected {expected_silent} {silent}"));
        }
        for joined in clients {
            match joined {
                Ok((silent, Ok(outcome))) => {
                    let expected = if silent {
                        (Ending::PeerClosedUnanswered, 1001, "restarting")
                    } else {
                        (Ending::PeerClosed, 1001, "restarting")
                    };
                    if let Some(row) = differs(&outcome, expected) {
                        *wrong.entry(format!("client: {row}")).or_default() += 1;
                    }
                }
                Ok((_, Err(_))) => problems.push("a client hung".into()),
                Err(error) => problems.push(format!("a client task failed: {error}")),
            }
        }
        let mut leftovers = Vec::new();
        let _ = server.reports(n, &mut leftovers);
        problems.extend(leftovers);
        drop(runtime);
        server.stop(&mut problems);
    }
    fds_return_to(fds, &mut problems);
    let mut message = String::new();
    for (row, count) in &wrong {
        let _ = writeln!(message, "  {count} x {row}");
    }
    for problem in &problems {
        let _ = writeln!(message, "  {problem}");
    }
    assert!(message.is_empty(), "{} shutdown with {n} connections:\n{message}", profile.stack);
}
