//! The 12-octet message header (RFC 1035 §4.1.1).

use crate::iana::{Opcode, Rcode};

/// Octets 2 and 3 of the header: QR, opcode, AA, TC, RD, RA, Z, AD, CD and the
/// low four bits of the rcode.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub struct Flags(pub u16);

macro_rules! flag_bits {
    ($( $(#[$m:meta])* $get:ident, $with:ident, $bit:literal; )*) => {
        impl Flags {
            $(
                $(#[$m])*
                pub const fn $get(self) -> bool {
                    self.0 & (1 << $bit) != 0
                }
                $(#[$m])*
                #[must_use]
                pub const fn $with(self, on: bool) -> Self {
                    if on { Self(self.0 | (1 << $bit)) } else { Self(self.0 & !(1 << $bit)) }
                }
            )*
        }
    };
}

flag_bits! {
    /// QR: the message is a response.
    qr, with_qr, 15;
    /// AA: authoritative answer.
    aa, with_aa, 10;
    /// TC: truncated.
    tc, with_tc, 9;
    /// RD: recursion desired.
    rd, with_rd, 8;
    /// RA: recursion available.
    ra, with_ra, 7;
    /// Z: the reserved bit.
    z, with_z, 6;
    /// AD: authentic data (RFC 4035 §3.2.3).
    ad, with_ad, 5;
    /// CD: checking disabled (RFC 4035 §3.2.2).
    cd, with_cd, 4;
}

impl Flags {
    /// The opcode (four bits).
    pub const fn opcode(self) -> Opcode {
        Opcode(((self.0 >> 11) & 0xF) as u8)
    }

    /// Sets the opcode; only its low four bits are kept.
    #[must_use]
    pub const fn with_opcode(self, opcode: Opcode) -> Self {
        Self((self.0 & !0x7800) | (((opcode.0 & 0xF) as u16) << 11))
    }

    /// The low four bits of the rcode (the OPT record holds the upper eight).
    pub const fn rcode_low(self) -> u8 {
        (self.0 & 0xF) as u8
    }

    /// Sets the low four bits of the rcode from `rcode`. A code over 15
    /// (`BADVERS`, `BADCOOKIE`...) also needs its upper eight bits in the OPT
    /// record: [`MessageBuilder::set_rcode`](crate::MessageBuilder::set_rcode)
    /// writes both.
    #[must_use]
    pub const fn with_rcode(self, rcode: Rcode) -> Self {
        Self((self.0 & !0xF) | (rcode.0 & 0xF))
    }
}

/// The message header. The counts are what the wire says; decoding checks them
/// against the data and never sizes anything by them.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub struct Header {
    /// Query identifier.
    pub id: u16,
    /// Flags, opcode and low rcode bits.
    pub flags: Flags,
    /// QDCOUNT (ZOCOUNT in UPDATE).
    pub qdcount: u16,
    /// ANCOUNT (PRCOUNT in UPDATE).
    pub ancount: u16,
    /// NSCOUNT (UPCOUNT in UPDATE).
    pub nscount: u16,
    /// ARCOUNT.
    pub arcount: u16,
}

impl Header {
    /// The header's wire size.
    pub const LEN: usize = 12;

    /// Reads a header from the first 12 octets of `wire`.
    pub fn decode(wire: &[u8]) -> Option<Self> {
        let b: &[u8; 12] = wire.get(..Self::LEN)?.try_into().ok()?;
        let [i0, i1, f0, f1, q0, q1, a0, a1, n0, n1, r0, r1] = *b;
        Some(Self {
            id: u16::from_be_bytes([i0, i1]),
            flags: Flags(u16::from_be_bytes([f0, f1])),
            qdcount: u16::from_be_bytes([q0, q1]),
            ancount: u16::from_be_bytes([a0, a1]),
            nscount: u16::from_be_bytes([n0, n1]),
            arcount: u16::from_be_bytes([r0, r1]),
        })
    }

    /// The header's 12 wire octets.
    pub fn to_bytes(&self) -> [u8; 12] {
        let [i0, i1] = self.id.to_be_bytes();
        let [f0, f1] = self.flags.0.to_be_bytes();
        let [q0, q1] = self.qdcount.to_be_bytes();
        let [a0, a1] = self.ancount.to_be_bytes();
        let [n0, n1] = self.nscount.to_be_bytes();
        let [r0, r1] = self.arcount.to_be_bytes();
        [i0, i1, f0, f1, q0, q1, a0, a1, n0, n1, r0, r1]
    }
}

#[cfg(feature = "defmt")]
#[cfg_attr(docsrs, doc(cfg(feature = "defmt")))]
impl defmt::Format for Flags {
    /// The opcode, the set flags by name and the low rcode bits.
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(f, "{}", self.opcode());
        let names = [
            (self.qr(), " qr"),
            (self.aa(), " aa"),
            (self.tc(), " tc"),
            (self.rd(), " rd"),
            (self.ra(), " ra"),
            (self.z(), " z"),
            (self.ad(), " ad"),
            (self.cd(), " cd"),
        ];
        for (on, name) in names {
            if on {
                defmt::write!(f, "{=str}", name);
            }
        }
        defmt::write!(f, " rcode={=u8}", self.rcode_low());
    }
}

#[cfg(feature = "defmt")]
#[cfg_attr(docsrs, doc(cfg(feature = "defmt")))]
impl defmt::Format for Header {
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(
            f,
            "Header {{ id: {=u16}, flags: {}, qd: {=u16}, an: {=u16}, ns: {=u16}, ar: {=u16} }}",
            self.id,
            self.flags,
            self.qdcount,
            self.ancount,
            self.nscount,
            self.arcount
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_round_trip() {
        // 0x8180: qr, opcode QUERY, rd, ra, NOERROR (the seed responses).
        let f = Flags(0x8180);
        assert!(f.qr() && f.rd() && f.ra() && !f.aa() && !f.tc());
        assert_eq!(f.opcode(), Opcode::QUERY);
        let built = Flags::default().with_qr(true).with_rd(true).with_ra(true);
        assert_eq!(built, f);
        let update = Flags::default().with_opcode(Opcode::UPDATE).with_rcode(Rcode::NOTAUTH);
        assert_eq!(update.0, 0x2809);
        assert_eq!(update.opcode(), Opcode::UPDATE);
        assert_eq!(update.rcode_low(), 9);
    }

    #[test]
    fn header_bytes() {
        let wire = [0x60, 0xb0, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 1];
        let h = Header::decode(&wire).unwrap();
        assert_eq!(h.id, 24752);
        assert_eq!((h.qdcount, h.ancount, h.nscount, h.arcount), (1, 1, 0, 1));
        assert_eq!(h.to_bytes(), wire);
        assert_eq!(Header::decode(&wire[..11]), None);
    }
}
