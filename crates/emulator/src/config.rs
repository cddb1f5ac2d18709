//! Settings that shape the emulator's behaviour; filled from the command line (see `cli.rs`) or by tests.

use std::path::PathBuf;

use chrono::Duration;
use qrpin::model::ErrorCorrectionLevel;

/// Default tenant id, the one the portal's checked-in configuration and the e2e scripts expect.
pub const DEFAULT_TENANT_ID: &str = "11111111-2222-3333-4444-555555555555";
/// Default application (client) id of the portal's app registration.
pub const DEFAULT_CLIENT_ID: &str = "6a1b2c3d-0000-4000-8000-00000000c0de";

/// An external OpenID provider whose access tokens Graph calls also accept.
#[derive(Clone, Debug)]
pub struct ExternalIssuer {
    /// Exact `iss` value the provider puts in its tokens.
    pub issuer: String,
    /// Where its JSON Web Key Set lives: `http://…`, `https://…` or a local file path.
    pub jwks_location: String,
    /// Audience the tokens must carry; `None` accepts the Graph audience or the portal's client id.
    pub audience: Option<String>,
}

#[derive(Clone, Debug)]
pub struct EmulatorConfig {
    pub tenant_id: String,
    pub client_id: String,
    pub organization_name: String,
    pub dist_dir: Option<PathBuf>,
    pub seed_file: Option<PathBuf>,
    pub state_file: Option<PathBuf>,
    pub test_control: bool,
    pub access_token_lifetime: Duration,
    /// Self-service writes older than this (since the token's `auth_time`) get a claims challenge.
    pub recent_auth_window: Duration,
    /// SPA refresh tokens stop working this long after the sign-in that produced them (non-sliding).
    pub refresh_token_horizon: Duration,
    pub authorization_code_lifetime: Duration,
    /// Origins (`scheme://host[:port]`) besides the emulator's own that may receive authorization codes.
    pub extra_redirect_origins: Vec<String>,
    pub qr_level: ErrorCorrectionLevel,
    pub qr_min_version: i16,
    pub external_issuers: Vec<ExternalIssuer>,
    /// Reproduce the v1.0 metadata gap: `qrCodePinMethod` under `/v1.0` is an unknown segment (400).
    pub v1_without_qr_method: bool,
    /// Sign-out as a plain OpenID Connect RP-Initiated Logout 1.0 provider instead of Entra: ID tokens
    /// carry no `login_hint` claim, `logout_hint` is ignored and no account picker is shown.
    pub strict_logout: bool,
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        EmulatorConfig {
            tenant_id: DEFAULT_TENANT_ID.to_string(),
            client_id: DEFAULT_CLIENT_ID.to_string(),
            organization_name: "Contoso Frontline".to_string(),
            dist_dir: None,
            seed_file: None,
            state_file: None,
            test_control: false,
            access_token_lifetime: Duration::hours(1),
            recent_auth_window: Duration::minutes(10),
            refresh_token_horizon: Duration::hours(24),
            authorization_code_lifetime: Duration::minutes(10),
            extra_redirect_origins: Vec::new(),
            qr_level: ErrorCorrectionLevel::M,
            qr_min_version: 1,
            external_issuers: Vec::new(),
            v1_without_qr_method: false,
            strict_logout: false,
        }
    }
}
