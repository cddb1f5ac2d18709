//! The employee's own method at a glance (one Graph request for the method, one for the profile).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::{LoadingBoundary, MethodSummary};
use crate::format::now;
use crate::graph::{GraphClient, Target};

#[component]
pub fn Overview() -> impl IntoView {
    let graph = expect_context::<GraphClient>();
    let method = graph.qr_method_resource(Target::Me);
    view! {
        <div class="page">
            <h1>"Your QR code sign-in"</h1>
            <nav class="quick-actions" aria-label="What do you want to do?">
                <A href="/temporary" attr:class="button primary">
                    "Forgot your badge? Get a temporary QR code"
                </A>
                <A href="/pin" attr:class="button secondary">
                    "Change PIN"
                </A>
                <A href="/badge" attr:class="button secondary">
                    "Manage my badge"
                </A>
            </nav>
            <LoadingBoundary>
                {move || Suspend::new(async move {
                    method.await.map(|method| view! { <MethodSummary method now=now() /> })
                })}
            </LoadingBoundary>
        </div>
    }
}
