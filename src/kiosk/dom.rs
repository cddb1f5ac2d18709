//! Browser APIs the kiosk needs: event listeners that remove themselves, page visibility,
//! fullscreen and the Screen Wake Lock.
//!
//! The wake lock goes through `js_sys::Reflect` (web-sys only has it behind
//! `web_sys_unstable_apis`); a browser without it simply keeps its usual screen timeout.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// An event listener that is removed when dropped. Keep it in `StoredValue::new_local` so it
/// lives exactly as long as the view that added it.
pub struct Listener {
    target: web_sys::EventTarget,
    event: &'static str,
    capture: bool,
    callback: Closure<dyn FnMut(web_sys::Event)>,
}

impl Listener {
    /// Listens on `target`; `capture` sees the event before any element can stop it.
    pub fn new(
        target: &web_sys::EventTarget,
        event: &'static str,
        capture: bool,
        handler: impl FnMut(web_sys::Event) + 'static,
    ) -> Option<Self> {
        let callback = Closure::<dyn FnMut(web_sys::Event)>::new(handler);
        target
            .add_event_listener_with_callback_and_bool(
                event,
                callback.as_ref().unchecked_ref(),
                capture,
            )
            .ok()?;
        Some(Self {
            target: target.clone(),
            event,
            capture,
            callback,
        })
    }

    /// Listens for taps and keys anywhere in the page (capture phase, so nothing can hide them).
    pub fn on_window(
        event: &'static str,
        handler: impl FnMut(web_sys::Event) + 'static,
    ) -> Option<Self> {
        Self::new(web_sys::window()?.as_ref(), event, true, handler)
    }

    /// The window's own `blur`: the page lost the focus to another window or app. (A capturing
    /// listener on the window would also see every element's blur, e.g. Tab from a button.)
    pub fn on_window_blur(mut handler: impl FnMut() + 'static) -> Option<Self> {
        let window = web_sys::window()?;
        let own = window.clone();
        Self::new(window.as_ref(), "blur", false, move |event| {
            let from_window = event
                .target()
                .is_some_and(|target| own.as_ref() as &JsValue == target.as_ref() as &JsValue);
            if from_window {
                handler();
            }
        })
    }

    /// Listens on the document (visibilitychange, fullscreenchange).
    pub fn on_document(
        event: &'static str,
        handler: impl FnMut(web_sys::Event) + 'static,
    ) -> Option<Self> {
        Self::new(document()?.as_ref(), event, false, handler)
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback_and_bool(
            self.event,
            self.callback.as_ref().unchecked_ref(),
            self.capture,
        );
    }
}

pub fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// `document.hidden`: the tab is in the background, the screen is off or the app is minimised.
pub fn page_hidden() -> bool {
    document().is_some_and(|d| d.hidden())
}

pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Whether `event` happened inside `element` (e.g. a tap on the warning dialog's own buttons).
pub fn event_inside(event: &web_sys::Event, element: &web_sys::Element) -> bool {
    event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Node>().ok())
        .is_some_and(|node| element.contains(Some(&node)))
}

/// The element that has the keyboard focus, unless it is the page itself.
pub fn focused_element() -> Option<web_sys::HtmlElement> {
    let document = document()?;
    let active = document.active_element()?;
    if document
        .body()
        .is_some_and(|body| body.is_same_node(Some(&active)))
    {
        return None;
    }
    active.dyn_into().ok()
}

/// Whether this browser lets a page go fullscreen (iPhone Safari does not).
pub fn fullscreen_supported() -> bool {
    document().is_some_and(|d| d.fullscreen_enabled())
}

pub fn is_fullscreen() -> bool {
    document().is_some_and(|d| d.fullscreen_element().is_some())
}

/// The browser refused fullscreen (or there is no document to put in it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FullscreenRefused;

/// Puts the whole page in fullscreen; must run inside a click or key handler.
pub fn enter_fullscreen() -> Result<(), FullscreenRefused> {
    let root = document()
        .and_then(|d| d.document_element())
        .ok_or(FullscreenRefused)?;
    root.request_fullscreen().map_err(|_| FullscreenRefused)
}

pub fn exit_fullscreen() {
    if let Some(document) = document().filter(|d| d.fullscreen_element().is_some()) {
        document.exit_fullscreen();
    }
}

/// Keeps the screen on while the kiosk shows a code: `acquire` when shown and visible, `release`
/// when hidden or cleared. The browser drops the lock whenever the page is hidden, so `acquire`
/// is called again when it becomes visible. Cloning shares the same lock.
#[derive(Clone, Default)]
pub struct ScreenWakeLock {
    state: Rc<RefCell<WakeLockState>>,
}

#[derive(Default)]
struct WakeLockState {
    wanted: bool,
    requesting: bool,
    sentinel: Option<JsValue>,
}

impl ScreenWakeLock {
    pub fn acquire(&self) {
        {
            let mut state = self.state.borrow_mut();
            state.wanted = true;
            let held = state
                .sentinel
                .as_ref()
                .is_some_and(|s| !Reflect::get(s, &"released".into()).is_ok_and(|r| r.is_truthy()));
            if held || state.requesting {
                return;
            }
            state.requesting = true;
        }
        let state = Rc::clone(&self.state);
        wasm_bindgen_futures::spawn_local(async move {
            let sentinel = request_screen_lock().await;
            let mut state = state.borrow_mut();
            state.requesting = false;
            match sentinel {
                Some(sentinel) if state.wanted => state.sentinel = Some(sentinel),
                // Hidden or cleared while the browser was deciding.
                Some(sentinel) => release_sentinel(&sentinel),
                None => {}
            }
        });
    }

    pub fn release(&self) {
        let mut state = self.state.borrow_mut();
        state.wanted = false;
        if let Some(sentinel) = state.sentinel.take() {
            release_sentinel(&sentinel);
        }
    }
}

/// `navigator.wakeLock.request('screen')`; `None` when the API is missing or refused (e.g. low
/// battery or a page that is not visible).
async fn request_screen_lock() -> Option<JsValue> {
    let navigator = web_sys::window()?.navigator();
    let wake_lock = Reflect::get(&navigator, &"wakeLock".into()).ok()?;
    if wake_lock.is_undefined() || wake_lock.is_null() {
        return None;
    }
    let request: Function = Reflect::get(&wake_lock, &"request".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let promise: Promise = request
        .call1(&wake_lock, &"screen".into())
        .ok()?
        .dyn_into()
        .ok()?;
    JsFuture::from(promise).await.ok()
}

fn release_sentinel(sentinel: &JsValue) {
    let Some(release) = Reflect::get(sentinel, &"release".into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
    else {
        return;
    };
    if let Ok(promise) = release
        .call0(sentinel)
        .and_then(|p| p.dyn_into::<Promise>())
    {
        // Awaited so a refusal never becomes an unhandled rejection.
        wasm_bindgen_futures::spawn_local(async move {
            let _ = JsFuture::from(promise).await;
        });
    }
}
