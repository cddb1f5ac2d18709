//! The one choice of a temporary code's lifetime, offered alike on every page that makes one.

use leptos::prelude::*;
use qrpin::rules::{parse_lifetime, LifetimeUnit, TEMPORARY_HOUR_CHOICES};

use super::lifetime_problem;
use crate::commands::{Command, Commands};

/// A select over the shared list of hours. It keeps what the page holds as text, so a value changed
/// behind the page's back (developer tools) is refused with words when read, never turned into a number.
#[component]
pub fn HoursSelect(
    id: &'static str,
    label: &'static str,
    /// The chosen value as the select holds it.
    chosen: RwSignal<String>,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    view! {
        <label for=id>{label}</label>
        <select id=id class=class on:change:target=move |ev| chosen.set(ev.target().value())>
            {TEMPORARY_HOUR_CHOICES
                .iter()
                .map(|h| {
                    let h = *h;
                    view! {
                        <option value=h.to_string() selected=move || chosen.get() == h.to_string()>
                            {if h == 1 { "1 hour".to_string() } else { format!("{h} hours") }}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
}

/// The hours in `chosen`, or what is wrong with them in words.
pub fn chosen_hours(chosen: &str) -> Result<u32, String> {
    parse_lifetime(chosen, LifetimeUnit::Hours)
        .map_err(|problem| lifetime_problem(problem, LifetimeUnit::Hours))
}

/// Creates a temporary code for the hours in `chosen`, or says in `problem` why it cannot: the one way every
/// page (self-service, kiosk, administrator) turns the select into a command.
pub fn create_temporary(
    commands: Commands,
    chosen: &str,
    replace_active: bool,
    problem: WriteSignal<Option<String>>,
) {
    match chosen_hours(chosen) {
        Ok(hours) => {
            problem.set(None);
            commands.run(Command::CreateTemporary {
                hours,
                replace_active,
            });
        }
        Err(words) => problem.set(Some(words)),
    }
}
