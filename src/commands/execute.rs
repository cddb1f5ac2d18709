//! How each command talks to Graph, and what its failures mean. One policy per operation:
//! creates and PIN changes are sent once (`Replay::Never` in the Graph client); after an answer that
//! may hide an applied change, the method is read to find out; deletes that find nothing are done.

use chrono::{DateTime, Utc};
use qrpin::model::{QrCodePinMethod, QrCodePinPolicy};
use qrpin::rules::{check_extension, expiry_after, LifetimeUnit};

use super::{Command, Failure, Outcome, Report, Secret, Subject};
use crate::auth::AuthError;
use crate::format::now;
use crate::graph::{ApiError, CodeKind, GraphClient, Target};

/// Runs `command` for `target`. `known` is the method as the page last read it (for checks that need
/// the current badge, and to tell whether a PIN change went through when its answer was lost).
pub(super) async fn execute(
    graph: &GraphClient,
    target: &Target,
    command: Command,
    known: Option<QrCodePinMethod>,
) -> Report {
    let started = now();
    match command {
        Command::CreateMethod { days, pin } => {
            let expire = expiry_after(started, days, LifetimeUnit::Days)
                .map_err(|p| Failure::Lifetime(p, LifetimeUnit::Days))?;
            let pin = pin.map(|p| p.expose().to_string());
            match graph.create_method(target, started, expire, pin).await {
                Ok(method) => Ok(Outcome::MethodCreated(Box::new(method))),
                Err(error) => settle(graph, target, error, Subject::Method, started).await,
            }
        }
        Command::CreateTemporary {
            hours,
            replace_active,
        } => {
            let expire = expiry_after(started, hours, LifetimeUnit::Hours)
                .map_err(|p| Failure::Lifetime(p, LifetimeUnit::Hours))?;
            if replace_active {
                delete_if_present(graph, target, CodeKind::Temporary).await?;
            }
            match graph
                .create_code(target, CodeKind::Temporary, started, expire)
                .await
            {
                Ok(code) => Ok(Outcome::CodeCreated {
                    code,
                    kind: CodeKind::Temporary,
                }),
                Err(error) => settle(graph, target, error, Subject::Temporary, started).await,
            }
        }
        Command::ReplaceBadge => {
            // A lost badge must stop working first; Graph refuses a second active code anyway.
            delete_if_present(graph, target, CodeKind::Standard).await?;
            let days = graph
                .qr_policy()
                .await
                .map(|p| p.standard_lifetime_days())
                .unwrap_or(QrCodePinPolicy::DEFAULT_LIFETIME_DAYS);
            let expire = expiry_after(started, days, LifetimeUnit::Days)
                .map_err(|p| Failure::Lifetime(p, LifetimeUnit::Days))?;
            match graph
                .create_code(target, CodeKind::Standard, started, expire)
                .await
            {
                Ok(code) => Ok(Outcome::CodeCreated {
                    code,
                    kind: CodeKind::Standard,
                }),
                Err(error) => settle(graph, target, error, Subject::Badge, started).await,
            }
        }
        Command::ExtendBadge { expire } => {
            let badge = known
                .and_then(|m| m.standard_qr_code)
                .ok_or(Failure::Refused(ApiError::Graph {
                    status: 404,
                    code: "itemNotFound".into(),
                    message: String::new(),
                    request_id: None,
                }))?;
            let expire = check_extension(&badge, expire, started).map_err(Failure::Extension)?;
            match graph.extend_standard_code(target, expire).await {
                Ok(code) => Ok(Outcome::BadgeExtended {
                    expire: code.expire_date_time.or(Some(expire)),
                }),
                Err(error) if error.may_have_been_applied() => {
                    // Extending twice to the same date is harmless, but first see whether it took.
                    match graph.qr_method(target).await {
                        Ok(Some(m))
                            if m.standard_qr_code.as_ref().and_then(|c| c.expire_date_time)
                                == Some(expire) =>
                        {
                            Ok(Outcome::BadgeExtended {
                                expire: Some(expire),
                            })
                        }
                        Ok(_) => Err(Failure::Refused(error)),
                        Err(_) => Err(Failure::Uncertain {
                            subject: Subject::Badge,
                            error,
                        }),
                    }
                }
                Err(error) => Err(refused(error)),
            }
        }
        Command::RevokeTemporary => delete_code(graph, target, CodeKind::Temporary).await,
        Command::DeleteMethod => match graph.delete_method(target).await {
            Ok(()) => Ok(Outcome::MethodDeleted),
            Err(ApiError::Graph { status: 404, .. }) => Ok(Outcome::AlreadyGone(Subject::Method)),
            Err(error) => Err(refused(error)),
        },
        Command::ChangePin { current, new } => {
            let before = known.as_ref().and_then(pin_changed_at);
            match graph
                .update_pin(target, current.expose().into(), new.expose().into())
                .await
            {
                Ok(()) => Ok(Outcome::PinChanged),
                Err(error) if error.may_have_been_applied() => {
                    // Graph never shows a PIN, but it does show when it last changed.
                    match graph.qr_method(target).await {
                        Ok(Some(after)) if before.is_some() && pin_changed_at(&after) != before => {
                            Ok(Outcome::PinChanged)
                        }
                        _ => Err(Failure::Uncertain {
                            subject: Subject::Pin,
                            error,
                        }),
                    }
                }
                Err(error) => Err(refused(error)),
            }
        }
        Command::ResetPin => match graph.reset_pin(target).await {
            Ok(pin) => Ok(Outcome::PinReset(Secret::new(pin.code.unwrap_or_default()))),
            // The new PIN exists only in the lost answer: resetting again is the way to get one.
            Err(error) if error.may_have_been_applied() => Err(Failure::Uncertain {
                subject: Subject::Pin,
                error,
            }),
            Err(error) => Err(refused(error)),
        },
    }
}

