//! A button that opens an ARIA menu; clicking outside or pressing Escape closes it.
use leptos::prelude::*;

#[component]
pub fn Menu(
    /// The button's visible words.
    #[prop(into)]
    label: Signal<String>,
    /// Extra class for the button.
    #[prop(optional, into)]
    class: String,
    /// The button's accessible name when its words are a symbol ("⋯").
    #[prop(optional)]
    aria_label: Option<&'static str>,
    open: RwSignal<bool>,
    children: ChildrenFn,
) -> impl IntoView {
    let close_on_escape = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            open.set(false);
        }
    };
    view! {
        <div class="menu-anchor" on:keydown=close_on_escape>
            <button
                type="button"
                class=format!("button menu-button {class}")
                aria-haspopup="menu"
                aria-label=aria_label
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {move || label.get()}
                <span class="caret" aria-hidden="true">"▾"</span>
            </button>
            <Show when=move || open.get()>
                <div class="menu-backdrop" on:click=move |_| open.set(false)></div>
                <div class="menu-popup" role="menu">{children()}</div>
            </Show>
        </div>
    }
}
