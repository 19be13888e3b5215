//! Reading one cell as a date or date-time: ISO (`2020-03-15`, `2020-03-15T08:26:00Z`), numeric with
//! separators (`15/03/2020`, `3/15/20 8:26 PM`, `15.03.2020`) whose day/month order is decided per column,
//! and English month names (`15 Mar 2020`, `Mar 15, 2020`). Values are seconds since 1970-01-01T00:00 with
//! no time zone: an explicit offset (`Z`, `+01:00`) is checked and the written wall-clock time kept, so a
//! purchase at 21:30 −05:00 falls on the store's day, as pandas' `.dt.date` and lifetimes count it (converted
//! to UTC it fell on the next day). Two-digit years follow POSIX `%y`: 69–99 → 19xx,
//! 00–68 → 20xx. Never panics.

use super::options::DateOrder;

/// How a date cell is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Shape {
    /// Year first: `YYYY-MM-DD`.
    Iso,
    /// Two small numbers then the year; `four_digit_year` tells `15/03/2020` from `15/03/20`.
    Numeric { sep: u8, four_digit_year: bool },
    /// A month name.
    Named,
}

/// A date cell before the day/month order is known.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Scanned {
    pub shape: Shape,
    pub year: i64,
    /// For `Numeric`, the first and second number; otherwise month and day.
    pub a: u32,
    pub b: u32,
    /// Seconds into the day, as written (a UTC offset is not applied).
    pub time: f64,
    pub has_time: bool,
}

impl Scanned {
    /// What the cell proves about the order of a `Numeric` date.
    pub fn proves(&self) -> Option<DateOrder> {
        match self.shape {
            Shape::Numeric { .. } if self.a > 12 && self.b <= 12 => Some(DateOrder::DayFirst),
            Shape::Numeric { .. } if self.b > 12 && self.a <= 12 => Some(DateOrder::MonthFirst),
            _ => None,
        }
    }

    /// Seconds since the epoch, reading a `Numeric` date in `order`; `None` when no such date exists.
    pub fn seconds(&self, order: DateOrder) -> Option<f64> {
        let (m, d) = match (self.shape, order) {
            (Shape::Numeric { .. }, DateOrder::DayFirst) => (self.b, self.a),
            _ => (self.a, self.b),
        };
        let days = days_from_civil(self.year, m, d)?;
        Some(days as f64 * 86_400.0 + self.time)
    }

    /// A label such as `YYYY-MM-DD HH:MM` or `M/D/YY H:MM`, for summaries and notes.
    pub fn label(&self, order: DateOrder) -> String {
        let date = match self.shape {
            Shape::Iso => "YYYY-MM-DD".to_string(),
            Shape::Named => "D Mon YYYY".to_string(),
            Shape::Numeric { sep, four_digit_year } => {
                let (x, y) = match order {
                    DateOrder::DayFirst => ("D", "M"),
                    DateOrder::MonthFirst => ("M", "D"),
                };
                let yy = if four_digit_year { "YYYY" } else { "YY" };
                let s = sep as char;
                format!("{x}{s}{y}{s}{yy}")
            }
        };
        if self.has_time {
            format!("{date} HH:MM")
        } else {
            date
        }
    }
}

