//! A whole message in dig's layout, written through `core::fmt`.

use core::fmt;

use crate::iana::{Opcode, Rcode, Rtype};
use crate::message::{Message, Section};

impl fmt::Display for Message<'_> {
    /// The header, flags and counts lines, the OPT pseudo-section, then each
    /// non-empty section under its title, as `dig` prints them (UPDATE messages
    /// get dig's ZONE, PREREQUISITE and UPDATE titles).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let h = self.header();
        let update = self.opcode() == Opcode::UPDATE;
        write!(f, ";; ->>HEADER<<- opcode: {}, status: ", self.opcode())?;
        write_status(f, self.rcode())?;
        writeln!(f, ", id: {}", h.id)?;
        f.write_str(";; flags:")?;
        let flags = h.flags;
        for (on, text) in [
            (flags.qr(), " qr"),
            (flags.aa(), " aa"),
            (flags.tc(), " tc"),
            (flags.rd(), " rd"),
            (flags.ra(), " ra"),
            (flags.ad(), " ad"),
            (flags.cd(), " cd"),
        ] {
            if on {
                f.write_str(text)?;
            }
        }
        if flags.z() {
            // dig shows the Z bit shifted down: `MBZ: 0x4`.
            f.write_str("; MBZ: 0x4")?;
        }
        let titles = if update { ["ZONE", "PREREQ", "UPDATE", "ADDITIONAL"] } else { ["QUERY", "ANSWER", "AUTHORITY", "ADDITIONAL"] };
        let counts = [h.qdcount, h.ancount, h.nscount, h.arcount];
        let mut sep = "; ";
        for (title, count) in titles.iter().zip(counts) {
            write!(f, "{sep}{title}: {count}")?;
            sep = ", ";
        }
        f.write_str("\n")?;
        if let Some(edns) = self.edns() {
            write!(f, "\n;; OPT PSEUDOSECTION:\n{edns}\n")?;
        }
        if h.qdcount > 0 {
            f.write_str(if update { ";; ZONE SECTION:\n" } else { ";; QUESTION SECTION:\n" })?;
            for q in self.questions() {
                writeln!(f, ";{q}")?;
            }
        }
        let sections = [
            (Section::Answer, if update { "PREREQUISITE" } else { "ANSWER" }),
            (Section::Authority, if update { "UPDATE" } else { "AUTHORITY" }),
            (Section::Additional, "ADDITIONAL"),
        ];
        // dig lists the TSIG record in a pseudo-section of its own, last.
        let not_tsig = |r: &crate::record::Record<'_>| r.rtype() != Rtype::TSIG;
        for (section, title) in sections {
            let mut records = self.records(section).filter(not_tsig).peekable();
            if records.peek().is_none() {
                continue;
            }
            write!(f, "\n;; {title} SECTION:\n")?;
            for r in records {
                writeln!(f, "{r}")?;
            }
        }
        if let Some(tsig) = self.additional().find(|r| !not_tsig(r)) {
            write!(f, "\n;; TSIG PSEUDOSECTION:\n{tsig}\n")?;
        }
        Ok(())
    }
}

/// The status as dig names it: the mnemonic, `RESERVED12` to `RESERVED15`,
/// `?N` for other numbers.
fn write_status(f: &mut fmt::Formatter<'_>, rcode: Rcode) -> fmt::Result {
    match rcode.mnemonic() {
        Some(text) => f.write_str(text),
        None if (12..=15).contains(&rcode.0) => write!(f, "RESERVED{}", rcode.0),
        None => write!(f, "?{}", rcode.0),
    }
}
