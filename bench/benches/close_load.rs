//! The cost of closecode's close tracker under load, per stack: a server on 127.0.0.1 holds N
//! connections (all opened first), a raw client closes them all at once (Close 1000, wait for
//! the answer), and the run measures closes per second and each close handshake's latency
//! (from the client's Close written to the answer read: p50, p99). Each stack runs the same
//! receive loop with its closecode `Tracker` (`track` every item, `outcome()` at the end) and
//! without (the stack's own end-of-loop test), in pairs that alternate which goes first, in
//! one process; the table gives medians over the pairs and the with/without ratio.
//!
//! `cargo bench -p closecode-bench --bench close_load` (N = 1,000, 7 pairs;
//! `CLOSECODE_BENCH_N` and `CLOSECODE_BENCH_PAIRS` change them).

use closecode_core::CloseOutcome;
use futures_util::{SinkExt, StreamExt};
use std::hint::black_box;
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// A server loop: serves every connection accepted on the listener until the runtime ends.
type Serve = fn(TcpListener, bool) -> std::pin::Pin<Box<dyn Future<Output = ()>>>;

fn env(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
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

fn tungstenite_serve(listener: TcpListener, with_closecode: bool) -> std::pin::Pin<Box<dyn Future<Output = ()>>> {
    use closecode_core::stacks::tungstenite_0_30::Tracker;
    Box::pin(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::task::spawn_local(async move {
                let Ok(mut ws) = tokio_tungstenite::accept_async(stream).await else { return };
                if with_closecode {
                    let mut tracker = Tracker::new();
                    while tracker.track(ws.next().await).is_some() {}
                    black_box::<CloseOutcome>(tracker.outcome());
                } else {
                    while let Some(Ok(_)) = ws.next().await {}
                }
            });
        }
    })
}

fn axum_serve(listener: TcpListener, with_closecode: bool) -> std::pin::Pin<Box<dyn Future<Output = ()>>> {
    use axum::extract::ws::{WebSocket, WebSocketUpgrade};
    use closecode_core::stacks::axum_0_8::Tracker;
    async fn session(mut socket: WebSocket, with_closecode: bool) {
        if with_closecode {
            let mut tracker = Tracker::new();
            while tracker.track(socket.recv().await).is_some() {}
            black_box::<CloseOutcome>(tracker.outcome());
        } else {
            while let Some(Ok(_)) = socket.recv().await {}
        }
    }
    let app = axum::Router::new().route(
        "/chat",
        axum::routing::get(move |upgrade: WebSocketUpgrade| async move {
            upgrade.on_upgrade(move |socket| session(socket, with_closecode))
        }),
    );
    Box::pin(async move {
        let _ = axum::serve(listener, app).await;
    })
}

fn fastwebsockets_serve(listener: TcpListener, with_closecode: bool) -> std::pin::Pin<Box<dyn Future<Output = ()>>> {
    use closecode_core::stacks::fastwebsockets_0_10::Tracker;
    use fastwebsockets::{OpCode, Role, WebSocket};
    Box::pin(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            tokio::task::spawn_local(async move {
                if accept_upgrade(&mut stream).await.is_err() {
                    return;
                }
                let mut ws = WebSocket::after_handshake(stream, Role::Server);
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
            });
        }
    })
}

fn tokio_websockets_serve(listener: TcpListener, with_closecode: bool) -> std::pin::Pin<Box<dyn Future<Output = ()>>> {
    use closecode_core::stacks::tokio_websockets_0_13::Tracker;
    Box::pin(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::task::spawn_local(async move {
                let Ok((_request, mut ws)) = tokio_websockets::ServerBuilder::new().accept(stream).await else {
                    return;
                };
                if with_closecode {
                    let mut tracker = Tracker::new();
                    while tracker.track(ws.next().await).is_some() {}
                    let _ = ws.flush().await;
                    black_box::<CloseOutcome>(tracker.outcome());
                } else {
                    while let Some(Ok(_)) = ws.next().await {}
                    let _ = ws.flush().await;
                }
            });
        }
    })
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

