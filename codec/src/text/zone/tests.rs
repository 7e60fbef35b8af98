//! Cases of the zone reader, expected values from RFC 1035 §5, RFC 2308 §4,
//! BIND's documentation of `$GENERATE`, or by hand.

extern crate std;
use std::format;
use std::string::{String, ToString};
use std::vec::Vec;

use super::*;
use crate::error::TextError;

/// Files in memory by name; counts the files given back.
#[derive(Default)]
struct Files {
    files: Vec<(&'static str, &'static [u8])>,
    closed: usize,
}

impl Includes for Files {
    type File = &'static [u8];

    fn open(&mut self, name: &str, _depth: usize) -> Result<&'static [u8], IncludeError> {
        self.files.iter().find(|(n, _)| *n == name).map(|(_, f)| *f).ok_or(IncludeError::NotFound)
    }

    fn close(&mut self, _file: &'static [u8]) {
        self.closed += 1;
    }
}

/// Every record as `LINE OWNER TTL CLASS TYPE RDATA`, and every error.
fn read_with<I: Includes, const D: usize>(reader: &mut ZoneReader<'_, I, D>) -> (Vec<String>, Vec<ZoneError>) {
    let mut rdata = [0u8; 1024];
    let (mut records, mut errors) = (Vec::new(), Vec::new());
    while let Some(read) = reader.next_record(&mut rdata) {
        match read {
            Ok(r) => records.push(format!("{} {}", r.line, r.record.record()).split_whitespace().collect::<Vec<_>>().join(" ")),
            Err(e) => errors.push(e),
        }
    }
    (records, errors)
}

fn read(zone: &[u8]) -> (Vec<String>, Vec<ZoneError>) {
    let mut text = [0u8; 1024];
    let mut reader = ZoneReader::new(zone, NoIncludes::new(), &mut text).with_origin(NameBuf::from_text("example.").unwrap());
    read_with(&mut reader)
}

fn records(zone: &[u8]) -> Vec<String> {
    let (records, errors) = read(zone);
    assert!(errors.is_empty(), "{errors:?}");
    records
}

fn errors(zone: &[u8]) -> Vec<(u32, u32, ZoneReason)> {
    read(zone).1.iter().map(|e| (e.line, e.column, e.reason)).collect()
}

fn text_error(e: TextError) -> ZoneReason {
    ZoneReason::Text(TextErrorAt::new(e, 0))
}

/// The error's reason without the text reader's column and hints.
fn kinds(zone: &[u8]) -> Vec<(u32, u32, ZoneReason)> {
    errors(zone)
        .into_iter()
        .map(|(l, c, r)| match r {
            ZoneReason::Text(e) => (l, c, text_error(e.error)),
            other => (l, c, other),
        })
        .collect()
}

/// RFC 1035 §5.1: `@` is the origin; relative names end with it.
#[test]
fn at_and_relative_owners_take_the_origin() {
    assert_eq!(records(b"@ 60 A 192.0.2.1\nwww 60 A 192.0.2.2\n"), ["1 example. 60 IN A 192.0.2.1", "2 www.example. 60 IN A 192.0.2.2"]);
}

/// RFC 1035 §5.1: a relative `$ORIGIN` is relative to the origin before.
#[test]
fn origin_directive_relative_to_the_origin_before() {
    assert_eq!(records(b"$ORIGIN sub\nwww 60 A 192.0.2.1\n"), ["2 www.sub.example. 60 IN A 192.0.2.1"]);
}

#[test]
fn origin_directive_absolute() {
    assert_eq!(records(b"$ORIGIN other.test.\n@ 60 NS ns\n"), ["2 other.test. 60 IN NS ns.other.test."]);
}

