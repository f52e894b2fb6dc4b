//! The generated `CloseCode` against the registry it came from, over the whole `u16` space.
//! The expectations come from reading the vendored files with the `csv` crate, not with the
//! parser the generator uses.

use closecode::{CloseCode, CodeRange, ParseCloseCodeError, REGISTRY};
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

fn hash_of<T: Hash>(value: T) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

#[test]
fn every_u16_round_trips_with_exactly_one_representation() {
    for value in 0..=u16::MAX {
        let code = CloseCode::from(value);
        assert_eq!(u16::from(code), value);
        assert_eq!(CloseCode::from_u16(value).as_u16(), value);
        let listed = CloseCode::REGISTERED.iter().any(|c| c.as_u16() == value);
        assert_eq!(code.is_registered(), listed, "{value}");
        // A code without a variant lands in the fallback its range decides, carrying itself.
        let fallback = match code {
            CloseCode::Private(inner) => Some(("Private", inner.get())),
            CloseCode::Unassigned(inner) => Some(("Unassigned", inner.get())),
            CloseCode::OutOfRange(inner) => Some(("OutOfRange", inner.get())),
            _ => None,
        };
        let expected = match value {
            _ if listed => None,
            4000..=4999 => Some(("Private", value)),
            1000..=3999 => Some(("Unassigned", value)),
            _ => Some(("OutOfRange", value)),
        };
        assert_eq!(fallback, expected, "{value}");
        assert!(format!("{code:?}").ends_with(&format!("({value})")), "Debug shows the number: {code:?}");
        assert_eq!(hash_of(code), hash_of(value), "hash is the hash of the number");
        assert_eq!(code.to_string().parse::<u16>().ok(), None, "Display has a name after the number");
        assert_eq!(code.to_string().split(' ').next().unwrap().parse::<CloseCode>(), Ok(code));
    }
}

#[test]
fn order_and_equality_are_those_of_the_numbers() {
    let mut codes: Vec<CloseCode> = [4001u16, 1000, 3008, 0, 65535, 1014].into_iter().map(CloseCode::from).collect();
    codes.sort();
    let numbers: Vec<u16> = codes.iter().map(|&c| c.into()).collect();
    assert_eq!(numbers, [0, 1000, 1014, 3008, 4001, 65535]);
    assert_eq!(CloseCode::from(1000), 1000);
    assert_eq!(1000, CloseCode::NormalClosure);
    assert_ne!(CloseCode::from(4001), CloseCode::from(4002));
}

#[test]
fn the_nineteen_registered_codes_have_their_pinned_variants() {
    let expected = [
        (CloseCode::NormalClosure, 1000, "Normal Closure"),
        (CloseCode::GoingAway, 1001, "Going Away"),
        (CloseCode::ProtocolError, 1002, "Protocol Error"),
        (CloseCode::UnsupportedData, 1003, "Unsupported Data"),
        (CloseCode::Reserved, 1004, "Reserved"),
        (CloseCode::NoStatusReceived, 1005, "No Status Received"),
        (CloseCode::AbnormalClosure, 1006, "Abnormal Closure"),
        (CloseCode::InvalidFramePayloadData, 1007, "Invalid Frame Payload Data"),
        (CloseCode::PolicyViolation, 1008, "Policy Violation"),
        (CloseCode::MessageTooBig, 1009, "Message Too Big"),
        (CloseCode::MandatoryExtension, 1010, "Mandatory Extension"),
        (CloseCode::InternalError, 1011, "Internal Error"),
        (CloseCode::ServiceRestart, 1012, "Service Restart"),
        (CloseCode::TryAgainLater, 1013, "Try Again Later"),
        (CloseCode::BadGateway, 1014, "Bad Gateway"),
        (CloseCode::TlsHandshake, 1015, "TLS Handshake"),
        (CloseCode::Unauthorized, 3000, "Unauthorized"),
        (CloseCode::Forbidden, 3003, "Forbidden"),
        (CloseCode::Timeout, 3008, "Timeout"),
    ];
    assert_eq!(CloseCode::REGISTERED.len(), expected.len());
    for ((variant, number, name), listed) in expected.into_iter().zip(CloseCode::REGISTERED) {
        assert_eq!(CloseCode::from(number), variant);
        assert_eq!(*listed, variant);
        assert_eq!(variant.name(), name);
        assert_eq!(variant.to_string(), format!("{number} {name}"));
    }
}

