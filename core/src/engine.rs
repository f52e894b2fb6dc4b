//! What the other end sees: a model of each browser engine, measured, and of each Rust
//! WebSocket stack closecode has a module for, and the question they answer together: "if I
//! send this close code, what does each peer report, and what will closecode advise there?"
#![allow(clippy::doc_markdown, reason = "WebKitGTK and WebKit are names, not code")]

use crate::{CloseEvent, CloseMethodError, ClosePayload, MAX_PAYLOAD, MAX_REASON, close_method};
use closecode::{CloseCode, Reconnect};
use core::fmt;

mod facts;

/// A browser engine, modelled on what it was measured doing: the `close` event a page sees
/// for the Close frame a server sends, and what its `WebSocket.close(code, reason)` throws or
/// sends.
///
/// The engines disagree on the same bytes, and closecode's own rules follow the standards
/// instead (the strict [`Policy`](crate::Policy), and [`close_method`] for the WHATWG
/// `close()` steps; the lenient policy is Chromium's). In short:
///
/// - **Chromium** fails the connection (the page sees 1006, not clean) for a Close carrying
///   1005, 1006 or 1015 and for a body it cannot parse (1 byte, a reason that is not UTF-8);
///   every other code, 0-999 and 5000-65535 included, arrives as sent.
/// - **Firefox** checks no code: a Close carrying 1005, 1006 or 1015 is reported clean with
///   that code and reason, and a 1-byte body as 1005, clean.
/// - **WebKitGTK** (libsoup: GNOME Web, Tauri and other webviews on Linux) fails the
///   connection for every code outside 1000-1003, 1007-1011 and 3000-4999: the registered
///   1012 Service Restart, 1013 Try Again Later and 1014 Bad Gateway reach a page as 1006.
/// - All three report an empty body as 1005 (clean), fail the connection for a reason that is
///   not UTF-8 and for a body over 125 bytes, and report a dropped connection as 1006.
/// - `close(undefined, reason)`: Chromium throws `InvalidAccessError`; Firefox and WebKitGTK
///   send an empty Close (WebKitGTK without checking the reason's length); the standard, and
///   [`close_method`], check the length and send an empty Close.
///
/// The matrix measured in each engine, one row per Close body or `close()` call, re-measured
/// by `demo/tests/browser.rs` in all three (the versions are in its header):
///
#[doc = include_str!("engine/measured.md")]
///
/// ```
/// use closecode_core::{CloseCode, Engine};
///
/// let body = [0x03, 0xF4, b'b', b'r', b'b']; // 1012 Service Restart "brb"
/// assert_eq!(Engine::Chromium.close_event(&body).code(), 1012);
/// let webkit = Engine::WebKitGtk.close_event(&body);
/// assert_eq!((webkit.code(), webkit.was_clean()), (1006, false));
///
/// let reported_only = [0x03, 0xED]; // 1005 on the wire: no endpoint may send it
/// assert!(Engine::Firefox.close_event(&reported_only).was_clean());
/// assert!(!Engine::Chromium.close_event(&reported_only).was_clean());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Engine {
    /// Chromium (Blink), and the browsers built on it: Chrome, Edge, Opera, Electron.
    Chromium,
    /// Firefox (Gecko).
    Firefox,
    /// WebKitGTK, whose WebSockets are libsoup's: GNOME Web, and Tauri and other webviews
    /// on Linux. Not Safari, whose networking is Apple's own.
    WebKitGtk,
}

/// One rule of [`Engine::from_user_agent`]: a `User-Agent` names `engine` when each clause of
/// `all_of` has a word in it and no word of `none_of` is in it. The front-end export renders
/// the same table for its `engineOf`, so the two cannot disagree.
pub(crate) struct UserAgentRule {
    /// The engine the rule names.
    pub(crate) engine: Engine,
    /// Clauses that must all hold; a clause holds when one of its words is in the string.
    pub(crate) all_of: &'static [&'static [&'static str]],
    /// Words none of which may be in the string.
    pub(crate) none_of: &'static [&'static str],
}

