//! The two readings `decode_diff` compares, and the known differences.

use dnswire::{DecodeError, Message, NameBuf, RData, Section};

/// A record as both decoders can give it: owner and RDATA in uncompressed
/// wire form, names in their original case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rec {
    /// 1 answer, 2 authority, 3 additional.
    pub section: u8,
    pub owner: Vec<u8>,
    pub rtype: u16,
    pub class: u16,
    pub ttl: u32,
    pub rdata: Vec<u8>,
}

/// One decoder's reading of a whole message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reading {
    /// ID, flags, QDCOUNT, ANCOUNT, NSCOUNT, ARCOUNT.
    pub header: [u16; 6],
    /// (name, type, class).
    pub questions: Vec<(Vec<u8>, u16, u16)>,
    pub records: Vec<Rec>,
}

/// Octets as lowercase hex, to paste into a test or `dnswire decode`.
pub fn hex(octets: &[u8]) -> String {
    octets.iter().map(|b| format!("{b:02x}")).collect()
}

/// How dnswire holds a record's RDATA.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Held {
    /// Typed: dnswire knows the type in this class and checked its fields.
    Typed,
    /// Opaque octets (RFC 3597 §5): a type dnswire does not implement, or a
    /// class-specific type outside its class.
    Opaque,
    /// No RDATA: a class ANY or NONE record of an UPDATE (RFC 2136 §2.4, §2.5).
    Empty,
}

/// dnswire's reading, and how it holds each record. The OPT record, which
/// dnswire keeps apart as `Edns`, is put back at its place in the additional
/// section.
pub fn ours(data: &[u8]) -> Result<(Reading, Vec<Held>), DecodeError> {
    let msg = Message::decode(data)?;
    let h = msg.header();
    let header = [h.id, h.flags.0, h.qdcount, h.ancount, h.nscount, h.arcount];
    let questions =
        msg.questions().map(|q| (NameBuf::from_name(&q.qname).as_wire().to_vec(), q.qtype.0, q.qclass.0)).collect();
    let mut records = Vec::new();
    let mut held = Vec::new();
    let mut buf = vec![0u8; 65535];
    for (number, section) in [(1u8, Section::Answer), (2, Section::Authority), (3, Section::Additional)] {
        for r in msg.records(section) {
            let n = r.data.to_wire(&mut buf).expect("a decoded record's RDATA fits 65535 octets");
            held.push(match r.data {
                RData::Unknown { .. } => Held::Opaque,
                RData::Empty(_) => Held::Empty,
                _ => Held::Typed,
            });
            records.push(Rec {
                section: number,
                owner: NameBuf::from_name(&r.name).as_wire().to_vec(),
                rtype: r.rtype().0,
                class: r.class.0,
                ttl: r.ttl,
                rdata: buf[..n].to_vec(),
            });
        }
    }
    if let (Some(edns), Some(index)) = (msg.edns(), msg.edns_index()) {
        let mut rdata = Vec::new();
        for option in edns.options.iter() {
            rdata.extend_from_slice(&option.code.0.to_be_bytes());
            rdata.extend_from_slice(&u16::try_from(option.data.len()).expect("option fits").to_be_bytes());
            rdata.extend_from_slice(option.data);
        }
        let ttl = u32::from_be_bytes([edns.extended_rcode, edns.version, (edns.flags.0 >> 8) as u8, edns.flags.0 as u8]);
        let opt = Rec { section: 3, owner: vec![0], rtype: 41, class: edns.udp_payload_size, ttl, rdata };
        let first_additional = records.iter().position(|r| r.section == 3).unwrap_or(records.len());
        records.insert(first_additional + usize::from(index), opt);
        held.insert(first_additional + usize::from(index), Held::Typed);
    }
    Ok((Reading { header, questions, records }, held))
}

