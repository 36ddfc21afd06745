//! A modal dialog: a titled box over a dimmed page. Escape, the backdrop or the caller's own
//! buttons close it; focus moves into it when it opens.
use leptos::{html, prelude::*};

#[component]
pub fn Dialog(
    /// The heading, which also names the dialog for screen readers.
    #[prop(into)]
    title: Signal<String>,
    on_close: Callback<()>,
    children: Children,
) -> impl IntoView {
    let panel = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if let Some(panel) = panel.get() {
            let _ = panel.focus();
        }
    });
    view! {
        <div class="dialog-layer">
            <div class="dialog-backdrop" on:click=move |_| on_close.run(())></div>
            <div
                class="dialog"
                role="dialog"
                aria-modal="true"
                aria-label=move || title.get()
                tabindex="-1"
                node_ref=panel
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    if ev.key() == "Escape" {
                        on_close.run(());
                    }
                }
            >
                <h2 class="dialog-title">{move || title.get()}</h2>
                {children()}
            </div>
        </div>
    }
}