/// The rules of [`Engine::from_user_agent`], tried in order; the first that holds names the
/// engine. Chrome-based browsers (Edge and Opera included) also say `AppleWebKit/` and
/// `Safari/`, so Chromium comes first. Safari and the iOS browsers, whose WebSockets are not
/// libsoup's, do not say `Linux` or `X11`; Android says `Linux`, and its browsers are
/// Chrome-based or unknown, never WebKitGTK.
pub(crate) const USER_AGENT_RULES: [UserAgentRule; 3] = [
    UserAgentRule { engine: Engine::Chromium, all_of: &[&["Chrome/", "Chromium/"]], none_of: &[] },
    UserAgentRule { engine: Engine::Firefox, all_of: &[&["Firefox/"]], none_of: &[] },
    UserAgentRule { engine: Engine::WebKitGtk, all_of: &[&["AppleWebKit/"], &["Linux", "X11"]], none_of: &["Android"] },
];

/// Which codes a peer reports as sent.
#[derive(Clone, Copy)]
enum CodeSet {
    /// Every code but these.
    AllBut(&'static [u16]),
    /// Only the codes in these inclusive ranges.
    Only(&'static [(u16, u16)]),
}

impl CodeSet {
    fn contains(self, code: u16) -> bool {
        match self {
            CodeSet::AllBut(refused) => !refused.contains(&code),
            CodeSet::Only(ranges) => ranges.iter().any(|&(first, last)| (first..=last).contains(&code)),
        }
    }
}

/// What a page sees for a 1-byte Close body.
#[derive(Clone, Copy)]
enum OneByte {
    /// The connection fails: 1006, not clean.
    Fails,
    /// As an empty Close: 1005, clean.
    NoStatus,
}

/// What `close(undefined, reason)` does.
#[derive(Clone, Copy)]
enum ReasonWithoutCode {
    /// Throws `InvalidAccessError`.
    Throws,
    /// Sends an empty Close, after the standard's length check or without it.
    EmptyClose { checks_length: bool },
}

/// What a stack does with a code it refuses.
#[derive(Clone, Copy)]
enum Refusal {
    /// The application sees a clean Close with this code and reason instead.
    Replaced { code: u16, reason: &'static str },
    /// The connection fails: the application sees an error.
    Fails,
}

impl Engine {
    /// The three engines, in this order.
    ///
    /// ```
    /// assert_eq!(closecode_core::Engine::ALL.len(), 3);
    /// ```
    pub const ALL: [Engine; 3] = [Engine::Chromium, Engine::Firefox, Engine::WebKitGtk];

    /// The engine's name: "Chromium", "Firefox", "WebKitGTK" (also its `Display`).
    ///
    /// ```
    /// assert_eq!(closecode_core::Engine::WebKitGtk.name(), "WebKitGTK");
    /// ```
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Engine::Chromium => "Chromium",
            Engine::Firefox => "Firefox",
            Engine::WebKitGtk => "WebKitGTK",
        }
    }

    /// The engine and version the model was measured on (Debian 12's packages).
    ///
    /// ```
    /// assert!(closecode_core::Engine::Firefox.measured_on().starts_with("Firefox "));
    /// ```
    #[must_use]
    pub const fn measured_on(self) -> &'static str {
        self.facts().measured_on
    }