/// dnsbox's reading: `Message::parse_validated`, then every question and
/// record, RDATA typed and composed again without compression.
pub fn peer(data: &[u8]) -> Result<Reading, dnsbox::Error> {
    use dnsbox::ComposeRdata as _;
    let msg = dnsbox::Message::parse_validated(data)?;
    let h = msg.header();
    let header = [h.id, h.flags.bits(), h.qdcount, h.ancount, h.nscount, h.arcount];
    let mut name = [0u8; 255];
    let mut questions = Vec::new();
    for q in msg.questions() {
        let q = q?;
        let n = q.name().flatten(&mut name);
        questions.push((name[..n].to_vec(), q.qtype().get(), q.qclass().get()));
    }
    let mut records = Vec::new();
    let mut buf = vec![0u8; 65535];
    for item in msg.records() {
        let (section, r) = item?;
        let n = r.name().flatten(&mut name);
        let mut w = dnsbox::WireWriter::new(&mut buf);
        r.data()?.compose_rdata(&mut w)?;
        let rdata = w.as_bytes().to_vec();
        records.push(Rec {
            section: match section {
                dnsbox::Section::Answer => 1,
                dnsbox::Section::Authority => 2,
                _ => 3,
            },
            owner: name[..n].to_vec(),
            rtype: r.rtype().get(),
            class: r.class().get(),
            ttl: r.ttl(),
            rdata,
        });
    }
    Ok(Reading { header, questions, records })
}

/// Why the two decoders may disagree on an input. Each is listed, with its
/// reason, in fuzz/README.md.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Known {
    /// dnswire holds the record's RDATA as opaque octets (RFC 3597 §5)
    /// where dnsbox types it: a type dnswire does not implement (NXT, A6,
    /// TALINK, DSYNC...), or a class-specific type (SRV, NAPTR, APL,
    /// IPSECKEY, SVCB, A, AAAA... as BIND's `in_1` list) outside class IN.
    OpaqueInDnswire,
    /// dnsbox holds the record's RDATA as opaque octets where dnswire types
    /// it and refuses what it finds: NXT (RFC 2535 §5.2, a name that may be
    /// compressed and a type bitmap), read by dnswire's `legacy` group.
    OpaqueInDnsbox,
    /// An UPDATE record of class ANY or NONE with no RDATA (RFC 2136 §2.4,
    /// §2.5), which dnswire accepts and dnsbox reads as truncated RDATA.
    UpdateWithoutRdata,
    /// Type A in class CH: dnswire reads the Chaosnet address (a domain name,
    /// which may be compressed, and a 16-bit address, as BIND does); dnsbox
    /// keeps it opaque.
    ChaosAddress,
    /// A record of class NONE or ANY (TSIG and TKEY aside): dnsbox keeps its
    /// RDATA opaque whatever the type; dnswire reads it by its type. In an
    /// UPDATE, a class NONE update carries the RDATA of the RR to delete (RFC
    /// 2136 §2.5.4), read in the zone's class, and only the forms RFC 2136
    /// §2.4, §2.5 list may be empty; elsewhere these classes have no RDATA
    /// format of their own.
    MetaClassRecord,
    /// A rule on the whole message that dnswire enforces and dnsbox leaves to
    /// its caller: one OPT, in the additional section, owned by the root
    /// (RFC 6891 §6.1.1, §6.1.2); EDNS option contents (RFC 7873 §4, RFC 7871
    /// §6, RFC 8914 §2); UPDATE sections (RFC 2136 §2.3-§2.5); TSIG last, of
    /// class ANY (RFC 8945 §5.1, §4.2).
    MessageRule(DecodeError),
    /// A DS-family digest that does not fit its digest type: not the
    /// length of SHA-1, SHA-256, GOST or SHA-384 (RFC 3658 §2.4, RFC 4509 §2.2,
    /// RFC 5933 §4, RFC 6605 §2), or digest type 0, reserved (RFC 4034
    /// §5.1.3) but for the CDS delete request `0 0 0 00` (RFC 8078 §4):
    /// dnswire rejects, dnsbox accepts.
    DigestLength,
    /// An AMTRELAY relay type other than 0-3 (RFC 8777 §4.2.3 defines no
    /// relay format for it): dnswire rejects, dnsbox keeps the rest opaque.
    UnknownRelayType,
    /// A compression pointer into the 12-octet header: RFC 1035 §4.1.4 counts
    /// offsets from the header's first octet, but no name can start there, and
    /// RFC 9267 §2 (following RFC 1035 §4.1.4's intent) treats such a pointer as
    /// malformed; dnswire rejects it (`BadPointer`), dnsbox follows it.
    PointerIntoHeader,
    /// A pointer whose target is earlier but whose labels, read from there,
    /// reach the pointer itself or beyond: a pointer stands for a prior
    /// occurrence of the name (RFC 1035 §4.1.4), so dnswire requires what it
    /// leads to to end before it (`BadPointer`); dnsbox only requires the
    /// target to be earlier.
    PointerOverrun,
    /// An SVCB/HTTPS parameter whose key dnsbox implements and dnswire does
    /// not, 9 to 12 (`tls-supported-groups`, `docpath`, `pvd`, `oots`,
    /// registered after RFC 9460): dnswire keeps its value opaque as RFC 9460
    /// §2.2 does for unknown keys, dnsbox checks it.
    SvcParamUnknownToDnswire,
    /// An SVCB/HTTPS record with `no-default-alpn` and no `alpn`: RFC 9460
    /// §7.1.1 calls it not self-consistent, and §2.4.3 has clients ignore such
    /// a record, not reject the message; dnsbox rejects it, dnswire keeps it.
    SvcbNotSelfConsistent,
    /// A LOC precision octet with mantissa 0 and a non-zero exponent: both
    /// nibbles are in 0-9 as RFC 1876 §2 asks, dnsbox refuses it anyway.
    LocUnnormalizedPrecision,
    /// GPOS strings that are not decimal numbers, or a latitude beyond ±90
    /// or longitude beyond ±180 (RFC 1712 §3): dnswire rejects, dnsbox keeps
    /// any character-strings.
    GposNotCoordinates,
    /// ZONEMD with the reserved scheme or hash algorithm 0 (RFC 8976 §5.2,
    /// §5.3), a digest under 12 octets (§2.2.4), or one not the length of
    /// SHA-384 or SHA-512 for algorithms 1 and 2: dnswire rejects.
    ZonemdFields,
    /// An empty DHCID or OPENPGPKEY (RFC 4701 §3.1, RFC 7929 §2.2 each hold
    /// data): dnswire rejects.
    EmptyKeyData,
    /// SVCB/HTTPS parameters that are not self-consistent: `no-default-alpn`
    /// without `alpn` (RFC 9460 §7.1.1), or an empty `ech` (an ECHConfigList
    /// is never empty, RFC 9460 §7.3) or `dohpath` (a URI template, RFC 9461
    /// §5): dnswire rejects.
    SvcbParamsInconsistent,
}

