//! closecode against real WebSocket connections on 127.0.0.1: the demo's tokio-websockets
//! server and client, a tokio-tungstenite client against closecode's model of it, a raw peer
//! for the broken endings, and a closecode endpoint that must answer a bad Close with 1002 or
//! 1007 (RFC 6455 sections 7.1.7, 7.4.1 and 8.1).

mod support;

use closecode_core::stacks::tungstenite_0_30::Tracker;
use closecode_core::{CloseCode, CloseEvent, ClosePayload, Peer, Policy, Stack};
use closecode_demo::{CLOSE_TIMEOUT, ChatClose, Ending, SESSIONS, join, start_server};
use futures_util::{SinkExt, StreamExt};
use std::net::TcpListener;
use support::wire::{Client, OP_CLOSE, read_frame, write_frame};
use tokio_tungstenite::tungstenite::Message;

/// Every scripted session, through tokio-websockets on both ends and closecode's tracker: the
/// client's event, and the server's outcome (its Close answered, or the connection dropped).
#[tokio::test]
async fn tokio_websockets_sessions_end_as_scripted() {
    let (addr, server_outcomes) = start_server().await.unwrap();
    let expected: [(&str, u16, &str, bool); 8] = [
        ("alice", 4001, "spamming the room", true),
        ("bob", 4002, "", true),
        ("carol", 4003, "room #rust deleted", true),
        ("dave", 1001, "server shutting down", true),
        ("erin", 1013, "too many users, retry in 30 s", true),
        ("frank", 1014, "chat backend unreachable", true),
        ("grace", 1005, "", true),
        ("heidi", 1006, "", false),
    ];
    assert_eq!(SESSIONS.len(), expected.len());
    for (name, code, reason, was_clean) in expected {
        let event = join(addr, name).await.unwrap();
        assert_eq!((event.code(), event.reason(), event.was_clean()), (code, reason, was_clean), "{name}");
        assert!(event.is_trusted());
    }
    let alice = join(addr, "alice").await.unwrap();
    assert_eq!(alice.app_code::<ChatClose>(), Some(ChatClose::Kicked));

    let outcomes = tokio::task::spawn_blocking(move || {
        (0..=SESSIONS.len()).map(|_| server_outcomes.recv_timeout(2 * CLOSE_TIMEOUT).unwrap()).collect::<Vec<_>>()
    })
    .await
    .unwrap();
    let mut names: Vec<&str> = outcomes.iter().map(|(name, _)| name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["alice", "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"]);
    for (name, outcome) in &outcomes {
        let ending = SESSIONS.iter().find(|(n, _)| n == name).unwrap().1;
        match ending {
            Ending::Close(code, reason) => {
                assert_eq!(outcome.ending, closecode_core::Ending::WeClosed, "{name}: {outcome}");
                let sent = outcome.sent.as_ref().unwrap();
                assert_eq!((sent.code, sent.reason.as_str()), (Some(code), reason), "{name}");
                // tokio-websockets answers with the code alone.
                let answer = outcome.received.as_ref().unwrap();
                assert_eq!((answer.code, answer.reason.as_str()), (Some(code), ""), "{name}");
            }
            Ending::CloseWithoutStatus => {
                assert_eq!(outcome.ending, closecode_core::Ending::WeClosed, "{name}: {outcome}");
                assert_eq!(outcome.received.as_ref().unwrap().code, None, "{name}");
            }
            Ending::Drop => assert_eq!(outcome.ending, closecode_core::Ending::Dropped, "{name}: {outcome}"),
        }
    }
}

