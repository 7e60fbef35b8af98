//! The most expensive inputs of each kind that fit in a given size: messages
//! (at most 65535 octets) that make the decoder's loops run longest per
//! octet, and presentation text that does the same to the text reader. The
//! bounds tests (`tests/bounds.rs`) count the decoder's steps on them, the
//! `worst` benchmark times them, and `seed_files` writes them to the decode
//! fuzz corpus.
//!
//! Every message here decodes; each generator returns the largest message
//! of its shape that is at most `max` octets long.

/// A response header with the given counts.
fn header(qd: u16, an: u16, ar: u16) -> Vec<u8> {
    let mut w = vec![0x12, 0x34, 0x81, 0x80];
    for count in [qd, an, 0, ar] {
        w.extend_from_slice(&count.to_be_bytes());
    }
    w
}

fn set_count(w: &mut [u8], at: usize, count: usize) {
    let count = u16::try_from(count).expect("count fits in 16 bits");
    w[at..at + 2].copy_from_slice(&count.to_be_bytes());
}

fn pointer(target: usize) -> [u8; 2] {
    let target = u16::try_from(target).expect("pointer target below 16384");
    assert!(target < 0x4000, "pointer target below 16384");
    (0xC000 | target).to_be_bytes()
}

/// A record header after the owner: type, class IN, TTL 0, RDLENGTH.
fn record_tail(rtype: u16, rdlength: usize) -> Vec<u8> {
    let mut w = rtype.to_be_bytes().to_vec();
    w.extend_from_slice(&[0x00, 0x01, 0, 0, 0, 0]);
    w.extend_from_slice(&u16::try_from(rdlength).expect("RDLENGTH fits").to_be_bytes());
    w
}

/// A private type (RFC 6895 §3.1) whose RDATA is opaque.
const OPAQUE: u16 = 0xFF00;

/// A name of one label then 127 backward pointers (128 pointers in all, the
/// most a name may hold), then records whose owners point at the chain's last
/// 20 links in turn, so that each owner follows 108 to 128 pointers and no
/// owner repeats the one before.
pub fn pointer_chains(max: usize) -> Vec<u8> {
    let mut w = header(0, 0, 0);
    // Record 0: owner root, RDATA = "a." then 127 links.
    w.push(0);
    w.extend_from_slice(&record_tail(OPAQUE, 3 + 2 * 127));
    let first = w.len();
    w.extend_from_slice(&[0x01, b'a', 0x00]);
    let mut links = Vec::new();
    let mut prev = first;
    for _ in 0..127 {
        let here = w.len();
        w.extend_from_slice(&pointer(prev));
        links.push(here);
        prev = here;
    }
    owners_pointing_at_links(w, &links, max)
}

/// Appends records with no RDATA (after the one record already there) whose
/// owners point at the last 20 of `links` in turn, as many as fit in `max`,
/// and sets ANCOUNT.
fn owners_pointing_at_links(mut w: Vec<u8>, links: &[usize], max: usize) -> Vec<u8> {
    let mut count = 1usize;
    while w.len() + 12 <= max {
        let target = links[links.len() - 1 - (count % 20)];
        w.extend_from_slice(&pointer(target));
        w.extend_from_slice(&record_tail(OPAQUE, 0));
        count += 1;
    }
    set_count(&mut w, 6, count);
    w
}

/// The longest name (127 one-octet labels), then questions that point into
/// it at rotating label offsets, so that each reads up to 127 labels anew.
pub fn questions_into_long_name(max: usize) -> Vec<u8> {
    let mut w = header(1, 0, 0);
    let name_at = w.len();
    for _ in 0..127 {
        w.extend_from_slice(&[0x01, b'a']);
    }
    w.push(0);
    w.extend_from_slice(&[0x00, 0x01, 0x00, 0x01]);
    let mut count = 1usize;
    while w.len() + 6 <= max && count < 65535 {
        // Offsets 0 to 63 labels in: 64 to 127 labels left to read.
        w.extend_from_slice(&pointer(name_at + 2 * (count % 64)));
        w.extend_from_slice(&[0x00, 0x01, 0x00, 0x01]);
        count += 1;
    }
    set_count(&mut w, 4, count);
    w
}

