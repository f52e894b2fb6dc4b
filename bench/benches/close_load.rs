//! The cost of closecode's close tracker under load, per stack: a server on 127.0.0.1 holds N
//! connections (all opened first), a raw client in a child process (this bench again, so that
//! each process holds one end of every connection) closes them all at once (Close 1000, wait
//! for the answer). Each stack runs the same receive loop with its closecode `Tracker` (`track`
//! every item, `answer()` where the application answers, `outcome()` at the end) and without
//! (the stack's own end-of-loop test). Every server runs in this process; the stacks take
//! turns, pair by pair, so that all meet the same load on the machine.
//!
//! Separate runs, in pairs that alternate which goes first, give per run:
//! - closes per second: N over the time from the first Close written to the last answer read;
//! - the latency of each close handshake (Close written to answer read): p50, p99;
//! - the server's CPU time per close (`CLOCK_PROCESS_CPUTIME_ID` of this process, from the
//!   first Close until every session has ended, over N).
//!
//! The ratio with/without is taken per pair: the table gives its median, the median's 95%
//! confidence interval (distribution-free, from the order statistics) and the min-max, and a
//! verdict against the 2% goal: "met" when the whole interval is within 2% of no cost (on the
//! cost side), "missed" when all of it is beyond, "open" otherwise.
//!
//! Separate runs meet different moments of the machine; the tracker's cost (a few calls per
//! close) is far below that noise. So each pair also has a mixed run: one server, every other
//! connection with the tracker, the CPU time of each session's own polls while closing
//! (`CLOCK_THREAD_CPUTIME_ID` around every poll; the server runs one task at a time on its
//! thread); the cost is the median session with the tracker less the median session without,
//! as a share of the server's CPU time per close. A control run splits the sessions the same
//! way with the tracker in neither arm. A last column times the tracker's calls alone (the items
//! one close feeds it, in a hot loop, less the same loop without the tracker).
//!
//! `cargo bench -p closecode-bench --bench close_load` (N = 1,000, 31 pairs);
//! `CLOSECODE_BENCH_N=10000 CLOSECODE_BENCH_PAIRS=21` for 10,000; `CLOSECODE_BENCH_RAW=file.csv`
//! writes every run; `CLOSECODE_BENCH_STACK=axum` runs only the stacks whose name contains it.
//! Each process raises `RLIMIT_NOFILE` to N + 256 when it is lower, and says which limit and
//! count when it cannot.

use closecode_core::CloseOutcome;
use std::hint::black_box;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

/// How long a run may wait for all its connections to open or all its sessions to end before
/// it fails (a hang guard, not a measurement).
const HANG: Duration = Duration::from_secs(120);

/// Which sessions of a run use the tracker.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Without,
    With,
    /// Every other connection (by the order the sessions start), in the same server: the odd
    /// ones with the tracker, or (`even`) the even ones. A `control` run splits the sessions
    /// the same way but runs all without the tracker: what the method finds where there is
    /// nothing to find.
    Mixed {
        even: bool,
        control: bool,
    },
}

/// What the server sessions tell the bench: how many opened and ended, and the CPU time each
/// arm's sessions spent in their own polls.
struct Progress {
    n: usize,
    mode: Mode,
    /// Sessions (opened, ended), and its change.
    counts: Mutex<(usize, usize)>,
    changed: Condvar,
    /// Set when the client starts closing: the sessions' CPU time counts from then on (their
    /// first polls, while the connections open, page in the stacks' buffers).
    closing: AtomicBool,
    /// [without, with]: each ended session's thread CPU time in its polls, in nanoseconds.
    session_ns: [Mutex<Vec<u64>>; 2],
}

impl Progress {
    fn new(n: usize, mode: Mode) -> Arc<Self> {
        Arc::new(Self {
            n,
            mode,
            counts: Mutex::new((0, 0)),
            changed: Condvar::new(),
            closing: AtomicBool::new(false),
            session_ns: [Mutex::new(Vec::with_capacity(n)), Mutex::new(Vec::with_capacity(n))],
        })
    }

    /// Counts a session opened (`true`) or ended; gives how many had opened before.
    fn count(&self, opened: bool) -> usize {
        let mut counts = self.counts.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let before = counts.0;
        if opened {
            counts.0 += 1;
        } else {
            counts.1 += 1;
        }
        if counts.0 == self.n || counts.1 == self.n {
            self.changed.notify_all();
        }
        before
    }

    /// Waits until all N sessions opened (`true`) or ended; fails after [`HANG`].
    fn wait(&self, opened: bool) {
        let counts = self.counts.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let pending = |c: &mut (usize, usize)| if opened { c.0 < self.n } else { c.1 < self.n };
        let (counts, _) =
            self.changed.wait_timeout_while(counts, HANG, pending).unwrap_or_else(std::sync::PoisonError::into_inner);
        let (done, what) = if opened { (counts.0, "started") } else { (counts.1, "ended") };
        assert_eq!(done, self.n, "{done} of {} server sessions {what}", self.n);
    }
}

