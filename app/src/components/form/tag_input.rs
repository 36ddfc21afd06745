//! Tags for one new client: chips for the chosen ones and an input that suggests the
//! organization's tags (a `datalist`) or takes a new name; Enter or a comma adds it.
use crate::domain::TagName;
use leptos::prelude::*;

#[component]
pub fn TagInput(
    tags: RwSignal<Vec<String>>,
    /// The id of the `datalist` with the organization's tags.
    list: &'static str,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let add = move || {
        let text = typed.get_untracked();
        for part in text.split(',').filter(|p| !p.trim().is_empty()) {
            match TagName::parse(part) {
                Ok(tag) => {
                    let known =
                        tags.with_untracked(|t| t.iter().any(|n| n.to_lowercase() == tag.key()));
                    if !known {
                        tags.update(|t| t.push(tag.as_str().to_string()));
                    }
                    problem.set(None);
                }
                Err(invalid) => problem.set(Some(invalid.message)),
            }
        }
        typed.set(String::new());
    };
    let message = move || problem.get().or_else(|| error.get());
    view! {
        <div class="field tag-field">
            <span>"Tags"</span>
            <div class="tag-box">
                {move || {
                    tags.get()
                        .into_iter()
                        .map(|name| {
                            let label = format!("Remove tag {name}");
                            let remove = name.clone();
                            view! {
                                <span class="tag chip">
                                    {name}
                                    <button type="button" class="chip-remove" aria-label=label on:click=move |_| {
                                        tags.update(|t| t.retain(|n| *n != remove));
                                    }>"×"</button>
                                </span>
                            }
                        })
                        .collect_view()
                }}
                <input
                    type="text"
                    list=list
                    aria-label="Tags"
                    placeholder="Add a tag"
                    prop:value=move || typed.get()
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        let done = text.ends_with(',');
                        typed.set(text);
                        if done {
                            add();
                        }
                    }
                    on:change=move |_| add()
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                            add();
                        }
                    }
                />
            </div>
            {move || message().map(|m| view! { <span class="field-error">{m}</span> })}
        </div>
    }
}
