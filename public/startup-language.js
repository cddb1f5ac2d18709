// Puts the person's language on <html lang> before the first paint, so index.html's start-up shell, which holds
// each phrase in every language, shows the one in that language (style/app.css) while the wasm is on its way.
// The rule is src/locale/choice.rs's before config.json is read: the choice remembered on this browser
// (localStorage `qrbadge.language`; not on the kiosk, a shared screen), else the first of the browser's
// languages offered, by primary subtag (es-MX reads Spanish), else English. A classic script in <head>, so it
// runs before the body is drawn; a module (public/loader.js) runs after parsing, possibly after the first paint.
(() => {
  const offered = ['en', 'es', 'fr', 'de'];
  const primary = (tag) => String(tag ?? '').trim().split(/[-_]/)[0].toLowerCase();
  const path = window.location.pathname;
  const onKiosk = path === '/kiosk' || path.startsWith('/kiosk/');
  let remembered = null;
  if (!onKiosk) {
    try {
      remembered = window.localStorage.getItem('qrbadge.language');
    } catch {
      // Storage switched off: the browser's languages decide.
    }
  }
  const browser = navigator.languages?.length ? navigator.languages : [navigator.language];
  const chosen = [remembered, ...browser].map(primary).find((tag) => offered.includes(tag)) ?? 'en';
  const root = document.documentElement;
  root.lang = chosen;
  // The kiosk shows no portal header or footer: neither does its start-up shell.
  if (onKiosk) root.classList.add('startup-kiosk');
  // The home page in a tab with no session to resume and no sign-in answer on its way is signed out from the start
  // (src/auth/redirect.rs: `resume` goes by these sessionStorage markers, src/auth/session.rs names them): the shell
  // shows the welcome card instead of "Starting…", as the app will.
  let resuming = true;
  try {
    resuming = ['qrbadge.signin.had-session', 'qrbadge.signin.pending']
      .some((key) => window.sessionStorage.getItem(key) !== null);
  } catch {
    // Storage switched off: the app cannot resume a session either, but say "Starting…" to be safe.
  }
  const answer = /[?#&](code|error|state)=/.test(window.location.search + window.location.hash);
  if (path === '/' && !resuming && !answer) root.classList.add('startup-signed-out');
})();
