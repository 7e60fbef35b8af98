//! A master file to wire: every record of a zone, read with the codec's
//! streaming zone reader, packed into compressed response messages as a
//! zone transfer would send them (RFC 5936 §2.2: as many records a message
//! as fit), each printed as one line of hex. Fixed buffers only: the same
//! loop runs on a microcontroller that keeps its zone in flash.
//!
//! Run with `cargo run --example zone_to_wire [ZONE_FILE [ORIGIN]]`; with no
//! file it reads a small zone of its own.

use dnswire::text::zone::{NoIncludes, ZoneReader};
use dnswire::{EncodeError, Flags, Header, MessageBuilder, NameBuf};

const SAMPLE: &[u8] = b"$ORIGIN example.
$TTL 1h
@ SOA ns hostmaster ( 2024010101 7200 3600 1209600 300 )
  NS ns
ns A 192.0.2.1
www CNAME ns
$GENERATE 1-3 host$ AAAA 2001:db8::$
";

/// The largest message a zone transfer over TCP may carry.
const MESSAGE: usize = 65_535;

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let file = match args.first() {
        Some(path) => std::fs::read(path).map_err(|e| format!("{path}: {e}"))?,
        None => SAMPLE.to_vec(),
    };
    let mut text = [0u8; 4096];
    let mut reader = ZoneReader::new(&file[..], NoIncludes::new(), &mut text);
    if let Some(origin) = args.get(1) {
        reader = reader.with_origin(NameBuf::from_text(origin).map_err(|e| format!("{origin}: {e}"))?);
    }
    let mut rdata = [0u8; 65_535];
    let mut out = vec![0u8; MESSAGE];
    let header = Header { flags: Flags::default().with_qr(true).with_aa(true), ..Header::default() };
    let mut builder = MessageBuilder::new(&mut out, header).map_err(|e| e.to_string())?;
    let (mut messages, mut records) = (0usize, 0usize);
    while let Some(read) = reader.next_record(&mut rdata) {
        let read = read.map_err(|e| e.to_string())?;
        let record = read.record.record();
        match builder.answer(&record) {
            Ok(()) => {}
            // Full: send this message and start the next with the record.
            Err(EncodeError::NoSpace) => {
                println!("{}", hex(builder.finish().map_err(|e| e.to_string())?));
                messages = messages.saturating_add(1);
                builder = MessageBuilder::new(&mut out, header).map_err(|e| e.to_string())?;
                builder.answer(&record).map_err(|e| e.to_string())?;
            }
            Err(e) => return Err(format!("line {}: {e}", read.line)),
        }
        records = records.saturating_add(1);
    }
    if !builder.is_empty() {
        println!("{}", hex(builder.finish().map_err(|e| e.to_string())?));
        messages = messages.saturating_add(1);
    }
    eprintln!("{records} records in {messages} messages");
    Ok(())
}

fn hex(octets: &[u8]) -> String {
    octets.iter().map(|b| format!("{b:02x}")).collect()
}
