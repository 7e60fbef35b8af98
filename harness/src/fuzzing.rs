//! The fuzz bodies, as plain library functions.
//!
//! The cargo-fuzz targets in `fuzz/` are three-line wrappers around these, and
//! `tests/corpus_replay.rs` runs every saved corpus and regression input through
//! them under stable `cargo test`. Each function panics only when a real
//! property of the codec is violated:
//!
//! - [`decode`]: decoding never panics; a decoded message can be walked, shown
//!   and re-encoded (compressed and not) to messages equal to it, and the
//!   compressed form is never the longer.
//! - [`roundtrip`]: encoding a decoded message is a fixed point.
//! - [`build`]: every [`MessageBuilder`] push succeeds or fails leaving the
//!   builder unchanged, and the finished message holds exactly what was pushed
//!   (a prefix of whole RRsets, with TC where due, when truncating).
//! - [`compress`]: compressed and uncompressed encodings decode equal.
//! - [`zone`]: any octets read as a master file give records or typed errors
//!   on a line of the files read, and every record given encodes and decodes.

use std::fmt::Write as _;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;

use arbitrary::{Arbitrary, Unstructured};
use dnswire::rdata::{Caa, CharStrings, Mx, Soa, Srv};
use dnswire::{
    Class, DecodeError, Edns, EdnsFlags, EdnsOption, EdnsOptions, EncodeError, Flags, Header, MAX_MESSAGE_LEN, Message, MessageBuilder, Name,
    NameBuf, Opcode, OptionCode, Question, RData, Record, Rtype, Section,
};

/// The three record sections, in wire order.
pub const RECORD_SECTIONS: [Section; 3] = [Section::Answer, Section::Authority, Section::Additional];

// ---------------------------------------------------------------------------
// Shared checks
// ---------------------------------------------------------------------------

/// Visits everything a decoded message offers and checks that the validated
/// views agree with the header counts (iterators of a validated message must
/// not stop early).
pub fn walk(msg: &Message<'_>) {
    let h = msg.header();
    let mut questions = 0usize;
    for q in msg.questions() {
        questions += 1;
        let text = q.qname.to_string();
        assert_eq!(q.qname.to_string_buf::<1024>().expect("1024 octets hold any name").as_str(), text, "to_string_buf disagrees with Display");
        assert_eq!(q.qname.labels().count(), q.qname.label_count());
        let copy = NameBuf::from_name(&q.qname);
        assert_eq!(copy.as_wire().len(), q.qname.wire_len(), "NameBuf::from_name changed the length");
        assert!(copy.as_name() == q.qname, "NameBuf::from_name changed the name");
        let _ = q.to_string();
    }
    assert_eq!(questions, usize::from(h.qdcount), "question iterator stopped early");

    let opt = usize::from(msg.edns().is_some());
    let counts = [h.ancount, h.nscount, h.arcount];
    for (section, count) in RECORD_SECTIONS.into_iter().zip(counts) {
        let mut n = 0usize;
        for r in msg.records(section) {
            n += 1;
            assert_eq!(r.rtype(), r.data.rtype());
            assert_ne!(r.rtype(), Rtype::OPT, "OPT record returned by the record iterator");
            let _ = r.to_string();
            let _ = r.name.canonical_cmp(&Name::ROOT);
            assert!(r.name.ends_with(&Name::ROOT));
        }
        let expected = if section == Section::Additional { usize::from(count) - opt } else { usize::from(count) };
        assert_eq!(n, expected, "{section:?} iterator stopped early");
    }
    if let Some(e) = msg.edns() {
        let _ = e.to_string();
        let _ = e.options.iter().count();
        assert!(msg.edns_index().is_some_and(|i| i < h.arcount));
    }
    let _ = msg.rcode();
    let mut text = String::new();
    write!(text, "{msg}").expect("Display for Message failed");
    if let Some(q) = msg.question() {
        let chain = msg.cname_chain(q.qname, q.qtype, 16);
        assert!(chain.hops <= 16);
        let _ = chain.steps().count();
        let _ = chain.answers().count();
    }
}

/// Asserts that two records are the same, octet for octet: the codec's
/// equality (names compare case-insensitively) plus the exact owner octets and
/// the presentation text (which shows case and every RDATA octet).
pub fn assert_same_record(a: &Record<'_>, b: &Record<'_>, what: &str) {
    assert_eq!(a, b, "{what}: records differ");
    assert_eq!(NameBuf::from_name(&a.name), NameBuf::from_name(&b.name), "{what}: owner case differs");
    assert_eq!(a.to_string(), b.to_string(), "{what}: presentation differs");
}

