//! Directory reads and JSON batching for the administrator's views.

use gloo_net::http::Method;
use qrpin::model::{Collection, User};
use serde::Deserialize;

use super::client::GraphClient;
use super::ApiError;
use crate::auth::protocol::percent_encode;

/// At most this many pages of a collection are followed (a team of 10 000 at 100 a page).
const MAX_PAGES: usize = 100;

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Group {
    pub id: String,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
}

/// What a `$batch` POST answered, whatever its status (items carry their own).
pub struct BatchAnswer {
    pub status: u16,
    pub retry_after: Option<String>,
    pub body: String,
}

/// An OData string literal: `'` doubled.
fn odata_literal(text: &str) -> String {
    format!("'{}'", text.trim().replace('\'', "''"))
}

impl GraphClient {
    /// People whose name or user principal name starts with `query`.
    pub async fn find_users(&self, query: &str) -> Result<Vec<User>, ApiError> {
        let literal = odata_literal(query);
        let filter =
            format!("startswith(displayName,{literal}) or startswith(userPrincipalName,{literal})");
        let path = format!("/users?$filter={}&$top=20", percent_encode(&filter));
        let page: Collection<User> = self.get_json(&path).await?;
        Ok(page.value)
    }

    /// Groups whose name starts with `query`.
    pub async fn find_groups(&self, query: &str) -> Result<Vec<Group>, ApiError> {
        let filter = format!("startswith(displayName,{})", odata_literal(query));
        let path = format!("/groups?$filter={}&$top=20", percent_encode(&filter));
        let page: Collection<Group> = self.get_json(&path).await?;
        Ok(page.value)
    }

    /// Every member of a group, following `@odata.nextLink` pages.
    pub async fn group_members(&self, group_id: &str) -> Result<Vec<User>, ApiError> {
        let mut members = Vec::new();
        let mut path = format!("/groups/{}/members", percent_encode(group_id));
        for _ in 0..MAX_PAGES {
            let page: Collection<User> = self.get_json(&path).await?;
            members.extend(page.value);
            match page.next_link.and_then(|link| self.next_link_path(&link)) {
                Some(next) => path = next,
                None => break,
            }
        }
        Ok(members)
    }

    /// `POST /$batch`. Not retried here: the caller decides per item (throttling is per item).
    pub async fn post_batch(&self, body: String) -> Result<BatchAnswer, ApiError> {
        let response = self
            .exchange(self.version(), Method::POST, "/$batch", Some(body))
            .await?;
        let status = response.status();
        let retry_after = response.headers().get("retry-after");
        let body = response
            .text()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        Ok(BatchAnswer {
            status,
            retry_after,
            body,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_in_names_are_escaped_for_odata() {
        assert_eq!(odata_literal(" O'Brien "), "'O''Brien'");
    }
}
