//! Just enough of RFC 6455 to act as an endpoint over a std `TcpStream`: the client
//! handshake, frames in both directions (masked from clients), and a closing handshake that
//! checks the peer's Close with closecode and answers as RFC 6455 section 7.1.7 asks.

use closecode_core::{CloseEvent, ClosePayload, Policy};
use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};

pub(crate) const OP_TEXT: u8 = 0x1;
pub(crate) const OP_CLOSE: u8 = 0x8;

/// Writes one final frame; clients mask with a fixed key (the tests need no secrecy).
pub(crate) fn write_frame(stream: &mut TcpStream, opcode: u8, payload: &[u8], masked: bool) -> io::Result<()> {
    let mut frame = vec![0x80 | opcode];
    let mask_bit = if masked { 0x80 } else { 0 };
    match payload.len() {
        len @ 0..=125 => frame.push(mask_bit | u8::try_from(len).unwrap()),
        len @ 126..=65535 => {
            frame.push(mask_bit | 0x7E);
            frame.extend_from_slice(&u16::try_from(len).unwrap().to_be_bytes());
        }
        len => {
            frame.push(mask_bit | 0x7F);
            frame.extend_from_slice(&(len as u64).to_be_bytes());
        }
    }
    if masked {
        let key = [0x12, 0x34, 0x56, 0x78];
        frame.extend_from_slice(&key);
        frame.extend(payload.iter().enumerate().map(|(i, b)| b ^ key[i % 4]));
    } else {
        frame.extend_from_slice(payload);
    }
    stream.write_all(&frame)
}

/// Reads one frame: its opcode and unmasked payload.
pub(crate) fn read_frame(stream: &mut TcpStream) -> io::Result<(u8, Vec<u8>)> {
    let mut head = [0u8; 2];
    stream.read_exact(&mut head)?;
    let opcode = head[0] & 0x0F;
    let len = match head[1] & 0x7F {
        126 => {
            let mut ext = [0u8; 2];
            stream.read_exact(&mut ext)?;
            u64::from(u16::from_be_bytes(ext))
        }
        127 => {
            let mut ext = [0u8; 8];
            stream.read_exact(&mut ext)?;
            u64::from_be_bytes(ext)
        }
        short => u64::from(short),
    };
    let mut key = [0u8; 4];
    if head[1] & 0x80 != 0 {
        stream.read_exact(&mut key)?;
    }
    let mut payload = vec![0u8; usize::try_from(len).unwrap()];
    stream.read_exact(&mut payload)?;
    for (i, byte) in payload.iter_mut().enumerate() {
        *byte ^= key[i % 4];
    }
    Ok((opcode, payload))
}

/// A WebSocket client that uses closecode to judge the Close it receives.
pub(crate) struct Client {
    stream: TcpStream,
}

impl Client {
    pub(crate) fn connect(addr: SocketAddr) -> io::Result<Client> {
        let mut stream = TcpStream::connect(addr)?;
        let key = "dGhlIHNhbXBsZSBub25jZQ==";
        write!(
            stream,
            "GET /chat HTTP/1.1\r\nHost: {addr}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
             Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )?;
        // Read the response head byte by byte, so no frame byte is consumed with it.
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") {
            stream.read_exact(&mut byte)?;
            head.push(byte[0]);
        }
        let head = String::from_utf8_lossy(&head);
        let accept = tungstenite::handshake::derive_accept_key(key.as_bytes());
        assert!(head.starts_with("HTTP/1.1 101"), "{head}");
        assert!(
            head.to_ascii_lowercase().contains(&format!("sec-websocket-accept: {}", accept.to_ascii_lowercase())),
            "{head}"
        );
        Ok(Client { stream })
    }

    /// The connection, for writing and reading frames by hand.
    pub(crate) fn stream(&mut self) -> &mut TcpStream {
        &mut self.stream
    }

    pub(crate) fn send_text(&mut self, text: &str) -> io::Result<()> {
        write_frame(&mut self.stream, OP_TEXT, text.as_bytes(), true)
    }

    /// Waits for the peer's Close, answers it, and reports the ending. A valid Close is echoed
    /// with its code (RFC 6455 section 5.5.1) and gives a clean event; an invalid one is
    /// answered with the code the error names (1002 or 1007) and fails the connection (1006).
    pub(crate) fn close_handshake(&mut self, policy: Policy) -> io::Result<(CloseEvent, Vec<u8>)> {
        loop {
            let (opcode, payload) = read_frame(&mut self.stream)?;
            if opcode != OP_CLOSE {
                continue;
            }
            let (event, reply) = match ClosePayload::parse_with(&payload, policy) {
                Ok(close) => (CloseEvent::received(&close), close.code().map(|c| c.as_u16().to_be_bytes().to_vec())),
                Err(error) => (CloseEvent::abnormal(), Some(error.fail_with().as_u16().to_be_bytes().to_vec())),
            };
            let reply = reply.unwrap_or_default();
            write_frame(&mut self.stream, OP_CLOSE, &reply, true)?;
            return Ok((event, reply));
        }
    }
}
