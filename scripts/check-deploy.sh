#!/usr/bin/env bash
# Checks deploy/ without a tenant or a network: the configure command (good and bad input), the
# generated nginx configurations (nginx -t), the Caddyfile (caddy validate), the Static Web Apps
# file (documented keys, headers) and that all three send the same headers. TAP-like output;
# the last line is "N passed, N failed"; exit status 1 if anything failed.
#
# Needs nginx, libnginx-mod-http-brotli-static and caddy from apt (scripts/setup.sh), node for
# JSON, and openssl for the TLS server block (skipped without it). Installs nothing.
set -uo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
CONFIGURE="$REPO/scripts/configure-deploy.sh"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok $((passed + failed)) - $1"; }
not_ok() {
  failed=$((failed + 1)); echo "not ok $((passed + failed)) - $1"
  [ -z "${2:-}" ] || printf '%s\n' "$2" | head -n 15 | sed 's/^/#   /'
}
# check DESCRIPTION COMMAND...: passes when the command exits 0; its output is shown on failure.
check() {
  local desc="$1" output; shift
  if output="$("$@" 2>&1)"; then ok "$desc"; else not_ok "$desc" "$output"; fi
}
need() { command -v "$1" >/dev/null 2>&1 || { not_ok "$1 is installed ($2)"; return 1; }; }

# `nginx -t` binds the listen addresses, so the sites tested here listen on free loopback ports.
free_port() {
  node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })' 2>/dev/null \
    || echo $((20000 + RANDOM % 20000))
}
PORT_HTTP="$(free_port)" PORT_TLS="$(free_port)" PORT_REDIRECT="$(free_port)"

TENANT=72f988bf-86f1-41af-91ab-2d7cd011db47 CLIENT=00001111-aaaa-2222-bbbb-3333cccc4444
PROD="$TMP/prod" LOCAL="$TMP/local"
CSP_PROD="default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self' https://login.microsoftonline.com https://graph.microsoft.com; manifest-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; object-src 'none'"

echo "# (a) scripts/configure-deploy.sh"
check "production input is accepted" \
  "$CONFIGURE" --tenant "$TENANT" --client-id "$CLIENT" --url https://badges.contoso.com/ --organization 'Contoso "R&D"' --out "$PROD"
check "loopback input (emulator as authority and Graph) is accepted" \
  "$CONFIGURE" --tenant contoso.onmicrosoft.com --client-id "$CLIENT" --url "http://127.0.0.1:$PORT_HTTP" \
  --authority-host http://127.0.0.1:18081 --graph http://127.0.0.1:18081/ --root "$TMP/dist" --out "$LOCAL"
check "every placeholder was replaced" \
  sh -c '! grep -rn "__[A-Z][A-Z_]*__" "$1" "$2"' - "$PROD" "$LOCAL"
cp -R "$PROD" "$TMP/prod-first"
"$CONFIGURE" --tenant "$TENANT" --client-id "$CLIENT" --url https://badges.contoso.com/ --organization 'Contoso "R&D"' --out "$PROD" >/dev/null 2>&1
check "running it again writes the same files" diff -r "$TMP/prod-first" "$PROD"
check "one origin serving authority and Graph is listed once in connect-src" \
  grep -q "connect-src 'self' http://127.0.0.1:18081; " "$LOCAL/nginx/snippets/qrbadge/security-headers.conf"

