//! The employee's reminder file read by an independent iCalendar parser (the `icalendar` crate's, after its
//! RFC 5545 unfolding): two all-day events, the reminder with its alarm, UIDs, and nothing secret.

use chrono::{NaiveDate, TimeZone, Utc};
use icalendar::parser::{read_calendar, unfold, Component};
use qrpin::ical::{expiry_calendar, EventText, ExpiryReminder};
use qrpin::model::{QrCode, QrCodeImage};

const PAYLOAD: &str = "bXMtcXJwaW46djF8YWRlbGV8YmFkZ2UtN3xzM2NyM3Q=";

fn badge() -> QrCode {
    QrCode {
        id: "badge-7".into(),
        image: Some(QrCodeImage {
            raw_content: PAYLOAD.into(),
            ..QrCodeImage::default()
        }),
        ..QrCode::default()
    }
}

fn file(code: &QrCode, description: &str) -> String {
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    expiry_calendar(&ExpiryReminder {
        code,
        expires_on: day(2027, 1, 10),
        today: day(2026, 6, 1),
        stamp: Utc.with_ymd_and_hms(2026, 6, 1, 8, 30, 0).unwrap(),
        reminder: EventText {
            summary: "Ihr Ausweis läuft in 14 Tagen ab",
            description,
        },
        expiry_day: EventText {
            summary: "Ihr Ausweis läuft heute ab",
            description: "Im Portal erneuern.",
        },
        renew_url: "https://badges.contoso.example/badge",
    })
    .unwrap()
}

fn property<'a>(component: &'a Component<'a>, name: &str) -> Option<String> {
    component
        .properties
        .iter()
        .find(|p| p.name.as_str() == name)
        .map(|p| p.val.as_str().to_string())
}

#[test]
fn a_calendar_parser_reads_two_all_day_events_with_the_reminder_alarm() {
    let code = badge();
    let long = "Bitte verlängern oder ersetzen Sie Ihren Ausweis rechtzeitig – Ärger vermeiden! "
        .repeat(3);
    let text = file(&code, &long);
    assert!(
        text.lines().all(|line| line.len() <= 75),
        "folded at 75 octets"
    );
    let unfolded = unfold(&text);
    let calendar = read_calendar(&unfolded).expect("an iCalendar parser reads the file");
    // The parser's calendar is the VCALENDAR: its properties, and its components.
    let version = calendar
        .properties
        .iter()
        .find(|p| p.name.as_str() == "VERSION");
    assert_eq!(version.map(|p| p.val.as_str()), Some("2.0"));
    let names: Vec<&str> = calendar
        .components
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(names, ["VEVENT", "VEVENT"]);
    let events: Vec<&Component> = calendar.components.iter().collect();
    let starts: Vec<Option<String>> = events.iter().map(|e| property(e, "DTSTART")).collect();
    assert_eq!(
        starts,
        [Some("20261227".to_string()), Some("20270110".to_string())],
        "14 days before, and the day"
    );
    for event in &events {
        let start = event
            .properties
            .iter()
            .find(|p| p.name.as_str() == "DTSTART")
            .unwrap();
        assert!(
            start
                .params
                .iter()
                .any(|p| p.key.as_str() == "VALUE"
                    && p.val.as_ref().map(|v| v.as_str()) == Some("DATE")),
            "all-day"
        );
    }
    let alarms: Vec<&Component> = events[0]
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VALARM")
        .collect();
    assert_eq!(alarms.len(), 1, "the reminder carries an alarm");
    assert_eq!(property(alarms[0], "ACTION").as_deref(), Some("DISPLAY"));
    let description = property(events[0], "DESCRIPTION").unwrap();
    assert!(description.contains("Ärger vermeiden"), "{description}");
    assert!(description.contains("https://badges.contoso.example/badge"));
    let uids: Vec<String> = events.iter().filter_map(|e| property(e, "UID")).collect();
    assert_eq!(uids.len(), 2);
    assert_ne!(uids[0], uids[1]);
    // The same code gives the same UIDs, so a second download updates the events.
    let again = file(&code, "Anders formuliert.");
    let again = unfold(&again);
    let reparsed = read_calendar(&again).unwrap();
    let again_uids: Vec<String> = reparsed
        .components
        .iter()
        .filter_map(|e| property(e, "UID"))
        .collect();
    assert_eq!(again_uids, uids);
    assert!(
        !unfolded.contains(PAYLOAD) && !unfolded.contains("badge-7"),
        "no payload, no code id"
    );
}
