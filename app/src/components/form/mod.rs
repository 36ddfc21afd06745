//! Form pieces shared by the admin forms and the public pages: labelled inputs with their
//! message beside them, a client's detail fields, and a tag picker.
pub mod client_fields;
pub mod role_choices;
pub mod tag_input;
pub mod text_field;