/// Asserts that two decoded messages hold the same header, questions, records
/// (section by section, in order) and EDNS.
pub fn assert_same_message(a: &Message<'_>, b: &Message<'_>, what: &str) {
    assert_eq!(a.header(), b.header(), "{what}: headers differ");
    assert_eq!(a.questions().count(), b.questions().count(), "{what}: question counts differ");
    for (qa, qb) in a.questions().zip(b.questions()) {
        assert_eq!(qa, qb, "{what}: questions differ");
        assert_eq!(NameBuf::from_name(&qa.qname), NameBuf::from_name(&qb.qname), "{what}: qname case differs");
    }
    for section in RECORD_SECTIONS {
        assert_eq!(a.records(section).count(), b.records(section).count(), "{what}: {section:?} counts differ");
        for (ra, rb) in a.records(section).zip(b.records(section)) {
            assert_same_record(&ra, &rb, &format!("{what}: {section:?}"));
        }
    }
    assert_eq!(a.edns(), b.edns(), "{what}: EDNS differs");
    assert_eq!(a.edns_index(), b.edns_index(), "{what}: OPT position differs");
}

/// Re-encodes `msg` into a 65535-octet buffer. `None` when the message does
/// not fit in 65535 octets (its names spelled out or compressed less than in
/// the original): the builder never writes more, whatever the buffer, so
/// NoSpace here can only mean that. Any other failure is a bug: a message
/// that decoded must encode.
pub fn encode_message(msg: &Message<'_>, compress: bool) -> Option<Vec<u8>> {
    let mut buf = vec![0u8; MAX_MESSAGE_LEN];
    match msg.encode_into(&mut buf, compress) {
        Ok(n) => {
            buf.truncate(n);
            Some(buf)
        }
        Err(EncodeError::NoSpace) => None,
        Err(e) => panic!("re-encoding a decoded message (compress={compress}) failed: {e:?}"),
    }
}

// ---------------------------------------------------------------------------
// Byte-input targets
// ---------------------------------------------------------------------------

/// Fuzz target `decode`: decode arbitrary octets; on success walk, display and
/// re-encode both ways, and check both re-encodings decode equal to the original.
pub fn decode(data: &[u8]) {
    let Ok(msg) = Message::decode(data) else { return };
    walk(&msg);
    let compressed = encode_message(&msg, true);
    let flat = encode_message(&msg, false);
    match (&compressed, &flat) {
        (Some(c), Some(u)) => {
            assert!(c.len() <= u.len(), "compressed encoding ({}) longer than uncompressed ({})", c.len(), u.len())
        }
        (None, Some(u)) => panic!("compressed encoding does not fit while the uncompressed one ({}) does", u.len()),
        _ => {}
    }
    for (wire, what) in [(&compressed, "compressed re-encoding"), (&flat, "uncompressed re-encoding")] {
        let Some(wire) = wire else { continue };
        let again = Message::decode(wire).unwrap_or_else(|e| panic!("{what} does not decode: {e:?}"));
        assert_same_message(&msg, &again, what);
    }
}

/// Fuzz target `roundtrip`: decode → encode → decode → encode; the two
/// encodings are byte-identical (with and without compression), and a third
/// pass changes nothing either.
pub fn roundtrip(data: &[u8]) {
    let Ok(m1) = Message::decode(data) else { return };
    for compress in [true, false] {
        let Some(e1) = encode_message(&m1, compress) else { continue };
        let m2 = Message::decode(&e1).unwrap_or_else(|e| panic!("encoding (compress={compress}) does not decode: {e:?}"));
        let e2 = encode_message(&m2, compress).expect("a re-encoded message no longer fits");
        assert!(e1 == e2, "encoding is not a fixed point (compress={compress}):\n{e1:02x?}\n{e2:02x?}");
        let m3 = Message::decode(&e2).expect("second encoding does not decode");
        let e3 = encode_message(&m3, compress).expect("a re-encoded message no longer fits");
        assert!(e2 == e3, "third encoding differs (compress={compress})");
    }
}

