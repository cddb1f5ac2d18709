#!/usr/bin/env bash
# Registers the qrbadge portal in Microsoft Entra with the Azure CLI, then writes the deploy
# configuration for it (scripts/configure-deploy.sh).
#
# NOT RUN IN THIS REPOSITORY'S CHECKS: it needs a real tenant and `az login` as an administrator
# who may create applications and grant consent (Cloud Application Administrator or Privileged
# Role Administrator). scripts/check-deploy.sh only checks its syntax (bash -n).
#
#   deploy/entra/create-app.sh --tenant contoso.onmicrosoft.com --url https://badges.contoso.com/ \
#       [--admin alex@contoso.com ...] [--name qrbadge] [configure-deploy.sh options]
#
# Safe to run again: it finds the application by display name and updates it.
#
# Consent, least privilege (docs/DEPLOY.md "Permissions"): the self-service scopes are granted
# for everyone (AllPrincipals). The administrator scopes are granted only to the users named
# with --admin (one grant per user, consentType Principal): Entra puts every consented Graph
# permission of a user into that user's access token, so a tenant-wide grant of the .All scopes
# would put them into every employee's token even though the portal does not ask for them.
set -euo pipefail

REPO="$(cd "$(dirname "$0")/../.." && pwd)"
GRAPH_APP_ID=00000003-0000-0000-c000-000000000000
SELF_SERVICE_SCOPES="openid profile offline_access User.Read UserAuthMethod-QR.ReadWrite Directory.AccessAsUser.All"
ADMIN_SCOPES="UserAuthMethod-QR.ReadWrite.All User.Read.All GroupMember.Read.All Policy.Read.AuthenticationMethod"

die() { printf 'create-app: %s\n' "$*" >&2; exit 2; }
# A new application takes a few seconds to reach every directory replica: retry, then give up.
retry() { local n; for n in 1 2 3 4 5 6; do "$@" && return 0; sleep $((n * 5)); done; "$@"; }

tenant="" url="" name="qrbadge" admins="" passthrough=()
while [ $# -gt 0 ]; do
  case "$1" in
    --tenant) tenant="${2:-}"; shift 2 ;;
    --url) url="${2:-}"; shift 2 ;;
    --name) name="${2:-}"; shift 2 ;;
    --admin) admins="$admins ${2:-}"; shift 2 ;;
    --*) [ $# -ge 2 ] || die "$1 needs a value"; passthrough+=("$1" "$2"); shift 2 ;;
    *) die "unexpected argument '$1'" ;;
  esac
done
[ -n "$tenant" ] && [ -n "$url" ] || die "usage: $0 --tenant TENANT --url https://host/ [--admin UPN ...] [--name NAME]"
command -v az >/dev/null 2>&1 || die "the Azure CLI (az) is not installed"

# Validate everything before touching the tenant: a dry run of configure-deploy.sh with a
# placeholder client id refuses a bad tenant or URL with the same messages.
dry="$(mktemp -d)"; trap 'rm -rf "$dry"' EXIT
# (--out comes last so that a --out given for the real run does not apply here.)
"$REPO/scripts/configure-deploy.sh" --tenant "$tenant" --client-id 11111111-1111-1111-1111-111111111111 \
  --url "$url" ${passthrough[@]+"${passthrough[@]}"} --out "$dry" >/dev/null
base="$(sed -n 's/.*"redirectUri": "\(.*\)",/\1/p' "$dry/config.json")"   # normalised, ends with /

az account show >/dev/null 2>&1 || az login --tenant "$tenant" --allow-no-subscriptions >/dev/null
echo "create-app: signed in to tenant $(az account show --query tenantId -o tsv)"

# Permission ids are looked up by name in this tenant's Microsoft Graph service principal, so
# the ids in deploy/entra/app-manifest.json that could not be confirmed do not matter here.
graph_sp="$(az ad sp show --id "$GRAPH_APP_ID" --query id -o tsv)"
access=""
for scope in $SELF_SERVICE_SCOPES $ADMIN_SCOPES; do
  id="$(az ad sp show --id "$GRAPH_APP_ID" --query "oauth2PermissionScopes[?value=='$scope'].id | [0]" -o tsv)"
  [ -n "$id" ] || die "Microsoft Graph in this tenant has no delegated permission '$scope' (national cloud? preview not yet rolled out?)"
  access="$access${access:+,}{\"id\":\"$id\",\"type\":\"Scope\"}"
