//! The QR code + PIN operations, one function each. Each says whether it may be sent again on its own
//! ([`Replay`]): only deletes may.

use chrono::{DateTime, Utc};
use gloo_net::http::Method;
use qrpin::model::{
    CreateMethodRequest, NewPin, QrCode, QrCodePinMethod, QrCodeWindow, QrPin, UpdatePinRequest,
};

use qrpin::api::{CodeKind, METHOD_PATH, PIN_PATH, UPDATE_PIN_PATH};

use super::client::{read_json, GraphClient, Target};
use super::retry::Replay;
use super::ApiError;

fn to_json<T: serde::Serialize>(body: &T) -> Result<String, ApiError> {
    serde_json::to_string(body).map_err(|e| ApiError::Unreadable {
        detail: e.to_string(),
        request_id: None,
    })
}

impl GraphClient {
    /// `PUT …/qrCodePinMethod`: the only answer that carries the badge image and the PIN.
    pub async fn create_method(
        &self,
        target: &Target,
        start: DateTime<Utc>,
        expire: DateTime<Utc>,
        pin: Option<String>,
    ) -> Result<QrCodePinMethod, ApiError> {
        let body = to_json(&CreateMethodRequest {
            standard_qr_code: QrCodeWindow {
                start_date_time: Some(start),
                expire_date_time: Some(expire),
            },
            pin: Some(NewPin { code: pin }),
        })?;
        let response = self
            .send(
                Method::PUT,
                &target.path(METHOD_PATH),
                Some(body),
                Replay::Never,
            )
            .await?;
        read_json(response).await
    }

    /// `DELETE …/qrCodePinMethod`: both codes and the PIN are gone.
    pub async fn delete_method(&self, target: &Target) -> Result<(), ApiError> {
        self.send(
            Method::DELETE,
            &target.path(METHOD_PATH),
            None,
            Replay::Safe,
        )
        .await
        .map(drop)
    }

    /// `PATCH …/{standardQRCode|temporaryQRCode}` when none is active: 201 with the image.
    pub async fn create_code(
        &self,
        target: &Target,
        kind: CodeKind,
        start: DateTime<Utc>,
        expire: DateTime<Utc>,
    ) -> Result<QrCode, ApiError> {
        let body = to_json(&qrpin::model::QrCodeWindow {
            start_date_time: Some(start),
            expire_date_time: Some(expire),
        })?;
        let response = self
            .send(
                Method::PATCH,
                &target.path(kind.path()),
                Some(body),
                Replay::Never,
            )
            .await?;
        read_json(response).await
    }

    /// `PATCH …/standardQRCode` with only `expireDateTime` (up to 395 days from the start).
    pub async fn extend_standard_code(
        &self,
        target: &Target,
        expire: DateTime<Utc>,
    ) -> Result<QrCode, ApiError> {
        let body = to_json(&QrCodeWindow {
            start_date_time: None,
            expire_date_time: Some(expire),
        })?;
        let response = self
            .send(
                Method::PATCH,
                &target.path(CodeKind::Standard.path()),
                Some(body),
                Replay::Never,
            )
            .await?;
        read_json(response).await
    }

    /// `DELETE …/{standardQRCode|temporaryQRCode}`: the code stops signing anyone in.
    pub async fn delete_code(&self, target: &Target, kind: CodeKind) -> Result<(), ApiError> {
        self.send(
            Method::DELETE,
            &target.path(kind.path()),
            None,
            Replay::Safe,
        )
        .await
        .map(drop)
    }

    /// `PATCH …/pin` (administrators): Entra generates a new temporary PIN, shown once.
    pub async fn reset_pin(&self, target: &Target) -> Result<QrPin, ApiError> {
        let body = to_json(&NewPin { code: None })?;
        let response = self
            .send(
                Method::PATCH,
                &target.path(PIN_PATH),
                Some(body),
                Replay::Never,
            )
            .await?;
        read_json(response).await
    }

    /// `pin/updatePin`: POST as the metadata says, PATCH as the docs say when POST answers 405.
    pub async fn update_pin(
        &self,
        target: &Target,
        current_pin: String,
        new_pin: String,
    ) -> Result<(), ApiError> {
        let path = target.path(UPDATE_PIN_PATH);
        let body = to_json(&UpdatePinRequest {
            current_pin,
            new_pin,
        })?;
        match self
            .send(Method::POST, &path, Some(body.clone()), Replay::Never)
            .await
        {
            Err(ApiError::Graph { status: 405, .. }) => self
                .send(Method::PATCH, &path, Some(body), Replay::Never)
                .await
                .map(drop),
            other => other.map(drop),
        }
    }
}
