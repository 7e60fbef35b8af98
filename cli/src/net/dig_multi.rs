//! dig's `+multi` form of an SOA record: the two names on the record's line
//! with an opening parenthesis, then each number on its own line, indented
//! to column 32, with a comment naming it (and, for the four times, the
//! time in words as BIND spells a TTL); DS and RRSIG records with their
//! digest or signature in chunks of 44 over indented lines.

use std::fmt::Write as _;

use dnswire::dnssec::key_tag;
use dnswire::rdata::Dnskey;

/// An SOA record in dig's multi-line form: the fields of its first line
/// (owner, TTL, class, type and `MNAME RNAME (`) and the lines after it.
pub struct MultiLines {
    pub first: Vec<String>,
    pub rest: String,
}

/// The continuation lines' indent: four tabs, column 32.
const INDENT: &str = "\t\t\t\t";

/// `line` (the codec's `owner\tTTL\tCLASS\tTYPE\tRDATA`) in the multi-line
/// form when it is an SOA record; `None` for any other line.
pub fn soa_lines(line: &str) -> Option<MultiLines> {
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
    Some(MultiLines { first, rest })
}

/// dig's chunks of a digest or signature in the multi-line form.
const MULTI_SPLIT: usize = 44;

/// `line` in the multi-line form when it is a DS, CDS or RRSIG record:
/// the fields before the digest or signature on the record's line (an
/// RRSIG's times, key tag and signer on a line of their own), the blob in
/// chunks after, the last closed with ` )`. `None` for other lines.
pub fn blob_lines(line: &str) -> Option<MultiLines> {
    let fields: Vec<&str> = line.splitn(5, '\t').collect();
    let [owner, ttl, class, rtype, rdata] = fields.as_slice() else {
        return None;
    };
    let words: Vec<&str> = rdata.split(' ').collect();
    let (on_first, on_second, base64) = match *rtype {
        "DS" | "CDS" => (3, 0, false),
        "RRSIG" => (4, 4, true),
        _ => return None,
    };
    let head = words.get(..on_first)?;
    let middle = words.get(on_first..on_first.checked_add(on_second)?)?;
    let mut blob = words.get(on_first.checked_add(on_second)?..)?.concat();
    if blob.is_empty() {
        return None;
    }
    if !base64 {
        blob.make_ascii_uppercase();
    }
    let mut first: Vec<String> = [owner, ttl, class, rtype].iter().map(|f| (**f).to_string()).collect();
    first.push(format!("{} (", head.join(" ")));
    let mut rest = String::new();
    if !middle.is_empty() {
        let _ = writeln!(rest, "{INDENT}{}", middle.join(" "));
    }
    let chunks: Vec<&[u8]> = blob.as_bytes().chunks(MULTI_SPLIT).collect();
    for (i, chunk) in chunks.iter().enumerate() {
        let close = if i + 1 == chunks.len() { " )" } else { "" };
        let _ = writeln!(rest, "{INDENT}{}{close}", std::str::from_utf8(chunk).ok()?);
    }
    Some(MultiLines { first, rest })
}

/// `line` in the multi-line form when it is a DNSKEY or CDNSKEY record:
/// flags, protocol and algorithm on the record's line, the key in chunks
/// of 44, then dig's closing comment: KSK or ZSK (the secure entry point
/// bit), the algorithm's name and the key tag. `None` for other lines.
pub fn dnskey_lines(line: &str) -> Option<MultiLines> {
    use base64::Engine as _;
    let fields: Vec<&str> = line.splitn(5, '\t').collect();
    let [owner, ttl, class, rtype @ ("DNSKEY" | "CDNSKEY"), rdata] = fields.as_slice() else {
        return None;
    };
    let words: Vec<&str> = rdata.split(' ').collect();
    let [flags, protocol, algorithm, key @ ..] = words.as_slice() else {
        return None;
    };
    let blob = key.concat();
    let public_key = base64::engine::general_purpose::STANDARD.decode(&blob).ok()?;
    let dnskey = Dnskey { flags: flags.parse().ok()?, protocol: protocol.parse().ok()?, algorithm: algorithm.parse().ok()?, public_key: &public_key };
    let role = if dnskey.flags & 1 == 1 { "KSK" } else { "ZSK" };
    let mut first: Vec<String> = [owner, ttl, class, rtype].iter().map(|f| (**f).to_string()).collect();
    first.push(format!("{flags} {protocol} {algorithm} ("));
    let mut rest = String::new();
    for chunk in blob.as_bytes().chunks(MULTI_SPLIT) {
        let _ = writeln!(rest, "{INDENT}{}", std::str::from_utf8(chunk).ok()?);
    }
    let name = algorithm_name(dnskey.algorithm);
    let _ = writeln!(rest, "{INDENT}) ; {role}; alg = {name} ; key id = {}", key_tag(&dnskey));
    Some(MultiLines { first, rest })
}

/// The mnemonics of the DNS Security Algorithm Numbers registry as BIND
/// prints them; the number for others.
fn algorithm_name(number: u8) -> String {
    let name = match number {
        1 => "RSAMD5",
        3 => "DSA",
        5 => "RSASHA1",
        6 => "NSEC3DSA",
        7 => "NSEC3RSASHA1",
        8 => "RSASHA256",
        10 => "RSASHA512",
        12 => "ECCGOST",
        13 => "ECDSAP256SHA256",
        14 => "ECDSAP384SHA384",
        15 => "ED25519",
        16 => "ED448",
        _ => return number.to_string(),
    };
    name.to_string()
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
