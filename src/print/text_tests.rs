use super::*;
use chrono::TimeZone;

#[test]
fn widths_follow_helvetica() {
    assert!((text_width_em("iiii", false) - 0.888).abs() < 1e-9);
    assert!((text_width_em("@", false) - 1.015).abs() < 1e-9);
    assert!(text_width_em("Alex Wilber", true) > text_width_em("Alex Wilber", false));
    assert_eq!(char_width_em('名', false), 1.0);
    assert_eq!(char_width_em('é', false), char_width_em('e', false));
    assert_eq!(char_width_em('ş', false), 0.64);
}

#[test]
fn wraps_at_spaces_and_never_exceeds_the_width() {
    let lines = wrap(
        "Sign in with a QR code: scan this badge, then enter your PIN.",
        30.0,
        2.6,
        false,
    );
    assert!(lines.len() > 1, "{lines:?}");
    for line in &lines {
        assert!(text_width_em(line, false) * 2.6 <= 30.0, "{line}");
    }
    assert_eq!(
        lines.join(" "),
        "Sign in with a QR code: scan this badge, then enter your PIN."
    );
}

#[test]
fn long_addresses_break_after_the_at_sign_or_a_dot() {
    let lines = wrap("alex.wilber@contoso.onmicrosoft.com", 30.0, 3.0, false);
    assert_eq!(lines.concat(), "alex.wilber@contoso.onmicrosoft.com");
    assert_eq!(lines[0], "alex.wilber@");
    for line in &lines {
        assert!(text_width_em(line, false) * 3.0 <= 30.0, "{line}");
    }
}

#[test]
fn a_word_without_break_points_is_cut_between_characters() {
    let lines = wrap(&"W".repeat(40), 10.0, 2.0, true);
    assert!(lines.len() > 1);
    assert_eq!(lines.concat(), "W".repeat(40));
}

#[test]
fn fitting_keeps_the_suggested_font_when_the_text_fits() {
    let fitted = fit("Alex Wilber", 30.0, 16.8, 2, 6.0, true);
    assert_eq!(fitted.font_mm, 6.0);
    assert_eq!(fitted.lines.len(), 2, "{fitted:?}");
    assert!(fitted.lines.iter().all(|l| l.squeeze_to_mm.is_none()));
}

#[test]
fn fitting_shrinks_the_font_and_may_use_more_lines_when_they_fit_the_height() {
    let text = "Valid 9 Mar 2026 – 9 Mar 2027";
    let fitted = fit(text, 30.0, 6.7, 1, 3.0, false);
    assert!(fitted.font_mm < 3.0 && fitted.font_mm >= MIN_FONT_MM);
    assert!(fitted.lines.len() as f64 * LINE_HEIGHT * fitted.font_mm <= 6.7 + 1e-9);
    for line in &fitted.lines {
        assert!(text_width_em(&line.text, false) * fitted.font_mm <= 30.0 + 1e-9);
        assert_eq!(line.squeeze_to_mm, None);
    }
}

#[test]
fn text_that_cannot_fit_is_squeezed_never_dropped() {
    let text = "Maximiliana Wolfeschlegelsteinhausenbergerdorff of the Night Shift";
    let fitted = fit(text, 20.0, 3.0, 1, 3.0, true);
    assert_eq!(fitted.font_mm, MIN_FONT_MM);
    assert_eq!(fitted.lines.len(), 1);
    assert_eq!(fitted.lines[0].text, text);
    assert_eq!(fitted.lines[0].squeeze_to_mm, Some(20.0));
}

#[test]
fn squeezed_tails_keep_the_words_whole() {
    let text = "Dr Maximiliana Wolfeschlegelsteinhausenbergerdorff";
    let fitted = fit(text, 10.0, 4.4, 2, 2.0, false);
    assert_eq!(fitted.lines.len(), 2, "{fitted:?}");
    assert_eq!(fitted.lines[0].text, "Dr");
    assert_eq!(
        fitted.lines[1].text,
        "Maximiliana Wolfeschlegelsteinhausenbergerdorff"
    );
    assert_eq!(fitted.lines[1].squeeze_to_mm, Some(10.0));
}

#[test]
fn empty_text_has_no_lines() {
    assert!(fit("", 30.0, 5.0, 1, 3.0, false).lines.is_empty());
}

#[test]
fn millimetres_are_written_compactly() {
    assert_eq!(mm(210.0), "210");
    assert_eq!(mm(85.725), "85.725");
    assert_eq!(mm(59.266_666_7), "59.267");
    assert_eq!(mm(1.5875), "1.588");
    assert_eq!(mm(-0.0001), "0");
    assert_eq!(mm(-0.0005), "-0.001");
    assert_eq!(mm(0.05), "0.05");
    assert_eq!(mm(-12.3), "-12.3");
}

