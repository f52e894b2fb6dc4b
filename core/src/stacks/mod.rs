//! One module per WebSocket stack *version*, each behind the feature of the same name
//! (`tungstenite-0_30` gives [`tungstenite_0_30`](self)), so two versions of one stack can be
//! on together (axum 0.8 users hold tungstenite 0.29 through it, beside 0.30 elsewhere).
//!
//! Every module offers the same operations under the same names:
//!
//! | operation | what it does |
//! |---|---|
//! | `Tracker::new()` | a close tracker for one connection that just opened |
//! | `tracker.track(item)` | feeds what the stack's receive call yielded (message, error or end of stream); gives the message back while the connection is open, `None` when the loop should stop |
//! | `tracker.close(&payload)` | the stack's Close value for `payload`, with [`ClosePayload::encode`]'s checks (never an unsendable code, a reason over 123 bytes, or a panic), recorded as sent |
//! | `tracker.answer()` | where the application owns the closing handshake (actix-ws, fastwebsockets with auto-close off, tungstenite raw frames): after the loop, the Close to send back, once |
//! | `tracker.timed_out()` | this endpoint stopped waiting for the answer to its Close |
//! | `tracker.outcome()` | the [`CloseOutcome`]: its [`Ending`], what went each way, and [`CloseOutcome::event`] |
//!
//! `From` conversions between [`CloseCode`](crate::CloseCode) and each stack's code type live
//! in the `closecode` crate, behind the same features. Each way a connection ends is an
//! [`Ending`] and gives the same [`CloseEvent`](crate::CloseEvent) on every stack (the
//! `endings` test in `demo/tests` checks it over real connections).
//!
//! [`ClosePayload::encode`]: crate::ClosePayload::encode
//! [`CloseOutcome`]: crate::CloseOutcome
//! [`CloseOutcome::event`]: crate::CloseOutcome::event
//! [`Ending`]: crate::Ending

#[cfg(feature = "actix-ws-0_4")]
pub mod actix_ws_0_4;
#[cfg(feature = "axum-0_8")]
pub mod axum_0_8;
#[cfg(feature = "fastwebsockets-0_10")]
pub mod fastwebsockets_0_10;
#[cfg(feature = "tokio-websockets-0_13")]
pub mod tokio_websockets_0_13;

/// tungstenite 0.29 (and tokio-tungstenite 0.29, which axum 0.8 is built on), feature
/// `tungstenite-0_29`. The same operations as [`tungstenite_0_30`]; see there.
#[cfg(feature = "tungstenite-0_29")]
pub mod tungstenite_0_29 {
    use ::tungstenite_0_29 as stack;
    use alloc::string::String;
    #[cfg(test)]
    use alloc::{string::ToString, vec::Vec};
    include!("tungstenite.rs");
}

/// tungstenite 0.30 (and tokio-tungstenite 0.30), feature `tungstenite-0_30`.
///
/// The receive loop, with the close tracker doing all the bookkeeping:
///
/// ```no_run
/// use closecode_core::{ClosePayload, CloseCode};
/// use closecode_core::stacks::tungstenite_0_30::Tracker;
/// use futures_util::{SinkExt, StreamExt};
/// use tokio_tungstenite::tungstenite::Message;
///
/// # async fn run(mut ws: tokio_tungstenite::WebSocketStream<tokio::net::TcpStream>) -> Result<(), Box<dyn std::error::Error>> {
/// let mut tracker = Tracker::new();
/// while let Some(message) = tracker.track(ws.next().await) {
///     if let Message::Text(text) = message {
///         if text.as_str() == "bye" {
///             ws.send(tracker.close(&ClosePayload::new(CloseCode::NormalClosure, "bye"))?).await?;
///         }
///     }
/// }
/// let outcome = tracker.outcome();
/// println!("{outcome}"); // we closed: 1000 Normal Closure "bye"; peer answered 1000 "bye"
/// let event = outcome.event(); // what a browser's onclose would report
/// # Ok(()) }
/// ```
///
/// tungstenite's receive path files 1014 (Bad Gateway, registered by IANA) and 1004 as `Bad`
/// and answers them with 1002 "Protocol violation": the code the peer sent is gone before
/// `Message::Close` reaches the application. To see 1014 as sent, read raw frames with
/// tungstenite's `FrameSocket` and feed them to [`Tracker::track_frame`](tungstenite_0_30::Tracker::track_frame):
///
/// ```
/// use closecode_core::{Ending, Policy};
/// use closecode_core::stacks::tungstenite_0_30::Tracker;
/// use tungstenite::protocol::{CloseFrame, frame::Frame};
///
/// let mut tracker = Tracker::new().policy(Policy::Strict);
/// let close = Frame::close(Some(CloseFrame { code: 1014.into(), reason: "upstream down".into() }));
/// // In a server: `while let Some(frame) = tracker.track_frame(frames.read(None)) { .. }`
/// assert!(tracker.track_frame(Ok(Some(close))).is_none(), "a Close ends the loop");
/// let answer = tracker.answer().expect("the Close to write back"); // frames.send(answer)
/// assert_eq!(&answer.payload()[..], &1014u16.to_be_bytes());
/// let outcome = tracker.outcome();
/// assert_eq!(outcome.ending, Ending::PeerClosed);
/// assert_eq!((outcome.event().code(), outcome.event().reason()), (1014, "upstream down"));
/// ```
#[cfg(feature = "tungstenite-0_30")]
pub mod tungstenite_0_30 {
    use ::tungstenite as stack;
    use alloc::string::String;
    #[cfg(test)]
    use alloc::{string::ToString, vec::Vec};
    include!("tungstenite.rs");
}