/// Disagreements where dnswire looks wrong or too lenient: written down for
/// the codec's owners, and let through here so that fuzzing can go on looking
/// for others. Remove a variant once the codec is changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reported {
    /// SVCB/HTTPS in AliasMode (priority 0) with SvcParams: dnswire rejects
    /// the message (`InvalidSvcParams`), RFC 9460 §2.4.2 says recipients MUST
    /// ignore such parameters.
    AliasModeParams,
    /// A type bitmap (NSEC, NSEC3, CSYNC) whose window ends in a zero octet:
    /// RFC 4034 §4.1.2 says trailing zero octets MUST be omitted; dnsbox (and
    /// BIND) reject, dnswire accepts. Likewise an NXT bitmap ending in a zero
    /// octet (RFC 2535 §5.2 leaves trailing zero octets out).
    BitmapTrailingZero,
    /// An APL address part ending in a zero octet: RFC 3123 §4 sends AFDPART
    /// without trailing zero octets; dnsbox rejects, dnswire accepts.
    AplTrailingZero,
    /// An X25 PSDN address that is not four or more decimal digits (RFC 1183
    /// §3.1): dnsbox rejects, dnswire accepts any character-string.
    X25NotDigits,
    /// A HIP record with an empty HIT or public key (RFC 8005 §5, RFC 7401
    /// §5.2.9 make both mandatory): dnsbox rejects, dnswire accepts.
    HipEmptyField,
    /// A ZONEMD digest shorter than 12 octets, or not the length of SHA-384
    /// or SHA-512 for hash algorithms 1 and 2 (RFC 8976 §2.2.4): dnsbox
    /// rejects, dnswire accepts.
    ZonemdDigestLength,
    /// An APL item of a family other than 1 and 2 with an address part over
    /// 63 octets: dnswire refuses it (`InvalidValue`, the limit dnspython
    /// keeps), RFC 3123 §4 gives AFDLENGTH 7 bits (up to 127); dnsbox accepts.
    AplLongUnknownFamily,
    /// A DHCID RDATA shorter than its identifier type (2 octets) and digest
    /// type (1 octet) (RFC 4701 §3.1): dnsbox rejects, dnswire accepts.
    DhcidTooShort,
    /// An NSAP record with no address: RFC 1706 §5 has the RDATA hold an NSAP
    /// address, which starts with its AFI octet (ISO 8348): dnsbox rejects,
    /// dnswire accepts.
    NsapEmpty,
    /// An SVCB/HTTPS parameter with key 65535, which RFC 9460 §14.3.2
    /// reserves as "Invalid key": dnsbox rejects, dnswire accepts.
    SvcbInvalidKey,
    /// An SVCB `dohpath` parameter that is not UTF-8 (RFC 9461 §5: a URI
    /// Template, RFC 6570, in UTF-8): dnsbox rejects, dnswire accepts.
    DohpathNotUtf8,
    /// A compression pointer in a name in RDATA of a type that RFC 3597 §4
    /// neither lists as well known nor asks receivers to decompress (TKEY,
    /// TSIG algorithm, LP): dnsbox rejects, dnswire decompresses.
    CompressedNewerType,
}

