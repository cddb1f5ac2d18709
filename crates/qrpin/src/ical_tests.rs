use chrono::{Duration, NaiveDate, TimeZone, Utc};

use super::strict_reader::parse_strictly;
use super::*;
use crate::model::{QrCodeImage, QrPin};

fn badge(id: &str) -> QrCode {
    QrCode {
        id: id.into(),
        image: Some(QrCodeImage {
            raw_content: "bXMtcXJwaW46djF8YWRlbGV8YmFkZ2UtN3xzM2NyM3Q=".into(),
            binary_value: Some("PHN2Zy8+".into()),
            ..QrCodeImage::default()
        }),
        ..QrCode::default()
    }
}

fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

fn reminder<'a>(code: &'a QrCode, expires_on: NaiveDate) -> ExpiryReminder<'a> {
    ExpiryReminder {
        code,
        expires_on,
        today: day(2026, 6, 1),
        stamp: Utc.with_ymd_and_hms(2026, 6, 1, 8, 30, 0).unwrap(),
        reminder: EventText {
            summary: "Tu credencial caduca en 14 días",
            description: "Renuévala en el portal; después, imprime la nueva.",
        },
        expiry_day: EventText {
            summary: "Tu credencial caduca hoy",
            description: "Renuévala en el portal.",
        },
        renew_url: "https://badges.contoso.example/badge",
    }
}

#[test]
fn the_file_has_a_reminder_with_an_alarm_and_the_expiry_day() {
    let code = badge("badge-7");
    let text = expiry_calendar(&reminder(&code, day(2027, 1, 10))).unwrap();
    let calendar = parse_strictly(&text);
    assert_eq!(calendar.one("VERSION"), "2.0");
    assert_eq!(calendar.one("PRODID"), PRODUCT_ID);
    assert_eq!(calendar.one("CALSCALE"), "GREGORIAN");
    assert_eq!(calendar.one("METHOD"), "PUBLISH");
    let events = calendar.events();
    assert_eq!(events.len(), 2);
    let (before, on_day) = (events[0], events[1]);
    assert_eq!(
        before.one("DTSTART"),
        "20261227",
        "14 days before, across the year"
    );
    assert_eq!(before.one("DTEND"), "20261228");
    assert!(before
        .properties
        .iter()
        .any(|(k, _)| k == "DTSTART;VALUE=DATE"));
    assert_eq!(before.one("DTSTAMP"), "20260601T083000Z");
    assert_eq!(before.one("SUMMARY"), "Tu credencial caduca en 14 días");
    assert_eq!(
        before.one("DESCRIPTION"),
        "Renuévala en el portal\\; después\\, imprime la nueva.\\n\\nhttps://badges.contoso.example/badge"
    );
    assert_eq!(before.one("URL"), "https://badges.contoso.example/badge");
    assert_eq!(before.one("TRANSP"), "TRANSPARENT");
    let alarm = &before.children[0];
    assert_eq!(alarm.name, "VALARM");
    assert_eq!(alarm.one("ACTION"), "DISPLAY");
    assert_eq!(alarm.one("TRIGGER"), "PT9H");
    assert_eq!(on_day.one("DTSTART"), "20270110");
    assert_eq!(on_day.one("DTEND"), "20270111");
    assert!(on_day.children.is_empty());
    assert_ne!(before.one("UID"), on_day.one("UID"));
}

#[test]
fn every_line_ends_with_crlf_and_nothing_else_breaks_a_line() {
    let code = badge("badge-7");
    let mut input = reminder(&code, day(2026, 12, 31));
    input.reminder.description = "one\ntwo\r\nthree\rfour";
    let text = expiry_calendar(&input).unwrap();
    assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
    assert_eq!(text.matches('\r').count(), text.matches("\r\n").count());
    let calendar = parse_strictly(&text);
    assert!(calendar.events()[0]
        .one("DESCRIPTION")
        .starts_with("one\\ntwo\\nthree\\nfour\\n\\n"));
    assert_eq!(calendar.events()[1].one("DTEND"), "20270101");
}

