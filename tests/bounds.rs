//! Bounds on work, counted rather than timed: for each kind of input that
//! makes a decoding or text-reading loop run long, the most expensive input
//! of that kind (`dnswire_harness::worst`) is read at two sizes, and the steps
//! the codec counts in its inner loops (the hidden `work-count` feature) must
//! grow linearly with the input: the steps per octet at the larger size at
//! most 1.2 times those at the smaller, and under a fixed cap per octet.

use std::sync::{Mutex, MutexGuard};

use dnswire::{Class, Message, Rtype, take_steps};
use dnswire_harness::worst;

/// The step counter is global to the process: one measurement at a time.
static COUNTER: Mutex<()> = Mutex::new(());

fn counter() -> MutexGuard<'static, ()> {
    COUNTER.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The message sizes compared: about 16 KB and the largest message.
const SIZES: [usize; 2] = [16_384, 65_535];

/// The most steps a message may cost per octet. The dearest shapes make
/// every 6 to 12 octets read a name of up to 127 labels or 128 pointers
/// again (the limits of RFC 1035 §2.3.4 and RFC 9267 §2): about 10 to 17
/// steps an octet.
const MESSAGE_CAP: f64 = 24.0;

/// Decodes `wire` and walks every record and EDNS option, counting steps.
fn message_steps(wire: &[u8]) -> usize {
    take_steps();
    let msg = Message::decode(wire).unwrap_or_else(|e| panic!("a worst-case message must decode: {e:?}"));
    let mut seen = 0usize;
    for section in [dnswire::Section::Answer, dnswire::Section::Authority, dnswire::Section::Additional] {
        seen += msg.records(section).count();
    }
    seen += msg.edns().map_or(0, |e| e.options.iter().count());
    std::hint::black_box(seen);
    take_steps()
}

/// Steps per octet at both sizes; asserts linear growth and the cap.
fn assert_linear(what: &str, sizes: [usize; 2], cap: f64, steps_of: impl Fn(usize) -> (usize, usize)) {
    let _one_at_a_time = counter();
    let per_octet: Vec<f64> = sizes
        .iter()
        .map(|&size| {
            let (len, steps) = steps_of(size);
            assert!(len > size / 2, "{what}: the input at size {size} is only {len} long");
            steps as f64 / len as f64
        })
        .collect();
    let (small, large) = (per_octet[0], per_octet[1]);
    eprintln!("{what}: {small:.2} steps per octet at {}, {large:.2} at {}", sizes[0], sizes[1]);
    assert!(large <= small * 1.2, "{what}: {small:.2} steps per octet at {} but {large:.2} at {}: not linear", sizes[0], sizes[1]);
    assert!(large <= cap, "{what}: {large:.2} steps per octet, above the cap of {cap}");
}

fn assert_message_linear(name: &str) {
    assert_message_linear_within(name, SIZES);
}

fn assert_message_linear_within(name: &str, sizes: [usize; 2]) {
    let (_, shape) = worst::MESSAGES.iter().find(|(n, _)| *n == name).expect("a known shape");
    assert_linear(name, sizes, MESSAGE_CAP, |size| {
        let wire = shape(size);
        assert!(wire.len() <= size);
        (wire.len(), message_steps(&wire))
    });
}

/// RFC 9267 §2: a chain of 128 pointers, owners pointing into it.
#[test]
fn pointer_chains() {
    assert_message_linear("pointer-chains");
}

/// Questions pointing into a 127-label name at rotating offsets.
#[test]
fn questions_into_long_name() {
    assert_message_linear("questions-into-long-name");
}

/// More pointer chains than the name cache holds, taken in turn (the
/// setup is a tenth of the small size, so the sizes compared are larger).
#[test]
fn pointer_chains_rotating() {
    assert_message_linear_within("pointer-chains-rotating", [32_768, 65_535]);
}

/// More long names than the name cache holds, questions into each in turn.
#[test]
fn long_names_rotating() {
    assert_message_linear_within("long-names-rotating", [32_768, 65_535]);
}

/// Labels and pointers alternating, 100 deep.
#[test]
fn label_pointer_chains() {
    assert_message_linear("label-pointer-chains");
}

/// NS RDATA pointing into a long name.
#[test]
fn ns_into_long_names() {
    assert_message_linear("ns-into-long-names");
}

/// RFC 9460 §8: every key of a long `mandatory` list looked up.
#[test]
fn svcb_mandatory() {
    assert_message_linear("svcb-mandatory");
}

