//! Today's UTC date where the code runs: the browser's clock for instant form feedback, the
//! server's for the checks that count.
use crate::domain::DateOfBirth;

#[cfg(feature = "hydrate")]
pub fn today() -> DateOfBirth {
    let now = js_sys::Date::new_0();
    let year = u16::try_from(now.get_utc_full_year()).unwrap_or(9999);
    let month = u8::try_from(now.get_utc_month() + 1).unwrap_or(12);
    let day = u8::try_from(now.get_utc_date()).unwrap_or(28);
    DateOfBirth::from_parts(year, month, day)
        .or_else(|| DateOfBirth::from_parts(9999, 12, 31))
        .expect("9999-12-31 is a real date")
}

#[cfg(all(feature = "ssr", not(feature = "hydrate")))]
pub fn today() -> DateOfBirth {
    crate::server::clock::today()
}