/// RFC 2308 §4: `$TTL` is the TTL of records that give none.
#[test]
fn ttl_directive_is_the_default() {
    assert_eq!(
        records(b"$TTL 300\na A 192.0.2.1\nb 60 A 192.0.2.2\nc A 192.0.2.3\n"),
        ["2 a.example. 300 IN A 192.0.2.1", "3 b.example. 60 IN A 192.0.2.2", "4 c.example. 300 IN A 192.0.2.3",]
    );
}

/// RFC 1035 §5.1: without `$TTL`, an omitted TTL is the last one given.
#[test]
fn without_ttl_directive_the_last_ttl_holds() {
    assert_eq!(records(b"a 60 A 192.0.2.1\nb A 192.0.2.2\n"), ["1 a.example. 60 IN A 192.0.2.1", "2 b.example. 60 IN A 192.0.2.2"]);
}

/// 1h30m = 3600 + 1800 seconds.
#[test]
fn ttl_directive_with_units() {
    assert_eq!(records(b"$TTL 1h30m\na A 192.0.2.1\n"), ["2 a.example. 5400 IN A 192.0.2.1"]);
}

/// RFC 1035 §5.1: `[<TTL>] [<class>]` or `[<class>] [<TTL>]`.
#[test]
fn class_and_ttl_in_either_order() {
    assert_eq!(records(b"a IN 60 A 192.0.2.1\nb 60 IN A 192.0.2.2\n"), ["1 a.example. 60 IN A 192.0.2.1", "2 b.example. 60 IN A 192.0.2.2"]);
}

/// RFC 1035 §5.1: a blank owner is the last owner stated.
#[test]
fn blank_owner_is_the_previous_owner() {
    assert_eq!(
        records(b"a 60 A 192.0.2.1\n\t60 A 192.0.2.2\n   60 TXT x\n"),
        ["1 a.example. 60 IN A 192.0.2.1", "2 a.example. 60 IN A 192.0.2.2", "3 a.example. 60 IN TXT \"x\"",]
    );
}

#[test]
fn blank_owner_first_is_an_error() {
    assert_eq!(kinds(b"  60 A 192.0.2.1\n"), [(1, 1, ZoneReason::NoPreviousOwner)]);
}

/// RFC 1035 §5.1: parentheses continue a record over lines; `;` starts a
/// comment; the next record's line counts the lines in between.
#[test]
fn parentheses_over_lines_and_comments() {
    let zone = b"; a comment\n@ 60 SOA ns hostmaster ( 1 ; serial\n  2 3\n  4 5 )\n\nns 60 A 192.0.2.1 ; end\n";
    assert_eq!(records(zone), ["2 example. 60 IN SOA ns.example. hostmaster.example. 1 2 3 4 5", "6 ns.example. 60 IN A 192.0.2.1"]);
}

/// RFC 1035 §5.1: a master file is octets; 0xE9 stands for itself.
#[test]
fn octets_outside_ascii_stand_for_themselves() {
    let mut text = [0u8; 256];
    let mut reader =
        ZoneReader::new(&b"caf\xe9 60 TXT \"caf\xe9\"\n"[..], NoIncludes::new(), &mut text).with_origin(NameBuf::from_text("example.").unwrap());
    let mut rdata = [0u8; 64];
    let record = reader.next_record(&mut rdata).unwrap().unwrap().record;
    assert_eq!(record.owner.as_wire(), b"\x04caf\xe9\x07example\x00");
    let n = record.data.to_wire(&mut [0u8; 64]).unwrap();
    assert_eq!(n, 5);
}

/// `caf\xe9 A 192.0.2.300`: the address starts at octet 8 of line 2.
#[test]
fn error_columns_count_the_files_octets() {
    let zone = b"$ORIGIN example.\ncaf\xe9 A 192.0.2.300\n";
    assert_eq!(kinds(zone), [(2, 8, text_error(TextError::BadField))]);
}

/// `mail. 99 )`: the extra `99` is at column 10 of line 4.
#[test]
fn error_on_a_later_line_of_a_record() {
    assert_eq!(kinds(b"$TTL 1\nx A 192.0.2.1\nmx MX ( 10\n   mail. 99 )\n"), [(4, 10, text_error(TextError::ExtraToken))]);
}

