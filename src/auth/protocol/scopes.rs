//! Scope lists: what a sign-in asks for, what a token was granted, and what a page still needs.
//!
//! A sign-in asks for the configured sign-in scopes plus the extra scopes this tab has already asked
//! for (incremental consent, kept by name in sessionStorage). Authorities spell one permission
//! several ways: `https://graph.microsoft.com/User.Read` in a token response, `User.Read` in the
//! access token's `scp`; comparisons go by the permission's name.

/// The permission a scope names, without its resource: `https://graph.microsoft.com/User.Read`,
/// `00000003-0000-0000-c000-000000000000/User.Read` and `User.Read` all name `User.Read`.
pub fn permission_name(scope: &str) -> &str {
    scope.rsplit('/').next().unwrap_or(scope)
}

/// Whether `held` covers `wanted` (same permission, any spelling, any case).
pub fn same_permission(wanted: &str, held: &str) -> bool {
    permission_name(wanted).eq_ignore_ascii_case(permission_name(held))
}

/// The scopes of `wanted` that `held` does not cover, in `wanted`'s order and spelling.
pub fn missing_scopes<'a>(wanted: &'a [String], held: &[String]) -> Vec<&'a str> {
    wanted
        .iter()
        .filter(|scope| !held.iter().any(|h| same_permission(scope, h)))
        .map(String::as_str)
        .collect()
}

/// `first` followed by the scopes of `then` not already in it (exact spelling, any case), so a
/// request never names one scope twice.
pub fn merge_scopes(first: &[String], then: &[String]) -> Vec<String> {
    let mut merged = first.to_vec();
    for scope in then {
        if !merged.iter().any(|m| m.eq_ignore_ascii_case(scope)) {
            merged.push(scope.clone());
        }
    }
    merged
}

/// The scopes of `requested` beyond the configured sign-in scopes `base`: what a tab remembers
/// having asked for, so a reload asks for them again.
pub fn scopes_beyond(requested: &[String], base: &[String]) -> Vec<String> {
    requested
        .iter()
        .filter(|scope| !base.iter().any(|b| b.eq_ignore_ascii_case(scope)))
        .cloned()
        .collect()
}

/// Splits a space-separated scope string (`scope` of a token response, `scp` of an access token).
pub fn split_scopes(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_string).collect()
}

/// Where a page stands with the extra scopes it needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeStatus {
    /// The current access token carries them all.
    Held,
    /// This tab asked for them and the authority did not grant them all (no consent for this
    /// person): asking again would only loop, so the page goes on and Graph has the last word.
    Refused,
    /// Not asked for yet: an authorization round trip adds them.
    Missing,
}

/// Decides from the token's scopes and the extra scopes this tab already asked for.
pub fn scope_status(wanted: &[String], held: &[String], asked: &[String]) -> ScopeStatus {
    if missing_scopes(wanted, held).is_empty() {
        ScopeStatus::Held
    } else if wanted
        .iter()
        .all(|scope| asked.iter().any(|a| a.eq_ignore_ascii_case(scope)))
    {
        ScopeStatus::Refused
    } else {
        ScopeStatus::Missing
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(scopes: &[&str]) -> Vec<String> {
        scopes.iter().map(|s| s.to_string()).collect()
    }

    const ADMIN: &[&str] = &[
        "https://graph.microsoft.com/User.Read.All",
        "https://graph.microsoft.com/GroupMember.Read.All",
    ];

    #[test]
    fn permissions_compare_by_name_whatever_the_spelling() {
        assert_eq!(
            permission_name("https://graph.microsoft.com/User.Read"),
            "User.Read"
        );
        assert_eq!(
            permission_name("00000003-0000-0000-c000-000000000000/User.Read"),
            "User.Read"
        );
        assert_eq!(permission_name("openid"), "openid");
        assert!(same_permission(
            "https://graph.microsoft.com/user.read.all",
            "User.Read.All"
        ));
        assert!(!same_permission(
            "https://graph.microsoft.com/User.Read.All",
            "User.Read"
        ));
    }

    #[test]
    fn missing_scopes_are_those_the_token_lacks() {
        let held = list(&["User.Read", "UserAuthMethod-QR.ReadWrite", "User.Read.All"]);
        assert_eq!(
            missing_scopes(&list(ADMIN), &held),
            ["https://graph.microsoft.com/GroupMember.Read.All"]
        );
        assert!(missing_scopes(&[], &held).is_empty());
    }

    #[test]
    fn merging_keeps_order_and_names_each_scope_once() {
        let base = list(&["openid", "https://graph.microsoft.com/User.Read"]);
        let extra = list(&[
            "https://graph.microsoft.com/user.read",
            "https://graph.microsoft.com/User.Read.All",
        ]);
        assert_eq!(
            merge_scopes(&base, &extra),
            [
                "openid",
                "https://graph.microsoft.com/User.Read",
                "https://graph.microsoft.com/User.Read.All"
            ]
        );
        assert_eq!(
            scopes_beyond(&merge_scopes(&base, &extra), &base),
            ["https://graph.microsoft.com/User.Read.All"]
        );
    }

    #[test]
    fn a_page_asks_once_and_then_lets_graph_decide() {
        let wanted = list(ADMIN);
        let base_token = list(&["User.Read", "UserAuthMethod-QR.ReadWrite"]);
        assert_eq!(
            scope_status(&wanted, &base_token, &[]),
            ScopeStatus::Missing
        );
        let upgraded = list(&["User.Read", "User.Read.All", "GroupMember.Read.All"]);
        assert_eq!(scope_status(&wanted, &upgraded, &wanted), ScopeStatus::Held);
        // Asked, but the authority granted less (no consent): no second round trip.
        assert_eq!(
            scope_status(&wanted, &base_token, &wanted),
            ScopeStatus::Refused
        );
        // Another page's extras asked for are not these.
        let pin = list(&["https://graph.microsoft.com/Directory.AccessAsUser.All"]);
        assert_eq!(
            scope_status(&wanted, &base_token, &pin),
            ScopeStatus::Missing
        );
        assert_eq!(scope_status(&[], &base_token, &[]), ScopeStatus::Held);
    }

    #[test]
    fn scope_strings_split_on_whitespace() {
        assert_eq!(
            split_scopes(" openid  User.Read\tprofile "),
            ["openid", "User.Read", "profile"]
        );
        assert!(split_scopes("").is_empty());
    }
}