#[test]
fn text_values_are_escaped() {
    assert_eq!(escape_text(r"a,b;c\d"), r"a\,b\;c\\d");
    assert_eq!(escape_text("x\r\ny\nz\r"), r"x\ny\nz\n");
    assert_eq!(escape_text("bell\u{7}\tend"), "bell\tend");
    assert_eq!(escape_text("Zoë: 👩🏽‍🔧"), "Zoë: 👩🏽‍🔧");
}

#[test]
fn folding_counts_octets_and_never_splits_a_character() {
    let exactly = format!("SUMMARY:{}", "a".repeat(75 - 8));
    assert_eq!(fold(&exactly), format!("{exactly}\r\n"));
    let one_more = format!("{exactly}b");
    assert_eq!(fold(&one_more), format!("{exactly}\r\n b\r\n"));
    // "é" is 2 octets: at octets 74–75 it fits, at 75–76 it moves whole to the next line.
    let fits = format!("{}é", "a".repeat(73));
    assert_eq!(fold(&fits), format!("{fits}\r\n"));
    let moves = format!("{}é", "a".repeat(74));
    assert_eq!(fold(&moves), format!("{}\r\n é\r\n", "a".repeat(74)));
    // 4-octet characters over several folds: every physical line within 75 octets, and unfolding gives it back.
    let long = format!("DESCRIPTION:{}", "🦀é漢".repeat(40));
    let folded = fold(&long);
    let lines: Vec<&str> = folded.trim_end_matches("\r\n").split("\r\n").collect();
    assert!(lines.len() > 5);
    assert!(lines.iter().all(|line| line.len() <= MAX_LINE_OCTETS));
    assert!(lines[1..].iter().all(|line| line.starts_with(' ')));
    assert!(lines[..lines.len() - 1]
        .iter()
        .all(|line| line.len() > MAX_LINE_OCTETS - 4));
    let unfolded: String = lines
        .iter()
        .enumerate()
        .map(|(i, line)| if i == 0 { *line } else { &line[1..] })
        .collect();
    assert_eq!(unfolded, long);
}

#[test]
fn long_translated_words_are_folded_within_the_file() {
    let code = badge("badge-7");
    let mut input = reminder(&code, day(2027, 3, 1));
    let long = "Ihr Mitarbeiterausweis läuft bald ab, bitte verlängern oder ersetzen Sie ihn rechtzeitig – Ärger vermeiden! ".repeat(4);
    input.reminder.description = &long;
    let text = expiry_calendar(&input).unwrap();
    let calendar = parse_strictly(&text);
    let expected = format!(
        "{}\\n\\nhttps://badges.contoso.example/badge",
        escape_text(&long)
    );
    assert_eq!(calendar.events()[0].one("DESCRIPTION"), expected);
}

#[test]
fn the_uid_is_stable_per_code_and_reveals_nothing_of_it() {
    let code = badge("badge-7");
    let first = expiry_calendar(&reminder(&code, day(2027, 1, 10))).unwrap();
    let mut later = reminder(&code, day(2027, 2, 20));
    later.stamp += Duration::days(30);
    later.reminder.summary = "Your badge expires in 14 days";
    let second = expiry_calendar(&later).unwrap();
    let uids = |text: &str| -> Vec<String> {
        parse_strictly(text)
            .events()
            .iter()
            .map(|e| e.one("UID").to_owned())
            .collect()
    };
    assert_eq!(uids(&first), uids(&second));
    assert_eq!(
        uids(&first),
        [
            reminder_uid("badge-7", ReminderEvent::Reminder),
            reminder_uid("badge-7", ReminderEvent::ExpiryDay)
        ]
    );
    assert!(uids(&first).iter().all(|uid| uid.ends_with("@qrbadge")));
    assert_ne!(
        reminder_uid("badge-8", ReminderEvent::Reminder),
        reminder_uid("badge-7", ReminderEvent::Reminder)
    );
    let sequence = |text: &str| -> i64 {
        parse_strictly(text).events()[0]
            .one("SEQUENCE")
            .parse()
            .unwrap()
    };
    assert!(
        sequence(&second) > sequence(&first),
        "a later download supersedes"
    );
}

