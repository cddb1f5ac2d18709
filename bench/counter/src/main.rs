//! The smallest useful Leptos CSR app: one signal, one button. `scripts/bench.sh` builds it exactly like the
//! portal (trunk, release profile, wasm-opt -Oz) and compares sizes and load times with it.

use leptos::prelude::*;

#[component]
fn Counter() -> impl IntoView {
    let (count, set_count) = signal(0);
    view! {
        <main>
            <h1>"Counter"</h1>
            <button id="inc" on:click=move |_| set_count.update(|n| *n += 1)>
                "Click me"
            </button>
            <p id="count">{move || format!("Clicked {} times", count.get())}</p>
        </main>
    }
}

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(Counter);
}