/// What `mm` was before it used integers (core::fmt's `{:.3}`), to compare with.
fn mm_by_float_formatting(value: f64) -> String {
    let rounded = (value * 1000.0).round() / 1000.0;
    let text = format!("{rounded:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

#[test]
fn millimetres_are_written_as_float_formatting_wrote_them() {
    let mut values = vec![
        0.0,
        -0.0,
        0.0005,
        0.0015,
        0.0025,
        -0.0005,
        0.000_499_999,
        1.0005,
        2.675,
        1.005,
        999.9995,
        85.725,
        59.266_666_7,
        1.5875,
        297.0,
        210.0,
        1e9 - 0.0005,
        -1e9 + 0.0015,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::MAX,
        f64::MIN_POSITIVE,
    ];
    // Every micrometre and the halves between them up to 1 m, then a fixed pseudo-random spread up to 10⁹ mm.
    for micrometres in -20_000..1_000_000 {
        values.push(f64::from(micrometres) / 1000.0);
        values.push((f64::from(micrometres) + 0.5) / 1000.0);
    }
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..200_000 {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let unit = (state >> 11) as f64 / (1u64 << 53) as f64;
        let scale = [1.0, 10.0, 1e3, 1e6, 1e9][(state % 5) as usize];
        values.push((unit - 0.25) * scale);
    }
    for value in values {
        // Beyond any page the two part ways (the integer form saturates); what the portal draws is far below.
        if value.is_finite() && value.abs() >= 1e9 {
            continue;
        }
        assert_eq!(mm(value), mm_by_float_formatting(value), "{value:e}");
    }
}

#[test]
fn validity_says_which_dates_are_known() {
    let start = Utc.with_ymd_and_hms(2026, 3, 9, 8, 0, 0).unwrap();
    let expire = Utc.with_ymd_and_hms(2027, 3, 9, 8, 0, 0).unwrap();
    assert_eq!(
        Validity::of(Some(start), Some(expire)),
        Validity::Between(start, expire)
    );
    assert_eq!(Validity::of(None, Some(expire)), Validity::Until(expire));
    assert_eq!(Validity::of(Some(start), None), Validity::From(start));
    assert_eq!(Validity::of(None, None), Validity::Unknown);
}

#[test]
fn a_date_never_breaks_and_the_dash_stays_with_the_start() {
    // As the view builds it: "Valid {{ start }}\u{a0}– {{ end }}" with unbreakable dates.
    let text = format!(
        "Valid {}\u{a0}– {}",
        unbreakable("9 Mar 2026"),
        unbreakable("9 Mar 2027")
    );
    assert_eq!(
        wrap(&text, 30.0, 3.0, false),
        ["Valid 9\u{a0}Mar\u{a0}2026\u{a0}–", "9\u{a0}Mar\u{a0}2027"]
    );
    // German: "1. Dez. 2026" stays on one line too.
    assert_eq!(unbreakable("1. Dez. 2026"), "1.\u{a0}Dez.\u{a0}2026");
}

#[test]
fn accented_letters_are_as_wide_as_their_base_letters() {
    assert_eq!(char_width_em('Ü', true), char_width_em('U', true));
    assert_eq!(char_width_em('é', false), char_width_em('e', false));
    assert_eq!(char_width_em('ñ', false), char_width_em('n', false));
    // Capitals wider than the generous default are measured, not guessed.
    assert!(char_width_em('Ö', true) > 0.7);
    assert!((char_width_em('ß', false) - 0.611).abs() < 1e-9);
}

#[test]
fn a_long_german_word_shrinks_the_font_before_it_is_split() {
    // "Anmeldeinformationen" is about 26 mm wide at 2.6 mm: at that size it would be split
    // between letters although a few smaller sizes fit it whole into 22 mm.
    let text = "Ihre Anmeldeinformationen";
    let fitted = fit(text, 22.0, 20.0, 4, 2.6, false);
    assert!(
        fitted.font_mm < 2.6 && fitted.font_mm > MIN_FONT_MM,
        "{fitted:?}"
    );
    let words: Vec<&str> = text.split(' ').collect();
    for line in &fitted.lines {
        assert!(
            text_width_em(&line.text, false) * fitted.font_mm <= 22.0 + 1e-9,
            "{line:?}"
        );
        for piece in line.text.split(' ') {
            assert!(words.contains(&piece), "{piece} is a split word");
        }
    }
    // An address still breaks after its `@` at the suggested font.
    let upn = fit(
        "alex.wilber@contoso.onmicrosoft.com",
        36.0,
        9.0,
        2,
        3.0,
        false,
    );
    assert_eq!(upn.font_mm, 3.0);
    assert_eq!(upn.lines[0].text, "alex.wilber@");
}

#[test]
fn a_hyphenated_name_breaks_after_its_hyphen_never_mid_word() {
    // The name area of an 85 × 55 mm card, the smallest preset: this name used to print as
    // "Annemarie / Schwarzenberg / er-Oberhäuser".
    let label = qrpin::badge::LabelPreset::grid_a4().label_rects()[0];
    let area = qrpin::badge::badge_layout(label).unwrap().name;
    let (width, height) = (area.rect.width, area.rect.height);
    let text = "Annemarie Schwarzenberger-Oberhäuser";
    let fitted = fit(
        text,
        width,
        height,
        usize::from(area.max_lines),
        area.font_size_mm,
        true,
    );
    let lines: Vec<&str> = fitted.lines.iter().map(|line| line.text.as_str()).collect();
    assert_eq!(
        lines,
        ["Annemarie", "Schwarzenberger-", "Oberhäuser"],
        "{fitted:?}"
    );
    assert!(fitted.font_mm >= MIN_FONT_MM, "{fitted:?}");
    assert!(fitted.lines.len() as f64 * LINE_HEIGHT * fitted.font_mm <= height + 1e-9);
    for line in &fitted.lines {
        assert_eq!(line.squeeze_to_mm, None, "{line:?}");
        assert!(
            text_width_em(&line.text, true) * fitted.font_mm <= width + 1e-9,
            "{line:?}"
        );
    }
    // No further shrinking than its widest part, "Schwarzenberger-", needs.
    assert!(text_width_em("Schwarzenberger-", true) * fitted.font_mm / 0.96 > width);
}
