//! The stack side of `Peer`: its facts against each stack's own code check, for all 65536
//! codes (with the stack's feature on; `cargo test --all-features` runs them all), and over a
//! real loopback connection to a tokio-tungstenite client: what a relay sends for a dropped
//! upstream, exact (`to_relay`: 1014, which the client reports as 1002, advice "never") and
//! compatible (`to_relay_compatible`: 1011, advice "backoff").
#![allow(clippy::doc_markdown, reason = "WebKitGTK is a name, not code")]

use closecode_core::{CloseCode, Delivery, Peer, Stack};

/// `Peer::delivery` for `stack` against `accepts`, the stack's own check, on every code.
#[allow(dead_code, reason = "used by the tests of the stack features that are on")]
fn agrees_on_every_code(stack: Stack, accepts: impl Fn(u16) -> bool) {
    for code in 0..=u16::MAX {
        let intact = Peer::Stack(stack).delivery(CloseCode::from(code)) == Delivery::Intact;
        assert_eq!(intact, accepts(code), "{stack:?} on {code}");
    }
}

#[cfg(feature = "tungstenite-0_30")]
#[test]
fn tungstenite_0_30_facts_are_its_is_allowed() {
    use tungstenite::protocol::frame::coding::CloseCode as Code;
    agrees_on_every_code(Stack::Tungstenite0_30, |code| Code::from(code).is_allowed());
}

#[cfg(feature = "tungstenite-0_29")]
#[test]
fn tungstenite_0_29_facts_are_its_is_allowed() {
    use tungstenite_0_29::protocol::frame::coding::CloseCode as Code;
    agrees_on_every_code(Stack::Tungstenite0_29, |code| Code::from(code).is_allowed());
}

#[cfg(feature = "fastwebsockets-0_10")]
#[test]
fn fastwebsockets_facts_are_its_is_allowed() {
    agrees_on_every_code(Stack::Fastwebsockets0_10, |code| fastwebsockets::CloseCode::from(code).is_allowed());
}

#[cfg(feature = "tokio-websockets-0_13")]
#[test]
fn tokio_websockets_facts_are_its_try_from_less_reserved() {
    agrees_on_every_code(Stack::TokioWebsockets0_13, |code| {
        tokio_websockets::CloseCode::try_from(code).is_ok_and(|code| !code.is_reserved())
    });
}

/// Over loopback: a raw server sends each Close body to a tokio-tungstenite 0.30 client read
/// through closecode's tracker; the event is what `Peer::event` says.
#[cfg(feature = "tungstenite-0_30")]
mod loopback {
    use closecode_core::stacks::tungstenite_0_30::Tracker;
    use closecode_core::{CloseCode, CloseEvent, ClosePayload, Peer, Reconnect, Stack};
    use futures_util::StreamExt;
    use std::io::{Read, Write};

    /// Serves one WebSocket connection that sends a Close with `body` and waits for the answer.
    fn serve_once(body: Vec<u8>) -> std::net::SocketAddr {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        std::thread::spawn(move || {
            let (mut stream, _) = listener.accept().unwrap();
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") {
                stream.read_exact(&mut byte).unwrap();
                head.push(byte[0]);
            }
            let head = String::from_utf8_lossy(&head);
            let key = head
                .lines()
                .find_map(|l| l.split_once(':').filter(|(k, _)| k.eq_ignore_ascii_case("sec-websocket-key")))
                .map(|(_, v)| v.trim().to_string())
                .unwrap();
            let accept = tungstenite::handshake::derive_accept_key(key.as_bytes());
            let response = format!(
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"
            );
            stream.write_all(response.as_bytes()).unwrap();
            let mut frame = vec![0x88, u8::try_from(body.len()).unwrap()];
            frame.extend_from_slice(&body);
            stream.write_all(&frame).unwrap();
            stream.set_read_timeout(Some(std::time::Duration::from_secs(5))).unwrap();
            let _ = stream.read(&mut [0u8; 256]);
        });
        addr
    }

    /// The event a tokio-tungstenite client's tracker gives for a Close with `payload`.
    fn client_event(payload: &ClosePayload<'_>) -> CloseEvent {
        let addr = serve_once(payload.encode().unwrap().to_vec());
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async {
            let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
            let (mut ws, _) = tokio_tungstenite::client_async(format!("ws://{addr}/"), stream).await.unwrap();
            let mut tracker = Tracker::new();
            while tracker.track(ws.next().await).is_some() {}
            tracker.outcome().event()
        })
    }

    #[test]
    fn a_dropped_upstream_relayed_to_a_tokio_tungstenite_client() {
        let upstream = CloseEvent::abnormal();
        let exact = client_event(&upstream.to_relay());
        assert_eq!((exact.code(), exact.was_clean()), (1002, true), "tungstenite turns 1014 into 1002");
        assert_eq!(exact.reconnect(), Reconnect::Never, "the exact relay makes the client give up");
        let compatible = client_event(&upstream.to_relay_compatible());
        assert_eq!(compatible.close_code(), CloseCode::InternalError);
        assert_eq!(compatible.reason(), closecode_core::RELAY_REASON_ABNORMAL);
        assert_eq!(compatible.reconnect(), Reconnect::Backoff, "the compatible relay keeps it reconnecting");
    }

    #[test]
    fn the_client_reports_what_the_model_says() {
        let peer = Peer::Stack(Stack::Tungstenite0_30);
        for code in
            [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3003, 3999, 4000, 4999]
        {
            let payload = ClosePayload::new(code, "why");
            assert_eq!(client_event(&payload), peer.event(&payload), "{code}");
        }
        assert_eq!(client_event(&ClosePayload::NoStatus), peer.event(&ClosePayload::NoStatus));
    }
}
