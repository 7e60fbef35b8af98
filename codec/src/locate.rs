//! Where a message that failed to decode went wrong, for tools that show the
//! fault. [`Message::decode`] stays as it is; the position is found by a
//! second, slower walk run only after it failed.

use core::fmt;

use crate::error::DecodeError;
use crate::header::Header;
use crate::iana::{Opcode, OptionCode, Rtype};
use crate::message::{MAX_MESSAGE_LEN, Message, update_zone};
use crate::name::{self, NameRules};
use crate::option::validate_option;
use crate::rdata::RData;
use crate::record::{Question, RawRecord, UpdateSection};
use crate::wire::Reader;

/// A message that could not be decoded: why, and where.
///
/// `offset` is the octet the reader stood on when it failed: the first octet
/// of the field that could not be read whole (0 for a short header), the
/// label or pointer that broke a name, the RDLENGTH that overran the
/// message, the record that may not stand where it does, the first octet of
/// trailing data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DecodeFailure {
    /// What was wrong (the error [`Message::decode`] returns).
    pub error: DecodeError,
    /// The octet offset of the fault from the start of the message.
    pub offset: usize,
}

impl fmt::Display for DecodeFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at octet {}", self.error, self.offset)
    }
}

impl core::error::Error for DecodeFailure {}

impl<'a> Message<'a> {
    /// [`Message::decode`], saying on failure at which octet the fault lies.
    ///
    /// Allocation-free; a successful decoding costs what `decode` costs, a
    /// failed one a second walk up to the fault.
    ///
    /// # Errors
    ///
    /// Whatever [`Message::decode`] refuses, as a [`DecodeFailure`]: the
    /// [`DecodeError`](crate::DecodeError) and the offset of the octet at fault.
    pub fn decode_at(wire: &'a [u8]) -> Result<Self, DecodeFailure> {
        Self::decode(wire).map_err(|error| DecodeFailure { error, offset: locate(wire) })
    }
}

/// The offset of the first fault of `wire`, found by walking it with the
/// checks of [`Message::decode`] in the same order.
fn locate(wire: &[u8]) -> usize {
    if wire.len() > MAX_MESSAGE_LEN {
        return MAX_MESSAGE_LEN;
    }
    let Some(header) = Header::decode(wire) else { return 0 };
    let mut r = Reader::new(wire);
    r.pos = Header::LEN;
    let mut first = None;
    for _ in 0..header.qdcount {
        crate::work::step();
        let at = r.pos;
        if let Some(fault) = name_fault(wire, at) {
            return fault;
        }
        match Question::decode(&mut r) {
            Ok(q) => {
                first.get_or_insert(q);
            }
            // The name was valid: the type and class are cut short.
            Err(_) => return r.pos,
        }
    }
    let update = header.flags.opcode() == Opcode::UPDATE;
    let zone_class = if update {
        match update_zone(header, first) {
            Ok(zone_class) => zone_class,
            Err(_) => return Header::LEN,
        }
    } else {
        None
    };
    let counts = [header.ancount, header.nscount, header.arcount];
    let mut opt_seen = false;
    for (section, &count) in counts.iter().enumerate() {
        let update_section = zone_class.map(|zone_class| UpdateSection { zone_class, prerequisite: section == 0 });
        for index in 0..count {
            crate::work::step();
            let at = r.pos;
            if let Some(fault) = name_fault(wire, at) {
                return fault;
            }
            let raw = match RawRecord::decode(&mut r) {
                Ok(raw) => raw,
                // The fixed fields were read: RDLENGTH is their last two octets.
                Err(DecodeError::RdataOverrun) => return r.pos.saturating_sub(2),
                // Cut short within the fixed fields, after the owner.
                Err(_) => return r.pos,
            };
            if raw.rtype == Rtype::OPT {
                if section != 2 || opt_seen || !raw.name.is_root() {
                    return at;
                }
                opt_seen = true;
                if let Some(fault) = option_fault(wire, raw.rdata_start, raw.rdata_end) {
                    return fault;
                }
                continue;
            }
            if raw.rtype == Rtype::TSIG
                && (section != 2 || index.checked_add(1) != Some(count) || raw.rdata_start == raw.rdata_end || raw.class != crate::iana::Class::ANY)
            {
                return at;
            }
            if zone_class.is_none() && update {
                return at;
            }
            if raw.plain_address(wire).is_some() {
                continue;
            }
            let record_update = update_section.filter(|_| raw.rtype != Rtype::TSIG);
            if raw.record(wire, record_update, false).is_err() {
                if record_update.is_some() {
                    return raw.rdata_start;
                }
                // Typed decoding again, to learn how far its reader got.
                let mut rdata = raw.rdata_reader(wire, false);
                // On an error, where it stood; when the typed RDATA was valid
                // but shorter than RDLENGTH, the first octet left over.
                let _ = RData::decode(raw.rtype, raw.class, false, &mut rdata);
                return rdata.pos;
            }
        }
    }
    // Nothing wrong in the records: what follows them is the fault.
    r.pos
}

/// Where the name at `pos` (compression allowed) breaks, if it does.
fn name_fault(wire: &[u8], pos: usize) -> Option<usize> {
    name::fault_at(wire, pos, wire.len(), DecodeError::Truncated, NameRules::COMPRESSED.decompress)
}