/// What the stack modules share, compiled when any of them is.
#[cfg(any(
    feature = "actix-ws-0_4",
    feature = "axum-0_8",
    feature = "fastwebsockets-0_10",
    feature = "tokio-websockets-0_13",
    feature = "tungstenite-0_29",
    feature = "tungstenite-0_30"
))]
mod common {
    /// The operations every stack's `Tracker` shares, written once: a `close: CloseTracker` field
    /// holds the state.
    macro_rules! tracker_ops {
        () => {
            /// A close tracker for a connection that just opened.
            #[must_use]
            pub fn new() -> Self {
                Self::default()
            }

            /// This endpoint stopped waiting for the peer's answer to its Close (its close
            /// timeout fired) and drops the connection: the ending is
            /// [`Ending::TimedOut`](crate::Ending::TimedOut).
            pub fn timed_out(&mut self) {
                self.close.timed_out();
            }

            /// How the connection ended: the [`Ending`](crate::Ending), the Close frames each way,
            /// and [`CloseOutcome::event`](crate::CloseOutcome::event). A connection still open
            /// counts as ending now.
            #[must_use]
            pub fn outcome(&self) -> CloseOutcome {
                self.close.outcome()
            }
        };
    }
    pub(super) use tracker_ops;

    /// The checked parts of a payload: `None` for no status, or the code and reason, after
    /// [`ClosePayload::encode`](crate::ClosePayload::encode)'s checks.
    #[allow(dead_code, reason = "fastwebsockets alone encodes without it")]
    pub(super) fn checked<'a>(
        payload: &crate::ClosePayload<'a>,
    ) -> Result<Option<(closecode::CloseCode, &'a str)>, crate::EncodeError> {
        payload.encode()?;
        Ok(match *payload {
            crate::ClosePayload::NoStatus => None,
            crate::ClosePayload::Status { code, reason } => Some((code, reason)),
        })
    }

    /// The check every tracker's `close()` owes: over all 65536 codes, a Close exactly for the
    /// sendable ones with a short reason, an error for every code with a 124-byte reason
    /// (multi-byte, so a byte count is what is checked), and a Close without a body.
    #[cfg(test)]
    pub(super) fn assert_sends_only_what_encode_allows<T, E>(
        close: impl Fn(&crate::ClosePayload<'static>) -> Result<T, E>,
    ) {
        let long: &'static str = alloc::string::String::leak("é".repeat(62));
        for n in 0..=u16::MAX {
            let code = closecode::CloseCode::from(n);
            assert_eq!(close(&crate::ClosePayload::new(code, "ok")).is_ok(), code.is_sendable(), "{n}");
            assert!(close(&crate::ClosePayload::new(code, long)).is_err(), "{n} with a 124-byte reason");
        }
        assert!(close(&crate::ClosePayload::NoStatus).is_ok());
    }
}
#[cfg(any(
    feature = "actix-ws-0_4",
    feature = "axum-0_8",
    feature = "fastwebsockets-0_10",
    feature = "tokio-websockets-0_13",
    feature = "tungstenite-0_29",
    feature = "tungstenite-0_30"
))]
#[allow(clippy::wildcard_imports, reason = "all of `common` is for the stack modules, the test helper too")]
use common::*;
