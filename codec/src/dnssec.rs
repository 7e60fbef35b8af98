//! DNSSEC helpers: key tags (RFC 4034 Appendix B), the canonical form and
//! order of records (RFC 4034 §6, RFC 6840 §5.1), the data an RRSIG signs
//! (RFC 4034 §3.1.8.1, RFC 4035 §5.3.2) and the data a DS digests
//! (RFC 4034 §5.1.4).
//!
//! Nothing here hashes or verifies: the data is streamed into a [`Sink`], so a
//! validator feeds it to the hash or signature library of its choice. Nothing
//! allocates either: RDATA is re-encoded in canonical form through a small
//! stack window, as often as needed.
//!
//! ```
//! use dnswire::{dnssec, Class, NameBuf, RData, Record};
//! let owner = NameBuf::from_text("WWW.Example.").unwrap();
//! let record = Record { name: owner.as_name(), class: Class::IN, ttl: 60, data: RData::A([192, 0, 2, 1].into()) };
//! let mut out = [0u8; 64];
//! let mut sink = dnssec::SliceSink::new(&mut out);
//! dnssec::write_canonical_record(&record, 3600, &mut sink).unwrap();
//! assert_eq!(sink.written(), b"\x03www\x07example\x00\x00\x01\x00\x01\x00\x00\x0e\x10\x00\x04\xc0\x00\x02\x01");
//! ```

use core::cmp::Ordering;

use crate::error::EncodeError;
use crate::iana::Class;
use crate::name::{MAX_LABEL_LEN, Name};
use crate::rdata::{Dnskey, RData, Rrsig};
use crate::record::Record;
use crate::wire::Writer;

/// Where the DNSSEC and TSIG helpers write the data to be hashed or signed.
///
/// Implemented for every `FnMut(&[u8])` closure (to feed a hasher) and for
/// [`SliceSink`] (to collect the octets in a caller's buffer).
pub trait Sink {
    /// Appends `data`.
    fn write(&mut self, data: &[u8]);
}

impl<F: FnMut(&[u8]) + ?Sized> Sink for F {
    fn write(&mut self, data: &[u8]) {
        self(data);
    }
}

/// A [`Sink`] over a caller's buffer. Octets past its end are counted but
/// dropped; [`SliceSink::overflowed`] tells.
#[derive(Debug)]
pub struct SliceSink<'b> {
    buf: &'b mut [u8],
    len: usize,
    total: usize,
}

impl<'b> SliceSink<'b> {
    /// An empty sink writing into `buf`.
    pub fn new(buf: &'b mut [u8]) -> Self {
        Self { buf, len: 0, total: 0 }
    }

    /// The octets written that fit.
    pub fn written(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }

    /// How many octets were written in all, including those that did not fit.
    pub fn total(&self) -> usize {
        self.total
    }

    /// Whether some octets did not fit.
    pub fn overflowed(&self) -> bool {
        self.total > self.len
    }
}

impl Sink for SliceSink<'_> {
    fn write(&mut self, data: &[u8]) {
        self.total = self.total.saturating_add(data.len());
        if self.total != self.len.saturating_add(data.len()) {
            return; // Already overflowed: keep the written part contiguous.
        }
        let stop = self.len.saturating_add(data.len());
        if let Some(dst) = self.buf.get_mut(self.len..stop) {
            dst.copy_from_slice(data);
            self.len = stop;
        }
    }
}

/// The key tag of a DNSKEY (RFC 4034 Appendix B): the ones-complement-style
/// sum over its RDATA, or for algorithm 1 (RSA/MD5) the second and third last
/// octets of the modulus (Appendix B.1).
pub fn key_tag(dnskey: &Dnskey<'_>) -> u16 {
    if dnskey.algorithm == 1 {
        let key = dnskey.public_key;
        let n = key.len();
        let pair = n.checked_sub(3).and_then(|i| key.get(i..i.saturating_add(2)));
        return match pair {
            Some(&[hi, lo]) => u16::from_be_bytes([hi, lo]),
            _ => 0,
        };
    }
    let [f0, f1] = dnskey.flags.to_be_bytes();
    let head = [f0, f1, dnskey.protocol, dnskey.algorithm];
    let mut ac: u32 = 0;
    for (i, &b) in head.iter().chain(dnskey.public_key).enumerate() {
        let v = if i % 2 == 0 { u32::from(b) << 8 } else { u32::from(b) };
        ac = ac.wrapping_add(v);
    }
    ac = ac.wrapping_add((ac >> 16) & 0xFFFF);
    u16::try_from(ac & 0xFFFF).unwrap_or(0)
}

