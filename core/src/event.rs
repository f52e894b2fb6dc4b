//! `CloseEvent`, modelled on the DOM interface of the same name.

use crate::{AppCloseCode, ClosePayload};
use alloc::string::{String, ToString};
use closecode::CloseCode;

/// The dictionary the `CloseEvent` constructor takes, with the WebIDL defaults:
/// `bubbles`, `cancelable`, `composed` and `was_clean` false, `code` 0, `reason` empty.
///
/// `#[non_exhaustive]`, as DOM dictionaries grow (`composed` joined `EventInit` in 2016): build
/// one with [`CloseEventInit::new`] (or `default()`) and the setters, or set the fields.
///
/// ```
/// let init = closecode_core::CloseEventInit::new().code(4001).reason("kicked");
/// assert_eq!((init.code, init.reason.as_str()), (4001, "kicked"));
/// assert!(!init.was_clean && !init.cancelable);
/// ```
#[allow(clippy::struct_excessive_bools, reason = "the DOM defines these as separate booleans")]
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct CloseEventInit {
    /// `EventInit.bubbles`.
    pub bubbles: bool,
    /// `EventInit.cancelable`.
    pub cancelable: bool,
    /// `EventInit.composed`.
    pub composed: bool,
    /// `CloseEventInit.wasClean`.
    pub was_clean: bool,
    /// `CloseEventInit.code`: any `unsigned short`, kept as given.
    pub code: u16,
    /// `CloseEventInit.reason`: any string, kept as given.
    pub reason: String,
}

impl CloseEventInit {
    /// The WebIDL defaults.
    ///
    /// ```
    /// assert_eq!(closecode_core::CloseEventInit::new(), Default::default());
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// With `bubbles` set.
    ///
    /// ```
    /// assert!(closecode_core::CloseEventInit::new().bubbles(true).bubbles);
    /// ```
    #[must_use]
    pub fn bubbles(self, bubbles: bool) -> Self {
        CloseEventInit { bubbles, ..self }
    }

    /// With `cancelable` set.
    ///
    /// ```
    /// assert!(closecode_core::CloseEventInit::new().cancelable(true).cancelable);
    /// ```
    #[must_use]
    pub fn cancelable(self, cancelable: bool) -> Self {
        CloseEventInit { cancelable, ..self }
    }

    /// With `composed` set.
    ///
    /// ```
    /// assert!(closecode_core::CloseEventInit::new().composed(true).composed);
    /// ```
    #[must_use]
    pub fn composed(self, composed: bool) -> Self {
        CloseEventInit { composed, ..self }
    }

    /// With `wasClean` set.
    ///
    /// ```
    /// assert!(closecode_core::CloseEventInit::new().was_clean(true).was_clean);
    /// ```
    #[must_use]
    pub fn was_clean(self, was_clean: bool) -> Self {
        CloseEventInit { was_clean, ..self }
    }

    /// With `code` set (any `unsigned short`; nothing is validated).
    ///
    /// ```
    /// assert_eq!(closecode_core::CloseEventInit::new().code(1005).code, 1005);
    /// ```
    #[must_use]
    pub fn code(self, code: u16) -> Self {
        CloseEventInit { code, ..self }
    }

    /// With `reason` set (any string; nothing is validated).
    ///
    /// ```
    /// assert_eq!(closecode_core::CloseEventInit::new().reason("bye").reason, "bye");
    /// ```
    #[must_use]
    pub fn reason(self, reason: impl Into<String>) -> Self {
        CloseEventInit { reason: reason.into(), ..self }
    }
}

/// `Event.eventPhase`.
///
/// ```
/// assert_eq!(closecode_core::EventPhase::AtTarget as u16, 2);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[repr(u16)]
pub enum EventPhase {
    /// `NONE` (0): not being dispatched.
    #[default]
    None = 0,
    /// `CAPTURING_PHASE` (1).
    Capturing = 1,
    /// `AT_TARGET` (2): listeners of the target are running.
    AtTarget = 2,
    /// `BUBBLING_PHASE` (3).
    Bubbling = 3,
}