/// A disagreement that is understood.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Understood and justified.
    Known(Known),
    /// Understood, and written down as dnswire's to decide.
    Reported(Reported),
}

/// A record as it stands in the message, before either decoder's typing.
struct RawRecord<'a> {
    rtype: u16,
    class: u16,
    rdata: &'a [u8],
}

/// Every record whose header dnsbox can read, with whether dnsbox could type
/// its RDATA; stops at the first record dnsbox cannot read at all.
fn raw_records(data: &[u8]) -> Vec<(RawRecord<'_>, bool)> {
    let Ok(msg) = dnsbox::Message::parse(data) else { return Vec::new() };
    let mut out = Vec::new();
    for item in msg.records() {
        let Ok((_, r)) = item else { break };
        let typed = r.data().is_ok();
        out.push((RawRecord { rtype: r.rtype().get(), class: r.class().get(), rdata: r.rdata() }, typed));
    }
    out
}

fn u16_at(octets: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*octets.get(at)?, *octets.get(at + 1)?]))
}

/// Skips an uncompressed name; `None` if it is not one.
fn skip_plain_name(octets: &[u8], mut at: usize) -> Option<usize> {
    loop {
        let len = usize::from(*octets.get(at)?);
        at += 1;
        match len {
            0 => return Some(at),
            1..=63 => at += len,
            _ => return None,
        }
    }
}

/// Whether a type bitmap (RFC 4034 §4.1.2) has a window ending in a zero octet.
fn bitmap_has_trailing_zero(mut windows: &[u8]) -> bool {
    while let [_, len, rest @ ..] = windows {
        let len = usize::from(*len);
        if len == 0 || len > rest.len() {
            return false;
        }
        if rest[len - 1] == 0 {
            return true;
        }
        windows = &rest[len..];
    }
    false
}

/// The type bitmap of an NSEC, NSEC3 or CSYNC RDATA.
fn bitmap_of(rtype: u16, rdata: &[u8]) -> Option<&[u8]> {
    let start = match rtype {
        47 => skip_plain_name(rdata, 0)?,
        50 => {
            let salt = usize::from(*rdata.get(4)?);
            let hash = usize::from(*rdata.get(5 + salt)?);
            6 + salt + hash
        }
        62 => 6,
        _ => return None,
    };
    rdata.get(start..)
}