/// One record of a CSV file, by header name, read with the `csv` crate.
fn records(text: &str) -> Vec<std::collections::HashMap<String, String>> {
    let text: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
    let text = text.join("\n");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| headers.iter().map(String::from).zip(r.unwrap().iter().map(String::from)).collect())
        .collect()
}

/// `[A][B]` as `["A", "B"]`, spaces trimmed.
fn bracketed(field: &str) -> Vec<String> {
    field.split(['[', ']']).map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
}

/// `1016-2999` as `(1016, 2999)`, `1000` as `(1000, 1000)`.
fn span(field: &str) -> (u16, u16) {
    match field.split_once('-') {
        Some((a, b)) => (a.parse().unwrap(), b.parse().unwrap()),
        None => (field.parse().unwrap(), field.parse().unwrap()),
    }
}

#[test]
fn every_csv_row_is_reachable_with_its_text() {
    let rows = records(closecode_registry::CSV);
    let notes = records(closecode_registry::ANNOTATIONS);
    assert_eq!(REGISTRY.len(), rows.len());
    for (csv_row, row) in rows.iter().zip(REGISTRY) {
        let code_field = &csv_row["Status Code"];
        let note =
            notes.iter().find(|n| &n["code"] == code_field).unwrap_or_else(|| panic!("{code_field} unannotated"));
        let collapsed = csv_row["Meaning"].split_whitespace().collect::<Vec<_>>().join(" ");
        let name = if note["name"].is_empty() { collapsed } else { note["name"].clone() };
        assert_eq!((row.first, row.last), span(code_field));
        assert_eq!(row.meaning, csv_row["Meaning"]);
        assert_eq!(row.name, name);
        assert_eq!(row.description, note["description"]);
        assert_eq!(row.contacts, bracketed(&csv_row["Contact"]));
        assert_eq!(row.references, bracketed(&csv_row["Reference"]));
        assert_eq!(row.is_registration(), !code_field.contains('-'), "{code_field}");
        for number in [row.first, row.last] {
            let code = CloseCode::from(number);
            assert_eq!(code.registry_entry(), Some(row), "{number}");
            assert_eq!(code.name(), name);
            assert_eq!(code.description(), note["description"]);
        }
    }
    // 1014's Meaning is kept verbatim, line breaks and indentation included.
    assert!(CloseCode::BadGateway.registry_entry().unwrap().meaning.contains("an\n        invalid response"));
    // The vendored registry, or (with `--all-features`, which turns `fetch` on, in CI aimed at
    // a closed port) the vendored registry after a failed download, which says so.
    let iana = "https://www.iana.org/assignments/websocket/close-code-number.csv";
    match closecode::REGISTRY_ORIGIN {
        closecode::RegistryOrigin::Vendored => assert_eq!(closecode::REGISTRY_SOURCE, iana),
        closecode::RegistryOrigin::VendoredAfterFailedDownload => {
            assert!(closecode::REGISTRY_SOURCE.starts_with("vendored, download failed: "));
            assert!(closecode::REGISTRY_SOURCE.ends_with(&format!("; vendored copy from {iana}")));
        }
        other => panic!("built from {other:?}"),
    }
    assert_eq!(closecode::REGISTRY_RETRIEVED, "2026-06-11");
}

#[test]
fn codes_outside_every_row_are_named_after_their_rfc_range() {
    assert_eq!(CloseCode::from(999).registry_entry(), None);
    assert_eq!(CloseCode::from(999).name(), "Not Used");
    assert_eq!(CloseCode::from(5000).registry_entry(), None);
    assert_eq!(CloseCode::from(5000).to_string(), "5000 Out of Range");
    assert_eq!(CloseCode::from(4500).to_string(), "4500 Private Use");
    assert_eq!(CloseCode::from(2000).to_string(), "2000 Unassigned");
}

/// RFC 6455 section 7.4.2 and the WHATWG `close()` rule, over every code.
#[test]
fn every_code_lies_in_its_range_and_close_allows_exactly_1000_and_3000_to_4999() {
    // Independent of the table-driven implementations: each range's own `codes()` and the
    // WHATWG rule as written.
    for number in 0..=u16::MAX {
        let code = CloseCode::from(number);
        assert!(code.range().codes().contains(&number), "{number}: {:?}", code.range());
        assert_eq!(CodeRange::of(number), code.range(), "{number}");
        assert_eq!(code.is_allowed_in_close(), number == 1000 || (3000..=4999).contains(&number), "{number}");
    }
}

