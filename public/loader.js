// Starts the portal without any inline script, so a Content-Security-Policy of
// `script-src 'self' 'wasm-unsafe-eval'` is enough on any static host. trunk writes the URLs of
// wasm-bindgen's glue and of the wasm into <meta> tags (`pattern_script` in Trunk.toml); this module, a
// content-hashed file of its own, imports the glue and runs it.
const url = (name) => document.querySelector(`meta[name="${name}"]`)?.getAttribute('content');
const glue = url('qrbadge-glue');
const wasm = url('qrbadge-wasm');

// index.html's start-up shell stands in for the app until the app mounts a <main> of its own (a page, or why it
// cannot start). style/app.css hides the shell in that same frame; here it then leaves the document, so the page
// has one header and one main. The observer's callback runs before the next paint.
const shell = document.getElementById('startup-shell');
if (shell) {
  const appHasMain = () => Array.from(document.body.children).some((child) => child.localName === 'main');
  new MutationObserver((_, observer) => {
    if (appHasMain()) {
      observer.disconnect();
      shell.remove();
    }
  }).observe(document.body, { childList: true });
}

if (glue && wasm) {
  const { default: init } = await import(glue);
  await init({ module_or_path: wasm });
}
