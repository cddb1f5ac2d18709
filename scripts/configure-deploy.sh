#!/usr/bin/env bash
# One command from a tenant's three facts to a deployable configuration:
#
#   scripts/configure-deploy.sh --tenant <tenant id or domain> --client-id <app guid> --url https://badges.example.com/
#
# writes, into deploy/out/ (git-ignored) or --out DIR:
#   config.json                                the portal's runtime configuration (copy into dist/)
#   nginx/sites-available/qrbadge.conf         nginx, TLS          } laid out like /etc/nginx;
#   nginx/sites-available/qrbadge-http.conf    nginx, plain HTTP   } see docs/DEPLOY.md
#   nginx/snippets/qrbadge/*.conf              their shared parts  }
#   nginx/nginx.conf                           standalone main config (tests, local trial)
#   caddy/Caddyfile
#   azure-static-web-apps/staticwebapp.config.json
# with the CSP's connect-src set to exactly the authority's and Graph's origins.
#
# Plain bash 3.2 + sed: a tenant administrator may run it on a Mac. Re-running with the same
# input rewrites the same files (idempotent). Exit status 2 and a message on bad input.
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
TEMPLATES="$REPO/deploy"

usage() {
  cat <<'EOF'
usage: scripts/configure-deploy.sh --tenant TENANT --client-id GUID --url https://HOST/ [options]

  --tenant TENANT          directory (tenant) id GUID, or a verified domain (contoso.onmicrosoft.com)
  --client-id GUID         the app registration's Application (client) ID
  --url URL                the portal's public URL: https://host[:port]/ (http only for localhost / 127.0.0.1)
options:
  --authority-host HOST    sign-in host or origin      (default login.microsoftonline.com)
  --graph ORIGIN           Microsoft Graph origin      (default https://graph.microsoft.com)
  --out DIR                output directory            (default deploy/out)
  --root DIR               where the web server finds dist/ (default /var/www/qrbadge)
  --listen ADDR:PORT       plain-HTTP listener of qrbadge-http.conf (default 127.0.0.1:8080,
                           or the URL's own port for an http://localhost URL)
  --tls-cert PATH          nginx certificate chain (default /etc/letsencrypt/live/HOST/fullchain.pem)
  --tls-key PATH           nginx private key       (default /etc/letsencrypt/live/HOST/privkey.pem)
  --organization NAME      organisation name shown on the portal and on badges
  --languages LIST         languages offered, comma-separated from en,es,fr,de (default: all four)
  --default-language TAG   language for browsers that ask for none offered (default: en, else the first)
  --kiosk-language TAG     language every new person at the kiosk starts in (default: --default-language)
EOF
}

die() { printf 'configure-deploy: %s\n' "$*" >&2; exit 2; }
lower() { printf '%s' "$1" | tr '[:upper:]' '[:lower:]'; }

GUID_RE='^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
DOMAIN_RE='^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$'
HOST_RE='^(localhost|([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}|[0-9]{1,3}(\.[0-9]{1,3}){3})$'
PATH_RE='^/[A-Za-z0-9._/+-]*$'   # no spaces, quotes, ; { } | & : safe inside every config syntax
LISTEN_RE='^(([0-9]{1,3}(\.[0-9]{1,3}){3}|\[[0-9a-f:]+\]|localhost):)?[0-9]{1,5}$'

tenant="" client_id="" url="" authority_host="login.microsoftonline.com" graph="https://graph.microsoft.com"
out="$REPO/deploy/out" root="/var/www/qrbadge" listen="" tls_cert="" tls_key="" organization=""
languages="en,es,fr,de" default_language="" kiosk_language=""
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --*=*) opt="${1%%=*}"; val="${1#*=}"; shift ;;
    --*) opt="$1"; [ $# -ge 2 ] || die "$opt needs a value (see --help)"; val="$2"; shift 2 ;;
    *) die "unexpected argument '$1' (see --help)" ;;
  esac
  case "$opt" in
    --tenant) tenant="$val" ;;
    --client-id) client_id="$val" ;;
    --url) url="$val" ;;
    --authority-host) authority_host="$val" ;;
    --graph) graph="$val" ;;
    --out) out="$val" ;;
    --root) root="$val" ;;
    --listen) listen="$val" ;;
    --tls-cert) tls_cert="$val" ;;
    --tls-key) tls_key="$val" ;;
    --organization) organization="$val" ;;
    --languages) languages="$val" ;;
    --default-language) default_language="$val" ;;
    --kiosk-language) kiosk_language="$val" ;;
    *) die "unknown option $opt (see --help)" ;;
  esac
