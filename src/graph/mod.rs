//! The one module that talks to Microsoft Graph. Views call these functions and never build URLs,
//! headers or bodies themselves.

mod client;
mod directory;
mod error;
mod operations;
mod retry;

pub use client::{GraphClient, Target};
pub use directory::{BatchAnswer, Group};
pub use error::{ApiError, ErrorKind};
pub use qrpin::api::CodeKind;
pub use retry::{sleep, RetryNotice};

use qrpin::api::{METHOD_PATH, POLICY_PATH};
use qrpin::model::{QrCodePinMethod, QrCodePinPolicy, User};

impl GraphClient {
    /// `GET /me` (or `/users/{id}`).
    pub async fn user(&self, target: &Target) -> Result<User, ApiError> {
        self.get_json(&target.path("")).await
    }

    /// `GET …/authentication/qrCodePinMethod`; `None` when the user has no method (404).
    pub async fn qr_method(&self, target: &Target) -> Result<Option<QrCodePinMethod>, ApiError> {
        self.qr_method_until(target, None).await
    }

    /// The method, given up when `cancel` fires.
    async fn qr_method_until(
        &self,
        target: &Target,
        cancel: Option<web_sys::AbortSignal>,
    ) -> Result<Option<QrCodePinMethod>, ApiError> {
        match self.read(&target.path(METHOD_PATH), cancel).await {
            Ok(method) => Ok(Some(method)),
            Err(ApiError::Graph { status: 404, .. }) => Ok(None),
            Err(other) => Err(other),
        }
    }

    /// The tenant's QR code + PIN policy. Ordinary employees may not read it (403): callers fall
    /// back to Graph's documented bounds.
    pub async fn qr_policy(&self) -> Result<QrCodePinPolicy, ApiError> {
        self.get_json(POLICY_PATH).await
    }

    /// A resource that reads the method of `target` (re-read with `refetch` after a change). Its reads
    /// are cancelled when the component that created it goes away, so a slow answer for a page the person
    /// left never holds up the next page.
    pub fn qr_method_resource(
        &self,
        target: Target,
    ) -> leptos::prelude::LocalResource<Result<Option<QrCodePinMethod>, ApiError>> {
        let graph = self.clone();
        let cancel = web_sys::AbortController::new().ok();
        let signal = cancel.as_ref().map(|c| c.signal());
        let cancel = send_wrapper::SendWrapper::new(cancel);
        leptos::prelude::on_cleanup(move || {
            if let Some(controller) = cancel.take() {
                controller.abort();
            }
        });
        let signal = send_wrapper::SendWrapper::new(signal);
        leptos::prelude::LocalResource::new(move || {
            let (graph, target, signal) = (graph.clone(), target.clone(), (*signal).clone());
            async move { graph.qr_method_until(&target, signal).await }
        })
    }
}
