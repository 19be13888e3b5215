// Starts the pipeline worker: loads the wasm-bindgen glue (no-modules build) and its wasm, which then
// installs the message handler and posts "ready".
importScripts('./worker.js');
wasm_bindgen({ module_or_path: './worker_bg.wasm' });