if need node "JSON checks"; then
  check "config.json has the portal's schema, self-service scopes only in scopes" node -e '
    const fs = require("fs"), [file, tenant, client] = process.argv.slice(1);
    const c = JSON.parse(fs.readFileSync(file, "utf8")), g = "https://graph.microsoft.com/";
    const eq = (a, b, what) => { if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(what + ": " + JSON.stringify(a)); };
    eq(Object.keys(c), ["auth", "graph", "organization", "kiosk", "languages"], "top-level keys");
    eq(Object.keys(c.auth), ["authority", "clientId", "redirectUri", "postLogoutRedirectUri", "scopes", "adminScopes", "pinScopes"], "auth keys");
    eq(c.auth.authority, "https://login.microsoftonline.com/" + tenant, "authority");
    eq(c.auth.clientId, client, "clientId");
    eq([c.auth.redirectUri, c.auth.postLogoutRedirectUri], ["https://badges.contoso.com/", "https://badges.contoso.com/"], "redirect URIs");
    eq(c.auth.scopes, ["openid", "profile", "offline_access", g + "User.Read", g + "UserAuthMethod-QR.ReadWrite"], "scopes");
    eq(c.auth.pinScopes, [g + "Directory.AccessAsUser.All"], "pinScopes");
    if (c.auth.scopes.some((scope) => scope.endsWith(".All"))) throw new Error("the employee sign-in must ask for no .All scope");
    eq(c.auth.adminScopes, [g + "UserAuthMethod-QR.ReadWrite.All", g + "User.Read.All", g + "GroupMember.Read.All", g + "Policy.Read.AuthenticationMethod"], "adminScopes");
    eq(c.graph, { baseUrl: "https://graph.microsoft.com", version: "beta" }, "graph");
    eq(c.organization.name, "Contoso \"R&D\"", "organization.name");
    eq(c.languages, { offered: ["en", "es", "fr", "de"], default: null }, "languages (all offered by default)");
    eq(c.kiosk, { idleTimeoutSeconds: 120, language: null }, "kiosk");
  ' "$PROD/config.json" "$TENANT" "$CLIENT"
  "$CONFIGURE" --tenant "$TENANT" --client-id "$CLIENT" --url https://badges.contoso.com/ --out "$TMP/languages" \
    --languages es,de,es --default-language de --kiosk-language es >/dev/null 2>&1
  check "an organisation's languages, default and kiosk language reach config.json" node -e '
    const c = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const got = JSON.stringify([c.languages, c.kiosk.language]);
    if (got !== JSON.stringify([{ offered: ["es", "de"], default: "de" }, "es"])) throw new Error(got);
  ' "$TMP/languages/config.json"
fi

# refused DESCRIPTION ARGS...: exit status 2, a message naming the problem, nothing written.
refused() {
  local desc="$1" out="$TMP/refused" output status; shift
  rm -rf "$out"
  output="$("$CONFIGURE" "$@" --out "$out" 2>&1)"; status=$?
  if [ "$status" -eq 2 ] && printf '%s' "$output" | grep -q '^configure-deploy: ' && [ ! -e "$out" ]; then
    ok "refuses $desc"
  else
    not_ok "refuses $desc" "exit $status: $output"
  fi
}
refused "a client id that is not a GUID" --tenant "$TENANT" --client-id my-app --url https://badges.contoso.com/
refused "the all-zero client id" --tenant "$TENANT" --client-id 00000000-0000-0000-0000-000000000000 --url https://badges.contoso.com/
refused "the multi-tenant alias 'common'" --tenant common --client-id "$CLIENT" --url https://badges.contoso.com/
refused "a tenant that is neither GUID nor domain" --tenant 'contoso tenant' --client-id "$CLIENT" --url https://badges.contoso.com/
refused "plain http on a public host" --tenant "$TENANT" --client-id "$CLIENT" --url http://badges.contoso.com/
refused "a URL with a path" --tenant "$TENANT" --client-id "$CLIENT" --url https://badges.contoso.com/portal/
refused "a URL with a query" --tenant "$TENANT" --client-id "$CLIENT" --url 'https://badges.contoso.com/?x=1'
refused "a URL with user info" --tenant "$TENANT" --client-id "$CLIENT" --url https://me@badges.contoso.com/
refused "a URL that is not http(s)" --tenant "$TENANT" --client-id "$CLIENT" --url ftp://badges.contoso.com/
refused "a bad port" --tenant "$TENANT" --client-id "$CLIENT" --url https://badges.contoso.com:99999/
refused "an http authority off loopback" --tenant "$TENANT" --client-id "$CLIENT" --url https://badges.contoso.com/ --authority-host http://login.example.com
refused "a root with shell or config syntax in it" --tenant "$TENANT" --client-id "$CLIENT" --url https://badges.contoso.com/ --root '/srv/a b;'
refused "a missing --url" --tenant "$TENANT" --client-id "$CLIENT"
refused "a language qrbadge is not translated into" --tenant "$TENANT" --client-id "$CLIENT" --url https://badges.contoso.com/ --languages en,xx
refused "a default language that is not offered" --tenant "$TENANT" --client-id "$CLIENT" --url https://badges.contoso.com/ --languages es,fr --default-language de
refused "an unknown option" --tenant "$TENANT" --client-id "$CLIENT" --url https://badges.contoso.com/ --colour blue

echo "# (b) nginx"
NGX_TEMPLATES="$REPO/deploy/nginx"
locations="$(grep -c '^location ' "$NGX_TEMPLATES/locations.conf")"
includes="$(grep -c 'include snippets/qrbadge/security-headers.conf;' "$NGX_TEMPLATES/locations.conf")"
if [ "$locations" -gt 0 ] && [ "$locations" -eq "$includes" ]; then ok "each of the $locations locations includes the security headers"
else not_ok "each location includes the security headers" "$locations locations, $includes includes"; fi
check "every add_header is 'always' (error responses too)" \
  sh -c '! grep -h "add_header" "$1"/*.conf | grep -v "^ *#" | grep -v "always;"' - "$NGX_TEMPLATES"