/// The SvcParams (key, value) of an SVCB/HTTPS RDATA, as far as they can be
/// read.
fn svcb_params(rdata: &[u8]) -> Vec<(u16, &[u8])> {
    let mut params = Vec::new();
    let Some(mut at) = skip_plain_name(rdata, 2) else { return params };
    while let (Some(key), Some(len)) = (u16_at(rdata, at), u16_at(rdata, at + 2)) {
        let value = rdata.get(at + 4..at + 4 + usize::from(len)).unwrap_or_default();
        params.push((key, value));
        at += 4 + usize::from(len);
    }
    params
}

/// Whether an APL item of a family other than 1 and 2 has an address part
/// over 63 octets.
fn apl_has_long_unknown_family(mut items: &[u8]) -> bool {
    while let [f0, f1, _, n_len, rest @ ..] = items {
        let len = usize::from(n_len & 0x7f);
        if !matches!(u16::from_be_bytes([*f0, *f1]), 1 | 2) && len > 63 {
            return true;
        }
        let Some(tail) = rest.get(len..) else { return false };
        items = tail;
    }
    false
}

fn apl_has_trailing_zero(mut items: &[u8]) -> bool {
    while let [_, _, _, n_len, rest @ ..] = items {
        let len = usize::from(n_len & 0x7f);
        if len > rest.len() {
            return false;
        }
        if len > 0 && rest[len - 1] == 0 {
            return true;
        }
        items = &rest[len..];
    }
    false
}

/// The type bitmap of NXT RDATA: what follows the next name (labels up to
/// the root or a pointer).
fn nxt_bitmap(rdata: &[u8]) -> Option<&[u8]> {
    let mut at = 0usize;
    loop {
        let len = *rdata.get(at)?;
        match len {
            0 => return rdata.get(at + 1..),
            0xc0.. => return rdata.get(at + 2..),
            _ => at += 1 + usize::from(len),
        }
    }
}

/// A LOC precision octet (size, horizontal, vertical) with mantissa 0 and a
/// non-zero exponent.
fn loc_unnormalized(rdata: &[u8]) -> bool {
    rdata.get(1..4).is_some_and(|precision| precision.iter().any(|p| p >> 4 == 0 && p & 0xf != 0))
}

/// Why dnsbox refuses a record that dnswire accepts (dnswire holds it as
/// `held`).
fn peer_refuses(record: &RawRecord<'_>, held: Held, peer_error: dnsbox::Error) -> Option<Verdict> {
    let rdata = record.rdata;
    match held {
        Held::Opaque => return Some(Verdict::Known(Known::OpaqueInDnswire)),
        Held::Empty => return Some(Verdict::Known(Known::UpdateWithoutRdata)),
        Held::Typed => {}
    }
    if record.rtype == 1 && record.class == 3 {
        return Some(Verdict::Known(Known::ChaosAddress));
    }
    let reported = |r| Some(Verdict::Reported(r));
    match record.rtype {
        19 => {
            let digits = rdata.get(1..).unwrap_or_default();
            (digits.len() < 4 || !digits.iter().all(u8::is_ascii_digit)).then_some(Verdict::Reported(Reported::X25NotDigits))
        }
        29 if loc_unnormalized(rdata) => Some(Verdict::Known(Known::LocUnnormalizedPrecision)),
        42 if apl_has_trailing_zero(rdata) => reported(Reported::AplTrailingZero),
        47 | 50 | 62 if bitmap_of(record.rtype, rdata).is_some_and(bitmap_has_trailing_zero) => {
            reported(Reported::BitmapTrailingZero)
        }
        30 if nxt_bitmap(rdata).is_some_and(|bits| bits.last() == Some(&0)) => reported(Reported::BitmapTrailingZero),
        22 if rdata.is_empty() => reported(Reported::NsapEmpty),
        49 if rdata.len() < 3 => reported(Reported::DhcidTooShort),
        55 if rdata.first() == Some(&0) || u16_at(rdata, 2) == Some(0) => reported(Reported::HipEmptyField),
        63 => {
            let digest = rdata.get(6..).unwrap_or_default().len();
            let bad = digest < 12 || (rdata.get(5) == Some(&1) && digest != 48) || (rdata.get(5) == Some(&2) && digest != 64);
            bad.then_some(Verdict::Reported(Reported::ZonemdDigestLength))
        }
        64 | 65 if svcb_params(rdata).iter().any(|(key, _)| *key == 65535) => reported(Reported::SvcbInvalidKey),
        64 | 65 if {
            let params = svcb_params(rdata);
            params.iter().any(|(key, _)| *key == 2) && !params.iter().any(|(key, _)| *key == 1)
        } =>
        {
            Some(Verdict::Known(Known::SvcbNotSelfConsistent))
        }
        64 | 65 if svcb_params(rdata).iter().any(|(key, _)| (9..=12).contains(key)) => {
            Some(Verdict::Known(Known::SvcParamUnknownToDnswire))
        }
        64 | 65 if svcb_params(rdata).iter().any(|(key, value)| *key == 7 && std::str::from_utf8(value).is_err()) => {
            reported(Reported::DohpathNotUtf8)
        }
        107 | 249 | 250 if peer_error == dnsbox::Error::UnexpectedPointer => reported(Reported::CompressedNewerType),
        _ => None,
    }
}

