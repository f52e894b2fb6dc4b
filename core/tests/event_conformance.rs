//! `CloseEvent` and its target against the DOM and WHATWG standards.

use closecode_core::{
    AppCloseCode, CloseCode, CloseEvent, CloseEventInit, CloseEventTarget, ClosePayload, DispatchError, EventPhase,
    ListenerOptions,
};
use std::cell::{Cell, RefCell};

/// WebSockets standard, `CloseEvent` IDL: the constructor's defaults (WebIDL) and no validation.
#[test]
fn constructor_defaults_closeevent_idl() {
    let event = CloseEvent::new("close", CloseEventInit::default());
    let observed = (
        event.event_type(),
        event.bubbles(),
        event.cancelable(),
        event.composed(),
        event.was_clean(),
        event.code(),
        event.reason(),
        event.is_trusted(),
        event.default_prevented(),
        event.event_phase(),
    );
    assert_eq!(observed, ("close", false, false, false, false, 0, "", false, false, EventPhase::None));
}

/// The constructor keeps whatever it is given: codes no endpoint may send, long reasons, any type.
#[test]
fn constructor_keeps_values_as_given() {
    let table: [(&str, CloseEventInit); 4] = [
        ("close", CloseEventInit::new().code(1005)),
        ("close", CloseEventInit::new().code(65535).reason("r".repeat(1000))),
        ("", CloseEventInit::new().was_clean(true).bubbles(true).cancelable(true).composed(true)),
        ("not-close", CloseEventInit::new().code(0).reason("\u{feff}\0")),
    ];
    for (event_type, init) in table {
        let event = CloseEvent::new(event_type, init.clone());
        assert_eq!(event.event_type(), event_type);
        assert_eq!(
            (event.code(), event.reason(), event.was_clean()),
            (init.code, init.reason.as_str(), init.was_clean)
        );
        assert_eq!(
            (event.bubbles(), event.cancelable(), event.composed()),
            (init.bubbles, init.cancelable, init.composed)
        );
        assert!(!event.is_trusted());
    }
}

