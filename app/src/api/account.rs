//! The signed-in person's own account page.
use super::error::AppError;
use crate::domain::user::MyAccount;
use leptos::{prelude::*, server_fn::codec::Postcard};

#[server(endpoint = "account/get", input = Postcard, output = Postcard)]
pub async fn get_my_account() -> Result<MyAccount, AppError> {
    use crate::server::{account, AppState};
    account::get(&expect_context::<AppState>()).await
}

#[server(endpoint = "account/rename", input = Postcard, output = Postcard)]
pub async fn rename_me(
    version: i64,
    first_name: String,
    last_name: String,
) -> Result<MyAccount, AppError> {
    use crate::server::{account, AppState};
    account::rename(
        &expect_context::<AppState>(),
        version,
        &first_name,
        &last_name,
    )
    .await
}

#[server(endpoint = "account/password", input = Postcard, output = Postcard)]
pub async fn change_my_password(current: String, new: String) -> Result<(), AppError> {
    use crate::server::{account, AppState};
    account::change_password(&expect_context::<AppState>(), &current, &new).await
}
