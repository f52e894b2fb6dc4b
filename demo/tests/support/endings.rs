//! The same-ending table: every way a connection can end, played by a raw client over a real
//! loopback connection against a server built on one stack and its closecode tracker, with the
//! `CloseOutcome` the server must report. Each stack's test (`tests/endings_<stack>.rs`) starts
//! a server and calls [`check_table`]. Every server under test does the same, whatever its
//! stack:
//! - it tracks every item its receive call yields with the stack's `Tracker`;
//! - on the text message `"close"`, it sends `tracker.close(&ClosePayload::new(1013u16, "busy"))`;
//! - once its own Close is sent, it waits at most [`CLOSE_TIMEOUT`] for each further item, and
//!   on expiry calls `tracker.timed_out()` and drops the connection;
//! - where the application answers (`tracker.answer()`), it sends the answer at once;
//! - when the tracker ends the loop, it sends `tracker.outcome()` on the report channel.

use super::wire::{Client, OP_CLOSE, OP_TEXT, read_frame, write_frame};
use closecode_core::{CloseOutcome, Ending};
use std::io::{self, Read};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::sync::mpsc::Receiver;
use std::time::Duration;

/// The server's close timeout: how long it waits for the answer to its Close.
pub(crate) const CLOSE_TIMEOUT: Duration = Duration::from_millis(300);

/// Every way of ending the table plays, in order.
pub(crate) const WAYS: [Way; 9] = [
    Way::PeerClosesWithCode,
    Way::PeerClosesEmpty,
    Way::ServerClosesAnswered,
    Way::ServerClosesUnanswered,
    Way::ServerClosesTimesOut,
    Way::PeerDrops,
    Way::PeerClosesThenResets,
    Way::PeerBreaksProtocol,
    Way::PeerSendsInvalidClose,
];

/// One way a connection ends, seen from the server under test.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Way {
    /// The client sends Close 4001 "bye", reads the answer, then closes TCP.
    PeerClosesWithCode,
    /// The client sends an empty Close, reads the answer, then closes TCP.
    PeerClosesEmpty,
    /// The server closes with 1013 "busy"; the client answers 1013 and waits for the server to
    /// close TCP.
    ServerClosesAnswered,
    /// The server closes; the client closes TCP without answering.
    ServerClosesUnanswered,
    /// The server closes; the client neither answers nor closes TCP until the server gives up.
    ServerClosesTimesOut,
    /// The client closes TCP with no Close frame.
    PeerDrops,
    /// The client sends Close 1000 and resets the connection (`SO_LINGER` 0) without reading the
    /// answer, 50 ms later: enough for the server to read the Close (a reset that overtakes
    /// unread data makes the kernel drop that data, and then no Close was ever received).
    PeerClosesThenResets,
    /// The client sends a frame with a reserved opcode (0x3).
    PeerBreaksProtocol,
    /// The client sends a Close with a 1-byte body.
    PeerSendsInvalidClose,
}

impl Way {
    /// The endings the server may report, the event code and reason, and whether a reset race
    /// decides which of two endings it is.
    fn expected(self) -> (&'static [Ending], u16, &'static str) {
        match self {
            Way::PeerClosesWithCode => (&[Ending::PeerClosed], 4001, "bye"),
            Way::PeerClosesEmpty => (&[Ending::PeerClosed], 1005, ""),
            Way::ServerClosesAnswered => (&[Ending::WeClosed], 1013, ""),
            Way::ServerClosesUnanswered => (&[Ending::WeClosedUnanswered], 1006, ""),
            Way::ServerClosesTimesOut => (&[Ending::TimedOut], 1006, ""),
            Way::PeerDrops => (&[Ending::Dropped], 1006, ""),
            // Whether the server's answer leaves before the reset arrives is a race the server
            // cannot win every time; the code it reports is the received one either way
            // (RFC 6455 section 7.1.5).
            Way::PeerClosesThenResets => (&[Ending::PeerClosed, Ending::PeerClosedUnanswered], 1000, ""),
            Way::PeerBreaksProtocol | Way::PeerSendsInvalidClose => (&[Ending::ProtocolError], 1006, ""),
        }
    }

