//! The download behind the `fetch` feature against a real HTTP server on 127.0.0.1: every way
//! a server can fail gives one error line and no bytes.

mod support;

use closecode_registry::fetch::{Options, download};
use std::time::Duration;
use support::http::{Reply, Server, refused_url};

#[test]
fn a_good_answer_is_the_body_byte_for_byte() {
    let body = closecode_registry::CSV.as_bytes().to_vec();
    let server = Server::start(vec![("/r.csv", Reply::Body(body.clone()))]);
    assert_eq!(download(&server.url("/r.csv"), &Options::default()).unwrap(), body);
    assert_eq!(server.requests(), 1);
}

#[test]
fn every_broken_answer_is_one_line_of_error() {
    let body = closecode_registry::CSV.as_bytes().to_vec();
    let server = Server::start(vec![
        ("/slow.csv", Reply::Slow(Duration::from_secs(5), body.clone())),
        ("/truncated.csv", Reply::Truncated { declared: body.len(), body: body[..200].to_vec() }),
        ("/huge.csv", Reply::Body(vec![b'a'; 2 << 20])),
        ("/huge-unsized.csv", Reply::Unsized(vec![b'a'; 2 << 20])),
        ("/error.csv", Reply::Status(500)),
    ]);
    let quick = Options::default().timeout(Duration::from_millis(500));
    let cases = [
        (refused_url(), Options::default(), "Connection refused"),
        (server.url("/missing.csv"), Options::default(), "the server answered HTTP 404, not 200"),
        (server.url("/error.csv"), Options::default(), "the server answered HTTP 500, not 200"),
        (server.url("/slow.csv"), quick, "timed out"),
        (server.url("/truncated.csv"), Options::default(), "reading the body failed"),
        (server.url("/huge.csv"), Options::default(), "the body is larger than the 1048576-byte limit"),
        (server.url("/huge-unsized.csv"), Options::default(), "the body is larger than the 1048576-byte limit"),
        ("not a url".to_string(), Options::default(), "builder error"),
    ];
    for (url, options, expected) in cases {
        let error = download(&url, &options).expect_err(&url).to_string();
        assert!(error.contains(expected), "{url}: expected {expected:?} in {error:?}");
        assert!(!error.contains('\n'), "{url}: one line: {error:?}");
    }
}
