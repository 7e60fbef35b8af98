//! pcap / pcapng framing: walks the file's records and numbers the packets.

use pcap_parser::nom;
use pcap_parser::pcapng::{Block, SHB_MAGIC, parse_block_be, parse_block_le};
use pcap_parser::{PcapError, parse_pcap_frame, parse_pcap_frame_be, parse_pcap_frame_modified, parse_pcap_header};

use super::CaptureError;
use super::time::CaptureTime;

/// One captured packet.
pub(super) struct Record<'a> {
    /// 1-based packet number.
    pub frame: u64,
    /// `None` when a pcapng packet names an interface that was never described.
    pub linktype: Option<u16>,
    pub data: &'a [u8],
    /// Length on the wire; more than `data.len()` when the snap length cut it.
    pub orig_len: usize,
    /// When it was captured (`None` for pcapng blocks without a timestamp).
    pub time: Option<CaptureTime>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Ending {
    Complete,
    /// The last record stops mid-way (the capture was killed while writing).
    CutShort,
}

/// Pre-2009 pcapng Packet Block, still written by some old tools.
const OBSOLETE_PACKET_BLOCK: u32 = 2;

/// Longest pcap record and pcapng block taken for real (Wireshark's limits): one
/// claiming more than this past the end of the file is corrupt, not cut short.
const MAX_RECORD: u32 = 256 * 1024;
const MAX_BLOCK: u32 = 16 * 1024 * 1024;

/// Calls `packet` for each packet of a pcap or pcapng file, in file order.
pub(super) fn read_records<'a>(bytes: &'a [u8], packet: impl FnMut(Record<'a>)) -> Result<Ending, CaptureError> {
    match bytes.get(..4) {
        Some(magic) if magic == SHB_MAGIC.to_le_bytes() => read_pcapng(bytes, packet),
        Some(_) => read_pcap(bytes, packet),
        None => Err(CaptureError::NotCapture),
    }
}

