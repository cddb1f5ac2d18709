//! Delegated scopes: what the portal asks for, what a user's consent allows, and the spellings (full
//! `https://graph.microsoft.com/X` in token responses, short `X` in the access token's `scp`).

pub const GRAPH_RESOURCE: &str = "https://graph.microsoft.com";
pub const OIDC_SCOPES: [&str; 4] = ["openid", "profile", "offline_access", "email"];

/// The Graph permissions of the portal's app registration (all admin-consented in the seeded tenant).
pub const PORTAL_GRAPH_SCOPES: [&str; 8] = [
    "User.Read",
    "UserAuthMethod-QR.ReadWrite",
    "UserAuthenticationMethod.ReadWrite",
    "Directory.AccessAsUser.All",
    "User.Read.All",
    "GroupMember.Read.All",
    "UserAuthMethod-QR.ReadWrite.All",
    "Policy.Read.AuthenticationMethod",
];

/// What every employee's sign-in asks for: their own profile and their own QR code + PIN method.
pub const SELF_SERVICE_GRAPH_SCOPES: [&str; 2] = ["User.Read", "UserAuthMethod-QR.ReadWrite"];

/// Added by a second authorization round trip when an administrator opens `/admin` (incremental
/// consent), so an employee's token never carries an `.All` scope.
pub const ADMIN_GRAPH_SCOPES: [&str; 4] = [
    "UserAuthMethod-QR.ReadWrite.All",
    "User.Read.All",
    "GroupMember.Read.All",
    "Policy.Read.AuthenticationMethod",
];

/// Added when a person opens `/pin`: `updatePin` is documented with this delegated permission only.
pub const PIN_GRAPH_SCOPES: [&str; 1] = ["Directory.AccessAsUser.All"];

fn full_names(short: &[&str]) -> Vec<String> {
    short
        .iter()
        .map(|scope| format!("{GRAPH_RESOURCE}/{scope}"))
        .collect()
}

/// The scopes `/config.json` tells the portal to request at sign-in (`auth.scopes`).
pub fn portal_requested_scopes() -> Vec<String> {
    let mut scopes: Vec<String> = ["openid", "profile", "offline_access"]
        .iter()
        .map(|scope| scope.to_string())
        .collect();
    scopes.extend(full_names(&SELF_SERVICE_GRAPH_SCOPES));
    scopes
}

/// `auth.adminScopes` of `/config.json`.
pub fn portal_admin_scopes() -> Vec<String> {
    full_names(&ADMIN_GRAPH_SCOPES)
}

/// `auth.pinScopes` of `/config.json`.
pub fn portal_pin_scopes() -> Vec<String> {
    full_names(&PIN_GRAPH_SCOPES)
}

/// A scope request split into OpenID Connect scopes and short Graph permission names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScopeRequest {
    pub oidc: Vec<String>,
    pub graph: Vec<String>,
    /// `https://graph.microsoft.com/.default`: everything consented.
    pub graph_default: bool,
}

impl ScopeRequest {
    pub fn parse(scope_param: &str) -> ScopeRequest {
        let mut request = ScopeRequest::default();
        for scope in scope_param.split_whitespace() {
            let lower = scope.to_ascii_lowercase();
            if OIDC_SCOPES.contains(&lower.as_str()) {
                if !request.oidc.contains(&lower) {
                    request.oidc.push(lower);
                }
                continue;
            }
            let short = strip_graph_prefix(scope);
            if short == ".default" {
                request.graph_default = true;
            } else if !request
                .graph
                .iter()
                .any(|known| known.eq_ignore_ascii_case(short))
            {
                request.graph.push(short.to_string());
            }
        }
        request
    }

    /// Graph scopes granted to a user: requested ∩ consented (a request for nothing Graph gets
    /// `User.Read`, as Entra does for a sign-in-only request). Returned in canonical spelling.
    pub fn grant(&self, consented: Option<&[String]>) -> Vec<String> {
        let consented: Vec<String> = match consented {
            Some(list) => list.to_vec(),
            None => PORTAL_GRAPH_SCOPES.iter().map(|s| s.to_string()).collect(),
        };
        let wanted: Vec<String> = if self.graph_default {
            consented.clone()
        } else if self.graph.is_empty() {
            vec!["User.Read".to_string()]
        } else {
            self.graph.clone()
        };
        wanted
            .iter()
            .filter_map(|scope| {
                consented
                    .iter()
                    .find(|allowed| allowed.eq_ignore_ascii_case(scope))
                    .cloned()
            })
            .collect()
    }
}

/// `https://graph.microsoft.com/User.Read` → `User.Read`; other spellings unchanged.
pub fn strip_graph_prefix(scope: &str) -> &str {
    let lower = scope.to_ascii_lowercase();
    let prefix = format!("{}/", GRAPH_RESOURCE);
    if lower.starts_with(&prefix) {
        &scope[prefix.len()..]
    } else if lower.starts_with("00000003-0000-0000-c000-000000000000/") {
        &scope["00000003-0000-0000-c000-000000000000/".len()..]
    } else {
        scope
    }
}

/// The `scope` member of a token response: granted Graph scopes in full plus the OIDC scopes requested.
pub fn token_response_scope(graph: &[String], oidc: &[String]) -> String {
    let mut parts: Vec<String> = graph
        .iter()
        .map(|scope| format!("{GRAPH_RESOURCE}/{scope}"))
        .collect();
    parts.extend(oidc.iter().filter(|s| s.as_str() != "email").cloned());
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grant_intersects_with_consent() {
        let mut everything = portal_requested_scopes();
        everything.extend(portal_admin_scopes());
        everything.extend(portal_pin_scopes());
        let request = ScopeRequest::parse(&everything.join(" "));
        assert_eq!(request.oidc, vec!["openid", "profile", "offline_access"]);
        assert_eq!(request.grant(None).len(), PORTAL_GRAPH_SCOPES.len() - 1);
        let only_user_read = vec!["User.Read".to_string()];
        assert_eq!(request.grant(Some(&only_user_read)), only_user_read);
    }

    #[test]
    fn the_sign_in_scopes_carry_no_directory_wide_permission() {
        let granted = ScopeRequest::parse(&portal_requested_scopes().join(" ")).grant(None);
        assert_eq!(granted, vec!["User.Read", "UserAuthMethod-QR.ReadWrite"]);
        assert!(granted.iter().all(|scope| !scope.ends_with(".All")));
        for extra in ADMIN_GRAPH_SCOPES.iter().chain(&PIN_GRAPH_SCOPES) {
            assert!(PORTAL_GRAPH_SCOPES.contains(extra), "{extra} is registered");
        }
    }

    #[test]
    fn default_scope_grants_everything_consented() {
        let request = ScopeRequest::parse("https://graph.microsoft.com/.default openid");
        assert!(request.graph_default);
        assert_eq!(request.grant(None).len(), PORTAL_GRAPH_SCOPES.len());
    }

    #[test]
    fn unknown_scopes_are_not_granted() {
        let request = ScopeRequest::parse("https://graph.microsoft.com/Mail.Read User.Read");
        assert_eq!(request.grant(None), vec!["User.Read".to_string()]);
    }
}
