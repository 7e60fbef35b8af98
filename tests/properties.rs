//! Property tests over valid messages built through `MessageBuilder`, and over
//! hand-written messages with compression pointers to any earlier or later
//! offset, in names and in RDATA (the strategies are in
//! `harness/src/strategies.rs`). 256 cases each by default; set
//! PROPTEST_CASES to run more.

use dnswire::{DecodeError, EncodeError, Message, MessageBuilder, NameBuf, Question, RData, Record, Rtype, Section};
use dnswire_harness::fuzzing;
use dnswire_harness::strategies::{self, MessageSpec, PointerTarget, RecordSpec};
use proptest::prelude::*;
use proptest::test_runner::Config;

fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256);
    Config { cases, failure_persistence: None, ..Config::default() }
}

/// A push that must fail whatever came before it (but a misplaced question,
/// which fails only after a record).
#[derive(Clone, Debug)]
enum BadPush {
    /// TXT without strings: InvalidValue.
    EmptyTxt,
    /// A 256-octet TXT string: RdataTooLong.
    LongTxt,
    /// A CAA tag with a hyphen: InvalidValue.
    BadCaaTag,
    /// A question after the records: MisplacedSection.
    LateQuestion,
    /// RDATA larger than the whole buffer: NoSpace.
    TooBig,
}

fn bad_push() -> impl Strategy<Value = BadPush> {
    prop_oneof![Just(BadPush::EmptyTxt), Just(BadPush::LongTxt), Just(BadPush::BadCaaTag), Just(BadPush::LateQuestion), Just(BadPush::TooBig),]
}

fn try_bad_push(b: &mut MessageBuilder<'_>, bad: &BadPush, section: Section, limit: usize) -> Result<(), EncodeError> {
    let owner = NameBuf::from_text("bad.example.").unwrap();
    let long = [b'x'; 256];
    let huge = vec![0u8; limit + 1];
    let no_strings: [&[u8]; 0] = [];
    let one_long: [&[u8]; 1] = [&long];
    let data = match bad {
        BadPush::EmptyTxt => RData::Txt(dnswire::rdata::CharStrings::from_slice(&no_strings)),
        BadPush::LongTxt => RData::Txt(dnswire::rdata::CharStrings::from_slice(&one_long)),
        BadPush::BadCaaTag => RData::Caa(dnswire::rdata::Caa { flags: 0, tag: b"is-sue", value: b"ca.example" }),
        BadPush::TooBig => RData::Unknown { rtype: Rtype(65280), data: &huge },
        BadPush::LateQuestion => {
            return b.question(&Question { qname: owner.as_name(), qtype: Rtype::A, qclass: dnswire::Class::IN });
        }
    };
    b.push(section, &Record { name: owner.as_name(), class: dnswire::Class::IN, ttl: 1, data })
}