/// A session after the handshake: `body(with_closecode)`, with the thread CPU time of each of
/// its polls once the client closes added up (the server runs one task at a time on its
/// thread, so that is the time this session's own code, syscalls included, took) and recorded
/// for its arm. Counts the session open at the start and ended at the end.
async fn session<F: Future<Output = ()>>(progress: Arc<Progress>, body: impl FnOnce(bool) -> F) {
    let index = progress.count(true);
    let (arm, with_closecode) = match progress.mode {
        Mode::Without => (0, false),
        Mode::With => (1, true),
        Mode::Mixed { even, control } => {
            let arm = usize::from(index % 2 == usize::from(!even));
            (arm, arm == 1 && !control)
        }
    };
    let mut body = std::pin::pin!(body(with_closecode));
    let mut spent = Duration::ZERO;
    std::future::poll_fn(|cx| {
        if !progress.closing.load(Ordering::Acquire) {
            return body.as_mut().poll(cx);
        }
        let start = cpu_time(rustix::time::ClockId::ThreadCPUTime);
        let poll = body.as_mut().poll(cx);
        spent += cpu_time(rustix::time::ClockId::ThreadCPUTime).saturating_sub(start);
        poll
    })
    .await;
    if let Ok(mut sessions) = progress.session_ns[arm].lock() {
        sessions.push(u64::try_from(spent.as_nanos()).unwrap_or(u64::MAX));
    }
    progress.count(false);
}

/// A server: serves every connection accepted on the listener, each session through
/// [`session`], until `stop` fires. It runs on a thread of its own and builds its own runtime.
type Serve = fn(std::net::TcpListener, Arc<Progress>, oneshot::Receiver<()>);

/// The tracker's calls for one close alone (`true`), or the same loop without them.
type Calls = fn(bool);

fn env(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Runs `serve` on a current-thread runtime with a `LocalSet` until `stop` fires.
fn on_tokio<F: Future<Output = ()>>(
    listener: std::net::TcpListener,
    stop: oneshot::Receiver<()>,
    serve: impl FnOnce(TcpListener) -> F,
) {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let local = tokio::task::LocalSet::new();
    local.block_on(&runtime, async move {
        listener.set_nonblocking(true).expect("non-blocking");
        let listener = TcpListener::from_std(listener).expect("listener");
        tokio::select! {
            () = serve(listener) => {}
            _ = stop => {}
        }
    });
}

/// Runs a server with [`on_tokio`] that hands each accepted connection, with the run's
/// progress, to `connection` on a task of its own (the stacks that take a TCP stream).
fn on_each_connection<F: Future<Output = ()> + 'static>(
    listener: std::net::TcpListener,
    progress: Arc<Progress>,
    stop: oneshot::Receiver<()>,
    connection: impl Fn(TcpStream, Arc<Progress>) -> F,
) {
    on_tokio(listener, stop, |listener| async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::task::spawn_local(connection(stream, Arc::clone(&progress)));
        }
    });
}

/// Reads an HTTP upgrade request and answers 101 (for the stacks that take a stream after the
/// handshake).
async fn accept_upgrade(stream: &mut TcpStream) -> std::io::Result<()> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        stream.read_exact(&mut byte).await?;
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head).to_string();
    let key = head
        .lines()
        .find_map(|l| l.to_ascii_lowercase().starts_with("sec-websocket-key:").then(|| l[18..].trim().to_string()))
        .unwrap_or_default();
    let accept = tungstenite::handshake::derive_accept_key(key.as_bytes());
    let response = format!(
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"
    );
    stream.write_all(response.as_bytes()).await
}

/// tokio-tungstenite 0.30 and 0.29: one server text for both versions, and the tracker's calls
/// for one close alone.
macro_rules! tungstenite {
    ($version:ident, $tokio_tungstenite:ident) => {
        mod $version {
            use super::{CloseOutcome, Progress, black_box, on_each_connection, session};
            use closecode_core::stacks::$version::Tracker;
            use futures_util::StreamExt;
            use std::sync::Arc;
            use $tokio_tungstenite::tungstenite::Message;
            use $tokio_tungstenite::tungstenite::protocol::{CloseFrame, frame::coding::CloseCode};

            pub(super) fn serve(
                listener: std::net::TcpListener,
                progress: Arc<Progress>,
                stop: tokio::sync::oneshot::Receiver<()>,
            ) {
                on_each_connection(listener, progress, stop, |stream, progress| async move {
                    let Ok(mut ws) = $tokio_tungstenite::accept_async(stream).await else { return };
                    session(progress, |with_closecode| async move {
                        if with_closecode {
                            let mut tracker = Tracker::new();
                            while tracker.track(ws.next().await).is_some() {}
                            black_box::<CloseOutcome>(tracker.outcome());
                        } else {
                            while let Some(Ok(_)) = ws.next().await {}
                        }
                        drop(ws);
                    })
                    .await;
                });
            }

            /// What one close feeds the loop: the peer's Close, then the end of the stream.
            pub(super) fn calls(with_closecode: bool) {
                let close = Message::Close(Some(CloseFrame { code: CloseCode::Normal, reason: "".into() }));
                let items = [Some(Ok(close)), None];
                if with_closecode {
                    let mut tracker = Tracker::new();
                    for item in items {
                        black_box(tracker.track(black_box(item)));
                    }
                    black_box::<CloseOutcome>(tracker.outcome());
                } else {
                    for item in items {
                        black_box(matches!(black_box(item), Some(Ok(_))));
                    }
                }
            }
        }
    };
}

