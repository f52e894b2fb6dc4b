//! An `onclose`-style event target: listeners for `close` events and their dispatch.

use crate::{CloseEvent, EventPhase};
use alloc::boxed::Box;
use alloc::vec::Vec;
use core::fmt;

type Callback<'a> = Box<dyn FnMut(&mut CloseEvent) + 'a>;

/// Identifies a listener added to a [`CloseEventTarget`], for removal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ListenerId(u64);

/// The options of `addEventListener` that matter for one target.
///
/// ```
/// let options = closecode_core::ListenerOptions::new().once(true);
/// assert!(!options.passive);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ListenerOptions {
    /// Remove the listener once it has run.
    pub once: bool,
    /// The listener may not cancel the event: `preventDefault()` does nothing while it runs.
    pub passive: bool,
}

impl ListenerOptions {
    /// Both options off, as `addEventListener` defaults them.
    ///
    /// ```
    /// assert_eq!(closecode_core::ListenerOptions::new(), Default::default());
    /// ```
    #[must_use]
    pub const fn new() -> Self {
        ListenerOptions { once: false, passive: false }
    }

    /// With `once` set.
    ///
    /// ```
    /// assert!(closecode_core::ListenerOptions::new().once(true).once);
    /// ```
    #[must_use]
    pub const fn once(self, once: bool) -> Self {
        ListenerOptions { once, ..self }
    }

    /// With `passive` set.
    ///
    /// ```
    /// assert!(closecode_core::ListenerOptions::new().passive(true).passive);
    /// ```
    #[must_use]
    pub const fn passive(self, passive: bool) -> Self {
        ListenerOptions { passive, ..self }
    }
}

struct Listener<'a> {
    id: u64,
    options: ListenerOptions,
    callback: Callback<'a>,
}

/// The part of a WebSocket that close listeners hang on: `addEventListener("close", ..)`,
/// `removeEventListener`, the `onclose` attribute, and dispatch.
///
/// Listeners run in the order they were added; the `onclose` handler takes its place in that
/// order when it is first set (setting it again keeps the place, clearing it gives it up),
/// as the HTML standard's event handlers do. Only events of type `close` reach the listeners.
///
/// ```
/// use closecode_core::{CloseEvent, CloseEventTarget};
/// use std::cell::RefCell;
///
/// let log = RefCell::new(Vec::new());
/// let mut socket = CloseEventTarget::new();
/// socket.add_listener(|e: &mut CloseEvent| log.borrow_mut().push(format!("listener {}", e.code())));
/// socket.set_onclose(Some(|e: &mut CloseEvent| log.borrow_mut().push(format!("onclose {}", e.code()))));
///
/// let mut event = CloseEvent::abnormal();
/// assert!(socket.fire(&mut event));
/// assert_eq!(*log.borrow(), ["listener 1006", "onclose 1006"]);
/// ```
pub struct CloseEventTarget<'a> {
    listeners: Vec<Listener<'a>>,
    onclose: Option<u64>,
    next_id: u64,
}

impl Default for CloseEventTarget<'_> {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for CloseEventTarget<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CloseEventTarget")
            .field("listeners", &self.listeners.len())
            .field("onclose", &self.onclose.is_some())
            .finish()
    }
}

/// Why `dispatch_event` refused an event.
///
/// ```
/// assert_eq!(closecode_core::DispatchError::InvalidState.to_string(), "InvalidStateError: the event is already being dispatched");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DispatchError {
    /// `InvalidStateError`: the event is already being dispatched.
    InvalidState,
}

impl fmt::Display for DispatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("InvalidStateError: the event is already being dispatched")
    }
}

impl core::error::Error for DispatchError {}

impl<'a> CloseEventTarget<'a> {
    /// A target with no listeners.
    ///
    /// ```
    /// assert_eq!(closecode_core::CloseEventTarget::new().listener_count(), 0);
    /// ```
    #[must_use]
    pub fn new() -> Self {
        CloseEventTarget { listeners: Vec::new(), onclose: None, next_id: 0 }
    }

    /// `addEventListener("close", listener)`.
    ///
    /// ```
    /// let mut target = closecode_core::CloseEventTarget::new();
    /// target.add_listener(|_| {});
    /// assert_eq!(target.listener_count(), 1);
    /// ```
    pub fn add_listener(&mut self, listener: impl FnMut(&mut CloseEvent) + 'a) -> ListenerId {
        self.add_listener_with(listener, ListenerOptions::default())
    }

    /// `addEventListener("close", listener, options)`.
    ///
    /// ```
    /// use closecode_core::{CloseEvent, CloseEventTarget, ListenerOptions};
    /// let mut target = CloseEventTarget::new();
    /// target.add_listener_with(|_| {}, ListenerOptions::new().once(true));
    /// target.fire(&mut CloseEvent::abnormal());
    /// assert_eq!(target.listener_count(), 0);
    /// ```
    pub fn add_listener_with(
        &mut self,
        listener: impl FnMut(&mut CloseEvent) + 'a,
        options: ListenerOptions,
    ) -> ListenerId {
        let id = self.next_id;
        self.next_id += 1;
        self.listeners.push(Listener { id, options, callback: Box::new(listener) });
        ListenerId(id)
    }

