//! `From` conversions between [`CloseCode`] and the code types of WebSocket stacks, each behind
//! the feature named after the stack and its version. Everything goes through the number, so
//! no code is lost either way; where a stack's table disagrees with the registry (tungstenite
//! and fastwebsockets file 1014 as `Bad`), closecode's registry is the reference.

#[cfg(any(
    feature = "tungstenite-0_29",
    feature = "tungstenite-0_30",
    feature = "actix-ws-0_4",
    feature = "fastwebsockets-0_10",
    feature = "tokio-websockets-0_13"
))]
use crate::CloseCode;

/// Through the number: every code converts to tungstenite 0.30's and back unchanged.
#[cfg(feature = "tungstenite-0_30")]
impl From<CloseCode> for tungstenite::protocol::frame::coding::CloseCode {
    #[inline]
    fn from(code: CloseCode) -> Self {
        Self::from(code.as_u16())
    }
}

/// Through the number, losslessly: tungstenite's `Bad(1014)` becomes [`CloseCode::BadGateway`].
#[cfg(feature = "tungstenite-0_30")]
impl From<tungstenite::protocol::frame::coding::CloseCode> for CloseCode {
    #[inline]
    fn from(code: tungstenite::protocol::frame::coding::CloseCode) -> Self {
        CloseCode::from_u16(u16::from(code))
    }
}

/// Through the number: every code converts to tungstenite 0.29's and back unchanged.
#[cfg(feature = "tungstenite-0_29")]
impl From<CloseCode> for tungstenite_0_29::protocol::frame::coding::CloseCode {
    #[inline]
    fn from(code: CloseCode) -> Self {
        Self::from(code.as_u16())
    }
}

/// Through the number, losslessly: tungstenite's `Bad(1014)` becomes [`CloseCode::BadGateway`].
#[cfg(feature = "tungstenite-0_29")]
impl From<tungstenite_0_29::protocol::frame::coding::CloseCode> for CloseCode {
    #[inline]
    fn from(code: tungstenite_0_29::protocol::frame::coding::CloseCode) -> Self {
        CloseCode::from_u16(u16::from(code))
    }
}

/// Through the number: every code converts to actix-http's (actix-ws 0.4) and back unchanged.
#[cfg(feature = "actix-ws-0_4")]
impl From<CloseCode> for actix_http::ws::CloseCode {
    #[inline]
    fn from(code: CloseCode) -> Self {
        Self::from(code.as_u16())
    }
}

/// Through the number, losslessly: actix's `Other(1014)` becomes [`CloseCode::BadGateway`].
#[cfg(feature = "actix-ws-0_4")]
impl From<actix_http::ws::CloseCode> for CloseCode {
    #[inline]
    fn from(code: actix_http::ws::CloseCode) -> Self {
        CloseCode::from_u16(u16::from(code))
    }
}

/// Through the number: every code converts to fastwebsockets 0.10's and back unchanged.
#[cfg(feature = "fastwebsockets-0_10")]
impl From<CloseCode> for fastwebsockets::CloseCode {
    #[inline]
    fn from(code: CloseCode) -> Self {
        Self::from(code.as_u16())
    }
}

/// Through the number, losslessly: fastwebsockets' `Bad(1014)` becomes [`CloseCode::BadGateway`].
#[cfg(feature = "fastwebsockets-0_10")]
impl From<fastwebsockets::CloseCode> for CloseCode {
    #[inline]
    fn from(code: fastwebsockets::CloseCode) -> Self {
        CloseCode::from_u16(u16::from(code))
    }
}

/// tokio-websockets 0.13's `CloseCode` holds 1000-1015 and 3000-4999 only, so a code outside
/// them has no counterpart: the error is the code.
#[cfg(feature = "tokio-websockets-0_13")]
impl TryFrom<CloseCode> for tokio_websockets::CloseCode {
    type Error = CloseCode;

    #[inline]
    fn try_from(code: CloseCode) -> Result<Self, CloseCode> {
        Self::try_from(code.as_u16()).map_err(|_| code)
    }
}

/// Through the number, losslessly.
#[cfg(feature = "tokio-websockets-0_13")]
impl From<tokio_websockets::CloseCode> for CloseCode {
    #[inline]
    fn from(code: tokio_websockets::CloseCode) -> Self {
        CloseCode::from_u16(u16::from(code))
    }
}

#[cfg(test)]
mod tests {
    #[cfg(feature = "tokio-websockets-0_13")]
    #[test]
    fn tokio_websockets_codes_convert_where_it_has_them() {
        use crate::CloseCode;
        for n in 0..=u16::MAX {
            let ours = CloseCode::from(n);
            match tokio_websockets::CloseCode::try_from(ours) {
                Ok(theirs) => assert_eq!(CloseCode::from(theirs), ours),
                Err(back) => {
                    assert_eq!(back, ours);
                    assert!(!matches!(n, 1000..=1015 | 3000..=4999), "{n}");
                }
            }
        }
    }

    #[cfg(any(
        feature = "actix-ws-0_4",
        feature = "fastwebsockets-0_10",
        feature = "tungstenite-0_29",
        feature = "tungstenite-0_30"
    ))]
    #[test]
    fn codes_survive_both_ways_for_every_u16() {
        use crate::CloseCode;
        for n in 0..=u16::MAX {
            let ours = CloseCode::from(n);
            #[cfg(feature = "actix-ws-0_4")]
            assert_eq!(CloseCode::from(actix_http::ws::CloseCode::from(ours)), ours);
            #[cfg(feature = "fastwebsockets-0_10")]
            assert_eq!(CloseCode::from(fastwebsockets::CloseCode::from(ours)), ours);
            #[cfg(feature = "tungstenite-0_29")]
            assert_eq!(CloseCode::from(tungstenite_0_29::protocol::frame::coding::CloseCode::from(ours)), ours);
            #[cfg(feature = "tungstenite-0_30")]
            assert_eq!(CloseCode::from(tungstenite::protocol::frame::coding::CloseCode::from(ours)), ours);
        }
    }
}
