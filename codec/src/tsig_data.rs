//! The data a TSIG MAC covers (RFC 8945 §4.3.3, §5.3.1), streamed into a
//! [`Sink`] so that the caller computes the HMAC with the library of its
//! choice. Nothing here knows keys or hashes.
//!
//! - A request, or a lone response: [`tsig_signed_data`] (with the request's
//!   MAC when verifying a response).
//! - The later messages of a multi-message response (AXFR, IXFR over TCP):
//!   [`tsig_timers_signed_data`], with the previous signed message's MAC and
//!   any unsigned messages in between.

use crate::dnssec::{Sink, write_canonical_name};
use crate::header::Header;
use crate::iana::{Class, Rtype};
use crate::message::Message;
use crate::name::Name;
use crate::rdata::{RData, Tsig};
use crate::record::{Question, RawRecord};
use crate::wire::Reader;

/// The TSIG record of a message, where it stands.
#[cfg_attr(docsrs, doc(cfg(feature = "tsig")))]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TsigRecord<'a> {
    /// The offset in the message where the TSIG record starts (its owner).
    pub start: usize,
    /// The owner: the key's name.
    pub key_name: Name<'a>,
    /// The class (ANY).
    pub class: Class,
    /// The TTL (0).
    pub ttl: u32,
    /// The TSIG RDATA.
    pub tsig: Tsig<'a>,
}

/// Finds the TSIG record, the last of the additional section (RFC 8945 §5.1;
/// [`Message::decode`] refuses it anywhere else).
#[cfg_attr(docsrs, doc(cfg(feature = "tsig")))]
pub fn find_tsig<'a>(msg: &Message<'a>) -> Option<TsigRecord<'a>> {
    let wire = msg.as_bytes();
    let header = msg.header();
    let mut r = Reader::new(wire);
    r.pos = Header::LEN;
    for _ in 0..header.qdcount {
        Question::decode(&mut r).ok()?;
    }
    let total = u32::from(header.ancount).saturating_add(u32::from(header.nscount)).saturating_add(u32::from(header.arcount));
    let mut last = None;
    for _ in 0..total {
        let start = r.pos;
        last = Some((start, RawRecord::decode(&mut r).ok()?));
    }
    let (start, raw) = last?;
    if raw.rtype != Rtype::TSIG {
        return None;
    }
    let record = raw.record(wire, None, false).ok()?;
    match record.data {
        RData::Tsig(tsig) => Some(TsigRecord { start, key_name: raw.name, class: raw.class, ttl: raw.ttl, tsig }),
        _ => None,
    }
}

/// Writes a MAC with its two-octet length (the request MAC and prior MAC of
/// RFC 8945 §4.3.1, §5.3.1).
fn write_mac<S: Sink + ?Sized>(mac: &[u8], sink: &mut S) {
    let len = u16::try_from(mac.len()).unwrap_or(u16::MAX);
    sink.write(&len.to_be_bytes());
    sink.write(mac);
}

/// Writes the message as the MAC covers it: the original id in place of the
/// id, ARCOUNT one less, and everything up to the TSIG record.
fn write_stripped<S: Sink + ?Sized>(msg: &Message<'_>, rec: &TsigRecord<'_>, sink: &mut S) {
    let wire = msg.as_bytes();
    let header = msg.header();
    sink.write(&rec.tsig.original_id.to_be_bytes());
    sink.write(wire.get(2..10).unwrap_or(&[]));
    sink.write(&header.arcount.saturating_sub(1).to_be_bytes());
    sink.write(wire.get(Header::LEN..rec.start).unwrap_or(&[]));
}

/// Writes the 48-bit time signed and the fudge (the TSIG timers).
fn write_timers<S: Sink + ?Sized>(tsig: &Tsig<'_>, sink: &mut S) {
    let time = tsig.time_signed.to_be_bytes();
    sink.write(time.get(2..).unwrap_or(&[]));
    sink.write(&tsig.fudge.to_be_bytes());
}

/// Streams the data the MAC of `msg`'s TSIG record covers (RFC 8945 §4.3.3):
/// the request MAC with its length (when `request_mac` is given, to verify a
/// response), the message with its original id, ARCOUNT decremented and
/// without the TSIG record, then the TSIG variables: key name (canonical),
/// class, TTL, algorithm name (canonical), time signed, fudge, error, other
/// length and other data. Returns the TSIG record, or `None` (and writes
/// nothing) when the message has none.
#[cfg_attr(docsrs, doc(cfg(feature = "tsig")))]
pub fn tsig_signed_data<'a, S: Sink + ?Sized>(msg: &Message<'a>, request_mac: Option<&[u8]>, sink: &mut S) -> Option<TsigRecord<'a>> {
    let rec = find_tsig(msg)?;
    if let Some(mac) = request_mac {
        write_mac(mac, sink);
    }
    write_stripped(msg, &rec, sink);
    write_canonical_name(&rec.key_name, sink);
    sink.write(&rec.class.0.to_be_bytes());
    sink.write(&rec.ttl.to_be_bytes());
    write_canonical_name(&rec.tsig.algorithm, sink);
    write_timers(&rec.tsig, sink);
    sink.write(&rec.tsig.error.to_be_bytes());
    write_mac(rec.tsig.other, sink);
    Some(rec)
}