/// What is wrong with the compression pointers of a name that dnsbox accepts
/// and dnswire does not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PointerFault {
    /// A pointer into the header.
    IntoHeader,
    /// What a pointer leads to runs up to or over the pointer itself.
    RunsOverPointer,
}

/// Follows the name at `at` (at most 256 labels and pointers: a name has
/// up to 127 labels and dnswire follows up to 128 pointers, each strictly
/// backwards) and tells the first fault of its pointers.
fn pointer_fault(data: &[u8], mut at: usize) -> Option<PointerFault> {
    let mut limit = data.len();
    let mut jumped = false;
    for _ in 0..256 {
        if jumped && at >= limit {
            return Some(PointerFault::RunsOverPointer);
        }
        let len = *data.get(at)?;
        match len {
            0 => return None,
            1..=63 => {
                at += 1 + usize::from(len);
                if jumped && at > limit {
                    return Some(PointerFault::RunsOverPointer);
                }
            }
            0xc0..=0xff => {
                let target = usize::from(u16_at(data, at)? & 0x3fff);
                if target < 12 {
                    return Some(PointerFault::IntoHeader);
                }
                if target >= at {
                    return None;
                }
                limit = at;
                jumped = true;
                at = target;
            }
            _ => return None,
        }
    }
    None
}

/// Skips a name that may be compressed.
fn skip_name(data: &[u8], mut at: usize) -> Option<usize> {
    loop {
        let len = *data.get(at)?;
        match len {
            0 => return Some(at + 1),
            1..=63 => at += 1 + usize::from(len),
            0xc0..=0xff => return Some(at + 2),
            _ => return None,
        }
    }
}

/// Offsets, within a record's RDATA, of the names the RFC 1035 types (and
/// those RFC 3597 §4 asks receivers to decompress: RP, AFSDB, RT, SIG, PX,
/// NAPTR, SRV) carry.
fn rdata_name_offsets(data: &[u8], rtype: u16, start: usize) -> Vec<usize> {
    match rtype {
        2..=5 | 7..=9 | 12 | 39 => vec![start],
        6 | 14 | 17 => skip_name(data, start).map_or(vec![start], |second| vec![start, second]),
        15 | 18 | 21 | 36 => vec![start + 2],
        26 => skip_name(data, start + 2).map_or(vec![start + 2], |second| vec![start + 2, second]),
        24 => vec![start + 18],
        33 => vec![start + 6],
        35 => {
            // ORDER, PREFERENCE, then FLAGS, SERVICES and REGEXP strings.
            let mut at = start + 4;
            for _ in 0..3 {
                let Some(&len) = data.get(at) else { return Vec::new() };
                at += 1 + usize::from(len);
            }
            vec![at]
        }
        _ => Vec::new(),
    }
}

