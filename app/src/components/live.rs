//! `.app[data-hydrated=true]`: the page in the browser is live. A page whose code is loaded on
//! demand hydrates after the rest of the app, once its code has arrived, so the page's content
//! says when it is live rather than the App around it. Tests wait for this attribute.
use leptos::prelude::*;

/// Whether the page's content has hydrated; provided by the App.
#[derive(Clone, Copy)]
pub struct Live(pub RwSignal<bool>);

/// Marks the page live once the view that calls this has hydrated: effects run only in the
/// browser, after the view they belong to is hydrated.
pub fn mark_live() {
    if let Some(Live(live)) = use_context::<Live>() {
        Effect::new(move |_| live.set(true));
    }
}