/// One run: N connections opened, then closed at once. Closes per second and the latencies.
fn run(serve: Serve, with_closecode: bool, n: usize) -> (f64, Vec<Duration>) {
    let std_listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    std_listener.set_nonblocking(true).expect("non-blocking");
    let addr = std_listener.local_addr().expect("address");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        let local = tokio::task::LocalSet::new();
        local.block_on(&runtime, async move {
            let listener = TcpListener::from_std(std_listener).expect("listener");
            tokio::select! {
                () = serve(listener, with_closecode) => {}
                _ = stopped => {}
            }
        });
    });
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let result = runtime.block_on(async {
        let mut conns = Vec::with_capacity(n);
        for chunk in 0..n.div_ceil(100) {
            let batch = (chunk * 100..n.min(chunk * 100 + 100)).map(|_| open(addr));
            for conn in futures_util::future::join_all(batch).await {
                conns.push(conn.expect("a connection opens"));
            }
        }
        let start = Instant::now();
        let mut set = tokio::task::JoinSet::new();
        for conn in conns {
            set.spawn(close(conn));
        }
        let mut latencies = Vec::with_capacity(n);
        while let Some(joined) = set.join_next().await {
            if let Ok(Ok(latency)) = joined {
                latencies.push(latency);
            }
        }
        let elapsed = start.elapsed().as_secs_f64();
        (f64::from(u32::try_from(latencies.len()).unwrap_or(u32::MAX)) / elapsed, latencies)
    });
    let _ = stop.send(());
    let _ = server.join();
    result
}

fn percentile(sorted: &[Duration], percent: usize) -> Duration {
    let index = sorted.len().saturating_sub(1) * percent / 100;
    sorted.get(index).copied().unwrap_or_default()
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(0.0)
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing: run once, small.
    let benching = std::env::args().any(|a| a == "--bench");
    let n = env("CLOSECODE_BENCH_N", if benching { 1000 } else { 50 });
    let pairs = env("CLOSECODE_BENCH_PAIRS", if benching { 7 } else { 1 });
    let stacks: [(&str, Serve); 4] = [
        ("tokio-tungstenite 0.30", tungstenite_serve),
        ("axum 0.8", axum_serve),
        ("fastwebsockets 0.10", fastwebsockets_serve),
        ("tokio-websockets 0.13", tokio_websockets_serve),
    ];
    println!("{n} connections closed at once, {pairs} pairs (medians); latency = Close written to answer read");
    println!();
    println!(
        "| stack | closes/s without | closes/s with | with/without | p50 without | p50 with | p99 without | p99 with |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for (stack, serve) in stacks {
        let mut rates = [Vec::new(), Vec::new()];
        let mut p50 = [Vec::new(), Vec::new()];
        let mut p99 = [Vec::new(), Vec::new()];
        let mut ratios = Vec::new();
        for pair in 0..pairs {
            let order = if pair % 2 == 0 { [false, true] } else { [true, false] };
            let mut rate = [0.0; 2];
            for with_closecode in order {
                let (r, mut latencies) = run(serve, with_closecode, n);
                latencies.sort();
                let i = usize::from(with_closecode);
                rate[i] = r;
                rates[i].push(r);
                p50[i].push(percentile(&latencies, 50).as_secs_f64() * 1e3);
                p99[i].push(percentile(&latencies, 99).as_secs_f64() * 1e3);
            }
            ratios.push(rate[1] / rate[0]);
        }
        let [r0, r1] = rates.map(median);
        let [a0, a1] = p50.map(median);
        let [b0, b1] = p99.map(median);
        println!(
            "| {stack} | {r0:.0} | {r1:.0} | {:.3} | {a0:.2} ms | {a1:.2} ms | {b0:.2} ms | {b1:.2} ms |",
            median(ratios)
        );
    }
}
