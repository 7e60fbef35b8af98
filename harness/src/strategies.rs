//! proptest strategies for valid DNS messages, built through
//! [`MessageBuilder`], and the owned descriptions ([`MessageSpec`]) they are
//! built from, so a property can compare what was pushed with what decodes.
//!
//! Names use binary labels and the characters that need escapes in
//! presentation form (`.`, `\`, `"`, `;`, space, `(`, `)`), and most owners
//! share a few zone suffixes, so compression has work to do. TXT strings are
//! often empty, and EDNS carries options.

use proptest::collection::vec;
use proptest::prelude::*;

use dnswire::rdata::{Caa, CharStrings, Mx, Soa, Srv};
use dnswire::{
    Class, Edns, EdnsFlags, EdnsOption, EdnsOptions, EncodeError, Flags, Header, MAX_MESSAGE_LEN, Message, MessageBuilder, NameBuf, Opcode,
    OptionCode, Question, RData, Record, Rtype, Section,
};

use crate::fuzzing::{RECORD_SECTIONS, assert_same_record};

/// One question.
#[derive(Clone, Debug)]
pub struct QuestionSpec {
    /// The name.
    pub qname: NameBuf,
    /// The type.
    pub qtype: Rtype,
    /// The class.
    pub qclass: Class,
}

impl QuestionSpec {
    /// The question as the codec takes it.
    pub fn question(&self) -> Question<'_> {
        Question { qname: self.qname.as_name(), qtype: self.qtype, qclass: self.qclass }
    }
}

/// RDATA, owned. (Sizes differ a lot; these are test values, not stored in bulk.)
#[derive(Clone, Debug)]
#[allow(clippy::large_enum_variant)]
pub enum DataSpec {
    /// A.
    A([u8; 4]),
    /// AAAA.
    Aaaa([u8; 16]),
    /// NS.
    Ns(NameBuf),
    /// CNAME.
    Cname(NameBuf),
    /// PTR.
    Ptr(NameBuf),
    /// MX.
    Mx(u16, NameBuf),
    /// TXT: one or more strings, each 0..=255 octets.
    Txt(Vec<Vec<u8>>),
    /// SOA.
    Soa(NameBuf, NameBuf, [u32; 5]),
    /// SRV.
    Srv(u16, u16, u16, NameBuf),
    /// CAA: flags, tag (letters and digits), value.
    Caa(u8, Vec<u8>, Vec<u8>),
    /// A private-use type (65280..=65535) with opaque RDATA.
    Unknown(u16, Vec<u8>),
}

