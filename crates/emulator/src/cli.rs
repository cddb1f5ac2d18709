//! Command-line flags.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;

use qrpin::model::ErrorCorrectionLevel;

use crate::config::{self, EmulatorConfig, ExternalIssuer};

#[derive(Debug, Parser)]
#[command(
    name = "qrbadge-emulator",
    version,
    about = "Emulates Microsoft Graph's QR code + PIN authentication method API and Entra ID v2.0 sign-in for the qrbadge portal"
)]
pub struct Args {
    /// Address to listen on; loopback only (127.0.0.1:<port>, port 0 picks a free one).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Serve the built portal from this folder at `/` (SPA routes fall back to index.html).
    #[arg(long)]
    pub dist: Option<PathBuf>,
    /// Seed the tenant from this JSON file instead of the built-in seed.
    #[arg(long)]
    pub seed: Option<PathBuf>,
    /// Enable the /_emulator/* test-control endpoints (clock, faults, reset, seed, tokens).
    #[arg(long)]
    pub test_control: bool,
    /// Keep the directory in this JSON file across restarts (atomic writes).
    #[arg(long)]
    pub state: Option<PathBuf>,
    /// Tenant id used in the authority, issuer and tokens.
    #[arg(long, default_value = config::DEFAULT_TENANT_ID)]
    pub tenant: String,
    /// Application (client) id of the portal.
    #[arg(long, default_value = config::DEFAULT_CLIENT_ID)]
    pub client_id: String,
    /// Access and ID token lifetime in seconds.
    #[arg(long, default_value_t = 3600)]
    pub token_lifetime_secs: i64,
    /// Other origins (scheme://host:port) allowed as redirect_uri / post_logout_redirect_uri.
    #[arg(long = "allow-redirect-origin")]
    pub allow_redirect_origins: Vec<String>,
    /// QR error correction level for generated codes: l, m, q or h.
    #[arg(long, default_value = "m", value_parser = parse_level)]
    pub qr_level: ErrorCorrectionLevel,
    /// Smallest QR version to use (1-40); the smallest that holds the payload is used when larger.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(i16).range(1..=40))]
    pub qr_min_version: i16,
    /// Also accept access tokens from an external OpenID provider: ISSUER=JWKS_URL_OR_FILE (repeatable).
    #[arg(long = "trust-issuer", value_parser = parse_external)]
    pub trust_issuers: Vec<ExternalIssuer>,
    /// Answer `/v1.0/…/qrCodePinMethod` with 400 (unknown segment), as v1.0's metadata suggests it may.
    #[arg(long)]
    pub v1_strict: bool,
    /// Sign out like a plain OpenID Connect RP-Initiated Logout 1.0 provider, not like Entra: no
    /// `login_hint` claim in ID tokens, `logout_hint` ignored, no account picker. In both modes
    /// `post_logout_redirect_uri` is honoured only with a valid `id_token_hint` or `client_id`.
    #[arg(long)]
    pub strict_logout: bool,
    /// Audience external tokens must carry (default: the Graph resource or the client id).
    #[arg(long)]
    pub external_audience: Option<String>,
}

fn parse_level(text: &str) -> Result<ErrorCorrectionLevel, String> {
    match ErrorCorrectionLevel::parse(text) {
        ErrorCorrectionLevel::Unknown(_) => Err(format!("{text:?} is not one of l, m, q, h")),
        level => Ok(level),
    }
}

fn parse_external(text: &str) -> Result<ExternalIssuer, String> {
    let (issuer, jwks) = text
        .split_once('=')
        .ok_or_else(|| "expected ISSUER=JWKS_URL".to_string())?;
    Ok(ExternalIssuer {
        issuer: issuer.to_string(),
        jwks_location: jwks.to_string(),
        audience: None,
    })
}

impl Args {
    pub fn into_config(self) -> EmulatorConfig {
        let audience = self.external_audience.clone();
        EmulatorConfig {
            tenant_id: self.tenant,
            client_id: self.client_id,
            dist_dir: self.dist,
            seed_file: self.seed,
            state_file: self.state,
            test_control: self.test_control,
            v1_without_qr_method: self.v1_strict,
            strict_logout: self.strict_logout,
            access_token_lifetime: chrono::Duration::seconds(self.token_lifetime_secs.max(60)),
            extra_redirect_origins: self.allow_redirect_origins,
            qr_level: self.qr_level,
            qr_min_version: self.qr_min_version,
            external_issuers: self
                .trust_issuers
                .into_iter()
                .map(|issuer| ExternalIssuer {
                    audience: audience.clone(),
                    ..issuer
                })
                .collect(),
            ..EmulatorConfig::default()
        }
    }
}
