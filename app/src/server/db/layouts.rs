//! The `table_layouts` table: each admin's saved column layout per table.
use sqlx::{AnyConnection, Row};

pub async fn get(
    conn: &mut AnyConnection,
    user_id: i64,
    table: &str,
) -> Result<Option<String>, sqlx::Error> {
    let row =
        sqlx::query("SELECT layout FROM table_layouts WHERE user_id = $1 AND table_name = $2")
            .bind(user_id)
            .bind(table.to_owned())
            .fetch_optional(conn)
            .await?;
    row.map(|r| r.try_get(0)).transpose()
}

pub async fn put(
    conn: &mut AnyConnection,
    user_id: i64,
    table: &str,
    layout: String,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO table_layouts (user_id, table_name, layout) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id, table_name) DO UPDATE SET layout = excluded.layout",
    )
    .bind(user_id)
    .bind(table.to_owned())
    .bind(layout)
    .execute(conn)
    .await
    .map(|_| ())
}

pub async fn delete(
    conn: &mut AnyConnection,
    user_id: i64,
    table: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM table_layouts WHERE user_id = $1 AND table_name = $2")
        .bind(user_id)
        .bind(table.to_owned())
        .execute(conn)
        .await
        .map(|_| ())
}
