//! PIN rules at their boundaries, and the emulator's PIN generator.

use qrpin::rules::{check_pin, generate_pin, PinProblem, PIN_MAX_LEN, PIN_MIN_LEN};

const DEFAULT_MIN: usize = 8;

fn digits(len: usize) -> String {
    // 2357 repeated: no sequence, no 2- or 3-digit group repeated back to back.
    "2357".chars().cycle().take(len).collect()
}

#[test]
fn length_boundaries_7_8_20_21() {
    assert_eq!(
        check_pin(&digits(7), DEFAULT_MIN),
        vec![PinProblem::TooShort { min: 8 }]
    );
    assert_eq!(check_pin(&digits(8), DEFAULT_MIN), vec![]);
    assert_eq!(check_pin(&digits(20), DEFAULT_MIN), vec![]);
    assert_eq!(
        check_pin(&digits(21), DEFAULT_MIN),
        vec![PinProblem::TooLong { max: 20 }]
    );
}

#[test]
fn policy_minimum_of_10_is_enforced() {
    assert_eq!(
        check_pin(&digits(9), 10),
        vec![PinProblem::TooShort { min: 10 }]
    );
    assert_eq!(check_pin(&digits(10), 10), vec![]);
}

#[test]
fn policy_minimum_is_kept_within_8_to_20() {
    // A policy below Graph's floor cannot allow a 7-digit PIN; one above 20 cannot forbid every PIN.
    assert_eq!(
        check_pin(&digits(7), 4),
        vec![PinProblem::TooShort { min: PIN_MIN_LEN }]
    );
    assert_eq!(check_pin(&digits(20), 30), vec![]);
    assert_eq!(
        check_pin(&digits(19), 30),
        vec![PinProblem::TooShort { min: PIN_MAX_LEN }]
    );
}

#[test]
fn empty_pin_asks_for_one() {
    assert_eq!(check_pin("", DEFAULT_MIN), vec![PinProblem::Empty]);
}

#[test]
fn letters_spaces_symbols_and_non_ascii_digits_are_refused() {
    for pin in [
        "2357a235",
        "2357 2357",
        "2357-2357",
        "２３５７２３５７",
        "٢٣٥٧٢٣٥٧",
        "23572357\n",
    ] {
        assert!(
            check_pin(pin, DEFAULT_MIN).contains(&PinProblem::NotDigits),
            "{pin:?}"
        );
    }
    // Length counts characters: 8 full-width digits are 24 bytes but not "too long".
    assert_eq!(
        check_pin("２３５７２３５７", DEFAULT_MIN),
        vec![PinProblem::NotDigits]
    );
}

#[test]
fn full_ascending_or_descending_run_is_refused() {
    assert_eq!(
        check_pin("0123456789", DEFAULT_MIN),
        vec![PinProblem::Sequence]
    );
    assert_eq!(
        check_pin("5598765432108", DEFAULT_MIN),
        vec![PinProblem::Sequence]
    );
    // Shorter runs are allowed: the documented rule names only the full runs.
    assert_eq!(check_pin("12345678", DEFAULT_MIN), vec![]);
    assert_eq!(check_pin("98765432", DEFAULT_MIN), vec![]);
}

#[test]
fn two_digit_group_three_times_is_refused_twice_is_not() {
    assert_eq!(
        check_pin("12121290", DEFAULT_MIN),
        vec![PinProblem::RepeatedGroup]
    );
    assert_eq!(
        check_pin("90121212", DEFAULT_MIN),
        vec![PinProblem::RepeatedGroup]
    );
    assert_eq!(
        check_pin("11111111", DEFAULT_MIN),
        vec![PinProblem::RepeatedGroup]
    );
    assert_eq!(check_pin("12129090", DEFAULT_MIN), vec![]);
}

