//! Calendar arithmetic on the engine's date encoding (seconds since 1970-01-01T00:00, no time zone): civil
//! dates, and the start of the day / week / month a moment falls in. Pure integer arithmetic, no clock.
//!
//! Written here rather than pulling `chrono` in: the engine needs only these three conversions (Howard Hinnant's
//! public-domain `days_from_civil` / `civil_from_days` algorithms), and the unit tests below pin them against
//! known dates, including pandas' Monday-start weeks (`to_period("W")`).

use serde::{Deserialize, Serialize};

/// Seconds in a day.
pub const SECONDS_PER_DAY: f64 = 86_400.0;

/// Days since 1970-01-01 of the proleptic Gregorian date `y-m-d` (`m` in 1..=12, `d` in 1..=31).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date `(year, month, day)` of day `z` since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Seconds since 1970-01-01 of every value of a column of whole numbers written `YYYYMMDD` (CDNOW's
/// `19970101`), NaN where a value is missing; `None` unless every present value is such a date between the
/// years 1800 and 2200 and at least one is present.
pub fn compact_dates(values: &[f64]) -> Option<Vec<f64>> {
    let mut any = false;
    let out = values
        .iter()
        .map(|&v| {
            if v.is_nan() {
                return Some(f64::NAN);
            }
            if v.fract() != 0.0 || !(18_000_101.0..=22_001_231.0).contains(&v) {
                return None;
            }
            let v = v as i64;
            let date = CivilDate::new((v / 10_000) as i32, (v / 100 % 100) as u32, (v % 100) as u32)?;
            any = true;
            Some(date.seconds())
        })
        .collect::<Option<Vec<f64>>>()?;
    any.then_some(out)
}

/// The day (since 1970-01-01) that contains the moment `seconds`; `None` for a non-finite or absurd value.
pub fn day_of(seconds: f64) -> Option<i64> {
    // ±1e14 s is about ±3 million years: far beyond any real purchase date, and safe from i64 overflow below.
    if !seconds.is_finite() || seconds.abs() > 1e14 {
        return None;
    }
    Some((seconds / SECONDS_PER_DAY).floor() as i64)
}

/// A calendar period that purchases are grouped by (lifetimes' `freq`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodUnit {
    /// Calendar days (`freq="D"`).
    #[default]
    Day,
    /// Monday-to-Sunday weeks, as pandas' `to_period("W")` (`W-SUN`) groups them.
    Week,
    /// Calendar months (`freq="M"`).
    Month,
}

impl PeriodUnit {
    /// The first day of the period containing `day`.
    pub fn start(self, day: i64) -> i64 {
        match self {
            PeriodUnit::Day => day,
            // 1970-01-01 was a Thursday, so day + 3 counts days since Monday 1969-12-29.
            PeriodUnit::Week => day - (day + 3).rem_euclid(7),
            PeriodUnit::Month => {
                let (y, m, _) = civil_from_days(day);
                days_from_civil(y, m, 1)
            }
        }
    }

    /// Length of one unit in days, as numpy's `timedelta64(1, freq)` measures it: a month is 1/12 of the
    /// mean Gregorian year (30.436875 days).
    pub fn days(self) -> f64 {
        match self {
            PeriodUnit::Day => 1.0,
            PeriodUnit::Week => 7.0,
            PeriodUnit::Month => 365.2425 / 12.0,
        }
    }

    /// The plural English name ("days").
    pub fn plural(self) -> &'static str {
        match self {
            PeriodUnit::Day => "days",
            PeriodUnit::Week => "weeks",
            PeriodUnit::Month => "months",
        }
    }
}

/// A calendar date, written `YYYY-MM-DD` in JSON; only real dates can be represented.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CivilDate {
    year: i32,
    month: u32,
    day: u32,
}

impl CivilDate {
    /// The date `year-month-day`, or `None` when no such day exists (month 13, 30 February…).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Self> {
        if !(1..=12).contains(&month) || day == 0 || !(-9999..=9999).contains(&year) {
            return None;
        }
        let days = days_from_civil(i64::from(year), month, day);
        (civil_from_days(days) == (i64::from(year), month, day)).then_some(CivilDate { year, month, day })
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i64 {
        days_from_civil(i64::from(self.year), self.month, self.day)
    }