/// The event a WebSocket fires when its connection closes.
///
/// Built two ways, as in a browser:
/// - by the application with [`CloseEvent::new`]: untrusted, nothing validated (any code, any
///   reason), the WebIDL defaults for what the init leaves out;
/// - from the protocol, trusted: [`CloseEvent::received`] for a Close frame that arrived
///   (its code and reason, or 1005 and "" for an empty body; `wasClean` true), and
///   [`CloseEvent::abnormal`] when the connection ended without one (1006, `wasClean` false).
///
/// ```
/// use closecode_core::{CloseEvent, ClosePayload, CloseCode};
///
/// let body = [0x03, 0xE9, b'b', b'y', b'e']; // 1001 "bye"
/// let event = CloseEvent::received(&ClosePayload::parse(&body)?);
/// assert_eq!((event.code(), event.reason(), event.was_clean()), (1001, "bye", true));
/// assert_eq!(event.close_code(), CloseCode::GoingAway);
/// assert!(event.is_trusted());
/// # Ok::<(), closecode_core::PayloadError>(())
/// ```
#[allow(clippy::struct_excessive_bools, reason = "the DOM defines these as separate booleans")]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CloseEvent {
    event_type: String,
    bubbles: bool,
    cancelable: bool,
    composed: bool,
    was_clean: bool,
    code: u16,
    reason: String,
    is_trusted: bool,
    pub(crate) phase: EventPhase,
    pub(crate) flags: Flags,
}

/// The DOM's internal event flags that the model needs.
#[allow(clippy::struct_excessive_bools, reason = "the DOM defines these as separate booleans")]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Flags {
    pub(crate) canceled: bool,
    pub(crate) dispatch: bool,
    pub(crate) stop_propagation: bool,
    pub(crate) stop_immediate_propagation: bool,
    pub(crate) in_passive_listener: bool,
}

impl CloseEvent {
    /// `new CloseEvent(type, eventInitDict)`: keeps every value as given.
    ///
    /// ```
    /// use closecode_core::{CloseEvent, CloseEventInit, EventPhase};
    ///
    /// let event = CloseEvent::new("close", CloseEventInit::new().code(1005).reason("x".repeat(500)));
    /// assert_eq!(event.code(), 1005); // a constructor validates nothing
    /// assert_eq!(event.reason().len(), 500);
    /// assert!(!event.is_trusted() && !event.default_prevented());
    /// assert_eq!(event.event_phase(), EventPhase::None);
    /// ```
    #[must_use]
    pub fn new(event_type: impl Into<String>, init: CloseEventInit) -> Self {
        CloseEvent {
            event_type: event_type.into(),
            bubbles: init.bubbles,
            cancelable: init.cancelable,
            composed: init.composed,
            was_clean: init.was_clean,
            code: init.code,
            reason: init.reason,
            is_trusted: false,
            phase: EventPhase::None,
            flags: Flags::default(),
        }
    }

    /// The trusted `close` event for a Close frame that arrived (RFC 6455 sections 7.1.5 and
    /// 7.1.6): its code and reason, or 1005 and "" for an empty body; `wasClean` true.
    ///
    /// ```
    /// use closecode_core::{CloseEvent, ClosePayload};
    /// let event = CloseEvent::received(&ClosePayload::NoStatus);
    /// assert_eq!((event.code(), event.reason(), event.was_clean()), (1005, "", true));
    /// ```
    #[must_use]
    pub fn received(payload: &ClosePayload<'_>) -> Self {
        Self::trusted(true, payload.reported_code(), payload.reason())
    }

    /// The trusted `close` event for a connection that ended without a Close frame, or
    /// failed (RFC 6455 section 7.1.5): 1006, "", `wasClean` false.
    ///
    /// ```
    /// use closecode_core::{CloseEvent, CloseCode};
    /// let event = CloseEvent::abnormal();
    /// assert_eq!((event.close_code(), event.reason(), event.was_clean()), (CloseCode::AbnormalClosure, "", false));
    /// assert!(event.is_trusted());
    /// ```
    #[must_use]
    pub fn abnormal() -> Self {
        Self::trusted(false, CloseCode::AbnormalClosure, "")
    }