done
[ -n "$tenant" ] && [ -n "$client_id" ] && [ -n "$url" ] || { usage >&2; die "--tenant, --client-id and --url are required"; }

# --- tenant: a GUID or a domain; never common/organizations/consumers (a single-tenant app) ---
tenant="$(lower "$tenant")"
case "$tenant" in
  common|organizations|consumers)
    die "--tenant '$tenant' is a multi-tenant alias; give your directory (tenant) id or one of its domains" ;;
esac
[[ $tenant =~ $GUID_RE || $tenant =~ $DOMAIN_RE ]] \
  || die "--tenant '$tenant' is neither a tenant id (GUID) nor a domain like contoso.onmicrosoft.com"

# --- client id: the app registration's GUID ---
client_id="$(lower "$client_id")"
[[ $client_id =~ $GUID_RE ]] || die "--client-id '$client_id' is not a GUID like 00001111-aaaa-2222-bbbb-3333cccc4444"
case "$client_id" in
  00000000-0000-0000-0000-000000000000) die "--client-id is the all-zero placeholder GUID" ;;
  00000003-0000-0000-c000-000000000000) die "--client-id is Microsoft Graph's own id; give the portal's app registration" ;;
esac

# parse_origin NAME VALUE -> sets o_scheme o_host o_port o_hostport o_origin.
# https anywhere; http only on the loopback host (local tests, the emulator). No user info,
# query, fragment or path (the portal lives at the root of its origin).
parse_origin() {
  local name="$1" value="$2" rest authority path
  case "$value" in
    https://*) o_scheme=https; rest="${value#https://}" ;;
    http://*) o_scheme=http; rest="${value#http://}" ;;
    *) die "$name '$value' must start with https://" ;;
  esac
  authority="${rest%%/*}"
  path="${rest#"$authority"}"
  case "$path" in ""|/) ;; *) die "$name '$value' must be an origin with no path, query or fragment (the portal is served at /)" ;; esac
  case "$authority" in *@*|*\?*|*\#*|"") die "$name '$value' is not a plain https://host[:port]/ URL" ;; esac
  o_host="$(lower "${authority%%:*}")"
  o_port=""
  case "$authority" in *:*) o_port="${authority#*:}" ;; esac
  [[ $o_host =~ $HOST_RE ]] || die "$name '$value': '$o_host' is not a host name"
  if [ -n "$o_port" ]; then
    [[ $o_port =~ ^[0-9]{1,5}$ ]] && [ "$o_port" -ge 1 ] && [ "$o_port" -le 65535 ] || die "$name '$value': bad port '$o_port'"
  fi
  if [ "$o_scheme" = http ]; then
    case "$o_host" in 127.0.0.1|localhost) ;; *) die "$name '$value' must use https:// (http:// is only allowed for localhost and 127.0.0.1)" ;; esac
  fi
  # Drop a default port so the origin is spelled as browsers spell it (CSP and redirect URIs).
  if { [ "$o_scheme" = https ] && [ "$o_port" = 443 ]; } || { [ "$o_scheme" = http ] && [ "$o_port" = 80 ]; }; then o_port=""; fi
  o_hostport="$o_host${o_port:+:$o_port}"
  o_origin="$o_scheme://$o_hostport"
}

parse_origin --url "$url"
url_scheme="$o_scheme" url_host="$o_host" url_port="$o_port" public_host="$o_hostport" public_url="$o_origin/"

case "$authority_host" in *://*) ;; *) authority_host="https://$authority_host" ;; esac
parse_origin --authority-host "$authority_host"
authority_origin="$o_origin"