#[test]
fn reading_goes_on_after_an_error() {
    let (records, errors) = read(b"a 60 A 192.0.2.300\nb 60 A 192.0.2.2\n");
    assert_eq!(records, ["2 b.example. 60 IN A 192.0.2.2"]);
    assert_eq!(errors.len(), 1);
}

#[test]
fn a_relative_owner_without_origin_is_an_error() {
    let mut text = [0u8; 64];
    let mut reader = ZoneReader::new(&b"www 60 A 192.0.2.1\n"[..], NoIncludes::new(), &mut text);
    let (_, errors) = read_with(&mut reader);
    assert_eq!(errors.iter().map(|e| (e.line, e.column)).collect::<Vec<_>>(), [(1, 1)]);
    assert!(matches!(errors[0].reason, ZoneReason::Text(e) if e.error == TextError::RelativeName));
}

#[test]
fn unknown_directive() {
    assert_eq!(kinds(b"$BOGUS x\n"), [(1, 1, ZoneReason::UnknownDirective)]);
}

/// `$TTL 1x`: not a TTL, at column 6.
#[test]
fn bad_ttl_directive() {
    assert_eq!(kinds(b"$TTL 1x\n"), [(1, 6, text_error(TextError::BadNumber))]);
}

#[test]
fn origin_directive_with_an_extra_token() {
    assert_eq!(kinds(b"$ORIGIN a. b.\n"), [(1, 12, text_error(TextError::ExtraToken))]);
}

#[test]
fn origin_directive_without_a_name() {
    assert_eq!(kinds(b"$ORIGIN\n"), [(1, 8, text_error(TextError::MissingToken))]);
}

/// Four octets of text for one outside ASCII: 16 of them need 64.
#[test]
fn a_statement_over_the_text_buffer_is_too_long() {
    let mut text = [0u8; 32];
    let zone = b"a 60 TXT \xe9\xe9\xe9\xe9\xe9\xe9\xe9\xe9\xe9\xe9\xe9\xe9\xe9\xe9\xe9\xe9\nb 60 A 192.0.2.1\n";
    let mut reader = ZoneReader::new(&zone[..], NoIncludes::new(), &mut text).with_origin(NameBuf::from_text("example.").unwrap());
    let (records, errors) = read_with(&mut reader);
    assert_eq!(records, ["2 b.example. 60 IN A 192.0.2.1"]);
    assert_eq!(errors, [ZoneError { line: 1, column: 1, reason: ZoneReason::TooLong }]);
}

fn read_files(files: &[(&'static str, &'static [u8])], first: &'static [u8]) -> (Vec<String>, Vec<ZoneError>, usize) {
    let mut text = [0u8; 1024];
    let includes = Files { files: files.to_vec(), closed: 0 };
    let mut reader = ZoneReader::new(first, includes, &mut text).with_origin(NameBuf::from_text("example.").unwrap());
    let (records, errors) = read_with(&mut reader);
    (records, errors, reader.includes().closed)
}

/// RFC 1035 §5.1: the included file's records, then the including file's.
#[test]
fn include_reads_the_file_in_place() {
    let (records, errors, closed) = read_files(&[("inc", b"b 60 A 192.0.2.2\n")], b"a 60 A 192.0.2.1\n$INCLUDE inc\nc 60 A 192.0.2.3\n");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(records, ["1 a.example. 60 IN A 192.0.2.1", "1 b.example. 60 IN A 192.0.2.2", "3 c.example. 60 IN A 192.0.2.3"]);
    assert_eq!(closed, 1);
}

/// RFC 1035 §5.1: `$INCLUDE file origin` reads the file with that origin;
/// the including file's origin is unchanged afterwards.
#[test]
fn include_with_an_origin() {
    let (records, errors, _) = read_files(&[("inc", b"b 60 A 192.0.2.2\n")], b"$INCLUDE inc other.test.\nc 60 A 192.0.2.3\n");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(records, ["1 b.other.test. 60 IN A 192.0.2.2", "2 c.example. 60 IN A 192.0.2.3"]);
}