/// The first pointer fault among the names of the message (questions,
/// owners, and the names in RDATA of the types that may be compressed).
fn message_pointer_fault(data: &[u8]) -> Option<PointerFault> {
    let msg = dnsbox::Message::parse(data).ok()?;
    let mut at = 12;
    for _ in 0..msg.header().qdcount {
        if let Some(fault) = pointer_fault(data, at) {
            return Some(fault);
        }
        at = skip_name(data, at)? + 4;
    }
    let h = msg.header();
    for _ in 0..u32::from(h.ancount) + u32::from(h.nscount) + u32::from(h.arcount) {
        if let Some(fault) = pointer_fault(data, at) {
            return Some(fault);
        }
        let end = skip_name(data, at)?;
        let (rtype, rdlen) = (u16_at(data, end)?, u16_at(data, end + 8)?);
        if let Some(fault) = rdata_name_offsets(data, rtype, end + 10).into_iter().find_map(|n| pointer_fault(data, n)) {
            return Some(fault);
        }
        at = end + 10 + usize::from(rdlen);
    }
    None
}

/// Whether a DS, CDS, DLV or TA digest fits its digest type: the length of
/// SHA-1, SHA-256, GOST or SHA-384 (RFC 3658 §2.4, RFC 4509 §2.2, RFC 5933
/// §4, RFC 6605 §2); type 0 is reserved (RFC 4034 §5.1.3) but for the CDS
/// delete request `0 0 0 00` (RFC 8078 §4).
fn digest_fits_type(rtype: u16, rdata: &[u8]) -> bool {
    let digest = rdata.get(4..).unwrap_or_default();
    match rdata.get(3) {
        Some(0) => rtype == 59 && digest == [0],
        Some(1) => digest.len() == 20,
        Some(2 | 3) => digest.len() == 32,
        Some(4) => digest.len() == 48,
        _ => true,
    }
}

/// Whether ZONEMD's fields pass RFC 8976: scheme and hash algorithm not 0,
/// a digest of at least 12 octets, 48 for SHA-384 and 64 for SHA-512.
fn zonemd_fields_ok(rdata: &[u8]) -> bool {
    let digest = rdata.get(6..).unwrap_or_default();
    let length_ok = match rdata.get(5) {
        Some(1) => digest.len() == 48,
        Some(2) => digest.len() == 64,
        _ => digest.len() >= 12,
    };
    rdata.get(4).is_some_and(|&scheme| scheme != 0) && rdata.get(5).is_some_and(|&hash| hash != 0) && length_ok
}

/// Whether SVCB/HTTPS parameters (after priority and an uncompressed
/// target) hold `no-default-alpn` without `alpn`, or an empty `ech` or
/// `dohpath`.
fn svc_params_inconsistent(rdata: &[u8]) -> bool {
    let mut at = 2usize;
    while let Some(&len) = rdata.get(at) {
        if len == 0 || len >= 0x40 {
            break;
        }
        at += 1 + usize::from(len);
    }
    at += 1;
    let (mut alpn, mut no_default_alpn, mut empty_value) = (false, false, false);
    while let (Some(key), Some(len)) = (u16_at(rdata, at), u16_at(rdata, at + 2)) {
        match key {
            1 => alpn = true,
            2 => no_default_alpn = true,
            5 | 7 if len == 0 => empty_value = true,
            _ => {}
        }
        at += 4 + usize::from(len);
    }
    (no_default_alpn && !alpn) || empty_value
}