fn read_pcap<'a>(bytes: &'a [u8], mut packet: impl FnMut(Record<'a>)) -> Result<Ending, CaptureError> {
    let (mut rest, header) = match parse_pcap_header(bytes) {
        Ok(parsed) => parsed,
        Err(nom::Err::Error(PcapError::HeaderNotRecognized)) => {
            return Err(CaptureError::NotCapture);
        }
        Err(e) => return Err(corrupt(0, 0, describe(e))),
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
    let per_second = if header.is_nanosecond_precision() { 1_000_000_000 } else { 1_000_000 };
    let mut frame = 0;
    while !rest.is_empty() {
        let offset = bytes.len() - rest.len();
        let (next, block) = match parse_frame(rest) {
            Ok(parsed) => parsed,
            Err(nom::Err::Incomplete(_)) => {
                let caplen = u32_at(rest, 8, header.is_bigendian());
                return cut_short(caplen, MAX_RECORD, offset, frame);
            }
            Err(e) => return Err(corrupt(offset, frame, describe(e))),
        };
        rest = next;
        frame += 1;
        let orig_len = block.origlen as usize;
        let ticks = u64::from(block.ts_sec) * per_second + u64::from(block.ts_usec);
        packet(Record { frame, linktype, data: block.data, orig_len, time: CaptureTime::from_ticks(ticks, per_second, 0) });
    }
    Ok(Ending::Complete)
}

fn read_pcapng<'a>(bytes: &'a [u8], mut packet: impl FnMut(Record<'a>)) -> Result<Ending, CaptureError> {
    let mut rest = bytes;
    let mut big_endian = false;
    // Per section: link type, snap length and clock of each interface, by interface id.
    let mut interfaces: Vec<(u16, usize, Clock)> = Vec::new();
    let mut frame = 0;
    while !rest.is_empty() {
        let offset = bytes.len() - rest.len();
        let parsed = if big_endian { parse_block_be(rest) } else { parse_block_le(rest) };
        let (next, block) = match parsed {
            Ok(parsed) => parsed,
            Err(nom::Err::Incomplete(_)) => {
                return cut_short(u32_at(rest, 4, big_endian), MAX_BLOCK, offset, frame);
            }
            Err(e) => return Err(corrupt(offset, frame, describe(e))),
        };
        rest = next;
        let interface = |id: usize| interfaces.get(id).copied();
        let (if_id, data, orig_len, ticks) = match block {
            Block::SectionHeader(shb) => {
                big_endian = shb.big_endian();
                interfaces.clear();
                continue;
            }
            Block::InterfaceDescription(idb) => {
                let clock = Clock { per_second: idb.ts_resolution().unwrap_or(0), offset: idb.ts_offset() };
                interfaces.push((idb.linktype.0 as u16, idb.snaplen as usize, clock));
                continue;
            }
            // Block data is padded to 4 bytes: cut it to the captured length.
            Block::EnhancedPacket(epb) => {
                (epb.if_id as usize, prefix(epb.data, epb.caplen as usize), epb.origlen, Some((u64::from(epb.ts_high) << 32) | u64::from(epb.ts_low)))
            }
            Block::SimplePacket(spb) => {
                // No captured length here: it is the original length cut to interface 0's snap length.
                let snaplen = interface(0).map_or(0, |(_, snaplen, _)| snaplen);
                let caplen = if snaplen > 0 { snaplen.min(spb.origlen as usize) } else { spb.origlen as usize };
                (0, prefix(spb.data, caplen), spb.origlen, None)
            }
            Block::Unknown(b) if block_type(b.block_type, big_endian) == OBSOLETE_PACKET_BLOCK => match obsolete_packet(b.data, big_endian) {
                Some((if_id, data, orig_len)) => (if_id, data, orig_len, None),
                None => return Err(corrupt(offset, frame, "bad obsolete Packet Block".into())),
            },
            _ => continue,
        };
        frame += 1;
        let linktype = interface(if_id).map(|(linktype, _, _)| linktype);
        let time = ticks.zip(interface(if_id)).and_then(|(ticks, (_, _, clock))| CaptureTime::from_ticks(ticks, clock.per_second, clock.offset));
        packet(Record { frame, linktype, data, orig_len: orig_len as usize, time });
    }
    Ok(Ending::Complete)
}

/// A pcapng interface's timestamp unit and offset (seconds).
#[derive(Clone, Copy)]
struct Clock {
    per_second: u64,
    offset: i64,
}

fn prefix(data: &[u8], len: usize) -> &[u8] {
    &data[..len.min(data.len())]
}

/// Interface id, captured data and original length of an obsolete Packet Block body.
fn obsolete_packet(body: &[u8], big_endian: bool) -> Option<(usize, &[u8], u32)> {
    let &[a, b, ..] = body else { return None };
    let if_id = if big_endian { u16::from_be_bytes([a, b]) } else { u16::from_le_bytes([a, b]) };
    let caplen = u32_at(body, 12, big_endian)? as usize;
    let data = body.get(20..20usize.checked_add(caplen)?)?;
    Some((if_id.into(), data, u32_at(body, 16, big_endian)?))
}

fn u32_at(bytes: &[u8], at: usize, big_endian: bool) -> Option<u32> {
    let b: [u8; 4] = bytes.get(at..at.checked_add(4)?)?.try_into().ok()?;
    Some(if big_endian { u32::from_be_bytes(b) } else { u32::from_le_bytes(b) })
}

/// Block type as read from a block the parser did not know: always little-endian.
fn block_type(raw: u32, big_endian: bool) -> u32 {
    if big_endian { raw.swap_bytes() } else { raw }
}

/// A record running past the end of the file: cut short, unless its length is absurd.
fn cut_short(declared: Option<u32>, max: u32, offset: usize, packets: u64) -> Result<Ending, CaptureError> {
    match declared {
        Some(len) if len > max => Err(corrupt(offset, packets, format!("record length {len} too large"))),
        _ => Ok(Ending::CutShort),
    }
}

fn corrupt(offset: usize, packets: u64, detail: String) -> CaptureError {
    CaptureError::Corrupt { offset, packets, detail }
}

/// The parser's error holds the rest of the file: keep only its kind.
fn describe(error: nom::Err<PcapError<&[u8]>>) -> String {
    match error {
        nom::Err::Error(e) | nom::Err::Failure(e) => match e {
            PcapError::NomError(_, kind) | PcapError::OwnedNomError(_, kind) => {
                format!("invalid record ({kind:?})")
            }
            other => other.to_string(),
        },
        nom::Err::Incomplete(_) => "incomplete record".to_string(),
    }
}