    pub(crate) fn trusted(was_clean: bool, code: CloseCode, reason: &str) -> Self {
        let init = CloseEventInit { was_clean, code: code.as_u16(), reason: reason.to_string(), ..Default::default() };
        CloseEvent { is_trusted: true, ..CloseEvent::new("close", init) }
    }

    /// `CloseEvent.code`.
    ///
    /// ```
    /// assert_eq!(closecode_core::CloseEvent::abnormal().code(), 1006);
    /// ```
    #[must_use]
    pub fn code(&self) -> u16 {
        self.code
    }

    /// `CloseEvent.reason`.
    ///
    /// ```
    /// assert_eq!(closecode_core::CloseEvent::abnormal().reason(), "");
    /// ```
    #[must_use]
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// `CloseEvent.wasClean`.
    ///
    /// ```
    /// assert!(!closecode_core::CloseEvent::abnormal().was_clean());
    /// ```
    #[must_use]
    pub fn was_clean(&self) -> bool {
        self.was_clean
    }

    /// The code, typed.
    ///
    /// ```
    /// use closecode_core::{CloseEvent, CloseCode};
    /// assert_eq!(CloseEvent::abnormal().close_code(), CloseCode::AbnormalClosure);
    /// ```
    #[must_use]
    pub fn close_code(&self) -> CloseCode {
        CloseCode::from_u16(self.code)
    }

    /// The code as one of the application's own codes, if it is one.
    ///
    /// ```
    /// # use closecode_core::{AppCloseCode, AppCodeEntry, CloseEvent, CloseEventInit};
    /// # #[derive(Clone, Copy, Debug, PartialEq)] enum Chat { Kicked }
    /// # impl AppCloseCode for Chat {
    /// #     const ENTRIES: &'static [AppCodeEntry<Self>] = &[AppCodeEntry::new(Chat::Kicked, 4001, "Kicked")];
    /// # }
    /// let event = CloseEvent::new("close", CloseEventInit::new().code(4001));
    /// assert_eq!(event.app_code::<Chat>(), Some(Chat::Kicked));
    /// assert_eq!(CloseEvent::abnormal().app_code::<Chat>(), None);
    /// ```
    #[must_use]
    pub fn app_code<T: AppCloseCode>(&self) -> Option<T> {
        T::from_code(self.code)
    }

    /// `Event.type`.
    ///
    /// ```
    /// assert_eq!(closecode_core::CloseEvent::abnormal().event_type(), "close");
    /// ```
    #[must_use]
    pub fn event_type(&self) -> &str {
        &self.event_type
    }

    /// `Event.bubbles`.
    ///
    /// ```
    /// assert!(!closecode_core::CloseEvent::abnormal().bubbles());
    /// ```
    #[must_use]
    pub fn bubbles(&self) -> bool {
        self.bubbles
    }

    /// `Event.cancelable`.
    ///
    /// ```
    /// assert!(!closecode_core::CloseEvent::abnormal().cancelable());
    /// ```
    #[must_use]
    pub fn cancelable(&self) -> bool {
        self.cancelable
    }

    /// `Event.composed`.
    ///
    /// ```
    /// assert!(!closecode_core::CloseEvent::abnormal().composed());
    /// ```
    #[must_use]
    pub fn composed(&self) -> bool {
        self.composed
    }

    /// `Event.isTrusted`: true for events the protocol made, false for constructed ones.
    ///
    /// ```
    /// use closecode_core::{CloseEvent, CloseEventInit};
    /// assert!(!CloseEvent::new("close", CloseEventInit::default()).is_trusted());
    /// ```
    #[must_use]
    pub fn is_trusted(&self) -> bool {
        self.is_trusted
    }

    /// `Event.eventPhase`: [`EventPhase::AtTarget`] while listeners run, else
    /// [`EventPhase::None`].
    ///
    /// ```
    /// use closecode_core::{CloseEvent, EventPhase};
    /// assert_eq!(CloseEvent::abnormal().event_phase(), EventPhase::None);
    /// ```
    #[must_use]
    pub fn event_phase(&self) -> EventPhase {
        self.phase
    }

