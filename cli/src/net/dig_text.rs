//! dig's output around a message: which parts show (`+[no]comments`,
//! `+[no]question`, ... `+short`) and its column layout, where the owner,
//! TTL, class, type and RDATA start at columns 0, 24, 32, 40 and 48 of
//! 8-column tab stops, reached with tabs, or one space when a field is
//! already past its column (BIND's master-file style as dig sets it).

use std::fmt::Write as _;

use dnswire::Message;

use crate::net::dig_multi;

/// What dig prints of an answer. dig's defaults: everything but `short`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Show {
    /// `+[no]comments`: `;; Got answer:`, the header lines, the OPT
    /// pseudo-section, section titles and the blank lines after sections.
    pub comments: bool,
    /// `+[no]question`.
    pub question: bool,
    /// `+[no]answer`.
    pub answer: bool,
    /// `+[no]authority`.
    pub authority: bool,
    /// `+[no]additional` (with the TSIG pseudo-section).
    pub additional: bool,
    /// `+[no]stats`: query time, server and size after the message.
    pub stats: bool,
    /// `+short`: the answer's RDATA alone, one a line.
    pub short: bool,
    /// `+multi`: dig's multi-line record style (its columns, and an SOA's
    /// fields one a line with comments).
    pub multi: bool,
}

impl Default for Show {
    fn default() -> Self {
        Self { comments: true, question: true, answer: true, authority: true, additional: true, stats: true, short: false, multi: false }
    }
}

impl Show {
    /// `+all` (on) or `+noall` (off): every part at once.
    pub fn all(on: bool) -> Self {
        Self { comments: on, question: on, answer: on, authority: on, additional: on, stats: on, short: false, multi: false }
    }
}

/// The columns of a record line: TTL, class, type, RDATA (the owner at 0).
const RECORD_COLUMNS: [usize; 4] = [24, 32, 40, 48];
/// The columns of a question line after its `;`: class, type.
const QUESTION_COLUMNS: [usize; 2] = [32, 40];
/// The same with `+multi`, where dig puts TTL, class and type at 24 (so
/// each past the first follows with one space, or a tab when that reaches
/// a tab stop) and the RDATA at 32.
const MULTI_RECORD_COLUMNS: [usize; 4] = [24, 24, 24, 32];
const MULTI_QUESTION_COLUMNS: [usize; 2] = [24, 24];
const TAB: usize = 8;

/// Pads from column `from` to `to` as BIND does: tabs to the last tab stop
/// at or before `to`, then spaces; at least one character, so a field past
/// its column is followed by one space.
fn pad(out: &mut String, from: usize, to: usize) -> usize {
    let to = to.max(from + 1);
    let tabs = to / TAB - from / TAB;
    let mut at = from;
    if tabs > 0 {
        out.extend(std::iter::repeat_n('\t', tabs));
        at = to / TAB * TAB;
    }
    out.extend(std::iter::repeat_n(' ', to - at));
    to
}

/// `fields` laid out at `columns` (the first field at column 0, counted
/// from `start`).
fn columns(out: &mut String, fields: &[&str], columns: &[usize]) {
    let mut col = 0;
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            let target = columns.get(i - 1).copied().unwrap_or(col + 1);
            col = pad(out, col, target);
        }
        out.push_str(field);
        col += field.chars().count();
    }
    out.push('\n');
}

/// A record line as the codec writes it (`owner\tTTL\tCLASS\tTYPE\tRDATA`)
/// laid out in dig's columns, its RDATA as dig spells it.
pub fn record_line(line: &str) -> String {
    styled_record_line(line, false)
}

/// A record line in dig's plain or (`multi`) multi-line style.
fn styled_record_line(line: &str, multi: bool) -> String {
    if multi && let Some(lines) = dig_multi::soa_lines(line).or_else(|| dig_multi::blob_lines(line)).or_else(|| dig_multi::dnskey_lines(line)) {
        let first: Vec<&str> = lines.first.iter().map(String::as_str).collect();
        let mut out = String::new();
        columns(&mut out, &first, &MULTI_RECORD_COLUMNS);
        out.push_str(&lines.rest);
        return out;
    }
    let mut fields: Vec<&str> = line.splitn(5, '\t').collect();
    let rdata = match (fields.get(3), fields.get(4)) {
        (Some(rtype), Some(rdata)) => dig_rdata(rtype, rdata),
        _ => None,
    };
    if let (Some(rdata), Some(field)) = (&rdata, fields.get_mut(4)) {
        *field = rdata;
    }
    let mut out = String::new();
    columns(&mut out, &fields, if multi { &MULTI_RECORD_COLUMNS } else { &RECORD_COLUMNS });
    out
}

