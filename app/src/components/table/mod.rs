//! The pieces of the Manage Users tables.
pub mod column_menu;
pub mod header_cell;
