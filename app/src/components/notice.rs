//! The message at the top of a panel that says how the last action went.
use leptos::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Success(String),
    Error(String),
}

/// A notice handed from one page to the next (a form that navigates back to its table after
/// success). Provided once by the app.
#[derive(Debug, Clone, Copy)]
pub struct Flash(pub RwSignal<Option<Notice>>);

impl Flash {
    /// The app's flash; call while building a component, not inside an event handler.
    pub fn here() -> Flash {
        use_context::<Flash>().unwrap_or_else(|| Flash(RwSignal::new(None)))
    }

    pub fn set(self, notice: Notice) {
        self.0.set(Some(notice));
    }

    /// The waiting notice, if any, which is then gone.
    pub fn take(self) -> Option<Notice> {
        self.0.try_update(Option::take).flatten()
    }
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
                <div class=class>
                    <span class="notice-text" role=role>{text}</span>
                    <button type="button" class="icon-button" aria-label="Dismiss" on:click=move |_| notice.set(None)>
                        "✕"
                    </button>
                </div>
            }
        })
    }
}
