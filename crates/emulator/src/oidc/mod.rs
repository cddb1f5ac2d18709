//! Entra ID v2.0 sign-in, emulated: discovery, JWKS, authorize (with an account picker), token, logout.

pub mod authorize;
pub mod discovery;
pub mod error;
pub mod jwt;
pub mod logout;
pub mod params;
pub mod scopes;
pub mod sessions;
pub mod signin_page;
pub mod token;
pub mod tokens;

use axum::routing::get;
use axum::Router;

use crate::app::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/{tenant}/v2.0/.well-known/openid-configuration",
            get(discovery::openid_configuration),
        )
        .route("/{tenant}/discovery/v2.0/keys", get(discovery::jwks))
        .route(
            "/{tenant}/oauth2/v2.0/authorize",
            get(authorize::authorize_get).post(authorize::authorize_post),
        )
        .route(
            "/{tenant}/oauth2/v2.0/token",
            axum::routing::post(token::token),
        )
        .route(
            "/{tenant}/oauth2/v2.0/logout",
            get(logout::logout).post(logout::logout),
        )
        .route(signin_page::STYLESHEET_PATH, get(signin_page::stylesheet))
}