tungstenite!(tungstenite_0_30, tokio_tungstenite);
tungstenite!(tungstenite_0_29, tokio_tungstenite_0_29);

mod axum_0_8 {
    use super::{CloseOutcome, Progress, black_box, session};
    use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
    use closecode_core::stacks::axum_0_8::Tracker;
    use std::sync::Arc;

    async fn run(mut socket: WebSocket, with_closecode: bool) {
        if with_closecode {
            let mut tracker = Tracker::new();
            while tracker.track(socket.recv().await).is_some() {}
            black_box::<CloseOutcome>(tracker.outcome());
        } else {
            while let Some(Ok(_)) = socket.recv().await {}
        }
        drop(socket);
    }

    pub(super) fn serve(
        listener: std::net::TcpListener,
        progress: Arc<Progress>,
        stop: tokio::sync::oneshot::Receiver<()>,
    ) {
        let app = axum::Router::new().route(
            "/chat",
            axum::routing::get(move |upgrade: WebSocketUpgrade| async move {
                upgrade.on_upgrade(move |socket| session(progress, |with_closecode| run(socket, with_closecode)))
            }),
        );
        super::on_tokio(listener, stop, |listener| async move {
            let _ = axum::serve(listener, app).await;
        });
    }

    pub(super) fn calls(with_closecode: bool) {
        let close = Message::Close(Some(CloseFrame { code: 1000, reason: "".into() }));
        let items = [Some(Ok(close)), None];
        if with_closecode {
            let mut tracker = Tracker::new();
            for item in items {
                black_box(tracker.track(black_box(item)));
            }
            black_box::<CloseOutcome>(tracker.outcome());
        } else {
            for item in items {
                black_box(matches!(black_box(item), Some(Ok(_))));
            }
        }
    }
}

mod actix_ws_0_4 {
    use super::{CloseOutcome, Progress, black_box, session};
    use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
    use actix_ws::{CloseCode, CloseReason, Message, MessageStream, Session};
    use closecode_core::stacks::actix_ws_0_4::Tracker;
    use std::sync::Arc;

    /// actix-ws leaves the answer to a Close to the application: with the tracker, its
    /// `answer()`; without, the received reason sent back.
    async fn run(session: Session, mut stream: MessageStream, with_closecode: bool) {
        if with_closecode {
            let mut tracker = Tracker::new();
            while tracker.track(stream.recv().await).is_some() {}
            if let Some(reason) = tracker.answer() {
                let _ = session.close(reason).await;
            }
            black_box::<CloseOutcome>(tracker.outcome());
        } else {
            while let Some(Ok(message)) = stream.recv().await {
                if let Message::Close(reason) = message {
                    let _ = session.close(reason).await;
                    break;
                }
            }
        }
        drop(stream);
    }

    async fn upgrade(
        req: HttpRequest,
        body: web::Payload,
        progress: web::Data<Arc<Progress>>,
    ) -> actix_web::Result<HttpResponse> {
        let (response, ws, stream) = actix_ws::handle(&req, body)?;
        let progress = Arc::clone(progress.get_ref());
        actix_web::rt::spawn(session(progress, |with_closecode| run(ws, stream, with_closecode)));
        Ok(response)
    }

    pub(super) fn serve(
        listener: std::net::TcpListener,
        progress: Arc<Progress>,
        stop: tokio::sync::oneshot::Receiver<()>,
    ) {
        actix_web::rt::System::new().block_on(async move {
            let state = web::Data::new(progress);
            let server =
                HttpServer::new(move || App::new().app_data(state.clone()).route("/chat", web::get().to(upgrade)))
                    .workers(1)
                    .backlog(4096)
                    .max_connections(100_000)
                    .disable_signals()
                    .listen(listener)
                    .expect("actix listens")
                    .run();
            let handle = server.handle();
            actix_web::rt::spawn(async move {
                let _ = stop.await;
                handle.stop(false).await;
            });
            let _ = server.await;
        });
    }

    /// The peer's Close, then the answer the loop sends back.
    pub(super) fn calls(with_closecode: bool) {
        let close = Message::Close(Some(CloseReason { code: CloseCode::Normal, description: None }));
        if with_closecode {
            let mut tracker = Tracker::new();
            black_box(tracker.track(Some(Ok(black_box(close)))));
            black_box(tracker.answer());
            black_box::<CloseOutcome>(tracker.outcome());
        } else if let Message::Close(reason) = black_box(close) {
            black_box(reason);
        }
    }
}

