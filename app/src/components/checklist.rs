//! A button that opens a small panel of checkboxes. Ticking or unticking one reports it at
//! once: the Roles and Security Tags columns save on every change, with no Save button.
use leptos::prelude::*;

#[component]
pub fn Checklist(
    /// The button's visible words (what is chosen now).
    #[prop(into)]
    label: Signal<String>,
    /// The button's and the panel's accessible name ("Roles for Maya Okafor").
    #[prop(into)]
    name: String,
    /// Each choice: a key and its words.
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    /// The keys ticked now.
    #[prop(into)]
    checked: Signal<Vec<String>>,
    /// Called with a key and whether it is now ticked.
    on_toggle: Callback<(String, bool)>,
    /// While a change is being saved the boxes wait.
    #[prop(optional, into)]
    busy: Signal<bool>,
    /// A line under the choices.
    #[prop(optional)]
    hint: Option<&'static str>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    // Where the panel opens: fixed to the window beside the button, so a scrolling table
    // around it cannot clip it; above the button when there is no room below. Set through
    // `style:` (the style object), which the page's CSP allows where a style attribute is not.
    let place = RwSignal::new((String::new(), None::<String>, None::<String>));
    let button = NodeRef::<leptos::html::Button>::new();
    let toggle = move |_| {
        if !open.get_untracked() {
            if let Some(button) = button.get_untracked() {
                let rect = button.get_bounding_client_rect();
                let room = window()
                    .inner_height()
                    .ok()
                    .and_then(|h| h.as_f64())
                    .unwrap_or(800.0);
                let left = format!("{:.0}px", rect.left());
                place.set(if rect.bottom() + 280.0 > room {
                    (
                        left,
                        None,
                        Some(format!("{:.0}px", room - rect.top() + 6.0)),
                    )
                } else {
                    (left, Some(format!("{:.0}px", rect.bottom() + 6.0)), None)
                });
            }
        }
        open.update(|o| *o = !*o);
    };
    let panel_name = name.clone();
    view! {
        <div
            class="menu-anchor checklist-anchor"
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if ev.key() == "Escape" {
                    open.set(false);
                }
            }
        >
            <button
                type="button"
                class="checklist-button"
                aria-haspopup="true"
                aria-label=name
                aria-expanded=move || open.get().to_string()
                node_ref=button
                on:click=toggle
            >
                <span class="checklist-value">{move || label.get()}</span>
                <span class="caret" aria-hidden="true">"▾"</span>
            </button>
            <Show when=move || open.get()>
                <div class="menu-backdrop" on:click=move |_| open.set(false)></div>
                <div
                    class="menu-popup checklist-popup"
                    role="group"
                    aria-label=panel_name.clone()
                    style:left=move || place.get().0
                    style:top=move || place.get().1.unwrap_or_else(|| "auto".into())
                    style:bottom=move || place.get().2.unwrap_or_else(|| "auto".into())
                >
                    {move || {
                        let options = options.get();
                        if options.is_empty() {
                            return view! { <p class="menu-hint">"Nothing to choose yet."</p> }.into_any();
                        }
                        options
                            .into_iter()
                            .map(|(key, words)| {
                                let shown = key.clone();
                                view! {
                                    <label class="check-row menu-item">
                                        <input
                                            type="checkbox"
                                            prop:checked=move || checked.with(|c| c.contains(&shown))
                                            disabled=move || busy.get()
                                            on:change=move |ev| {
                                                // The box shows what is saved: it changes when the
                                                // server says so, and stays put when it refuses.
                                                let input = event_target::<web_sys::HtmlInputElement>(&ev);
                                                let wanted = input.checked();
                                                input.set_checked(!wanted);
                                                on_toggle.run((key.clone(), wanted));
                                            }
                                        />
                                        {words}
                                    </label>
                                }
                            })
                            .collect_view()
                            .into_any()
                    }}
                    {hint.map(|h| view! { <p class="menu-hint">{h}</p> })}
                </div>
            </Show>
        </div>
    }
}