parse_origin --graph "$graph"
graph_origin="$o_origin" graph_host="$o_host"

check_path() { [[ $2 =~ $PATH_RE ]] || die "$1 '$2' must be an absolute path of letters, digits and . _ - + /"; }
check_path --root "$root"
root="${root%/}"; [ -n "$root" ] || die "--root must not be /"
[ -n "$tls_cert" ] || tls_cert="/etc/letsencrypt/live/$url_host/fullchain.pem"
[ -n "$tls_key" ] || tls_key="/etc/letsencrypt/live/$url_host/privkey.pem"
check_path --tls-cert "$tls_cert"
check_path --tls-key "$tls_key"

if [ -z "$listen" ]; then
  if [ "$url_scheme" = http ]; then listen="127.0.0.1:${url_port:-80}"; else listen="127.0.0.1:8080"; fi
fi
[[ $listen =~ $LISTEN_RE ]] \
  || die "--listen '$listen' must be PORT or ADDRESS:PORT (e.g. 127.0.0.1:8080)"

case "$organization" in *[[:cntrl:]]*) die "--organization must be one line of text" ;; esac
org_json="null"
if [ -n "$organization" ]; then
  org_json="\"$(printf '%s' "$organization" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')\""
fi

# --- languages: the ones qrbadge is translated into (src/locale/choice.rs) ---
offered_json=""
IFS=',' read -r -a offered_list <<< "$languages"
for tag in "${offered_list[@]}"; do
  case "$tag" in en|es|fr|de) ;; *) die "--languages: '$tag' is not one of en, es, fr, de" ;; esac
  case ",$offered_json," in *"\"$tag\""*) continue ;; esac
  offered_json="${offered_json:+$offered_json, }\"$tag\""
done
[ -n "$offered_json" ] || die "--languages needs at least one of en, es, fr, de"
for pair in "--default-language:$default_language" "--kiosk-language:$kiosk_language"; do
  opt="${pair%%:*}" tag="${pair#*:}"
  [ -z "$tag" ] || case ",$languages," in *",$tag,"*) ;; *) die "$opt '$tag' is not among --languages ($languages)" ;; esac
done
default_json="null"; [ -z "$default_language" ] || default_json="\"$default_language\""
kiosk_language_json="null"; [ -z "$kiosk_language" ] || kiosk_language_json="\"$kiosk_language\""

# Graph scopes are named after the Graph resource. The emulator on loopback still expects the
# real resource name, so only a national-cloud Graph (graph.microsoft.us, …) changes the prefix.
scope_resource="https://graph.microsoft.com"
if [ "$graph_origin" != "https://graph.microsoft.com" ] && [ "${graph_origin#https://}" != "$graph_origin" ]; then
  case "$graph_host" in localhost|127.0.0.1) ;; *) scope_resource="$graph_origin" ;; esac
fi

# connect-src: exactly the two origins the portal talks to besides itself (once if they are one).
connect="$authority_origin $graph_origin"
[ "$authority_origin" != "$graph_origin" ] || connect="$authority_origin"
if [ "$url_scheme" = https ]; then site_address="$public_host"; tls_port="${url_port:-443}"; else site_address="http://$public_host"; tls_port=443; fi

# The standalone nginx.conf loads the brotli module itself; Debian's nginx.conf does it through
# /etc/nginx/modules-enabled/. Found via `nginx -V` when nginx is installed here.
brotli_line="# ngx_http_brotli_static_module not found here: install libnginx-mod-http-brotli-static"
modules_dir=""
if command -v nginx >/dev/null 2>&1; then
  modules_dir="$(nginx -V 2>&1 | sed -n 's/.*--modules-path=\([^ ]*\).*/\1/p')"
fi
for dir in $modules_dir /usr/lib/nginx/modules /usr/lib64/nginx/modules /usr/local/lib/nginx/modules; do
  if [ -f "$dir/ngx_http_brotli_static_module.so" ]; then
    brotli_line="load_module $dir/ngx_http_brotli_static_module.so;"; break
  fi
done