mod fastwebsockets_0_10 {
    use super::{CloseOutcome, Progress, accept_upgrade, black_box, session};
    use closecode_core::stacks::fastwebsockets_0_10::Tracker;
    use fastwebsockets::{Frame, OpCode, Role, WebSocket};
    use std::sync::Arc;

    pub(super) fn serve(
        listener: std::net::TcpListener,
        progress: Arc<Progress>,
        stop: tokio::sync::oneshot::Receiver<()>,
    ) {
        super::on_each_connection(listener, progress, stop, |mut stream, progress| async move {
            if accept_upgrade(&mut stream).await.is_err() {
                return;
            }
            let mut ws = WebSocket::after_handshake(stream, Role::Server);
            session(progress, |with_closecode| async move {
                if with_closecode {
                    let mut tracker = Tracker::new();
                    while tracker.track(ws.read_frame().await).is_some() {}
                    black_box::<CloseOutcome>(tracker.outcome());
                } else {
                    while let Ok(frame) = ws.read_frame().await {
                        if frame.opcode == OpCode::Close {
                            break;
                        }
                    }
                }
                drop(ws);
            })
            .await;
        });
    }

    /// The peer's Close (fastwebsockets answers it itself).
    pub(super) fn calls(with_closecode: bool) {
        let close = Frame::close(1000, b"");
        if with_closecode {
            let mut tracker = Tracker::new();
            black_box(tracker.track(Ok(black_box(close))));
            black_box::<CloseOutcome>(tracker.outcome());
        } else {
            black_box(black_box(close).opcode == OpCode::Close);
        }
    }
}

mod tokio_websockets_0_13 {
    use super::{CloseOutcome, Progress, black_box, session};
    use closecode_core::stacks::tokio_websockets_0_13::Tracker;
    use futures_util::{SinkExt, StreamExt};
    use std::sync::Arc;
    use tokio_websockets::{CloseCode, Message};

    pub(super) fn serve(
        listener: std::net::TcpListener,
        progress: Arc<Progress>,
        stop: tokio::sync::oneshot::Receiver<()>,
    ) {
        super::on_each_connection(listener, progress, stop, |stream, progress| async move {
            let Ok((_request, mut ws)) = tokio_websockets::ServerBuilder::new().accept(stream).await else {
                return;
            };
            session(progress, |with_closecode| async move {
                if with_closecode {
                    let mut tracker = Tracker::new();
                    while tracker.track(ws.next().await).is_some() {}
                    let _ = ws.flush().await;
                    black_box::<CloseOutcome>(tracker.outcome());
                } else {
                    while let Some(Ok(_)) = ws.next().await {}
                    let _ = ws.flush().await;
                }
                drop(ws);
            })
            .await;
        });
    }

    pub(super) fn calls(with_closecode: bool) {
        let close = Message::close(Some(CloseCode::NORMAL_CLOSURE), "");
        let items = [Some(Ok(close)), None];
        if with_closecode {
            let mut tracker = Tracker::new();
            for item in items {
                black_box(tracker.track(black_box(item)));
            }
            black_box::<CloseOutcome>(tracker.outcome());
        } else {
            for item in items {
                black_box(matches!(black_box(item), Some(Ok(_))));
            }
        }
    }
}

/// A masked client frame.
fn frame(opcode: u8, payload: &[u8]) -> Vec<u8> {
    let mut frame = vec![0x80 | opcode, 0x80 | u8::try_from(payload.len()).unwrap_or(0), 1, 2, 3, 4];
    frame.extend(payload.iter().enumerate().map(|(i, b)| b ^ [1, 2, 3, 4][i % 4]));
    frame
}

async fn open(addr: SocketAddr) -> std::io::Result<BufReader<TcpStream>> {
    let mut stream = BufReader::new(TcpStream::connect(addr).await?);
    let request = format!(
        "GET /chat HTTP/1.1\r\nHost: {addr}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
    );
    stream.get_mut().write_all(request.as_bytes()).await?;
    let mut head = Vec::new();
    while !head.ends_with(b"\r\n\r\n") {
        head.push(stream.read_u8().await?);
    }
    Ok(stream)
}

/// Closes one connection: the latency from the Close written to the answer read.
async fn close(mut stream: BufReader<TcpStream>) -> std::io::Result<Duration> {
    let start = Instant::now();
    stream.get_mut().write_all(&frame(0x8, &1000u16.to_be_bytes())).await?;
    loop {
        let mut head = [0u8; 2];
        stream.read_exact(&mut head).await?;
        let mut payload = vec![0u8; usize::from(head[1] & 0x7F)];
        stream.read_exact(&mut payload).await?;
        if head[0] & 0x0F == 0x8 {
            return Ok(start.elapsed());
        }
    }
}

fn cpu_time(clock: rustix::time::ClockId) -> Duration {
    let t = rustix::time::clock_gettime(clock);
    Duration::new(u64::try_from(t.tv_sec).unwrap_or(0), u32::try_from(t.tv_nsec).unwrap_or(0))
}