/// RFC 6455 section 7.4.2.
#[test]
fn range_boundaries_rfc6455_7_4_2() {
    let table = [
        (0, CodeRange::NotUsed),
        (999, CodeRange::NotUsed),
        (1000, CodeRange::Protocol),
        (2999, CodeRange::Protocol),
        (3000, CodeRange::Library),
        (3999, CodeRange::Library),
        (4000, CodeRange::Private),
        (4999, CodeRange::Private),
        (5000, CodeRange::OutOfRange),
        (65535, CodeRange::OutOfRange),
    ];
    for (number, range) in table {
        assert_eq!(CloseCode::from(number).range(), range, "{number}");
        assert!(range.codes().contains(&number));
    }
}

/// RFC 6455 sections 7.4.1 and 7.4.2: what may appear in a Close frame.
#[test]
fn sendable_boundaries_rfc6455_7_4() {
    let table = [
        (999, false),
        (1000, true),
        (1003, true),
        (1004, false),
        (1005, false),
        (1006, false),
        (1007, true),
        (1011, true),
        (1012, true),
        (1013, true),
        (1014, true),
        (1015, false),
        (1016, false),
        (2999, false),
        (3000, true),
        (3999, true),
        (4000, true),
        (4999, true),
        (5000, false),
        (0, false),
        (65535, false),
    ];
    for (number, sendable) in table {
        assert_eq!(CloseCode::from(number).is_sendable(), sendable, "{number}");
    }
}

/// RFC 6455 section 7.4 applied to the vendored files as the `csv` crate reads them: a code
/// is sendable when it is in 3000-4999, or registered in 1000-2999 without a flag.
#[test]
fn sendable_is_the_rfc_rule_over_an_independent_reading_of_the_registry() {
    let notes = records(closecode_registry::ANNOTATIONS);
    let registered: Vec<u16> = records(closecode_registry::CSV)
        .iter()
        .filter(|r| !r["Status Code"].contains('-'))
        .map(|r| span(&r["Status Code"]).0)
        .collect();
    let flagged: Vec<u16> = notes.iter().filter(|n| !n["flag"].is_empty()).map(|n| span(&n["code"]).0).collect();
    assert_eq!(flagged, [1004, 1005, 1006, 1015]);
    for number in 0..=u16::MAX {
        let expected = (3000..=4999).contains(&number)
            || ((1000..=2999).contains(&number) && registered.contains(&number) && !flagged.contains(&number));
        assert_eq!(CloseCode::from(number).is_sendable(), expected, "{number}");
    }
}

#[test]
fn const_codes_work_as_match_patterns() {
    const KICKED: CloseCode = CloseCode::from_u16(4001);
    const NEXT_LIBRARY_CODE: CloseCode = CloseCode::from_u16(3009);
    const FAR: CloseCode = CloseCode::from_u16(5000);
    let label = |code: CloseCode| match code {
        CloseCode::NormalClosure => "normal",
        KICKED => "kicked",
        NEXT_LIBRARY_CODE => "3009",
        FAR => "far",
        CloseCode::Private(_) => "private",
        CloseCode::Unassigned(_) => "unassigned",
        _ => "other",
    };
    assert_eq!(label(CloseCode::from(1000)), "normal");
    assert_eq!(label(CloseCode::from(4001)), "kicked");
    assert_eq!(label(CloseCode::from(3009)), "3009");
    assert_eq!(label(CloseCode::from(5000)), "far");
    assert_eq!(label(CloseCode::from(4002)), "private");
    assert_eq!(label(CloseCode::from(3010)), "unassigned");
    assert_eq!(label(CloseCode::from(1001)), "other");
}

#[test]
fn fallbacks_by_range_with_todays_registry() {
    assert!(matches!(CloseCode::from(4001), CloseCode::Private(c) if c.get() == 4001));
    assert!(matches!(CloseCode::from(3009), CloseCode::Unassigned(c) if c.get() == 3009));
    assert!(matches!(CloseCode::from(1016), CloseCode::Unassigned(c) if c.get() == 1016));
    assert!(matches!(CloseCode::from(999), CloseCode::OutOfRange(c) if c.get() == 999));
    assert!(matches!(CloseCode::from(5000), CloseCode::OutOfRange(c) if c.get() == 5000));
    assert_eq!(format!("{:?}", CloseCode::from(4001)), "Private(4001)");
    assert_eq!(format!("{:?}", CloseCode::GoingAway), "GoingAway(1001)");
    let CloseCode::Private(private) = CloseCode::from(4001) else { unreachable!() };
    assert_eq!((private.to_string(), u16::from(private)), ("4001".to_string(), 4001));
}

