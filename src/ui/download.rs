//! Saving a file from the tab: a Blob, an object URL and a temporary `<a download>` — nothing is uploaded.

use wasm_bindgen::JsCast;

/// Offers `content` as a download called `file_name`.
pub fn download(file_name: &str, mime: &str, content: &[u8]) -> Result<(), String> {
    let array = js_sys::Uint8Array::from(content);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|e| format!("{e:?}"))?;
    download_blob(file_name, blob.into())
}

/// Offers `blob` (a `Blob`, as the worker posts an export) as a download called `file_name`.
pub fn download_blob(file_name: &str, blob: wasm_bindgen::JsValue) -> Result<(), String> {
    let blob: web_sys::Blob = blob.dyn_into().map_err(|_| "the export did not arrive".to_string())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| format!("{e:?}"))?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(|e| format!("{e:?}"))?.unchecked_into();
    a.set_href(&url);
    a.set_download(file_name);
    a.set_hidden(true);
    let body = document.body().ok_or("no body")?;
    body.append_child(&a).map_err(|e| format!("{e:?}"))?;
    a.click();
    a.remove();
    // Revoke later: the browser needs the URL until the download has started.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    }
    Ok(())
}

/// Offers a canvas's pixels as a PNG download.
pub fn download_canvas_png(canvas: &web_sys::HtmlCanvasElement, file_name: &str) -> Result<(), String> {
    let data_url = canvas.to_data_url_with_type("image/png").map_err(|e| format!("{e:?}"))?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(|e| format!("{e:?}"))?.unchecked_into();
    a.set_href(&data_url);
    a.set_download(file_name);
    a.click();
    Ok(())
}