/// WebSockets standard, "the WebSocket connection is closed": trusted events, RFC 6455 sections 7.1.4-7.1.6.
#[test]
fn protocol_events_websockets_connection_closed() {
    let table: [(ClosePayload<'_>, u16, &str); 3] = [
        (ClosePayload::NoStatus, 1005, ""),
        (ClosePayload::new(1000u16, ""), 1000, ""),
        (ClosePayload::new(4001u16, "kicked"), 4001, "kicked"),
    ];
    for (payload, code, reason) in table {
        let event = CloseEvent::received(&payload);
        assert_eq!(
            (event.event_type(), event.code(), event.reason(), event.was_clean()),
            ("close", code, reason, true)
        );
        assert!(event.is_trusted() && !event.bubbles() && !event.cancelable());
    }
    let dropped = CloseEvent::abnormal();
    assert_eq!((dropped.code(), dropped.reason(), dropped.was_clean()), (1006, "", false));
    assert!(dropped.is_trusted());
}

/// DOM: preventDefault sets the canceled flag only for a cancelable event and a non-passive listener.
#[test]
fn prevent_default_honours_cancelable_and_passive_dom() {
    let mut not_cancelable = CloseEvent::new("close", CloseEventInit::default());
    not_cancelable.prevent_default();
    assert!(!not_cancelable.default_prevented());

    let mut target = CloseEventTarget::new();
    target.add_listener_with(CloseEvent::prevent_default, ListenerOptions::new().passive(true));
    let mut cancelable = CloseEvent::new("close", CloseEventInit::new().cancelable(true));
    assert_eq!(target.dispatch_event(&mut cancelable), Ok(true), "a passive listener cannot cancel");
    assert!(!cancelable.default_prevented());

    target.add_listener(CloseEvent::prevent_default);
    assert_eq!(target.dispatch_event(&mut cancelable), Ok(false));
    assert!(cancelable.default_prevented());
}

/// DOM dispatch: the dispatch flag and `AT_TARGET` while listeners run, `NONE` after; registration order.
#[test]
fn dispatch_sets_flag_and_phase_and_runs_in_order_dom() {
    let seen = RefCell::new(Vec::new());
    let mut target = CloseEventTarget::new();
    for name in ["first", "second", "third"] {
        let seen = &seen;
        target.add_listener(move |e: &mut CloseEvent| {
            assert!(e.is_dispatching());
            seen.borrow_mut().push((name, e.event_phase()));
        });
    }
    let mut event = CloseEvent::abnormal();
    assert!(target.fire(&mut event));
    assert_eq!(
        *seen.borrow(),
        [("first", EventPhase::AtTarget), ("second", EventPhase::AtTarget), ("third", EventPhase::AtTarget)]
    );
    assert!(!event.is_dispatching());
    assert_eq!(event.event_phase(), EventPhase::None);
}

/// DOM: stopImmediatePropagation stops the remaining listeners; the flags are cleared after dispatch.
#[test]
fn stop_immediate_propagation_stops_later_listeners_dom() {
    let ran = Cell::new(0);
    let mut target = CloseEventTarget::new();
    target.add_listener(|_| ran.set(ran.get() + 1));
    target.add_listener(|e| {
        ran.set(ran.get() + 1);
        e.stop_immediate_propagation();
    });
    target.add_listener(|_| ran.set(ran.get() + 100));
    let mut event = CloseEvent::abnormal();
    target.fire(&mut event);
    assert_eq!(ran.get(), 2);
    // A second dispatch runs them again: the flag was cleared.
    target.fire(&mut event);
    assert_eq!(ran.get(), 4);
}

/// DOM dispatchEvent: the event becomes untrusted; an event already being dispatched is refused.
#[test]
fn dispatch_event_untrusts_and_refuses_reentry_dom() {
    let mut event = CloseEvent::abnormal();
    let mut target = CloseEventTarget::new();
    assert_eq!(target.dispatch_event(&mut event), Ok(true));
    assert!(!event.is_trusted());

    let inner_result = Cell::new(None);
    let mut outer = CloseEventTarget::new();
    outer.add_listener(|e| {
        let mut other = CloseEventTarget::new();
        inner_result.set(Some(other.dispatch_event(e)));
    });
    outer.fire(&mut CloseEvent::abnormal());
    assert_eq!(inner_result.get(), Some(Err(DispatchError::InvalidState)));
}

/// DOM initEvent and the legacy initCloseEvent: no effect during dispatch; otherwise reset and untrust.
#[test]
#[allow(deprecated)]
fn init_close_event_is_a_no_op_while_dispatching_dom() {
    let mut target = CloseEventTarget::new();
    target.add_listener(|e| {
        e.init_close_event("changed", true, true, false, 4000, "changed");
        e.init_event("changed", true, true);
    });
    let mut event = CloseEvent::received(&ClosePayload::new(1000u16, "bye"));
    target.fire(&mut event);
    assert_eq!((event.event_type(), event.code(), event.reason(), event.was_clean()), ("close", 1000, "bye", true));
    assert!(event.is_trusted());

    let mut canceled = CloseEvent::new("close", CloseEventInit::new().cancelable(true));
    canceled.prevent_default();
    canceled.init_close_event("close", false, false, true, 3000, "again");
    assert!(!canceled.default_prevented(), "initialising clears the canceled flag");
    assert!(!canceled.cancelable());
    assert_eq!((canceled.code(), canceled.reason(), canceled.was_clean()), (3000, "again", true));
}

/// Listeners are registered for `close`: an event of another type reaches none of them.
#[test]
fn only_close_events_reach_close_listeners() {
    let ran = Cell::new(false);
    let mut target = CloseEventTarget::new();
    target.add_listener(|_| ran.set(true));
    target.fire(&mut CloseEvent::new("open", CloseEventInit::default()));
    assert!(!ran.get());
}

/// HTML event handlers: `onclose` takes its place in the order when first set, keeps it when
/// replaced, and gives it up when cleared.
#[test]
fn onclose_keeps_its_place_html_event_handlers() {
    let log = RefCell::new(Vec::new());
    let mut target = CloseEventTarget::new();
    target.add_listener(|_| log.borrow_mut().push("a"));
    target.set_onclose(Some(|_: &mut CloseEvent| log.borrow_mut().push("onclose 1")));
    target.add_listener(|_| log.borrow_mut().push("b"));
    target.set_onclose(Some(|_: &mut CloseEvent| log.borrow_mut().push("onclose 2")));
    target.fire(&mut CloseEvent::abnormal());
    assert_eq!(*log.borrow(), ["a", "onclose 2", "b"]);

    log.borrow_mut().clear();
    target.set_onclose(None::<fn(&mut CloseEvent)>);
    target.set_onclose(Some(|_: &mut CloseEvent| log.borrow_mut().push("onclose 3")));
    target.fire(&mut CloseEvent::abnormal());
    assert_eq!(*log.borrow(), ["a", "b", "onclose 3"]);
}

#[test]
fn listeners_can_be_removed_and_once_listeners_run_once() {
    let count = Cell::new(0);
    let mut target = CloseEventTarget::new();
    let id = target.add_listener(|_| count.set(count.get() + 10));
    target.add_listener_with(|_| count.set(count.get() + 1), ListenerOptions::new().once(true));
    assert!(target.remove_listener(id));
    target.fire(&mut CloseEvent::abnormal());
    target.fire(&mut CloseEvent::abnormal());
    assert_eq!(count.get(), 1);
    assert_eq!(target.listener_count(), 0);
}

/// A hand-written `AppCloseCode` proves the trait's shape before the derive exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Chat {
    Kicked,
    RoomClosed,
}

impl AppCloseCode for Chat {
    const ENTRIES: &'static [closecode_core::AppCodeEntry<Self>] = &[
        closecode_core::AppCodeEntry::new(Chat::Kicked, 4001, "Kicked")
            .description("A moderator removed the user from the room."),
        closecode_core::AppCodeEntry::new(Chat::RoomClosed, 4003, "Room Closed"),
    ];
}

#[test]
fn app_codes_travel_through_payloads_and_events() {
    for code in Chat::codes() {
        assert_eq!(Chat::from_code(code.code()), Some(code));
        let bytes = ClosePayload::new(code.close_code(), code.name()).encode().unwrap();
        let event = CloseEvent::received(&ClosePayload::parse(&bytes).unwrap());
        assert_eq!(event.app_code::<Chat>(), Some(code));
        assert_eq!(event.reason(), code.name());
    }
    assert_eq!(CloseEvent::received(&ClosePayload::new(4002u16, "")).app_code::<Chat>(), None);
    assert_eq!(CloseEvent::abnormal().app_code::<Chat>(), None);
    assert_eq!(Chat::Kicked.close_code(), CloseCode::from(4001));
}