done

app_id="$(az ad app list --display-name "$name" --query "[0].appId" -o tsv)"
if [ -z "$app_id" ]; then
  app_id="$(az ad app create --display-name "$name" --sign-in-audience AzureADMyOrg --query appId -o tsv)"
  echo "create-app: created application $name ($app_id)"
else
  echo "create-app: updating existing application $name ($app_id)"
fi
object_id="$(az ad app show --id "$app_id" --query id -o tsv)"

# One PATCH for what `az ad app create/update` cannot set (SPA redirect URIs) or sets awkwardly.
# Redirect URIs: the root (every bundle's sign-in comes back there, and the root page hands the answer
# to the page that asked: ARCHITECTURE.md, "Bundles"; also the post-logout URI) and /kiosk (where the
# kiosk returns after sign-out): both on the portal's own origin.
# login_hint in the ID token lets sign-out send logout_hint, so Entra skips its account picker.
cat > "$dry/app.json" <<EOF
{
  "spa": { "redirectUris": ["$base", "${base}kiosk"] },
  "web": { "implicitGrantSettings": { "enableAccessTokenIssuance": false, "enableIdTokenIssuance": false } },
  "requiredResourceAccess": [ { "resourceAppId": "$GRAPH_APP_ID", "resourceAccess": [ $access ] } ],
  "optionalClaims": { "idToken": [ { "name": "login_hint", "essential": false } ] }
}
EOF
retry az rest --method PATCH --uri "https://graph.microsoft.com/v1.0/applications/$object_id" \
  --headers "Content-Type=application/json" --body "@$dry/app.json" >/dev/null

sp_id="$(az ad sp show --id "$app_id" --query id -o tsv 2>/dev/null || true)"
[ -n "$sp_id" ] || sp_id="$(retry az ad sp create --id "$app_id" --query id -o tsv)"

# grant CONSENT_TYPE PRINCIPAL_ID SCOPES: create or replace one delegated permission grant.
grant() {
  local filter="clientId eq '$sp_id' and resourceId eq '$graph_sp' and consentType eq '$1'"
  [ "$1" = AllPrincipals ] || filter="$filter and principalId eq '$2'"
  local existing
  existing="$(az rest --method GET --uri "https://graph.microsoft.com/v1.0/oauth2PermissionGrants?\$filter=$filter" --query "value[0].id" -o tsv)"
  if [ -n "$existing" ] && [ "$existing" != None ]; then
    az rest --method PATCH --uri "https://graph.microsoft.com/v1.0/oauth2PermissionGrants/$existing" \
      --headers "Content-Type=application/json" --body "{\"scope\":\"$3\"}" >/dev/null
  else
    local principal=""; [ "$1" = AllPrincipals ] || principal=",\"principalId\":\"$2\""
    az rest --method POST --uri "https://graph.microsoft.com/v1.0/oauth2PermissionGrants" \
      --headers "Content-Type=application/json" \
      --body "{\"clientId\":\"$sp_id\",\"consentType\":\"$1\",\"resourceId\":\"$graph_sp\",\"scope\":\"$3\"$principal}" >/dev/null
  fi
}
grant AllPrincipals "" "$SELF_SERVICE_SCOPES"
echo "create-app: admin consent for everyone: $SELF_SERVICE_SCOPES"
for upn in $admins; do
  user_id="$(az ad user show --id "$upn" --query id -o tsv)" || die "no user $upn"
  grant Principal "$user_id" "$SELF_SERVICE_SCOPES $ADMIN_SCOPES"
  echo "create-app: administrator scopes for $upn"
done
[ -n "$admins" ] || echo "create-app: no --admin given: administrators are asked to consent when they first open /admin"

echo "create-app: client id $app_id"
"$REPO/scripts/configure-deploy.sh" --tenant "$tenant" --client-id "$app_id" --url "$url" ${passthrough[@]+"${passthrough[@]}"}
