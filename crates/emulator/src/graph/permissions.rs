//! Which delegated scopes and directory roles each kind of operation needs (SPEC §3.3 and the Graph
//! permission tables). Any one scope of a list is enough.

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
