use super::*;

fn pending() -> PendingSignIn {
    let mut random = [0u8; 96];
    for (i, b) in random.iter_mut().enumerate() {
        *b = i as u8;
    }
    PendingSignIn::from_random(&random, "/pin")
}

#[test]
fn pkce_challenge_matches_rfc_7636_appendix_b() {
    assert_eq!(
        pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    );
}

#[test]
fn verifier_state_and_nonce_are_distinct_and_long_enough() {
    let p = pending();
    assert_ne!(p.state, p.nonce);
    assert_ne!(p.state, p.code_verifier);
    // RFC 7636: 43..=128 characters.
    assert!((43..=128).contains(&p.code_verifier.len()));
    assert_eq!(p.return_path, "/pin");
}

#[test]
fn return_path_never_leaves_the_app() {
    assert_eq!(safe_return_path("/admin?user=1"), "/admin?user=1");
    assert_eq!(safe_return_path("//evil.example/"), "/");
    assert_eq!(safe_return_path("https://evil.example/"), "/");
    assert_eq!(safe_return_path("/\\evil.example"), "/");
}

#[test]
fn authorize_url_carries_pkce_state_nonce_and_prompt() {
    let p = pending();
    let scopes = vec![
        "openid".to_string(),
        "https://graph.microsoft.com/User.Read".to_string(),
    ];
    let url = AuthorizeRequest {
        authorization_endpoint: "https://login.microsoftonline.com/contoso/oauth2/v2.0/authorize",
        client_id: "abc",
        redirect_uri: "http://localhost/myapp/",
        scopes: &scopes,
        prompt: Prompt::None,
        login_hint: Some("adele@contoso.com"),
        claims: None,
    }
    .url(&p);
    assert!(url.starts_with(
        "https://login.microsoftonline.com/contoso/oauth2/v2.0/authorize?client_id=abc&"
    ));
    assert!(url.contains("&redirect_uri=http%3A%2F%2Flocalhost%2Fmyapp%2F&"));
    assert!(url.contains("&scope=openid%20https%3A%2F%2Fgraph.microsoft.com%2FUser.Read&"));
    assert!(url.contains(&format!(
        "&code_challenge={}&code_challenge_method=S256",
        p.code_challenge()
    )));
    assert!(url.contains(&format!("&state={}&", p.state)));
    assert!(url.contains(&format!("&nonce={}&", p.nonce)));
    assert!(url.contains("&prompt=none&login_hint=adele%40contoso.com"));
    assert!(
        !url.contains(&p.code_verifier),
        "the verifier never leaves the browser"
    );
}

#[test]
fn redirect_query_with_code_and_state() {
    assert_eq!(
        parse_redirect_query("?code=AwAB%2BAAA&state=12345"),
        RedirectResult::Code {
            code: "AwAB+AAA".into(),
            state: "12345".into()
        }
    );
}

#[test]
fn redirect_query_with_error_wins_over_code() {
    assert_eq!(
        parse_redirect_query("error=login_required&error_description=No+session%2E&state=s"),
        RedirectResult::Error {
            error: "login_required".into(),
            description: Some("No session.".into()),
            state: Some("s".into())
        }
    );
}

#[test]
fn ordinary_query_is_not_a_redirect() {
    assert_eq!(
        parse_redirect_query("?tab=pin"),
        RedirectResult::NotARedirect
    );
    assert_eq!(
        parse_redirect_query("code=only"),
        RedirectResult::NotARedirect
    );
    assert_eq!(
        parse_redirect_query("bad=%zz%"),
        RedirectResult::NotARedirect
    );
}

#[test]
fn jwt_claims_are_read_and_roles_detected() {
    let claims = URL_SAFE_NO_PAD.encode(
        br#"{"scp":"User.Read","wids":["C4E39BD9-1100-46D3-8C65-FB160DA0071F"],"nonce":"n"}"#,
    );
    let jwt = format!("eyJhbGciOiJSUzI1NiJ9.{claims}.sig");
    let access: AccessTokenClaims = decode_jwt_claims(&jwt).expect("claims");
    assert!(access.is_authentication_admin());
    let id: IdTokenClaims = decode_jwt_claims(&jwt).expect("claims");
    assert_eq!(id.nonce.as_deref(), Some("n"));
    assert_eq!(
        decode_jwt_claims::<IdTokenClaims>("not-a-jwt"),
        Err(JwtError::Shape)
    );
    let plain = AccessTokenClaims::default();
    assert!(!plain.is_authentication_admin());
}

#[test]
fn form_encoding_escapes_reserved_characters() {
    assert_eq!(
        encode_form([("a b", "x&y=z"), ("scope", "openid profile")]),
        "a%20b=x%26y%3Dz&scope=openid%20profile"
    );
}