    const fn facts(self) -> &'static facts::EngineFacts {
        match self {
            Engine::Chromium => &facts::CHROMIUM,
            Engine::Firefox => &facts::FIREFOX,
            Engine::WebKitGtk => &facts::WEBKITGTK,
        }
    }

    /// The engine a browser's `User-Agent` names, for a server that wants the model of the
    /// browser on the other end: Chromium for every Chrome-based browser (Edge and Opera
    /// included), Firefox, and WebKitGTK for a WebKit browser on Linux that is not
    /// Chrome-based. `None` for anything else, Safari and every iOS browser included (their
    /// WebSockets are not libsoup's).
    ///
    /// ```
    /// use closecode_core::Engine;
    /// let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0";
    /// assert_eq!(Engine::from_user_agent(firefox), Some(Engine::Firefox));
    /// let epiphany = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15";
    /// assert_eq!(Engine::from_user_agent(epiphany), Some(Engine::WebKitGtk));
    /// let safari = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";
    /// assert_eq!(Engine::from_user_agent(safari), None);
    /// ```
    #[must_use]
    pub fn from_user_agent(user_agent: &str) -> Option<Engine> {
        let has = |word: &&str| user_agent.contains(word);
        USER_AGENT_RULES
            .iter()
            .find(|rule| rule.all_of.iter().all(|words| words.iter().any(has)) && !rule.none_of.iter().any(has))
            .map(|rule| rule.engine)
    }

    /// The `close` event a page on this engine fires when the server's Close frame carries
    /// `body` (any bytes: what the model says for bodies no endpoint may send is what was
    /// measured). A Close that the engine refuses fails the connection: 1006, "", not clean,
    /// as [`CloseEvent::abnormal`].
    ///
    /// ```
    /// use closecode_core::Engine;
    ///
    /// for engine in Engine::ALL {
    ///     let event = engine.close_event(&[0x0F, 0xA1, b'k', b'i', b'c', b'k']); // 4001 "kick"
    ///     assert_eq!((event.code(), event.reason(), event.was_clean()), (4001, "kick", true));
    ///     assert_eq!(engine.close_event(&[]).code(), 1005); // an empty Close
    ///     assert!(!engine.close_event(&[0x03, 0xE8, 0xFF]).was_clean()); // not UTF-8
    /// }
    /// assert_eq!(Engine::Firefox.close_event(&[0x03]).code(), 1005); // 1 byte
    /// assert_eq!(Engine::Chromium.close_event(&[0x03]).code(), 1006);
    /// ```
    #[must_use]
    pub fn close_event(self, body: &[u8]) -> CloseEvent {
        let facts = self.facts();
        match body {
            _ if body.len() > MAX_PAYLOAD => CloseEvent::abnormal(),
            [] => CloseEvent::received(&ClosePayload::NoStatus),
            [_] => match facts.one_byte {
                OneByte::Fails => CloseEvent::abnormal(),
                OneByte::NoStatus => CloseEvent::received(&ClosePayload::NoStatus),
            },
            [high, low, reason @ ..] => {
                let code = u16::from_be_bytes([*high, *low]);
                match core::str::from_utf8(reason) {
                    Ok(reason) if facts.accepts.contains(code) => {
                        CloseEvent::received(&ClosePayload::new(code, reason))
                    }
                    _ => CloseEvent::abnormal(),
                }
            }
        }
    }

    /// The `close` event a page on this engine fires when the connection ends without a
    /// Close frame (the server dropped it): 1006, "", not clean, on every engine.
    ///
    /// ```
    /// let event = closecode_core::Engine::Firefox.dropped();
    /// assert_eq!((event.code(), event.was_clean()), (1006, false));
    /// ```
    #[must_use]
    pub fn dropped(self) -> CloseEvent {
        CloseEvent::abnormal()
    }

    /// What this engine's `WebSocket.close(code, reason)` does: the exception it throws, or
    /// the Close body it sends. `None` stands for an argument left out (`undefined`).
    ///
    /// Every engine follows the standard ([`close_method`]) but for a reason without a code,
    /// where the standard checks the reason's length (`SyntaxError` over 123 bytes) and sends
    /// a Close without a body:
    ///
    /// | `close(undefined, reason)` | reason ≤ 123 bytes | reason > 123 bytes |
    /// |---|---|---|
    /// | standard, [`close_method`] | empty Close | `SyntaxError` |
    /// | Chromium | `InvalidAccessError` | `InvalidAccessError` |
    /// | Firefox | empty Close | `SyntaxError` |
    /// | WebKitGTK | empty Close | empty Close |
    ///
    /// ```
    /// use closecode_core::{ClosePayload, CloseMethodError, Engine};
    ///
    /// let long = "a".repeat(124);
    /// assert_eq!(Engine::Chromium.close(None, Some("bye")), Err(CloseMethodError::ReasonWithoutCode));
    /// assert_eq!(Engine::Firefox.close(None, Some("bye")), Ok(ClosePayload::NoStatus));
    /// assert_eq!(Engine::Firefox.close(None, Some(&long)), Err(CloseMethodError::Syntax(124)));
    /// assert_eq!(Engine::WebKitGtk.close(None, Some(&long)), Ok(ClosePayload::NoStatus));
    /// for engine in Engine::ALL {
    ///     assert_eq!(engine.close(Some(1001), None), Err(CloseMethodError::InvalidAccess(1001)));
    ///     assert_eq!(engine.close(Some(4000), Some("x")), Ok(ClosePayload::new(4000u16, "x")));
    /// }
    /// ```
    ///
    /// # Errors
    ///
    /// The exception the engine throws: [`CloseMethodError::InvalidAccess`] for a code that is
    /// neither 1000 nor in 3000-4999, [`CloseMethodError::Syntax`] for a reason over 123 bytes,
    /// and in Chromium [`CloseMethodError::ReasonWithoutCode`].
    pub fn close(self, code: Option<u16>, reason: Option<&str>) -> Result<ClosePayload<'_>, CloseMethodError> {
        match (code, reason, self.facts().reason_without_code) {
            (None, Some(_), ReasonWithoutCode::Throws) => Err(CloseMethodError::ReasonWithoutCode),
            (None, Some(reason), ReasonWithoutCode::EmptyClose { checks_length })
                if checks_length && reason.len() > MAX_REASON =>
            {
                Err(CloseMethodError::Syntax(reason.len()))
            }
            (None, Some(_), ReasonWithoutCode::EmptyClose { .. }) => Ok(ClosePayload::NoStatus),
            _ => close_method(code, reason),
        }
    }
}

