//! Runtime configuration, fetched from `/config.json` at start-up so one build serves any tenant.
//!
//! The vocabulary is MSAL's (authority, clientId, redirectUri, scopes) so an Entra administrator
//! recognises every field; pointing `authority` at `https://login.microsoftonline.com/{tenant}` and
//! `graph.baseUrl` at `https://graph.microsoft.com` is all a real deployment changes.

use qrpin::api::GraphVersion;
use serde::Deserialize;

use crate::locale::{Language, LanguageSettings};

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct PortalConfig {
    pub auth: AuthConfig,
    pub graph: GraphConfig,
    #[serde(default)]
    pub organization: OrganizationConfig,
    #[serde(default)]
    pub kiosk: KioskConfig,
    /// The languages offered and the organisation's default (`src/locale/choice.rs`).
    #[serde(default)]
    pub languages: LanguageSettings,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct AuthConfig {
    /// `https://login.microsoftonline.com/{tenant}` or the emulator's `http://127.0.0.1:PORT/{tenant}`.
    pub authority: String,
    pub client_id: String,
    pub redirect_uri: String,
    #[serde(default)]
    pub post_logout_redirect_uri: Option<String>,
    /// Requested at sign-in: the self-service scopes only (no `.All` scope).
    pub scopes: Vec<String>,
    /// Added by a second authorization round trip when an administrator opens `/admin`.
    #[serde(default = "default_admin_scopes")]
    pub admin_scopes: Vec<String>,
    /// Added the same way when someone opens `/pin`: Graph documents `updatePin` with
    /// `Directory.AccessAsUser.All` as its only delegated permission.
    #[serde(default = "default_pin_scopes")]
    pub pin_scopes: Vec<String>,
}

/// Scopes a page needs beyond the sign-in scopes, asked for only when the page is opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExtraScopes {
    /// `auth.adminScopes`, for the administrator pages.
    Admin,
    /// `auth.pinScopes`, for the PIN change.
    Pin,
}

impl AuthConfig {
    pub fn extra_scopes(&self, extra: ExtraScopes) -> &[String] {
        match extra {
            ExtraScopes::Admin => &self.admin_scopes,
            ExtraScopes::Pin => &self.pin_scopes,
        }
    }
}

const GRAPH: &str = "https://graph.microsoft.com";

fn default_admin_scopes() -> Vec<String> {
    [
        "UserAuthMethod-QR.ReadWrite.All",
        "User.Read.All",
        "GroupMember.Read.All",
        "Policy.Read.AuthenticationMethod",
    ]
    .iter()
    .map(|scope| format!("{GRAPH}/{scope}"))
    .collect()
}