/// Fuzz target `compress`: the compressed and uncompressed encodings of a
/// decodable message decode to equal messages, the compressed one is never
/// longer, and compressing the uncompressed form gives the same octets as
/// compressing the original (compression depends on content only).
pub fn compress(data: &[u8]) {
    let Ok(msg) = Message::decode(data) else { return };
    let Some(flat) = encode_message(&msg, false) else {
        // Too big uncompressed; the compressed form must still re-encode cleanly.
        let _ = encode_message(&msg, true);
        return;
    };
    let packed = encode_message(&msg, true).expect("compressed encoding does not fit while the uncompressed one does");
    assert!(packed.len() <= flat.len(), "compressed {} > uncompressed {}", packed.len(), flat.len());
    let flat_msg = Message::decode(&flat).unwrap_or_else(|e| panic!("uncompressed encoding does not decode: {e:?}"));
    let packed_msg = Message::decode(&packed).unwrap_or_else(|e| panic!("compressed encoding does not decode: {e:?}"));
    assert_same_message(&flat_msg, &packed_msg, "compressed vs uncompressed");
    assert_same_message(&msg, &packed_msg, "original vs compressed");
    let repacked = encode_message(&flat_msg, true).expect("compressing the uncompressed form does not fit");
    assert!(repacked == packed, "compressing the uncompressed form gives other octets");
    let reflat = encode_message(&packed_msg, false).expect("uncompressing the compressed form does not fit");
    assert!(reflat == flat, "uncompressing the compressed form gives other octets");
}

// ---------------------------------------------------------------------------
// The builder target
// ---------------------------------------------------------------------------

/// A plan for one [`MessageBuilder`] session, generated by `arbitrary`.
#[derive(Clone, Debug, Arbitrary)]
pub struct Plan {
    /// The message id.
    pub id: u16,
    /// The header flags (opcode and rcode bits included).
    pub flags: u16,
    /// The buffer size, mapped into 12..=1500.
    pub size: u16,
    /// Compress names.
    pub compress: bool,
    /// Truncating mode.
    pub truncating: bool,
    /// A pool of names; each may extend an earlier one, so names share suffixes.
    pub names: Vec<PlanName>,
    /// The pushes, in order (misplaced ones included on purpose).
    pub ops: Vec<Op>,
}

/// A name of the plan's pool: its own labels, then optionally an earlier name.
#[derive(Clone, Debug, Arbitrary)]
pub struct PlanName {
    /// Labels, any octets (invalid lengths make the name invalid).
    pub labels: Vec<Vec<u8>>,
    /// An earlier pool entry to append (taken modulo the entries before this one).
    pub parent: Option<u8>,
}

/// One push.
#[derive(Clone, Debug, Arbitrary)]
pub enum Op {
    /// `MessageBuilder::question`.
    Question {
        /// Pool index.
        name: u8,
        /// Any type.
        qtype: u16,
        /// Any class.
        qclass: u16,
    },
    /// `MessageBuilder::push`.
    Record {
        /// The section.
        section: PlanSection,
        /// Pool index of the owner.
        name: u8,
        /// The class (IN is forced for class-IN-only types).
        class: PlanClass,
        /// The TTL.
        ttl: u32,
        /// The RDATA.
        data: PlanData,
    },
    /// `MessageBuilder::edns`.
    Edns {
        /// The UDP payload size.
        udp: u16,
        /// Upper eight rcode bits.
        extended_rcode: u8,
        /// Version.
        version: u8,
        /// Flags.
        flags: u16,
        /// Options (code, data).
        options: Vec<(u16, Vec<u8>)>,
    },
}

/// A record section.
#[derive(Clone, Copy, Debug, Arbitrary)]
pub enum PlanSection {
    /// Answer.
    Answer,
    /// Authority.
    Authority,
    /// Additional.
    Additional,
}

impl PlanSection {
    fn section(self) -> Section {
        match self {
            Self::Answer => Section::Answer,
            Self::Authority => Section::Authority,
            Self::Additional => Section::Additional,
        }
    }
}

/// A record class. ANY and NONE are left out: with empty RDATA they decode as
/// [`RData::Empty`], which is the UPDATE form, not what was pushed.
#[derive(Clone, Copy, Debug, Arbitrary)]
pub enum PlanClass {
    /// IN.
    In,
    /// CH.
    Ch,
    /// HS.
    Hs,
    /// Any other value (254 and 255 become IN).
    Other(u16),
}

impl PlanClass {
    fn class(self) -> Class {
        match self {
            Self::In => Class::IN,
            Self::Ch => Class::CH,
            Self::Hs => Class::HS,
            Self::Other(254 | 255) => Class::IN,
            Self::Other(c) => Class(c),
        }
    }
}

/// The RDATA of a planned record. Name fields are pool indexes.
#[derive(Clone, Debug, Arbitrary)]
pub enum PlanData {
    /// A (class IN).
    A([u8; 4]),
    /// AAAA (class IN).
    Aaaa([u8; 16]),
    /// NS.
    Ns(u8),
    /// CNAME.
    Cname(u8),
    /// MX.
    Mx(u16, u8),
    /// TXT; strings cut to 255 octets; an empty list is invalid.
    Txt(Vec<Vec<u8>>),
    /// SOA.
    Soa(u8, u8, [u32; 5]),
    /// SRV (class IN).
    Srv(u16, u16, u16, u8),
    /// CAA; tag octets map to letters and digits, except 255 which maps to `-`
    /// (invalid, as is an empty tag).
    Caa(u8, Vec<u8>, Vec<u8>),
    /// A type in the private range 65280..=65535.
    Unknown(u8, Vec<u8>),
}

