//! The one module that talks to Microsoft Graph. Views call these functions and never build URLs,
//! headers or bodies themselves.

mod client;
mod directory;
mod error;
mod operations;
mod retry;

pub use client::{GraphClient, Target};
pub use directory::{BatchAnswer, Group};
pub use error::ApiError;
pub use operations::CodeKind;
pub use retry::sleep;

use qrpin::model::{QrCodePinMethod, QrCodePinPolicy, User};

impl GraphClient {
    /// `GET /me` (or `/users/{id}`).
    pub async fn user(&self, target: &Target) -> Result<User, ApiError> {
        self.get_json(&target.path("")).await
    }

    /// `GET …/authentication/qrCodePinMethod`; `None` when the user has no method (404).
    pub async fn qr_method(&self, target: &Target) -> Result<Option<QrCodePinMethod>, ApiError> {
        match self
            .get_json(&target.path("/authentication/qrCodePinMethod"))
            .await
        {
            Ok(method) => Ok(Some(method)),
            Err(ApiError::Graph { status: 404, .. }) => Ok(None),
            Err(other) => Err(other),
        }
    }

    /// The tenant's QR code + PIN policy. Ordinary employees may not read it (403): callers fall
    /// back to Graph's documented bounds.
    pub async fn qr_policy(&self) -> Result<QrCodePinPolicy, ApiError> {
        self.get_json(
            "/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/qrCodePin",
        )
        .await
    }

    /// A resource that reads the method of `target` (re-read with `refetch` after a change).
    pub fn qr_method_resource(
        &self,
        target: Target,
    ) -> leptos::prelude::LocalResource<Result<Option<QrCodePinMethod>, ApiError>> {
        let graph = self.clone();
        leptos::prelude::LocalResource::new(move || {
            let (graph, target) = (graph.clone(), target.clone());
            async move { graph.qr_method(&target).await }
        })
    }
}