impl DataSpec {
    /// Calls `f` with the RDATA as the codec takes it.
    pub fn with_rdata<R>(&self, f: impl FnOnce(RData<'_>) -> R) -> R {
        match self {
            Self::A(a) => f(RData::A((*a).into())),
            Self::Aaaa(a) => f(RData::Aaaa((*a).into())),
            Self::Ns(n) => f(RData::Ns(n.as_name())),
            Self::Cname(n) => f(RData::Cname(n.as_name())),
            Self::Ptr(n) => f(RData::Ptr(n.as_name())),
            Self::Mx(preference, n) => f(RData::Mx(Mx { preference: *preference, exchange: n.as_name() })),
            Self::Txt(strings) => {
                let slices: Vec<&[u8]> = strings.iter().map(Vec::as_slice).collect();
                f(RData::Txt(CharStrings::from_slice(&slices)))
            }
            Self::Soa(m, r, [serial, refresh, retry, expire, minimum]) => f(RData::Soa(Soa {
                mname: m.as_name(),
                rname: r.as_name(),
                serial: *serial,
                refresh: *refresh,
                retry: *retry,
                expire: *expire,
                minimum: *minimum,
            })),
            Self::Srv(priority, weight, port, n) => f(RData::Srv(Srv { priority: *priority, weight: *weight, port: *port, target: n.as_name() })),
            Self::Caa(flags, tag, value) => f(RData::Caa(Caa { flags: *flags, tag, value })),
            Self::Unknown(rtype, data) => f(RData::Unknown { rtype: Rtype(*rtype), data }),
        }
    }

    /// Whether the type is defined in class IN only (decoded as opaque elsewhere).
    pub fn in_only(&self) -> bool {
        matches!(self, Self::A(_) | Self::Aaaa(_) | Self::Srv(..))
    }
}

/// One resource record, owned.
#[derive(Clone, Debug)]
pub struct RecordSpec {
    /// The owner.
    pub owner: NameBuf,
    /// The class (never ANY or NONE; IN for class-IN-only types).
    pub class: Class,
    /// The TTL.
    pub ttl: u32,
    /// The RDATA.
    pub data: DataSpec,
}

impl RecordSpec {
    /// Calls `f` with the record as the codec takes it.
    pub fn with_record<R>(&self, f: impl FnOnce(&Record<'_>) -> R) -> R {
        self.data.with_rdata(|data| f(&Record { name: self.owner.as_name(), class: self.class, ttl: self.ttl, data }))
    }
}

/// The OPT record, owned.
#[derive(Clone, Debug)]
pub struct EdnsSpec {
    /// UDP payload size.
    pub udp_payload_size: u16,
    /// Upper rcode bits.
    pub extended_rcode: u8,
    /// Version.
    pub version: u8,
    /// Flags.
    pub flags: u16,
    /// Options: code and data.
    pub options: Vec<(u16, Vec<u8>)>,
}

impl EdnsSpec {
    /// Calls `f` with the EDNS value as the codec takes it.
    pub fn with_edns<R>(&self, f: impl FnOnce(&Edns<'_>) -> R) -> R {
        let options: Vec<EdnsOption<'_>> = self.options.iter().map(|(code, data)| EdnsOption { code: OptionCode(*code), data }).collect();
        f(&Edns {
            udp_payload_size: self.udp_payload_size,
            extended_rcode: self.extended_rcode,
            version: self.version,
            flags: EdnsFlags(self.flags),
            options: EdnsOptions::from_slice(&options),
        })
    }
}

/// A whole message, owned: what a property pushes and expects back.
#[derive(Clone, Debug)]
pub struct MessageSpec {
    /// The id.
    pub id: u16,
    /// The flags (TC clear).
    pub flags: Flags,
    /// Questions.
    pub questions: Vec<QuestionSpec>,
    /// Answer, authority and additional records.
    pub sections: [Vec<RecordSpec>; 3],
    /// The OPT record, written after the additional records.
    pub edns: Option<EdnsSpec>,
}

impl MessageSpec {
    /// The header given to the builder.
    pub fn header(&self) -> Header {
        Header { id: self.id, flags: self.flags, ..Header::default() }
    }

    /// The records with their sections, in wire order.
    pub fn records(&self) -> impl Iterator<Item = (Section, &RecordSpec)> {
        RECORD_SECTIONS.into_iter().zip(&self.sections).flat_map(|(s, rs)| rs.iter().map(move |r| (s, r)))
    }

    /// Pushes everything into `b`, stopping at the first error.
    pub fn push_all(&self, b: &mut MessageBuilder<'_>) -> Result<(), EncodeError> {
        for q in &self.questions {
            b.question(&q.question())?;
        }
        for (section, r) in self.records() {
            r.with_record(|rec| b.push(section, rec))?;
        }
        if let Some(e) = &self.edns {
            e.with_edns(|e| b.edns(e))?;
        }
        Ok(())
    }

    /// Builds the message into a buffer of `limit` octets.
    pub fn encode(&self, compress: bool, limit: usize) -> Result<Vec<u8>, EncodeError> {
        let mut buf = vec![0u8; limit];
        let mut b = if compress { MessageBuilder::new(&mut buf, self.header())? } else { MessageBuilder::new_uncompressed(&mut buf, self.header())? };
        self.push_all(&mut b)?;
        Ok(b.finish()?.to_vec())
    }

    /// Builds the message into a 65535-octet buffer.
    pub fn encode_max(&self, compress: bool) -> Result<Vec<u8>, EncodeError> {
        self.encode(compress, MAX_MESSAGE_LEN)
    }