/// Resolved, owned RDATA: names index the resolved pool.
#[derive(Clone, Debug)]
enum Data<'p> {
    A([u8; 4]),
    Aaaa([u8; 16]),
    Ns(usize),
    Cname(usize),
    Mx(u16, usize),
    Txt(Vec<&'p [u8]>),
    Soa(usize, usize, [u32; 5]),
    Srv(u16, u16, u16, usize),
    Caa(u8, Vec<u8>, &'p [u8]),
    Unknown(Rtype, &'p [u8]),
}

impl<'p> Data<'p> {
    fn rdata<'s>(&'s self, names: &'s [NameBuf]) -> RData<'s> {
        let n = |i: &usize| names[*i].as_name();
        match self {
            Data::A(a) => RData::A((*a).into()),
            Data::Aaaa(a) => RData::Aaaa((*a).into()),
            Data::Ns(i) => RData::Ns(n(i)),
            Data::Cname(i) => RData::Cname(n(i)),
            Data::Mx(preference, i) => RData::Mx(Mx { preference: *preference, exchange: n(i) }),
            Data::Txt(strings) => RData::Txt(CharStrings::from_slice(strings)),
            Data::Soa(m, r, [serial, refresh, retry, expire, minimum]) => {
                RData::Soa(Soa { mname: n(m), rname: n(r), serial: *serial, refresh: *refresh, retry: *retry, expire: *expire, minimum: *minimum })
            }
            Data::Srv(priority, weight, port, i) => RData::Srv(Srv { priority: *priority, weight: *weight, port: *port, target: n(i) }),
            Data::Caa(flags, tag, value) => RData::Caa(Caa { flags: *flags, tag, value }),
            Data::Unknown(rtype, data) => RData::Unknown { rtype: *rtype, data },
        }
    }

    fn in_only(&self) -> bool {
        matches!(self, Data::A(_) | Data::Aaaa(_) | Data::Srv(..))
    }

    /// Whether encoding must fail with `InvalidValue`.
    fn invalid(&self) -> bool {
        match self {
            Data::Txt(strings) => strings.is_empty(),
            Data::Caa(_, tag, _) => tag.is_empty() || !tag.iter().all(u8::is_ascii_alphanumeric),
            _ => false,
        }
    }
}

/// A resolved push.
#[derive(Clone, Debug)]
enum Item<'p> {
    Question { name: usize, qtype: Rtype, qclass: Class },
    Record { section: Section, name: usize, class: Class, ttl: u32, data: Data<'p> },
    Edns { edns: Edns<'static>, options: Vec<(OptionCode, &'p [u8])> },
}

fn resolve_names(plan: &Plan) -> Vec<Option<NameBuf>> {
    let mut pool: Vec<Option<NameBuf>> = Vec::with_capacity(plan.names.len());
    for (i, pn) in plan.names.iter().enumerate() {
        let parent = match pn.parent {
            Some(p) if i > 0 => pool[usize::from(p) % i].clone(),
            _ => Some(NameBuf::root()),
        };
        let name = parent.and_then(|parent| {
            let tail: Vec<&[u8]> = parent.as_name().labels().collect();
            NameBuf::from_labels(pn.labels.iter().map(Vec::as_slice).chain(tail)).ok()
        });
        pool.push(name);
    }
    pool
}

fn resolve<'p>(plan: &'p Plan, pool: &[Option<NameBuf>], names: &mut Vec<NameBuf>) -> Vec<Item<'p>> {
    // Map pool index -> index into `names` (valid names only); root when the pool is empty.
    let mut pick = |i: u8| -> Option<usize> {
        let name = if pool.is_empty() { Some(NameBuf::root()) } else { pool[usize::from(i) % pool.len()].clone() };
        name.map(|n| {
            names.push(n);
            names.len() - 1
        })
    };
    let mut items = Vec::new();
    for op in &plan.ops {
        let item = match op {
            Op::Question { name, qtype, qclass } => pick(*name).map(|name| Item::Question { name, qtype: Rtype(*qtype), qclass: Class(*qclass) }),
            Op::Record { section, name, class, ttl, data } => {
                let owner = pick(*name);
                let data = match data {
                    PlanData::A(a) => Some(Data::A(*a)),
                    PlanData::Aaaa(a) => Some(Data::Aaaa(*a)),
                    PlanData::Ns(i) => pick(*i).map(Data::Ns),
                    PlanData::Cname(i) => pick(*i).map(Data::Cname),
                    PlanData::Mx(p, i) => pick(*i).map(|i| Data::Mx(*p, i)),
                    PlanData::Txt(strings) => Some(Data::Txt(strings.iter().map(|s| &s[..s.len().min(255)]).collect())),
                    PlanData::Soa(m, r, ints) => pick(*m).zip(pick(*r)).map(|(m, r)| Data::Soa(m, r, *ints)),
                    PlanData::Srv(p, w, port, i) => pick(*i).map(|i| Data::Srv(*p, *w, *port, i)),
                    PlanData::Caa(flags, tag, value) => {
                        const ALNUM: &[u8; 62] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
                        let tag = tag.iter().take(32).map(|&b| if b == 255 { b'-' } else { ALNUM[usize::from(b) % 62] });
                        Some(Data::Caa(*flags, tag.collect(), value))
                    }
                    PlanData::Unknown(t, data) => Some(Data::Unknown(Rtype(0xFF00 | u16::from(*t)), data)),
                };
                owner.zip(data).map(|(name, data)| {
                    let class = if data.in_only() { Class::IN } else { class.class() };
                    Item::Record { section: section.section(), name, class, ttl: *ttl, data }
                })
            }
            Op::Edns { udp, extended_rcode, version, flags, options } => Some(Item::Edns {
                edns: Edns {
                    udp_payload_size: *udp,
                    extended_rcode: *extended_rcode,
                    version: *version,
                    flags: EdnsFlags(*flags),
                    options: EdnsOptions::EMPTY,
                },
                options: options.iter().map(|(c, d)| (OptionCode(*c), d.as_slice())).collect(),
            }),
        };
        items.extend(item);
    }
    items
}

