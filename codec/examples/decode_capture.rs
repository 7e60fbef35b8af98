//! Decode the DNS messages of a packet capture: a classic pcap file of
//! Ethernet frames, IPv4 or IPv6, UDP on port 53. Each message is decoded
//! in place from the frame's octets, with no copy and no heap, and printed
//! as dig prints it; a malformed one is shown with the octet where it
//! breaks. (The `dnswire` command's `decode` reads pcapng, TCP, gzip and xz
//! too; this is the codec alone.)
//!
//! Run with `cargo run --example decode_capture FILE.pcap`.

use dnswire::Message;

/// The UDP payload of an Ethernet frame, when it is UDP to or from port 53.
fn dns_payload(frame: &[u8]) -> Option<&[u8]> {
    let ethertype = u16::from_be_bytes([*frame.get(12)?, *frame.get(13)?]);
    let (protocol, udp) = match ethertype {
        0x0800 => {
            let ihl = usize::from(frame.get(14)? & 0x0F).checked_mul(4)?;
            (*frame.get(23)?, frame.get(ihl.checked_add(14)?..)?)
        }
        0x86DD => (*frame.get(20)?, frame.get(54..)?),
        _ => return None,
    };
    let ports = [u16::from_be_bytes([*udp.first()?, *udp.get(1)?]), u16::from_be_bytes([*udp.get(2)?, *udp.get(3)?])];
    (protocol == 17 && ports.contains(&53)).then(|| udp.get(8..)).flatten()
}

fn main() -> Result<(), String> {
    let path = std::env::args().nth(1).ok_or("usage: decode_capture FILE.pcap")?;
    let file = std::fs::read(&path).map_err(|e| format!("{path}: {e}"))?;
    let magic = file.get(..4).ok_or("not a pcap file")?;
    let little = match magic {
        [0xD4, 0xC3, 0xB2, 0xA1] | [0x4D, 0x3C, 0xB2, 0xA1] => true,
        [0xA1, 0xB2, 0xC3, 0xD4] | [0xA1, 0xB2, 0x3C, 0x4D] => false,
        _ => return Err(format!("{path}: not a classic pcap file")),
    };
    let u32_at = |at: usize| -> Option<usize> {
        let b: [u8; 4] = file.get(at..at.checked_add(4)?)?.try_into().ok()?;
        usize::try_from(if little { u32::from_le_bytes(b) } else { u32::from_be_bytes(b) }).ok()
    };
    if u32_at(20) != Some(1) {
        return Err(format!("{path}: only Ethernet captures (link type 1)"));
    }
    let (mut at, mut frame_number) = (24usize, 0usize);
    while let Some(captured) = u32_at(at.saturating_add(8)) {
        frame_number = frame_number.saturating_add(1);
        let start = at.saturating_add(16);
        let end = start.saturating_add(captured);
        let Some(frame) = file.get(start..end) else { break };
        at = end;
        let Some(payload) = dns_payload(frame) else { continue };
        match Message::decode_at(payload) {
            Ok(message) => println!(";; frame {frame_number}\n{message}"),
            Err(failure) => println!(";; frame {frame_number}: malformed: {failure}\n"),
        }
    }
    Ok(())
}