/// Names of one label and a pointer to the previous one, 100 deep, then
/// records whose owners point at the deepest 20 links in turn: every owner
/// alternates labels and pointers 80 to 100 times.
pub fn label_pointer_chains(max: usize) -> Vec<u8> {
    let mut w = header(0, 0, 0);
    w.push(0);
    w.extend_from_slice(&record_tail(OPAQUE, 3 + 4 * 99));
    let first = w.len();
    w.extend_from_slice(&[0x01, b'a', 0x00]);
    let mut links = vec![first];
    for _ in 0..99 {
        let here = w.len();
        w.extend_from_slice(&[0x01, b'b']);
        w.extend_from_slice(&pointer(*links.last().expect("one link")));
        links.push(here);
    }
    owners_pointing_at_links(w, &links, max)
}

/// How many chains or long names the rotating shapes take in turn: more
/// than the decoder's name cache can hold, so that no walk finds what the
/// walks before it left there.
const ROTATION: usize = 24;

/// [`pointer_chains`] against the name cache: 24 chains of one label and
/// 127 pointers, each in its own record, then owners pointing at the top of
/// each chain in turn, so every owner follows 128 pointers.
pub fn pointer_chains_rotating(max: usize) -> Vec<u8> {
    let mut w = header(0, 0, 0);
    let mut tops = Vec::new();
    for _ in 0..ROTATION {
        w.push(0);
        w.extend_from_slice(&record_tail(OPAQUE, 3 + 2 * 127));
        let mut prev = w.len();
        w.extend_from_slice(&[0x01, b'a', 0x00]);
        for _ in 0..127 {
            let here = w.len();
            w.extend_from_slice(&pointer(prev));
            prev = here;
        }
        tops.push(prev);
    }
    let mut count = ROTATION;
    while w.len() + 12 <= max {
        w.extend_from_slice(&pointer(tops[count % ROTATION]));
        w.extend_from_slice(&record_tail(OPAQUE, 0));
        count += 1;
    }
    set_count(&mut w, 6, count);
    w
}

/// [`questions_into_long_name`] against the name cache: 24 names of 127
/// labels, then questions pointing into each in turn, at its first label, so
/// every question reads 127 labels anew.
pub fn long_names_rotating(max: usize) -> Vec<u8> {
    let mut w = header(0, 0, 0);
    let mut names = Vec::new();
    for _ in 0..ROTATION {
        names.push(w.len());
        for _ in 0..127 {
            w.extend_from_slice(&[0x01, b'a']);
        }
        w.push(0);
        w.extend_from_slice(&[0x00, 0x01, 0x00, 0x01]);
    }
    let mut count = ROTATION;
    while w.len() + 6 <= max && count < 65535 {
        // The second label: 126 labels to read, none of them cached.
        w.extend_from_slice(&pointer(names[count % ROTATION] + 2));
        w.extend_from_slice(&[0x00, 0x01, 0x00, 0x01]);
        count += 1;
    }
    set_count(&mut w, 4, count);
    w
}

/// NS records (owner the root) whose RDATA is a pointer into the longest
/// name at rotating label offsets.
pub fn ns_into_long_names(max: usize) -> Vec<u8> {
    let mut w = header(0, 0, 0);
    // Record 0: NS whose target is the 127-label name itself.
    w.push(0);
    w.extend_from_slice(&record_tail(2, 255));
    let name_at = w.len();
    for _ in 0..127 {
        w.extend_from_slice(&[0x01, b'a']);
    }
    w.push(0);
    let mut count = 1usize;
    while w.len() + 13 <= max {
        w.push(0);
        w.extend_from_slice(&record_tail(2, 2));
        w.extend_from_slice(&pointer(name_at + 2 * (count % 64)));
        count += 1;
    }
    set_count(&mut w, 6, count);
    w
}

/// One SVCB record whose every parameter is listed in `mandatory`: the
/// mandatory keys must each be found among the parameters.
pub fn svcb_mandatory(max: usize) -> Vec<u8> {
    // header 12, owner 1, record tail 10, priority 2, target 1, mandatory
    // key and length 4: 30 octets, then 6 per key (2 in the list, 4 after).
    let keys = (max.saturating_sub(30) / 6).min(32767);
    svcb(keys, true)
}

/// One SVCB record with as many parameters as fit (unknown keys, empty
/// values: 4 octets each).
pub fn svcb_keys(max: usize) -> Vec<u8> {
    let keys = max.saturating_sub(26) / 4;
    svcb(keys, false)
}