impl fmt::Display for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A Rust WebSocket stack closecode has a module for (see [`stacks`](crate::stacks)), as a
/// peer that receives a Close: what its application is told.
///
/// ```
/// use closecode_core::{CloseCode, Delivery, Peer, Stack};
/// let tungstenite = Peer::Stack(Stack::Tungstenite0_30);
/// assert_eq!(tungstenite.delivery(CloseCode::BadGateway), Delivery::Replaced(CloseCode::ProtocolError));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Stack {
    /// tungstenite 0.30, tokio-tungstenite 0.30 (and async-tungstenite on it).
    Tungstenite0_30,
    /// tungstenite 0.29 and tokio-tungstenite 0.29: axum 0.8's WebSockets.
    Tungstenite0_29,
    /// actix-ws 0.4 (on actix-http 3.20).
    ActixWs0_4,
    /// fastwebsockets 0.10, with auto-close on (its default).
    Fastwebsockets0_10,
    /// tokio-websockets 0.13.
    TokioWebsockets0_13,
}

impl Stack {
    /// Every stack, in this order.
    ///
    /// ```
    /// assert_eq!(closecode_core::Stack::ALL.len(), 5);
    /// ```
    pub const ALL: [Stack; 5] = [
        Stack::Tungstenite0_30,
        Stack::Tungstenite0_29,
        Stack::ActixWs0_4,
        Stack::Fastwebsockets0_10,
        Stack::TokioWebsockets0_13,
    ];

