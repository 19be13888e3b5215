// Loads the app's wasm. A file rather than an inline script, so the page's CSP can forbid inline scripts.
import init from './app.js';
init({ module_or_path: new URL('./app_bg.wasm', import.meta.url) }).catch((e) => {
  document.body.textContent = 'segscope could not start in this browser: ' + e;
});