    /// Plays the client's part on a connected client.
    fn play(self, mut client: Client) -> io::Result<()> {
        let server_closes =
            matches!(self, Way::ServerClosesAnswered | Way::ServerClosesUnanswered | Way::ServerClosesTimesOut);
        client.send_text(if server_closes { "close" } else { "wait" })?;
        let stream = client.stream();
        match self {
            Way::PeerClosesWithCode => {
                write_frame(stream, OP_CLOSE, &[0x0F, 0xA1, b'b', b'y', b'e'], true)?;
                until_close(stream)?;
                stream.shutdown(Shutdown::Write)?;
                drain(stream);
            }
            Way::PeerClosesEmpty => {
                write_frame(stream, OP_CLOSE, &[], true)?;
                until_close(stream)?;
                stream.shutdown(Shutdown::Write)?;
                drain(stream);
            }
            Way::ServerClosesAnswered => {
                let body = until_close(stream)?;
                assert_eq!(body, b"\x03\xF5busy", "the server's Close");
                write_frame(stream, OP_CLOSE, &body[..2], true)?;
                drain(stream);
            }
            Way::ServerClosesUnanswered => {
                until_close(stream)?;
                stream.shutdown(Shutdown::Both)?;
            }
            Way::ServerClosesTimesOut => {
                until_close(stream)?;
                // Hold the connection open, silent, until the server gives up and closes it.
                stream.set_read_timeout(Some(CLOSE_TIMEOUT * 10))?;
                drain(stream);
            }
            Way::PeerDrops => stream.shutdown(Shutdown::Both)?,
            Way::PeerClosesThenResets => {
                write_frame(stream, OP_CLOSE, &1000u16.to_be_bytes(), true)?;
                std::thread::sleep(Duration::from_millis(50));
                socket2::SockRef::from(&*stream).set_linger(Some(Duration::ZERO))?;
            }
            Way::PeerBreaksProtocol => {
                write_frame(stream, 0x3, b"?", true)?;
                drain(stream);
            }
            Way::PeerSendsInvalidClose => {
                write_frame(stream, OP_CLOSE, &[0x03], true)?;
                drain(stream);
            }
        }
        Ok(())
    }
}

/// Reads frames until a Close; its body.
fn until_close(stream: &mut TcpStream) -> io::Result<Vec<u8>> {
    loop {
        let (opcode, payload) = read_frame(stream)?;
        if opcode == OP_CLOSE {
            return Ok(payload);
        }
        assert_ne!(opcode, OP_TEXT, "the servers under test send no text");
    }
}

/// Reads until the server closes the connection (or a read error or timeout ends it).
fn drain(stream: &mut TcpStream) {
    let _ = stream.set_read_timeout(Some(stream.read_timeout().ok().flatten().unwrap_or(Duration::from_secs(5))));
    let mut sink = [0u8; 512];
    while matches!(stream.read(&mut sink), Ok(n) if n > 0) {}
}

/// Plays every way against the server at `addr`, which reports each connection's outcome on
/// `outcomes`, `rounds` times over; panics listing every row whose outcome differs.
pub(crate) fn check_table(stack: &str, addr: SocketAddr, outcomes: &Receiver<CloseOutcome>, rounds: usize) {
    check_table_except(stack, addr, outcomes, rounds, &[]);
}

/// [`check_table`] for a stack that makes some rows impossible: for each `(way, ending)` in
/// `hidden`, that way must end exactly as `ending` (with its event: 1006 when no Close was
/// received) instead of as the table says, and the test says so in its own documentation.
pub(crate) fn check_table_except(
    stack: &str,
    addr: SocketAddr,
    outcomes: &Receiver<CloseOutcome>,
    rounds: usize,
    hidden: &[(Way, Ending)],
) {
    let mut wrong = Vec::new();
    for round in 0..rounds {
        for way in WAYS {
            let played = Client::connect(addr).and_then(|client| way.play(client));
            let reported = outcomes.recv_timeout(Duration::from_secs(10));
            let (endings, code, reason) = match hidden.iter().find(|(w, _)| *w == way) {
                Some((_, ending)) => (core::slice::from_ref(ending), 1006, ""),
                None => way.expected(),
            };
            let row = match (&played, reported) {
                (Err(error), _) => Some(format!("the client's part failed: {error}")),
                (Ok(()), Err(_)) => Some("no outcome reported within 10 s".to_string()),
                (Ok(()), Ok(outcome)) => {
                    let event = outcome.event();
                    let right = endings.contains(&outcome.ending)
                        && (event.code(), event.reason()) == (code, reason)
                        && event.was_clean() == outcome.ending.is_clean();
                    (!right).then(|| {
                        format!(
                            "{} {} {:?} wasClean={} ({outcome}), expected one of {endings:?} with {code} {reason:?}",
                            outcome.ending,
                            event.code(),
                            event.reason(),
                            event.was_clean()
                        )
                    })
                }
            };
            if let Some(row) = row {
                wrong.push(format!("  round {round}, {way:?}: {row}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{stack}: {} of {} rows differ from the table:\n{}",
        wrong.len(),
        rounds * WAYS.len(),
        wrong.join("\n")
    );
}
