//! The server's clock: instants as integer milliseconds, today's date for date-of-birth checks.
use crate::domain::DateOfBirth;

pub fn now_ms() -> i64 {
    let now = time::OffsetDateTime::now_utc();
    i64::try_from(now.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}

pub fn today() -> DateOfBirth {
    let date = time::OffsetDateTime::now_utc().date();
    let year = u16::try_from(date.year()).unwrap_or(9999);
    DateOfBirth::from_parts(year, u8::from(date.month()), date.day())
        .expect("the clock gives real dates")
}