/// The first EDNS option of the OPT RDATA `wire[start..end]` that overruns it
/// or breaks its definition.
fn option_fault(wire: &[u8], start: usize, end: usize) -> Option<usize> {
    let mut at = start;
    while at < end {
        crate::work::step();
        let Some(body) = at.checked_add(4).filter(|&b| b <= end) else { return Some(at) };
        let Some(&[c0, c1, l0, l1]) = wire.get(at..body).and_then(|h| <&[u8; 4]>::try_from(h).ok()) else {
            return Some(at);
        };
        let stop = body.checked_add(usize::from(u16::from_be_bytes([l0, l1]))).filter(|&s| s <= end);
        let Some(data) = stop.and_then(|s| wire.get(body..s)) else { return Some(at) };
        if validate_option(OptionCode(u16::from_be_bytes([c0, c1])), data).is_err() {
            return Some(at);
        }
        at = stop.unwrap_or(end);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::DecodeFailure;
    use crate::{DecodeError, Message};

    /// A query header (id 0x1234, RD) with the four counts given.
    fn header(qd: u8, an: u8, ns: u8, ar: u8) -> [u8; 12] {
        [0x12, 0x34, 0x01, 0x00, 0, qd, 0, an, 0, ns, 0, ar]
    }

    fn message(counts: [u8; 4], body: &[u8]) -> [u8; 64] {
        let [qd, an, ns, ar] = counts;
        let mut wire = [0u8; 64];
        wire[..12].copy_from_slice(&header(qd, an, ns, ar));
        wire[12..12 + body.len()].copy_from_slice(body);
        wire
    }

    fn failure(wire: &[u8]) -> DecodeFailure {
        let failure = Message::decode_at(wire).err().unwrap();
        // The error is exactly decode's.
        assert_eq!(Some(failure.error), Message::decode(wire).err());
        failure
    }

    #[test]
    fn short_header_fails_at_zero() {
        assert_eq!(failure(&[0x12, 0x34, 0x01]), DecodeFailure { error: DecodeError::Truncated, offset: 0 });
    }

    #[test]
    fn pointer_to_itself_fails_at_the_pointer() {
        // The question name at 12 is a pointer to 12.
        let wire = message([1, 0, 0, 0], &[0xC0, 0x0C, 0, 1, 0, 1]);
        assert_eq!(failure(&wire[..18]), DecodeFailure { error: DecodeError::BadPointer, offset: 12 });
    }

    #[test]
    fn label_past_the_end_fails_at_its_length_octet() {
        // `a` (2 octets at 12), then a label of 5 at 14 with 2 octets left.
        let wire = message([1, 0, 0, 0], &[1, b'a', 5, b'b', b'c']);
        assert_eq!(failure(&wire[..17]), DecodeFailure { error: DecodeError::Truncated, offset: 14 });
    }

    #[test]
    fn short_question_fails_after_its_name() {
        // Root name at 12, then 2 of the 4 octets of type and class.
        let wire = message([1, 0, 0, 0], &[0, 0, 1]);
        assert_eq!(failure(&wire[..15]), DecodeFailure { error: DecodeError::Truncated, offset: 13 });
    }

    #[test]
    fn rdlength_past_the_end_fails_at_rdlength() {
        // Owner `.` at 12, type A, class IN, TTL (13..21), RDLENGTH 16 at 21, 4 octets.
        let wire = message([0, 1, 0, 0], &[0, 0, 1, 0, 1, 0, 0, 0, 60, 0, 16, 192, 0, 2, 1]);
        assert_eq!(failure(&wire[..27]), DecodeFailure { error: DecodeError::RdataOverrun, offset: 21 });
    }

    #[test]
    fn reserved_label_type_in_mx_exchange_fails_at_that_octet() {
        // RDATA at 23: preference (23, 24), then the exchange at 25 opens with 0x40.
        let wire = message([0, 1, 0, 0], &[0, 0, 15, 0, 1, 0, 0, 0, 60, 0, 4, 0, 10, 0x40, 0]);
        assert_eq!(failure(&wire[..27]), DecodeFailure { error: DecodeError::BadLabelType, offset: 25 });
    }

    #[test]
    fn address_longer_than_four_octets_fails_at_the_fifth() {
        // An IN A record whose RDLENGTH is 5: RDATA at 23, the extra octet at 27.
        let wire = message([0, 1, 0, 0], &[0, 0, 1, 0, 1, 0, 0, 0, 60, 0, 5, 192, 0, 2, 1, 9]);
        assert_eq!(failure(&wire[..28]), DecodeFailure { error: DecodeError::RdataLength, offset: 27 });
    }

    #[test]
    fn opt_in_the_answer_section_fails_at_its_record() {
        // A valid question `.` IN A (12..17), then an OPT record at 17.
        let wire = message([1, 1, 0, 0], &[0, 0, 1, 0, 1, 0, 0, 41, 4, 0xD0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(failure(&wire[..33]), DecodeFailure { error: DecodeError::OptMisplaced, offset: 17 });
    }

    #[test]
    fn bad_cookie_fails_at_its_option() {
        // OPT at 12: owner, type, class, TTL (12..21), RDLENGTH 10 (21, 22),
        // a 4-octet padding option at 23, a COOKIE of 2 octets at 27.
        let wire = message([0, 0, 0, 1], &[0, 0, 41, 4, 0xD0, 0, 0, 0, 0, 0, 10, 0, 12, 0, 0, 0, 10, 0, 2, 1, 2]);
        assert_eq!(failure(&wire[..33]), DecodeFailure { error: DecodeError::InvalidOption, offset: 27 });
    }

    #[test]
    fn trailing_octets_fail_where_they_start() {
        let wire = message([0, 0, 0, 0], &[1, 2, 3]);
        assert_eq!(failure(&wire[..15]), DecodeFailure { error: DecodeError::TrailingData, offset: 12 });
    }

    #[test]
    fn valid_message_decodes() {
        let wire = message([1, 0, 0, 0], &[0, 0, 1, 0, 1]);
        assert!(Message::decode_at(&wire[..17]).is_ok());
    }
}