if need nginx "apt: nginx libnginx-mod-http-brotli-static"; then
  check "nginx -t: plain-HTTP site (generated standalone nginx.conf)" \
    nginx -q -e stderr -t -p "$LOCAL/nginx" -c nginx.conf
  if command -v openssl >/dev/null 2>&1; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=badges.contoso.com \
      -keyout "$TMP/key.pem" -out "$TMP/cert.pem" >/dev/null 2>&1
    "$CONFIGURE" --tenant "$TENANT" --client-id "$CLIENT" --url https://badges.contoso.com/ \
      --tls-cert "$TMP/cert.pem" --tls-key "$TMP/key.pem" --out "$TMP/tls" >/dev/null 2>&1
    sed 's|include sites-available/qrbadge-http.conf;|include sites-available/qrbadge.conf; include sites-available/qrbadge-http.conf;|' \
      "$TMP/tls/nginx/nginx.conf" > "$TMP/tls/nginx/both.conf"
    # Ports 80/443 need root and may be taken; IPv6 may be missing: test the same blocks on loopback.
    sed -i.orig -e '/listen \[::\]:/d' -e "s/listen 80;/listen 127.0.0.1:$PORT_REDIRECT;/" \
      -e "s/listen 443 ssl/listen 127.0.0.1:$PORT_TLS ssl/" "$TMP/tls/nginx/sites-available/qrbadge.conf"
    sed -i.orig "s/listen 127.0.0.1:8080;/listen 127.0.0.1:$PORT_HTTP;/" "$TMP/tls/nginx/sites-available/qrbadge-http.conf"
    check "nginx -t: TLS site and plain-HTTP site enabled together" \
      nginx -q -e stderr -t -p "$TMP/tls/nginx" -c both.conf
  else
    ok "nginx -t: TLS site # SKIP openssl is not installed"
  fi
fi

echo "# (c) Caddy"
if need caddy "apt: caddy"; then
  check "caddy validate: public host (automatic HTTPS)" \
    caddy validate --config "$PROD/caddy/Caddyfile" --adapter caddyfile
  check "caddy validate: http://127.0.0.1 site" \
    caddy validate --config "$LOCAL/caddy/Caddyfile" --adapter caddyfile
  check "deploy/caddy/Caddyfile is caddy-fmt clean" \
    sh -c 'caddy fmt "$1" | diff "$1" -' - "$REPO/deploy/caddy/Caddyfile"
fi

echo "# (c2) each path prefix gets its bundle (nginx and Caddy serving a sample dist/ on loopback)"
# The layout scripts/build-portal.sh writes: one bundle per audience, each in its prefix's directory.
# Each page names its bundle in <title>; one hashed asset per bundle.
for bundle in :employees kiosk:kiosk admin:admin; do
  dir="$TMP/dist/${bundle%%:*}"
  mkdir -p "$dir"
  printf '<!DOCTYPE html><title>%s</title>\n' "${bundle#*:}" >"$dir/index.html"
  printf 'export {};\n' >"$dir/qrbadge-0123456789abcdef.js"
