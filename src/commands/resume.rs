//! Finishing a command after Graph asked for a fresh sign-in (the 10-minute rule answers 401 with a claims
//! challenge). The command is remembered in sessionStorage for the round trip without any secret: a PIN the
//! person typed is never stored, so a PIN change or a chosen PIN is asked for again. What comes back from
//! storage is checked like typed input: a tampered entry is dropped, never acted on.

use chrono::{DateTime, Utc};
use leptos::task::spawn_local;
use qrpin::rules::{check_lifetime, LifetimeUnit};
use serde::{Deserialize, Serialize};

use super::Command;
use crate::auth::{protocol::Prompt, sign_in};
use crate::browser::session_key;
use crate::config::PortalConfig;

const RESUME_KEY: &str = session_key!("resume");

/// A command without its secrets, and the page it was started on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Stored {
    path: String,
    command: StoredCommand,
}

/// What was started, with the fields its action uses (the others are absent). Stored as
/// `{"action":"createTemporary","hours":8,"replaceActive":false}`. A flat struct rather than an internally tagged
/// enum: serde reads such an enum through its buffered `Content` machinery, several KB of every employee's wasm
/// (bench/README.md, "Where the bytes are"); `restored` checks that the action's fields are there.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredCommand {
    action: Action,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    days: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    own_pin: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    hours: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    replace_active: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    expire: Option<DateTime<Utc>>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
enum Action {
    CreateMethod,
    CreateTemporary,
    RevokeTemporary,
    ExtendBadge,
    ReplaceBadge,
    DeleteMethod,
    #[default]
    ChangePin,
}

impl StoredCommand {
    fn of(action: Action) -> Self {
        StoredCommand {
            action,
            ..StoredCommand::default()
        }
    }
}

/// A command found on return from a re-authentication.
#[derive(Clone, Debug, PartialEq)]
pub enum Resumed {
    /// Complete: send it again as it was.
    Ready(Command),
    /// Set-up with a PIN the person chose: the page asks for the PIN again, with these days filled in.
    CreateMethodNeedsPin { days: u32 },
    /// A PIN change: the page asks for both PINs again.
    ChangePinNeedsPins,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.session_storage().ok().flatten())
}

fn current_path() -> String {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_else(|| "/".into())
}

fn stored(command: &Command) -> Option<StoredCommand> {
    Some(match command {
        Command::CreateMethod { days, pin } => StoredCommand {
            days: Some(*days),
            own_pin: Some(pin.is_some()),
            ..StoredCommand::of(Action::CreateMethod)
        },
        Command::CreateTemporary {
            hours,
            replace_active,
        } => StoredCommand {
            hours: Some(*hours),
            replace_active: Some(*replace_active),
            ..StoredCommand::of(Action::CreateTemporary)
        },
        Command::RevokeTemporary => StoredCommand::of(Action::RevokeTemporary),
        Command::ExtendBadge { expire } => StoredCommand {
            expire: Some(*expire),
            ..StoredCommand::of(Action::ExtendBadge)
        },
        Command::ReplaceBadge => StoredCommand::of(Action::ReplaceBadge),
        Command::DeleteMethod => StoredCommand::of(Action::DeleteMethod),
        Command::ChangePin { .. } => StoredCommand::of(Action::ChangePin),
        // Only administrators reset PINs, and their pages have nothing to resume.
        Command::ResetPin => return None,
    })
}

/// Validates what came back from storage; anything out of bounds, or missing a field its action needs, is dropped.
fn restored(command: StoredCommand) -> Option<Resumed> {
    Some(match command.action {
        Action::CreateMethod => {
            let days = check_lifetime(command.days?, LifetimeUnit::Days).ok()?;
            if command.own_pin? {
                Resumed::CreateMethodNeedsPin { days }
            } else {
                Resumed::Ready(Command::CreateMethod { days, pin: None })
            }
        }
        Action::CreateTemporary => Resumed::Ready(Command::CreateTemporary {
            hours: check_lifetime(command.hours?, LifetimeUnit::Hours).ok()?,
            replace_active: command.replace_active?,
        }),
        Action::RevokeTemporary => Resumed::Ready(Command::RevokeTemporary),
        // The extension itself is checked against the badge by the command, like a typed date.
        Action::ExtendBadge => Resumed::Ready(Command::ExtendBadge {
            expire: command.expire?,
        }),
        Action::ReplaceBadge => Resumed::Ready(Command::ReplaceBadge),
        Action::DeleteMethod => Resumed::Ready(Command::DeleteMethod),
        Action::ChangePin => Resumed::ChangePinNeedsPins,
    })
}

