//! The server side of the WebSocket opening handshake (RFC 6455 section 4.2), by hand, for
//! the stacks and tests that start on an already upgraded stream (fastwebsockets, raw frames)
//! and for the demo page's server.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Reads an HTTP request head, byte by byte so that no frame byte is consumed with it (at most
/// 16 KiB).
///
/// # Errors
///
/// When the connection fails or ends first.
pub async fn read_head(stream: &mut TcpStream) -> std::io::Result<String> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 16 * 1024 {
        stream.read_exact(&mut byte).await?;
        head.push(byte[0]);
    }
    Ok(String::from_utf8_lossy(&head).into_owned())
}

/// The value of header `name` (any case) in a request head.
#[must_use]
pub fn header(head: &str, name: &str) -> Option<String> {
    head.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.trim().eq_ignore_ascii_case(name).then(|| value.trim().to_string())
    })
}

/// Answers the upgrade request whose head is `head` with `101 Switching Protocols`.
///
/// # Errors
///
/// When the answer cannot be written.
pub async fn accept(stream: &mut TcpStream, head: &str) -> std::io::Result<()> {
    let key = header(head, "sec-websocket-key").unwrap_or_default();
    let accept = accept_key(&key);
    let response = format!(
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"
    );
    stream.write_all(response.as_bytes()).await
}

/// The `Sec-WebSocket-Accept` value for a `Sec-WebSocket-Key` (RFC 6455 section 4.2.2): the
/// base64 of the SHA-1 of the key followed by the protocol's GUID.
///
/// ```
/// // The example of RFC 6455 section 1.3.
/// assert_eq!(closecode_demo::handshake::accept_key("dGhlIHNhbXBsZSBub25jZQ=="), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
/// ```
#[must_use]
pub fn accept_key(key: &str) -> String {
    use base64::Engine as _;
    let mut sha1 = sha1_smol::Sha1::new();
    sha1.update(key.trim().as_bytes());
    sha1.update(b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11");
    base64::engine::general_purpose::STANDARD.encode(sha1.digest().bytes())
}

/// Reads the upgrade request and accepts it: the stream then carries WebSocket frames.
///
/// # Errors
///
/// When the connection fails.
pub async fn read_and_accept(stream: &mut TcpStream) -> std::io::Result<()> {
    let head = read_head(stream).await?;
    accept(stream, &head).await
}
