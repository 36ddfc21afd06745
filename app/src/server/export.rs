//! `GET /clients/export.csv`: the Clients table as the caller sees it — view, search, tag filter
//! and sort from the query string, the visible columns in their order (`columns`) — as a CSV
//! file. Every cell says what the table's cell says; cells a spreadsheet would run as a formula
//! are neutralized. Practitioners get only the clients their security tags allow.
use super::{
    auth::{AuthSession, Reader},
    clock, db,
    import::refusal,
    layouts, AppState,
};
use crate::{
    api::error::AppError,
    domain::{
        client_actions::thousands,
        import::neutralized,
        user::{iso_date, ClientQuery},
        Column, ColumnLayout, TableColumn, UserState,
    },
};
use axum::{
    body::{Body, Bytes},
    extract::{Query, State},
    http::header,
    response::{IntoResponse, Response},
};
use futures::StreamExt;
use std::collections::HashMap;

/// Rows fetched and written per step.
const CHUNK: usize = 500;

pub async fn export(
    State(state): State<AppState>,
    session: AuthSession,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    match prepare(&state, &session, &params).await {
        Ok((reader, columns, ids)) => {
            let file = format!("clients-{}.csv", iso_date(clock::now_ms()));
            let body = Body::from_stream(csv_chunks(state, reader, columns, ids));
            (
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"{file}\""),
                    ),
                    (header::CACHE_CONTROL, "no-store".to_string()),
                ],
                body,
            )
                .into_response()
        }
        Err(error) => refusal(error),
    }
}

/// Who asks, what they see and which rows, in order; the export is audited here.
async fn prepare(
    state: &AppState,
    session: &AuthSession,
    params: &HashMap<String, String>,
) -> Result<(Reader, Vec<Column>, Vec<i64>), AppError> {
    let reader = super::auth::reader_of(state, session).await?;
    let mut query = ClientQuery::from_params(|k| params.get(k).cloned());
    if !reader.is_admin {
        query.state = UserState::Active;
    }
    let mut columns: Vec<Column> = params
        .get("columns")
        .map(|keys| keys.split(',').filter_map(Column::from_key).collect())
        .unwrap_or_default();
    columns.dedup();
    if columns.is_empty() {
        let layout: ColumnLayout = layouts::get(state, reader.user_id, "clients").await?;
        columns = layout.visible();
    }
    let mut conn = state.db.pool().acquire().await?;
    let ids = db::users::ordered_ids(
        &mut conn,
        state.db.engine(),
        reader.org_id,
        &query,
        &reader.scope,
    )
    .await?;
    let labels: Vec<&str> = columns.iter().map(|c| c.label()).collect();
    db::audit::record(
        &mut conn,
        db::audit::Entry {
            org_id: reader.org_id,
            actor_id: Some(reader.user_id),
            action: "clients_exported",
            subject_user_id: None,
            detail: format!(
                "{} {} clients; columns: {}",
                thousands(ids.len()),
                query.state.as_str(),
                labels.join(", ")
            ),
        },
        clock::now_ms(),
    )
    .await?;
    Ok((reader, columns, ids))
}

fn csv_line(cells: impl IntoIterator<Item = String>) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(cells.into_iter().map(|c| neutralized(&c)))?;
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

/// The file, a chunk of rows at a time: a UTF-8 byte order mark (spreadsheets then read
/// accents right), the header, then the rows in the table's order.
fn csv_chunks(
    state: AppState,
    reader: Reader,
    columns: Vec<Column>,
    ids: Vec<i64>,
) -> impl futures::Stream<Item = Result<Bytes, std::io::Error>> {
    let chunks: Vec<Vec<i64>> = ids.chunks(CHUNK).map(<[i64]>::to_vec).collect();
    let head = csv_line(columns.iter().map(|c| c.label().to_string())).map(|line| {
        let mut bytes = "\u{feff}".as_bytes().to_vec();
        bytes.extend(line);
        Bytes::from(bytes)
    });
    let head = futures::stream::once(async move { head.map_err(std::io::Error::other) });
    let rows = futures::stream::iter(chunks).then(move |chunk| {
        let (state, reader, columns) = (state.clone(), reader.clone(), columns.clone());
        async move {
            let mut conn = state
                .db
                .pool()
                .acquire()
                .await
                .map_err(std::io::Error::other)?;
            let clients =
                db::users::clients_by_ids(&mut conn, reader.org_id, &chunk, &reader.scope)
                    .await
                    .map_err(std::io::Error::other)?;
            let mut bytes = Vec::new();
            for client in &clients {
                let line = csv_line(columns.iter().map(|c| c.text(client)))
                    .map_err(std::io::Error::other)?;
                bytes.extend(line);
            }
            Ok(Bytes::from(bytes))
        }
    });
    head.chain(rows)
}