/// What a successful record push promised to put in the message.
struct Pushed<'s> {
    section: Section,
    record: Record<'s>,
}

/// The RRset a record belongs to, as the builder tells them apart: section,
/// type, class and owner octets.
fn same_rrset(a: &Pushed<'_>, b: &Pushed<'_>) -> bool {
    a.section == b.section
        && a.record.rtype() == b.record.rtype()
        && a.record.class == b.record.class
        && a.record.name.labels().eq(b.record.name.labels())
}

/// Fuzz target `build`, from raw octets (as libFuzzer hands them over).
pub fn build_bytes(data: &[u8]) {
    if let Ok(plan) = Plan::arbitrary_take_rest(Unstructured::new(data)) {
        build(&plan);
    }
}

/// Fuzz target `build`: drive a [`MessageBuilder`] through `plan` and check
/// the message it finishes.
pub fn build(plan: &Plan) {
    let pool = resolve_names(plan);
    let mut names = Vec::new();
    let items = resolve(plan, &pool, &mut names);
    // Build the records and EDNS values, which borrow `names` and `items`.
    let option_lists: Vec<Vec<EdnsOption<'_>>> = items
        .iter()
        .map(|item| match item {
            Item::Edns { options, .. } => options.iter().map(|&(code, data)| EdnsOption { code, data }).collect(),
            _ => Vec::new(),
        })
        .collect();

    let size = 12 + usize::from(plan.size) % (1500 - 12 + 1);
    let mut buf = vec![0u8; size];
    let flags = Flags(plan.flags);
    let header = Header { id: plan.id, flags, ..Header::default() };
    let mut b = if plan.compress { MessageBuilder::new(&mut buf, header) } else { MessageBuilder::new_uncompressed(&mut buf, header) }
        .expect("12 octets hold a header");
    b.set_truncating(plan.truncating);

    let mut questions: Vec<Question<'_>> = Vec::new();
    let mut pushed: Vec<Pushed<'_>> = Vec::new();
    // Index in `pushed` before which an OPT record was written in place.
    let mut opt_breaks: Vec<usize> = Vec::new();
    let mut edns: Option<(Edns<'_>, bool, usize)> = None; // (value, in place, additional records before it)
    let mut section = Section::Question;
    // UPDATE has section rules of its own (RFC 2136 §2.3-§2.5) that the builder
    // enforces: refusals there are checked only for leaving the builder as it was.
    let update = flags.opcode() == Opcode::UPDATE;

    for (item, options) in items.iter().zip(&option_lists) {
        let (len, flags_before, truncated) = (b.len(), b.flags(), b.is_truncated());
        let failed = match item {
            Item::Question { name, qtype, qclass } => {
                let q = Question { qname: names[*name].as_name(), qtype: *qtype, qclass: *qclass };
                match b.question(&q) {
                    Ok(()) => {
                        assert_eq!(section, Section::Question, "question accepted after a record");
                        questions.push(q);
                        false
                    }
                    Err(EncodeError::MisplacedSection) => {
                        assert!(update || section != Section::Question, "question refused as misplaced before any record");
                        true
                    }
                    Err(EncodeError::NoSpace) => true,
                    Err(EncodeError::InvalidValue) if update => true,
                    Err(e) => panic!("question push failed with {e:?}"),
                }
            }
            Item::Record { section: s, name, class, ttl, data } => {
                let record = Record { name: names[*name].as_name(), class: *class, ttl: *ttl, data: data.rdata(&names) };
                match b.push(*s, &record) {
                    Ok(()) => {
                        assert!(*s >= section, "record accepted in {s:?} after {section:?}");
                        if !truncated {
                            // (After a truncation every push is accepted and dropped.)
                            section = *s;
                            if data.invalid() {
                                assert!(b.is_truncated(), "an invalid record ({data:?}) was accepted");
                            }
                            pushed.push(Pushed { section: *s, record });
                        }
                        false
                    }
                    Err(EncodeError::MisplacedSection) => {
                        assert!(update || *s < section, "record refused as misplaced in {s:?} after {section:?}");
                        true
                    }
                    Err(EncodeError::NoSpace) => {
                        assert!(!plan.truncating, "NoSpace from a record push in truncating mode");
                        true
                    }
                    Err(EncodeError::InvalidValue) => {
                        assert!(update || data.invalid(), "InvalidValue for valid RDATA {data:?}");
                        true
                    }
                    Err(e) => panic!("record push failed with {e:?}"),
                }
            }
            Item::Edns { edns: e, .. } => {
                let e = Edns { options: EdnsOptions::from_slice(options), ..*e };
                match b.edns(&e) {
                    Ok(()) => {
                        assert!(edns.is_none(), "a second OPT record was accepted");
                        let in_place = section == Section::Additional;
                        if in_place {
                            opt_breaks.push(pushed.len());
                        }
                        let before = pushed.iter().filter(|p| p.section == Section::Additional).count();
                        edns = Some((e, in_place, before));
                        false
                    }
                    Err(EncodeError::MisplacedSection) => {
                        assert!(edns.is_some(), "first OPT record refused as misplaced");
                        true
                    }
                    Err(EncodeError::NoSpace) => true,
                    Err(EncodeError::InvalidValue) => {
                        let invalid = e.options.iter().any(|o| dnswire::validate_option(o.code, o.data).is_err());
                        assert!(invalid, "valid EDNS options refused");
                        true
                    }
                    Err(err) => panic!("edns push failed with {err:?}"),
                }
            }
        };
        if failed {
            assert_eq!(b.len(), len, "a failed push changed the length");
            assert_eq!(b.flags(), flags_before, "a failed push changed the flags");
            assert_eq!(b.is_truncated(), truncated, "a failed push changed the truncation state");
        }
    }
    let truncated = b.is_truncated();
    let final_flags = b.flags();
    let wire = b.finish().expect("finish failed").to_vec();
    let msg = match Message::decode(&wire) {
        Ok(msg) => msg,
        // The builder does not check RFC 2136's section rules (one SOA zone
        // entry, empty RDATA for class ANY...); the decoder does.
        Err(DecodeError::InvalidUpdate) if final_flags.opcode() == Opcode::UPDATE => return,
        Err(e) => panic!("built message does not decode: {e:?}\n{wire:02x?}"),
    };
    walk(&msg);

    // Header.
    assert_eq!(msg.header().id, plan.id);
    assert_eq!(msg.header().flags, final_flags, "finish wrote other flags than the builder reported");
    // Questions: exactly the accepted ones.
    let got: Vec<Question<'_>> = msg.questions().collect();
    assert_eq!(got.len(), questions.len(), "question count");
    for (g, q) in got.iter().zip(&questions) {
        assert_eq!(g, q);
        assert_eq!(NameBuf::from_name(&g.qname), NameBuf::from_name(&q.qname), "qname case");
    }
    // Records: a prefix of the pushed ones, cut at an RRset boundary.
    let got: Vec<(Section, Record<'_>)> = RECORD_SECTIONS.into_iter().flat_map(|s| msg.records(s).map(move |r| (s, r))).collect();
    let k = got.len();
    assert!(k <= pushed.len(), "more records decoded ({k}) than pushed ({})", pushed.len());
    for (i, ((s, g), p)) in got.iter().zip(&pushed).enumerate() {
        assert_eq!(*s, p.section, "record {i}: section");
        assert_same_record(g, &p.record, &format!("record {i}"));
    }
    if truncated {
        assert!(plan.truncating);
        assert!(k < pushed.len(), "truncated, yet every pushed record is there");
        let boundary = k == 0 || opt_breaks.contains(&k) || !same_rrset(&pushed[k - 1], &pushed[k]);
        assert!(boundary, "truncation split an RRset at record {k}");
        let lost_answers = pushed[k].section != Section::Additional;
        assert_eq!(msg.header().flags.tc(), flags.tc() || lost_answers, "TC after truncation");
    } else {
        assert_eq!(k, pushed.len(), "records missing without truncation");
        assert_eq!(msg.header().flags, flags, "flags changed without truncation");
    }
    // EDNS: the pushed value, in place or last.
    match edns {
        Some((e, in_place, before)) => {
            assert_eq!(msg.edns(), Some(e), "EDNS differs");
            let additional = got.iter().filter(|(s, _)| *s == Section::Additional).count();
            let index = if in_place { before.min(additional) } else { additional };
            assert_eq!(msg.edns_index(), u16::try_from(index).ok(), "OPT position");
        }
        None => assert!(msg.edns().is_none(), "an OPT record appeared"),
    }
    // The builder's output is canonical: re-encoding it gives the same octets.
    let again = encode_message(&msg, plan.compress).expect("a built message does not fit 65535 octets");
    assert!(again == wire, "re-encoding a built message changed it:\n{wire:02x?}\n{again:02x?}");
}

// ---------------------------------------------------------------------------
// Corpus replay
// ---------------------------------------------------------------------------

/// Runs `target` over every file in `dir` (sorted by name; missing directory:
/// nothing). A panic is re-raised naming the file. Returns the number of files
/// run through `target`.
pub fn replay_corpus(dir: &Path, target: fn(&[u8])) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    let mut paths: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_file()).collect();
    paths.sort();
    let mut replayed = 0;
    for path in &paths {
        let data = match std::fs::read(path) {
            Ok(data) => data,
            // A running fuzzer may reduce its corpus meanwhile.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => panic!("{}: {e}", path.display()),
        };
        if let Err(cause) = panic::catch_unwind(AssertUnwindSafe(|| target(&data))) {
            let msg =
                cause.downcast_ref::<String>().map(String::as_str).or_else(|| cause.downcast_ref::<&str>().copied()).unwrap_or("(non-string panic)");
            panic!("{}: {msg}", path.display());
        }
        replayed += 1;
    }
    replayed
}

