//! "Add a reminder to my calendar": an iCalendar file (RFC 5545) with two all-day events for the employee's badge,
//! one [`REMINDER_DAYS_BEFORE`] days before it expires (with an alarm) and one on the day it expires.
//!
//! - **Dates are the person's own**: the portal computes the local expiry date and today's date in the browser's
//!   time zone and passes them in; the events are floating all-day dates (`DTSTART;VALUE=DATE`, `DTEND` the next
//!   day), which every calendar shows on that date wherever the person is.
//! - **Re-downloading updates, never duplicates**: each event's `UID` is derived from the badge code's id and the
//!   event's kind, so it stays the same for the life of the code (an extension moves the same events).
//!   `SEQUENCE` counts the minutes of `DTSTAMP` since 1970, so a later download supersedes an earlier one.
//! - **No secret**: nothing of the QR code travels but a hash of its id (the id is part of what the code
//!   encodes, so it is not written as it is); never its image or payload, never a PIN.
//! - **The alarm** (`VALARM`, `ACTION:DISPLAY`) rings at 09:00 on the reminder's day: an all-day event starts at
//!   local midnight, and `TRIGGER:PT9H` is nine hours after that start, so nobody is woken at midnight.
//! - **Words** (summary, description) come from the caller in the person's language; the renewal URL is added to
//!   the description and as the events' `URL`.
//! - **Format**: CRLF after every line; TEXT values escaped (`\\`, `\;`, `\,`, `\n`); lines folded at 75 octets
//!   with CRLF and a space, never inside a UTF-8 character.

use chrono::{DateTime, Datelike, Days, NaiveDate, Timelike, Utc};
use sha2::{Digest, Sha256};

use crate::model::QrCode;

/// How many days before the expiry the reminder comes.
pub const REMINDER_DAYS_BEFORE: u64 = 14;
/// `PRODID` of every file: who made it (not shown to people).
pub const PRODUCT_ID: &str = "-//qrbadge//Badge expiry reminder//EN";
/// The alarm's trigger, relative to the start of the all-day event (local midnight): 09:00 that day.
pub const ALARM_TRIGGER: &str = "PT9H";
/// The right-hand side of every `UID`.
const UID_DOMAIN: &str = "qrbadge";
/// RFC 5545 §3.1: content lines longer than this many octets (without the CRLF) are folded.
pub const MAX_LINE_OCTETS: usize = 75;

/// The two events of a reminder file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReminderEvent {
    /// [`REMINDER_DAYS_BEFORE`] days before the expiry, with an alarm.
    Reminder,
    /// The day the badge stops working.
    ExpiryDay,
}

impl ReminderEvent {
    fn uid_part(self) -> &'static str {
        match self {
            ReminderEvent::Reminder => "renew-reminder",
            ReminderEvent::ExpiryDay => "expiry-day",
        }
    }
}

/// An event's words, in the person's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventText<'a> {
    pub summary: &'a str,
    pub description: &'a str,
}

/// Everything a reminder file is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExpiryReminder<'a> {
    /// The badge (standard) code; only its id is used, hashed.
    pub code: &'a QrCode,
    /// The day the badge expires, in the person's time zone.
    pub expires_on: NaiveDate,
    /// Today, in the person's time zone: a reminder whose day has passed is left out.
    pub today: NaiveDate,
    /// When the file is made (`DTSTAMP`).
    pub stamp: DateTime<Utc>,
    pub reminder: EventText<'a>,
    pub expiry_day: EventText<'a>,
    /// Where to renew the badge: an absolute `https://` (or `http://`) URL in ASCII.
    pub renew_url: &'a str,
}

/// Why no reminder file can be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReminderProblem {
    /// The code has no id, so its events could not keep one `UID` across downloads.
    NoCodeId,
    /// The badge expired before today: there is nothing to be reminded of.
    ExpiryPassed,
    /// A date outside the years 0001–9999 that iCalendar can write.
    DateOutOfRange,
    /// The renewal URL is not an absolute http(s) URL of printable ASCII.
    InvalidUrl,
}

/// For logs and developers only (the variant's name), never a sentence for people.
impl std::fmt::Display for ReminderProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self, f)
    }
}

impl std::error::Error for ReminderProblem {}

/// The `UID` of one event of a code's reminder: a hash of the code id and the event's kind, `@qrbadge`.
pub fn reminder_uid(code_id: &str, event: ReminderEvent) -> String {
    let digest = Sha256::digest(format!("qrbadge badge code\0{code_id}").as_bytes());
    let hex: String = digest[..16]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    format!("{hex}-{}@{UID_DOMAIN}", event.uid_part())
}

/// The whole `.ics` text, or why it cannot be made.
pub fn expiry_calendar(reminder: &ExpiryReminder<'_>) -> Result<String, ReminderProblem> {
    let code_id = reminder.code.id.trim();
    if code_id.is_empty() {
        return Err(ReminderProblem::NoCodeId);
    }
    check_url(reminder.renew_url)?;
    if reminder.expires_on < reminder.today {
        return Err(ReminderProblem::ExpiryPassed);
    }
    let reminder_on = reminder
        .expires_on
        .checked_sub_days(Days::new(REMINDER_DAYS_BEFORE))
        .ok_or(ReminderProblem::DateOutOfRange)?;
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        format!("PRODID:{PRODUCT_ID}"),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
    ];
    if reminder_on >= reminder.today {
        let event = Event {
            kind: ReminderEvent::Reminder,
            on: reminder_on,
            text: reminder.reminder,
        };
        lines.extend(event.lines(code_id, reminder)?);
    }
    let event = Event {
        kind: ReminderEvent::ExpiryDay,
        on: reminder.expires_on,
        text: reminder.expiry_day,
    };
    lines.extend(event.lines(code_id, reminder)?);
    lines.push("END:VCALENDAR".to_owned());
    Ok(lines.iter().map(|line| fold(line)).collect())
}