    /// The stack and the version its facts come from.
    ///
    /// ```
    /// assert!(closecode_core::Stack::ActixWs0_4.measured_on().starts_with("actix-ws 0.4"));
    /// ```
    #[must_use]
    pub const fn measured_on(self) -> &'static str {
        self.facts().measured_on
    }

    const fn facts(self) -> &'static facts::StackFacts {
        match self {
            Stack::Tungstenite0_30 => &facts::TUNGSTENITE_0_30,
            Stack::Tungstenite0_29 => &facts::TUNGSTENITE_0_29,
            Stack::ActixWs0_4 => &facts::ACTIX_WS_0_4,
            Stack::Fastwebsockets0_10 => &facts::FASTWEBSOCKETS_0_10,
            Stack::TokioWebsockets0_13 => &facts::TOKIO_WEBSOCKETS_0_13,
        }
    }
}

/// The other end of a connection: a browser engine or a Rust stack, each as measured.
///
/// [`Peer::delivery`] answers "if I send this code, what does this peer report?", and
/// [`Peer::advice`] "what will closecode advise there?". A code every peer reports as sent
/// ([`Peer::all_deliver`]) is the one to choose when the other end is not known:
/// [`ClosePayload::compatible`] and [`CloseEvent::to_relay_compatible`] make that choice.
///
/// ```
/// use closecode_core::{CloseCode, Delivery, Engine, Peer, Reconnect};
///
/// // 1014 Bad Gateway: registered, but not every peer reports it.
/// let at = |peer: Peer| peer.delivery(CloseCode::BadGateway);
/// assert_eq!(at(Peer::Browser(Engine::Firefox)), Delivery::Intact);
/// assert_eq!(at(Peer::Browser(Engine::WebKitGtk)), Delivery::Failed);
/// assert!(!Peer::all_deliver(CloseCode::BadGateway));
/// // A tungstenite client is told 1002 Protocol Error, and closecode would advise "never".
/// let worst = Peer::ALL.iter().map(|p| p.advice(CloseCode::BadGateway)).min();
/// assert_eq!(worst, Some(Reconnect::Never));
/// assert!(Peer::all_deliver(CloseCode::InternalError));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Peer {
    /// A page in a browser on this engine.
    Browser(Engine),
    /// An application on this stack.
    Stack(Stack),
}

/// What a peer reports for a Close carrying a code (with a short UTF-8 reason).
///
/// ```
/// use closecode_core::{CloseCode, Delivery, Engine, Peer};
/// assert_eq!(Peer::Browser(Engine::Chromium).delivery(CloseCode::from(4001)), Delivery::Intact);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Delivery {
    /// The code (and reason) as sent, in a clean close.
    Intact,
    /// Another code, in a clean close: tungstenite hands its application the 1002 it answered
    /// with.
    Replaced(CloseCode),
    /// The connection fails: a page sees 1006 (not clean), an application an error.
    Failed,
}

impl Peer {
    /// Every measured peer: the three engines, then the five stacks.
    ///
    /// ```
    /// assert_eq!(closecode_core::Peer::ALL.len(), 8);
    /// ```
    pub const ALL: [Peer; 8] = [
        Peer::Browser(Engine::Chromium),
        Peer::Browser(Engine::Firefox),
        Peer::Browser(Engine::WebKitGtk),
        Peer::Stack(Stack::Tungstenite0_30),
        Peer::Stack(Stack::Tungstenite0_29),
        Peer::Stack(Stack::ActixWs0_4),
        Peer::Stack(Stack::Fastwebsockets0_10),
        Peer::Stack(Stack::TokioWebsockets0_13),
    ];

