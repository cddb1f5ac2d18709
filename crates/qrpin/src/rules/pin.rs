//! PIN rules: digits only, policy minimum..=20 long, no 0-9 run, no repeated 2- or 3-digit groups.
//!
//! Microsoft does not publish the exact complexity algorithm; this is the reading that matches every documented
//! example ("Don't contain 0123456789 or 9876543210. Don't repeat a sequence of 2-3 digits in the PIN, like 121212,
//! or 123123 or 342342"). The portal checks before sending so users get a precise message instead of Graph's
//! generic "Invalid PIN": qrpin says which rule, with its numbers; the portal words it in the person's language.

/// Shortest PIN Graph accepts (NIST minimum) and the policy's default.
pub const PIN_MIN_LEN: usize = 8;
/// Longest PIN Graph accepts.
pub const PIN_MAX_LEN: usize = 20;

const ASCENDING: &str = "0123456789";
const DESCENDING: &str = "9876543210";

/// One reason a PIN would be refused, with the numbers the fix needs. No words: whoever shows it (the portal in
/// the person's language, the emulator in Graph's English) says what to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PinProblem {
    /// Nothing typed.
    Empty,
    /// Something other than the digits 0 to 9 (letters, spaces, symbols, non-ASCII digits).
    NotDigits,
    /// Fewer digits than the policy's minimum (`min`, within 8..=20).
    TooShort { min: usize },
    /// More digits than Graph accepts (`max`, 20).
    TooLong { max: usize },
    /// Contains the run 0123456789 or 9876543210.
    Sequence,
    /// Repeats a group of 2 or 3 digits back to back (121212, 123123).
    RepeatedGroup,
}

/// Lists every problem with `pin`; an empty list means Graph will accept it.
///
/// `min_len` is the policy's `pinLength`; it is kept within 8..=20 because Graph enforces that range whatever the
/// policy says. Length counts characters, so a PIN with non-ASCII characters gets `NotDigits`, not a misleading
/// length message.
pub fn check_pin(pin: &str, min_len: usize) -> Vec<PinProblem> {
    if pin.is_empty() {
        return vec![PinProblem::Empty];
    }
    let min = min_len.clamp(PIN_MIN_LEN, PIN_MAX_LEN);
    let chars: Vec<char> = pin.chars().collect();
    let mut problems = Vec::new();
    if !chars.iter().all(char::is_ascii_digit) {
        problems.push(PinProblem::NotDigits);
    }
    if chars.len() < min {
        problems.push(PinProblem::TooShort { min });
    }
    if chars.len() > PIN_MAX_LEN {
        problems.push(PinProblem::TooLong { max: PIN_MAX_LEN });
    }
    if pin.contains(ASCENDING) || pin.contains(DESCENDING) {
        problems.push(PinProblem::Sequence);
    }
    if has_repeated_group(&chars) {
        problems.push(PinProblem::RepeatedGroup);
    }
    problems
}

/// Why a typed current PIN cannot be the person's PIN. Checked before sending, because a real tenant counts a
/// wrong current PIN as a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CurrentPinProblem {
    Empty,
    NotDigits,
    /// Shorter than any PIN Graph accepts, or longer: a PIN has `min` to `max` digits.
    Length {
        min: usize,
        max: usize,
    },
}

/// The current PIN as Graph expects it: spaces anywhere (pasted `" 4061 7293 "`) are removed; what is left must be
/// 8–20 digits. The tenant's own minimum is not applied: a PIN set before the policy changed stays valid.
pub fn normalize_current_pin(typed: &str) -> Result<String, CurrentPinProblem> {
    let pin: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if pin.is_empty() {
        return Err(CurrentPinProblem::Empty);
    }
    if !pin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CurrentPinProblem::NotDigits);
    }
    if !(PIN_MIN_LEN..=PIN_MAX_LEN).contains(&pin.len()) {
        return Err(CurrentPinProblem::Length {
            min: PIN_MIN_LEN,
            max: PIN_MAX_LEN,
        });
    }
    Ok(pin)
}

/// True when a 2-character group appears 3+ times back to back (`121212`) or a 3-character group 2+ times (`123123`).
fn has_repeated_group(chars: &[char]) -> bool {
    (0..chars.len()).any(|end| ends_with_repeated_group(&chars[..=end]))
}

/// Whether `prefix` ends with a repeated group. Checking every end position finds every occurrence, and lets
/// [`generate_pin`] test one candidate digit at a time.
fn ends_with_repeated_group(prefix: &[char]) -> bool {
    let n = prefix.len();
    if n < 6 {
        return false;
    }
    let tail = &prefix[n - 6..];
    let two_thrice = tail[0..2] == tail[2..4] && tail[2..4] == tail[4..6];
    let three_twice = tail[0..3] == tail[3..6];
    two_thrice || three_twice
}

/// Whether `prefix` ends with 0123456789 or 9876543210.
fn ends_with_sequence(prefix: &[char]) -> bool {
    let n = prefix.len();
    n >= 10 && {
        let tail: String = prefix[n - 10..].iter().collect();
        tail == ASCENDING || tail == DESCENDING
    }
}

/// Makes a random PIN of `len` digits (kept within 8..=20) that [`check_pin`] accepts.
///
/// `random_digit` should return a uniformly random value in `0..=9`; larger values are reduced, and values of 250
/// or more are drawn again so a caller passing raw random bytes gets no bias towards 0..=5.
/// Never loops forever: a digit that would complete a forbidden pattern is redrawn a few times, then replaced by
/// the next allowed digit (at most 4 of the 10 digits can be forbidden at any position).
pub fn generate_pin(len: usize, mut random_digit: impl FnMut() -> u8) -> String {
    let len = len.clamp(PIN_MIN_LEN, PIN_MAX_LEN);
    let mut digits: Vec<char> = Vec::with_capacity(len);
    for _ in 0..len {
        let mut candidate = draw_digit(&mut random_digit);
        for _ in 0..4 {
            if allowed_next(&mut digits, candidate) {
                break;
            }
            candidate = draw_digit(&mut random_digit);
        }
        let chosen = (0..10u8)
            .map(|step| (candidate + step) % 10)
            .find(|&digit| allowed_next(&mut digits, digit))
            .unwrap_or(candidate);
        digits.push(char::from(b'0' + chosen));
    }
    digits.into_iter().collect()
}

/// Draws one digit, rejecting 250..=255 (a few times) so byte-sized random values stay uniform after `% 10`.
fn draw_digit(random_digit: &mut impl FnMut() -> u8) -> u8 {
    let mut value = random_digit();
    for _ in 0..8 {
        if value < 250 {
            break;
        }
        value = random_digit();
    }
    value % 10
}

/// Whether appending `digit` keeps the PIN free of forbidden patterns (those are the only ones that can end here).
fn allowed_next(digits: &mut Vec<char>, digit: u8) -> bool {
    digits.push(char::from(b'0' + digit));
    let ok = !ends_with_repeated_group(digits) && !ends_with_sequence(digits);
    digits.pop();
    ok
}