/// RFC 6455 section 7.4.1.
#[test]
fn reserved_and_local_only_flags_rfc6455_7_4_1() {
    let reserved: Vec<u16> = (0..=u16::MAX).filter(|&n| CloseCode::from(n).is_reserved()).collect();
    let local: Vec<u16> = (0..=u16::MAX).filter(|&n| CloseCode::from(n).is_local_only()).collect();
    assert_eq!(reserved, [1004]);
    assert_eq!(local, [1005, 1006, 1015]);
}

#[test]
fn registered_boundaries() {
    let table = [(999, false), (1000, true), (1015, true), (1016, false), (2999, false), (3000, true), (3001, false)];
    for (number, registered) in table {
        assert_eq!(CloseCode::from(number).is_registered(), registered, "{number}");
    }
    let all: Vec<u16> = (0..=u16::MAX).filter(|&n| CloseCode::from(n).is_registered()).collect();
    let expected: Vec<u16> = records(closecode_registry::CSV)
        .iter()
        .filter(|r| !r["Status Code"].contains('-'))
        .map(|r| span(&r["Status Code"]).0)
        .collect();
    assert_eq!(all, expected);
    assert_eq!(CloseCode::REGISTERED.iter().map(|c| c.as_u16()).collect::<Vec<_>>(), expected);
}

/// WHATWG WebSockets standard, the `close(code, reason)` method.
#[test]
fn close_method_rule_whatwg() {
    let table = [
        (999, false),
        (1000, true),
        (1001, false),
        (1015, false),
        (2999, false),
        (3000, true),
        (4999, true),
        (5000, false),
    ];
    for (number, allowed) in table {
        assert_eq!(CloseCode::from(number).is_allowed_in_close(), allowed, "{number}");
    }
}

#[test]
fn from_str_takes_decimal_numbers_only() {
    assert_eq!("1000".parse(), Ok(CloseCode::NormalClosure));
    assert_eq!("0".parse(), Ok(CloseCode::from(0)));
    assert_eq!("65535".parse(), Ok(CloseCode::from(65535)));
    assert_eq!("001000".parse(), Ok(CloseCode::NormalClosure));
    assert_eq!("65536".parse::<CloseCode>(), Err(ParseCloseCodeError::TooLarge));
    assert_eq!("99999999999999999999999".parse::<CloseCode>(), Err(ParseCloseCodeError::TooLarge));
    assert_eq!("".parse::<CloseCode>(), Err(ParseCloseCodeError::Empty));
    for bad in ["-1", "+1000", " 1000", "1000 ", "10a0", "Normal Closure", "１０００"] {
        assert_eq!(bad.parse::<CloseCode>(), Err(ParseCloseCodeError::NotANumber), "{bad:?}");
    }
}

#[test]
fn the_checks_are_usable_in_const_context() {
    const CODE: CloseCode = CloseCode::from_u16(1012);
    const SENDABLE: bool = CODE.is_sendable();
    const NAME: &str = CODE.name();
    const NUMBER: u16 = CODE.as_u16();
    const ALLOWED: bool = CODE.is_allowed_in_close();
    const { assert!(SENDABLE && !ALLOWED) };
    assert_eq!((NAME, NUMBER), ("Service Restart", 1012));
}

/// The advice issue #14 asks for, per registered code; every other code by its range.
#[test]
fn reconnect_advice_for_every_code() {
    use closecode::Reconnect::{AfterAuth, Backoff, Never, Soon};
    let registered = [
        (1000, Never),
        (1001, Backoff),
        (1002, Never),
        (1003, Never),
        (1004, Never),
        (1005, Backoff),
        (1006, Backoff),
        (1007, Never),
        (1008, Never),
        (1009, Never),
        (1010, Never),
        (1011, Backoff),
        (1012, Soon),
        (1013, Backoff),
        (1014, Backoff),
        (1015, Never),
        (3000, AfterAuth),
        (3003, Never),
        (3008, Backoff),
    ];
    for number in 0..=u16::MAX {
        let code = CloseCode::from(number);
        let expected = match registered.iter().find(|(n, _)| *n == number) {
            Some(&(_, advice)) => advice,
            None if (1000..=4999).contains(&number) => Backoff,
            None => Never,
        };
        assert_eq!(code.reconnect(), expected, "{number}");
        assert_eq!(
            code.reconnect(),
            code.registry_entry().and_then(|row| row.reconnect).unwrap_or(code.range().reconnect())
        );
    }
}