/// Streams the data the MAC of a later message of a multi-message response
/// covers (RFC 8945 §5.3.1): the prior MAC with its length, the unsigned
/// messages since the prior signed one (as received), this message with its
/// original id, ARCOUNT decremented and without the TSIG record, then the
/// timers only (time signed and fudge). Returns the TSIG record, or `None`
/// (and writes nothing) when the message has none.
#[cfg_attr(docsrs, doc(cfg(feature = "tsig")))]
pub fn tsig_timers_signed_data<'a, S: Sink + ?Sized>(
    msg: &Message<'a>,
    prior_mac: &[u8],
    unsigned_between: &[&[u8]],
    sink: &mut S,
) -> Option<TsigRecord<'a>> {
    let rec = find_tsig(msg)?;
    write_mac(prior_mac, sink);
    for m in unsigned_between {
        sink.write(m);
    }
    write_stripped(msg, &rec, sink);
    write_timers(&rec.tsig, sink);
    Some(rec)
}

#[cfg(test)]
mod tests {
    extern crate std;
    use std::vec::Vec;

    use super::*;
    use crate::{Flags, MessageBuilder, NameBuf, Question, Record};

    /// A query for `example.` A, id 0x1234, signed by `Key.` with hmac-sha256.
    fn signed_query(buf: &mut [u8]) -> usize {
        let qname = NameBuf::from_text("example.").unwrap();
        let key = NameBuf::from_text("Key.").unwrap();
        let alg = NameBuf::from_text("HMAC-SHA256.").unwrap();
        let header = Header { id: 0x1234, flags: Flags::default().with_rd(true), ..Header::default() };
        let mut b = MessageBuilder::new(buf, header).unwrap();
        b.question(&Question { qname: qname.as_name(), qtype: Rtype::A, qclass: Class::IN }).unwrap();
        let tsig =
            Tsig { algorithm: alg.as_name(), time_signed: 0x0001_0203_0405, fudge: 300, mac: &[0xaa; 32], original_id: 0x4321, error: 0, other: &[] };
        b.additional(&Record { name: key.as_name(), class: Class::ANY, ttl: 0, data: RData::Tsig(tsig) }).unwrap();
        b.finish().unwrap().len()
    }

    fn collect(f: impl FnOnce(&mut dyn FnMut(&[u8]))) -> Vec<u8> {
        let mut out = Vec::new();
        f(&mut |d: &[u8]| out.extend_from_slice(d));
        out
    }

    #[test]
    fn signed_data_strips_the_tsig_record() {
        let mut buf = [0u8; 512];
        let n = signed_query(&mut buf);
        let msg = Message::decode(&buf[..n]).unwrap();
        let rec = find_tsig(&msg).unwrap();
        assert_eq!(rec.start, 12 + 13);
        assert_eq!(rec.tsig.mac, &[0xaa; 32]);
        let data = collect(|s| {
            tsig_signed_data(&msg, Some(b"\x01\x02"), s).unwrap();
        });
        let mut want = b"\x00\x02\x01\x02\x43\x21\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00".to_vec();
        want.extend_from_slice(b"\x07example\x00\x00\x01\x00\x01");
        want.extend_from_slice(b"\x03key\x00\x00\xff\x00\x00\x00\x00\x0bhmac-sha256\x00");
        want.extend_from_slice(b"\x00\x01\x02\x03\x04\x05\x01\x2c\x00\x00\x00\x00");
        assert_eq!(data, want);

        let data = collect(|s| {
            tsig_timers_signed_data(&msg, b"\x09", &[b"raw"], s).unwrap();
        });
        let mut want = b"\x00\x01\x09raw\x43\x21\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00".to_vec();
        want.extend_from_slice(b"\x07example\x00\x00\x01\x00\x01");
        want.extend_from_slice(b"\x00\x01\x02\x03\x04\x05\x01\x2c");
        assert_eq!(data, want);
    }

    #[test]
    fn no_tsig_writes_nothing() {
        let qname = NameBuf::from_text("example.").unwrap();
        let mut buf = [0u8; 64];
        let mut b = MessageBuilder::new(&mut buf, Header::default()).unwrap();
        b.question(&Question { qname: qname.as_name(), qtype: Rtype::A, qclass: Class::IN }).unwrap();
        let wire = b.finish().unwrap();
        let msg = Message::decode(wire).unwrap();
        let data = collect(|s| assert!(tsig_signed_data(&msg, None, s).is_none()));
        assert!(data.is_empty());
    }
}