/// RFC 1035 §5.1: `$ORIGIN` in an included file ends with it.
#[test]
fn an_included_files_origin_ends_with_it() {
    let (records, errors, _) = read_files(&[("inc", b"$ORIGIN in.test.\nb 60 A 192.0.2.2\n")], b"$INCLUDE inc\nc 60 A 192.0.2.3\n");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(records, ["2 b.in.test. 60 IN A 192.0.2.2", "2 c.example. 60 IN A 192.0.2.3"]);
}

/// `$INCLUDE absent`: the file name is at column 10.
#[test]
fn include_the_caller_cannot_give() {
    let (records, errors, _) = read_files(&[], b"$INCLUDE absent\na 60 A 192.0.2.1\n");
    assert_eq!(records, ["2 a.example. 60 IN A 192.0.2.1"]);
    assert_eq!(errors, [ZoneError { line: 1, column: 10, reason: ZoneReason::Include(IncludeError::NotFound) }]);
}

#[test]
fn include_without_includes_is_not_allowed() {
    assert_eq!(kinds(b"$INCLUDE x\n"), [(1, 10, ZoneReason::Include(IncludeError::NotAllowed))]);
}

/// A file including itself: the first file and MAX_INCLUDE_DEPTH more give
/// a record each; the next include is too deep.
#[test]
fn include_deeper_than_the_stack() {
    let (records, errors, closed) = read_files(&[("self", b"a 60 A 192.0.2.1\n$INCLUDE self\n")], b"a 60 A 192.0.2.1\n$INCLUDE self\n");
    assert_eq!(records.len(), MAX_INCLUDE_DEPTH + 1);
    assert_eq!(errors, [ZoneError { line: 2, column: 10, reason: ZoneReason::IncludeTooDeep }]);
    assert_eq!(closed, MAX_INCLUDE_DEPTH);
}

/// BIND's ARM: `$GENERATE 1-2 0 NS SERVER$.EXAMPLE.` and
/// `$GENERATE 1-127 $ CNAME $.0`.
#[test]
fn generate_as_bind_documents_it() {
    let zone = b"$ORIGIN 0.0.192.IN-ADDR.ARPA.\n$TTL 60\n$GENERATE 1-2 0 NS SERVER$.EXAMPLE.\n$GENERATE 1-3 $ CNAME $.0\n";
    assert_eq!(
        records(zone),
        [
            "3 0.0.0.192.IN-ADDR.ARPA. 60 IN NS SERVER1.EXAMPLE.",
            "3 0.0.0.192.IN-ADDR.ARPA. 60 IN NS SERVER2.EXAMPLE.",
            "4 1.0.0.192.IN-ADDR.ARPA. 60 IN CNAME 1.0.0.0.192.IN-ADDR.ARPA.",
            "4 2.0.0.192.IN-ADDR.ARPA. 60 IN CNAME 2.0.0.0.192.IN-ADDR.ARPA.",
            "4 3.0.0.192.IN-ADDR.ARPA. 60 IN CNAME 3.0.0.0.192.IN-ADDR.ARPA.",
        ]
    );
}

/// `30-38/2`: 30, 32, ... 38.
#[test]
fn generate_with_a_step() {
    assert_eq!(
        records(b"$GENERATE 30-38/2 h$ 60 A 192.0.2.$\n"),
        [
            "1 h30.example. 60 IN A 192.0.2.30",
            "1 h32.example. 60 IN A 192.0.2.32",
            "1 h34.example. 60 IN A 192.0.2.34",
            "1 h36.example. 60 IN A 192.0.2.36",
            "1 h38.example. 60 IN A 192.0.2.38",
        ]
    );
}

