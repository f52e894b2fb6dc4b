//! Handshake faults from a raw peer, against the load servers (`support/load.rs`): each fault
//! is played on a fresh connection, and the server's `CloseOutcome` is compared with the
//! stack's documented result (a table in each `tests/load_<stack>.rs`). After every fault the
//! server must have no session left running and still accept and serve a new connection (a
//! panic in the server would stop it), and the peer never reads more than 64 KiB (the client's
//! frame cap) before the server ends the connection.

use super::load::{CLIENT_GUARD, Ctx, Server, client_runtime, frame};
use closecode_core::{CloseOutcome, ClosePayload, Ending};
use std::fmt::Write as _;
use std::time::Duration;
use tokio::io::AsyncWriteExt;

/// One fault a raw peer plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fault {
    /// Close 4001 "bye", written one byte per write.
    CloseByteByByte,
    /// A Close of 125 bytes (4001 and a 123-byte reason): the largest valid one.
    Close125,
    /// A Close of 126 bytes (4001 and a 124-byte reason): too long for a control frame.
    Close126,
    /// Close 1000, then a reset (`SO_LINGER` 0) 50 ms later, without reading the answer.
    CloseThenReset,
    /// Close 4001 and a text frame after it, in one write.
    DataAfterClose,
    /// Close 4001 "first" and Close 4002 "second", in one write.
    TwoCloses,
    /// Close 4001, then the peer shuts its sending side (half-closed) and reads the answer.
    HalfClosedAfterClose,
    /// The peer shuts its sending side with no Close.
    HalfClosed,
    /// An unmasked Close 4001 from the client (RFC 6455 section 5.1: the server must fail).
    UnmaskedClose,
    /// An unmasked text frame from the client.
    UnmaskedText,
}

/// Every fault, in order.
pub(crate) const FAULTS: [Fault; 10] = [
    Fault::CloseByteByByte,
    Fault::Close125,
    Fault::Close126,
    Fault::CloseThenReset,
    Fault::DataAfterClose,
    Fault::TwoCloses,
    Fault::HalfClosedAfterClose,
    Fault::HalfClosed,
    Fault::UnmaskedClose,
    Fault::UnmaskedText,
];

/// A documented result: the endings the server may report (two only where a reset races the
/// answer), and the event's code and reason.
pub(crate) type Documented = (Fault, &'static [Ending], u16, &'static str);

/// The result RFC 6455 asks for, per fault; a stack's table overrides some rows.
pub(crate) fn documented(overrides: &[Documented]) -> Vec<Documented> {
    let rfc: [Documented; 10] = [
        (Fault::CloseByteByByte, &[Ending::PeerClosed], 4001, "bye"),
        (Fault::Close125, &[Ending::PeerClosed], 4001, REASON_123),
        (Fault::Close126, &[Ending::ProtocolError], 1006, ""),
        // Whether the answer leaves before the reset arrives is a race; the code is kept.
        (Fault::CloseThenReset, &[Ending::PeerClosed, Ending::PeerClosedUnanswered], 1000, ""),
        (Fault::DataAfterClose, &[Ending::PeerClosed], 4001, ""),
        (Fault::TwoCloses, &[Ending::PeerClosed], 4001, "first"),
        (Fault::HalfClosedAfterClose, &[Ending::PeerClosed], 4001, ""),
        (Fault::HalfClosed, &[Ending::Dropped], 1006, ""),
        (Fault::UnmaskedClose, &[Ending::ProtocolError], 1006, ""),
        (Fault::UnmaskedText, &[Ending::ProtocolError], 1006, ""),
    ];
    rfc.iter().map(|row| *overrides.iter().find(|o| o.0 == row.0).unwrap_or(row)).collect()
}

/// A 123-byte reason.
pub(crate) const REASON_123: &str = "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890ab";

fn close(code: u16, reason: &str) -> Vec<u8> {
    let mut body = code.to_be_bytes().to_vec();
    body.extend_from_slice(reason.as_bytes());
    body
}

fn unmasked(opcode: u8, payload: &[u8]) -> Vec<u8> {
    let mut bytes = vec![0x80 | opcode, u8::try_from(payload.len()).unwrap_or(0)];
    bytes.extend_from_slice(payload);
    bytes
}