proptest! {
    #![proptest_config(config())]

    /// decode(encode(m)) == m, with and without compression; the compressed
    /// form is never longer; both pass every check of the decode fuzz body.
    #[test]
    fn encode_decode_round_trip(spec in strategies::message(6)) {
        let packed = spec.encode_max(true).expect("compressed build");
        let flat = spec.encode_max(false).expect("uncompressed build");
        prop_assert!(packed.len() <= flat.len(), "compressed {} > uncompressed {}", packed.len(), flat.len());
        for wire in [&packed, &flat] {
            let msg = Message::decode(wire).expect("a built message decodes");
            spec.assert_decoded(&msg);
            fuzzing::decode(wire);
            fuzzing::roundtrip(wire);
            fuzzing::compress(wire);
        }
    }

    /// Every name's presentation form parses back to the same octets.
    #[test]
    fn names_survive_presentation(name in strategies::name(6)) {
        let text = name.to_string();
        let back = NameBuf::from_text(&text).map_err(|e| TestCaseError::fail(format!("{text:?}: {e:?}")))?;
        prop_assert_eq!(back.as_wire(), name.as_wire(), "{}", text);
    }

    /// Decoding a valid message with any one octet changed never panics (and a
    /// mutant that decodes passes the decode fuzz body's checks).
    #[test]
    fn single_octet_mutations_never_panic(
        spec in strategies::message(4),
        compress in any::<bool>(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 8),
    ) {
        let wire = spec.encode_max(compress).expect("build");
        for (at, octet) in edits {
            let mut mutant = wire.clone();
            let i = at.index(mutant.len());
            mutant[i] = octet;
            fuzzing::decode(&mutant);
            mutant[i] ^= 0xFF;
            fuzzing::decode(&mutant);
        }
    }

    /// Decoding any prefix of a valid message never panics, and only the whole
    /// message (and possibly prefixes ending at a record boundary with counts
    /// that no longer match, which must then fail) decodes.
    #[test]
    fn truncated_input_never_panics(
        spec in strategies::message(4),
        compress in any::<bool>(),
        cuts in proptest::collection::vec(any::<prop::sample::Index>(), 8),
    ) {
        let wire = spec.encode_max(compress).expect("build");
        for cut in cuts {
            let n = cut.index(wire.len());
            // The header counts say more than a proper prefix holds.
            prop_assert!(Message::decode(&wire[..n]).is_err(), "a {n}-octet prefix of {} decoded", wire.len());
            fuzzing::decode(&wire[..n]);
        }
    }

    /// `decode_at` fails exactly when `decode` does, with its error, at an
    /// octet of the input (or just past it, where the input runs out), for
    /// valid messages with one octet changed or cut short.
    #[test]
    fn decode_at_agrees_with_decode(
        spec in strategies::message(4),
        compress in any::<bool>(),
        at in any::<prop::sample::Index>(),
        octet in any::<u8>(),
    ) {
        let wire = spec.encode_max(compress).expect("build");
        let mut mutant = wire.clone();
        let i = at.index(mutant.len());
        mutant[i] = octet;
        for input in [&mutant[..], &wire[..i]] {
            match (Message::decode(input), Message::decode_at(input)) {
                (Ok(_), Ok(_)) => {}
                (Err(error), Err(failure)) => {
                    prop_assert_eq!(failure.error, error);
                    prop_assert!(failure.offset <= input.len(), "{:?} past the {} octets", failure, input.len());
                }
                (plain, located) => prop_assert!(false, "decode {:?} but decode_at {:?}", plain.err(), located.err()),
            }
        }
    }

    /// A push that fails leaves the message as it was: pushing the rest after
    /// it gives exactly the message without the failed push.
    #[test]
    fn failed_push_changes_nothing(
        spec in strategies::message(4),
        compress in any::<bool>(),
        at in any::<prop::sample::Index>(),
        bad in bad_push(),
    ) {
        let full = spec.encode_max(compress).expect("build");
        // Little room to spare, so a failed push that left octets behind makes
        // the rest no longer fit. (Not the exact size: the writer spells a name
        // out before compressing it, so it needs up to 255 octets more; see
        // `exact_size_buffer_holds_the_message`.)
        let limit = (full.len() + dnswire::MAX_NAME_LEN).min(dnswire::MAX_MESSAGE_LEN);
        let mut buf = vec![0u8; limit];
        let mut b = if compress {
            MessageBuilder::new(&mut buf, spec.header())
        } else {
            MessageBuilder::new_uncompressed(&mut buf, spec.header())
        }.unwrap();
        for q in &spec.questions {
            b.question(&q.question()).unwrap();
        }
        let records: Vec<(Section, &RecordSpec)> = spec.records().collect();
        let j = at.index(records.len() + 1);
        if matches!(bad, BadPush::LateQuestion) && j == 0 {
            // Before any record a question is no misplaced push.
            return Ok(());
        }
        for (section, r) in &records[..j] {
            r.with_record(|rec| b.push(*section, rec)).unwrap();
        }
        let section = records.get(j).or(records.last()).map_or(Section::Answer, |(s, _)| *s);
        let before = b.len();
        let res = try_bad_push(&mut b, &bad, section, limit);
        prop_assert!(res.is_err(), "{:?} was accepted", bad);
        prop_assert_eq!(b.len(), before);
        for (section, r) in &records[j..] {
            r.with_record(|rec| b.push(*section, rec)).unwrap();
        }
        if let Some(e) = &spec.edns {
            e.with_edns(|e| b.edns(e)).unwrap();
        }
        let wire = b.finish().unwrap().to_vec();
        prop_assert_eq!(&wire, &full, "the failed push left a trace");
        spec.assert_decoded(&Message::decode(&wire).unwrap());
    }

    /// In truncating mode every limit that holds the header, questions and OPT
    /// gives a decodable message: a prefix of whole RRsets, the OPT record kept,
    /// and TC set exactly when an answer or authority RRset was dropped.
    #[test]
    fn truncation_keeps_a_valid_message(
        spec in strategies::message(6),
        compress in any::<bool>(),
        fraction in 0.0f64..=1.0,
    ) {
        let bare = MessageSpec { sections: Default::default(), ..spec.clone() };
        let base = bare.encode_max(compress).expect("build").len();
        let full = spec.encode_max(compress).expect("build").len();
        // Up to the whole message plus the room the writer needs to spell a
        // name out before compressing it.
        let roomy = (full + dnswire::MAX_NAME_LEN).min(dnswire::MAX_MESSAGE_LEN);
        let limit = base + ((roomy - base) as f64 * fraction) as usize;
        let mut buf = vec![0u8; limit];
        let mut b = if compress {
            MessageBuilder::new(&mut buf, spec.header())
        } else {
            MessageBuilder::new_uncompressed(&mut buf, spec.header())
        }.unwrap();
        b.set_truncating(true);
        for q in &spec.questions {
            b.question(&q.question()).unwrap();
        }
        if let Some(e) = &spec.edns {
            e.with_edns(|e| b.edns(e)).unwrap();
        }
        let records: Vec<(Section, &RecordSpec)> = spec.records().collect();
        for (section, r) in &records {
            r.with_record(|rec| b.push(*section, rec)).unwrap();
        }
        let truncated = b.is_truncated();
        let wire = b.finish().unwrap().to_vec();
        prop_assert!(wire.len() <= limit);
        let msg = Message::decode(&wire).expect("a truncated message decodes");
        fuzzing::walk(&msg);
        let k = msg.answers().count() + msg.authority().count() + msg.additional().count();
        spec.assert_records_prefix(&msg, k);
        spec.assert_edns(&msg);
        prop_assert_eq!(msg.questions().count(), spec.questions.len());
        prop_assert_eq!(truncated, k < records.len());
        if limit >= roomy {
            prop_assert!(!truncated, "truncated with room to spare");
        }
        if k < records.len() {
            // The cut is at an RRset boundary.
            let same = |a: &(Section, &RecordSpec), b: &(Section, &RecordSpec)| {
                a.0 == b.0
                    && a.1.class == b.1.class
                    && a.1.data.with_rdata(|d| d.rtype()) == b.1.data.with_rdata(|d| d.rtype())
                    && a.1.owner == b.1.owner
            };
            prop_assert!(k == 0 || !same(&records[k - 1], &records[k]), "RRset split at record {}", k);
            let lost_answers = records[k].0 != Section::Additional;
            prop_assert_eq!(msg.header().flags.tc(), lost_answers, "TC");
        } else {
            prop_assert!(!msg.header().flags.tc());
        }
    }
}

