//! Typed RDATA.
//!
//! [`RData`] has one variant per supported type. Each type is declared once, in
//! the table at the bottom of this file: its variant, its type number, the codec
//! that reads, writes and presents it, and whether it is defined only in class IN.
//! A multi-field type is a struct declared with `rdata_struct!`, listing its
//! fields in wire order with one codec each. Adding a type is one struct, one
//! table line, one unit test and one vector (see CONTRIBUTING.md).
//!
//! Every other type (and a class-specific type in another class) is kept as
//! [`RData::Unknown`], opaque octets presented in the RFC 3597 form.

use core::fmt;
use core::net::{Ipv4Addr, Ipv6Addr};

use crate::error::{DecodeError, EncodeError};
use crate::iana::Rtype;
use crate::name::Name;
use crate::present;
use crate::wire::{Reader, Writer};

pub(crate) mod field;
mod basic;
mod bitmap;
mod dnssec;
mod misc;
mod svcb;
mod txt;

pub use basic::{Afsdb, Caa, Hinfo, Minfo, Mx, Naptr, Px, Rp, Rt, Soa, Srv};
pub use bitmap::{TypeBitmap, TypeBitmapIter};
pub use dnssec::{Csync, Dnskey, Ds, Nsec, Nsec3, Nsec3param, Rrsig, Sig, Zonemd};
pub use misc::{Cert, Gpos, Isdn, Kx, L32, Lp, Nid, Sshfp, Tlsa, Uri, Wks};
pub use svcb::{SvcParam, SvcParamIter, SvcParams, Svcb};
pub use txt::{CharStringIter, CharStrings};
pub use crate::iana::SvcParamKey;

use field::{Addr, Base64Plain, Base64Rest, CharString, Codec, CompressedName, DecompressName, Eui, NsapHex, PlainName};