    /// Asserts that `msg` holds exactly this message: header, questions,
    /// records of each section in order (octet for octet), and EDNS.
    pub fn assert_decoded(&self, msg: &Message<'_>) {
        let h = msg.header();
        assert_eq!(h.id, self.id, "id");
        assert_eq!(h.flags, self.flags, "flags");
        let got: Vec<_> = msg.questions().collect();
        assert_eq!(got.len(), self.questions.len(), "question count");
        for (g, q) in got.iter().zip(&self.questions) {
            assert_eq!(*g, q.question());
            assert_eq!(NameBuf::from_name(&g.qname), q.qname, "qname octets");
        }
        self.assert_records_prefix(msg, usize::MAX);
        self.assert_edns(msg);
    }

    /// Asserts that the records of `msg` are the first records of this
    /// message in wire order (all of them when `count` is `usize::MAX`,
    /// otherwise exactly `count`). Returns how many there are.
    pub fn assert_records_prefix(&self, msg: &Message<'_>, count: usize) -> usize {
        let got: Vec<(Section, Record<'_>)> = RECORD_SECTIONS.into_iter().flat_map(|s| msg.records(s).map(move |r| (s, r))).collect();
        let want: Vec<(Section, &RecordSpec)> = self.records().collect();
        if count == usize::MAX {
            assert_eq!(got.len(), want.len(), "record count");
        } else {
            assert_eq!(got.len(), count, "record count");
        }
        assert!(got.len() <= want.len(), "more records than pushed");
        for (i, ((gs, g), (ws, w))) in got.iter().zip(&want).enumerate() {
            assert_eq!(gs, ws, "record {i}: section");
            w.with_record(|w| assert_same_record(g, w, &format!("record {i}")));
        }
        got.len()
    }

    /// Asserts that the OPT record is there (last) if and only if pushed.
    pub fn assert_edns(&self, msg: &Message<'_>) {
        match &self.edns {
            Some(e) => {
                e.with_edns(|e| assert_eq!(msg.edns().as_ref(), Some(e), "EDNS"));
                assert_eq!(msg.edns_index(), Some(msg.header().arcount - 1), "OPT is last");
            }
            None => assert!(msg.edns().is_none(), "unexpected OPT"),
        }
    }
}

/// Label octets: mostly letters, digits and `-`, often the characters that
/// presentation form escapes, sometimes any octet.
pub fn label_octet() -> impl Strategy<Value = u8> {
    prop_oneof![
        6 => prop::sample::select(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_".to_vec()),
        2 => prop::sample::select(b".\\\"; ()@$*".to_vec()),
        2 => any::<u8>(),
    ]
}

/// A label of 1..=63 octets, usually short.
pub fn label() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        8 => vec(label_octet(), 1..=8),
        1 => vec(label_octet(), 1..=63),
        1 => Just(vec![b'x'; 63]),
    ]
}

/// A name of up to `max_labels` labels (the root when none), at most 255 octets.
pub fn name(max_labels: usize) -> impl Strategy<Value = NameBuf> {
    vec(label(), 0..=max_labels).prop_filter_map("name over 255 octets", |labels| NameBuf::from_labels(labels.iter().map(Vec::as_slice)).ok())
}

/// A few zone names for owners and targets to share as suffixes.
pub fn zones() -> impl Strategy<Value = Vec<NameBuf>> {
    vec(name(3), 1..=3)
}

/// A name under one of `zones`: 0..=2 more labels in front of it.
pub fn name_in(zones: Vec<NameBuf>) -> impl Strategy<Value = NameBuf> {
    (prop::sample::select(zones), vec(label(), 0..=2)).prop_filter_map("name over 255 octets", |(zone, prefix)| {
        let tail: Vec<&[u8]> = zone.as_name().labels().collect();
        NameBuf::from_labels(prefix.iter().map(Vec::as_slice).chain(tail)).ok()
    })
}

/// TXT strings: one to four, often empty, sometimes the full 255 octets.
pub fn txt_strings() -> impl Strategy<Value = Vec<Vec<u8>>> {
    vec(
        prop_oneof![
            3 => Just(Vec::new()),
            5 => vec(any::<u8>(), 0..=20),
            1 => vec(any::<u8>(), 255..=255),
        ],
        1..=4,
    )
}

/// RDATA of the common types, with names under `zones`.
pub fn data(zones: Vec<NameBuf>) -> impl Strategy<Value = DataSpec> {
    let n = move || name_in(zones.clone());
    prop_oneof![
        any::<[u8; 4]>().prop_map(DataSpec::A),
        any::<[u8; 16]>().prop_map(DataSpec::Aaaa),
        n().prop_map(DataSpec::Ns),
        n().prop_map(DataSpec::Cname),
        n().prop_map(DataSpec::Ptr),
        (any::<u16>(), n()).prop_map(|(p, t)| DataSpec::Mx(p, t)),
        txt_strings().prop_map(DataSpec::Txt),
        (n(), n(), any::<[u32; 5]>()).prop_map(|(m, r, ints)| DataSpec::Soa(m, r, ints)),
        (any::<u16>(), any::<u16>(), any::<u16>(), n()).prop_map(|(p, w, port, t)| DataSpec::Srv(p, w, port, t)),
        (any::<u8>(), prop::sample::select(vec![&b"issue"[..], b"issuewild", b"iodef", b"X1"]), vec(any::<u8>(), 0..=24))
            .prop_map(|(f, tag, value)| DataSpec::Caa(f, tag.to_vec(), value)),
        (0xFF00u16..=0xFFFF, vec(any::<u8>(), 0..=32)).prop_map(|(t, d)| DataSpec::Unknown(t, d)),
    ]
}

/// A class for a record: mostly IN (never ANY or NONE).
pub fn class() -> impl Strategy<Value = Class> {
    prop_oneof![6 => Just(Class::IN), 1 => Just(Class::CH), 1 => Just(Class::HS), 1 => (5u16..=253).prop_map(Class)]
}

/// A record under `zones`.
pub fn record(zones: Vec<NameBuf>) -> impl Strategy<Value = RecordSpec> {
    (name_in(zones.clone()), class(), any::<u32>(), data(zones)).prop_map(|(owner, class, ttl, data)| {
        let class = if data.in_only() { Class::IN } else { class };
        RecordSpec { owner, class, ttl, data }
    })
}

/// An EDNS option: opaque codes (NSID, PADDING, local use) with any data, or
/// a well-formed COOKIE. (Codes whose data the decoder validates, COOKIE,
/// CLIENT-SUBNET and EDE, are not given arbitrary data.)
pub fn edns_option() -> impl Strategy<Value = (u16, Vec<u8>)> {
    prop_oneof![
        4 => (prop::sample::select(vec![3u16, 12, 65001, 65534]), vec(any::<u8>(), 0..=16)),
        1 => (Just(10u16), prop_oneof![vec(any::<u8>(), 8..=8), vec(any::<u8>(), 16..=40)]),
    ]
}

/// An OPT record with 0..=3 options.
pub fn edns() -> impl Strategy<Value = EdnsSpec> {
    (any::<u16>(), any::<u8>(), any::<u8>(), any::<u16>(), vec(edns_option(), 0..=3)).prop_map(
        |(udp_payload_size, extended_rcode, version, flags, options)| EdnsSpec { udp_payload_size, extended_rcode, version, flags, options },
    )
}

/// A valid message: 0..=2 questions, up to `max_records` records per section
/// (owners and targets sharing a few zones), and EDNS half the time.
pub fn message(max_records: usize) -> impl Strategy<Value = MessageSpec> {
    zones().prop_flat_map(move |zones| {
        let question =
            (name_in(zones.clone()), any::<u16>(), any::<u16>()).prop_map(|(qname, t, c)| QuestionSpec { qname, qtype: Rtype(t), qclass: Class(c) });
        let records = || vec(record(zones.clone()), 0..=max_records);
        (any::<u16>(), any::<u16>(), vec(question, 0..=2), [records(), records(), records()], prop::option::of(edns()))
            .prop_map(|(id, flags, questions, sections, edns)| MessageSpec { id, flags: query_flags(flags), questions, sections, edns })
    })
}

/// Any flags but TC, and any opcode but UPDATE (whose RFC 2136 section rules
/// these messages do not follow).
pub fn query_flags(bits: u16) -> Flags {
    let flags = Flags(bits).with_tc(false);
    if flags.opcode() == Opcode::UPDATE { flags.with_opcode(Opcode::QUERY) } else { flags }
}

// ---------------------------------------------------------------------------
// Compression pointers written by hand
// ---------------------------------------------------------------------------

/// Where a hand-written compression pointer points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PointerTarget {
    /// The start of a label of an earlier name: valid.
    EarlierLabel,
    /// Inside the 12-octet header: invalid (RFC 9267 §2).
    Header,
    /// At or after the start of the name that holds the pointer (itself, a
    /// later octet, or past the end): invalid (RFC 9267 §2).
    Forward,
    /// Inside the octets of a label of an earlier name: whatever is read
    /// there decides.
    MidLabel,
    /// Any offset at all.
    Anywhere,
}

/// A message of plain questions followed by one whose name is some labels and
/// a pointer.
#[derive(Clone, Debug)]
pub struct PointerCase {
    /// The whole message.
    pub wire: Vec<u8>,
    /// Offset of the name ending in the pointer (the last question's).
    pub name_at: usize,
    /// Offset of the pointer's first octet.
    pub pointer_at: usize,
    /// What the pointer was made to point at.
    pub target: PointerTarget,
}

/// The labels of `names` laid out after the header as plain question names,
/// each followed by type A class IN; returns the octets and the offsets of
/// every label start and of every octet inside a label.
fn plain_questions(names: &[NameBuf]) -> (Vec<u8>, Vec<usize>, Vec<usize>) {
    let mut wire = Vec::new();
    let (mut starts, mut inside) = (Vec::new(), Vec::new());
    for name in names {
        for label in name.as_name().labels() {
            starts.push(Header::LEN + wire.len());
            inside.extend((1..=label.len()).map(|i| Header::LEN + wire.len() + i));
            wire.push(u8::try_from(label.len()).expect("label of at most 63 octets"));
            wire.extend_from_slice(label);
        }
        starts.push(Header::LEN + wire.len());
        wire.extend_from_slice(&[0, 0, 1, 0, 1]);
    }
    (wire, starts, inside)
}

fn header_octets(qdcount: usize, ancount: usize) -> Vec<u8> {
    let mut h = vec![0x12, 0x34, 0, 0];
    for count in [qdcount, ancount, 0, 0] {
        h.extend_from_slice(&u16::try_from(count).expect("a few entries").to_be_bytes());
    }
    h
}

/// A message whose last question's name ends in a pointer to `target`.
pub fn pointer_case() -> impl Strategy<Value = PointerCase> {
    let kind = prop_oneof![
        4 => Just(PointerTarget::EarlierLabel),
        1 => Just(PointerTarget::Header),
        1 => Just(PointerTarget::Forward),
        2 => Just(PointerTarget::MidLabel),
        2 => Just(PointerTarget::Anywhere),
    ];
    (vec(name(3), 1..=3), vec(label(), 0..=2), kind, any::<prop::sample::Index>()).prop_filter_map(
        "no octet of that kind",
        |(earlier, prefix, target, pick)| {
            let (body, starts, inside) = plain_questions(&earlier);
            let name_at = Header::LEN + body.len();
            let mut wire = header_octets(earlier.len() + 1, 0);
            wire.extend_from_slice(&body);
            for label in &prefix {
                wire.push(u8::try_from(label.len()).ok()?);
                wire.extend_from_slice(label);
            }
            let pointer_at = wire.len();
            let offset = match target {
                PointerTarget::EarlierLabel => *pick.get(&starts),
                PointerTarget::Header => pick.index(Header::LEN),
                PointerTarget::Forward => name_at + pick.index(pointer_at + 40 - name_at),
                PointerTarget::MidLabel if inside.is_empty() => return None,
                PointerTarget::MidLabel => *pick.get(&inside),
                PointerTarget::Anywhere => pick.index(pointer_at + 40),
            };
            wire.extend_from_slice(&(0xC000 | u16::try_from(offset).ok()?).to_be_bytes());
            wire.extend_from_slice(&[0, 1, 0, 1]);
            Some(PointerCase { wire, name_at, pointer_at, target })
        },
    )
}

/// A record type whose RDATA holds a name, and whether RFC 3597 §4 lets that
/// name be compressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameInRdata {
    /// MX exchange (RFC 1035): may be compressed.
    Mx,
    /// CNAME (RFC 1035): may be compressed.
    Cname,
    /// SRV target: RFC 3597 §4 asks receivers to decompress it.
    Srv,
    /// RRSIG signer (RFC 4034 §3.1.7): must not be compressed.
    RrsigSigner,
    /// NSEC next owner (RFC 4034 §4.1.1): must not be compressed.
    NsecNext,
    /// SVCB target (RFC 9460 §2.2): must not be compressed.
    SvcbTarget,
}

impl NameInRdata {
    /// Whether a receiver accepts a pointer in this name.
    pub fn decompressed(self) -> bool {
        matches!(self, Self::Mx | Self::Cname | Self::Srv)
    }