proptest! {
    #![proptest_config(config())]

    /// A message that encodes to N octets builds in a buffer of exactly N
    /// octets: names need room only for their compressed form.
    #[test]
    fn exact_size_buffer_holds_the_message(spec in strategies::message(6)) {
        let full = spec.encode_max(true).expect("build");
        let exact = spec.encode(true, full.len());
        prop_assert_eq!(exact.as_ref(), Ok(&full));
    }
}

proptest! {
    #![proptest_config(config())]

    /// Display then parse gives the same records: every record of a generated
    /// message, printed in presentation form and read back by the text parser,
    /// has the same owner, TTL, class and RDATA octets.
    #[test]
    fn display_then_parse_is_the_identity(spec in strategies::message(6)) {
        let wire = spec.encode_max(true).expect("build");
        let msg = Message::decode(&wire).expect("decode");
        for section in [Section::Answer, Section::Authority, Section::Additional] {
            for r in msg.records(section) {
                let line = r.to_string();
                let mut buf = vec![0u8; 65535];
                let parsed = dnswire::text::parse_record(&line, None, 0, &mut buf);
                let parsed = parsed.unwrap_or_else(|e| panic!("{line:?}: {e:?}"));
                prop_assert_eq!(parsed.record(), r, "{}", line);
            }
        }
    }

    /// The text parser gives a record or a typed error on any text.
    #[test]
    fn text_parse_never_panics(text in ".{0,200}") {
        fuzzing::text(text.as_bytes());
    }

    /// Nor on text made of the characters that matter to the tokenizer.
    #[test]
    fn text_parse_never_panics_on_syntax(text in "[a-z0-9 .;()\"\\\\@$#\n\t-]{0,120}") {
        fuzzing::text(text.as_bytes());
    }

    /// A whole generated message, displayed in dig's layout, reads back with
    /// `parse_message` to the octets it re-encodes to.
    #[test]
    fn message_display_then_parse_is_the_identity(spec in strategies::message(6)) {
        let wire = spec.encode_max(true).expect("build");
        let msg = Message::decode(&wire).expect("decode");
        // dig's layout gives a Padding option's length, not its octets.
        let padding_octets = msg.edns().is_some_and(|e| e.options.iter().any(|o| o.code == dnswire::OptionCode::PADDING && o.data.iter().any(|&b| b != 0)));
        prop_assume!(!padding_octets);
        let text = msg.to_string();
        let (mut buf, mut scratch) = (vec![0u8; 65535], vec![0u8; 65535]);
        let built = dnswire::text::parse_message(&text, &mut buf, &mut scratch, true);
        let built = built.unwrap_or_else(|e| panic!("{e}\n{text}"));
        let mut expected = vec![0u8; 65535];
        let n = msg.encode_into(&mut expected, true).expect("re-encode");
        prop_assert_eq!(&built[..], &expected[..n], "{}", text);
    }

    /// Message text with its lines cut, doubled, dropped or edited gives a
    /// message or a typed error on one of its lines, never a panic.
    #[test]
    fn message_text_parse_never_panics(
        spec in strategies::message(4),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0u8..4, "[ -~]{0,12}"), 0..6),
    ) {
        let wire = spec.encode_max(true).expect("build");
        let shown = Message::decode(&wire).expect("decode").to_string();
        let mut lines: Vec<String> = shown.lines().map(str::to_string).collect();
        for (at, kind, text) in edits {
            if lines.is_empty() {
                break;
            }
            let i = at.index(lines.len());
            match kind {
                0 => { lines.remove(i); }
                1 => { let l = lines[i].clone(); lines.insert(i, l); }
                2 => { let cut = at.index(lines[i].len() + 1); lines[i] = lines[i].chars().take(cut).collect(); }
                _ => lines[i].push_str(&text),
            }
        }
        fuzzing::message_text(lines.join("\n").as_bytes());
    }

    /// And on arbitrary text.
    #[test]
    fn message_text_parse_never_panics_on_any_text(text in "(;; ?)?[ -~\n\t]{0,300}") {
        fuzzing::message_text(text.as_bytes());
    }
}