fn svcb(keys: usize, mandatory: bool) -> Vec<u8> {
    let mut rdata = vec![0x00, 0x01, 0x00];
    if mandatory {
        rdata.extend_from_slice(&[0x00, 0x00]);
        rdata.extend_from_slice(&u16::try_from(2 * keys).expect("list fits").to_be_bytes());
        for k in 0..keys {
            rdata.extend_from_slice(&svcb_key(k).to_be_bytes());
        }
    }
    for k in 0..keys {
        rdata.extend_from_slice(&svcb_key(k).to_be_bytes());
        rdata.extend_from_slice(&[0, 0]);
    }
    let mut w = header(0, 1, 0);
    w.push(0);
    w.extend_from_slice(&record_tail(64, rdata.len()));
    w.extend_from_slice(&rdata);
    w
}

/// The k-th key: unregistered ones (RFC 9460 §14.3.2), whose values may be
/// empty.
fn svcb_key(k: usize) -> u16 {
    u16::try_from(k + 16).expect("key fits")
}

/// An OPT record with as many empty options as fit (a local-use code,
/// RFC 6891 §9: 4 octets each).
pub fn edns_options(max: usize) -> Vec<u8> {
    let options = (max.saturating_sub(23) / 4).min(65535 / 4);
    let mut w = header(0, 0, 1);
    w.extend_from_slice(&[0x00, 0x00, 0x29, 0x10, 0x00, 0, 0, 0, 0]);
    w.extend_from_slice(&u16::try_from(4 * options).expect("options fit").to_be_bytes());
    for _ in 0..options {
        w.extend_from_slice(&[0xFD, 0xE9, 0x00, 0x00]);
    }
    w
}

/// TXT records of as many empty strings as fit (one octet each).
pub fn txt_strings(max: usize) -> Vec<u8> {
    let mut w = header(0, 0, 0);
    let mut count = 0usize;
    while w.len() + 12 <= max {
        let strings = (max - w.len() - 11).min(65535);
        w.push(0);
        w.extend_from_slice(&record_tail(16, strings));
        w.resize(w.len() + strings, 0);
        count += 1;
    }
    set_count(&mut w, 6, count);
    w
}

/// NSEC records (owner and next name the root) whose bitmaps have all 256
/// windows, one octet each.
pub fn nsec_windows(max: usize) -> Vec<u8> {
    let mut w = header(0, 0, 0);
    let mut count = 0usize;
    while w.len() + 12 + 3 <= max {
        let windows = ((max - w.len() - 12) / 3).min(256);
        w.push(0);
        w.extend_from_slice(&record_tail(47, 1 + 3 * windows));
        w.push(0);
        for window in 0..windows {
            w.extend_from_slice(&[u8::try_from(window).expect("window fits"), 1, 0x40]);
        }
        count += 1;
    }
    set_count(&mut w, 6, count);
    w
}

/// The most records: root owner, no RDATA (11 octets each).
pub fn most_records(max: usize) -> Vec<u8> {
    let mut w = header(0, 0, 0);
    let mut count = 0usize;
    while w.len() + 11 <= max && count < 65535 {
        w.push(0);
        w.extend_from_slice(&record_tail(OPAQUE, 0));
        count += 1;
    }
    set_count(&mut w, 6, count);
    w
}

/// The most names: CNAME records whose owner is a pointer and whose target is
/// one label and a pointer.
pub fn most_names(max: usize) -> Vec<u8> {
    let mut w = header(1, 0, 0);
    w.extend_from_slice(b"\x07example\x00\x00\x05\x00\x01");
    let mut count = 0usize;
    while w.len() + 16 <= max {
        w.extend_from_slice(&pointer(12));
        w.extend_from_slice(&record_tail(5, 4));
        w.extend_from_slice(&[0x01, b'x']);
        w.extend_from_slice(&pointer(12));
        count += 1;
    }
    set_count(&mut w, 6, count);
    w
}

/// A worst-case message generator.
pub type Shape = fn(usize) -> Vec<u8>;

/// Every message shape, by name.
pub const MESSAGES: &[(&str, Shape)] = &[
    ("pointer-chains", pointer_chains),
    ("questions-into-long-name", questions_into_long_name),
    ("label-pointer-chains", label_pointer_chains),
    ("ns-into-long-names", ns_into_long_names),
    ("pointer-chains-rotating", pointer_chains_rotating),
    ("long-names-rotating", long_names_rotating),
    ("svcb-mandatory", svcb_mandatory),
    ("svcb-keys", svcb_keys),
    ("edns-options", edns_options),
    ("txt-strings", txt_strings),
    ("nsec-windows", nsec_windows),
    ("most-records", most_records),
    ("most-names", most_names),
];