/// BIND's ARM: `${-20,3,d}` subtracts 20, pads to three digits.
#[test]
fn generate_with_offset_and_width() {
    assert_eq!(
        records(b"$GENERATE 21-22 h${-20,3,d} 60 A 192.0.2.${0,0,o}\n"),
        ["1 h001.example. 60 IN A 192.0.2.25", "1 h002.example. 60 IN A 192.0.2.26",]
    );
}

/// 0x1f in nibbles, width 3 for 1: `f.1`, `1.0`.
#[test]
fn generate_nibbles_for_ip6_arpa() {
    assert_eq!(records(b"$GENERATE 31-31 ${0,0,n} 60 PTR x${-30,3,n}.\n"), ["1 f.1.example. 60 IN PTR x1.0."]);
}

/// `$$` and `\$` are a `$`: the label `a$`, the string `b$`.
#[test]
fn generate_dollar_escapes() {
    let mut text = [0u8; 256];
    let mut reader =
        ZoneReader::new(&b"$GENERATE 1-1 a$$ 60 TXT b\\$\n"[..], NoIncludes::new(), &mut text).with_origin(NameBuf::from_text("example.").unwrap());
    let mut rdata = [0u8; 64];
    let record = reader.next_record(&mut rdata).unwrap().unwrap().record;
    assert_eq!(record.owner.as_wire(), b"\x02a$\x07example\x00");
    let mut wire = [0u8; 64];
    let n = record.data.to_wire(&mut wire).unwrap();
    assert_eq!(&wire[..n], b"\x02b$");
}

/// BIND's ARM: quoted RDATA loses its quotes.
#[test]
fn generate_quoted_rdata() {
    assert_eq!(records(b"$GENERATE 7-7 m 60 MX \"10 mx$\"\n"), ["1 m.example. 60 IN MX 10 mx7.example."]);
}

/// BIND's ARM: class and TTL in either order; without a TTL, the usual rule.
#[test]
fn generate_with_class_and_ttl() {
    assert_eq!(
        records(b"$TTL 5\n$GENERATE 1-1 a$ IN 60 A 192.0.2.$\n$GENERATE 1-1 b$ A 192.0.2.$\n"),
        ["2 a1.example. 60 IN A 192.0.2.1", "3 b1.example. 5 IN A 192.0.2.1",]
    );
}

/// 0-65536 is 65,537 values, one over MAX_GENERATE: no record at all.
#[test]
fn generate_over_its_bound() {
    assert_eq!(kinds(b"$GENERATE 0-65536 h$ 60 A 192.0.2.1\n"), [(1, 11, ZoneReason::GenerateTooMany)]);
}

#[test]
fn generate_over_a_lowered_bound() {
    let mut text = [0u8; 256];
    let zone = b"$GENERATE 1-3 h$ 60 A 192.0.2.1\n$GENERATE 1-2 g$ 60 A 192.0.2.1\n";
    let mut reader =
        ZoneReader::new(&zone[..], NoIncludes::new(), &mut text).with_origin(NameBuf::from_text("example.").unwrap()).with_generate_limit(2);
    let (records, errors) = read_with(&mut reader);
    assert_eq!(records, ["2 g1.example. 60 IN A 192.0.2.1", "2 g2.example. 60 IN A 192.0.2.1"]);
    assert_eq!(errors, [ZoneError { line: 1, column: 11, reason: ZoneReason::GenerateTooMany }]);
}

#[test]
fn generate_range_backwards() {
    assert_eq!(kinds(b"$GENERATE 5-1 h$ 60 A 192.0.2.1\n"), [(1, 11, ZoneReason::GenerateRange)]);
}

#[test]
fn generate_range_without_a_stop() {
    assert_eq!(kinds(b"$GENERATE 5 h$ 60 A 192.0.2.1\n"), [(1, 11, ZoneReason::GenerateRange)]);
}

