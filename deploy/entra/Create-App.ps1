<#
.SYNOPSIS
    Registers the qrbadge portal in Microsoft Entra with the Microsoft Graph PowerShell SDK, then
    writes the deploy configuration for it (scripts/configure-deploy.sh, when bash is available).

.DESCRIPTION
    NOT RUN IN THIS REPOSITORY'S CHECKS: it needs a real tenant, the Microsoft.Graph modules and
    an administrator who may create applications and grant consent (Cloud Application
    Administrator or Privileged Role Administrator). It mirrors deploy/entra/create-app.sh.

    Creates (or, found by display name, updates) a single-tenant application with:
      - SPA redirect URIs: the portal's root (every bundle signs in through it) and /kiosk (the
        kiosk's return after sign-out);
      - the Microsoft Graph delegated permissions, their ids looked up by name in the tenant;
      - the login_hint optional claim in the ID token (sign-out sends it as logout_hint);
    its service principal, and admin consent: the self-service scopes for everyone
    (AllPrincipals), the administrator scopes only for the users given with -Admin (Principal).
    A tenant-wide grant of the .All scopes would put them into every employee's access token.

.EXAMPLE
    ./deploy/entra/Create-App.ps1 -Tenant contoso.onmicrosoft.com -Url https://badges.contoso.com/ -Admin alex@contoso.com
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)] [string] $Tenant,
    [Parameter(Mandatory = $true)] [string] $Url,
    [string[]] $Admin = @(),
    [string] $Name = 'qrbadge'
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$GraphAppId = '00000003-0000-0000-c000-000000000000'
$SelfServiceScopes = @('openid', 'profile', 'offline_access', 'User.Read', 'UserAuthMethod-QR.ReadWrite', 'Directory.AccessAsUser.All')
$AdminScopes = @('UserAuthMethod-QR.ReadWrite.All', 'User.Read.All', 'GroupMember.Read.All', 'Policy.Read.AuthenticationMethod')

# The portal lives at the root of an https origin (http only on this machine, for tests).
$uri = $null
if (-not [System.Uri]::TryCreate($Url, [System.UriKind]::Absolute, [ref] $uri)) { throw "-Url '$Url' is not a URL" }
$loopback = $uri.Host -in @('localhost', '127.0.0.1')
if (-not ($uri.Scheme -eq 'https' -or ($uri.Scheme -eq 'http' -and $loopback))) { throw "-Url '$Url' must use https://" }
if ($uri.AbsolutePath -ne '/' -or $uri.Query -or $uri.Fragment -or $uri.UserInfo) {
    throw "-Url '$Url' must be an origin with no path, query, fragment or user (the portal is served at /)"
}
$base = $uri.GetLeftPart([System.UriPartial]::Authority) + '/'   # lower-case host, default port dropped

# A new application takes a few seconds to reach every directory replica.
function Invoke-WithRetry([scriptblock] $Action) {
    for ($attempt = 1; ; $attempt++) {
        try { return & $Action }
        catch { if ($attempt -ge 6) { throw } ; Start-Sleep -Seconds (5 * $attempt) }
    }
}

Import-Module Microsoft.Graph.Authentication, Microsoft.Graph.Applications, Microsoft.Graph.Identity.SignIns, Microsoft.Graph.Users
Connect-MgGraph -TenantId $Tenant -NoWelcome -Scopes @(
    'Application.ReadWrite.All',            # create the application and its service principal
    'DelegatedPermissionGrant.ReadWrite.All', # grant admin consent
    'User.ReadBasic.All'                    # find the -Admin users
)

# Permission ids by name from this tenant's Microsoft Graph service principal (the ids in
# app-manifest.json that could not be confirmed do not matter here).
$graphSp = Get-MgServicePrincipal -Filter "appId eq '$GraphAppId'"
$access = foreach ($scope in $SelfServiceScopes + $AdminScopes) {
    $permission = $graphSp.Oauth2PermissionScopes | Where-Object { $_.Value -eq $scope }
    if (-not $permission) { throw "Microsoft Graph in this tenant has no delegated permission '$scope'" }
    @{ Id = $permission.Id; Type = 'Scope' }
}

$settings = @{
    Spa                    = @{ RedirectUris = @($base, "${base}kiosk") }
    Web                    = @{ ImplicitGrantSettings = @{ EnableAccessTokenIssuance = $false; EnableIdTokenIssuance = $false } }
    RequiredResourceAccess = @(@{ ResourceAppId = $GraphAppId; ResourceAccess = @($access) })
    OptionalClaims         = @{ IdToken = @(@{ Name = 'login_hint'; Essential = $false }) }
}
$escapedName = $Name -replace "'", "''"
$app = Get-MgApplication -Filter "displayName eq '$escapedName'" | Select-Object -First 1
if ($app) {
    Invoke-WithRetry { Update-MgApplication -ApplicationId $app.Id @settings }
    Write-Host "Create-App: updated application $Name ($($app.AppId))"
} else {
    $app = New-MgApplication -DisplayName $Name -SignInAudience 'AzureADMyOrg' @settings
    Write-Host "Create-App: created application $Name ($($app.AppId))"
}

$sp = Get-MgServicePrincipal -Filter "appId eq '$($app.AppId)'" | Select-Object -First 1
if (-not $sp) { $sp = Invoke-WithRetry { New-MgServicePrincipal -AppId $app.AppId } }

# Create or replace one delegated permission grant of the portal to Microsoft Graph.
function Set-Grant([string] $ConsentType, [string] $PrincipalId, [string[]] $Scopes) {
    $filter = "clientId eq '$($sp.Id)' and resourceId eq '$($graphSp.Id)' and consentType eq '$ConsentType'"
    if ($PrincipalId) { $filter += " and principalId eq '$PrincipalId'" }
    $existing = Get-MgOauth2PermissionGrant -Filter $filter | Select-Object -First 1
    if ($existing) {
        Update-MgOauth2PermissionGrant -OAuth2PermissionGrantId $existing.Id -Scope ($Scopes -join ' ')
    } else {
        $body = @{ ClientId = $sp.Id; ConsentType = $ConsentType; ResourceId = $graphSp.Id; Scope = ($Scopes -join ' ') }
        if ($PrincipalId) { $body.PrincipalId = $PrincipalId }
        New-MgOauth2PermissionGrant -BodyParameter $body | Out-Null
    }
}
Set-Grant -ConsentType 'AllPrincipals' -PrincipalId '' -Scopes $SelfServiceScopes
Write-Host "Create-App: admin consent for everyone: $($SelfServiceScopes -join ' ')"
foreach ($upn in $Admin) {
    $user = Get-MgUser -UserId $upn
    Set-Grant -ConsentType 'Principal' -PrincipalId $user.Id -Scopes ($SelfServiceScopes + $AdminScopes)
    Write-Host "Create-App: administrator scopes for $upn"
}
if ($Admin.Count -eq 0) { Write-Host 'Create-App: no -Admin given: administrators are asked to consent when they first open /admin' }

Write-Host "Create-App: client id $($app.AppId)"
$configure = Join-Path $PSScriptRoot '../../scripts/configure-deploy.sh'
if (Get-Command bash -ErrorAction SilentlyContinue) {
    & bash $configure --tenant $Tenant --client-id $app.AppId --url $Url
    if ($LASTEXITCODE -ne 0) { throw "configure-deploy.sh failed ($LASTEXITCODE)" }
} else {
    Write-Host "Now run, where bash is available: scripts/configure-deploy.sh --tenant $Tenant --client-id $($app.AppId) --url $Url"
}
