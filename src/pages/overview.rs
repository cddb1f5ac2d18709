//! The employee's own method at a glance (one Graph request for the method, one for the profile).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::{LoadingBoundary, MethodSummary};
use crate::format::now;
use crate::graph::{GraphClient, Target};
use crate::locale::{t, t_string, use_i18n};

#[component]
pub fn Overview() -> impl IntoView {
    let i18n = use_i18n();
    let graph = expect_context::<GraphClient>();
    let method = graph.qr_method_resource(Target::Me);
    view! {
        <div class="page">
            <h1>{t!(i18n, status.overview.title)}</h1>
            <nav
                class="quick-actions"
                aria-label=move || t_string!(i18n, status.overview.actions_label)
            >
                <A href="/temporary" attr:class="button primary">
                    {t!(i18n, status.overview.temporary)}
                </A>
                <A href="/pin" attr:class="button secondary">
                    {t!(i18n, status.overview.change_pin)}
                </A>
                <A href="/badge" attr:class="button secondary">
                    {t!(i18n, status.overview.manage_badge)}
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