/// Why the reference reading of a name fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RefError {
    /// A pointer into the header, or not before the labels it continues
    /// (RFC 9267 §2): `BadPointer`.
    Pointer,
    /// Longer than 255 octets (RFC 1035 §3.1): `NameTooLong`.
    TooLong,
    /// Anything else (an unterminated name, a label running past where it
    /// must end, a reserved label type): the variant depends on the octets.
    Other,
}

/// Reads the name at `at` the simple way, into its uncompressed wire form.
/// Rules: a pointer goes strictly before the start of the labels it continues
/// and not into the header; what a pointer leads to ends before the pointer;
/// at most 255 octets.
fn reference_name(msg: &[u8], at: usize) -> Result<Vec<u8>, RefError> {
    let mut out = Vec::new();
    let (mut cur, mut labels_start, mut end) = (at, at, msg.len());
    for _ in 0..=256 {
        let len = *msg.get(cur).filter(|_| cur < end).ok_or(RefError::Other)?;
        match len {
            0 => {
                out.push(0);
                return if out.len() > 255 { Err(RefError::TooLong) } else { Ok(out) };
            }
            1..=63 => {
                let label = msg.get(cur + 1..cur + 1 + usize::from(len)).filter(|_| cur + 1 + usize::from(len) <= end);
                out.push(len);
                out.extend_from_slice(label.ok_or(RefError::Other)?);
                if out.len() > 255 {
                    return Err(RefError::TooLong);
                }
                cur += 1 + usize::from(len);
            }
            0xC0..=0xFF => {
                let low = *msg.get(cur + 1).filter(|_| cur + 1 < end).ok_or(RefError::Other)?;
                let target = usize::from(u16::from_be_bytes([len & 0x3F, low]));
                if target < 12 || target >= labels_start {
                    return Err(RefError::Pointer);
                }
                end = cur;
                labels_start = target;
                cur = target;
            }
            _ => return Err(RefError::Other),
        }
    }
    Err(RefError::Other)
}