/// Fuzz target `text`: any text given to the presentation parser gives a
/// record or a typed error with a column inside the text, never a panic; a
/// record it gives encodes, decodes, and prints back to text that parses to
/// the same RDATA.
pub fn text(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let origin = NameBuf::from_text("example.").expect("origin");
    let mut buf = vec![0u8; 65535];
    match dnswire::text::parse_record(text, Some(&origin.as_name()), 3600, &mut buf) {
        Err(e) => assert!(e.column <= text.len(), "error column {} past the text ({} octets)", e.column, text.len()),
        Ok(rec) => {
            let record = rec.record();
            // Class ANY and NONE records are read as in an UPDATE message,
            // where their RDATA (or its absence) depends on the zone's class
            // (RFC 2136 §2.5), which a lone record does not give: only the
            // text round trip below applies to them.
            if !matches!(record.class, dnswire::Class::ANY | dnswire::Class::NONE) {
                let mut out = vec![0u8; 65535];
                let mut b = MessageBuilder::new(&mut out, Header::default()).expect("header fits");
                if b.answer(&record).is_err() {
                    return; // e.g. RDATA the builder refuses: a typed error is fine
                }
                let wire = b.finish().expect("finish");
                let msg = Message::decode(wire).expect("a parsed record must encode to a decodable message");
                let again = msg.answers().next().expect("one answer");
                assert_eq!(again, record, "parsed record does not survive encoding");
            }
            let shown = record.data.to_string();
            let mut first = vec![0u8; 65535];
            let n = record.data.to_wire(&mut first).expect("to_wire");
            let mut second = vec![0u8; 65535];
            if let Ok(m) = dnswire::text::parse_rdata(record.rtype(), record.class, &shown, None, &mut second)
                && first[..n] != second[..m]
            {
                // Wire that text cannot tell from its canonical form (a
                // bitmap or an address prefix with trailing zero octets,
                // given as `\#`) reads back canonical: it prints the same.
                let line = format!("x. 0 {} {} {shown}", record.class, record.rtype());
                let mut third = vec![0u8; 65535];
                let again = dnswire::text::parse_record(&line, None, 0, &mut third).expect("the RDATA parsed alone");
                assert_eq!(again.data.to_string(), shown, "display then parse changed the RDATA: {shown}");
            }
        }
    }
}

