//! Shared inputs of the benchmarks: deterministic code streams, the enums under test, and the
//! hand-written floor that payload parsing is measured against.
#![allow(missing_docs, clippy::missing_panics_doc)]
// The streams fold random u32s into codes on purpose.
#![allow(clippy::cast_possible_truncation)]

/// A stream of close codes as a server sees them: mostly 1000 and 1001, the 1005/1006 a
/// client reports, application codes, some errors, and a little garbage. Deterministic.
pub fn realistic_codes(n: usize) -> Vec<u16> {
    let mut state: u32 = 0x2545_F491;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state
    };
    (0..n)
        .map(|_| {
            let roll = next() % 100;
            let pick = next();
            match roll {
                0..=39 => 1000,
                40..=59 => 1001,
                60..=69 => 1006,
                70..=74 => 1005,
                75..=84 => 4000 + (pick % 1000) as u16,
                85..=89 => [1002, 1003, 1007, 1008, 1009, 1011, 1012, 1013, 1014][(pick % 9) as usize],
                90..=94 => 3000 + (pick % 1000) as u16,
                _ => pick as u16,
            }
        })
        .collect()
}

/// Codes for the application-enum benchmarks: mostly declared ones, some not.
pub fn app_codes(n: usize, declared: u16) -> Vec<u16> {
    realistic_codes(n).into_iter().map(|c| if c % 8 == 0 { c } else { 4000 + c % declared }).collect()
}

pub mod small_closecode {
    #[derive(closecode_core::AppCloseCode, Clone, Copy, Debug, PartialEq, Eq)]
    #[repr(u16)]
    pub enum Small {
        A = 4000,
        B,
        C,
        D,
        E,
        F,
        G,
        H,
        I,
        J,
    }
}

pub mod small_num_enum {
    #[derive(num_enum::TryFromPrimitive, num_enum::IntoPrimitive, Clone, Copy, Debug, PartialEq, Eq)]
    #[repr(u16)]
    pub enum Small {
        A = 4000,
        B,
        C,
        D,
        E,
        F,
        G,
        H,
        I,
        J,
    }
}

pub mod big_closecode {
    include!(concat!(env!("OUT_DIR"), "/big_closecode.rs"));
}

pub mod big_num_enum {
    include!(concat!(env!("OUT_DIR"), "/big_num_enum.rs"));
}

/// Close bodies of the sizes the payload benchmark uses.
pub fn bodies() -> Vec<(&'static str, Vec<u8>)> {
    let body = |code: u16, reason: &str| {
        let mut bytes = code.to_be_bytes().to_vec();
        bytes.extend_from_slice(reason.as_bytes());
        bytes
    };
    vec![
        ("2-byte", body(1000, "")),
        ("20-byte ascii", body(1001, "server restarting.")),
        ("125-byte ascii", body(4001, &"a".repeat(123))),
        ("125-byte multibyte", body(4001, &format!("{}é", "κόσμε".repeat(12)))),
    ]
}

/// The floor: what a careful hand-written parser does, inline, with no types.
#[inline]
pub fn floor_parse(body: &[u8]) -> Option<(u16, &str)> {
    if body.is_empty() {
        return Some((1005, ""));
    }
    if body.len() < 2 || body.len() > 125 {
        return None;
    }
    let code = u16::from_be_bytes([body[0], body[1]]);
    if !matches!(code, 1000..=1003 | 1007..=1014 | 3000..=4999) {
        return None;
    }
    core::str::from_utf8(&body[2..]).ok().map(|reason| (code, reason))
}