/// A bad modifier in the RDATA (column 23) is one error, not one a value.
#[test]
fn generate_bad_modifier_is_one_error() {
    assert_eq!(kinds(b"$GENERATE 1-9 h$ 60 A 192.0.2.${0,0,q}\n"), [(1, 23, ZoneReason::GenerateModifier)]);
}

/// 255 is an address octet, 256 is not: one record, then one error at the
/// RDATA's column (27), and the rest of the range is dropped.
#[test]
fn generate_record_error_stops_the_range() {
    let (records, errors) = read(b"$GENERATE 255-300 h$ 60 A 192.0.2.$\nz 60 A 192.0.2.9\n");
    assert_eq!(records, ["1 h255.example. 60 IN A 192.0.2.255", "2 z.example. 60 IN A 192.0.2.9"]);
    assert_eq!(errors.iter().map(|e| (e.line, e.column)).collect::<Vec<_>>(), [(1, 27)]);
}

#[test]
fn generate_without_a_type() {
    assert_eq!(kinds(b"$GENERATE 1-2 h$\n"), [(1, 17, text_error(TextError::MissingToken))]);
}

/// The documented example of the module, kept honest: ToString is used.
#[test]
fn errors_display_line_column_and_reason() {
    let e = ZoneError { line: 3, column: 7, reason: ZoneReason::UnknownDirective };
    assert_eq!(e.to_string(), "3:7: unknown directive");
}

#[test]
fn the_last_statement_is_given_for_messages() {
    let mut text = [0u8; 64];
    let zone = b"a 60 A 192.0.2.1\nb 60 A ( 192.0.2.300\n )\n";
    let mut reader = ZoneReader::new(&zone[..], NoIncludes::new(), &mut text).with_origin(NameBuf::from_text("example.").unwrap());
    let mut rdata = [0u8; 16];
    assert!(reader.next_record(&mut rdata).unwrap().is_ok());
    assert!(reader.next_record(&mut rdata).unwrap().is_err());
    assert_eq!(reader.statement(), (2, &b"b 60 A ( 192.0.2.300\n )"[..]));
}

/// A reader given no include stack refuses every `$INCLUDE` as too deep.
#[test]
fn include_with_a_stack_of_none() {
    let mut text = [0u8; 256];
    let includes = Files { files: std::vec![("inc", &b"b 60 A 192.0.2.2\n"[..])], closed: 0 };
    let mut reader = ZoneReader::new(&b"$INCLUDE inc\na 60 A 192.0.2.1\n"[..], includes, &mut text)
        .with_origin(NameBuf::from_text("example.").unwrap())
        .with_include_depth::<0>();
    let (records, errors) = read_with(&mut reader);
    assert_eq!(records, ["2 a.example. 60 IN A 192.0.2.1"]);
    assert_eq!(errors, [ZoneError { line: 1, column: 10, reason: ZoneReason::IncludeTooDeep }]);
}

/// A stack of two: the first file and two more give a record each.
#[test]
fn include_deeper_than_a_smaller_stack() {
    let mut text = [0u8; 256];
    let includes = Files { files: std::vec![("self", &b"a 60 A 192.0.2.1\n$INCLUDE self\n"[..])], closed: 0 };
    let mut reader = ZoneReader::new(&b"a 60 A 192.0.2.1\n$INCLUDE self\n"[..], includes, &mut text)
        .with_origin(NameBuf::from_text("example.").unwrap())
        .with_include_depth::<2>();
    let (records, errors) = read_with(&mut reader);
    assert_eq!(records.len(), 3);
    assert_eq!(errors, [ZoneError { line: 2, column: 10, reason: ZoneReason::IncludeTooDeep }]);
    assert_eq!(reader.includes().closed, 2);
}

/// Directive errors say what was expected, as record errors do.
#[test]
fn directive_errors_say_what_was_expected() {
    let (_, errors) = read(b"$TTL 1x\n$ORIGIN a..b.\n");
    let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(shown, ["1:6: bad TTL", "2:9: empty label",]);
}