/// Fuzz body for whole messages from text (`dnswire::text::parse_message`):
/// any text gives a message or a typed error on a line of the text; a message
/// built from text decodes, and its display reads back to the same octets.
pub fn message_text(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (mut buf, mut scratch) = (vec![0u8; 65535], vec![0u8; 65535]);
    let wire = match dnswire::text::parse_message(text, &mut buf, &mut scratch, true) {
        Err(e) => {
            let lines = text.split('\n').count();
            assert!(e.line >= 1 && e.line <= lines, "error on line {} of {lines}", e.line);
            return;
        }
        Ok(wire) => wire.to_vec(),
    };
    let msg = Message::decode(&wire).expect("a message built from text must decode");
    let shown = msg.to_string();
    let (mut again, mut scratch) = (vec![0u8; 65535], vec![0u8; 65535]);
    let again = dnswire::text::parse_message(&shown, &mut again, &mut scratch, true)
        .unwrap_or_else(|e| panic!("the display of a message built from text does not parse: {e}\n{shown}"));
    assert_eq!(again, &wire[..], "display then parse changed the message:\n{shown}");
}

/// The files the `zone` target's input may include: itself (`self`), a
/// small file (`inc`), nothing else.
struct FuzzIncludes<'d> {
    input: &'d [u8],
    /// Includes left: a file that includes itself twice would otherwise
    /// be read 2^MAX_INCLUDE_DEPTH times.
    left: u32,
}

