//! Components take data and signals and render; pages own loading and actions.
pub mod app_frame;
pub mod clients_panel;
pub mod menu;
pub mod pager;
pub mod table;
pub mod team_panel;