    /// `removeEventListener`: true if the listener was there.
    ///
    /// ```
    /// let mut target = closecode_core::CloseEventTarget::new();
    /// let id = target.add_listener(|_| {});
    /// assert!(target.remove_listener(id));
    /// assert!(!target.remove_listener(id));
    /// ```
    pub fn remove_listener(&mut self, id: ListenerId) -> bool {
        let before = self.listeners.len();
        self.listeners.retain(|l| l.id != id.0);
        before != self.listeners.len()
    }

    /// Sets or clears the `onclose` attribute. A handler set for the first time (or after a
    /// clear) goes last in the listener order; replacing one keeps its place.
    ///
    /// ```
    /// let mut target = closecode_core::CloseEventTarget::new();
    /// target.set_onclose(Some(|_: &mut closecode_core::CloseEvent| {}));
    /// assert!(target.has_onclose());
    /// target.set_onclose(None::<fn(&mut closecode_core::CloseEvent)>);
    /// assert!(!target.has_onclose());
    /// ```
    pub fn set_onclose<F: FnMut(&mut CloseEvent) + 'a>(&mut self, handler: Option<F>) {
        match (handler, self.onclose) {
            (Some(handler), Some(id)) => {
                if let Some(slot) = self.listeners.iter_mut().find(|l| l.id == id) {
                    slot.callback = Box::new(handler);
                }
            }
            (Some(handler), None) => {
                let ListenerId(id) = self.add_listener(handler);
                self.onclose = Some(id);
            }
            (None, Some(id)) => {
                self.remove_listener(ListenerId(id));
                self.onclose = None;
            }
            (None, None) => {}
        }
    }

    /// Whether an `onclose` handler is set.
    ///
    /// ```
    /// assert!(!closecode_core::CloseEventTarget::new().has_onclose());
    /// ```
    #[must_use]
    pub fn has_onclose(&self) -> bool {
        self.onclose.is_some()
    }

    /// How many listeners (the `onclose` handler included) are registered.
    ///
    /// ```
    /// assert_eq!(closecode_core::CloseEventTarget::new().listener_count(), 0);
    /// ```
    #[must_use]
    pub fn listener_count(&self) -> usize {
        self.listeners.len()
    }

    /// `dispatchEvent(event)`, as a script calls it: the event becomes untrusted, then is
    /// dispatched. Returns false if a listener canceled it.
    ///
    /// ```
    /// use closecode_core::{CloseEvent, CloseEventInit, CloseEventTarget};
    ///
    /// let mut target = CloseEventTarget::new();
    /// target.add_listener(|e| e.prevent_default());
    /// let mut event = CloseEvent::new("close", CloseEventInit::new().cancelable(true));
    /// assert_eq!(target.dispatch_event(&mut event), Ok(false));
    /// ```
    ///
    /// # Errors
    ///
    /// [`DispatchError::InvalidState`] if the event is already being dispatched (a listener
    /// passing its event to another target).
    pub fn dispatch_event(&mut self, event: &mut CloseEvent) -> Result<bool, DispatchError> {
        if event.is_dispatching() {
            return Err(DispatchError::InvalidState);
        }
        event.set_untrusted();
        Ok(self.dispatch(event))
    }

    /// Fires `event` as the user agent does (its `isTrusted` is left alone), for events that
    /// came from the protocol. Returns false if a listener canceled it. An event that is
    /// already being dispatched is left untouched and `false` is returned.
    ///
    /// ```
    /// use closecode_core::{CloseEvent, CloseEventTarget};
    /// let mut target = CloseEventTarget::new();
    /// target.add_listener(|e| assert!(e.is_trusted()));
    /// assert!(target.fire(&mut CloseEvent::abnormal()));
    /// ```
    pub fn fire(&mut self, event: &mut CloseEvent) -> bool {
        if event.is_dispatching() {
            return false;
        }
        self.dispatch(event)
    }

    fn dispatch(&mut self, event: &mut CloseEvent) -> bool {
        event.flags.dispatch = true;
        event.phase = EventPhase::AtTarget;
        if event.event_type() == "close" {
            let mut index = 0;
            while index < self.listeners.len() {
                if event.flags.stop_immediate_propagation {
                    break;
                }
                let listener = &mut self.listeners[index];
                let once = listener.options.once;
                event.flags.in_passive_listener = listener.options.passive;
                (listener.callback)(event);
                event.flags.in_passive_listener = false;
                if once {
                    let id = self.listeners.remove(index).id;
                    if self.onclose == Some(id) {
                        self.onclose = None;
                    }
                } else {
                    index += 1;
                }
            }
        }
        event.phase = EventPhase::None;
        event.flags.dispatch = false;
        event.flags.stop_propagation = false;
        event.flags.stop_immediate_propagation = false;
        !event.flags.canceled
    }
}