/// RFC 9460 §2.2: the most SVCB parameters.
#[test]
fn svcb_keys() {
    assert_message_linear("svcb-keys");
}

/// RFC 6891 §6.1.2: the most EDNS options.
#[test]
fn edns_options() {
    assert_message_linear("edns-options");
}

/// RFC 1035 §3.3.14: the most TXT strings.
#[test]
fn txt_strings() {
    assert_message_linear("txt-strings");
}

/// RFC 4034 §4.1.2: NSEC bitmaps of 256 windows.
#[test]
fn nsec_windows() {
    assert_message_linear("nsec-windows");
}

/// The most records in a message.
#[test]
fn most_records() {
    assert_message_linear("most-records");
}

/// The most names in a message.
#[test]
fn most_names() {
    assert_message_linear("most-names");
}

/// Every shape is covered by a test above.
#[test]
fn every_message_shape_is_tested() {
    assert_eq!(worst::MESSAGES.len(), 13);
}

/// Text sizes compared: about 16 KB and 64 KB of presentation text.
const TEXT_SIZES: [usize; 2] = [16_384, 65_536];

/// The most steps a character of text may cost when the reader needs no
/// sorting: the tokenizer and the unescaping each visit it about once.
const TEXT_CAP: f64 = 8.0;

/// Sorting types into bitmap windows or SVCB keys into wire order takes one
/// pass over the text for each window or high octet of a key present: at
/// most 256, plus a few, of about two steps a character. Linear, with that
/// constant.
const SORTED_TEXT_CAP: f64 = 4.0 * 260.0;

fn rdata_steps(rtype: Rtype, text: &str) -> usize {
    let mut out = vec![0u8; 65535];
    take_steps();
    dnswire::text::parse_rdata(rtype, Class::IN, text, None, &mut out).unwrap_or_else(|e| panic!("{rtype}: {e:?}"));
    take_steps()
}

/// RFC 1035 §5.1: a long line of quoted strings and escapes, read as a record.
#[test]
fn long_record_line() {
    assert_linear("long record line", TEXT_SIZES, TEXT_CAP, |size| {
        let line = worst::long_record_line(size);
        let mut out = vec![0u8; 65535];
        take_steps();
        dnswire::text::parse_record(&line, None, 0, &mut out).unwrap_or_else(|e| panic!("{e:?}"));
        (line.len(), take_steps())
    });
}

/// Many records in dig's text form, read into one message.
#[test]
fn dig_text_records() {
    assert_linear("dig text records", TEXT_SIZES, TEXT_CAP, |size| {
        let text = worst::dig_records_text(size);
        let (mut buf, mut scratch) = (vec![0u8; 65535], vec![0u8; 65535]);
        take_steps();
        dnswire::text::parse_message(&text, &mut buf, &mut scratch, true).unwrap_or_else(|e| panic!("{e:?}"));
        (text.len(), take_steps())
    });
}

/// The most TXT strings in text.
#[test]
fn txt_text() {
    assert_linear("TXT text", TEXT_SIZES, TEXT_CAP, |size| {
        let text = worst::txt_text(size);
        (text.len(), rdata_steps(Rtype::TXT, &text))
    });
}

/// RFC 4034 §4.1.2: types of every window, in decreasing order.
#[test]
fn nsec_text() {
    assert_linear("NSEC text", TEXT_SIZES, SORTED_TEXT_CAP, |size| {
        let text = worst::nsec_text(size);
        (text.len(), rdata_steps(Rtype::NSEC, &text))
    });
}

/// RFC 9460 §2.1: many keys in decreasing order, all of them mandatory.
#[test]
fn svcb_text() {
    assert_linear("SVCB text", TEXT_SIZES, SORTED_TEXT_CAP, |size| {
        let text = worst::svcb_text(size);
        (text.len(), rdata_steps(Rtype::SVCB, &text))
    });
}

/// RFC 9460 §2.1: keys of one high octet in decreasing order with long
/// values, so that each is moved past all written before it.
#[test]
fn svcb_text_long_values() {
    assert_linear("SVCB text, long values", TEXT_SIZES, SORTED_TEXT_CAP, |size| {
        let text = worst::svcb_text_long_values(size);
        (text.len(), rdata_steps(Rtype::SVCB, &text))
    });
}

