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

/// A deterministic xorshift stream of `u32`s.
fn xorshift(seed: u32) -> impl FnMut() -> u32 {
    let mut state = seed;
    move || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state
    }
}

/// The three stream shapes of the latency benchmarks, each `n` codes in random order.
#[derive(Clone, Copy, Debug)]
pub enum Shape {
    /// A server's day: 1000 and 1001 in random order, a little 1006 and 4001.
    ServerDay,
    /// Common codes in random order, one in eight any `u16`.
    Mixed,
    /// Uniformly random `u16`s.
    Uniform,
}

impl Shape {
    /// Every shape, in the order the README lists them.
    pub const ALL: [Shape; 3] = [Shape::ServerDay, Shape::Mixed, Shape::Uniform];

    /// The name benchmarks report.
    pub fn name(self) -> &'static str {
        match self {
            Shape::ServerDay => "server-day",
            Shape::Mixed => "mixed",
            Shape::Uniform => "uniform",
        }
    }

    /// `n` codes of this shape (deterministic).
    pub fn codes(self, n: usize) -> Vec<u16> {
        const COMMON: [u16; 16] =
            [1000, 1001, 1002, 1003, 1005, 1006, 1007, 1008, 1009, 1011, 1012, 1013, 1014, 3000, 4001, 4002];
        let mut next = xorshift(0x9E37_79B9);
        (0..n)
            .map(|_| {
                let (roll, pick) = (next() % 100, next());
                match self {
                    Shape::ServerDay => match roll {
                        0..=47 => 1000,
                        48..=95 => 1001,
                        96..=98 => 1006,
                        _ => 4001,
                    },
                    Shape::Mixed if roll % 8 == 0 => pick as u16,
                    Shape::Mixed => COMMON[(pick % 16) as usize],
                    Shape::Uniform => pick as u16,
                }
            })
            .collect()
    }
}

/// The branch-free floor of a sendable check: three wrapping range compares joined with `|`.
#[inline]
pub fn floor_sendable(code: u16) -> bool {
    (code.wrapping_sub(1000) < 4) | (code.wrapping_sub(1007) < 8) | (code.wrapping_sub(3000) < 2000)
}

/// A mixed stream of Close bodies: valid (with and without reasons), empty, invalid codes,
/// one byte, invalid UTF-8, in random order (deterministic).
pub fn mixed_bodies(n: usize) -> Vec<Vec<u8>> {
    let mut next = xorshift(0x1234_5678);
    let with = |code: u16, reason: &[u8]| {
        let mut body = code.to_be_bytes().to_vec();
        body.extend_from_slice(reason);
        body
    };
    (0..n)
        .map(|_| match next() % 10 {
            0..=2 => with(1000, b""),
            3 => with(1001, b"server restarting"),
            4 => with(4001, "κόσμε kicked".as_bytes()),
            5 => Vec::new(),
            6 => with(1005, b""),
            7 => with(next() as u16, b"x"),
            8 => vec![0x03],
            _ => with(1000, b"bad \xff utf-8"),
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