done
printf '{}\n' >"$TMP/dist/config.json"
chmod -R a+rX "$TMP"   # nginx's workers run as nobody when nginx runs as root
# bundle_routes NAME ORIGIN: the page each path gets, the caching of a bundle's hashed file, and 404s.
bundle_routes() {
  local name="$1" origin="$2" pair path want got wrong="" i
  for i in $(seq 1 50); do curl -s -o /dev/null "$origin/" && break; sleep 0.1; done
  for pair in /:employees /pin:employees /print:employees /kiosks:employees /administrator:employees \
    /kiosk:kiosk /kiosk/:kiosk /kiosk/start:kiosk /admin:admin /admin/:admin /admin/team:admin /admin/print:admin; do
    path="${pair%%:*}" want="${pair#*:}"
    got="$(curl -s -H 'Accept: text/html' "$origin$path" | sed -n 's|.*<title>\(.*\)</title>.*|\1|p')"
    [ "$got" = "$want" ] || wrong="$wrong $path->${got:-nothing}"
  done
  if [ -z "$wrong" ]; then ok "$name: /kiosk… and /admin… get their bundle's index.html, every other route the employees'"
  else not_ok "$name: each path prefix gets its bundle's index.html" "$wrong"; fi
  got="$(curl -s -D - -o /dev/null "$origin/admin/qrbadge-0123456789abcdef.js" | tr -d '\r')"
  if printf '%s' "$got" | grep -qi '^cache-control: public, max-age=31536000, immutable' \
    && printf '%s' "$got" | grep -qi '^content-security-policy: '; then ok "$name: a bundle's hashed file is cached for a year"
  else not_ok "$name: a bundle's hashed file is cached for a year" "$got"; fi
  got="$(curl -s -o /dev/null -w '%{http_code}' -H 'Accept: text/html' "$origin/kiosk/missing-0123456789abcdef.js")"
  if [ "$got" = 404 ]; then ok "$name: a missing file of a bundle is 404, not its page"
  else not_ok "$name: a missing file of a bundle is 404, not its page" "HTTP $got"; fi
}
if command -v nginx >/dev/null 2>&1 && command -v curl >/dev/null 2>&1; then
  mkdir -p "$LOCAL/nginx/tmp"
  nginx -e stderr -p "$LOCAL/nginx" -c nginx.conf -g 'daemon off;' 2>"$TMP/nginx.log" &
  nginx_pid=$!
  bundle_routes nginx "http://127.0.0.1:$PORT_HTTP"
  kill "$nginx_pid" 2>/dev/null; wait "$nginx_pid" 2>/dev/null
fi
if command -v caddy >/dev/null 2>&1 && command -v curl >/dev/null 2>&1; then
  # The generated site, with no admin endpoint (another Caddy may run here) and its state in $TMP.
  printf '{\n\tadmin off\n}\nimport %s\n' "$LOCAL/caddy/Caddyfile" >"$TMP/Caddyfile.run"
  XDG_DATA_HOME="$TMP/caddy-data" XDG_CONFIG_HOME="$TMP/caddy-config" \
    caddy run --config "$TMP/Caddyfile.run" --adapter caddyfile >"$TMP/caddy.log" 2>&1 &
  caddy_pid=$!
  bundle_routes Caddy "http://127.0.0.1:$PORT_HTTP"
  kill "$caddy_pid" 2>/dev/null; wait "$caddy_pid" 2>/dev/null
fi