/// SVCB text too long for any RDATA (20,000 keys, about 360 KB) fails on
/// size in the first pass over it, before any sorting.
#[test]
fn svcb_text_too_long_fails_early() {
    let _one_at_a_time = counter();
    let keys: Vec<String> = (0..20_000).rev().map(|k| format!("key{}", k + 16)).collect();
    let text = format!("1 . {}", keys.join(" "));
    let mut out = vec![0u8; 65535];
    take_steps();
    let err = dnswire::text::parse_rdata(Rtype::SVCB, Class::IN, &text, None, &mut out).unwrap_err();
    let steps = take_steps();
    assert_eq!(err.error, dnswire::TextError::NoSpace);
    let per_char = steps as f64 / text.len() as f64;
    assert!(per_char <= TEXT_CAP, "{per_char:.2} steps per character");
}

/// The zone reader writes an octet outside ASCII as four characters for
/// the text reader, so it may cost four times a character's steps.
const ZONE_CAP: f64 = 4.0 * TEXT_CAP;

/// Reads a master file with the codec's reader; returns the steps and the
/// records and errors it gave.
fn zone_steps(zone: &[u8], generate_limit: u32) -> (usize, usize) {
    use dnswire::text::zone::{NoIncludes, ZoneReader};
    let mut text = vec![0u8; 1 << 20];
    let mut rdata = vec![0u8; 65535];
    take_steps();
    let mut reader = ZoneReader::new(zone, NoIncludes::new(), &mut text).with_generate_limit(generate_limit);
    let mut read = 0usize;
    while reader.next_record(&mut rdata).is_some() {
        read += 1;
    }
    (take_steps(), read)
}

/// RFC 1035 §5: every kind of statement of a master file, read by the
/// codec's reader.
#[test]
fn zone_statements() {
    assert_linear("zone statements", TEXT_SIZES, ZONE_CAP, |size| {
        let zone = worst::zone_statements(size);
        (zone.len(), zone_steps(&zone, 0).0)
    });
}

/// One long record of octets outside ASCII, with an error at its end.
#[test]
fn zone_octets_record() {
    assert_linear("zone octets record", TEXT_SIZES, ZONE_CAP, |size| {
        let zone = worst::zone_octets_record(size);
        let (steps, read) = zone_steps(&zone, 0);
        assert_eq!(read, 1, "one error");
        (zone.len(), steps)
    });
}

/// A `$GENERATE` over the reader's bound is refused before it gives a
/// record: its cost is that of reading its statement, whatever its range.
#[test]
fn generate_over_its_bound_costs_its_statement() {
    let _one_at_a_time = counter();
    let zone = b"$GENERATE 0-2147483647 h$ 60 A 192.0.2.1\n";
    let (steps, read) = zone_steps(zone, dnswire::text::zone::MAX_GENERATE);
    assert_eq!(read, 1, "one error");
    let per_octet = steps as f64 / zone.len() as f64;
    assert!(per_octet <= ZONE_CAP, "{per_octet:.2} steps per octet");
}

/// A `$GENERATE` costs its statement for each record it gives.
#[test]
fn generate_costs_each_record_its_statement() {
    let _one_at_a_time = counter();
    let zone = b"$ORIGIN example.\n$GENERATE 0-1023 h$ 60 A 192.0.2.1\n";
    let (steps, read) = zone_steps(zone, 1024);
    assert_eq!(read, 1024);
    let per_record_octet = steps as f64 / (1024.0 * zone.len() as f64);
    assert!(per_record_octet <= ZONE_CAP, "{per_record_octet:.2} steps per octet of each record");
}

/// The most steps per octet for a message that fails at its last octet:
/// [`Message::decode`]'s walk, then the second walk that finds the fault,
/// which reads every name twice without the name cache (once looking for a
/// fault, once stepping over it: up to 127 labels or 128 pointers per name
/// every 6 to 12 octets): a decoding's cap and two uncached reads, each
/// under it too.
const LOCATE_CAP: f64 = 3.0 * MESSAGE_CAP;

/// Each worst-case message with one octet more: `decode_at` fails at the
/// very end, so its second walk goes over the whole message to say where.
#[test]
fn fault_location_is_linear() {
    for (name, shape) in worst::MESSAGES {
        // The shapes against the name cache have a large setup: compared at
        // larger sizes, as above.
        let sizes = if name.ends_with("-rotating") { [32_768, 65_535] } else { SIZES };
        assert_linear(&format!("{name}, trailing octet"), sizes, LOCATE_CAP, |size| {
            let mut wire = shape(size - 1);
            let end = wire.len();
            wire.push(0);
            take_steps();
            let failure = Message::decode_at(&wire).expect_err("one octet too many");
            assert_eq!((failure.error, failure.offset), (dnswire::DecodeError::TrailingData, end), "{name}");
            (wire.len(), take_steps())
        });
    }
}
