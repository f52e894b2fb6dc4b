//! Serde support (feature `serde`): codes as numbers, `CloseEvent` as the DOM names it.

use crate::{AppCloseCode, CloseEvent, CloseEventInit, CloseOutcome, CloseRecord};
use alloc::string::String;
use core::fmt;
use serde_core::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_core::ser::SerializeStruct;
use serde_core::{Deserialize, Deserializer, Serialize, Serializer};

/// `{"code": 1000, "reason": "bye", "wasClean": true}`: the fields of the DOM's `CloseEvent`,
/// under their DOM names, so a browser front end reads it as it reads a real event.
impl Serialize for CloseEvent {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("CloseEvent", 3)?;
        state.serialize_field("code", &self.code())?;
        state.serialize_field("reason", self.reason())?;
        state.serialize_field("wasClean", &self.was_clean())?;
        state.end()
    }
}

/// The fields of a `CloseEvent` on the wire. Its `Deserialize` is written by hand, as
/// `#[derive(Deserialize)]` with `#[serde(rename_all = "camelCase", default)]` wrote it (same
/// field names and indices, defaults, duplicate-field errors and messages: `tests/serde.rs`),
/// so that closecode builds on `serde_core` alone: no `serde_derive`, a large part of a first
/// build, for an application that derives nothing.
struct Wire {
    code: u16,
    reason: String,
    was_clean: bool,
}

/// The field names, in declaration order (a format may address a field by its index).
const WIRE_FIELDS: &[&str] = &["code", "reason", "wasClean"];

/// A key of the `Wire` map: one of its fields, or any other key (read and ignored).
enum WireField {
    Code,
    Reason,
    WasClean,
    Other,
}

impl WireField {
    fn from_name(name: &[u8]) -> Self {
        match name {
            b"code" => WireField::Code,
            b"reason" => WireField::Reason,
            b"wasClean" => WireField::WasClean,
            _ => WireField::Other,
        }
    }
}

impl<'de> Deserialize<'de> for WireField {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldVisitor;
        impl Visitor<'_> for FieldVisitor {
            type Value = WireField;
            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("field identifier")
            }
            fn visit_u64<E: de::Error>(self, index: u64) -> Result<WireField, E> {
                Ok(match index {
                    0 => WireField::Code,
                    1 => WireField::Reason,
                    2 => WireField::WasClean,
                    _ => WireField::Other,
                })
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<WireField, E> {
                Ok(WireField::from_name(name.as_bytes()))
            }
            fn visit_bytes<E: de::Error>(self, name: &[u8]) -> Result<WireField, E> {
                Ok(WireField::from_name(name))
            }
        }
        deserializer.deserialize_identifier(FieldVisitor)
    }
}

/// A map (`{"code": .., "reason": .., "wasClean": ..}`, each optional, other keys ignored, a
/// repeated key an error) or a sequence (`[code, reason, wasClean]`, a prefix of it).
struct WireVisitor;

impl<'de> Visitor<'de> for WireVisitor {
    type Value = Wire;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("struct Wire")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Wire, A::Error> {
        let code = seq.next_element()?.unwrap_or(0);
        let reason = seq.next_element()?.unwrap_or_default();
        let was_clean = seq.next_element()?.unwrap_or(false);
        Ok(Wire { code, reason, was_clean })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Wire, A::Error> {
        /// Reads the value of a field seen for the first time.
        fn once<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
            map: &mut A,
            slot: &mut Option<T>,
            name: &'static str,
        ) -> Result<(), A::Error> {
            if slot.is_some() {
                return Err(de::Error::duplicate_field(name));
            }
            *slot = Some(map.next_value()?);
            Ok(())
        }
        let (mut code, mut reason, mut was_clean) = (None, None, None);
        while let Some(field) = map.next_key()? {
            match field {
                WireField::Code => once(&mut map, &mut code, "code")?,
                WireField::Reason => once(&mut map, &mut reason, "reason")?,
                WireField::WasClean => once(&mut map, &mut was_clean, "wasClean")?,
                WireField::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Wire { code: code.unwrap_or(0), reason: reason.unwrap_or_default(), was_clean: was_clean.unwrap_or(false) })
    }
}

impl<'de> Deserialize<'de> for Wire {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct("Wire", WIRE_FIELDS, WireVisitor)
    }
}