    /// The record type.
    pub fn rtype(self) -> Rtype {
        match self {
            Self::Mx => Rtype::MX,
            Self::Cname => Rtype::CNAME,
            Self::Srv => Rtype::SRV,
            Self::RrsigSigner => Rtype::RRSIG,
            Self::NsecNext => Rtype::NSEC,
            Self::SvcbTarget => Rtype::SVCB,
        }
    }

    /// The RDATA around `name` (given in wire form, possibly a pointer):
    /// the octets before it and after it.
    pub fn around(self) -> (&'static [u8], &'static [u8]) {
        match self {
            Self::Mx => (&[0, 10], &[]),
            Self::Cname => (&[], &[]),
            Self::Srv => (&[0, 1, 0, 2, 0, 53], &[]),
            // Covers A, algorithm 13, 2 labels, TTL 60, expiration,
            // inception, key tag 1; then 4 octets of signature.
            Self::RrsigSigner => (&[0, 1, 13, 2, 0, 0, 0, 60, 0x68, 0, 0, 0, 0x60, 0, 0, 0, 0, 1], &[0xAA, 0xBB, 0xCC, 0xDD]),
            // A bitmap of type A.
            Self::NsecNext => (&[], &[0, 1, 0x40]),
            // ServiceMode, no parameters.
            Self::SvcbTarget => (&[0, 1], &[]),
        }
    }
}

/// A message: one plain question, and one IN record whose RDATA name is a
/// pointer to a label of the question's name.
#[derive(Clone, Debug)]
pub struct RdataPointerCase {
    /// The whole message.
    pub wire: Vec<u8>,
    /// The record's type.
    pub kind: NameInRdata,
    /// Offset of the pointer in the RDATA name.
    pub pointer_at: usize,
}

/// A record whose RDATA name is compressed, of a type that allows it or not.
pub fn rdata_pointer_case() -> impl Strategy<Value = RdataPointerCase> {
    let kind = prop::sample::select(vec![
        NameInRdata::Mx,
        NameInRdata::Cname,
        NameInRdata::Srv,
        NameInRdata::RrsigSigner,
        NameInRdata::NsecNext,
        NameInRdata::SvcbTarget,
    ]);
    (name(3), kind, any::<prop::sample::Index>()).prop_map(|(qname, kind, pick)| {
        let (body, starts, _) = plain_questions(std::slice::from_ref(&qname));
        let mut wire = header_octets(1, 1);
        wire.extend_from_slice(&body);
        // Owner: a pointer to the question's name; IN; TTL 60.
        wire.extend_from_slice(&[0xC0, 12]);
        wire.extend_from_slice(&kind.rtype().0.to_be_bytes());
        wire.extend_from_slice(&[0, 1, 0, 0, 0, 60]);
        let (before, after) = kind.around();
        let rdlength = u16::try_from(before.len() + 2 + after.len()).expect("short RDATA");
        wire.extend_from_slice(&rdlength.to_be_bytes());
        wire.extend_from_slice(before);
        let pointer_at = wire.len();
        let target = u16::try_from(*pick.get(&starts)).expect("offset in a short message");
        wire.extend_from_slice(&(0xC000 | target).to_be_bytes());
        wire.extend_from_slice(after);
        RdataPointerCase { wire, kind, pointer_at }
    })
}
