//! A whole query in one call: header, one question and an OPT record, each
//! written where it stands. No compressor (one name has nothing to point
//! to), no OPT record staged at the buffer's tail and moved, no type table:
//! the smallest client links this and little else.

use crate::edns::Edns;
use crate::error::EncodeError;
use crate::header::Header;
use crate::iana::Rtype;
use crate::record::Question;

/// Writes a query into `buf`: `header`'s id and flags with one question and,
/// when `edns` is given, its OPT record (RFC 6891 §6.1.2); the counts are set
/// here. Returns the message. The result equals what [`MessageBuilder`]
/// writes for the same question and OPT record.
///
/// ```
/// use dnswire::{Class, Edns, Flags, Header, NameBuf, Question, Rtype, encode_query};
/// let qname = NameBuf::from_text("example.com.").unwrap();
/// let question = Question { qname: qname.as_name(), qtype: Rtype::A, qclass: Class::IN };
/// let header = Header { id: 0x1234, flags: Flags::default().with_rd(true), ..Header::default() };
/// let mut buf = [0u8; 512];
/// let wire = encode_query(&mut buf, header, &question, Some(&Edns::default())).unwrap();
/// assert_eq!(wire.len(), 12 + 17 + 11);
/// ```
///
/// # Errors
/// [`EncodeError::NoSpace`] if `buf` is too small,
/// [`EncodeError::NameTooLong`] for a label over 63 octets,
/// [`EncodeError::InvalidValue`] for an option the decoder would refuse,
/// [`EncodeError::RdataTooLong`] for options over 65535 octets.
///
/// [`MessageBuilder`]: crate::MessageBuilder
pub fn encode_query<'b>(buf: &'b mut [u8], header: Header, question: &Question<'_>, edns: Option<&Edns<'_>>) -> Result<&'b mut [u8], EncodeError> {
    let header = Header { qdcount: 1, ancount: 0, nscount: 0, arcount: u16::from(edns.is_some()), ..header };
    let mut out = Out { buf, len: 0 };
    out.bytes(&header.to_bytes())?;
    for label in question.qname.labels() {
        let len = u8::try_from(label.len()).map_err(|_| EncodeError::NameTooLong)?;
        out.bytes(&[len])?;
        out.bytes(label)?;
    }
    let [t0, t1] = question.qtype.0.to_be_bytes();
    let [c0, c1] = question.qclass.0.to_be_bytes();
    out.bytes(&[0, t0, t1, c0, c1])?;
    if let Some(edns) = edns {
        // Options the decoder would refuse are refused here too, as by
        // `MessageBuilder::edns`.
        if edns.options.iter().any(|o| crate::option::validate_option(o.code, o.data).is_err()) {
            return Err(EncodeError::InvalidValue);
        }
        let rdlen = edns.wire_len().checked_sub(11).and_then(|n| u16::try_from(n).ok()).ok_or(EncodeError::RdataTooLong)?;
        let [p0, p1] = edns.udp_payload_size.to_be_bytes();
        let [f0, f1] = edns.flags.0.to_be_bytes();
        let [r0, r1] = rdlen.to_be_bytes();
        let [o0, o1] = Rtype::OPT.0.to_be_bytes();
        out.bytes(&[0, o0, o1, p0, p1, edns.extended_rcode, edns.version, f0, f1, r0, r1])?;
        for o in edns.options.iter() {
            let [k0, k1] = o.code.0.to_be_bytes();
            let [l0, l1] = u16::try_from(o.data.len()).map_err(|_| EncodeError::RdataTooLong)?.to_be_bytes();
            out.bytes(&[k0, k1, l0, l1])?;
            out.bytes(o.data)?;
        }
    }
    let Out { buf, len } = out;
    buf.get_mut(..len).ok_or(EncodeError::NoSpace)
}

/// The output and how much of it is written.
struct Out<'b> {
    buf: &'b mut [u8],
    len: usize,
}

impl Out<'_> {
    /// Copies octet by octet: a query's fields are a few octets each, and
    /// the loop (with its room check per octet) keeps `memcpy`, which is as
    /// large as the rest of this file, out of a program that needs no other.
    fn bytes(&mut self, data: &[u8]) -> Result<(), EncodeError> {
        for &octet in data {
            if self.len >= crate::message::MAX_MESSAGE_LEN {
                return Err(EncodeError::NoSpace);
            }
            *self.buf.get_mut(self.len).ok_or(EncodeError::NoSpace)? = octet;
            self.len = self.len.saturating_add(1);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::encode_query;
    use crate::{Class, Edns, EdnsFlags, EdnsOption, EdnsOptions, EncodeError, Flags, Header, NameBuf, OptionCode, Question, Rtype};

    fn question(name: &NameBuf) -> Question<'_> {
        Question { qname: name.as_name(), qtype: Rtype::AAAA, qclass: Class::IN }
    }

    fn header() -> Header {
        Header { id: 0xbeef, flags: Flags::default().with_rd(true), ..Header::default() }
    }

    /// RFC 1035 §4.1 header and question, RFC 6891 §6.1.2 OPT record, RFC 7873
    /// §4 cookie option, laid out by hand.
    #[test]
    fn query_with_edns_and_a_cookie() {
        let name = NameBuf::from_text("example.com.").unwrap();
        let opts = [EdnsOption { code: OptionCode::COOKIE, data: &[1, 2, 3, 4, 5, 6, 7, 8] }];
        let edns = Edns {
            udp_payload_size: 1232,
            extended_rcode: 0,
            version: 0,
            flags: EdnsFlags(0).with_dnssec_ok(true),
            options: EdnsOptions::from_slice(&opts),
        };
        let mut buf = [0u8; 512];
        let wire = encode_query(&mut buf, header(), &question(&name), Some(&edns)).unwrap();
        let expected: &[u8] = b"\xbe\xef\x01\x00\x00\x01\x00\x00\x00\x00\x00\x01\
            \x07example\x03com\x00\x00\x1c\x00\x01\
            \x00\x00\x29\x04\xd0\x00\x00\x80\x00\x00\x0c\x00\x0a\x00\x08\x01\x02\x03\x04\x05\x06\x07\x08";
        assert_eq!(wire, expected);
    }

    #[test]
    fn query_without_edns_has_no_additional_record() {
        let name = NameBuf::from_text("a.").unwrap();
        let mut buf = [0u8; 64];
        let wire = encode_query(&mut buf, header(), &question(&name), None).unwrap();
        assert_eq!(wire, b"\xbe\xef\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x01a\x00\x00\x1c\x00\x01");
    }

    #[test]
    fn query_larger_than_the_buffer_is_no_space() {
        let name = NameBuf::from_text("example.com.").unwrap();
        let mut buf = [0u8; 39];
        assert_eq!(encode_query(&mut buf, header(), &question(&name), Some(&Edns::default())), Err(EncodeError::NoSpace));
    }

    #[test]
    fn malformed_cookie_is_refused() {
        let name = NameBuf::from_text("a.").unwrap();
        let opts = [EdnsOption { code: OptionCode::COOKIE, data: &[1, 2, 3] }];
        let edns = Edns { options: EdnsOptions::from_slice(&opts), ..Edns::default() };
        let mut buf = [0u8; 64];
        assert_eq!(encode_query(&mut buf, header(), &question(&name), Some(&edns)), Err(EncodeError::InvalidValue));
    }
}