/// Days from 1970-01-01 to a proleptic Gregorian date; `None` for an impossible date.
pub(crate) fn days_from_civil(y: i64, m: u32, d: u32) -> Option<i64> {
    if !(1..=12).contains(&m) || d == 0 || !(-9999..=9999).contains(&y) {
        return None;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let dim = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if d > dim[m as usize - 1] {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The civil date of a day count since 1970-01-01.
pub(crate) fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    (y, m, d)
}

/// `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS` for seconds since the epoch.
pub(crate) fn format_seconds(s: f64) -> String {
    if !s.is_finite() {
        return String::new();
    }
    let days = (s / 86_400.0).floor();
    let (y, m, d) = civil_from_days(days as i64);
    let rest = s - days * 86_400.0;
    if rest == 0.0 {
        format!("{y:04}-{m:02}-{d:02}")
    } else {
        let secs = rest.floor() as i64;
        let (hh, mm, ss) = (secs / 3600, secs % 3600 / 60, secs % 60);
        format!("{y:04}-{m:02}-{d:02} {hh:02}:{mm:02}:{ss:02}")
    }
}

const MONTHS: [&str; 12] =
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

fn month_from_name(w: &str) -> Option<u32> {
    let w = w.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    let k = MONTHS.iter().position(|m| w.starts_with(m))?;
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    (w.len() == 3 || FULL[k].starts_with(&w) || w == "sept").then_some(k as u32 + 1)
}

/// A small cursor over ASCII bytes.
struct Cur<'a> {
    b: &'a [u8],
    i: usize,
}

impl Cur<'_> {
    fn digits(&mut self, min: usize, max: usize) -> Option<(u32, usize)> {
        let start = self.i;
        let mut v: u32 = 0;
        while self.i < self.b.len() && self.i - start < max && self.b[self.i].is_ascii_digit() {
            v = v * 10 + (self.b[self.i] - b'0') as u32;
            self.i += 1;
        }
        let n = self.i - start;
        (n >= min).then_some((v, n))
    }
    fn eat(&mut self, c: u8) -> bool {
        if self.b.get(self.i) == Some(&c) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn done(&self) -> bool {
        self.i == self.b.len()
    }
    fn rest(&self) -> &[u8] {
        &self.b[self.i..]
    }
}

/// Reads a trimmed cell as a date; `None` when it is not one.
pub(crate) fn scan(t: &str) -> Option<Scanned> {
    let b = t.as_bytes();
    if b.len() < 6 || b.len() > 40 {
        return None;
    }
    if b[0].is_ascii_digit() {
        scan_numeric(b).or_else(|| scan_named(t))
    } else {
        scan_named(t)
    }
}

fn scan_numeric(b: &[u8]) -> Option<Scanned> {
    let mut c = Cur { b, i: 0 };
    let (first, n1) = c.digits(1, 4)?;
    let sep = *b.get(c.i)?;
    if !matches!(sep, b'-' | b'/' | b'.') {
        return None;
    }
    c.i += 1;
    if n1 == 4 {
        let (m, _) = c.digits(1, 2)?;
        if !c.eat(sep) {
            return None;
        }
        let (d, _) = c.digits(1, 2)?;
        let (time, has_time) = scan_time(&mut c, true)?;
        return Some(Scanned { shape: Shape::Iso, year: first as i64, a: m, b: d, time, has_time });
    }
    if n1 > 2 {
        return None;
    }
    let (second, _) = c.digits(1, 2)?;
    if !c.eat(sep) {
        return None;
    }
    let (y, four) = year(&mut c)?;
    let (time, has_time) = scan_time(&mut c, false)?;
    if first == 0 || second == 0 || first > 31 || second > 31 || (first > 12 && second > 12) {
        return None;
    }
    Some(Scanned {
        shape: Shape::Numeric { sep, four_digit_year: four },
        year: y,
        a: first,
        b: second,
        time,
        has_time,
    })
}

fn year(c: &mut Cur<'_>) -> Option<(i64, bool)> {
    let (y, n) = c.digits(2, 4)?;
    match n {
        2 => Some((if y >= 69 { 1900 + y } else { 2000 + y } as i64, false)),
        4 => Some((y as i64, true)),
        _ => None,
    }
}

/// `15 March 2020`, `15-Mar-20`, `Mar 15, 2020`, `March 15 2020 10:00`.
fn scan_named(t: &str) -> Option<Scanned> {
    let words: Vec<&str> = t.split([' ', ',', '-']).filter(|w| !w.is_empty()).collect();
    if words.len() < 3 || words.len() > 5 {
        return None;
    }
    let (m, day_word) = match month_from_name(words[0]) {
        Some(m) => (m, words[1]),
        None => (month_from_name(words[1])?, words[0]),
    };
    let day = day_word.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']);
    if day.is_empty() || day.len() > 2 || !day.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let d: u32 = day.parse().ok()?;
    let mut c = Cur { b: words[2].as_bytes(), i: 0 };
    let (y, _) = year(&mut c)?;
    if !c.done() {
        return None;
    }
    let time_text = words[3..].join(" ");
    let mut c = Cur { b: time_text.as_bytes(), i: 0 };
    let (time, has_time) = if time_text.is_empty() { (0.0, false) } else { (scan_time_body(&mut c)?, true) };
    if !c.done() {
        return None;
    }
    Some(Scanned { shape: Shape::Named, year: y, a: m, b: d, time, has_time })
}

/// An optional time after the date: `[T or spaces]H:MM[:SS[.fff]][ AM|PM][Z|±HH[:MM]]`.
fn scan_time(c: &mut Cur<'_>, iso: bool) -> Option<(f64, bool)> {
    if c.done() {
        return Some((0.0, false));
    }
    let sep_ok = c.eat(b' ') || (iso && (c.eat(b'T') || c.eat(b't')));
    if !sep_ok {
        return None;
    }
    while c.eat(b' ') {}
    let t = scan_time_body(c)?;
    if iso {
        // Shopify writes "2023-01-05 10:15:22 +0100": a space before the offset; others " UTC"
        let save = c.i;
        while c.eat(b' ') {}
        let rest = c.rest().to_ascii_lowercase();
        if rest == b"utc" || rest == b"gmt" {
            c.i += 3;
        } else if !matches!(rest.first(), Some(b'+' | b'-' | b'z')) {
            c.i = save;
        }
        scan_offset(c)?;
    }
    c.done().then_some((t, true))
}

fn scan_time_body(c: &mut Cur<'_>) -> Option<f64> {
    let (h, _) = c.digits(1, 2)?;
    if !c.eat(b':') {
        return None;
    }
    let (mi, nm) = c.digits(2, 2)?;
    let mut s = 0.0;
    if nm == 2 && c.eat(b':') {
        let (sec, _) = c.digits(2, 2)?;
        s = sec as f64;
        if c.eat(b'.') || c.eat(b',') {
            let start = c.i;
            c.digits(1, 9)?;
            let frac = std::str::from_utf8(&c.b[start - 1..c.i]).ok()?.replace(',', ".");
            s += format!("0{frac}").parse::<f64>().ok()?;
        }
    }
    let save = c.i;
    while c.eat(b' ') {}
    let rest = c.rest().to_ascii_lowercase();
    let mut hour = h;
    if rest.starts_with(b"am") || rest.starts_with(b"pm") {
        if !(1..=12).contains(&h) {
            return None;
        }
        let pm = rest[0] == b'p';
        hour = h % 12 + if pm { 12 } else { 0 };
        c.i += 2;
    } else {
        c.i = save;
    }
    if hour > 23 || mi > 59 || s >= 61.0 {
        return None;
    }
    Some(hour as f64 * 3600.0 + mi as f64 * 60.0 + s)
}

fn scan_offset(c: &mut Cur<'_>) -> Option<f64> {
    if c.eat(b'Z') || c.eat(b'z') {
        return Some(0.0);
    }
    let sign = if c.eat(b'+') {
        1.0
    } else if c.eat(b'-') {
        -1.0
    } else {
        return Some(0.0);
    };
    let (h, _) = c.digits(2, 2)?;
    c.eat(b':');
    let m = c.digits(2, 2).map(|x| x.0).unwrap_or(0);
    (h <= 14 && m < 60).then_some(sign * (h as f64 * 3600.0 + m as f64 * 60.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(t: &str, order: DateOrder) -> Option<f64> {
        scan(t)?.seconds(order)
    }

    #[test]
    fn civil_round_trip() {
        for z in [-800_000i64, -1, 0, 1, 10_957, 18_262, 2_932_896] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), Some(z));
        }
        assert_eq!(days_from_civil(2000, 2, 30), None);
        assert_eq!(days_from_civil(2024, 2, 29), Some(19_782));
    }

    #[test]
    fn iso_and_offsets() {
        let mf = DateOrder::MonthFirst;
        assert_eq!(secs("1970-01-02", mf), Some(86_400.0));
        assert_eq!(secs("2015-02-11", mf), Some(1_423_612_800.0));
        assert_eq!(secs("1970-01-01T01:00:00Z", mf), Some(3600.0));
        // the wall-clock time as written: 21:30 at −05:00 stays on the 1st
        assert_eq!(secs("1970-01-01 01:00:00+01:00", mf), Some(3600.0));
        assert_eq!(secs("1970-01-01T21:30:00-05:00", mf), Some(77_400.0));
        assert_eq!(secs("1970-01-01T21:30:00+25:00", mf), None);
        // Shopify's "Created at", and a written UTC
        assert_eq!(secs("1970-01-01 21:30:00 +0100", mf), Some(77_400.0));
        assert_eq!(secs("1970-01-01 21:30:00 -0500", mf), Some(77_400.0));
        assert_eq!(secs("1970-01-01 21:30:00 UTC", mf), Some(77_400.0));
        assert_eq!(secs("1970-01-01 21:30:00 +", mf), None);
        assert_eq!(secs("1970-01-01 21:30:00 CET", mf), None);
        assert_eq!(secs("1970-01-01T00:00:01.5", mf), Some(1.5));
        assert_eq!(secs("2015-02-30", mf), None);
    }

    #[test]
    fn excel_us_and_day_first() {
        let s = scan("12/1/10 8:26").unwrap();
        assert_eq!(s.proves(), None);
        assert_eq!(s.seconds(DateOrder::MonthFirst), Some(1_291_191_960.0));
        assert_eq!(s.label(DateOrder::MonthFirst), "M/D/YY HH:MM");
        assert_eq!(scan("15/03/2020").unwrap().proves(), Some(DateOrder::DayFirst));
        assert_eq!(scan("03/15/2018").unwrap().proves(), Some(DateOrder::MonthFirst));
        assert_eq!(
            secs("3/15/2018 8:05 PM", DateOrder::MonthFirst),
            secs("2018-03-15 20:05", DateOrder::MonthFirst)
        );
        assert_eq!(scan("13/13/2020"), None);
        assert_eq!(secs("31.12.1999", DateOrder::DayFirst), secs("1999-12-31", DateOrder::DayFirst));
    }

    #[test]
    fn month_names() {
        let want = secs("2020-03-15", DateOrder::MonthFirst);
        for t in ["15 Mar 2020", "15-Mar-2020", "Mar 15, 2020", "March 15 2020", "15 March 2020"] {
            assert_eq!(secs(t, DateOrder::DayFirst), want, "{t}");
        }
        assert_eq!(secs("15-Mar-20", DateOrder::DayFirst), want);
    }

    #[test]
    fn not_dates() {
        for t in ["12", "1234567", "12.5", "2020", "hello world", "1/2", "1-2-3-4", "99/99/9999"] {
            assert_eq!(scan(t), None, "{t}");
        }
    }

    #[test]
    fn format_seconds_round_trips() {
        assert_eq!(format_seconds(1_291_191_960.0), "2010-12-01 08:26:00");
        assert_eq!(format_seconds(0.0), "1970-01-01");
    }
}
