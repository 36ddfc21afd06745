//! Dates of birth: real calendar dates in ISO form, not before 1900 and never in the future.
use super::invalid::{Field, Invalid};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A calendar date stored and sent as `YYYY-MM-DD` (which also sorts correctly as text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DateOfBirth {
    year: u16,
    month: u8,
    day: u8,
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 0,
    }
}

impl DateOfBirth {
    /// Accepts `YYYY-MM-DD` and the vendor's compact `YYYYMMDD`.
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let bad = || Invalid::new(Field::DateOfBirth, "Enter a real date as YYYY-MM-DD");
        let text = raw.trim();
        let digits: String = match text.len() {
            10 if text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-' => text.replace('-', ""),
            8 => text.to_string(),
            0 => {
                return Err(Invalid::new(
                    Field::DateOfBirth,
                    "Date of Birth is required",
                ))
            }
            _ => return Err(bad()),
        };
        if digits.len() != 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let year: u16 = digits[0..4].parse().map_err(|_| bad())?;
        let month: u8 = digits[4..6].parse().map_err(|_| bad())?;
        let day: u8 = digits[6..8].parse().map_err(|_| bad())?;
        if year < 1900 {
            return Err(Invalid::new(
                Field::DateOfBirth,
                "Enter a year from 1900 on",
            ));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(bad());
        }
        Ok(Self { year, month, day })
    }

    /// Refuses a date after `today` (the caller's clock; the server always checks with its own).
    pub fn not_after(self, today: DateOfBirth) -> Result<Self, Invalid> {
        if self > today {
            Err(Invalid::new(
                Field::DateOfBirth,
                "Date of Birth cannot be in the future",
            ))
        } else {
            Ok(self)
        }
    }

    /// A date from its parts, for clocks; `None` when it is not a real date.
    pub fn from_parts(year: u16, month: u8, day: u8) -> Option<Self> {
        (month >= 1 && day >= 1 && day <= days_in_month(year, month)).then_some(Self {
            year,
            month,
            day,
        })
    }

    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Display for DateOfBirth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl TryFrom<String> for DateOfBirth {
    type Error = Invalid;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<DateOfBirth> for String {
    fn from(value: DateOfBirth) -> Self {
        value.iso()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_and_compact_forms_are_the_same_date() {
        assert_eq!(
            DateOfBirth::parse("1981-11-20").unwrap(),
            DateOfBirth::parse("19811120").unwrap()
        );
        assert_eq!(DateOfBirth::parse("19811120").unwrap().iso(), "1981-11-20");
    }

    #[test]
    fn impossible_dates_are_refused() {
        for raw in [
            "1981-02-30",
            "1981-13-01",
            "1899-12-31",
            "2001-2-3",
            "abcd-ef-gh",
            "1900-02-29",
        ] {
            assert!(DateOfBirth::parse(raw).is_err(), "{raw} should be refused");
        }
        assert!(DateOfBirth::parse("2000-02-29").is_ok());
    }

    #[test]
    fn a_date_after_today_is_refused() {
        let today = DateOfBirth::parse("2026-11-22").unwrap();
        assert!(DateOfBirth::parse("2026-11-23")
            .unwrap()
            .not_after(today)
            .is_err());
        assert!(DateOfBirth::parse("2026-11-22")
            .unwrap()
            .not_after(today)
            .is_ok());
    }
}