echo "# (d) Azure Static Web Apps"
SWA="$PROD/azure-static-web-apps/staticwebapp.config.json"
if command -v node >/dev/null 2>&1; then
  check "staticwebapp.config.json: documented keys, headers, fallback, MIME types, caching" node -e '
    const fs = require("fs"), [file, csp] = process.argv.slice(1);
    const c = JSON.parse(fs.readFileSync(file, "utf8"));
    // The top-level keys Microsoft documents (learn.microsoft.com/azure/static-web-apps/configuration).
    const documented = ["routes", "navigationFallback", "responseOverrides", "globalHeaders", "mimeTypes",
                        "networking", "forwardingGateway", "auth", "platform", "trailingSlash"];
    const problems = [];
    for (const key of Object.keys(c)) if (!documented.includes(key)) problems.push("undocumented key " + key);
    const h = c.globalHeaders || {};
    const want = { "Content-Security-Policy": csp, "Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff",
                   "Cross-Origin-Opener-Policy": "same-origin", "Strict-Transport-Security": "max-age=63072000; includeSubDomains" };
    for (const [name, value] of Object.entries(want)) if (h[name] !== value) problems.push(name + " is " + JSON.stringify(h[name]));
    if (!/screen-wake-lock=\(self\)/.test(h["Permissions-Policy"] || "")) problems.push("Permissions-Policy lacks screen-wake-lock=(self)");
    const fb = c.navigationFallback || {}, ex = fb.exclude || [];
    if (fb.rewrite !== "/index.html") problems.push("navigationFallback.rewrite is not /index.html");
    if (!ex.includes("/config.json")) problems.push("/config.json is not excluded from the fallback");
    for (const ext of ["js", "wasm", "css", "json", "svg"])
      if (!ex.some(p => new RegExp("[{,.]" + ext + "[,}]").test(p))) problems.push("." + ext + " is not excluded from the fallback");
    const mime = c.mimeTypes || {};
    if (mime[".wasm"] !== "application/wasm" || mime[".json"] !== "application/json") problems.push("mimeTypes");
    const cache = r => ((c.routes || []).find(x => x.route === r) || { headers: {} }).headers["Cache-Control"];
    if (cache("/index.html") !== "no-cache" || cache("/config.json") !== "no-cache") problems.push("index.html/config.json are not no-cache");
    if (cache("/*.{js,wasm,css}") !== "public, max-age=31536000, immutable") problems.push("hashed assets are not immutable");
    // The routes of each bundle rewrite to its index.html (rules apply in order, the first match wins),
    // after every rule that matches a file by its extension, so no file of a bundle is ever rewritten.
    const routes = c.routes || [], at = r => routes.findIndex(x => x.route === r);
    const lastFileRule = Math.max(...routes.map((x, i) => (/\*\.\{/.test(x.route) ? i : -1)));
    for (const bundle of ["kiosk", "admin"]) for (const route of ["/" + bundle, "/" + bundle + "/*"]) {
      const rule = routes[at(route)];
      if (!rule || rule.rewrite !== "/" + bundle + "/index.html") problems.push(route + " does not rewrite to /" + bundle + "/index.html");
      else if (at(route) < lastFileRule) problems.push(route + " comes before a file rule");
    }
    if (!routes.some(x => /^\/\*\.\{.*json/.test(x.route) && !x.rewrite)) problems.push("no rule keeps .json files from the bundle rewrites");
    if (problems.length) { console.log(problems.join("\n")); process.exit(1); }
  ' "$SWA" "$CSP_PROD"
  check "deploy/entra/app-manifest.json: SPA redirect URIs (the root for every bundle, the kiosk's sign-out), ten Graph delegated scopes" node -e '
    const m = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const uris = m.spa.redirectUris, graph = m.requiredResourceAccess.find(r => r.resourceAppId === "00000003-0000-0000-c000-000000000000");
    if (m.signInAudience !== "AzureADMyOrg" || JSON.stringify(uris) !== JSON.stringify(["__PUBLIC_URL__", "__PUBLIC_URL__kiosk"])) throw new Error("audience or redirect URIs");
    if (graph.resourceAccess.length !== 10 || graph.resourceAccess.some(a => a.type !== "Scope")) throw new Error("Graph scopes");
  ' "$REPO/deploy/entra/app-manifest.json"
fi

echo "# (e) the same headers everywhere"
# header_value FILE NAME: the value of header NAME as written in an nginx, Caddy or SWA file.
header_value() {
  sed -n -e "s/^ *add_header $2 \"\\([^\"]*\\)\" always;/\\1/p" -e "s/^[[:space:]]*$2 \"\\([^\"]*\\)\"\$/\\1/p" \
    -e "s/^ *\"$2\": \"\\([^\"]*\\)\",*\$/\\1/p" "$1" | head -n 1
}
NGX_HEADERS="$PROD/nginx/snippets/qrbadge/security-headers.conf" CADDY="$PROD/caddy/Caddyfile"
for name in Content-Security-Policy Permissions-Policy Referrer-Policy X-Content-Type-Options Cross-Origin-Opener-Policy; do
  n="$(header_value "$NGX_HEADERS" "$name")" c="$(header_value "$CADDY" "$name")" s="$(header_value "$SWA" "$name")"
  if [ -n "$n" ] && [ "$n" = "$c" ] && [ "$n" = "$s" ]; then ok "$name is the same in nginx, Caddy and Static Web Apps"
  else not_ok "$name is the same in nginx, Caddy and Static Web Apps" "nginx: $n"$'\n'"caddy: $c"$'\n'"swa:   $s"; fi
done
HSTS="max-age=63072000; includeSubDomains"
if grep -q "^ *on *\"$HSTS\";" "$PROD/nginx/sites-available/qrbadge.conf" \
  && grep -q "header @tls Strict-Transport-Security \"$HSTS\"" "$CADDY" \
  && [ "$(header_value "$SWA" Strict-Transport-Security)" = "$HSTS" ]; then
  ok "HSTS is the same in all three (nginx and Caddy: over TLS only)"
else not_ok "HSTS is the same in all three (nginx and Caddy: over TLS only)"; fi
csp="$(header_value "$NGX_HEADERS" Content-Security-Policy)"
if [ "$csp" = "$CSP_PROD" ]; then ok "the CSP is exactly the intended policy (no unsafe-inline, unsafe-eval or nonce)"
else not_ok "the CSP is exactly the intended policy" "$csp"; fi

echo "# (f) shell syntax"
for script in scripts/configure-deploy.sh scripts/check-deploy.sh deploy/entra/create-app.sh; do
  check "bash -n $script" bash -n "$REPO/$script"
done
check ".gitignore keeps deploy/out out of git" grep -qx '/deploy/out' "$REPO/.gitignore"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
