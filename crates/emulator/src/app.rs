//! The emulator's shared state and the router that serves every surface.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use axum::middleware;
use axum::routing::get;
use axum::Router;

use crate::clock::Clock;
use crate::config::EmulatorConfig;
use crate::faults::FaultQueue;
use crate::graph::external::ExternalTrust;
use crate::oidc::jwt::SigningKeys;
use crate::oidc::sessions::SignInState;
use crate::oidc::signin_page::origin_of;
use crate::store::persist::StateFile;
use crate::store::seed::{SeedError, SeedSpec};
use crate::store::{Store, StoreError};
use crate::throttle::Throttle;

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Seed(#[from] SeedError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot generate the token signing key: {0}")]
    Key(#[from] rsa::Error),
}

pub struct Emulator {
    pub config: EmulatorConfig,
    pub clock: Clock,
    pub store: Store,
    pub keys: Arc<SigningKeys>,
    pub sign_in: SignInState,
    pub faults: FaultQueue,
    pub throttle: Throttle,
    pub external: Arc<ExternalTrust>,
    /// Issuers we have put in tokens (one per origin the emulator was reached on).
    issuers: Mutex<HashSet<String>>,
}

pub type AppState = Arc<Emulator>;

impl Emulator {
    /// `keys` is passed in so tests can share one generated key instead of paying for one per test.
    pub fn new(config: EmulatorConfig, keys: Arc<SigningKeys>) -> Result<Emulator, StartupError> {
        let clock = Clock::new();
        let seed = match &config.seed_file {
            Some(path) => SeedSpec::from_file(path)?,
            None => SeedSpec::built_in()?,
        };
        let state_file = config.state_file.clone().map(StateFile::new);
        let store = Store::open(seed, state_file, clock.now())?;
        let external = Arc::new(ExternalTrust::new(config.external_issuers.clone()));
        Ok(Emulator {
            config,
            clock,
            store,
            keys,
            sign_in: SignInState::default(),
            faults: FaultQueue::default(),
            throttle: Throttle::default(),
            external,
            issuers: Mutex::new(HashSet::new()),
        })
    }

    /// The tenant segment may be our tenant id or the multi-tenant aliases an app might configure.
    pub fn is_our_tenant(&self, segment: &str) -> bool {
        segment.eq_ignore_ascii_case(&self.config.tenant_id)
            || segment.eq_ignore_ascii_case("organizations")
            || segment.eq_ignore_ascii_case("common")
    }

    /// `<origin>/<tenant>/v2.0`, remembered so Graph can tell our issuers from forged ones.
    pub fn issuer_for(&self, origin: &str) -> String {
        let issuer = format!("{origin}/{}/v2.0", self.config.tenant_id);
        self.issuers
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .insert(issuer.clone());
        issuer
    }

    pub fn is_known_issuer(&self, issuer: &str) -> bool {
        self.issuers
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .contains(issuer)
    }

    /// Codes may only go back to the emulator's own origin or an origin allowed on the command line.
    pub fn redirect_uri_allowed(&self, redirect_uri: &str, own_origin: &str) -> bool {
        let Some(origin) = origin_of(redirect_uri) else {
            return false;
        };
        origin == own_origin.to_ascii_lowercase()
            || self
                .config
                .extra_redirect_origins
                .iter()
                .any(|allowed| allowed.trim_end_matches('/').eq_ignore_ascii_case(&origin))
    }
}

pub fn build_router(state: AppState) -> Router {
    let mut router = Router::new()
        .route("/config.json", get(crate::portal_config::config_json))
        .merge(crate::oidc::routes())
        .merge(crate::graph::routes());
    if state.config.test_control {
        router = router.merge(crate::control::routes());
    }
    router
        .fallback(crate::static_files::serve)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::faults::inject_faults,
        ))
        .layer(middleware::from_fn(crate::http::cors::cors))
        .layer(middleware::from_fn(
            crate::http::request_id::assign_request_ids,
        ))
        .with_state(state)
}
