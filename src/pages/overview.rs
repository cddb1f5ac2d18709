//! The employee's own method at a glance (one Graph request for the method, one for the profile).

use leptos::prelude::*;

use crate::components::{ErrorList, MethodSummary};
use crate::format::now;
use crate::graph::{GraphClient, Target};

#[component]
pub fn Overview() -> impl IntoView {
    let graph = expect_context::<GraphClient>();
    let method = LocalResource::new(move || {
        let graph = graph.clone();
        async move { graph.qr_method(&Target::Me).await }
    });
    view! {
        <div class="page">
            <h1>"Your QR code sign-in"</h1>
            <Transition fallback=|| {
                view! {
                    <p class="loading" role="status">
                        "Loading your sign-in method…"
                    </p>
                }
            }>
                <ErrorBoundary fallback=|errors| {
                    view! { <ErrorList errors /> }
                }>
                    {move || Suspend::new(async move {
                        method.await.map(|method| view! { <MethodSummary method now=now() /> })
                    })}
                </ErrorBoundary>
            </Transition>
        </div>
    }
}
