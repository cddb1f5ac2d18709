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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "action",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
enum StoredCommand {
    CreateMethod { days: u32, own_pin: bool },
    CreateTemporary { hours: u32, replace_active: bool },
    RevokeTemporary,
    ExtendBadge { expire: DateTime<Utc> },
    ReplaceBadge,
    DeleteMethod,
    ChangePin,
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
        Command::CreateMethod { days, pin } => StoredCommand::CreateMethod {
            days: *days,
            own_pin: pin.is_some(),
        },
        Command::CreateTemporary {
            hours,
            replace_active,
        } => StoredCommand::CreateTemporary {
            hours: *hours,
            replace_active: *replace_active,
        },
        Command::RevokeTemporary => StoredCommand::RevokeTemporary,
        Command::ExtendBadge { expire } => StoredCommand::ExtendBadge { expire: *expire },
        Command::ReplaceBadge => StoredCommand::ReplaceBadge,
        Command::DeleteMethod => StoredCommand::DeleteMethod,
        Command::ChangePin { .. } => StoredCommand::ChangePin,
        // Only administrators reset PINs, and their pages have nothing to resume.
        Command::ResetPin => return None,
    })
}

/// Validates what came back from storage; anything out of bounds is dropped.
fn restored(command: StoredCommand) -> Option<Resumed> {
    Some(match command {
        StoredCommand::CreateMethod { days, own_pin } => {
            let days = check_lifetime(days, LifetimeUnit::Days).ok()?;
            if own_pin {
                Resumed::CreateMethodNeedsPin { days }
            } else {
                Resumed::Ready(Command::CreateMethod { days, pin: None })
            }
        }
        StoredCommand::CreateTemporary {
            hours,
            replace_active,
        } => Resumed::Ready(Command::CreateTemporary {
            hours: check_lifetime(hours, LifetimeUnit::Hours).ok()?,
            replace_active,
        }),
        StoredCommand::RevokeTemporary => Resumed::Ready(Command::RevokeTemporary),
        // The extension itself is checked against the badge by the command, like a typed date.
        StoredCommand::ExtendBadge { expire } => Resumed::Ready(Command::ExtendBadge { expire }),
        StoredCommand::ReplaceBadge => Resumed::Ready(Command::ReplaceBadge),
        StoredCommand::DeleteMethod => Resumed::Ready(Command::DeleteMethod),
        StoredCommand::ChangePin => Resumed::ChangePinNeedsPins,
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
    }
}