/// The command left by a re-authentication started on this page, if any (read once).
pub(super) fn take_for_this_page() -> Option<Resumed> {
    let storage = storage()?;
    let raw = storage.get_item(RESUME_KEY).ok().flatten()?;
    let entry: Stored = serde_json::from_str(&raw).ok()?;
    if entry.path != current_path() {
        // Left for the page it belongs to; sign-out clears it with every other `qrbadge.` key.
        return None;
    }
    let _ = storage.remove_item(RESUME_KEY);
    restored(entry.command)
}

/// Remembers `command` and sends the person to sign in again; they come back to this page.
pub(super) fn sign_in_and_resume(config: &PortalConfig, command: &Command, claims: Option<String>) {
    let here = current_path();
    if let (Some(storage), Some(command)) = (storage(), stored(command)) {
        let entry = Stored {
            path: here.clone(),
            command,
        };
        if let Ok(json) = serde_json::to_string(&entry) {
            let _ = storage.set_item(RESUME_KEY, &json);
        }
    }
    let config = config.clone();
    spawn_local(async move {
        let prompt = if claims.is_some() {
            Prompt::Login
        } else {
            Prompt::Default
        };
        let _ = sign_in(&config, prompt, &here, claims.as_deref()).await;
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_commands_carry_no_pin() {
        let command = Command::ChangePin {
            current: super::super::Secret::new("40617293".into()),
            new: super::super::Secret::new("73920561".into()),
        };
        let json = serde_json::to_string(&stored(&command).unwrap()).unwrap();
        assert!(!json.contains("4061") && !json.contains("7392"), "{json}");
        let own = Command::CreateMethod {
            days: 30,
            pin: Some(super::super::Secret::new("58203914".into())),
        };
        let json = serde_json::to_string(&stored(&own).unwrap()).unwrap();
        assert!(!json.contains("5820"), "{json}");
        assert_eq!(
            restored(serde_json::from_str(&json).unwrap()),
            Some(Resumed::CreateMethodNeedsPin { days: 30 })
        );
    }

    #[test]
    fn tampered_entries_are_dropped() {
        for json in [
            r#"{"action":"createTemporary","hours":100000000,"replaceActive":false}"#,
            r#"{"action":"createTemporary","hours":0,"replaceActive":false}"#,
            r#"{"action":"createMethod","days":4294967295,"ownPin":false}"#,
        ] {
            let command: StoredCommand = serde_json::from_str(json).unwrap();
            assert_eq!(restored(command), None, "{json}");
        }
        assert!(serde_json::from_str::<Stored>(
            r#"{"path":"/","command":{"action":"createTemporary","hours":-5}}"#
        )
        .is_err());
        for json in [
            r#"{"action":"createTemporary","hours":8}"#,
            r#"{"action":"createMethod","ownPin":false}"#,
            r#"{"action":"extendBadge"}"#,
        ] {
            let command: StoredCommand = serde_json::from_str(json).unwrap();
            assert_eq!(restored(command), None, "{json}");
        }
        assert!(serde_json::from_str::<StoredCommand>(r#"{"action":"resetPin"}"#).is_err());
    }

    #[test]
    fn entries_are_written_as_before() {
        let expire = DateTime::parse_from_rfc3339("2027-03-09T08:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        for (command, json) in [
            (
                Command::CreateTemporary {
                    hours: 8,
                    replace_active: true,
                },
                r#"{"action":"createTemporary","hours":8,"replaceActive":true}"#,
            ),
            (
                Command::CreateMethod {
                    days: 30,
                    pin: None,
                },
                r#"{"action":"createMethod","days":30,"ownPin":false}"#,
            ),
            (
                Command::ExtendBadge { expire },
                r#"{"action":"extendBadge","expire":"2027-03-09T08:00:00Z"}"#,
            ),
            (Command::RevokeTemporary, r#"{"action":"revokeTemporary"}"#),
            (Command::DeleteMethod, r#"{"action":"deleteMethod"}"#),
        ] {
            let stored = stored(&command).unwrap();
            assert_eq!(serde_json::to_string(&stored).unwrap(), json);
            assert_eq!(restored(stored), Some(Resumed::Ready(command)));
        }
    }
}