impl Fault {
    /// Plays the fault on a fresh connection; the first Close the peer read back, if any
    /// (`None` too after the reset, where the peer reads nothing).
    async fn play(self, addr: std::net::SocketAddr) -> std::io::Result<Option<closecode_core::CloseRecord>> {
        let mut conn = super::load::Conn::open(addr, 0).await?;
        let mut tracker = closecode_core::CloseTracker::new();
        match self {
            Fault::CloseByteByByte => {
                for byte in frame(0x8, &close(4001, "bye")) {
                    conn.write(&[byte]).await?;
                    tokio::time::sleep(Duration::from_millis(1)).await;
                }
            }
            Fault::Close125 => conn.write(&frame(0x8, &close(4001, REASON_123))).await?,
            Fault::Close126 => conn.write(&frame(0x8, &close(4001, &format!("{REASON_123}c")))).await?,
            Fault::CloseThenReset => {
                conn.write(&frame(0x8, &close(1000, ""))).await?;
                tokio::time::sleep(Duration::from_millis(50)).await;
                conn.reset()?;
                return Ok(None);
            }
            Fault::DataAfterClose => {
                let mut bytes = frame(0x8, &close(4001, ""));
                bytes.extend(frame(0x1, b"late"));
                conn.write(&bytes).await?;
            }
            Fault::TwoCloses => {
                let mut bytes = frame(0x8, &close(4001, "first"));
                bytes.extend(frame(0x8, &close(4002, "second")));
                conn.write(&bytes).await?;
            }
            Fault::HalfClosedAfterClose => {
                conn.write(&frame(0x8, &close(4001, ""))).await?;
                conn.shutdown_write().await?;
            }
            Fault::HalfClosed => conn.shutdown_write().await?,
            Fault::UnmaskedClose => conn.write(&unmasked(0x8, &close(4001, ""))).await?,
            Fault::UnmaskedText => {
                conn.write(&unmasked(0x1, b"hi")).await?;
                // A stack that takes the frame waits for more: end it with a masked Close.
                tokio::time::sleep(Duration::from_millis(100)).await;
                let _ = conn.write(&frame(0x8, &close(4001, ""))).await;
            }
        }
        // Read (without answering) until the server ends the connection.
        conn.until_end(&mut tracker, false).await;
        Ok(tracker.outcome().received)
    }
}

/// Plays every fault against the server started by `serve`; panics listing every fault whose
/// server outcome differs from `documented`, and any session left running or server that
/// stopped serving.
pub(crate) fn check_faults(
    stack: &str,
    serve: fn(std::net::TcpListener, Ctx, tokio::sync::oneshot::Receiver<()>),
    documented: &[Documented],
) {
    let _one = super::load::exclusive();
    let server = Server::start(serve);
    let runtime = client_runtime();
    let mut message = String::new();
    let mut observed = String::new();
    for &(fault, endings, code, reason) in documented {
        let played = runtime.block_on(async { tokio::time::timeout(CLIENT_GUARD, fault.play(server.addr)).await });
        let peer_read = match played {
            Ok(Ok(read)) => read,
            other => {
                let _ = writeln!(message, "  {fault:?}: the peer's part failed or hung: {other:?}");
                None
            }
        };
        let Some(outcome) = server.next_report() else {
            let _ = writeln!(message, "  {fault:?}: no server outcome within the guard");
            continue;
        };
        let read = peer_read.as_ref().map_or("nothing".to_string(), |r| {
            format!("{:?} {:?}", r.code.map(closecode_core::CloseCode::as_u16), r.reason)
        });
        let _ = writeln!(observed, "  {fault:?}: {outcome}; the peer read {read}");
        // Where the server says it answered, the answer reached the peer with the code.
        if outcome.ending == Ending::PeerClosed && fault != Fault::CloseThenReset {
            let answered = outcome.sent.as_ref().map(|s| s.code);
            if peer_read.as_ref().map(|r| r.code) != answered {
                let _ =
                    writeln!(message, "  {fault:?}: the server reports answering {answered:?}, the peer read {read}");
            }
        }
        if !right(&outcome, endings, code, reason) {
            let event = outcome.event();
            let _ = writeln!(
                message,
                "  {fault:?}: {} {} {:?} ({outcome}), documented {endings:?} {code} {reason:?}",
                outcome.ending,
                event.code(),
                event.reason()
            );
        }
        if !server.idle() {
            let _ = writeln!(message, "  {fault:?}: a server session still running");
        }
        // The server still serves: a new connection opens and closes cleanly.
        let again = runtime.block_on(async {
            tokio::time::timeout(CLIENT_GUARD, async {
                let mut conn = super::load::Conn::open(server.addr, 1).await?;
                conn.write(&frame(0x8, &close(1000, ""))).await?;
                let mut tracker = closecode_core::CloseTracker::new();
                tracker.sent(&ClosePayload::new(1000u16, ""));
                conn.until_end(&mut tracker, true).await;
                Ok::<_, std::io::Error>(tracker.outcome())
            })
            .await
        });
        if !matches!(&again, Ok(Ok(o)) if o.ending == Ending::WeClosed) {
            let _ = writeln!(message, "  after {fault:?}: a new connection did not close cleanly: {again:?}");
        }
        let _ = server.next_report();
    }
    drop(runtime);
    let mut problems = Vec::new();
    server.stop_now(&mut problems);
    for problem in problems {
        let _ = writeln!(message, "  {problem}");
    }
    println!("{stack} faults, observed:\n{observed}");
    assert!(message.is_empty(), "{stack} faults:\n{message}observed:\n{observed}");
}

fn right(outcome: &CloseOutcome, endings: &[Ending], code: u16, reason: &str) -> bool {
    let event = outcome.event();
    endings.contains(&outcome.ending)
        && (event.code(), event.reason()) == (code, reason)
        && event.was_clean() == outcome.ending.is_clean()
}

impl super::load::Conn {
    /// Resets the connection (`SO_LINGER` 0, then close).
    pub(crate) fn reset(self) -> std::io::Result<()> {
        let stream = self.into_stream();
        socket2::SockRef::from(&stream).set_linger(Some(Duration::ZERO))?;
        drop(stream);
        Ok(())
    }

    /// Shuts the sending side (a half-closed socket).
    pub(crate) async fn shutdown_write(&mut self) -> std::io::Result<()> {
        self.stream_mut().shutdown().await
    }
}