/// Why dnswire refuses a message that dnsbox accepts.
fn ours_refuses(data: &[u8], error: DecodeError) -> Option<Verdict> {
    use DecodeError as E;
    let records = raw_records(data);
    let any = |f: &dyn Fn(&RawRecord<'_>) -> bool| records.iter().any(|(r, _)| f(r));
    let pointer_fault = if error == E::BadPointer { message_pointer_fault(data) } else { None };
    match error {
        E::DuplicateOpt | E::OptMisplaced | E::OptOwnerNotRoot | E::InvalidOption | E::InvalidUpdate | E::TsigMisplaced => {
            Some(Verdict::Known(Known::MessageRule(error)))
        }
        E::InvalidSvcParams if any(&|r| matches!(r.rtype, 64 | 65) && r.class == 1 && u16_at(r.rdata, 0) == Some(0)) => {
            Some(Verdict::Reported(Reported::AliasModeParams))
        }
        E::InvalidValue if any(&|r| r.rtype == 27 && r.class != 254 && r.class != 255) => {
            Some(Verdict::Known(Known::GposNotCoordinates))
        }
        E::InvalidValue if any(&|r| r.rtype == 63 && !zonemd_fields_ok(r.rdata)) => Some(Verdict::Known(Known::ZonemdFields)),
        _ if any(&|r| matches!(r.rtype, 49 | 61) && r.rdata.is_empty()) => Some(Verdict::Known(Known::EmptyKeyData)),
        E::InvalidSvcParams if any(&|r| matches!(r.rtype, 64 | 65) && svc_params_inconsistent(r.rdata)) => {
            Some(Verdict::Known(Known::SvcbParamsInconsistent))
        }
        E::InvalidValue if any(&|r| r.rtype == 250 && (r.class != 255 || r.rdata.is_empty())) => {
            Some(Verdict::Known(Known::MessageRule(error)))
        }
        E::InvalidValue if any(&|r| r.rtype == 42 && apl_has_long_unknown_family(r.rdata)) => {
            Some(Verdict::Reported(Reported::AplLongUnknownFamily))
        }
        E::InvalidValue if any(&|r| r.rtype == 260 && r.rdata.get(1).is_some_and(|t| t & 0x7f > 3)) => {
            Some(Verdict::Known(Known::UnknownRelayType))
        }
        E::InvalidValue if any(&|r| matches!(r.rtype, 43 | 59 | 32768 | 32769) && !digest_fits_type(r.rtype, r.rdata)) => {
            Some(Verdict::Known(Known::DigestLength))
        }
        E::BadPointer if pointer_fault == Some(PointerFault::IntoHeader) => Some(Verdict::Known(Known::PointerIntoHeader)),
        E::BadPointer if pointer_fault == Some(PointerFault::RunsOverPointer) => Some(Verdict::Known(Known::PointerOverrun)),
        _ if any(&|r| matches!(r.class, 254 | 255) && !matches!(r.rtype, 249 | 250)) => {
            Some(Verdict::Known(Known::MetaClassRecord))
        }
        _ if any(&|r| r.rtype == 30) => Some(Verdict::Known(Known::OpaqueInDnsbox)),
        // Malformed names in a Chaosnet address, which dnsbox does not read.
        _ if any(&|r| r.rtype == 1 && r.class == 3) => Some(Verdict::Known(Known::ChaosAddress)),
        _ => None,
    }
}

/// Which known or reported difference explains a disagreement, if any.
pub fn known_difference(
    data: &[u8],
    ours: &Result<(Reading, Vec<Held>), DecodeError>,
    peer: &Result<Reading, dnsbox::Error>,
) -> Option<Verdict> {
    match (ours, peer) {
        (Err(e), Ok(_)) => ours_refuses(data, *e),
        (Ok((_, held)), Err(peer_error)) => {
            let records = raw_records(data);
            let (index, (record, _)) = records.iter().enumerate().find(|(_, (_, typed))| !typed)?;
            peer_refuses(record, *held.get(index)?, *peer_error)
        }
        (Ok((a, held)), Ok(b)) => {
            if a.header != b.header || a.questions != b.questions || a.records.len() != b.records.len() {
                return None;
            }
            let records = raw_records(data);
            let index = a.records.iter().zip(&b.records).position(|(x, y)| x != y)?;
            let record = &records.get(index)?.0;
            match held.get(index)? {
                Held::Opaque => Some(Verdict::Known(Known::OpaqueInDnswire)),
                _ if record.rtype == 1 && record.class == 3 => Some(Verdict::Known(Known::ChaosAddress)),
                _ if matches!(record.class, 254 | 255) => Some(Verdict::Known(Known::MetaClassRecord)),
                _ => None,
            }
        }
        (Err(_), Err(_)) => None,
    }
}