fn default_pin_scopes() -> Vec<String> {
    vec![format!("{GRAPH}/Directory.AccessAsUser.All")]
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct GraphConfig {
    pub base_url: String,
    /// `"beta"` (the default) or `"v1.0"`.
    #[serde(default)]
    pub version: GraphVersion,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct OrganizationConfig {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub logo_url: Option<String>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct KioskConfig {
    #[serde(default = "default_idle_timeout")]
    pub idle_timeout_seconds: u32,
    /// The language every new person at the kiosk starts in (they may switch on the start screen);
    /// `languages.default` when absent.
    #[serde(default)]
    pub language: Option<Language>,
}

impl Default for KioskConfig {
    fn default() -> Self {
        Self {
            idle_timeout_seconds: default_idle_timeout(),
            language: None,
        }
    }
}

fn default_idle_timeout() -> u32 {
    120
}

impl PortalConfig {
    pub fn parse(json: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(json)
    }

    /// Graph URL for a path relative to the version root, e.g. `/me`.
    pub fn graph_url(&self, version: GraphVersion, path: &str) -> String {
        format!(
            "{}/{}{}",
            self.graph.base_url.trim_end_matches('/'),
            version.segment(),
            path
        )
    }

    /// The organisation's name, when `config.json` gives one.
    pub fn organization_name(&self) -> Option<&str> {
        self.organization
            .name
            .as_deref()
            .filter(|name| !name.trim().is_empty())
    }

    /// The language a new person at the kiosk starts in.
    pub fn kiosk_language(&self) -> Language {
        self.kiosk
            .language
            .filter(|l| self.languages.offered().contains(l))
            .unwrap_or_else(|| self.languages.default_language())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENTRA: &str = r#"{
        "auth": {"authority": "https://login.microsoftonline.com/contoso.onmicrosoft.com",
                 "clientId": "00001111-aaaa-2222-bbbb-3333cccc4444",
                 "redirectUri": "https://badges.contoso.com/",
                 "scopes": ["openid", "https://graph.microsoft.com/UserAuthMethod-QR.ReadWrite"]},
        "graph": {"baseUrl": "https://graph.microsoft.com/"}
    }"#;

    #[test]
    fn entra_config_defaults_to_beta_and_builds_graph_urls() {
        let config = PortalConfig::parse(ENTRA).expect("valid config");
        assert_eq!(config.graph.version, GraphVersion::Beta);
        assert_eq!(
            config.graph_url(config.graph.version, "/me/authentication/qrCodePinMethod"),
            "https://graph.microsoft.com/beta/me/authentication/qrCodePinMethod"
        );
        assert_eq!(config.kiosk.idle_timeout_seconds, 120);
        assert_eq!(config.organization_name(), None);
        assert_eq!(config.languages.offered().len(), 4);
        assert_eq!(config.kiosk_language(), Language::English);
    }

    #[test]
    fn the_organisation_chooses_its_languages_and_the_kiosk_default() {
        let json = ENTRA.replace(
            r#""graph":"#,
            r#""languages": {"offered": ["es", "en"], "default": "es"},
               "kiosk": {"language": "de"}, "graph":"#,
        );
        let config = PortalConfig::parse(&json).expect("valid config");
        assert_eq!(config.languages.default_language(), Language::Spanish);
        // German is not offered, so the kiosk starts in the organisation's default.
        assert_eq!(config.kiosk_language(), Language::Spanish);
        let json = json.replace(r#""language": "de""#, r#""language": "en""#);
        let config = PortalConfig::parse(&json).expect("valid config");
        assert_eq!(config.kiosk_language(), Language::English);
    }

    #[test]
    fn v1_is_selectable() {
        let json = ENTRA.replace(
            r#""baseUrl": "https://graph.microsoft.com/""#,
            r#""baseUrl": "https://graph.microsoft.com", "version": "v1.0""#,
        );
        let config = PortalConfig::parse(&json).expect("valid config");
        assert_eq!(
            config.graph_url(config.graph.version, "/me"),
            "https://graph.microsoft.com/v1.0/me"
        );
    }

    #[test]
    fn the_extra_scopes_default_to_graphs_administrator_and_pin_permissions() {
        let config = PortalConfig::parse(ENTRA).expect("valid config");
        assert_eq!(
            config.auth.extra_scopes(ExtraScopes::Admin),
            [
                "https://graph.microsoft.com/UserAuthMethod-QR.ReadWrite.All",
                "https://graph.microsoft.com/User.Read.All",
                "https://graph.microsoft.com/GroupMember.Read.All",
                "https://graph.microsoft.com/Policy.Read.AuthenticationMethod",
            ]
        );
        assert_eq!(
            config.auth.extra_scopes(ExtraScopes::Pin),
            ["https://graph.microsoft.com/Directory.AccessAsUser.All"]
        );
        let json = ENTRA.replace(
            r#""redirectUri""#,
            r#""adminScopes": ["api://x/Admin"], "pinScopes": [], "redirectUri""#,
        );
        let config = PortalConfig::parse(&json).expect("valid config");
        assert_eq!(
            config.auth.extra_scopes(ExtraScopes::Admin),
            ["api://x/Admin"]
        );
        assert!(config.auth.extra_scopes(ExtraScopes::Pin).is_empty());
    }

    #[test]
    fn missing_client_id_is_an_error() {
        let json = ENTRA.replace(r#""clientId": "00001111-aaaa-2222-bbbb-3333cccc4444","#, "");
        assert!(PortalConfig::parse(&json).is_err());
    }
}
