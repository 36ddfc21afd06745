//! Wasm-safe values and rules. Holding a value means its checks already ran.
pub mod client_actions;
pub mod client_details;
pub mod column_layout;
pub mod date_of_birth;
pub mod email;
pub mod external_id;
pub mod invalid;
pub mod invitation;
pub mod password;
pub mod person_name;
pub mod role;
pub mod selection;
pub mod sex;
pub mod state;
pub mod tag;
pub mod user;

pub use column_layout::{Column, ColumnLayout};
pub use date_of_birth::DateOfBirth;
pub use email::Email;
pub use external_id::ExternalId;
pub use invalid::{Field, Invalid};
pub use person_name::PersonName;
pub use role::Role;
pub use sex::SexAtBirth;
pub use state::UserState;
pub use tag::TagName;