// What a redirect answer may do, given the sign-in this tab started.

fn error_answer(error: &str, description: &str, state: Option<&str>) -> RedirectResult {
    RedirectResult::Error {
        error: error.into(),
        description: Some(description.into()),
        state: state.map(str::to_string),
    }
}

#[test]
fn a_crafted_error_without_state_is_ignored_and_cleaned_to_the_current_path() {
    let crafted = parse_redirect_query("?error=access_denied&error_description=Call%20555-SCAM");
    let action = decide_redirect(crafted, Some(pending()));
    assert_eq!(action, RedirectAction::Ignored);
    assert_eq!(action.clean_path("/kiosk"), "/kiosk");
}

#[test]
fn an_error_with_another_state_or_no_sign_in_started_is_ignored() {
    let p = pending();
    let wrong = error_answer("access_denied", "Call 555-SCAM", Some("guessed"));
    assert_eq!(
        decide_redirect(wrong, Some(p.clone())),
        RedirectAction::Ignored
    );
    let no_request = error_answer("access_denied", "Call 555-SCAM", Some(&p.state));
    assert_eq!(decide_redirect(no_request, None), RedirectAction::Ignored);
    // Not even a crafted "login_required" may sign the tab out.
    let silent = error_answer("login_required", "x", Some("guessed"));
    assert_eq!(decide_redirect(silent, Some(p)), RedirectAction::Ignored);
}

#[test]
fn an_error_for_this_tabs_sign_in_is_the_authoritys_and_returns_where_it_started() {
    let p = pending();
    let answer = error_answer(
        "access_denied",
        "AADSTS65004: User declined.",
        Some(&p.state),
    );
    let action = decide_redirect(answer, Some(p));
    assert_eq!(
        action,
        RedirectAction::Failed {
            failure: AuthorityFailure::Refused {
                error: "access_denied".into(),
                description: Some("AADSTS65004: User declined.".into()),
            },
            return_path: "/pin".into(),
        }
    );
    assert_eq!(action.clean_path("/"), "/pin");
}

#[test]
fn a_silent_sign_in_without_session_ends_the_tabs_session() {
    for error in SILENT_SIGN_IN_ENDED {
        let p = pending();
        let answer = error_answer(error, "No session.", Some(&p.state));
        assert_eq!(
            decide_redirect(answer, Some(p)),
            RedirectAction::SessionEnded {
                return_path: "/pin".into()
            },
            "{error}"
        );
    }
}

#[test]
fn an_authority_reporting_trouble_is_an_outage_not_a_refusal() {
    let p = pending();
    let answer = error_answer("temporarily_unavailable", "Try later.", Some(&p.state));
    assert!(matches!(
        decide_redirect(answer, Some(p)),
        RedirectAction::Failed {
            failure: AuthorityFailure::Unavailable(Outage::Reported),
            ..
        }
    ));
}

#[test]
fn only_a_code_for_this_tabs_state_is_redeemed() {
    let p = pending();
    let mine = RedirectResult::Code {
        code: "c".into(),
        state: p.state.clone(),
    };
    let action = decide_redirect(mine, Some(p.clone()));
    assert_eq!(
        action,
        RedirectAction::Redeem {
            code: "c".into(),
            pending: p.clone()
        }
    );
    assert_eq!(action.clean_path("/"), "/pin");
    let forged = RedirectResult::Code {
        code: "c".into(),
        state: "guessed".into(),
    };
    let action = decide_redirect(forged, Some(p.clone()));
    assert_eq!(action, RedirectAction::StateMismatch);
    assert_eq!(action.clean_path("/"), "/");
    let orphan = RedirectResult::Code {
        code: "c".into(),
        state: p.state,
    };
    assert_eq!(decide_redirect(orphan, None), RedirectAction::StateMismatch);
}

// The token endpoint's answer: refusals and outages apart, by status and OAuth code only.