/// The demo prints what every measured peer would report for its sessions, from closecode's
/// models. Here one of those peers for real: a tokio-tungstenite 0.30 client joins each session
/// of the same server, and reports what `Peer::event` says it does (for 1014, the 1002 that
/// tungstenite answers with), and what tungstenite's own `Message::Close` carried.
#[tokio::test]
async fn a_tokio_tungstenite_client_reports_what_the_model_says() {
    let (addr, _) = start_server().await.unwrap();
    let tungstenite = Peer::Stack(Stack::Tungstenite0_30);
    for (name, ending) in SESSIONS {
        let (mut ws, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/chat")).await.unwrap();
        ws.send(Message::text(*name)).await.unwrap();
        let mut tracker = Tracker::new();
        let mut closes = Vec::new();
        loop {
            let item = ws.next().await;
            if let Some(Ok(Message::Close(frame))) = &item {
                closes.push(frame.as_ref().map(|frame| (u16::from(frame.code), frame.reason.to_string())));
            }
            if tracker.track(item).is_none() {
                break;
            }
        }
        let event = tracker.outcome().event();
        let model = match *ending {
            Ending::Close(code, reason) => tungstenite.event(&ClosePayload::new(code, reason)),
            Ending::CloseWithoutStatus => tungstenite.event(&ClosePayload::NoStatus),
            Ending::Drop => CloseEvent::abnormal(),
        };
        assert_eq!(event, model, "{name}");
        // tungstenite's own report, without closecode's tracker in between.
        let raw = match *ending {
            Ending::Drop => vec![],
            Ending::CloseWithoutStatus => vec![None],
            Ending::Close(..) => vec![Some((model.code(), model.reason().to_string()))],
        };
        assert_eq!(closes, raw, "{name}");
    }
    let frank = SESSIONS.iter().find(|(name, _)| *name == "frank").unwrap().1;
    let Ending::Close(sent, _) = frank else { unreachable!() };
    assert_eq!((sent, tungstenite.event(&ClosePayload::new(sent, "")).code()), (CloseCode::BadGateway, 1002));
}

/// The same server, read by closecode's endpoint: 1014 arrives as Bad Gateway and is echoed.
#[tokio::test]
async fn closecode_endpoint_accepts_what_tungstenite_rejects() {
    let (addr, _) = start_server().await.unwrap();
    let (event, reply) = tokio::task::spawn_blocking(move || {
        let mut client = Client::connect(addr).unwrap();
        client.send_text("frank").unwrap();
        client.close_handshake(Policy::Strict).unwrap()
    })
    .await
    .unwrap();
    assert_eq!(event.close_code(), CloseCode::BadGateway);
    assert_eq!(event.reason(), "chat backend unreachable");
    assert!(event.was_clean());
    assert_eq!(reply, 1014u16.to_be_bytes(), "the code is echoed");
    let Ending::Close(sent, _) = SESSIONS.iter().find(|(n, _)| *n == "frank").unwrap().1 else { unreachable!() };
    assert_eq!(sent, CloseCode::BadGateway);
}

/// A peer that breaks the rules: it completes a real handshake (tungstenite) and then writes a
/// raw Close with `body`. Returns the Close body our endpoint answered with and the event.
fn against_raw_peer(body: Vec<u8>, policy: Policy) -> (Vec<u8>, closecode_core::CloseEvent) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let peer = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut ws = tungstenite::accept(stream).unwrap();
        let raw = ws.get_mut();
        write_frame(raw, OP_CLOSE, &body, false).unwrap();
        let (opcode, reply) = read_frame(raw).unwrap();
        assert_eq!(opcode, OP_CLOSE);
        reply
    });
    let mut client = Client::connect(addr).unwrap();
    let (event, sent) = client.close_handshake(policy).unwrap();
    let received = peer.join().unwrap();
    assert_eq!(received, sent, "the peer got what the endpoint sent");
    (received, event)
}

fn body(code: u16, reason: &[u8]) -> Vec<u8> {
    let mut bytes = code.to_be_bytes().to_vec();
    bytes.extend_from_slice(reason);
    bytes
}

/// RFC 6455 sections 5.5, 5.5.1, 7.4.1 and 8.1, over a real connection.
#[test]
fn a_bad_close_is_answered_with_1002_or_1007() {
    let cases: Vec<(&str, Vec<u8>, u16)> = vec![
        ("reserved 1004", body(1004, b""), 1002),
        ("local-only 1005", body(1005, b""), 1002),
        ("local-only 1006", body(1006, b""), 1002),
        ("local-only 1015", body(1015, b""), 1002),
        ("unused 0", body(0, b""), 1002),
        ("unassigned 1016", body(1016, b""), 1002),
        ("out of range 5000", body(5000, b""), 1002),
        ("1-byte body", vec![0x03], 1002),
        ("126-byte body", body(1000, &[b'a'; 124]), 1002),
        ("invalid UTF-8 reason", body(1000, b"\xff\xfe"), 1007),
        ("overlong UTF-8 reason", body(1000, b"\xc0\x80"), 1007),
        ("surrogate in reason", body(4001, b"\xed\xa0\x80"), 1007),
    ];
    for (what, close, answer) in cases {
        let (reply, event) = against_raw_peer(close, Policy::Strict);
        assert_eq!(reply, answer.to_be_bytes(), "{what}");
        assert_eq!((event.code(), event.was_clean()), (1006, false), "{what}: the connection failed");
    }
}

#[test]
fn a_good_close_is_echoed_and_reported() {
    for (close, code, reason) in [(body(1014, b""), 1014u16, ""), (body(4001, "κόσμε".as_bytes()), 4001, "κόσμε")]
    {
        let (reply, event) = against_raw_peer(close, Policy::Strict);
        assert_eq!(reply, code.to_be_bytes());
        assert_eq!((event.code(), event.reason(), event.was_clean()), (code, reason, true));
    }
    let (reply, event) = against_raw_peer(Vec::new(), Policy::Strict);
    assert!(reply.is_empty(), "an empty Close is answered with an empty Close");
    assert_eq!(event.code(), 1005);
}

/// The lenient policy (like Chromium) lets 1004 and 5000 through but still refuses 1005.
#[test]
fn the_lenient_policy_over_a_real_connection() {
    let (reply, event) = against_raw_peer(body(5000, b""), Policy::Lenient);
    assert_eq!((reply, event.code()), (5000u16.to_be_bytes().to_vec(), 5000));
    let (reply, _) = against_raw_peer(body(1005, b""), Policy::Lenient);
    assert_eq!(reply, 1002u16.to_be_bytes());
}