struct Event<'a> {
    kind: ReminderEvent,
    on: NaiveDate,
    text: EventText<'a>,
}

impl Event<'_> {
    fn lines(
        &self,
        code_id: &str,
        reminder: &ExpiryReminder<'_>,
    ) -> Result<Vec<String>, ReminderProblem> {
        let next_day = self
            .on
            .checked_add_days(Days::new(1))
            .ok_or(ReminderProblem::DateOutOfRange)?;
        let description = if self.text.description.trim().is_empty() {
            reminder.renew_url.to_owned()
        } else {
            format!("{}\n\n{}", self.text.description, reminder.renew_url)
        };
        let mut lines = vec![
            "BEGIN:VEVENT".to_owned(),
            format!("UID:{}", reminder_uid(code_id, self.kind)),
            format!("DTSTAMP:{}", utc_date_time(reminder.stamp)?),
            format!("SEQUENCE:{}", sequence(reminder.stamp)),
            format!("DTSTART;VALUE=DATE:{}", date(self.on)?),
            format!("DTEND;VALUE=DATE:{}", date(next_day)?),
            format!("SUMMARY:{}", escape_text(self.text.summary)),
            format!("DESCRIPTION:{}", escape_text(&description)),
            format!("URL:{}", reminder.renew_url),
            "TRANSP:TRANSPARENT".to_owned(),
        ];
        if self.kind == ReminderEvent::Reminder {
            lines.extend([
                "BEGIN:VALARM".to_owned(),
                "ACTION:DISPLAY".to_owned(),
                format!("DESCRIPTION:{}", escape_text(self.text.summary)),
                format!("TRIGGER:{ALARM_TRIGGER}"),
                "END:VALARM".to_owned(),
            ]);
        }
        lines.push("END:VEVENT".to_owned());
        Ok(lines)
    }
}

/// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, every line break (CRLF, CR or LF)
/// written as `\n`; other control characters, which TEXT cannot hold, are dropped.
pub fn escape_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' => escaped.push_str("\\\\"),
            ';' => escaped.push_str("\\;"),
            ',' => escaped.push_str("\\,"),
            '\r' => {
                chars.next_if_eq(&'\n');
                escaped.push_str("\\n");
            }
            '\n' => escaped.push_str("\\n"),
            '\t' => escaped.push('\t'),
            ch if ch.is_control() => {}
            ch => escaped.push(ch),
        }
    }
    escaped
}

/// One content line, folded (RFC 5545 §3.1): at most [`MAX_LINE_OCTETS`] octets per physical line, each
/// continuation starting with a space, each physical line ending with CRLF. Whole characters only.
pub fn fold(line: &str) -> String {
    let mut folded = String::with_capacity(line.len() + line.len() / 64 * 3 + 2);
    let mut octets = 0;
    for ch in line.chars() {
        if octets + ch.len_utf8() > MAX_LINE_OCTETS {
            folded.push_str("\r\n ");
            octets = 1;
        }
        folded.push(ch);
        octets += ch.len_utf8();
    }
    folded.push_str("\r\n");
    folded
}

/// `https://…` or `http://…` with only printable ASCII that a URI may hold (RFC 3986), so it needs no escaping.
fn check_url(url: &str) -> Result<(), ReminderProblem> {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .ok_or(ReminderProblem::InvalidUrl)?;
    let printable = url
        .bytes()
        .all(|b| b.is_ascii_graphic() && !b"\"<>\\^`{|}".contains(&b));
    if rest.is_empty() || rest.starts_with('/') || !printable {
        return Err(ReminderProblem::InvalidUrl);
    }
    Ok(())
}

/// `YYYYMMDD`, for years iCalendar can write.
fn date(day: NaiveDate) -> Result<String, ReminderProblem> {
    if !(1..=9999).contains(&day.year()) {
        return Err(ReminderProblem::DateOutOfRange);
    }
    // Written with integers rather than chrono's `format("%Y%m%d")`, whose format-string parser would be
    // in the employees' wasm for this alone (bench/README.md, "Where the bytes are"); the same text here.
    Ok(format!(
        "{:04}{:02}{:02}",
        day.year(),
        day.month(),
        day.day()
    ))
}

/// `YYYYMMDDTHHMMSSZ` (chrono's `%Y%m%dT%H%M%SZ`: a leap second is written as second 60).
fn utc_date_time(at: DateTime<Utc>) -> Result<String, ReminderProblem> {
    let day = date(at.date_naive())?;
    let second = at.second() + at.nanosecond() / 1_000_000_000;
    Ok(format!(
        "{day}T{:02}{:02}{second:02}Z",
        at.hour(),
        at.minute()
    ))
}

/// Minutes since 1970, within iCalendar's INTEGER range.
fn sequence(stamp: DateTime<Utc>) -> i64 {
    stamp
        .timestamp()
        .div_euclid(60)
        .clamp(0, i64::from(i32::MAX))
}

#[cfg(test)]
#[path = "ical_strict_reader.rs"]
mod strict_reader;

#[cfg(test)]
#[path = "ical_tests.rs"]
mod tests;