#[test]
fn token_endpoint_outages_are_not_refusals() {
    for status in [500, 502, 503, 504, 429] {
        assert_eq!(
            read_token_answer(status, r#"{"error":"invalid_grant"}"#).unwrap_err(),
            AuthorityFailure::Unavailable(Outage::Status(status))
        );
    }
    let graph_shaped = r#"{"error":{"code":"serviceUnavailable","message":"x"}}"#;
    assert_eq!(
        read_token_answer(503, graph_shaped).unwrap_err(),
        AuthorityFailure::Unavailable(Outage::Status(503))
    );
    assert_eq!(
        read_token_answer(200, r#"{"access_token":"#).unwrap_err(),
        AuthorityFailure::Unavailable(Outage::Unreadable)
    );
    assert_eq!(
        read_token_answer(404, "<html>Not found</html>").unwrap_err(),
        AuthorityFailure::Unavailable(Outage::Status(404))
    );
    assert_eq!(
        read_token_answer(400, r#"{"error":"temporarily_unavailable"}"#).unwrap_err(),
        AuthorityFailure::Unavailable(Outage::Reported)
    );
}

#[test]
fn an_oauth_error_answer_is_a_refusal() {
    let body = r#"{"error":"invalid_grant","error_description":"AADSTS70008: expired.","correlation_id":"c"}"#;
    assert_eq!(
        read_token_answer(400, body).unwrap_err(),
        AuthorityFailure::Refused {
            error: "invalid_grant".into(),
            description: Some("AADSTS70008: expired.".into()),
        }
    );
    let ok = read_token_answer(200, r#"{"access_token":"a","expires_in":3599}"#).expect("tokens");
    assert_eq!(ok.expires_in, Some(3599));
}

// The tab's account: the hint for a silent sign-in, and noticing another account came back.

fn claims(json: &str) -> IdTokenClaims {
    serde_json::from_str(json).expect("claims")
}

#[test]
fn the_login_hint_claim_is_preferred_over_the_username() {
    let both = claims(r#"{"login_hint":"O.opaque","preferred_username":"adele@contoso.com"}"#);
    assert_eq!(choose_login_hint(&both), Some("O.opaque"));
    let username = claims(r#"{"login_hint":" ","preferred_username":"adele@contoso.com"}"#);
    assert_eq!(choose_login_hint(&username), Some("adele@contoso.com"));
    assert_eq!(choose_login_hint(&claims(r#"{"name":"Adele"}"#)), None);
    let account = TabAccount::from_claims(&both).expect("account");
    assert_eq!(account.login_hint, "O.opaque");
    assert_eq!(account.username, "adele@contoso.com");
    assert_eq!(TabAccount::from_claims(&claims("{}")), None);
}

#[test]
fn another_account_coming_back_is_noticed_and_the_same_one_is_not() {
    let adele = TabAccount::from_claims(&claims(
        r#"{"preferred_username":"adele@contoso.com","oid":"a1"}"#,
    ));
    let adele_again = TabAccount::from_claims(&claims(
        r#"{"preferred_username":"Adele@Contoso.com","oid":"A1"}"#,
    ));
    let megan = TabAccount::from_claims(&claims(
        r#"{"preferred_username":"megan@contoso.com","oid":"m1"}"#,
    ));
    assert_eq!(account_switch(adele.as_ref(), adele_again.as_ref()), None);
    assert_eq!(
        account_switch(None, megan.as_ref()),
        None,
        "a first sign-in"
    );
    let switch = account_switch(adele.as_ref(), megan.as_ref()).expect("a switch");
    assert_eq!(
        switch,
        AccountSwitch {
            now: "megan@contoso.com".into(),
            before: "adele@contoso.com".into(),
        }
    );
    // Without object ids, the usernames decide.
    let renamed_oid_missing = TabAccount {
        login_hint: "adele@contoso.com".into(),
        username: "adele@contoso.com".into(),
        oid: None,
    };
    assert_eq!(
        account_switch(Some(&renamed_oid_missing), adele.as_ref()),
        None
    );
}

#[test]
fn the_tab_account_stored_is_never_a_token() {
    let account = TabAccount::from_claims(&claims(
        r#"{"preferred_username":"adele@contoso.com","oid":"a1","nonce":"n","tid":"t"}"#,
    ))
    .expect("account");
    let json = serde_json::to_string(&account).expect("json");
    assert_eq!(
        json,
        r#"{"login_hint":"adele@contoso.com","username":"adele@contoso.com","oid":"a1"}"#
    );
}

#[test]
fn granted_scopes_come_from_the_answer_else_from_the_access_token() {
    let answer = |scope: Option<&str>, access_token: &str| TokenResponse {
        access_token: access_token.into(),
        expires_in: None,
        refresh_token: None,
        id_token: None,
        scope: scope.map(str::to_string),
    };
    let with_scope = answer(Some("https://graph.microsoft.com/User.Read openid"), "x");
    assert_eq!(
        with_scope.granted_scopes(),
        ["https://graph.microsoft.com/User.Read", "openid"]
    );
    let payload = URL_SAFE_NO_PAD.encode(br#"{"scp":"User.Read UserAuthMethod-QR.ReadWrite"}"#);
    let from_token = answer(None, &format!("h.{payload}.s"));
    assert_eq!(
        from_token.granted_scopes(),
        ["User.Read", "UserAuthMethod-QR.ReadWrite"]
    );
    assert!(answer(None, "not a jwt").granted_scopes().is_empty());
}
