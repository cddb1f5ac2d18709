//! One redirect URI for every bundle: a sign-in answer always comes back to the portal's root, but
//! the round trip may have started on a page another bundle serves (`/admin`, `/kiosk`: see
//! `crate::routes`). Tokens live in one page's memory, so the page that asked must redeem the code
//! itself: the root page hands the answer over to it, unread and unredeemed.

use super::{parse_redirect_query, safe_return_path, PendingSignIn, RedirectResult};

/// Where this page must send a sign-in answer instead of finishing it: the page its round trip
/// started from, with the answer's query, when another bundle serves that page (`served_here`
/// says which paths this bundle serves). `None` means this page finishes (or ignores) it.
///
/// Only this tab's own answer moves (its `state` is the pending request's), and only to the
/// path kept in this tab's storage, so a crafted link cannot send anyone anywhere. An answer that
/// is already on its page stays, whichever bundle the host served there: a misrouted host then
/// shows the problem instead of sending the answer around in a loop.
pub fn hand_over_to(
    current_path: &str,
    query: &str,
    pending: Option<&PendingSignIn>,
    served_here: impl Fn(&str) -> bool,
) -> Option<String> {
    let state = match parse_redirect_query(query) {
        RedirectResult::Code { state, .. } => state,
        RedirectResult::Error {
            state: Some(state), ..
        } => state,
        RedirectResult::Error { state: None, .. } | RedirectResult::NotARedirect => return None,
    };
    let pending = pending.filter(|pending| pending.state == state)?;
    let page = safe_return_path(pending.return_path.split(['?', '#']).next().unwrap_or("/"));
    if served_here(&page) || page == current_path {
        return None;
    }
    Some(format!("{page}{query}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending(return_path: &str) -> PendingSignIn {
        PendingSignIn::from_random(&[3u8; 96], return_path)
    }

    /// The root page of the employees' bundle: everything but `/admin…` and `/kiosk…`.
    fn employee_page(path: &str) -> bool {
        !(path.starts_with("/admin") || path.starts_with("/kiosk"))
    }

    #[test]
    fn an_answer_for_another_bundles_page_goes_there_with_its_query() {
        let p = pending("/admin/team?from=link");
        let query = format!("?code=abc&state={}", p.state);
        assert_eq!(
            hand_over_to("/", &query, Some(&p), employee_page),
            Some(format!("/admin/team{query}"))
        );
        let error = format!("?error=consent_required&state={}", p.state);
        assert_eq!(
            hand_over_to("/", &error, Some(&p), employee_page),
            Some(format!("/admin/team{error}"))
        );
    }

    #[test]
    fn an_answer_for_this_bundles_page_stays() {
        let p = pending("/badge");
        let query = format!("?code=abc&state={}", p.state);
        assert_eq!(hand_over_to("/", &query, Some(&p), employee_page), None);
    }

    #[test]
    fn someone_elses_answer_stays_where_it_landed() {
        let p = pending("/kiosk");
        assert_eq!(
            hand_over_to("/", "?code=abc&state=guessed", Some(&p), employee_page),
            None
        );
        assert_eq!(
            hand_over_to("/", "?error=access_denied", Some(&p), employee_page),
            None
        );
        assert_eq!(
            hand_over_to("/", "?code=abc&state=s", None, employee_page),
            None
        );
        assert_eq!(hand_over_to("/", "?lang=de", Some(&p), employee_page), None);
    }

    #[test]
    fn an_answer_already_on_its_page_never_moves_again() {
        let p = pending("/kiosk");
        let query = format!("?code=abc&state={}", p.state);
        assert_eq!(
            hand_over_to("/kiosk", &query, Some(&p), employee_page),
            None
        );
    }

    #[test]
    fn the_page_comes_from_storage_and_stays_on_this_origin() {
        let mut p = pending("/admin");
        p.return_path = "//evil.example/admin".into();
        let query = format!("?code=abc&state={}", p.state);
        assert_eq!(hand_over_to("/", &query, Some(&p), employee_page), None);
        p.return_path = "/kiosk#top".into();
        assert_eq!(
            hand_over_to("/", &query, Some(&p), employee_page),
            Some(format!("/kiosk{query}"))
        );
    }
}