    /// The peer and the version it was measured on.
    ///
    /// ```
    /// use closecode_core::{Engine, Peer};
    /// assert_eq!(Peer::Browser(Engine::Chromium).measured_on(), Engine::Chromium.measured_on());
    /// ```
    #[must_use]
    pub const fn measured_on(self) -> &'static str {
        match self {
            Peer::Browser(engine) => engine.measured_on(),
            Peer::Stack(stack) => stack.measured_on(),
        }
    }

    /// What this peer reports when a Close carrying `code` and a short UTF-8 reason arrives.
    /// For an engine, what [`Engine::close_event`] gives for that body.
    ///
    /// ```
    /// use closecode_core::{CloseCode, Delivery, Peer, Stack};
    /// let tokio_websockets = Peer::Stack(Stack::TokioWebsockets0_13);
    /// assert_eq!(tokio_websockets.delivery(CloseCode::BadGateway), Delivery::Intact);
    /// assert_eq!(tokio_websockets.delivery(CloseCode::from(1004)), Delivery::Failed);
    /// ```
    #[must_use]
    pub fn delivery(self, code: CloseCode) -> Delivery {
        let number = code.as_u16();
        match self {
            Peer::Browser(engine) => {
                let [high, low] = number.to_be_bytes();
                let event = engine.close_event(&[high, low, b'x']);
                match (event.was_clean(), event.code() == number) {
                    (true, true) => Delivery::Intact,
                    (true, false) => Delivery::Replaced(event.close_code()),
                    (false, _) => Delivery::Failed,
                }
            }
            Peer::Stack(stack) => {
                let facts = stack.facts();
                match facts.refused {
                    _ if facts.accepts.contains(number) => Delivery::Intact,
                    Refusal::Replaced { code, .. } => Delivery::Replaced(CloseCode::from_u16(code)),
                    Refusal::Fails => Delivery::Failed,
                }
            }
        }
    }

    /// The event this peer's application ends up with when a Close carrying `payload`
    /// arrives (a short UTF-8 reason): as [`CloseEvent::received`] when the code is delivered
    /// or replaced (tungstenite's 1002 with its reason "Protocol violation"), as
    /// [`CloseEvent::abnormal`] when the connection fails. An empty Close is 1005, clean, on
    /// every peer.
    ///
    /// ```
    /// use closecode_core::{CloseCode, ClosePayload, Peer, Stack};
    /// let sent = ClosePayload::new(CloseCode::BadGateway, "upstream down");
    /// let event = Peer::Stack(Stack::Tungstenite0_29).event(&sent);
    /// assert_eq!((event.code(), event.reason(), event.was_clean()), (1002, "Protocol violation", true));
    /// ```
    #[must_use]
    pub fn event(self, payload: &ClosePayload<'_>) -> CloseEvent {
        let ClosePayload::Status { code, reason } = *payload else {
            return CloseEvent::received(&ClosePayload::NoStatus);
        };
        match (self, self.delivery(code)) {
            (Peer::Browser(engine), _) => {
                let mut body = alloc::vec::Vec::with_capacity(2 + reason.len());
                body.extend_from_slice(&code.as_u16().to_be_bytes());
                body.extend_from_slice(reason.as_bytes());
                engine.close_event(&body)
            }
            (Peer::Stack(_), Delivery::Intact) => CloseEvent::received(payload),
            (Peer::Stack(stack), Delivery::Replaced(replaced)) => {
                let reason = match stack.facts().refused {
                    Refusal::Replaced { reason, .. } => reason,
                    Refusal::Fails => "",
                };
                CloseEvent::received(&ClosePayload::new(replaced, reason))
            }
            (Peer::Stack(_), Delivery::Failed) => CloseEvent::abnormal(),
        }
    }

    /// closecode's reconnect advice at this peer for a Close carrying `code`: the advice for
    /// what the peer reports ([`CloseEvent::reconnect`]), which is not the code's own advice
    /// when the peer replaces the code or fails the connection.
    ///
    /// ```
    /// use closecode_core::{CloseCode, Engine, Peer, Reconnect, Stack};
    /// let restart = CloseCode::ServiceRestart;
    /// assert_eq!(Peer::Browser(Engine::Chromium).advice(restart), Reconnect::Soon);
    /// assert_eq!(Peer::Browser(Engine::WebKitGtk).advice(restart), Reconnect::Backoff); // a 1006
    /// assert_eq!(Peer::Stack(Stack::Tungstenite0_30).advice(CloseCode::BadGateway), Reconnect::Never);
    /// ```
    #[must_use]
    pub fn advice(self, code: CloseCode) -> Reconnect {
        self.event(&ClosePayload::new(code, "")).reconnect()
    }

    /// Whether every measured peer ([`Peer::ALL`]) reports `code` as sent: today 1000-1003,
    /// 1007-1011 and 3000-4999.
    ///
    /// ```
    /// use closecode_core::{CloseCode, Peer};
    /// assert!(Peer::all_deliver(CloseCode::from(4001)));
    /// assert!(!Peer::all_deliver(CloseCode::TryAgainLater)); // WebKitGTK fails it
    /// ```
    #[must_use]
    pub fn all_deliver(code: CloseCode) -> bool {
        Peer::ALL.iter().all(|peer| peer.delivery(code) == Delivery::Intact)
    }

    /// The measured peers that report `code` as sent.
    ///
    /// ```
    /// use closecode_core::{CloseCode, Engine, Peer, Stack};
    /// let intact: Vec<Peer> = Peer::delivering(CloseCode::BadGateway).collect();
    /// assert!(intact.contains(&Peer::Browser(Engine::Chromium)));
    /// assert!(!intact.contains(&Peer::Stack(Stack::Tungstenite0_30)));
    /// ```
    pub fn delivering(code: CloseCode) -> impl Iterator<Item = Peer> {
        Peer::ALL.into_iter().filter(move |peer| peer.delivery(code) == Delivery::Intact)
    }
}