#[test]
fn no_secret_reaches_the_file() {
    let mut code = badge("0d5c3a7e-52f1-4b7e-9a55-3c1b8f6e2d90");
    code.last_used_date_time = None;
    let pin = QrPin {
        code: Some("73914502".into()),
        ..QrPin::default()
    };
    let text = expiry_calendar(&reminder(&code, day(2027, 1, 10))).unwrap();
    let image = code.image.as_ref().unwrap();
    let payload = String::from_utf8(
        base64::Engine::decode(
            &base64::engine::general_purpose::STANDARD,
            &image.raw_content,
        )
        .unwrap(),
    )
    .unwrap();
    for secret in [
        image.raw_content.as_str(),
        payload.as_str(),
        "s3cr3t",
        image.binary_value.as_deref().unwrap(),
        pin.code.as_deref().unwrap(),
        code.id.as_str(),
        "0d5c3a7e",
    ] {
        assert!(!text.contains(secret), "{secret:?} must not be in the file");
    }
}

#[test]
fn a_reminder_whose_day_has_passed_is_left_out() {
    let code = badge("badge-7");
    let today = day(2026, 6, 1);
    let events_for = |expires_on: NaiveDate| -> Vec<String> {
        let text = expiry_calendar(&reminder(&code, expires_on)).unwrap();
        parse_strictly(&text)
            .events()
            .iter()
            .map(|e| e.one("DTSTART").to_owned())
            .collect()
    };
    assert_eq!(
        events_for(today + Duration::days(14)),
        ["20260601", "20260615"]
    );
    assert_eq!(events_for(today + Duration::days(13)), ["20260614"]);
    assert_eq!(events_for(today), ["20260601"]);
    assert_eq!(
        expiry_calendar(&reminder(&code, today - Duration::days(1))),
        Err(ReminderProblem::ExpiryPassed)
    );
}

#[test]
fn refused_inputs_are_typed_problems() {
    let code = badge("badge-7");
    let no_id = QrCode {
        id: "  ".into(),
        ..badge("")
    };
    assert_eq!(
        expiry_calendar(&reminder(&no_id, day(2027, 1, 1))),
        Err(ReminderProblem::NoCodeId)
    );
    for url in [
        "",
        "badges.contoso.example",
        "javascript:alert(1)",
        "https://",
        "https:///path",
        "https://badges.contoso.example/a b",
        "https://badges.contoso.example/\r\nX-EVIL:1",
        "https://bädges.example/",
    ] {
        let mut input = reminder(&code, day(2027, 1, 1));
        input.renew_url = url;
        assert_eq!(
            expiry_calendar(&input),
            Err(ReminderProblem::InvalidUrl),
            "{url:?}"
        );
    }
    let mut plain_http = reminder(&code, day(2027, 1, 1));
    plain_http.renew_url = "HTTP://127.0.0.1:8080/badge?from=calendar,ics";
    assert!(expiry_calendar(&plain_http).is_ok());
    let far = reminder(&code, day(9999, 12, 31));
    assert_eq!(expiry_calendar(&far), Err(ReminderProblem::DateOutOfRange));
    let mut early = reminder(&code, day(0, 6, 1));
    early.today = day(0, 1, 1);
    assert_eq!(
        expiry_calendar(&early),
        Err(ReminderProblem::DateOutOfRange)
    );
}

#[test]
fn dates_are_written_as_chrono_formats_them() {
    // The integer formatting replaced chrono's format strings (`date`, `utc_date_time`): the same text, leap
    // seconds included, for every year iCalendar can write.
    let mut instants = vec![
        Utc.with_ymd_and_hms(1, 1, 1, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(9999, 12, 31, 23, 59, 59).unwrap(),
        Utc.with_ymd_and_hms(999, 7, 4, 5, 6, 7).unwrap(),
        NaiveDate::from_ymd_opt(2016, 12, 31)
            .unwrap()
            .and_hms_nano_opt(23, 59, 59, 1_500_000_000)
            .unwrap()
            .and_utc(),
    ];
    let mut at = Utc.with_ymd_and_hms(1900, 1, 1, 0, 0, 0).unwrap();
    while at.year() < 2200 {
        instants.push(at);
        at += Duration::seconds(86_400 * 13 + 3_671);
    }
    for at in instants {
        assert_eq!(
            date(at.date_naive()).unwrap(),
            at.format("%Y%m%d").to_string()
        );
        assert_eq!(
            utc_date_time(at).unwrap(),
            at.format("%Y%m%dT%H%M%SZ").to_string()
        );
    }
}