#[test]
fn three_digit_group_twice_is_refused() {
    assert_eq!(
        check_pin("12312390", DEFAULT_MIN),
        vec![PinProblem::RepeatedGroup]
    );
    assert_eq!(
        check_pin("90342342", DEFAULT_MIN),
        vec![PinProblem::RepeatedGroup]
    );
    // Same digits, not back to back.
    assert_eq!(check_pin("12390123", DEFAULT_MIN), vec![]);
}

#[test]
fn documented_examples_are_accepted() {
    // The PINs in Microsoft's request examples.
    assert_eq!(check_pin("09599786", DEFAULT_MIN), vec![]);
    assert_eq!(check_pin("56745755", DEFAULT_MIN), vec![]);
}

#[test]
fn every_problem_is_listed_at_once() {
    let problems = check_pin("121212x", DEFAULT_MIN);
    assert_eq!(
        problems,
        vec![
            PinProblem::NotDigits,
            PinProblem::TooShort { min: 8 },
            PinProblem::RepeatedGroup
        ]
    );
}

#[test]
fn length_problems_carry_the_bound_to_name() {
    assert_eq!(
        check_pin("7392056", 10),
        vec![PinProblem::TooShort { min: 10 }]
    );
    assert_eq!(
        check_pin("739205617392056173920", DEFAULT_MIN),
        vec![PinProblem::TooLong { max: PIN_MAX_LEN }]
    );
}

#[test]
fn generated_pins_are_valid_and_of_the_requested_length() {
    let mut state: u32 = 12345;
    let mut lcg = move || {
        state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
        state.to_le_bytes()[2]
    };
    for len in [8, 10, 20] {
        for _ in 0..200 {
            let pin = generate_pin(len, &mut lcg);
            assert_eq!(pin.len(), len);
            assert_eq!(check_pin(&pin, len), vec![], "{pin}");
        }
    }
}

#[test]
fn generator_stays_valid_with_a_degenerate_random_source() {
    // A source that always says 0, or that walks 0123456789…, would produce forbidden PINs if taken literally.
    let pin = generate_pin(8, || 0);
    assert_eq!(check_pin(&pin, 8), vec![], "{pin}");
    let mut next = 0u8;
    let pin = generate_pin(20, || {
        next = (next + 1) % 10;
        next
    });
    assert_eq!(check_pin(&pin, 20), vec![], "{pin}");
    let pin = generate_pin(20, || 255);
    assert_eq!(check_pin(&pin, 20), vec![], "{pin}");
}

#[test]
fn generator_keeps_length_within_8_to_20() {
    assert_eq!(generate_pin(3, || 4).len(), 8);
    assert_eq!(generate_pin(99, || 4).len(), 20);
}

#[test]
fn generator_uses_all_digits() {
    let mut state: u32 = 99;
    let mut seen = [false; 10];
    for _ in 0..100 {
        let pin = generate_pin(8, || {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
            state.to_le_bytes()[2]
        });
        for digit in pin.bytes() {
            seen[usize::from(digit - b'0')] = true;
        }
    }
    assert!(seen.iter().all(|&s| s), "{seen:?}");
}

#[test]
fn the_current_pin_is_normalised_and_checked_before_sending() {
    use qrpin::rules::{normalize_current_pin, CurrentPinProblem};
    assert_eq!(
        normalize_current_pin(" 40617293 ").as_deref(),
        Ok("40617293")
    );
    assert_eq!(
        normalize_current_pin("4061 7293\t").as_deref(),
        Ok("40617293")
    );
    assert_eq!(normalize_current_pin("   "), Err(CurrentPinProblem::Empty));
    assert_eq!(
        normalize_current_pin("4061-7293"),
        Err(CurrentPinProblem::NotDigits)
    );
    assert_eq!(
        normalize_current_pin("４０６１７２９３"),
        Err(CurrentPinProblem::NotDigits)
    );
    assert_eq!(
        normalize_current_pin("1234567"),
        Err(CurrentPinProblem::Length { min: 8, max: 20 })
    );
    assert_eq!(
        normalize_current_pin(&"1".repeat(21)),
        Err(CurrentPinProblem::Length { min: 8, max: 20 })
    );
}
