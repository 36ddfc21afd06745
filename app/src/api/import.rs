//! Importing clients from CSV: the upload itself is a plain POST (`/api/clients/import/upload`,
//! so the browser can show its progress); these follow the job it starts.
use super::error::AppError;
use crate::domain::import::ImportStage;
use leptos::{prelude::*, server_fn::codec::Postcard};

/// Where the import job stands: checking, checked (with the report), importing, done or failed.
#[server(endpoint = "import/status", input = Postcard, output = Postcard)]
pub async fn import_status(job: String) -> Result<ImportStage, AppError> {
    use crate::server::{auth, import, AppState};
    let state = expect_context::<AppState>();
    let admin = auth::require_admin(&state).await?;
    import::status(&state, &admin, &job)
}

/// "Import N clients": imports the rows that are ready and those needing only the tags in
/// `create_tags`; `send_codes` emails registration codes now (Roster template).
#[server(endpoint = "import/run", input = Postcard, output = Postcard)]
pub async fn import_clients(
    job: String,
    create_tags: Vec<String>,
    send_codes: bool,
) -> Result<(), AppError> {
    use crate::server::{auth, import, AppState};
    let state = expect_context::<AppState>();
    let admin = auth::require_admin(&state).await?;
    import::import(&state, &admin, &job, create_tags, send_codes)
}
