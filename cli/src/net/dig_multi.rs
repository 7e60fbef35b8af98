//! dig's `+multi` form of an SOA record: the two names on the record's line
//! with an opening parenthesis, then each number on its own line, indented
//! to column 32, with a comment naming it (and, for the four times, the
//! time in words as BIND spells a TTL).

use std::fmt::Write as _;

/// An SOA record in dig's multi-line form: the fields of its first line
/// (owner, TTL, class, type and `MNAME RNAME (`) and the lines after it.
pub struct SoaLines {
    pub first: Vec<String>,
    pub rest: String,
}

/// The continuation lines' indent: four tabs, column 32.
const INDENT: &str = "\t\t\t\t";

/// `line` (the codec's `owner\tTTL\tCLASS\tTYPE\tRDATA`) in the multi-line
/// form when it is an SOA record; `None` for any other line.
pub fn soa_lines(line: &str) -> Option<SoaLines> {
    let fields: Vec<&str> = line.splitn(5, '\t').collect();
    let (head, rdata) = match fields.as_slice() {
        [owner, ttl, class, "SOA", rdata] => ([*owner, *ttl, *class, "SOA"], *rdata),
        _ => return None,
    };
    let words: Vec<&str> = rdata.split(' ').collect();
    let [mname, rname, serial, refresh, retry, expire, minimum] = words.as_slice() else {
        return None;
    };
    let mut first: Vec<String> = head.iter().map(|f| (*f).to_string()).collect();
    first.push(format!("{mname} {rname} ("));
    let mut rest = String::new();
    let _ = writeln!(rest, "{INDENT}{serial:<10} ; serial");
    for (value, name) in [(refresh, "refresh"), (retry, "retry"), (expire, "expire"), (minimum, "minimum")] {
        let seconds: u32 = value.parse().ok()?;
        let _ = writeln!(rest, "{INDENT}{value:<10} ; {name} ({})", duration_words(seconds));
    }
    let _ = writeln!(rest, "{INDENT})");
    Some(SoaLines { first, rest })
}

/// Seconds in BIND's words: weeks, days, hours, minutes and seconds, the
/// units that are not zero (`0 seconds` for none), plural but for one.
pub fn duration_words(seconds: u32) -> String {
    const UNITS: [(u32, &str); 5] = [(604_800, "week"), (86_400, "day"), (3_600, "hour"), (60, "minute"), (1, "second")];
    let mut left = seconds;
    let mut parts = Vec::new();
    for (size, unit) in UNITS {
        let count = left / size;
        left %= size;
        if count > 0 {
            let plural = if count == 1 { "" } else { "s" };
            parts.push(format!("{count} {unit}{plural}"));
        }
    }
    if parts.is_empty() {
        parts.push("0 seconds".to_string());
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    // The words are dig 9.18's (bind9-dnsutils 9.18.49) in its `+multi`
    // SOA comments.

    #[test]
    fn times_in_the_largest_units_dig_uses() {
        assert_eq!(duration_words(7200), "2 hours");
        assert_eq!(duration_words(900), "15 minutes");
        assert_eq!(duration_words(1_209_600), "2 weeks");
        assert_eq!(duration_words(300), "5 minutes");
    }

    #[test]
    fn other_types_are_not_reshaped() {
        assert!(soa_lines("www.example.test.\t3600\tIN\tA\t192.0.2.80").is_none());
    }
}