/// Declares an RDATA struct whose fields follow each other on the wire, each
/// with its codec; presentation is the fields separated by single spaces.
macro_rules! rdata_struct {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$fmeta:meta])* pub $field:ident : $ty:ty => $codec:ty, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub struct $name {
            $( $(#[$fmeta])* pub $field: $ty, )*
        }

        impl<'a> $crate::rdata::field::Codec<'a, $name> for $name {
            fn decode(r: &mut $crate::wire::Reader<'a>) -> Result<Self, $crate::error::DecodeError> {
                Ok(Self { $( $field: <$codec as $crate::rdata::field::Codec<'a, $ty>>::decode(r)?, )* })
            }
            fn encode(v: &Self, w: &mut $crate::wire::Writer<'_>) -> Result<(), $crate::error::EncodeError> {
                $( <$codec as $crate::rdata::field::Codec<'a, $ty>>::encode(&v.$field, w)?; )*
                Ok(())
            }
            fn present(v: &Self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                let mut sep = "";
                $(
                    <$codec as $crate::rdata::field::Codec<'a, $ty>>::present_field(&v.$field, sep, f)?;
                    sep = " ";
                )*
                let _ = sep;
                Ok(())
            }
        }

        impl core::fmt::Display for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                <Self as $crate::rdata::field::Codec<'_, Self>>::present(self, f)
            }
        }
    };
    (
        $(#[$meta:meta])*
        pub struct $name:ident<'a> {
            $( $(#[$fmeta:meta])* pub $field:ident : $ty:ty => $codec:ty, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub struct $name<'a> {
            $( $(#[$fmeta])* pub $field: $ty, )*
        }

        impl<'a> $crate::rdata::field::Codec<'a, $name<'a>> for $name<'a> {
            fn decode(r: &mut $crate::wire::Reader<'a>) -> Result<Self, $crate::error::DecodeError> {
                Ok(Self { $( $field: <$codec as $crate::rdata::field::Codec<'a, $ty>>::decode(r)?, )* })
            }
            fn encode(v: &Self, w: &mut $crate::wire::Writer<'_>) -> Result<(), $crate::error::EncodeError> {
                $( <$codec as $crate::rdata::field::Codec<'a, $ty>>::encode(&v.$field, w)?; )*
                Ok(())
            }
            fn present(v: &Self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                let mut sep = "";
                $(
                    <$codec as $crate::rdata::field::Codec<'a, $ty>>::present_field(&v.$field, sep, f)?;
                    sep = " ";
                )*
                let _ = sep;
                Ok(())
            }
        }

        impl core::fmt::Display for $name<'_> {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                <Self as $crate::rdata::field::Codec<'_, Self>>::present(self, f)
            }
        }
    };
}
pub(crate) use rdata_struct;

macro_rules! class_ok {
    (any, $is_in:expr) => {
        true
    };
    (in_only, $is_in:expr) => {
        $is_in
    };
}

macro_rules! rdata_enum {
    ($( $(#[$m:meta])* $variant:ident($ty:ty) = $rtype:ident, $codec:ty, $class:ident; )*) => {
        /// The RDATA of one record, typed where dnswire knows the type.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[non_exhaustive]
        pub enum RData<'a> {
            $( $(#[$m])* $variant($ty), )*
            /// No RDATA at all: a record of class ANY or NONE with RDLENGTH 0, as
            /// in the prerequisite and update sections of RFC 2136 §2.4 and §2.5.
            Empty(Rtype),
            /// Any other type, kept as opaque octets (RFC 3597).
            Unknown {
                /// The record type.
                rtype: Rtype,
                /// The RDATA octets.
                data: &'a [u8],
            },
        }

        impl<'a> RData<'a> {
            /// The record type this RDATA belongs to.
            pub fn rtype(&self) -> Rtype {
                match self {
                    $( Self::$variant(_) => Rtype::$rtype, )*
                    Self::Empty(rtype) | Self::Unknown { rtype, .. } => *rtype,
                }
            }

            fn decode_known(rtype: Rtype, is_in: bool, r: &mut Reader<'a>) -> Option<Result<Self, DecodeError>> {
                match rtype {
                    $( Rtype::$rtype if class_ok!($class, is_in) =>
                        Some(<$codec as Codec<'a, $ty>>::decode(r).map(Self::$variant)), )*
                    _ => None,
                }
            }

            pub(crate) fn encode(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
                match self {
                    $( Self::$variant(v) => <$codec as Codec<'a, $ty>>::encode(v, w), )*
                    Self::Empty(_) => Ok(()),
                    Self::Unknown { data, .. } => w.bytes(data),
                }
            }
        }

        impl<'a> fmt::Display for RData<'a> {
            /// The presentation form of the RDATA (RFC 1035 §5.1, the type's RFC,
            /// RFC 3597 §5 for unknown types).
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    $( Self::$variant(v) => <$codec as Codec<'a, $ty>>::present(v, f), )*
                    Self::Empty(_) => Ok(()),
                    Self::Unknown { data, .. } => {
                        write!(f, "\\# {}", data.len())?;
                        if !data.is_empty() {
                            f.write_str(" ")?;
                            present::write_hex(f, data)?;
                        }
                        Ok(())
                    }
                }
            }
        }
    };
}

rdata_enum! {
    /// An IPv4 address (RFC 1035 §3.4.1).
    A(Ipv4Addr) = A, Addr, in_only;
    /// An authoritative name server (RFC 1035 §3.3.11).
    Ns(Name<'a>) = NS, CompressedName, any;
    /// Mail destination, obsolete (RFC 1035 §3.3.4).
    Md(Name<'a>) = MD, CompressedName, any;
    /// Mail forwarder, obsolete (RFC 1035 §3.3.5).
    Mf(Name<'a>) = MF, CompressedName, any;
    /// The canonical name of an alias (RFC 1035 §3.3.1).
    Cname(Name<'a>) = CNAME, CompressedName, any;
    /// Start of a zone of authority (RFC 1035 §3.3.13).
    Soa(Soa<'a>) = SOA, Soa<'a>, any;
    /// Mailbox domain name, experimental (RFC 1035 §3.3.3).
    Mb(Name<'a>) = MB, CompressedName, any;
    /// Mail group member, experimental (RFC 1035 §3.3.6).
    Mg(Name<'a>) = MG, CompressedName, any;
    /// Mail rename, experimental (RFC 1035 §3.3.8).
    Mr(Name<'a>) = MR, CompressedName, any;
    /// A domain name pointer (RFC 1035 §3.3.12).
    Ptr(Name<'a>) = PTR, CompressedName, any;
    /// Host information (RFC 1035 §3.3.2).
    Hinfo(Hinfo<'a>) = HINFO, Hinfo<'a>, any;
    /// Mailbox information, experimental (RFC 1035 §3.3.7).
    Minfo(Minfo<'a>) = MINFO, Minfo<'a>, any;
    /// Mail exchange (RFC 1035 §3.3.9).
    Mx(Mx<'a>) = MX, Mx<'a>, any;
    /// Text strings (RFC 1035 §3.3.14).
    Txt(CharStrings<'a>) = TXT, CharStrings<'a>, any;
    /// Responsible person (RFC 1183 §2.2).
    Rp(Rp<'a>) = RP, Rp<'a>, any;
    /// AFS database location (RFC 1183 §1).
    Afsdb(Afsdb<'a>) = AFSDB, Afsdb<'a>, any;
    /// Route through (RFC 1183 §3.3).
    Rt(Rt<'a>) = RT, Rt<'a>, any;
    /// X.400 mapping (RFC 2163 §4).
    Px(Px<'a>) = PX, Px<'a>, in_only;
    /// An IPv6 address (RFC 3596 §2.2).
    Aaaa(Ipv6Addr) = AAAA, Addr, in_only;
    /// Service location (RFC 2782).
    Srv(Srv<'a>) = SRV, Srv<'a>, in_only;
    /// Naming authority pointer (RFC 3403 §4.1).
    Naptr(Naptr<'a>) = NAPTR, Naptr<'a>, in_only;
    /// Redirection of a subtree (RFC 6672 §2.1).
    Dname(Name<'a>) = DNAME, DecompressName, any;
    /// Sender Policy Framework, in TXT form (RFC 4408 §3.1.1).
    Spf(CharStrings<'a>) = SPF, CharStrings<'a>, any;
    /// Certification authority authorization (RFC 8659 §4.1).
    Caa(Caa<'a>) = CAA, Caa<'a>, any;
    /// A DNSSEC public key (RFC 4034 §2.1).
    Dnskey(Dnskey<'a>) = DNSKEY, Dnskey<'a>, any;
    /// A child's copy of its DNSKEY for the parent (RFC 7344 §3.2).
    Cdnskey(Dnskey<'a>) = CDNSKEY, Dnskey<'a>, any;
    /// A public key in the original DNSSEC and SIG(0) (RFC 2535 §3.1).
    Key(Dnskey<'a>) = KEY, Dnskey<'a>, any;
    /// A signature over an RRset (RFC 4034 §3.1).
    Rrsig(Rrsig<'a>) = RRSIG, Rrsig<'a>, any;
    /// A signature in the original DNSSEC and SIG(0) (RFC 2535 §4.1).
    Sig(Sig<'a>) = SIG, Sig<'a>, any;
    /// A delegation signer (RFC 4034 §5.1).
    Ds(Ds<'a>) = DS, Ds<'a>, any;
    /// A child's copy of its DS for the parent (RFC 7344 §3.1).
    Cds(Ds<'a>) = CDS, Ds<'a>, any;
    /// DNSSEC lookaside validation, historic (RFC 4431 §2).
    Dlv(Ds<'a>) = DLV, Ds<'a>, any;
    /// A trust anchor, in the DS format (DNSSEC Trust Authorities).
    Ta(Ds<'a>) = TA, Ds<'a>, any;
    /// Authenticated denial of existence (RFC 4034 §4.1).
    Nsec(Nsec<'a>) = NSEC, Nsec<'a>, any;
    /// Hashed authenticated denial of existence (RFC 5155 §3.2).
    Nsec3(Nsec3<'a>) = NSEC3, Nsec3<'a>, any;
    /// The NSEC3 parameters of a zone (RFC 5155 §4.2).
    Nsec3param(Nsec3param<'a>) = NSEC3PARAM, Nsec3param<'a>, any;
    /// Child-to-parent synchronisation (RFC 7477 §2.1).
    Csync(Csync<'a>) = CSYNC, Csync<'a>, any;
    /// A message digest over a zone (RFC 8976 §2).
    Zonemd(Zonemd<'a>) = ZONEMD, Zonemd<'a>, any;
    /// A general service binding (RFC 9460 §2.2).
    Svcb(Svcb<'a>) = SVCB, Svcb<'a>, in_only;
    /// A service binding for HTTPS origins (RFC 9460 §9).
    Https(Svcb<'a>) = HTTPS, Svcb<'a>, in_only;
    /// A TLS certificate association (RFC 6698 §2.1).
    Tlsa(Tlsa<'a>) = TLSA, Tlsa<'a>, any;
    /// An S/MIME certificate association (RFC 8162 §2).
    Smimea(Tlsa<'a>) = SMIMEA, Tlsa<'a>, any;
    /// An SSH host key fingerprint (RFC 4255 §3.1).
    Sshfp(Sshfp<'a>) = SSHFP, Sshfp<'a>, any;
    /// An OpenPGP transferable public key, base64 in one piece (RFC 7929 §2).
    Openpgpkey(&'a [u8]) = OPENPGPKEY, Base64Plain, any;
    /// A certificate or CRL (RFC 4398 §2).
    Cert(Cert<'a>) = CERT, Cert<'a>, any;
    /// A DHCP client identifier digest, base64 (RFC 4701 §3).
    Dhcid(&'a [u8]) = DHCID, Base64Rest, in_only;
    /// A uniform resource identifier (RFC 7553 §4.5).
    Uri(Uri<'a>) = URI, Uri<'a>, any;
    /// A 48-bit extended unique identifier (RFC 7043 §3).
    Eui48([u8; 6]) = EUI48, Eui, any;
    /// A 64-bit extended unique identifier (RFC 7043 §4).
    Eui64([u8; 8]) = EUI64, Eui, any;
    /// An ILNP node identifier (RFC 6742 §2.1).
    Nid(Nid) = NID, Nid, any;
    /// A 32-bit ILNP locator (RFC 6742 §2.2).
    L32(L32) = L32, L32, any;
    /// A 64-bit ILNP locator (RFC 6742 §2.3), in the NID format.
    L64(Nid) = L64, Nid, any;
    /// An ILNP locator pointer (RFC 6742 §2.4).
    Lp(Lp<'a>) = LP, Lp<'a>, any;
    /// A key exchanger (RFC 2230 §3).
    Kx(Kx<'a>) = KX, Kx<'a>, in_only;
    /// Resolver information, in TXT form (RFC 9606 §3).
    Resinfo(CharStrings<'a>) = RESINFO, CharStrings<'a>, any;
    /// Public wallet addresses, in TXT form (IANA, WALLET).
    Wallet(CharStrings<'a>) = WALLET, CharStrings<'a>, any;
    /// Zone status information, in TXT form (IANA, NINFO).
    Ninfo(CharStrings<'a>) = NINFO, CharStrings<'a>, any;
    /// Application visibility and control, in TXT form (IANA, AVC).
    Avc(CharStrings<'a>) = AVC, CharStrings<'a>, any;
    /// An X.25 PSDN address (RFC 1183 §3.1).
    X25(&'a [u8]) = X25, CharString, any;
    /// An ISDN address (RFC 1183 §3.2).
    Isdn(Isdn<'a>) = ISDN, Isdn<'a>, any;
    /// A geographical position, obsolete (RFC 1712 §3).
    Gpos(Gpos<'a>) = GPOS, Gpos<'a>, any;
    /// An NSAP address (RFC 1706 §5).
    Nsap(&'a [u8]) = NSAP, NsapHex, in_only;
    /// The name for an NSAP address (RFC 1706 §6); never compressed.
    NsapPtr(Name<'a>) = NSAP_PTR, PlainName, in_only;
    /// Well-known services, obsolete (RFC 1035 §3.4.2).
    Wks(Wks<'a>) = WKS, Wks<'a>, in_only;
}

impl<'a> RData<'a> {
    /// Decodes the RDATA at `r` (which spans exactly RDLENGTH). `is_in` says
    /// whether class-IN types apply. A known type must fill RDLENGTH exactly.
    pub(crate) fn decode(rtype: Rtype, is_in: bool, empty_allowed: bool, r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        if empty_allowed && r.is_empty() {
            return Ok(Self::Empty(rtype));
        }
        match Self::decode_known(rtype, is_in, r) {
            Some(data) => {
                let data = data?;
                if !r.is_empty() {
                    return Err(DecodeError::RdataLength);
                }
                Ok(data)
            }
            None => Ok(Self::Unknown { rtype, data: r.rest() }),
        }
    }
}

#[cfg(test)]
mod vectors;

#[cfg(test)]
mod tests {
    extern crate std;
    use std::format;

    use super::vectors::VECTORS;
    use super::{SvcParamKey, SvcParams, TypeBitmap};
    use crate::{DecodeError, Message, Rtype};

    /// Decodes a dnspython-encoded response, displays its RDATA, and encodes it
    /// again with and without compression.
    fn check(name: &str) {
        let (_, wire, flat, text, same_compression) = VECTORS.iter().find(|v| v.0 == name).copied().unwrap();
        let msg = Message::decode(wire).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let record = msg.answers().next().unwrap();
        assert_eq!(format!("{}", record.data), text, "{name}: presentation");
        let flat_msg = Message::decode(flat).unwrap();
        assert_eq!(flat_msg.answers().next().unwrap(), record, "{name}: both encodings decode equal");
        let mut buf = [0u8; 1024];
        let n = msg.encode_into(&mut buf, false).unwrap();
        assert_eq!(&buf[..n], flat, "{name}: uncompressed re-encoding");
        if same_compression {
            let n = msg.encode_into(&mut buf, true).unwrap();
            assert_eq!(&buf[..n], wire, "{name}: compressed re-encoding");
        }
    }

    macro_rules! vector_tests {
        ($($name:ident),* $(,)?) => {$(
            #[test]
            fn $name() {
                check(stringify!($name));
            }
        )*};
    }

    vector_tests!(
        a, aaaa, ns, cname, soa, ptr, hinfo, mx, txt, rp, afsdb, rt, px, srv, naptr, dname, spf, caa,
        caa_critical_iodef, unknown_type, dnskey, dnskey_ed25519, cdnskey, rrsig, rrsig_dnspython, ds,
        ds_long_digest, cds, dlv, nsec, nsec_high_window, nsec3, nsec3_no_salt_no_types, nsec3param,
        nsec3param_no_salt, csync, zonemd, https_alias, svcb_service_root, svcb_port, svcb_generic_key,
        svcb_generic_escaped, svcb_ipv6hint, svcb_ipv6hint_mapped, svcb_mandatory, svcb_alpn_escaped,
        https_full, tlsa, smimea, sshfp, openpgpkey, cert, cert_pkix, dhcid, uri, eui48, eui64, nid,
        l32, l64, lp, lp_compressed_by_dnspython, kx, resinfo, wallet, ninfo, avc, x25, isdn,
        isdn_no_subaddress, gpos, nsap, nsap_ptr, wks, wks_udp, a_in_hesiod_is_opaque, md, mf, mb, mg,
        mr, minfo, key, sig, ta,
    );

    /// A response for `example.` with one IN answer of `rtype` and `rdata`;
    /// the owner is a pointer to the question name at offset 12.
    fn response(rtype: u16, rdata: &[u8]) -> std::vec::Vec<u8> {
        let mut m = std::vec::Vec::from(&b"\x12\x34\x85\x00\x00\x01\x00\x01\x00\x00\x00\x00\x07example\x00"[..]);
        m.extend_from_slice(&rtype.to_be_bytes());
        m.extend_from_slice(b"\x00\x01\xc0\x0c");
        m.extend_from_slice(&rtype.to_be_bytes());
        m.extend_from_slice(b"\x00\x01\x00\x00\x0e\x10");
        m.extend_from_slice(&u16::try_from(rdata.len()).unwrap().to_be_bytes());
        m.extend_from_slice(rdata);
        m
    }

    fn decode_err(rtype: u16, rdata: &[u8]) -> Option<DecodeError> {
        Message::decode(&response(rtype, rdata)).err()
    }

    #[test]
    fn type_bitmaps_are_validated() {
        // NSEC: next name `.`, then the bitmap.
        assert_eq!(decode_err(47, b"\x00\x00\x01\x40"), None);
        assert_eq!(decode_err(47, b"\x00\x01\x01\x40\x00\x01\x40"), Some(DecodeError::InvalidTypeBitmap), "windows out of order");
        assert_eq!(decode_err(47, b"\x00\x00\x01\x40\x00\x01\x40"), Some(DecodeError::InvalidTypeBitmap), "window repeated");
        assert_eq!(decode_err(47, b"\x00\x00\x00"), Some(DecodeError::InvalidTypeBitmap), "length 0");
        let mut long = std::vec![0u8, 0, 33];
        long.extend_from_slice(&[0xff; 33]);
        assert_eq!(decode_err(47, &long), Some(DecodeError::InvalidTypeBitmap), "length 33");
        assert_eq!(decode_err(47, b"\x00\x00\x02\x40"), Some(DecodeError::InvalidTypeBitmap), "bitmap past the end");
        // CSYNC and NSEC3 share the rules.
        assert_eq!(decode_err(62, b"\x00\x00\x00\x01\x00\x00\x00\x00"), Some(DecodeError::InvalidTypeBitmap));
        assert_eq!(decode_err(50, b"\x01\x00\x00\x00\x00\x01\xaa\x05\x00"), Some(DecodeError::InvalidTypeBitmap));
        let types = TypeBitmap::from_wire(b"\x00\x01\x40\x01\x01\x40\xff\x20\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01").unwrap();
        assert!(types.iter().eq([Rtype::A, Rtype::CAA, Rtype(65535)]));
        assert_eq!(TypeBitmap::from_wire(b"\x00"), Err(DecodeError::InvalidTypeBitmap));
    }

    #[test]
    fn nsec3_fields_are_validated() {
        // Empty next hashed owner name (RFC 5155 §3.2: at least one octet).
        assert_eq!(decode_err(50, b"\x01\x00\x00\x00\x00\x00"), Some(DecodeError::InvalidValue));
        // Salt length past the end.
        assert_eq!(decode_err(50, b"\x01\x00\x00\x00\x05\xaa"), Some(DecodeError::FieldOverrun));
        assert_eq!(decode_err(51, b"\x01\x00\x00\x00\x02\xaa"), Some(DecodeError::FieldOverrun));
    }

    #[test]
    fn names_in_new_types_must_not_be_compressed() {
        // NSEC next name as a pointer to the question name.
        assert_eq!(decode_err(47, b"\xc0\x0c\x00\x01\x40"), Some(DecodeError::ForbiddenCompression));
        // SVCB target as a pointer.
        assert_eq!(decode_err(64, b"\x00\x01\xc0\x0c"), Some(DecodeError::ForbiddenCompression));
        // RRSIG signer as a pointer.
        let mut rrsig = std::vec![0u8, 1, 8, 1, 0, 0, 0, 60, 0, 0, 0, 2, 0, 0, 0, 1, 0, 7];
        rrsig.extend_from_slice(b"\xc0\x0c\xab");
        assert_eq!(decode_err(46, &rrsig), Some(DecodeError::ForbiddenCompression));
        // SIG decompresses its signer (RFC 3597 §4) but never compresses it.
        rrsig[1] = 0;
        let wire = response(24, &rrsig);
        let msg = Message::decode(&wire).unwrap();
        let mut buf = [0u8; 512];
        let n = msg.encode_into(&mut buf, true).unwrap();
        assert!(buf[..n].ends_with(b"\x07example\x00\xab"));
    }

    #[test]
    fn svcb_params_are_validated() {
        let svcb = |params: &[u8]| {
            let mut rdata = std::vec![0u8, 1, 0];
            rdata.extend_from_slice(params);
            decode_err(64, &rdata)
        };
        let bad = Some(DecodeError::InvalidSvcParams);
        assert_eq!(svcb(b"\x00\x03\x00\x02\x01\xbb\x00\x01\x00\x03\x02h2"), bad, "keys out of order");
        assert_eq!(svcb(b"\x00\x03\x00\x02\x01\xbb\x00\x03\x00\x02\x01\xbb"), bad, "key repeated");
        assert_eq!(svcb(b"\x00\x03\x00\x01\x01"), bad, "port of one octet");
        assert_eq!(svcb(b"\x00\x04\x00\x05\x01\x02\x03\x04\x05"), bad, "ipv4hint not a multiple of 4");
        assert_eq!(svcb(b"\x00\x04\x00\x00"), bad, "empty ipv4hint");
        assert_eq!(svcb(b"\x00\x06\x00\x04\x01\x02\x03\x04"), bad, "short ipv6hint");
        assert_eq!(svcb(b"\x00\x01\x00\x00"), bad, "empty alpn");
        assert_eq!(svcb(b"\x00\x01\x00\x01\x00"), bad, "empty alpn-id");
        assert_eq!(svcb(b"\x00\x01\x00\x02\x05h"), bad, "alpn-id past its value");
        assert_eq!(svcb(b"\x00\x00\x00\x00"), bad, "empty mandatory");
        assert_eq!(svcb(b"\x00\x00\x00\x03\x00\x01\x00"), bad, "odd mandatory");
        assert_eq!(svcb(b"\x00\x00\x00\x04\x00\x03\x00\x01\x00\x01\x00\x02h2\x00\x03\x00\x02\x01\xbb"), bad, "mandatory unsorted");
        assert_eq!(svcb(b"\x00\x02\x00\x01\x00"), bad, "no-default-alpn with a value");
        assert_eq!(svcb(b"\x00\x03\x00\x09\x01\xbb"), Some(DecodeError::FieldOverrun), "value past the end");
        assert_eq!(svcb(b"\x00\x03\x00"), bad, "truncated key");
        assert_eq!(svcb(b"\x00\x00\x00\x02\x00\x03"), bad, "mandatory key absent");
        assert_eq!(decode_err(64, b"\x00\x00\x00\x00\x03\x00\x02\x00\x35"), bad, "parameters in AliasMode");
        assert_eq!(svcb(b"\x00\x02\x00\x00\x00\x03\x00\x02\x01\xbb\xff\xff\x00\x00"), None);
        let params = SvcParams::from_wire(b"\x00\x01\x00\x03\x02h2\x00\x03\x00\x02\x01\xbb").unwrap();
        assert_eq!(params.iter().map(|p| p.key).collect::<std::vec::Vec<_>>(), [SvcParamKey::ALPN, SvcParamKey::PORT]);
        assert_eq!(SvcParams::from_wire(b"\x00\x03\x00\x02\x01\xbb\x00\x01\x00\x03\x02h2"), Err(DecodeError::InvalidSvcParams));
    }

    #[test]
    fn every_vector_has_a_test() {
        assert_eq!(VECTORS.len(), 85);
    }
}
