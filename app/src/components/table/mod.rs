//! The pieces of the Manage Users tables.
pub mod action_bar;
pub mod clients_table;
pub mod column_menu;
pub mod editable_row;
pub mod header_cell;
pub mod member_row;
pub mod team_action_bar;
pub mod team_table;