render() { # render TEMPLATE OUTPUT: substitute every placeholder, write atomically
  mkdir -p "$(dirname "$2")"
  sed -e "s|__AUTHORITY_ORIGIN__ __GRAPH_ORIGIN__|$connect|g" \
      -e "s|__AUTHORITY_ORIGIN__|$authority_origin|g" -e "s|__GRAPH_ORIGIN__|$graph_origin|g" \
      -e "s|__SERVER_NAME__|$url_host|g" -e "s|__PUBLIC_HOST__|$public_host|g" \
      -e "s|__SITE_ADDRESS__|$site_address|g" -e "s|__TLS_PORT__|$tls_port|g" \
      -e "s|__HTTP_LISTEN__|$listen|g" -e "s|__ROOT__|$root|g" \
      -e "s|__TLS_CERTIFICATE__|$tls_cert|g" -e "s|__TLS_CERTIFICATE_KEY__|$tls_key|g" \
      -e "s|__LOAD_BROTLI_MODULE__|$brotli_line|g" \
      "$1" > "$2.tmp"
  if grep -n '__[A-Z][A-Z_]*__' "$2.tmp" >&2; then rm -f "$2.tmp"; die "a placeholder was left in $2"; fi
  mv "$2.tmp" "$2"
}

mkdir -p "$out" || die "cannot create --out '$out'"
out="$(cd "$out" && pwd)"

render "$TEMPLATES/nginx/qrbadge.conf" "$out/nginx/sites-available/qrbadge.conf"
render "$TEMPLATES/nginx/qrbadge-http.conf" "$out/nginx/sites-available/qrbadge-http.conf"
render "$TEMPLATES/nginx/security-headers.conf" "$out/nginx/snippets/qrbadge/security-headers.conf"
render "$TEMPLATES/nginx/locations.conf" "$out/nginx/snippets/qrbadge/locations.conf"
render "$TEMPLATES/nginx/nginx-standalone.conf" "$out/nginx/nginx.conf"
mkdir -p "$out/nginx/tmp"
render "$TEMPLATES/caddy/Caddyfile" "$out/caddy/Caddyfile"
render "$TEMPLATES/azure-static-web-apps/staticwebapp.config.json" "$out/azure-static-web-apps/staticwebapp.config.json"

# config.json: the schema of src/config.rs (PortalConfig). Employees sign in with the
# self-service scopes only; adminScopes are requested when an administrator opens /admin, and
# pinScopes when someone opens /pin: Graph documents Directory.AccessAsUser.All as the only
# delegated permission for POST …/qrCodePinMethod/pin/updatePin (the person's own PIN change).
s="$scope_resource"
cat > "$out/config.json.tmp" <<EOF
{
  "auth": {
    "authority": "$authority_origin/$tenant",
    "clientId": "$client_id",
    "redirectUri": "$public_url",
    "postLogoutRedirectUri": "$public_url",
    "scopes": ["openid", "profile", "offline_access", "$s/User.Read", "$s/UserAuthMethod-QR.ReadWrite"],
    "adminScopes": ["$s/UserAuthMethod-QR.ReadWrite.All", "$s/User.Read.All", "$s/GroupMember.Read.All", "$s/Policy.Read.AuthenticationMethod"],
    "pinScopes": ["$s/Directory.AccessAsUser.All"]
  },
  "graph": { "baseUrl": "$graph_origin", "version": "beta" },
  "organization": { "name": $org_json, "logoUrl": null },
  "kiosk": { "idleTimeoutSeconds": 120, "language": $kiosk_language_json },
  "languages": { "offered": [$offered_json], "default": $default_json }
}
EOF
mv "$out/config.json.tmp" "$out/config.json"

cat <<EOF
configure-deploy: wrote $out
  portal URL      $public_url  (redirect and post-logout URI)
  registration    SPA redirect URIs $public_url and ${public_url}kiosk (every bundle signs in through the first;
                  the kiosk returns to the second after sign-out)
  authority       $authority_origin/$tenant
  Graph           $graph_origin (beta)
  CSP connect-src 'self' $connect
next: copy config.json into dist/ and install one hosting configuration (docs/DEPLOY.md)
EOF
