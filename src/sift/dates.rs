//! Dates in datelines, parsed from folded keys into ISO 8601.
//!
//! Handles `16.09.2023 à 14:31`, `2023-09-16`, `16 septembre 2023`,
//! `September 16, 2023, 6:21 AM`, `16. September 2023 um 14:31 Uhr` — day,
//! month (number or name in any language of `data/lexicon/months.txt`), year,
//! then an optional time within the next few words.

use super::dict::Lexicon;

/// A calendar date with an optional time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTime {
    /// Year, 1900–2100.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day, 1–31.
    pub day: u8,
    /// Hour and minute, 24-hour clock.
    pub time: Option<(u8, u8)>,
}

impl DateTime {
    /// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`.
    pub fn iso(&self) -> String {
        match self.time {
            Some((h, m)) => format!(
                "{:04}-{:02}-{:02}T{h:02}:{m:02}",
                self.year, self.month, self.day
            ),
            None => format!("{:04}-{:02}-{:02}", self.year, self.month, self.day),
        }
    }
}

fn num(w: &str) -> Option<u32> {
    if w.is_empty() || w.len() > 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    w.parse().ok()
}

fn year(w: &str) -> Option<u16> {
    num(w)
        .filter(|n| w.len() == 4 && (1900..=2100).contains(n))
        .map(|n| n as u16)
}

fn day(n: u32) -> Option<u8> {
    (1..=31).contains(&n).then_some(n as u8)
}

/// `19` → 2019: only where the context says a date follows (a byline's tail).
fn two_digit_year(w: &str) -> Option<u16> {
    num(w)
        .filter(|&n| w.len() == 2 && n <= 99)
        .map(|n| 2000 + n as u16)
}

/// Finds the first date in the words `w` of a folded key; returns it and the
/// index just past it. `short_year` admits `11/18/19`.
fn find_date(w: &[&str], lx: &Lexicon, short_year: bool) -> Option<(DateTime, usize)> {
    let month = |s: &str| -> Option<u8> {
        lx.months
            .get(s)
            .copied()
            .or_else(|| num(s).filter(|n| (1..=12).contains(n)).map(|n| n as u8))
    };
    for i in 0..w.len() {
        let at = |k: usize| w.get(i + k).copied().unwrap_or("");
        // 2023 09 16 (ISO)
        if let (Some(y), Some(m), Some(d)) = (
            year(at(0)),
            num(at(1)).filter(|n| (1..=12).contains(n)),
            num(at(2)).and_then(day),
        ) {
            return Some((dt(y, m as u8, d), i + 3));
        }
        // 11/18/2019 (US order: the second number can only be a day)
        if let (Some(m), Some(d), Some(y)) = (
            num(at(0)).filter(|n| (1..=12).contains(n)),
            num(at(1)).filter(|n| (13..=31).contains(n)),
            year(at(2)).or_else(|| short_year.then(|| two_digit_year(at(2))).flatten()),
        ) {
            return Some((dt(y, m as u8, d as u8), i + 3));
        }
        // 16 09 2023, 16 septembre 2023, 16 of september 2023
        if let Some(d) = num(at(0)).and_then(day) {
            let skip = usize::from(matches!(at(1), "de" | "of" | "del"));
            let mo = at(1 + skip);
            if let Some(m) = month(mo) {
                let skip2 = usize::from(matches!(at(2 + skip), "de" | "del"));
                if let Some(y) = year(at(2 + skip + skip2)) {
                    return Some((dt(y, m, d), i + 3 + skip + skip2));
                }
            }
        }
        // september 16 2023
        if let Some(m) = lx.months.get(at(0)).copied() {
            if let (Some(d), Some(y)) = (num(at(1)).and_then(day), year(at(2))) {
                return Some((dt(y, m, d), i + 3));
            }
        }
    }
    None
}

fn dt(year: u16, month: u8, day: u8) -> DateTime {
    DateTime {
        year,
        month,
        day,
        time: None,
    }
}

/// Minutes as a key word: `54`, or `54pm` when the page wrote `2:54pm`
/// (letters glued to digits stay one word); the suffix apart.
fn minutes(w: &str) -> Option<(u32, Option<&str>)> {
    let (digits, suffix) = match w.get(..2).zip(w.get(2..)) {
        Some((d, s @ ("am" | "pm"))) => (d, Some(s)),
        _ => (w, None),
    };
    Some((num(digits).filter(|_| digits.len() == 2)?, suffix))
}