proptest! {
    #![proptest_config(config())]

    /// A name ending in a pointer anywhere: decoding never panics; a pointer
    /// into the header or not strictly backwards is `BadPointer`; one to a
    /// label of an earlier name decodes to the name the reference reads (or
    /// `NameTooLong`); wherever it points, dnswire accepts exactly when the
    /// reference does, with the same name.
    #[test]
    fn question_pointers_read_as_the_reference_reads_them(case in strategies::pointer_case()) {
        let decoded = Message::decode(&case.wire);
        let reference = reference_name(&case.wire, case.name_at);
        match case.target {
            PointerTarget::Header | PointerTarget::Forward => {
                prop_assert_eq!(reference.clone().err(), Some(RefError::Pointer));
                prop_assert_eq!(decoded.as_ref().err(), Some(&DecodeError::BadPointer));
            }
            PointerTarget::EarlierLabel => {
                prop_assert!(reference != Err(RefError::Pointer) && reference != Err(RefError::Other), "{reference:?}");
            }
            PointerTarget::MidLabel | PointerTarget::Anywhere => {}
        }
        match (&decoded, &reference) {
            (Ok(msg), Ok(expected)) => {
                let qname = msg.questions().last().expect("questions").qname;
                let got = NameBuf::from_name(&qname);
                prop_assert_eq!(got.as_wire(), &expected[..]);
            }
            (Err(e), Err(RefError::Pointer)) => prop_assert_eq!(*e, DecodeError::BadPointer),
            (Err(e), Err(RefError::TooLong)) => prop_assert_eq!(*e, DecodeError::NameTooLong),
            (Err(_), Err(RefError::Other)) => {}
            (decoded, reference) => prop_assert!(false, "dnswire {decoded:?}, reference {reference:?} for pointer at {}", case.pointer_at),
        }
        fuzzing::decode(&case.wire);
    }

    /// A pointer in a name in RDATA: decompressed for MX, CNAME and SRV (RFC
    /// 1035; RFC 3597 §4 asks receivers to decompress SRV) to the name the
    /// reference reads, and `ForbiddenCompression` for the RRSIG signer, the
    /// NSEC next name and the SVCB target (RFC 4034 §3.1.7, §4.1.1, RFC 9460
    /// §2.2).
    #[test]
    fn rdata_pointers_only_where_compression_is_allowed(case in strategies::rdata_pointer_case()) {
        let decoded = Message::decode(&case.wire);
        if case.kind.decompressed() {
            let msg = decoded.map_err(|e| TestCaseError::fail(format!("{:?}: {e:?}", case.kind)))?;
            let record = msg.answers().next().expect("one answer");
            let name = reference_name(&case.wire, case.pointer_at).expect("a valid pointer");
            let (before, after) = case.kind.around();
            let expected: Vec<u8> = [before, &name[..], after].concat();
            let mut buf = vec![0u8; 512];
            let n = record.data.to_wire(&mut buf).expect("encode RDATA");
            prop_assert_eq!(&buf[..n], &expected[..]);
        } else {
            prop_assert_eq!(decoded.err(), Some(DecodeError::ForbiddenCompression), "{:?}", case.kind);
        }
        fuzzing::decode(&case.wire);
    }
}
