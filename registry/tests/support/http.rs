//! A minimal HTTP/1.1 server on 127.0.0.1 for tests: canned responses by path, including
//! the broken ones a real server can give (slow, cut short, oversize).

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// What the server sends for a path.
#[derive(Clone)]
pub(crate) enum Reply {
    /// 200 with this body and its Content-Length.
    Body(Vec<u8>),
    /// This status and a short body.
    Status(u16),
    /// 200 after this delay.
    Slow(Duration, Vec<u8>),
    /// 200 announcing `declared` bytes, sending `body`, then closing.
    Truncated { declared: usize, body: Vec<u8> },
    /// 200 without Content-Length: the body ends when the connection closes.
    Unsized(Vec<u8>),
}

pub(crate) struct Server {
    addr: SocketAddr,
    connections: Arc<AtomicUsize>,
}

impl Server {
    /// Serves `routes` on an ephemeral port of 127.0.0.1 until the test process ends.
    pub(crate) fn start(routes: Vec<(&'static str, Reply)>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().unwrap();
        let routes = Arc::new(routes);
        let connections = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&connections);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                counter.fetch_add(1, Ordering::SeqCst);
                let routes = Arc::clone(&routes);
                std::thread::spawn(move || {
                    let _ = serve(stream, &routes);
                });
            }
        });
        Server { addr, connections }
    }

    /// How many connections the server has accepted: a client that "sent no request" made none.
    pub(crate) fn requests(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

/// A URL on 127.0.0.1 where nothing listens: connections are refused.
pub(crate) fn refused_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{addr}/close-code-number.csv")
}

fn serve(stream: TcpStream, routes: &[(&'static str, Reply)]) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header == "\r\n" || header == "\n" {
            break;
        }
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let reply = routes.iter().find(|(p, _)| *p == path).map_or(Reply::Status(404), |(_, r)| r.clone());
    let mut out = stream;
    match reply {
        Reply::Body(body) => respond(&mut out, 200, Some(body.len()), &body),
        Reply::Status(code) => respond(&mut out, code, Some(9), b"not found"),
        Reply::Slow(delay, body) => {
            std::thread::sleep(delay);
            respond(&mut out, 200, Some(body.len()), &body)
        }
        Reply::Truncated { declared, body } => respond(&mut out, 200, Some(declared), &body),
        Reply::Unsized(body) => respond(&mut out, 200, None, &body),
    }
}

fn respond(out: &mut TcpStream, status: u16, length: Option<usize>, body: &[u8]) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {status} X\r\nContent-Type: text/csv\r\nConnection: close\r\n");
    if let Some(length) = length {
        head = format!("{head}Content-Length: {length}\r\n");
    }
    head.push_str("\r\n");
    out.write_all(head.as_bytes())?;
    out.write_all(body)?;
    out.flush()
}