/// What `inc` holds.
const FUZZ_INCLUDED: &[u8] = b"$TTL 60\ninc A 192.0.2.1\n  TXT \"included\"\n";

impl<'d> dnswire::text::zone::Includes for FuzzIncludes<'d> {
    type File = &'d [u8];

    fn open(&mut self, name: &str, _depth: usize) -> Result<&'d [u8], dnswire::text::zone::IncludeError> {
        use dnswire::text::zone::IncludeError;
        self.left = self.left.checked_sub(1).ok_or(IncludeError::Refused)?;
        match name {
            "self" => Ok(self.input),
            "inc" => Ok(FUZZ_INCLUDED),
            _ => Err(IncludeError::NotFound),
        }
    }
}

/// Fuzz target `zone`: any octets read as a master file by the codec's
/// reader (`dnswire::text::zone`) give records or typed errors with a line
/// and column inside the files read, never a panic, and the reading ends;
/// every record given encodes into a message that decodes to it.
pub fn zone(data: &[u8]) {
    use dnswire::text::zone::ZoneReader;
    let includes = FuzzIncludes { input: data, left: 16 };
    let mut text = vec![0u8; 1 << 18];
    let origin = NameBuf::from_text("example.").expect("origin");
    // A lowered bound keeps one input's records in the thousands.
    let mut reader = ZoneReader::new(data, includes, &mut text).with_origin(origin).with_generate_limit(64);
    let lines = |octets: &[u8]| octets.iter().filter(|&&b| b == b'\n').count() + 1;
    let most_lines = u32::try_from(lines(data).max(lines(FUZZ_INCLUDED))).unwrap_or(u32::MAX);
    let mut rdata = vec![0u8; 65535];
    let mut out = vec![0u8; 65535];
    while let Some(read) = reader.next_record(&mut rdata) {
        let record = match read {
            Err(e) => {
                assert!(e.line >= 1 && e.line <= most_lines, "error on line {} of at most {most_lines}: {e}", e.line);
                assert!(e.column >= 1, "error at column 0: {e}");
                continue;
            }
            Ok(read) => {
                assert!(read.line >= 1 && read.line <= most_lines, "record on line {} of at most {most_lines}", read.line);
                read.record
            }
        };
        let record = record.record();
        // Class ANY and NONE: their RDATA depends on the zone's class
        // (RFC 2136 §2.5), as in the `text` target.
        if matches!(record.class, dnswire::Class::ANY | dnswire::Class::NONE) {
            continue;
        }
        let mut b = MessageBuilder::new(&mut out, Header::default()).expect("header fits");
        if b.answer(&record).is_err() {
            continue; // RDATA the builder refuses: a typed error is fine
        }
        let wire = b.finish().expect("finish");
        let msg = Message::decode(wire).expect("a record read from a zone must encode to a decodable message");
        let again = msg.answers().next().expect("one answer");
        assert_eq!(again, record, "a record read from a zone does not survive encoding");
    }
}
