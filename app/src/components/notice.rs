//! The message at the top of a panel that says how the last action went.
use leptos::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Success(String),
    Error(String),
}

/// Shows the current notice, if any, with a button to dismiss it. Success is announced politely
/// (`status`), errors at once (`alert`).
#[component]
pub fn NoticeBar(notice: RwSignal<Option<Notice>>) -> impl IntoView {
    move || {
        notice.get().map(|current| {
            let (class, role, text) = match current {
                Notice::Success(text) => ("notice-bar success", "status", text),
                Notice::Error(text) => ("notice-bar error", "alert", text),
            };
            view! {
                <div class=class role=role>
                    <span class="notice-text">{text}</span>
                    <button type="button" class="icon-button" aria-label="Dismiss" on:click=move |_| notice.set(None)>
                        "✕"
                    </button>
                </div>
            }
        })
    }
}