/// How a type's RDATA ends in a base64 or hex field, after how many fields.
fn blob_after(rtype: &str) -> Option<(usize, bool)> {
    const BASE64: bool = true;
    match rtype {
        "RRSIG" | "SIG" => Some((8, BASE64)),
        "DNSKEY" | "CDNSKEY" | "KEY" | "CERT" => Some((3, BASE64)),
        "IPSECKEY" => Some((4, BASE64)),
        "OPENPGPKEY" | "DHCID" => Some((0, BASE64)),
        "DS" | "CDS" | "DLV" | "TLSA" | "SMIMEA" | "ZONEMD" => Some((3, !BASE64)),
        "SSHFP" => Some((2, !BASE64)),
        _ => None,
    }
}

/// SVCB and HTTPS parameters as dig writes them: the values of `mandatory`,
/// `port`, `ipv4hint`, `ipv6hint` and `ech` bare (`port=443`), where the
/// codec quotes every value; `alpn` and unknown keys stay quoted.
fn dig_params(rdata: &str) -> String {
    const BARE: [&str; 5] = ["mandatory", "port", "ipv4hint", "ipv6hint", "ech"];
    let words: Vec<String> = rdata
        .split(' ')
        .enumerate()
        .map(|(i, word)| match word.split_once('=') {
            // Priority and target first, then the parameters.
            Some((key, value)) if i >= 2 && BARE.contains(&key) => {
                let bare = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')).unwrap_or(value);
                format!("{key}={bare}")
            }
            _ => word.to_string(),
        })
        .collect();
    words.join(" ")
}

/// dig's chunks of a long base64 or hex field (`+split`'s default).
const SPLIT: usize = 56;

/// The RDATA of `rtype` as dig writes it, where it differs from the codec's
/// spelling: a trailing base64 or hex field cut into chunks of 56
/// characters, hex in capitals. `None`: the same.
fn dig_rdata(rtype: &str, rdata: &str) -> Option<String> {
    if matches!(rtype, "SVCB" | "HTTPS") {
        return Some(dig_params(rdata));
    }
    let (before, base64) = blob_after(rtype)?;
    let words: Vec<&str> = rdata.split(' ').collect();
    let (head, blob) = (words.get(..before)?, words.get(before..)?);
    let mut joined = blob.concat();
    if !base64 {
        joined.make_ascii_uppercase();
    }
    let mut out = head.join(" ");
    for chunk in joined.as_bytes().chunks(SPLIT) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(std::str::from_utf8(chunk).ok()?);
    }
    Some(out)
}

/// A question line as the codec writes it (`;name\t\tCLASS\tTYPE`) in dig's
/// columns, which dig counts from after the `;`.
fn question_line(line: &str, multi: bool) -> String {
    let body = line.strip_prefix(';').unwrap_or(line);
    let fields: Vec<&str> = body.split('\t').filter(|f| !f.is_empty()).collect();
    let mut out = String::from(";");
    columns(&mut out, &fields, if multi { &MULTI_QUESTION_COLUMNS } else { &QUESTION_COLUMNS });
    out
}

/// The parts of the codec's dig text: the two header lines, then each
/// (pseudo-)section's title and lines.
struct Parts<'t> {
    header: Vec<&'t str>,
    blocks: Vec<(&'t str, Vec<&'t str>)>,
}

fn split(text: &str) -> Parts<'_> {
    let mut parts = Parts { header: Vec::new(), blocks: Vec::new() };
    for line in text.lines() {
        if line.is_empty() {
            continue;
        }
        if line.starts_with(";; ") && line.ends_with("SECTION:") {
            parts.blocks.push((line, Vec::new()));
        } else if let Some((_, lines)) = parts.blocks.last_mut() {
            lines.push(line);
        } else {
            parts.header.push(line);
        }
    }
    parts
}

/// Which switch shows a block of this title.
fn shown(show: &Show, title: &str) -> bool {
    let name = title.trim_start_matches(";; ");
    if name.starts_with("OPT ") {
        show.comments
    } else if name.starts_with("QUESTION ") || name.starts_with("ZONE ") {
        show.question
    } else if name.starts_with("ANSWER ") || name.starts_with("PREREQUISITE ") {
        show.answer
    } else if name.starts_with("AUTHORITY ") || name.starts_with("UPDATE ") {
        show.authority
    } else {
        show.additional
    }
}

