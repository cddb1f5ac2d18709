//! The PIN change form's live checklist: every rule, met or not, as the person types.

use qrpin::rules::{check_pin, PinProblem, PIN_MAX_LEN};

/// Each rule of the checklist, so views pick rules by what they are, not by their words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PinRule {
    /// [`PinChecklist::min_len`] to [`PIN_MAX_LEN`] digits.
    Length,
    Digits,
    NoSequence,
    NoRepeatedGroup,
    DifferentFromCurrent,
    BothMatch,
}

impl PinRule {
    /// Every rule, in the checklist's order.
    pub const ALL: [PinRule; 6] = [
        PinRule::Length,
        PinRule::Digits,
        PinRule::NoSequence,
        PinRule::NoRepeatedGroup,
        PinRule::DifferentFromCurrent,
        PinRule::BothMatch,
    ];
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    pub rule: PinRule,
    pub met: bool,
}

/// The first thing still to fix, for the message next to the field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NextStep {
    /// A rule Graph enforces (qrpin's reason, with its numbers).
    Fix(PinProblem),
    /// The new PIN is the current one.
    DifferentFromCurrent,
    /// The two entries differ.
    TypeSameTwice,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PinChecklist {
    pub checks: Vec<Check>,
    /// The shortest PIN allowed (the policy's minimum, kept within 8..=20), for [`PinRule::Length`].
    pub min_len: usize,
    pub next_step: Option<NextStep>,
}

impl PinChecklist {
    pub fn ready(&self) -> bool {
        self.checks.iter().all(|c| c.met)
    }
}

pub fn checklist(current: &str, new: &str, confirm: &str, min_len: usize) -> PinChecklist {
    let problems = check_pin(new, min_len);
    let has = |wanted: fn(&PinProblem) -> bool| problems.iter().any(wanted);
    let empty = new.is_empty();
    let min = min_len.clamp(qrpin::rules::PIN_MIN_LEN, PIN_MAX_LEN);
    let met = |rule: PinRule| {
        !empty
            && match rule {
                PinRule::Length => {
                    !has(|p| matches!(p, PinProblem::TooShort { .. } | PinProblem::TooLong { .. }))
                }
                PinRule::Digits => !has(|p| matches!(p, PinProblem::NotDigits)),
                PinRule::NoSequence => !has(|p| matches!(p, PinProblem::Sequence)),
                PinRule::NoRepeatedGroup => !has(|p| matches!(p, PinProblem::RepeatedGroup)),
                PinRule::DifferentFromCurrent => new != current,
                PinRule::BothMatch => new == confirm,
            }
    };
    let checks = PinRule::ALL
        .into_iter()
        .map(|rule| Check {
            rule,
            met: met(rule),
        })
        .collect();
    let next_step = problems
        .first()
        .map(|problem| NextStep::Fix(*problem))
        .or_else(|| (!empty && new == current).then_some(NextStep::DifferentFromCurrent))
        .or_else(|| (!empty && new != confirm).then_some(NextStep::TypeSameTwice));
    PinChecklist {
        checks,
        min_len: min,
        next_step,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn met(list: &PinChecklist) -> Vec<bool> {
        list.checks.iter().map(|c| c.met).collect()
    }

    #[test]
    fn a_good_pin_meets_every_rule() {
        let list = checklist("48213659", "73920561", "73920561", 8);
        assert!(list.ready(), "{list:?}");
        assert_eq!(list.next_step, None);
    }

    #[test]
    fn nothing_is_met_before_typing() {
        let list = checklist("", "", "", 8);
        assert!(met(&list).iter().all(|m| !m));
        assert_eq!(list.next_step, Some(NextStep::Fix(PinProblem::Empty)));
    }

    #[test]
    fn each_rule_is_reported_on_its_own() {
        let short = checklist("48213659", "7392056", "7392056", 8);
        assert_eq!(met(&short), vec![false, true, true, true, true, true]);
        assert_eq!(
            short.next_step,
            Some(NextStep::Fix(PinProblem::TooShort { min: 8 }))
        );
        let policy_ten = checklist("48213659", "739205614", "739205614", 10);
        assert_eq!(policy_ten.checks[0].rule, PinRule::Length);
        assert_eq!(policy_ten.min_len, 10);
        assert!(!policy_ten.checks[0].met);
        let letters = checklist("48213659", "7392a561", "7392a561", 8);
        assert_eq!(met(&letters), vec![true, false, true, true, true, true]);
        let run = checklist("48213659", "50123456789", "50123456789", 8);
        assert!(!run.checks[2].met);
        let repeat = checklist("48213659", "94121212", "94121212", 8);
        assert!(!repeat.checks[3].met);
        let same = checklist("73920561", "73920561", "73920561", 8);
        assert_eq!(met(&same), vec![true, true, true, true, false, true]);
        assert_eq!(same.next_step, Some(NextStep::DifferentFromCurrent));
        let mismatch = checklist("48213659", "73920561", "73920562", 8);
        assert_eq!(met(&mismatch), vec![true, true, true, true, true, false]);
        assert!(!mismatch.ready());
        assert_eq!(mismatch.next_step, Some(NextStep::TypeSameTwice));
    }
}