impl fmt::Display for Peer {
    /// The peer and its version, as [`measured_on`](Self::measured_on).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.measured_on())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_engine_agrees_with_itself_on_every_code() {
        for engine in Engine::ALL {
            for code in 0..=u16::MAX {
                let [high, low] = code.to_be_bytes();
                let event = engine.close_event(&[high, low]);
                assert!(event.is_trusted() && event.event_type() == "close");
                let expected = if event.was_clean() { code } else { 1006 };
                assert_eq!(event.code(), expected, "{engine} {code}");
                assert_eq!(
                    event.was_clean(),
                    Peer::Browser(engine).delivery(CloseCode::from(code)) == Delivery::Intact
                );
            }
        }
    }

    #[test]
    fn the_user_agent_rules_say_what_the_words_say() {
        // The rules as one expression, written out: the table must mean exactly this.
        let expected = |ua: &str| {
            let has = |word: &str| ua.contains(word);
            if has("Chrome/") || has("Chromium/") {
                Some(Engine::Chromium)
            } else if has("Firefox/") {
                Some(Engine::Firefox)
            } else if has("AppleWebKit/") && (has("Linux") || has("X11")) && !has("Android") {
                Some(Engine::WebKitGtk)
            } else {
                None
            }
        };
        let words = ["Chrome/", "Chromium/", "Firefox/", "AppleWebKit/", "Linux", "X11", "Android", "Safari/"];
        // Every combination of the words the rules read (and one they do not).
        for mask in 0..1u32 << words.len() {
            let ua: alloc::string::String =
                words.iter().enumerate().filter(|(i, _)| mask & 1 << i != 0).map(|(_, w)| *w).collect();
            assert_eq!(Engine::from_user_agent(&ua), expected(&ua), "{ua}");
        }
    }

    #[test]
    fn the_common_set_is_what_webkitgtk_and_tungstenite_share() {
        for code in 0..=u16::MAX {
            let common = matches!(code, 1000..=1003 | 1007..=1011 | 3000..=4999);
            assert_eq!(Peer::all_deliver(CloseCode::from(code)), common, "{code}");
        }
    }
}
