//! Which delegated scopes and directory roles each kind of operation needs (the permission tables of Graph's
//! qrCodePinAuthenticationMethod pages; `crates/emulator/README.md` lists the choices). Any one scope of a list is enough, as in Graph's tables ("least privileged" to
//! "higher privileged", each sufficient on its own).
//!
//! The portal's sign-in scopes (`User.Read`, `UserAuthMethod-QR.ReadWrite`) satisfy none of the
//! "others" lists, so an employee's token is refused other people, user search, group members and
//! `$batch` writes for others (403). `Directory.AccessAsUser.All`, which the portal adds only on `/pin`
//! for `updatePin`, does read users and group members as the signed-in person may (Graph's real
//! semantics), but never other people's authentication methods.

use crate::store::model::DirectoryRole;

pub const USER_READ_SELF: &[&str] = &[
    "User.Read",
    "User.ReadWrite",
    "User.ReadBasic.All",
    "User.Read.All",
    "User.ReadWrite.All",
    "Directory.Read.All",
    "Directory.ReadWrite.All",
    "Directory.AccessAsUser.All",
];
pub const USER_READ_OTHERS: &[&str] = &[
    "User.ReadBasic.All",
    "User.Read.All",
    "User.ReadWrite.All",
    "Directory.Read.All",
    "Directory.ReadWrite.All",
    "Directory.AccessAsUser.All",
];
pub const GROUP_MEMBERS_READ: &[&str] = &[
    "GroupMember.Read.All",
    "Group.Read.All",
    "Group.ReadWrite.All",
    "Directory.Read.All",
    "Directory.ReadWrite.All",
    "Directory.AccessAsUser.All",
];
pub const METHOD_READ_SELF: &[&str] = &[
    "UserAuthMethod-QR.Read",
    "UserAuthMethod-QR.Read.All",
    "UserAuthMethod-QR.ReadWrite",
    "UserAuthMethod-QR.ReadWrite.All",
    "UserAuthenticationMethod.Read",
    "UserAuthenticationMethod.Read.All",
    "UserAuthenticationMethod.ReadWrite",
    "UserAuthenticationMethod.ReadWrite.All",
];
pub const METHOD_WRITE_SELF: &[&str] = &[
    "UserAuthMethod-QR.ReadWrite",
    "UserAuthMethod-QR.ReadWrite.All",
    "UserAuthenticationMethod.ReadWrite",
    "UserAuthenticationMethod.ReadWrite.All",
];
pub const METHOD_READ_OTHERS: &[&str] = &[
    "UserAuthMethod-QR.Read.All",
    "UserAuthMethod-QR.ReadWrite.All",
    "UserAuthenticationMethod.Read.All",
    "UserAuthenticationMethod.ReadWrite.All",
];
pub const METHOD_WRITE_OTHERS: &[&str] = &[
    "UserAuthMethod-QR.ReadWrite.All",
    "UserAuthenticationMethod.ReadWrite.All",
];
/// `updatePin` is documented with `Directory.AccessAsUser.All` as its only delegated permission.
pub const UPDATE_PIN: &[&str] = &["Directory.AccessAsUser.All"];
pub const POLICY_READ: &[&str] = &[
    "Policy.Read.AuthenticationMethod",
    "Policy.ReadWrite.AuthenticationMethod",
];
pub const POLICY_WRITE: &[&str] = &["Policy.ReadWrite.AuthenticationMethod"];

/// Reading another user's authentication methods.
pub const READ_OTHERS_ROLES: &[DirectoryRole] = &[
    DirectoryRole::GlobalReader,
    DirectoryRole::AuthenticationAdministrator,
    DirectoryRole::PrivilegedAuthenticationAdministrator,
    DirectoryRole::GlobalAdministrator,
];
/// Changing another user's authentication methods.
pub const WRITE_OTHERS_ROLES: &[DirectoryRole] = &[
    DirectoryRole::AuthenticationAdministrator,
    DirectoryRole::PrivilegedAuthenticationAdministrator,
    DirectoryRole::GlobalAdministrator,
];
/// Roles that may manage the methods of users who hold admin roles themselves (an Authentication
/// Administrator may only manage non-admin users).
pub const PRIVILEGED_WRITE_ROLES: &[DirectoryRole] = &[
    DirectoryRole::PrivilegedAuthenticationAdministrator,
    DirectoryRole::GlobalAdministrator,
];
pub const POLICY_READ_ROLES: &[DirectoryRole] = &[
    DirectoryRole::GlobalReader,
    DirectoryRole::AuthenticationPolicyAdministrator,
    DirectoryRole::GlobalAdministrator,
];
pub const POLICY_WRITE_ROLES: &[DirectoryRole] = &[
    DirectoryRole::AuthenticationPolicyAdministrator,
    DirectoryRole::GlobalAdministrator,
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::oidc::scopes::{ADMIN_GRAPH_SCOPES, PIN_GRAPH_SCOPES, SELF_SERVICE_GRAPH_SCOPES};

    fn satisfies(held: &[&str], accepted: &[&str]) -> bool {
        held.iter()
            .any(|scope| accepted.iter().any(|a| a.eq_ignore_ascii_case(scope)))
    }

    #[test]
    fn the_sign_in_scopes_reach_only_the_person_themselves() {
        let base = &SELF_SERVICE_GRAPH_SCOPES;
        for others in [
            USER_READ_OTHERS,
            GROUP_MEMBERS_READ,
            METHOD_READ_OTHERS,
            METHOD_WRITE_OTHERS,
            UPDATE_PIN,
            POLICY_READ,
        ] {
            assert!(!satisfies(base, others), "{others:?}");
        }
        for own in [USER_READ_SELF, METHOD_READ_SELF, METHOD_WRITE_SELF] {
            assert!(satisfies(base, own), "{own:?}");
        }
    }

    #[test]
    fn the_pin_scope_changes_a_pin_but_no_one_elses_method() {
        assert!(satisfies(&PIN_GRAPH_SCOPES, UPDATE_PIN));
        assert!(!satisfies(&PIN_GRAPH_SCOPES, METHOD_READ_OTHERS));
        assert!(!satisfies(&PIN_GRAPH_SCOPES, METHOD_WRITE_OTHERS));
    }

    #[test]
    fn the_admin_scopes_cover_every_administrator_read_and_write() {
        for needed in [
            USER_READ_OTHERS,
            GROUP_MEMBERS_READ,
            METHOD_READ_OTHERS,
            METHOD_WRITE_OTHERS,
            POLICY_READ,
        ] {
            assert!(satisfies(&ADMIN_GRAPH_SCOPES, needed), "{needed:?}");
        }
    }
}
