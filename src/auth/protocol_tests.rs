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