/// Writes `name` in canonical form: uncompressed, ASCII letters lowercased
/// (RFC 4034 §6.2).
pub fn write_canonical_name<S: Sink + ?Sized>(name: &Name<'_>, sink: &mut S) {
    let mut label_buf = [0u8; MAX_LABEL_LEN + 1];
    for label in name.labels() {
        let n = label.len().min(MAX_LABEL_LEN);
        if let Some((len, body)) = label_buf.split_first_mut() {
            *len = u8::try_from(n).unwrap_or(0);
            for (d, s) in body.iter_mut().zip(label) {
                *d = s.to_ascii_lowercase();
            }
        }
        sink.write(label_buf.get(..n.saturating_add(1)).unwrap_or(&[]));
    }
    sink.write(&[0]);
}

/// The size of the window through which canonical RDATA is streamed.
const WINDOW: usize = 256;

/// Encodes `data` in canonical form into `buf`, which receives the octets
/// from `start` on; returns the canonical RDATA's whole length.
fn rdata_window(data: &RData<'_>, start: usize, buf: &mut [u8]) -> Result<usize, EncodeError> {
    let mut w = Writer::window(buf, start);
    data.encode(&mut w)?;
    Ok(w.len)
}

/// The length of `data` in canonical (uncompressed) form.
///
/// # Errors
/// [`EncodeError::InvalidValue`] or [`EncodeError::RdataTooLong`] for RDATA
/// that has no wire form.
pub fn canonical_rdata_len(data: &RData<'_>) -> Result<usize, EncodeError> {
    rdata_window(data, 0, &mut [])
}

/// Streams `data` in canonical form (RFC 4034 §6.2: uncompressed, names
/// lowercased in the types that say so) into `sink`; returns its length.
///
/// # Errors
/// [`EncodeError::InvalidValue`] or [`EncodeError::RdataTooLong`] for RDATA
/// that has no wire form; nothing fails for lack of room.
pub fn write_canonical_rdata<S: Sink + ?Sized>(data: &RData<'_>, sink: &mut S) -> Result<usize, EncodeError> {
    stream_rdata(data, sink, |_, _| Ok(()))
}

/// Streams the canonical RDATA, calling `before` with its length first.
fn stream_rdata<S: Sink + ?Sized>(
    data: &RData<'_>,
    sink: &mut S,
    before: impl FnOnce(usize, &mut S) -> Result<(), EncodeError>,
) -> Result<usize, EncodeError> {
    let mut buf = [0u8; WINDOW];
    let total = rdata_window(data, 0, &mut buf)?;
    before(total, sink)?;
    let mut start = 0usize;
    while start < total {
        if start > 0 {
            rdata_window(data, start, &mut buf)?;
        }
        let n = total.saturating_sub(start).min(WINDOW);
        sink.write(buf.get(..n).unwrap_or(&[]));
        start = start.checked_add(n).ok_or(EncodeError::RdataTooLong)?;
    }
    Ok(total)
}

/// Compares two RDATA in canonical order (RFC 4034 §6.3): their canonical
/// forms as left-justified octet strings, where a missing octet sorts before
/// a zero octet. An RDATA that cannot be encoded sorts as its octets up to
/// the failure.
pub fn canonical_rdata_cmp(a: &RData<'_>, b: &RData<'_>) -> Ordering {
    let (mut wa, mut wb) = ([0u8; WINDOW], [0u8; WINDOW]);
    let mut start = 0usize;
    loop {
        let ta = rdata_window(a, start, &mut wa).unwrap_or(start);
        let tb = rdata_window(b, start, &mut wb).unwrap_or(start);
        let na = ta.saturating_sub(start).min(WINDOW);
        let nb = tb.saturating_sub(start).min(WINDOW);
        let ord = wa.get(..na).unwrap_or(&[]).cmp(wb.get(..nb).unwrap_or(&[]));
        if ord != Ordering::Equal || na < WINDOW {
            return ord;
        }
        start = match start.checked_add(WINDOW) {
            Some(s) => s,
            None => return Ordering::Equal,
        };
    }
}