    /// The date of day `z` since 1970-01-01 (years are clamped to ±9999).
    pub fn from_days(z: i64) -> Self {
        let (y, m, d) = civil_from_days(z);
        CivilDate { year: y.clamp(-9999, 9999) as i32, month: m, day: d }
    }

    /// Seconds since 1970-01-01T00:00 at the start of this date.
    pub fn seconds(self) -> f64 {
        self.days() as f64 * SECONDS_PER_DAY
    }
}

impl std::fmt::Display for CivilDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl TryFrom<String> for CivilDate {
    type Error = String;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        let bad = || format!("a date must be written YYYY-MM-DD and exist, got {s:?}");
        let mut parts = s.trim().splitn(3, '-');
        let mut next = || parts.next().and_then(|p| p.parse::<i64>().ok());
        let (y, m, d) = (next().ok_or_else(bad)?, next().ok_or_else(bad)?, next().ok_or_else(bad)?);
        let (y, m, d) = (i32::try_from(y), u32::try_from(m), u32::try_from(d));
        match (y, m, d) {
            (Ok(y), Ok(m), Ok(d)) => CivilDate::new(y, m, d).ok_or_else(bad),
            _ => Err(bad()),
        }
    }
}

impl From<CivilDate> for String {
    fn from(d: CivilDate) -> String {
        d.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip_and_known_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(1997, 1, 1), 9862);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        for z in [-800_000, -1, 0, 59, 10_956, 11_016, 11_017, 2_932_896] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
    }

    #[test]
    fn weeks_start_on_monday_like_pandas() {
        // 1997-01-01 was a Wednesday; pandas' W-SUN period starts on Monday 1996-12-30.
        let d = days_from_civil(1997, 1, 1);
        assert_eq!(PeriodUnit::Week.start(d), days_from_civil(1996, 12, 30));
        // a Sunday belongs to the week that started six days earlier
        assert_eq!(PeriodUnit::Week.start(days_from_civil(1997, 1, 5)), days_from_civil(1996, 12, 30));
        assert_eq!(PeriodUnit::Week.start(days_from_civil(1997, 1, 6)), days_from_civil(1997, 1, 6));
        assert_eq!(PeriodUnit::Month.start(days_from_civil(1996, 2, 29)), days_from_civil(1996, 2, 1));
        assert_eq!(PeriodUnit::Day.start(-3), -3);
    }

    #[test]
    fn compact_dates_are_whole_columns_of_real_days() {
        let got = compact_dates(&[19_970_101.0, f64::NAN, 20_000_229.0]).unwrap();
        assert_eq!(got[0], CivilDate::new(1997, 1, 1).unwrap().seconds());
        assert!(got[1].is_nan());
        assert_eq!(got[2], CivilDate::new(2000, 2, 29).unwrap().seconds());
        for not in [[19_970_101.0, 19_970_230.0], [19_970_101.0, 1_234.0], [19_970_101.5, 19_970_102.0]] {
            assert_eq!(compact_dates(&not), None, "{not:?}");
        }
        assert_eq!(compact_dates(&[f64::NAN]), None);
    }

    #[test]
    fn day_of_floors_and_rejects_non_finite() {
        assert_eq!(day_of(8.0 * 3600.0), Some(0));
        assert_eq!(day_of(-1.0), Some(-1));
        assert_eq!(day_of(f64::NAN), None);
        assert_eq!(day_of(f64::INFINITY), None);
    }

    #[test]
    fn civil_date_parses_only_real_dates() {
        let d: CivilDate = serde_json::from_str("\"1997-09-30\"").unwrap();
        assert_eq!(d.to_string(), "1997-09-30");
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"1997-09-30\"");
        assert_eq!(CivilDate::from_days(d.days()), d);
        for bad in ["\"1997-02-30\"", "\"1997-13-01\"", "\"yesterday\"", "\"1997-09\"", "\"1997-00-10\""] {
            assert!(serde_json::from_str::<CivilDate>(bad).is_err(), "{bad}");
        }
    }
}
