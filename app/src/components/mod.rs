//! Components take data and signals and render; pages own loading and actions.
pub mod app_frame;
pub mod checklist;
pub mod client_dialogs;
pub mod clients_panel;
pub mod clients_toolbar;
pub mod dialog;
pub mod form;
pub mod menu;
pub mod notice;
pub mod pager;
pub mod public_page;
pub mod signed_in;
pub mod table;
pub mod team_dialogs;
pub mod team_panel;
pub mod team_toolbar;
pub mod today;