    /// `Event.defaultPrevented`: whether the canceled flag is set.
    ///
    /// ```
    /// use closecode_core::{CloseEvent, CloseEventInit};
    /// let mut event = CloseEvent::new("close", CloseEventInit::new().cancelable(true));
    /// event.prevent_default();
    /// assert!(event.default_prevented());
    /// ```
    #[must_use]
    pub fn default_prevented(&self) -> bool {
        self.flags.canceled
    }

    /// `Event.preventDefault()`: sets the canceled flag if the event is cancelable and the
    /// running listener is not passive; does nothing otherwise.
    ///
    /// ```
    /// let mut event = closecode_core::CloseEvent::abnormal(); // not cancelable
    /// event.prevent_default();
    /// assert!(!event.default_prevented());
    /// ```
    pub fn prevent_default(&mut self) {
        if self.cancelable && !self.flags.in_passive_listener {
            self.flags.canceled = true;
        }
    }

    /// `Event.stopPropagation()`. With a single target it has no effect on which listeners
    /// run; it is kept for fidelity and cleared when dispatch ends.
    ///
    /// ```
    /// closecode_core::CloseEvent::abnormal().stop_propagation();
    /// ```
    pub fn stop_propagation(&mut self) {
        self.flags.stop_propagation = true;
    }

    /// `Event.stopImmediatePropagation()`: no further listener runs in this dispatch.
    ///
    /// ```
    /// closecode_core::CloseEvent::abnormal().stop_immediate_propagation();
    /// ```
    pub fn stop_immediate_propagation(&mut self) {
        self.flags.stop_propagation = true;
        self.flags.stop_immediate_propagation = true;
    }

    /// Whether the event is being dispatched (the DOM's dispatch flag).
    ///
    /// ```
    /// assert!(!closecode_core::CloseEvent::abnormal().is_dispatching());
    /// ```
    #[must_use]
    pub fn is_dispatching(&self) -> bool {
        self.flags.dispatch
    }

    /// `Event.initEvent(type, bubbles, cancelable)`: does nothing while the event is being
    /// dispatched; otherwise sets those fields, clears the stop-propagation and canceled flags,
    /// and makes the event untrusted.
    ///
    /// ```
    /// let mut event = closecode_core::CloseEvent::abnormal();
    /// event.init_event("custom", true, true);
    /// assert_eq!(event.event_type(), "custom");
    /// assert!(event.bubbles() && event.cancelable() && !event.is_trusted());
    /// ```
    pub fn init_event(&mut self, event_type: impl Into<String>, bubbles: bool, cancelable: bool) {
        if self.flags.dispatch {
            return;
        }
        self.event_type = event_type.into();
        self.bubbles = bubbles;
        self.cancelable = cancelable;
        self.is_trusted = false;
        self.flags.stop_propagation = false;
        self.flags.stop_immediate_propagation = false;
        self.flags.canceled = false;
    }

    /// The legacy `initCloseEvent(type, bubbles, cancelable, wasClean, code, reason)`: what
    /// [`init_event`](Self::init_event) does, plus the three close fields; nothing while the
    /// event is being dispatched. Gone from the current IDL.
    ///
    /// ```
    /// #![allow(deprecated)]
    /// let mut event = closecode_core::CloseEvent::abnormal();
    /// event.init_close_event("close", false, false, true, 4000, "re-init");
    /// assert_eq!((event.code(), event.reason(), event.was_clean()), (4000, "re-init", true));
    /// ```
    #[deprecated(note = "removed from the DOM's CloseEvent IDL; construct with CloseEvent::new")]
    pub fn init_close_event(
        &mut self,
        event_type: impl Into<String>,
        bubbles: bool,
        cancelable: bool,
        was_clean: bool,
        code: u16,
        reason: impl Into<String>,
    ) {
        if self.flags.dispatch {
            return;
        }
        self.init_event(event_type, bubbles, cancelable);
        self.was_clean = was_clean;
        self.code = code;
        self.reason = reason.into();
    }

    /// Makes the event untrusted, as `dispatchEvent()` does.
    pub(crate) fn set_untrusted(&mut self) {
        self.is_trusted = false;
    }
}
