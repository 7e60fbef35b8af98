//! When a packet was captured, printed as RFC 3339 in UTC.

use std::fmt;

/// A capture timestamp: seconds since 1970 (UTC) and the fraction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CaptureTime {
    pub secs: i64,
    pub nanos: u32,
    /// The file keeps nanoseconds: print nine digits, not six.
    pub nano_precision: bool,
}

impl CaptureTime {
    /// `ticks` units of `1 / per_second` second after `offset` seconds (a
    /// pcapng interface's resolution and offset); `None` for a zero resolution.
    pub fn from_ticks(ticks: u64, per_second: u64, offset: i64) -> Option<Self> {
        if per_second == 0 {
            return None;
        }
        let secs = i64::try_from(ticks / per_second).ok()?.checked_add(offset)?;
        let nanos = u128::from(ticks % per_second) * 1_000_000_000 / u128::from(per_second);
        Some(Self { secs, nanos: u32::try_from(nanos).ok()?, nano_precision: per_second > 1_000_000 })
    }
}

impl fmt::Display for CaptureTime {
    /// `2024-05-01T10:00:00.123456Z`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.secs.div_euclid(86_400);
        let of_day = self.secs.rem_euclid(86_400);
        let (year, month, day) = civil_date(days);
        write!(f, "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}", of_day / 3600, of_day / 60 % 60, of_day % 60)?;
        if self.nano_precision { write!(f, ".{:09}Z", self.nanos) } else { write!(f, ".{:06}Z", self.nanos / 1000) }
    }
}

/// Year, month and day of the proleptic Gregorian calendar `days` days after
/// 1970-01-01, counted in 400-year eras of 146097 days from 0000-03-01 (so
/// that the leap day ends each year).
fn civil_date(days: i64) -> (i64, u32, u32) {
    let from_march_0000 = days + 719_468;
    let era = from_march_0000.div_euclid(146_097);
    let day_of_era = from_march_0000.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 { month_from_march + 3 } else { month_from_march - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month as u32, day as u32)
}

#[cfg(test)]
mod tests {
    use super::CaptureTime;

    fn micro(secs: i64, nanos: u32) -> String {
        CaptureTime { secs, nanos, nano_precision: false }.to_string()
    }

    #[test]
    fn epoch_and_known_dates() {
        assert_eq!(micro(0, 0), "1970-01-01T00:00:00.000000Z");
        // `date -u -d @1714557600` prints Wed May  1 10:00:00 UTC 2024.
        assert_eq!(micro(1_714_557_600, 123_456_000), "2024-05-01T10:00:00.123456Z");
        // 2000-02-29, a leap day in a century year divisible by 400: 951782400.
        assert_eq!(micro(951_782_400 + 3661, 0), "2000-02-29T01:01:01.000000Z");
        // The last second before 1970.
        assert_eq!(micro(-1, 999_999_000), "1969-12-31T23:59:59.999999Z");
    }

    #[test]
    fn nanosecond_files_print_nine_digits() {
        let t = CaptureTime::from_ticks(1_714_557_600_000_000_001, 1_000_000_000, 0).unwrap();
        assert_eq!(t.to_string(), "2024-05-01T10:00:00.000000001Z");
    }

    #[test]
    fn binary_resolution_and_offset() {
        // 2^10 ticks a second: 1536 ticks are 1.5 s, after a 60 s offset.
        let t = CaptureTime::from_ticks(1536, 1024, 60).unwrap();
        assert_eq!(t.to_string(), "1970-01-01T00:01:01.500000Z");
    }
}
