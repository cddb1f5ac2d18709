// Starts the portal without any inline script, so a Content-Security-Policy of
// `script-src 'self' 'wasm-unsafe-eval'` is enough on any static host. trunk writes the URLs of
// wasm-bindgen's glue and of the wasm into <meta> tags (`pattern_script` in Trunk.toml); this module, a
// content-hashed file of its own, imports the glue and runs it.
const url = (name) => document.querySelector(`meta[name="${name}"]`)?.getAttribute('content');
const glue = url('qrbadge-glue');
const wasm = url('qrbadge-wasm');
if (glue && wasm) {
  const { default: init } = await import(glue);
  await init({ module_or_path: wasm });
}