/// Whether `w` is the minutes of a time, as [`minutes`] reads them.
pub fn is_minutes(w: &str) -> bool {
    minutes(w).is_some_and(|(m, _)| m <= 59)
}

/// Finds a time `hh mm` (with optional `am`/`pm`) in the first few words.
fn find_time(w: &[&str]) -> Option<(u8, u8)> {
    for (i, pair) in w.windows(2).take(5).enumerate() {
        let [hh, mm] = pair else { continue };
        let (Some(h), Some((m, glued))) = (num(hh), minutes(mm)) else {
            continue;
        };
        if hh.len() > 2 || h > 23 || m > 59 {
            continue;
        }
        let mut h = h as u8;
        match glued.or(w.get(i + 2).copied()) {
            Some("pm") if h < 12 => h += 12,
            Some("am") if h == 12 => h = 0,
            _ => {}
        }
        return Some((h, m as u8));
    }
    None
}

/// Parses the first date (and the time after it) in the words of a key.
pub fn parse(words: &[&str], lx: &Lexicon) -> Option<DateTime> {
    parse_with(words, lx, false)
}

/// [`parse`], also admitting two-digit years in US numeric dates
/// (`11/18/19`), for text that can only be a date (a byline's tail).
pub fn parse_with(words: &[&str], lx: &Lexicon, short_year: bool) -> Option<DateTime> {
    let (mut d, next) = find_date(words, lx, short_year)?;
    d.time = find_time(words.get(next..).unwrap_or_default());
    Some(d)
}

/// A line's words that are only a time: `1 23 p m`, `11 04 am et`.
pub fn is_time(words: &[&str]) -> bool {
    let Some((&hh, rest)) = words.split_first() else {
        return false;
    };
    let Some((&mm, rest)) = rest.split_first() else {
        return false;
    };
    num(hh).is_some_and(|h| hh.len() <= 2 && h <= 23)
        && is_minutes(mm)
        && rest.len() <= 3
        && rest.iter().all(|w| {
            matches!(
                *w,
                "am" | "pm"
                    | "a"
                    | "p"
                    | "m"
                    | "h"
                    | "uhr"
                    | "heures"
                    | "et"
                    | "est"
                    | "edt"
                    | "pt"
                    | "pst"
                    | "cet"
                    | "cest"
                    | "utc"
                    | "gmt"
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::fold;

    fn p(s: &str) -> Option<String> {
        let lx = Lexicon::builtin();
        let k = fold(s);
        let w: Vec<&str> = k.split(' ').collect();
        parse(&w, &lx).map(|d| d.iso())
    }

    #[test]
    fn parses_datelines_in_many_languages() {
        let cases = [
            (
                "Publié: 16.09.2023 à 14:31 heures",
                Some("2023-09-16T14:31"),
            ),
            (
                "Dernière mise à jour: 16.09.2023 à 14:46 heures",
                Some("2023-09-16T14:46"),
            ),
            (
                "Posted by M. Smith on November 19, 2019, 6:21 AM EST",
                Some("2019-11-19T06:21"),
            ),
            ("November 19, 2019 at 6:34 pm", Some("2019-11-19T18:34")),
            (
                "Veröffentlicht am 3. März 2021 um 08:05 Uhr",
                Some("2021-03-03T08:05"),
            ),
            ("Mis à jour le 1er janvier 2020", None), // "1er" is not a number: no guess
            ("2020-02-29", Some("2020-02-29")),
            ("12 de marzo de 2022", Some("2022-03-12")),
            ("Опубликовано 5 мая 2022, 10:15", Some("2022-05-05T10:15")),
            ("The 300 soldiers of 2023", None),
            ("11/18/2019 11:04 PM", Some("2019-11-18T23:04")),
            // `2:54pm` folds to the words `2 54pm`.
            ("17 April 2012 • 2:54pm", Some("2012-04-17T14:54")),
            ("17 April 2012 • 12:05am", Some("2012-04-17T00:05")),
            ("11/18/19", None), // two-digit years only where a date must be
            ("", None),
        ];
        for (input, want) in cases {
            assert_eq!(p(input).as_deref(), want, "{input}");
        }
        let lx = Lexicon::builtin();
        let k = fold("11/18/19 11:04 PM EST");
        let w: Vec<&str> = k.split(' ').collect();
        assert_eq!(
            parse_with(&w, &lx, true).map(|d| d.iso()).as_deref(),
            Some("2019-11-18T23:04")
        );
        assert!(is_time(&["1", "23", "p", "m"]) && !is_time(&["1", "23", "votes"]));
    }
}
