//! The PIN change form's live checklist: every rule, met or not, as the person types.

use qrpin::rules::{check_pin, PinProblem, PIN_MAX_LEN};

/// Each rule of the checklist, so views pick rules by what they are, not by their words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PinRule {
    Length,
    Digits,
    NoSequence,
    NoRepeatedGroup,
    DifferentFromCurrent,
    BothMatch,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    pub rule: PinRule,
    pub label: String,
    pub met: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PinChecklist {
    pub checks: Vec<Check>,
    /// The first thing still to fix, in words, for the message next to the field.
    pub next_step: Option<String>,
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
    let checks = vec![
        Check {
            rule: PinRule::Length,
            label: format!("{min} to {PIN_MAX_LEN} digits"),
            met: !empty
                && !has(|p| matches!(p, PinProblem::TooShort { .. } | PinProblem::TooLong { .. })),
        },
        Check {
            rule: PinRule::Digits,
            label: "Digits 0–9 only".into(),
            met: !empty && !has(|p| matches!(p, PinProblem::NotDigits)),
        },
        Check {
            rule: PinRule::NoSequence,
            label: "No 0123456789 or 9876543210".into(),
            met: !empty && !has(|p| matches!(p, PinProblem::Sequence)),
        },
        Check {
            rule: PinRule::NoRepeatedGroup,
            label: "No repeated groups like 121212 or 123123".into(),
            met: !empty && !has(|p| matches!(p, PinProblem::RepeatedGroup)),
        },
        Check {
            rule: PinRule::DifferentFromCurrent,
            label: "Different from your current PIN".into(),
            met: !empty && new != current,
        },
        Check {
            rule: PinRule::BothMatch,
            label: "Both new PIN entries match".into(),
            met: !empty && new == confirm,
        },
    ];
    let next_step = problems
        .first()
        .map(PinProblem::message)
        .or_else(|| {
            (!empty && new == current)
                .then(|| "Choose a PIN different from your current one.".into())
        })
        .or_else(|| {
            (!empty && new != confirm).then(|| "Type the same new PIN in both fields.".into())
        });
    PinChecklist { checks, next_step }
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
        assert_eq!(list.next_step.as_deref(), Some("Enter a PIN."));
    }

    #[test]
    fn each_rule_is_reported_on_its_own() {
        let short = checklist("48213659", "7392056", "7392056", 8);
        assert_eq!(met(&short), vec![false, true, true, true, true, true]);
        assert_eq!(short.next_step.as_deref(), Some("Use at least 8 digits."));
        let policy_ten = checklist("48213659", "739205614", "739205614", 10);
        assert_eq!(policy_ten.checks[0].label, "10 to 20 digits");
        assert!(!policy_ten.checks[0].met);
        let letters = checklist("48213659", "7392a561", "7392a561", 8);
        assert_eq!(met(&letters), vec![true, false, true, true, true, true]);
        let run = checklist("48213659", "50123456789", "50123456789", 8);
        assert!(!run.checks[2].met);
        let repeat = checklist("48213659", "94121212", "94121212", 8);
        assert!(!repeat.checks[3].met);
        let same = checklist("73920561", "73920561", "73920561", 8);
        assert_eq!(met(&same), vec![true, true, true, true, false, true]);
        assert_eq!(
            same.next_step.as_deref(),
            Some("Choose a PIN different from your current one.")
        );
        let mismatch = checklist("48213659", "73920561", "73920562", 8);
        assert_eq!(met(&mismatch), vec![true, true, true, true, true, false]);
        assert!(!mismatch.ready());
    }
}