/// The message as dig prints it with `show` (the statistics aside):
/// `rd_sent` says whether the query asked for recursion, for dig's warning
/// when the answer does not offer it.
pub fn message(msg: &Message<'_>, show: &Show, rd_sent: bool) -> String {
    let text = msg.to_string();
    let parts = split(&text);
    let mut out = String::new();
    if show.short {
        if let Some((_, lines)) = parts.blocks.iter().find(|(title, _)| title.starts_with(";; ANSWER ")) {
            for line in lines {
                if let Some(rdata) = line.splitn(5, '\t').nth(4) {
                    let _ = writeln!(out, "{rdata}");
                }
            }
        }
        return out;
    }
    if show.comments {
        out.push_str(";; Got answer:\n");
        for line in &parts.header {
            let _ = writeln!(out, "{line}");
        }
        if rd_sent && !msg.header().flags.ra() {
            out.push_str(";; WARNING: recursion requested but not available\n");
        }
        out.push('\n');
    }
    for (title, lines) in &parts.blocks {
        if !shown(show, title) {
            continue;
        }
        let pseudo = title.ends_with("PSEUDOSECTION:");
        let question = title.starts_with(";; QUESTION ") || title.starts_with(";; ZONE ");
        if show.comments {
            let _ = writeln!(out, "{title}");
        }
        for line in lines {
            if pseudo && !title.contains("TSIG") {
                let _ = writeln!(out, "{line}");
            } else if question {
                out.push_str(&question_line(line, show.multi));
            } else {
                out.push_str(&styled_record_line(line, show.multi));
            }
        }
        if show.comments && !title.starts_with(";; OPT ") {
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // The expected lines are dig 9.18's (bind9-dnsutils 9.18.49) for the
    // same records, tabs written out.

    #[test]
    fn short_owner_gets_tabs_to_column_24() {
        // `a.example.test.` is 15 columns: two tabs to 24.
        assert_eq!(record_line("a.example.test.\t300\tIN\tA\t192.0.2.1"), "a.example.test.\t\t300\tIN\tA\t192.0.2.1\n");
        assert_eq!(record_line("www.example.test.\t300\tIN\tA\t192.0.2.80"), "www.example.test.\t300\tIN\tA\t192.0.2.80\n");
    }

    #[test]
    fn fields_past_their_column_get_one_space() {
        assert_eq!(
            record_line("abcdefghijklmnopqrstu.example.test.\t300\tIN\tA\t192.0.2.2"),
            "abcdefghijklmnopqrstu.example.test. 300\tIN A\t192.0.2.2\n"
        );
        assert_eq!(
            record_line("abcdefghijklmnopqrstuvwxyz0123.example.test.\t300\tIN\tA\t192.0.2.3"),
            "abcdefghijklmnopqrstuvwxyz0123.example.test. 300 IN A 192.0.2.3\n"
        );
    }

    #[test]
    fn base64_in_chunks_of_56_and_hex_in_capitals() {
        // BIND's RRSIG for www.nsec.test. A as dig prints it.
        assert_eq!(
            record_line(
                "www.nsec.test.\t3600\tIN\tRRSIG\tA 13 3 3600 20361231000000 20260101000000 22756 nsec.test. AsqtiUaIAacL4omU3gspV8yL7+HHTj6M OpY6t49iL44QcdD+s2CFjDBvIyB/wx4W xzqmT5tBt3rTGv5bxU2tiw=="
            ),
            "www.nsec.test.\t\t3600\tIN\tRRSIG\tA 13 3 3600 20361231000000 20260101000000 22756 nsec.test. AsqtiUaIAacL4omU3gspV8yL7+HHTj6MOpY6t49iL44QcdD+s2CFjDBv IyB/wx4WxzqmT5tBt3rTGv5bxU2tiw==\n"
        );
        // RFC 4034 §5.4's DS example, as dig prints a DS.
        assert_eq!(
            record_line("dskey.example.com.\t86400\tIN\tDS\t60485 5 1 2bb183af5f22588179a53b0a98631fad1a292118"),
            "dskey.example.com.\t86400\tIN\tDS\t60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118\n"
        );
    }

    #[test]
    fn svcb_values_as_dig_quotes_them() {
        // As dig prints BIND's records of the conformance zone.
        assert_eq!(
            record_line("svc.example.test.\t3600\tIN\tHTTPS\t1 . alpn=\"h3,h2\" ipv4hint=\"192.0.2.80,192.0.2.81\" ipv6hint=\"2001:db8::80\""),
            "svc.example.test.\t3600\tIN\tHTTPS\t1 . alpn=\"h3,h2\" ipv4hint=192.0.2.80,192.0.2.81 ipv6hint=2001:db8::80\n"
        );
        assert_eq!(
            record_line("_8443._https.api.example.test.\t3600\tIN\tSVCB\t1 api.example.test. alpn=\"h2\" port=\"8443\""),
            "_8443._https.api.example.test. 3600 IN\tSVCB\t1 api.example.test. alpn=\"h2\" port=8443\n"
        );
    }

    // `dig +multi` against BIND serving the SOA below, captured with
    // `cat -A` (dig 9.18.49).

    #[test]
    fn multi_soa_fields_one_a_line_with_comments() {
        assert_eq!(
            styled_record_line("example.test.\t3600\tIN\tSOA\tns1.example.test. hostmaster.example.test. 2026010101 7200 900 1209600 300", true),
            "example.test.\t\t3600 IN\tSOA ns1.example.test. hostmaster.example.test. (\n\
             \t\t\t\t2026010101 ; serial\n\
             \t\t\t\t7200       ; refresh (2 hours)\n\
             \t\t\t\t900        ; retry (15 minutes)\n\
             \t\t\t\t1209600    ; expire (2 weeks)\n\
             \t\t\t\t300        ; minimum (5 minutes)\n\
             \t\t\t\t)\n"
        );
    }

    // `dig +multi +noall +answer` against BIND serving these records,
    // captured with `cat -A` (dig 9.18.49).

    #[test]
    fn multi_ds_digest_in_chunks_of_44() {
        assert_eq!(
            styled_record_line("child.example.test.\t300\tIN\tDS\t60485 13 2 2bb183af5f22588179a53b0a98631fad1a2921182bb183af5f22588179a53b0a", true),
            "child.example.test.\t300 IN DS 60485 13 2 (\n\
             \t\t\t\t2BB183AF5F22588179A53B0A98631FAD1A2921182BB1\n\
             \t\t\t\t83AF5F22588179A53B0A )\n"
        );
    }

    #[test]
    fn multi_rrsig_times_and_signer_on_their_own_line() {
        assert_eq!(
            styled_record_line(
                "www.example.test.\t300\tIN\tRRSIG\tA 13 3 3600 20361231000000 20260101000000 22756 example.test. AsqtiUaIAacL4omU3gspV8yL7+HHTj6M OpY6t49iL44QcdD+s2CFjDBvIyB/wx4W xzqmT5tBt3rTGv5bxU2tiw==",
                true
            ),
            "www.example.test.\t300 IN RRSIG A 13 3 3600 (\n\
             \t\t\t\t20361231000000 20260101000000 22756 example.test.\n\
             \t\t\t\tAsqtiUaIAacL4omU3gspV8yL7+HHTj6MOpY6t49iL44Q\n\
             \t\t\t\tcdD+s2CFjDBvIyB/wx4WxzqmT5tBt3rTGv5bxU2tiw== )\n"
        );
    }

    #[test]
    fn multi_dnskey_closes_with_role_algorithm_and_key_id() {
        assert_eq!(
            styled_record_line(
                "example.test.\t300\tIN\tDNSKEY\t256 3 13 oJMRESz5E4gYzS/q6XDrvU1qMPYIjCWzJaOau8XNEZeqCYKD5ar0IRd8 KqXXFJkqmVfRvMGPmM1x8fGAa2XhSA==",
                true
            ),
            "example.test.\t\t300 IN DNSKEY 256 3 13 (\n\
             \t\t\t\toJMRESz5E4gYzS/q6XDrvU1qMPYIjCWzJaOau8XNEZeq\n\
             \t\t\t\tCYKD5ar0IRd8KqXXFJkqmVfRvMGPmM1x8fGAa2XhSA==\n\
             \t\t\t\t) ; ZSK; alg = ECDSAP256SHA256 ; key id = 34505\n"
        );
    }

    #[test]
    fn multi_txt_stays_on_one_line() {
        assert_eq!(
            styled_record_line("txt.example.test.\t300\tIN\tTXT\t\"first string of some length here\" \"second string\" \"third\"", true),
            "txt.example.test.\t300 IN TXT \"first string of some length here\" \"second string\" \"third\"\n"
        );
    }

    #[test]
    fn multi_packs_the_columns_of_other_records() {
        assert_eq!(styled_record_line("example.test.\t3600\tIN\tNS\tns1.example.test.", true), "example.test.\t\t3600 IN\tNS ns1.example.test.\n");
        assert_eq!(styled_record_line("ns1.example.test.\t3600\tIN\tA\t192.0.2.53", true), "ns1.example.test.\t3600 IN\tA 192.0.2.53\n");
    }

    #[test]
    fn multi_question_type_one_space_after_the_class() {
        assert_eq!(question_line(";example.test.\t\tIN\tSOA", true), ";example.test.\t\tIN SOA\n");
        assert_eq!(question_line(";ns1.example.test.\t\tIN\tA", true), ";ns1.example.test.\tIN A\n");
    }

    #[test]
    fn question_columns_count_from_after_the_semicolon() {
        assert_eq!(question_line(";example.test.\t\tIN\tNS", false), ";example.test.\t\t\tIN\tNS\n");
        assert_eq!(question_line(";mx.example.test.\t\tIN\tMX", false), ";mx.example.test.\t\tIN\tMX\n");
        assert_eq!(
            question_line(";abcdefghijklmnopqrstuvwxyz0123.example.test.\t\tIN\tA", false),
            ";abcdefghijklmnopqrstuvwxyz0123.example.test. IN\tA\n"
        );
    }
}
