//! A Practitioner's Clients page: the read-only table of the active clients their security tags
//! allow (every client when they have none), with search, tag filter, sorting and columns.
use crate::{
    components::{clients_panel::ClientsPanel, signed_in::SignedIn},
    domain::user::CurrentUser,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MyClients() -> impl IntoView {
    view! {
        <Title text="Clients · Roster"/>
        <SignedIn only=CurrentUser::reads_clients>
            <main class="content">
                <h1>"Clients"</h1>
                <p class="muted">"The active clients of your practice that you work with. Administrators manage clients and decide which ones you see."</p>
                <section class="panel">
                    <ClientsPanel read_only=true/>
                </section>
            </main>
        </SignedIn>
    }
}