/// SVCB parameters in presentation form, as many keys as fit in `max`
/// characters, spread over every high octet and in decreasing order (the wire
/// form wants them increasing), all listed in `mandatory` as well:
/// `1 . mandatory=keyA,... keyA ...`.
pub fn svcb_text(max: usize) -> String {
    // "key65535" at most 8 characters, plus a comma and a space: 18 a key.
    let count = (max.saturating_sub(20) / 18).min(10_000);
    // Low octets from 16 up: unregistered keys, whose values may be empty.
    let mut keys: Vec<usize> = (0..count).map(|i| (i % 256) * 256 + 16 + i / 256).collect();
    keys.sort_unstable_by(|a, b| b.cmp(a));
    let names: Vec<String> = keys.iter().map(|k| format!("key{k}")).collect();
    format!("1 . mandatory={} {}", names.join(","), names.join(" "))
}

/// SVCB parameters in presentation form that all share one high octet, in
/// decreasing order, with values as long as fit in `max` characters: each
/// written parameter must be moved past all those written before it.
pub fn svcb_text_long_values(max: usize) -> String {
    // Keys 0x0110 to 0x01FF: unregistered, one high octet, 240 of them.
    let keys: Vec<usize> = (0x0110..=0x01FF).rev().collect();
    let value_len = (max.saturating_sub(10) / keys.len()).saturating_sub(9).min(255);
    let value = "v".repeat(value_len);
    let params: Vec<String> = keys.iter().map(|k| format!("key{k}={value}")).collect();
    format!("1 . {}", params.join(" "))
}

/// TXT RDATA in presentation form: as many empty quoted strings as fit in
/// `max` characters.
pub fn txt_text(max: usize) -> String {
    let strings = (max / 3).min(65535);
    "\"\" ".repeat(strings)
}

/// NSEC RDATA in presentation form: the root, then types from every window
/// in decreasing window order (the wire form wants them increasing),
/// repeating once all windows are used, as many as fit in `max` characters.
pub fn nsec_text(max: usize) -> String {
    let mut text = String::from(".");
    let mut i = 0usize;
    loop {
        let rtype = (255 - i % 256) * 256 + 1 + (i / 256) % 255;
        let token = format!(" TYPE{rtype}");
        if text.len() + token.len() > max {
            return text;
        }
        text.push_str(&token);
        i += 1;
    }
}

/// A long record line for the zone reader: a TXT record of as many quoted
/// strings of escaped octets as fit in `max` characters.
pub fn long_record_line(max: usize) -> String {
    let mut line = String::from("example. 300 IN TXT");
    let string = format!(" \"{}\"", "\\065".repeat(63));
    while line.len() + string.len() <= max {
        line.push_str(&string);
    }
    line
}

/// A message in dig's text form: a header and as many short A records, each
/// with an owner of its own, as fit in `max` characters.
pub fn dig_records_text(max: usize) -> String {
    let mut text = String::from(";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1\n;; ANSWER SECTION:\n");
    for i in 0.. {
        let line = format!("h{i}.example. 0 IN A 192.0.2.{}\n", i % 256);
        if text.len() + line.len() > max {
            break;
        }
        text.push_str(&line);
    }
    text
}

/// A master file for the codec's zone reader: every kind of statement in
/// turn (owners of octets outside ASCII, written four times as long for
/// the text reader, blank owners, `$TTL`, `$ORIGIN`, comments, and a record
/// whose error is mapped back to the file's octets), as many as fit in `max`.
pub fn zone_statements(max: usize) -> Vec<u8> {
    let mut zone = b"$ORIGIN example.\n".to_vec();
    for i in 0.. {
        let mut block = format!("h{i}").into_bytes();
        block.extend_from_slice(b"\xe9\xe9\xe9 60 A 192.0.2.1\n\t60 TXT \"\xe9\xe9\xe9\xe9\"\n$TTL 1h\n; a comment\n");
        block.extend_from_slice(b"$ORIGIN example.\n\xe9\xe9 A 192.0.2.300\n");
        if zone.len() + block.len() > max {
            break;
        }
        zone.extend_from_slice(&block);
    }
    zone
}

/// One long record of octets outside ASCII for the zone reader, with an
/// error at its end, so the error's column is found by a pass over it all:
/// a TXT record of strings of 0xE9 in parentheses over many lines.
pub fn zone_octets_record(max: usize) -> Vec<u8> {
    let mut zone = b"example. 60 TXT (\n".to_vec();
    let line = [&b" \""[..], &[0xE9; 200], b"\"\n"].concat();
    while zone.len() + line.len() + 4 <= max {
        zone.extend_from_slice(&line);
    }
    zone.extend_from_slice(b" ))\n");
    zone
}

/// A presentation-text generator.
pub type TextShape = fn(usize) -> String;
