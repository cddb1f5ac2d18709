//! Small wrappers over browser APIs used by several views (downloads, printing, random numbers).

use qrpin::qr::{svg_document, QrMatrix, QUIET_ZONE};
use wasm_bindgen::{JsCast, JsValue};

/// A sessionStorage key of the portal: `session_key!("resume")` is `"qrbadge.resume"`. Every module names its
/// keys with it, so they all start with [`SESSION_KEY_PREFIX`] and sign-out can forget them all without knowing
/// which module wrote which.
macro_rules! session_key {
    ($name:literal) => {
        concat!("qrbadge.", $name)
    };
}
pub(crate) use session_key;

/// What every key the portal writes to sessionStorage starts with.
pub const SESSION_KEY_PREFIX: &str = session_key!("");

/// Pixels per module in a downloaded PNG: 10 px gives a 2 in print at 300 dpi for version 10.
const PNG_MODULE_PX: u32 = 10;

/// Why the browser could not do what was asked. No words here: the view says it in the person's language,
/// with the browser's own message (shown as it came, like Graph's) when there was one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BrowserProblem {
    /// Something the action needs is missing here: a window, a document, a link or canvas element, a 2D
    /// drawing context.
    Unsupported,
    /// The browser refused, with its own message when it gave one.
    Refused(Option<String>),
}

fn window() -> Result<web_sys::Window, BrowserProblem> {
    web_sys::window().ok_or(BrowserProblem::Unsupported)
}

fn document() -> Result<web_sys::Document, BrowserProblem> {
    window()?.document().ok_or(BrowserProblem::Unsupported)
}

fn refused(value: JsValue) -> BrowserProblem {
    let message = value.as_string().or_else(|| {
        value
            .dyn_ref::<js_sys::Error>()
            .map(|error| String::from(error.message()))
    });
    BrowserProblem::Refused(message.filter(|m| !m.trim().is_empty()))
}

/// Offers `href` as a file download named `file_name`.
fn click_download(href: &str, file_name: &str) -> Result<(), BrowserProblem> {
    let anchor: web_sys::HtmlAnchorElement = document()?
        .create_element("a")
        .map_err(refused)?
        .dyn_into()
        .map_err(|_| BrowserProblem::Unsupported)?;
    anchor.set_href(href);
    anchor.set_download(file_name);
    anchor.click();
    Ok(())
}

/// Saves `text` (UTF-8) as a file of the media type `mime`, suggested as `file_name`: a Blob behind an
/// object URL that is released once the download has been offered.
pub fn download_text(text: &str, mime: &str, file_name: &str) -> Result<(), BrowserProblem> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(refused)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(refused)?;
    let result = click_download(&url, file_name);
    let _ = web_sys::Url::revoke_object_url(&url);
    result
}

/// Saves the symbol as a standalone SVG (our own rendering, not Graph's `binaryValue`). `title` is the
/// SVG's `<title>` and `file_name` the suggested name, both already in the person's language.
pub fn download_svg(matrix: &QrMatrix, title: &str, file_name: &str) -> Result<(), BrowserProblem> {
    download_text(&svg_document(matrix, title), "image/svg+xml", file_name)
}

/// The portal's home page as an absolute URL: this page's origin and `/`.
pub fn portal_home_url() -> Result<String, BrowserProblem> {
    let origin = window()?.location().origin().map_err(refused)?;
    Ok(format!("{origin}/"))
}

/// Saves the symbol as a PNG drawn on a canvas, black on white with the quiet zone.
pub fn download_png(matrix: &QrMatrix, file_name: &str) -> Result<(), BrowserProblem> {
    let canvas: web_sys::HtmlCanvasElement = document()?
        .create_element("canvas")
        .map_err(refused)?
        .dyn_into()
        .map_err(|_| BrowserProblem::Unsupported)?;
    let modules = (matrix.size() + 2 * QUIET_ZONE) as u32;
    canvas.set_width(modules * PNG_MODULE_PX);
    canvas.set_height(modules * PNG_MODULE_PX);
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .map_err(refused)?
        .ok_or(BrowserProblem::Unsupported)?
        .dyn_into()
        .map_err(|_| BrowserProblem::Unsupported)?;
    let px = f64::from(PNG_MODULE_PX);
    context.set_fill_style_str("#ffffff");
    context.fill_rect(0.0, 0.0, f64::from(modules) * px, f64::from(modules) * px);
    context.set_fill_style_str("#000000");
    for y in 0..matrix.size() {
        for x in 0..matrix.size() {
            if matrix.is_dark(x, y) {
                let left = (x + QUIET_ZONE) as f64 * px;
                let top = (y + QUIET_ZONE) as f64 * px;
                context.fill_rect(left, top, px, px);
            }
        }
    }
    let url = canvas.to_data_url().map_err(refused)?;
    click_download(&url, file_name)
}

/// Opens the browser's print dialog (print CSS shows only the badge).
pub fn print() -> Result<(), BrowserProblem> {
    window()?.print().map_err(refused)
}

/// Fills `bytes` from the browser's CSPRNG.
pub fn random_bytes(bytes: &mut [u8]) -> Result<(), BrowserProblem> {
    window()?
        .crypto()
        .map_err(refused)?
        .get_random_values_with_u8_array(bytes)
        .map(drop)
        .map_err(refused)
}

/// While the calling component is on screen, closing or reloading the tab asks the person first: it shows
/// something that exists nowhere else (a QR code's image or a PIN, returned once by Graph). The question is
/// the browser's own; the listener is removed when the component goes away.
pub fn warn_before_leaving() {
    use wasm_bindgen::closure::Closure;
    let Ok(window) = window() else {
        return;
    };
    let listener = Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
        event.prevent_default();
        if let Some(event) = event.dyn_ref::<web_sys::BeforeUnloadEvent>() {
            // Older Chromium versions ask only when returnValue is set.
            event.set_return_value("");
        }
    });
    if window
        .add_event_listener_with_callback("beforeunload", listener.as_ref().unchecked_ref())
        .is_err()
    {
        return;
    }
    let registered = send_wrapper::SendWrapper::new((window, listener));
    leptos::prelude::on_cleanup(move || {
        let (window, listener) = registered.take();
        let _ = window
            .remove_event_listener_with_callback("beforeunload", listener.as_ref().unchecked_ref());
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_keys_share_the_prefix_sign_out_clears() {
        assert_eq!(SESSION_KEY_PREFIX, "qrbadge.");
        assert_eq!(session_key!("resume"), "qrbadge.resume");
        assert!(session_key!("kiosk.signin").starts_with(SESSION_KEY_PREFIX));
    }
}