fn pin_changed_at(method: &QrCodePinMethod) -> Option<DateTime<Utc>> {
    method.pin.as_ref().and_then(|p| p.updated_date_time)
}

/// A refusal, or the need to sign in again, which pages handle apart from every other error.
fn refused(error: ApiError) -> Failure {
    match error {
        ApiError::ClaimsChallenge { claims } => Failure::NeedsSignIn {
            claims: Some(claims),
            redirecting: false,
        },
        ApiError::Auth(AuthError::InteractionRequired) => Failure::NeedsSignIn {
            claims: None,
            redirecting: false,
        },
        other => Failure::Refused(other),
    }
}

/// A create that did not get its answer: read the method to see what exists now.
///
/// - the thing exists from before this attempt: Graph refused (or would have) because one already
///   existed → `AlreadyExists`.
/// - lost answer and a new thing exists (started at or after this attempt, give or take clock skew) →
///   `AppliedButAnswerLost`: it was made, but its image and PIN went with the answer.
/// - lost answer and nothing new: nothing was made; the error stands and trying again is safe.
async fn settle(
    graph: &GraphClient,
    target: &Target,
    error: ApiError,
    subject: Subject,
    started: DateTime<Utc>,
) -> Report {
    let conflict = error.status() == Some(400);
    let ambiguous = error.may_have_been_applied();
    if !conflict && !ambiguous {
        return Err(refused(error));
    }
    let found = match graph.qr_method(target).await {
        Ok(found) => found,
        Err(_) if ambiguous => return Err(Failure::Uncertain { subject, error }),
        Err(_) => return Err(Failure::Refused(error)),
    };
    let existing = found.as_ref().and_then(|method| match subject {
        Subject::Method => method.created_date_time.or(Some(started)),
        Subject::Badge => method.standard_qr_code.as_ref().map(created_at(started)),
        Subject::Temporary => method.temporary_qr_code.as_ref().map(created_at(started)),
        Subject::Pin => None,
    });
    match existing {
        Some(created) if ambiguous && created >= started - CLOCK_SKEW => {
            Ok(Outcome::AppliedButAnswerLost(subject))
        }
        // One existed before this attempt, so this attempt could not have made another.
        Some(_) => Ok(Outcome::AlreadyExists(subject)),
        _ => Err(Failure::Refused(error)),
    }
}

/// Browsers' and Graph's clocks disagree a little; a code made within this of our attempt is ours.
const CLOCK_SKEW: chrono::Duration = chrono::Duration::minutes(5);

fn created_at(started: DateTime<Utc>) -> impl Fn(&qrpin::model::QrCode) -> DateTime<Utc> {
    move |code| {
        code.created_date_time
            .or(code.start_date_time)
            .unwrap_or(started)
    }
}

/// Deletes a code; one that is already gone is the same end state.
async fn delete_code(graph: &GraphClient, target: &Target, kind: CodeKind) -> Report {
    let subject = match kind {
        CodeKind::Standard => Subject::Badge,
        CodeKind::Temporary => Subject::Temporary,
    };
    match graph.delete_code(target, kind).await {
        Ok(()) => Ok(Outcome::Revoked),
        Err(ApiError::Graph { status: 404, .. }) => Ok(Outcome::AlreadyGone(subject)),
        Err(error) => Err(refused(error)),
    }
}

/// The first step of a replacement: whatever was there is gone afterwards.
async fn delete_if_present(
    graph: &GraphClient,
    target: &Target,
    kind: CodeKind,
) -> Result<(), Failure> {
    delete_code(graph, target, kind).await.map(drop)
}