/// Sorts an RRset in canonical order in place (insertion sort: RRsets are
/// small, and it needs no allocation).
pub fn sort_rrset(records: &mut [Record<'_>]) {
    for i in 1..records.len() {
        let mut j = i;
        while let Some(prev) = j.checked_sub(1) {
            let out_of_order = match (records.get(prev), records.get(j)) {
                (Some(a), Some(b)) => canonical_rdata_cmp(&a.data, &b.data) == Ordering::Greater,
                _ => false,
            };
            if !out_of_order {
                break;
            }
            records.swap(prev, j);
            j = prev;
        }
    }
}

/// Writes one record in canonical form (RFC 4034 §6.2): owner lowercased,
/// nothing compressed, names in RDATA lowercased where the type says so (not
/// in NSEC, RFC 6840 §5.1), and the TTL replaced by `original_ttl`.
///
/// # Errors
/// [`EncodeError::RdataTooLong`] for RDATA over 65535 octets,
/// [`EncodeError::InvalidValue`] for RDATA that has no wire form.
pub fn write_canonical_record<S: Sink + ?Sized>(record: &Record<'_>, original_ttl: u32, sink: &mut S) -> Result<(), EncodeError> {
    write_record_with_owner(record, |s: &mut S| write_canonical_name(&record.name, s), original_ttl, sink)
}

fn write_record_with_owner<S: Sink + ?Sized>(record: &Record<'_>, owner: impl FnOnce(&mut S), ttl: u32, sink: &mut S) -> Result<(), EncodeError> {
    // Check the RDATA before writing anything of the record.
    canonical_rdata_len(&record.data)?;
    owner(sink);
    stream_rdata(&record.data, sink, |len, sink| {
        let rdlen = u16::try_from(len).map_err(|_| EncodeError::RdataTooLong)?;
        sink.write(&record.rtype().0.to_be_bytes());
        sink.write(&record.class.0.to_be_bytes());
        sink.write(&ttl.to_be_bytes());
        sink.write(&rdlen.to_be_bytes());
        Ok(())
    })?;
    Ok(())
}

/// The owner name as signed: lowercased, and for a wildcard expansion `*.`
/// followed by the rightmost `labels` labels (RFC 4035 §5.3.2).
struct SignedOwner {
    wire: [u8; 255],
    len: usize,
}

impl SignedOwner {
    fn new(owner: &Name<'_>, labels: u8) -> Result<Self, EncodeError> {
        let count = owner.label_count();
        let keep = usize::from(labels);
        let skip = count.checked_sub(keep).ok_or(EncodeError::InvalidValue)?;
        let mut out = Self { wire: [0; 255], len: 0 };
        if skip > 0 {
            out.push(&[1, b'*']);
        }
        for label in owner.labels().skip(skip) {
            out.push(&[u8::try_from(label.len()).map_err(|_| EncodeError::NameTooLong)?]);
            for &b in label {
                out.push(&[b.to_ascii_lowercase()]);
            }
        }
        out.push(&[0]);
        Ok(out)
    }

    fn push(&mut self, data: &[u8]) {
        let stop = self.len.saturating_add(data.len());
        if let Some(dst) = self.wire.get_mut(self.len..stop) {
            dst.copy_from_slice(data);
            self.len = stop;
        }
    }

    fn as_wire(&self) -> &[u8] {
        self.wire.get(..self.len).unwrap_or(&[])
    }
}

/// Writes the RRSIG RDATA without its signature, signer lowercased: the first
/// part of the signed data (RFC 4034 §3.1.8.1).
pub fn write_rrsig_prefix<S: Sink + ?Sized>(rrsig: &Rrsig<'_>, sink: &mut S) {
    sink.write(&rrsig.type_covered.0.to_be_bytes());
    sink.write(&[rrsig.algorithm, rrsig.labels]);
    sink.write(&rrsig.original_ttl.to_be_bytes());
    sink.write(&rrsig.expiration.to_be_bytes());
    sink.write(&rrsig.inception.to_be_bytes());
    sink.write(&rrsig.key_tag.to_be_bytes());
    write_canonical_name(&rrsig.signer, sink);
}

/// Streams the data an RRSIG signs (RFC 4034 §3.1.8.1): the RRSIG RDATA
/// without the signature, then each record of the RRset in canonical form
/// and canonical order, with the original TTL.
///
/// The RRset is the records of `rrset` whose owner equals `owner`, whose class
/// is `class` and whose type is the type covered; others are skipped, so a
/// whole section may be passed. Records are visited in canonical order
/// without sorting `rrset` (a selection by repeated minimum, O(n²)
/// comparisons), and duplicates are written once (RFC 4034 §6.3). When the
/// owner has more labels than the RRSIG's labels field, the owner is the
/// wildcard `*.` plus the rightmost labels (RFC 4035 §5.3.2). Returns the
/// number of records written.
///
/// # Errors
/// [`EncodeError::InvalidValue`] if the RRSIG's labels field exceeds the
/// owner's label count (RFC 4035 §5.3.1), and as
/// [`write_canonical_record`] for a record of the RRset.
pub fn rrsig_signed_data<S: Sink + ?Sized>(
    rrsig: &Rrsig<'_>,
    owner: &Name<'_>,
    class: Class,
    rrset: &[Record<'_>],
    sink: &mut S,
) -> Result<usize, EncodeError> {
    let signed_owner = SignedOwner::new(owner, rrsig.labels)?;
    let member = |r: &&Record<'_>| r.rtype() == rrsig.type_covered && r.class == class && r.name == *owner;
    write_rrsig_prefix(rrsig, sink);
    let mut last: Option<&Record<'_>> = None;
    let mut written = 0usize;
    loop {
        let mut next: Option<&Record<'_>> = None;
        for r in rrset.iter().filter(member) {
            let after_last = last.is_none_or(|l| canonical_rdata_cmp(&r.data, &l.data) == Ordering::Greater);
            let before_next = next.is_none_or(|n| canonical_rdata_cmp(&r.data, &n.data) == Ordering::Less);
            if after_last && before_next {
                next = Some(r);
            }
        }
        let Some(record) = next else { return Ok(written) };
        write_record_with_owner(record, |s: &mut S| s.write(signed_owner.as_wire()), rrsig.original_ttl, sink)?;
        written = written.saturating_add(1);
        last = Some(record);
    }
}

/// Streams the data a DS digests (RFC 4034 §5.1.4): the canonical owner name
/// of the DNSKEY followed by its RDATA.
pub fn ds_digest_data<S: Sink + ?Sized>(owner: &Name<'_>, dnskey: &Dnskey<'_>, sink: &mut S) {
    write_canonical_name(owner, sink);
    sink.write(&dnskey.flags.to_be_bytes());
    sink.write(&[dnskey.protocol, dnskey.algorithm]);
    sink.write(dnskey.public_key);
}

#[cfg(test)]
// Helpers serve tests of groups a reduced build leaves out.
#[cfg_attr(not(all(feature = "dnssec", feature = "svcb", feature = "tsig", feature = "keys", feature = "extra", feature = "legacy")), allow(unused))]
mod tests {
    extern crate std;
    use std::vec::Vec;

    use super::*;
    use crate::iana::Rtype;
    use crate::name::NameBuf;
    use crate::rdata::{CharStrings, Mx, Nsec, TypeBitmap};

    fn b64(text: &str) -> Vec<u8> {
        let val = |c: u8| match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("not base64"),
        };
        let (mut out, mut acc, mut bits) = (Vec::new(), 0u32, 0);
        for c in text.bytes().filter(|c| !c.is_ascii_whitespace() && *c != b'=') {
            acc = (acc << 6) | u32::from(val(c));
            bits += 6;
            if bits >= 8 {
                bits -= 8;
                out.push((acc >> bits) as u8);
            }
        }
        out
    }

    fn collect(f: impl FnOnce(&mut dyn FnMut(&[u8]))) -> Vec<u8> {
        let mut out = Vec::new();
        f(&mut |d: &[u8]| out.extend_from_slice(d));
        out
    }

    /// RFC 4034 §5.4: the DNSKEY of dskey.example.com., key id 60485.
    const RFC4034_KEY: &str = "AQOeiiR0GOMYkDshWoSKz9XzfwJr1AYtsmx3TGkJaNXVbfi/2pHm822aJ5iI9BMzNXxeYCmZDRD99WYwYqUSdjMmmAphXdvxegXd/M5+X7OrzKBaMbCVdFLUUh6DhweJBjEVv5f2wwjM9XzcnOf+EPbtG9DMBmADjFDc2w/rljwvFw==";

    #[test]
    fn key_tag_rfc4034_section_5_4() {
        let key = b64(RFC4034_KEY);
        let dnskey = Dnskey { flags: 256, protocol: 3, algorithm: 5, public_key: &key };
        assert_eq!(key_tag(&dnskey), 60485);
    }

    #[test]
    fn key_tag_algorithm_1_uses_the_modulus() {
        let key = [1u8, 2, 3, 4, 0xab, 0xcd, 0xef];
        let dnskey = Dnskey { flags: 256, protocol: 3, algorithm: 1, public_key: &key };
        assert_eq!(key_tag(&dnskey), 0xabcd);
        let short = Dnskey { public_key: &[1, 2], ..dnskey };
        assert_eq!(key_tag(&short), 0);
    }

    #[test]
    fn ds_digest_data_is_owner_and_rdata() {
        let key = b64(RFC4034_KEY);
        let dnskey = Dnskey { flags: 256, protocol: 3, algorithm: 5, public_key: &key };
        let owner = NameBuf::from_text("DSKEY.example.COM.").unwrap();
        let data = collect(|s| ds_digest_data(&owner.as_name(), &dnskey, s));
        let mut want = b"\x05dskey\x07example\x03com\x00\x01\x00\x03\x05".to_vec();
        want.extend_from_slice(&key);
        assert_eq!(data, want);
    }

    fn rec<'a>(name: &'a NameBuf, data: RData<'a>) -> Record<'a> {
        Record { name: name.as_name(), class: Class::IN, ttl: 60, data }
    }

    #[test]
    fn canonical_order_rfc4034_section_6_3() {
        let owner = NameBuf::from_text("example.").unwrap();
        let (b_up, a_low) = (NameBuf::from_text("B.example.").unwrap(), NameBuf::from_text("a.example.").unwrap());
        // Names are lowercased before comparing: 'a' < 'b' although 'B' < 'a'.
        let mx_b = RData::Mx(Mx { preference: 10, exchange: b_up.as_name() });
        let mx_a = RData::Mx(Mx { preference: 10, exchange: a_low.as_name() });
        assert_eq!(canonical_rdata_cmp(&mx_a, &mx_b), Ordering::Less);
        // The absence of an octet sorts before a zero octet.
        let (s1, s2): (&[&[u8]], &[&[u8]]) = (&[b"a"], &[b"a", b""]);
        let (t1, t2) = (RData::Txt(CharStrings::from_slice(s1)), RData::Txt(CharStrings::from_slice(s2)));
        assert_eq!(canonical_rdata_cmp(&t1, &t2), Ordering::Less);
        // Long RDATA compare across windows.
        let xs = [b'x'; 255];
        let mut ys = xs;
        ys[254] = b'y';
        let (sa, sb): ([&[u8]; 4], [&[u8]; 4]) = ([&xs, &xs, &xs, &xs], [&xs, &xs, &xs, &ys]);
        let (la, lb) = (RData::Txt(CharStrings::from_slice(&sa)), RData::Txt(CharStrings::from_slice(&sb)));
        let mut long_b = Vec::new();
        for s in sb {
            long_b.push(255u8);
            long_b.extend_from_slice(s);
        }
        assert_eq!(canonical_rdata_cmp(&la, &lb), Ordering::Less);
        assert_eq!(canonical_rdata_cmp(&lb, &la), Ordering::Greater);
        assert_eq!(canonical_rdata_cmp(&la, &la), Ordering::Equal);
        let streamed = collect(|s| {
            write_canonical_rdata(&lb, s).unwrap();
        });
        assert_eq!(streamed, long_b);

        let a = |o: [u8; 4]| RData::A(o.into());
        let mut set =
            [rec(&owner, a([192, 0, 2, 10])), rec(&owner, a([10, 0, 0, 1])), rec(&owner, a([192, 0, 2, 9])), rec(&owner, a([192, 0, 2, 1]))];
        sort_rrset(&mut set);
        let got: Vec<_> = set.iter().map(|r| r.data).collect();
        assert_eq!(got, [a([10, 0, 0, 1]), a([192, 0, 2, 1]), a([192, 0, 2, 9]), a([192, 0, 2, 10])]);
        let mut mx = [rec(&owner, mx_b), rec(&owner, mx_a)];
        sort_rrset(&mut mx);
        assert_eq!(mx[0].data, mx_a);
    }

    #[test]
    #[cfg(feature = "dnssec")]
    fn nsec_next_name_keeps_its_case() {
        let owner = NameBuf::from_text("A.example.").unwrap();
        let next = NameBuf::from_text("B.Example.").unwrap();
        let nsec = Nsec { next: next.as_name(), types: TypeBitmap::from_wire(b"\x00\x01\x40").unwrap() };
        let record = rec(&owner, RData::Nsec(nsec));
        let data = collect(|s| write_canonical_record(&record, 300, s).unwrap());
        assert_eq!(data, b"\x01a\x07example\x00\x00\x2f\x00\x01\x00\x00\x01\x2c\x00\x0e\x01B\x07Example\x00\x00\x01\x40");
        // A CNAME target is lowercased.
        let record = rec(&owner, RData::Cname(next.as_name()));
        let data = collect(|s| write_canonical_record(&record, 300, s).unwrap());
        assert!(data.ends_with(b"\x00\x0b\x01b\x07example\x00"));
    }

    #[test]
    fn rrsig_signed_data_orders_dedups_and_expands_wildcards() {
        let owner = NameBuf::from_text("Host.Sub.example.").unwrap();
        let other = NameBuf::from_text("other.example.").unwrap();
        let signer = NameBuf::from_text("EXAMPLE.").unwrap();
        let rrsig = Rrsig {
            type_covered: Rtype::A,
            algorithm: 13,
            labels: 2,
            original_ttl: 3600,
            expiration: 2,
            inception: 1,
            key_tag: 0x1234,
            signer: signer.as_name(),
            signature: b"sig",
        };
        let a = |o: [u8; 4]| RData::A(o.into());
        let rrset = [
            rec(&owner, a([192, 0, 2, 2])),
            rec(&other, a([192, 0, 2, 0])),
            rec(&owner, a([192, 0, 2, 1])),
            rec(&owner, a([192, 0, 2, 2])),
            rec(&owner, RData::Cname(other.as_name())),
        ];
        let mut n = 0;
        let data = collect(|s| n = rrsig_signed_data(&rrsig, &owner.as_name(), Class::IN, &rrset, s).unwrap());
        assert_eq!(n, 2);
        let mut want = b"\x00\x01\x0d\x02\x00\x00\x0e\x10\x00\x00\x00\x02\x00\x00\x00\x01\x12\x34\x07example\x00".to_vec();
        for last in [1u8, 2] {
            want.extend_from_slice(b"\x01*\x03sub\x07example\x00\x00\x01\x00\x01\x00\x00\x0e\x10\x00\x04\xc0\x00\x02");
            want.push(last);
        }
        // labels 2 of a 3-label owner: `*.sub.example.`.
        assert_eq!(data, want);
        // Labels greater than the owner's count is invalid.
        let bad = Rrsig { labels: 4, ..rrsig };
        assert_eq!(rrsig_signed_data(&bad, &owner.as_name(), Class::IN, &rrset, &mut |_: &[u8]| {}), Err(EncodeError::InvalidValue));
    }

    #[test]
    fn slice_sink_reports_overflow() {
        let mut buf = [0u8; 4];
        let mut s = SliceSink::new(&mut buf);
        s.write(b"abc");
        s.write(b"de");
        s.write(b"f");
        assert_eq!(s.written(), b"abc");
        assert!(s.overflowed());
        assert_eq!(s.total(), 6);
    }
}
