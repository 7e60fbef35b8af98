//! pcap / pcapng framing: walks the file's records and numbers the packets.

use pcap_parser::nom;
use pcap_parser::pcapng::{Block, SHB_MAGIC, parse_block_be, parse_block_le};
use pcap_parser::{
    PcapError, parse_pcap_frame, parse_pcap_frame_be, parse_pcap_frame_modified,
    parse_pcap_header,
};

use super::CaptureError;

/// One captured packet.
pub(super) struct Record<'a> {
    /// 1-based packet number.
    pub frame: u64,
    /// `None` when a pcapng packet names an interface that was never described.
    pub linktype: Option<u16>,
    pub data: &'a [u8],
    /// Length on the wire; more than `data.len()` when the snap length cut it.
    pub orig_len: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Ending {
    Complete,
    /// The last record stops mid-way (the capture was killed while writing).
    CutShort,
}

/// Pre-2009 pcapng Packet Block, still written by some old tools.
const OBSOLETE_PACKET_BLOCK: u32 = 2;

/// Calls `packet` for each packet of a pcap or pcapng file, in file order.
pub(super) fn read_records<'a>(
    bytes: &'a [u8],
    packet: impl FnMut(Record<'a>),
) -> Result<Ending, CaptureError> {
    match bytes.get(..4) {
        Some(magic) if magic == SHB_MAGIC.to_le_bytes() => read_pcapng(bytes, packet),
        Some(_) => read_pcap(bytes, packet),
        None => Err(CaptureError::NotCapture),
    }
}

fn read_pcap<'a>(bytes: &'a [u8], mut packet: impl FnMut(Record<'a>)) -> Result<Ending, CaptureError> {
    let (mut rest, header) = match parse_pcap_header(bytes) {
        Ok(parsed) => parsed,
        Err(nom::Err::Error(PcapError::HeaderNotRecognized)) => return Err(CaptureError::NotCapture),
        Err(e) => return Err(corrupt(0, 0, e)),
    };
    let parse_frame = if header.is_modified_format() {
        parse_pcap_frame_modified
    } else if header.is_bigendian() {
        parse_pcap_frame_be
    } else {
        parse_pcap_frame
    };
    // The upper 16 bits of the field carry FCS-length flags, not the link type.
    let linktype = Some(header.network.0 as u16);
    let mut frame = 0;
    while !rest.is_empty() {
        let offset = bytes.len() - rest.len();
        let (next, block) = match parse_frame(rest) {
            Ok(parsed) => parsed,
            Err(nom::Err::Incomplete(_)) => return Ok(Ending::CutShort),
            Err(e) => return Err(corrupt(offset, frame, e)),
        };
        rest = next;
        frame += 1;
        let orig_len = block.origlen as usize;
        packet(Record { frame, linktype, data: block.data, orig_len });
    }
    Ok(Ending::Complete)
}

fn read_pcapng<'a>(bytes: &'a [u8], mut packet: impl FnMut(Record<'a>)) -> Result<Ending, CaptureError> {
    let mut rest = bytes;
    let mut big_endian = false;
    // Per section: link type and snap length of each interface, by interface id.
    let mut interfaces: Vec<(u16, usize)> = Vec::new();
    let mut frame = 0;
    while !rest.is_empty() {
        let offset = bytes.len() - rest.len();
        let parsed = if big_endian { parse_block_be(rest) } else { parse_block_le(rest) };
        let (next, block) = match parsed {
            Ok(parsed) => parsed,
            Err(nom::Err::Incomplete(_)) => return Ok(Ending::CutShort),
            Err(e) => return Err(corrupt(offset, frame, e)),
        };
        rest = next;
        let interface = |id: usize| interfaces.get(id).copied();
        let (if_id, data, orig_len) = match block {
            Block::SectionHeader(shb) => {
                big_endian = shb.big_endian();
                interfaces.clear();
                continue;
            }
            Block::InterfaceDescription(idb) => {
                interfaces.push((idb.linktype.0 as u16, idb.snaplen as usize));
                continue;
            }
            // Block data is padded to 4 bytes: cut it to the captured length.
            Block::EnhancedPacket(epb) => (epb.if_id as usize, prefix(epb.data, epb.caplen as usize), epb.origlen),
            Block::SimplePacket(spb) => {
                // No captured length here: it is the original length cut to interface 0's snap length.
                let snaplen = interface(0).map_or(0, |(_, snaplen)| snaplen);
                let caplen = if snaplen > 0 { snaplen.min(spb.origlen as usize) } else { spb.origlen as usize };
                (0, prefix(spb.data, caplen), spb.origlen)
            }
            Block::Unknown(b) if block_type(b.block_type, big_endian) == OBSOLETE_PACKET_BLOCK => {
                match obsolete_packet(b.data, big_endian) {
                    Some(fields) => fields,
                    None => {
                        let detail = "bad obsolete Packet Block".to_string();
                        return Err(CaptureError::Corrupt { offset, packets: frame, detail });
                    }
                }
            }
            _ => continue,
        };
        frame += 1;
        let linktype = interface(if_id).map(|(linktype, _)| linktype);
        packet(Record { frame, linktype, data, orig_len: orig_len as usize });
    }
    Ok(Ending::Complete)
}

fn prefix(data: &[u8], len: usize) -> &[u8] {
    &data[..len.min(data.len())]
}

/// Interface id, captured data and original length of an obsolete Packet Block body.
fn obsolete_packet(body: &[u8], big_endian: bool) -> Option<(usize, &[u8], u32)> {
    let u32_at = |at: usize| -> Option<u32> {
        let b: [u8; 4] = body.get(at..at + 4)?.try_into().ok()?;
        Some(if big_endian { u32::from_be_bytes(b) } else { u32::from_le_bytes(b) })
    };
    let id: [u8; 2] = body.get(..2)?.try_into().ok()?;
    let if_id = if big_endian { u16::from_be_bytes(id) } else { u16::from_le_bytes(id) };
    let caplen = u32_at(12)? as usize;
    let data = body.get(20..20usize.checked_add(caplen)?)?;
    Some((if_id as usize, data, u32_at(16)?))
}

/// Block type as read from a block the parser did not know: always little-endian.
fn block_type(raw: u32, big_endian: bool) -> u32 {
    if big_endian { raw.swap_bytes() } else { raw }
}

fn corrupt(offset: usize, packets: u64, error: nom::Err<PcapError<&[u8]>>) -> CaptureError {
    // The parser's error holds the rest of the file: keep only its kind.
    let detail = match error {
        nom::Err::Error(e) | nom::Err::Failure(e) => match e {
            PcapError::NomError(_, kind) | PcapError::OwnedNomError(_, kind) => {
                format!("invalid record ({kind:?})")
            }
            other => other.to_string(),
        },
        nom::Err::Incomplete(_) => "incomplete record".to_string(),
    };
    CaptureError::Corrupt { offset, packets, detail }
}