/// Reads `{"code", "reason", "wasClean"}` into a constructed (untrusted) `close` event. A
/// missing field takes the `CloseEventInit` default (0, "", false), as in the DOM; other
/// fields are ignored; a wrong type or a code over 65535 is an error.
impl<'de> Deserialize<'de> for CloseEvent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = Wire::deserialize(deserializer)?;
        let init = CloseEventInit {
            code: wire.code,
            reason: wire.reason,
            was_clean: wire.was_clean,
            ..CloseEventInit::default()
        };
        Ok(CloseEvent::new("close", init))
    }
}

/// `{"ending": "peer_closed", "sent": {"code": 1001, "reason": ""}, "received": {..},
/// "wasClean": true, "event": {"code", "reason", "wasClean"}, "line": ".."}`: the same facts as
/// the log line (`ending` is [`Ending::as_str`](crate::Ending::as_str); `code` is `null` for an
/// empty Close body; `sent`/`received` `null` when absent).
///
/// ```
/// use closecode_core::{CloseCode, CloseTracker, ClosePayload};
/// let mut tracker = CloseTracker::new();
/// tracker.received(&ClosePayload::new(CloseCode::GoingAway, "bye"));
/// tracker.ended();
/// let outcome = tracker.outcome();
/// let json = serde_json::to_value(&outcome).unwrap();
/// assert_eq!(json["ending"], "peer_closed_unanswered");
/// assert_eq!(json["received"]["code"], 1001);
/// assert_eq!(json["sent"], serde_json::Value::Null);
/// assert_eq!(json["event"]["wasClean"], false);
/// assert_eq!(json["line"], outcome.to_string());
/// ```
impl Serialize for CloseOutcome {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("CloseOutcome", 6)?;
        state.serialize_field("ending", self.ending.as_str())?;
        state.serialize_field("sent", &self.sent)?;
        state.serialize_field("received", &self.received)?;
        state.serialize_field("wasClean", &self.was_clean())?;
        state.serialize_field("event", &self.event())?;
        state.serialize_field("line", &alloc::string::ToString::to_string(self))?;
        state.end()
    }
}

/// `{"code": 1001, "reason": "bye"}`, `code` `null` for an empty Close body.
impl Serialize for CloseRecord {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("CloseRecord", 2)?;
        state.serialize_field("code", &self.code)?;
        state.serialize_field("reason", &self.reason)?;
        state.end()
    }
}

/// For `#[serde(with = "closecode_core::serde_app_code")]` on a field holding an
/// [`AppCloseCode`]: the code as a number, and an error for a number the type does not declare.
///
/// An enum can also serialize itself as a number with serde's container attributes, using the
/// conversions the derive generates: `#[serde(into = "u16", try_from = "u16")]`.
///
/// ```
/// use closecode_core::AppCloseCode;
///
/// #[derive(AppCloseCode, Clone, Copy, Debug, PartialEq)]
/// enum Chat {
///     Kicked = 4001,
/// }
///
/// #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
/// struct Closed {
///     #[serde(with = "closecode_core::serde_app_code")]
///     code: Chat,
/// }
///
/// let json = serde_json::to_string(&Closed { code: Chat::Kicked }).unwrap();
/// assert_eq!(json, r#"{"code":4001}"#);
/// assert_eq!(serde_json::from_str::<Closed>(&json).unwrap(), Closed { code: Chat::Kicked });
/// assert!(serde_json::from_str::<Closed>(r#"{"code":4002}"#).is_err());
/// ```
pub mod serde_app_code {
    use super::{AppCloseCode, Deserialize, Deserializer, Serializer};
    use crate::UnknownAppCode;

    /// Serializes the code as its number.
    ///
    /// # Errors
    ///
    /// The serializer's own errors.
    pub fn serialize<T: AppCloseCode, S: Serializer>(code: &T, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u16(code.code())
    }

    /// Deserializes a number the type declares.
    ///
    /// # Errors
    ///
    /// Not a `u16`, or a code `T` does not declare.
    pub fn deserialize<'de, T: AppCloseCode, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        let code = u16::deserialize(deserializer)?;
        T::from_code(code)
            .ok_or_else(|| serde_core::de::Error::custom(UnknownAppCode::new(code, core::any::type_name::<T>())))
    }
}