/// One run's measurements.
struct Run {
    closes_per_s: f64,
    /// The server's CPU time per close (this process's: the client is another), in
    /// microseconds.
    server_us: f64,
    /// [without, with]: the median session's CPU time in its own polls, in microseconds (NaN
    /// for an arm the run has no session of).
    session_us: [f64; 2],
    p50_ms: f64,
    p99_ms: f64,
}

fn count(n: usize) -> f64 {
    f64::from(u32::try_from(n).unwrap_or(u32::MAX))
}

/// The raw client: this bench again, in a child process (so that each process holds one end
/// of each connection), driven over its standard input and output, one line each way:
/// `open ADDR N` / `opened`, then `close` / `closed ANSWERED ELAPSED_NS P50_NS P99_NS`.
struct Client {
    child: std::process::Child,
    input: std::process::ChildStdin,
    output: std::io::BufReader<std::process::ChildStdout>,
}

/// The variable that makes this bench the client.
const CLIENT: &str = "CLOSECODE_BENCH_CLIENT";

impl Client {
    fn spawn() -> Self {
        use std::process::{Command, Stdio};
        let mut child = Command::new(std::env::current_exe().expect("the bench's path"))
            .env(CLIENT, "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("the client process starts");
        let input = child.stdin.take().expect("stdin");
        let output = std::io::BufReader::new(child.stdout.take().expect("stdout"));
        Self { child, input, output }
    }

    /// Sends a line and reads the answer.
    fn ask(&mut self, line: &str) -> String {
        use std::io::{BufRead, Write};
        writeln!(self.input, "{line}").and_then(|()| self.input.flush()).expect("the client reads");
        let mut answer = String::new();
        let read = self.output.read_line(&mut answer).expect("the client answers");
        assert!(read > 0, "the client process ended (see its error above)");
        answer.trim().to_string()
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The client process: opens N connections when told, and closes them all at once when told.
fn client() {
    use std::io::{BufRead, Write};
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let mut out = std::io::stdout().lock();
    let mut conns = Vec::new();
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("stdin");
        let words = line.split_whitespace().collect::<Vec<_>>();
        match words[..] {
            ["open", addr, n] => {
                let addr: SocketAddr = addr.parse().expect("an address");
                let n: usize = n.parse().expect("a count");
                raise_nofile(n);
                conns = runtime.block_on(async {
                    let mut conns = Vec::with_capacity(n);
                    for chunk in 0..n.div_ceil(100) {
                        let batch = (chunk * 100..n.min(chunk * 100 + 100)).map(|_| open(addr));
                        for conn in futures_util::future::join_all(batch).await {
                            conns.push(conn.expect("a connection opens"));
                        }
                    }
                    conns
                });
                writeln!(out, "opened").expect("stdout");
            }
            ["close"] => {
                let (elapsed, mut latencies) = runtime.block_on(async {
                    let start = Instant::now();
                    let mut set = tokio::task::JoinSet::new();
                    for conn in conns.drain(..) {
                        set.spawn(close(conn));
                    }
                    let mut latencies = Vec::with_capacity(set.len());
                    while let Some(joined) = set.join_next().await {
                        if let Ok(Ok(latency)) = joined {
                            latencies.push(latency);
                        }
                    }
                    (start.elapsed(), latencies)
                });
                latencies.sort();
                let p = |percent| percentile(&latencies, percent).as_nanos();
                writeln!(out, "closed {} {} {} {}", latencies.len(), elapsed.as_nanos(), p(50), p(99)).expect("stdout");
            }
            _ => panic!("the client does not know {line:?}"),
        }
        out.flush().expect("stdout");
    }
}

/// One run: N connections opened, then closed at once by the client process.
fn run(client: &mut Client, serve: Serve, mode: Mode, n: usize) -> Run {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("address");
    let progress = Progress::new(n, mode);
    let (stop, stopped) = oneshot::channel::<()>();
    let server = {
        let progress = progress.clone();
        std::thread::spawn(move || serve(listener, progress, stopped))
    };
    assert_eq!(client.ask(&format!("open {addr} {n}")), "opened");
    progress.wait(true);
    progress.closing.store(true, Ordering::Release);
    let cpu0 = cpu_time(rustix::time::ClockId::ProcessCPUTime);
    let closed = client.ask("close");
    progress.wait(false);
    let cpu = cpu_time(rustix::time::ClockId::ProcessCPUTime).saturating_sub(cpu0);
    let _ = stop.send(());
    let _ = server.join();

    let numbers = closed.split_whitespace().skip(1).map(|w| w.parse::<u64>().unwrap_or(0)).collect::<Vec<_>>();
    let [answered, elapsed, p50, p99] = numbers[..] else { panic!("the client said {closed:?}") };
    assert_eq!(answered, u64::try_from(n).unwrap_or(u64::MAX), "every close is answered");
    let session_us = progress.session_ns.each_ref().map(|sessions| {
        let sessions = sessions.lock().map(|s| s.clone()).unwrap_or_default();
        let micros = sessions.iter().map(|&ns| Duration::from_nanos(ns).as_secs_f64() * 1e6).collect::<Vec<_>>();
        if micros.is_empty() { f64::NAN } else { median(&micros) }
    });
    Run {
        closes_per_s: count(n) / Duration::from_nanos(elapsed).as_secs_f64(),
        server_us: cpu.as_secs_f64() * 1e6 / count(n),
        session_us,
        p50_ms: Duration::from_nanos(p50).as_secs_f64() * 1e3,
        p99_ms: Duration::from_nanos(p99).as_secs_f64() * 1e3,
    }
}

fn percentile(sorted: &[Duration], percent: usize) -> Duration {
    let index = sorted.len().saturating_sub(1) * percent / 100;
    sorted.get(index).copied().unwrap_or_default()
}

fn sorted(mut values: Vec<f64>) -> Vec<f64> {
    values.sort_by(f64::total_cmp);
    values
}

fn median(values: &[f64]) -> f64 {
    let values = sorted(values.to_vec());
    values.get(values.len() / 2).copied().unwrap_or(0.0)
}

/// The median's 95% confidence interval from order statistics (no assumption on the
/// distribution): `[x(k), x(n+1-k)]` with the largest k such that P(Binomial(n, 1/2) < k) is at
/// most 2.5% (the min-max when there are too few pairs for 95%).
fn median_ci(values: &[f64]) -> (f64, f64) {
    let values = sorted(values.to_vec());
    let n = values.len();
    let (mut k, mut cdf, mut coefficient) = (1, 0.0, 1.0);
    for j in 0..n {
        cdf += coefficient * 0.5f64.powi(i32::try_from(n).unwrap_or(i32::MAX));
        if cdf > 0.025 {
            break;
        }
        k = j + 1;
        coefficient = coefficient * count(n - j) / count(j + 1);
    }
    (values.get(k - 1).copied().unwrap_or(0.0), values.get(n - k).copied().unwrap_or(0.0))
}

/// The verdict against the 2% goal from a ratio's confidence interval: "met" when the whole
/// interval is within 2% of no cost (on the cost side), "missed" when all of it is beyond,
/// "open" otherwise. `higher_is_worse`: CPU time and latency; closes/s is the other way.
fn verdict(samples: usize, (low, high): (f64, f64), higher_is_worse: bool) -> &'static str {
    let (met, missed) = if higher_is_worse { (high <= 1.02, low > 1.02) } else { (low >= 0.98, high < 0.98) };
    if samples < 6 {
        "too few pairs"
    } else if met {
        "met"
    } else if missed {
        "missed"
    } else {
        "open"
    }
}

fn min_max(values: &[f64]) -> (f64, f64) {
    let sorted = sorted(values.to_vec());
    (sorted.first().copied().unwrap_or(0.0), sorted.last().copied().unwrap_or(0.0))
}

/// One metric's per-pair ratios as a table cell: median [95% CI] (min-max) and the verdict.
fn cell(ratios: &[f64], higher_is_worse: bool) -> String {
    let (low, high) = median_ci(ratios);
    let (min, max) = min_max(ratios);
    let verdict = verdict(ratios.len(), (low, high), higher_is_worse);
    format!("{:.3} [{low:.3}, {high:.3}] ({min:.2}-{max:.2}) {verdict}", median(ratios))
}

/// Nanoseconds per close of the tracker's calls alone: the loop of `calls(true)` less the loop
/// of `calls(false)` (the best of several rounds each).
fn calls_ns(calls: Calls, iterations: u32) -> f64 {
    let best = |with_closecode: bool| {
        (0..7)
            .map(|_| {
                let start = Instant::now();
                for _ in 0..iterations {
                    calls(black_box(with_closecode));
                }
                start.elapsed().as_secs_f64() * 1e9 / f64::from(iterations)
            })
            .fold(f64::INFINITY, f64::min)
    };
    best(true) - best(false)
}

/// One descriptor per connection (each process holds one end) and some for the rest: raises
/// the soft limit, and the hard one too where the process may (`CAP_SYS_RESOURCE`).
fn raise_nofile(n: usize) {
    use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};
    let needed = u64::try_from(n + 256).unwrap_or(u64::MAX);
    let limit = getrlimit(Resource::Nofile);
    if limit.current.is_none_or(|current| current >= needed) {
        return;
    }
    let maximum = limit.maximum.map(|maximum| maximum.max(needed));
    if let Err(error) = setrlimit(Resource::Nofile, Rlimit { current: Some(needed), maximum }) {
        let show = |v: Option<u64>| v.map_or_else(|| "unlimited".to_string(), |v| v.to_string());
        panic!(
            "N = {n} needs {needed} open files in each of the bench's two processes (one end of \
             every connection in each); \
             RLIMIT_NOFILE is {} (hard {}) and raising it failed ({error}); raise `ulimit -n` \
             or set a smaller CLOSECODE_BENCH_N",
            show(limit.current),
            show(limit.maximum),
        );
    }
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map_or_else(|_| "unknown".to_string(), |l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
}

fn main() {
    if std::env::var_os(CLIENT).is_some() {
        client();
        return;
    }
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing: run once, small.
    let benching = std::env::args().any(|a| a == "--bench");
    let n = env("CLOSECODE_BENCH_N", if benching { 1000 } else { 50 });
    let pairs = env("CLOSECODE_BENCH_PAIRS", if benching { 31 } else { 1 });
    raise_nofile(n);
    let all: [(&str, Serve, Calls); 6] = [
        ("tokio-tungstenite 0.30", tungstenite_0_30::serve, tungstenite_0_30::calls),
        ("tokio-tungstenite 0.29", tungstenite_0_29::serve, tungstenite_0_29::calls),
        ("axum 0.8", axum_0_8::serve, axum_0_8::calls),
        ("actix-ws 0.4", actix_ws_0_4::serve, actix_ws_0_4::calls),
        ("fastwebsockets 0.10", fastwebsockets_0_10::serve, fastwebsockets_0_10::calls),
        ("tokio-websockets 0.13", tokio_websockets_0_13::serve, tokio_websockets_0_13::calls),
    ];
    // `CLOSECODE_BENCH_STACK=axum` runs the stacks whose name contains it.
    let only = std::env::var("CLOSECODE_BENCH_STACK").unwrap_or_default();
    let stacks = all.into_iter().filter(|(stack, _, _)| stack.contains(only.as_str())).collect::<Vec<_>>();
    let names = stacks.iter().map(|(stack, _, _)| *stack).collect::<Vec<_>>();
    let cores = std::thread::available_parallelism().map_or(0, std::num::NonZero::get);
    let load_before = load_average();
    let started = Instant::now();
    let mut client = Client::spawn();

    // One run of each first, not counted: the process's first connections pay for warming up.
    for &(_, serve, _) in &stacks {
        run(&mut client, serve, Mode::Without, n.min(1000));
    }
    // Per stack: the [without, with] pairs, and the mixed runs. The stacks take turns, pair by
    // pair, so that all meet the same load on the machine.
    let mut paired: Vec<Vec<[Run; 2]>> = stacks.iter().map(|_| Vec::new()).collect();
    let mut mixed: Vec<Vec<[Run; 2]>> = stacks.iter().map(|_| Vec::new()).collect();
    for pair in 0..pairs {
        for (i, (stack, serve, _)) in stacks.iter().enumerate() {
            let pair_runs = if pair % 2 == 0 {
                let without = run(&mut client, *serve, Mode::Without, n);
                [without, run(&mut client, *serve, Mode::With, n)]
            } else {
                let with = run(&mut client, *serve, Mode::With, n);
                [run(&mut client, *serve, Mode::Without, n), with]
            };
            let even = pair % 2 == 1;
            let both = run(&mut client, *serve, Mode::Mixed { even, control: false }, n);
            let control = run(&mut client, *serve, Mode::Mixed { even, control: true }, n);
            if benching {
                eprintln!(
                    "pair {}/{pairs} {stack}: server CPU per close {:.1} / {:.1} µs, mixed session CPU {:.2} / {:.2} µs, \
                     control {:.2} / {:.2} µs",
                    pair + 1,
                    pair_runs[0].server_us,
                    pair_runs[1].server_us,
                    both.session_us[0],
                    both.session_us[1],
                    control.session_us[0],
                    control.session_us[1],
                );
            }
            paired[i].push(pair_runs);
            mixed[i].push([both, control]);
        }
    }
    if let Ok(path) = std::env::var("CLOSECODE_BENCH_RAW") {
        write_raw(&path, &names, &paired, &mixed);
    }
    println!(
        "{n} connections closed at once; per stack {pairs} pairs of runs (without and with the tracker, \
         alternating which goes first) and {pairs} mixed runs; stacks take turns; {cores} cores; load \
         average {load_before} before, {} after; {:.0} s",
        load_average(),
        started.elapsed().as_secs_f64()
    );
    print_separate(&names, &paired);
    print_mixed(&stacks, &paired, &mixed, if benching { 1_000_000 } else { 1000 });
}

/// The raw runs as CSV (`CLOSECODE_BENCH_RAW=path`).
fn write_raw(path: &str, stacks: &[&str], paired: &[Vec<[Run; 2]>], mixed: &[Vec<[Run; 2]>]) {
    use std::fmt::Write as _;
    let mut csv = String::from(
        "stack,pair,run,closes_per_s,server_cpu_us,session_cpu_without_us,session_cpu_with_us,p50_ms,p99_ms\n",
    );
    for ((stack, paired), mixed) in stacks.iter().zip(paired).zip(mixed) {
        for (pair, ([without, with], [both, control])) in paired.iter().zip(mixed).enumerate() {
            for (name, r) in [("without", without), ("with", with), ("mixed", both), ("control", control)] {
                let [a, b] = r.session_us;
                let _ = writeln!(
                    csv,
                    "{stack},{pair},{name},{:.1},{:.3},{a:.3},{b:.3},{:.3},{:.3}",
                    r.closes_per_s, r.server_us, r.p50_ms, r.p99_ms
                );
            }
        }
    }
    std::fs::write(path, csv).expect("CLOSECODE_BENCH_RAW: write");
}

/// The separate runs' tables: medians, and the with/without ratios per pair.
fn print_separate(stacks: &[&str], paired: &[Vec<[Run; 2]>]) {
    println!();
    println!(
        "Separate runs, medians over the pairs. Server CPU: the server process's CPU time per close; \
         latency: Close written to answer read."
    );
    println!();
    println!(
        "| stack | closes/s without | closes/s with | server CPU without | server CPU with | p50 without | p50 with | p99 without | p99 with |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (stack, pairs) in stacks.iter().zip(paired) {
        let m = |arm: usize, f: fn(&Run) -> f64| median(&pairs.iter().map(|p| f(&p[arm])).collect::<Vec<_>>());
        println!(
            "| {stack} | {:.0} | {:.0} | {:.1} µs | {:.1} µs | {:.1} ms | {:.1} ms | {:.1} ms | {:.1} ms |",
            m(0, |r| r.closes_per_s),
            m(1, |r| r.closes_per_s),
            m(0, |r| r.server_us),
            m(1, |r| r.server_us),
            m(0, |r| r.p50_ms),
            m(1, |r| r.p50_ms),
            m(0, |r| r.p99_ms),
            m(1, |r| r.p99_ms),
        );
    }
    println!();
    println!("With/without ratio per pair: median [95% CI of the median] (min-max), and the 2% goal.");
    println!();
    println!("| stack | closes/s | server CPU per close | p50 | p99 |");
    println!("|---|---|---|---|---|");
    for (stack, pairs) in stacks.iter().zip(paired) {
        let ratios = |f: fn(&Run) -> f64| pairs.iter().map(|[a, b]| f(b) / f(a)).collect::<Vec<_>>();
        println!(
            "| {stack} | {} | {} | {} | {} |",
            cell(&ratios(|r| r.closes_per_s), false),
            cell(&ratios(|r| r.server_us), true),
            cell(&ratios(|r| r.p50_ms), true),
            cell(&ratios(|r| r.p99_ms), true),
        );
    }
}

/// The mixed runs' table: the tracker's cost in the server, as the difference of the median
/// session's CPU time with and without it, against the server's CPU time per close; the
/// control runs' difference (the tracker in neither arm); the tracker's calls alone in a hot
/// loop.
fn print_mixed(stacks: &[(&str, Serve, Calls)], paired: &[Vec<[Run; 2]>], mixed: &[Vec<[Run; 2]>], iterations: u32) {
    println!();
    println!(
        "Mixed runs: one server, every other connection with the tracker. Session CPU: the thread \
         CPU time of one session's own polls while closing (median session of the run; medians \
         over the runs). Cost: with less without, per run: median [95% CI of the median] \
         (min-max); as a share of the server's CPU time per close (median of the separate runs \
         without), and the 2% goal. Control: the same runs with the tracker in neither arm. Hot \
         loop: the tracker's calls for one close alone, the same loop without them subtracted."
    );
    println!();
    println!(
        "| stack | session CPU without | with | cost per close | server CPU per close | cost share | control | hot loop |"
    );
    println!("|---|---:|---:|---|---:|---|---|---:|");
    let difference = |runs: &[[Run; 2]], i: usize| {
        runs.iter().map(|r| (r[i].session_us[1] - r[i].session_us[0]) * 1e3).collect::<Vec<_>>()
    };
    let show = |ns: &[f64]| {
        let (low, high) = median_ci(ns);
        let (min, max) = min_max(ns);
        format!("{:.0} ns [{low:.0}, {high:.0}] ({min:.0} to {max:.0})", median(ns))
    };
    for (((stack, _, calls), pairs), runs) in stacks.iter().zip(paired).zip(mixed) {
        let arm = |i: usize| median(&runs.iter().map(|r| r[0].session_us[i]).collect::<Vec<_>>());
        let server_us = median(&pairs.iter().map(|[r, _]| r.server_us).collect::<Vec<_>>());
        let cost_ns = difference(runs, 0);
        let (low, high) = median_ci(&cost_ns);
        let percent = |ns: f64| ns / (server_us * 1e3) * 100.0;
        let verdict = verdict(cost_ns.len(), (1.0 + percent(low) / 100.0, 1.0 + percent(high) / 100.0), true);
        println!(
            "| {stack} | {:.2} µs | {:.2} µs | {} | {server_us:.1} µs | {:+.2}% [{:+.2}%, {:+.2}%] {verdict} | {} | {:.0} ns |",
            arm(0),
            arm(1),
            show(&cost_ns),
            percent(median(&cost_ns)),
            percent(low),
            percent(high),
            show(&difference(runs, 1)),
            calls_ns(*calls, iterations),
        );
    }
}
