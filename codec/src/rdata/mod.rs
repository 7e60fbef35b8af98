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
//! [`RData::Unknown`], opaque octets presented in the RFC 3597 form. So is a
//! type whose group (a Cargo feature, see the crate docs) is left out: the
//! `#[cfg]` on its table line removes its variant, and with it its decoder.

// Some codecs and checks serve only the optional groups.
#![cfg_attr(
    not(all(feature = "dnssec", feature = "svcb", feature = "tsig", feature = "keys", feature = "extra", feature = "legacy")),
    allow(dead_code, unused_imports)
)]

use core::fmt;
use core::net::{Ipv4Addr, Ipv6Addr};

use crate::error::{DecodeError, EncodeError};
use crate::iana::{Class, Rtype};
use crate::name::Name;
use crate::present;
use crate::wire::{Reader, Writer};

mod basic;
mod bitmap;
mod dnssec;
mod dsync;
pub(crate) mod field;
mod gateway;
mod hip;
mod loc_text;
mod location;
mod misc;
mod nxt;
mod svcb;
mod svcb_text;
mod tsig;
mod txt;
mod wks;

pub use crate::iana::SvcParamKey;
pub use basic::ChA;
pub use basic::{Afsdb, Caa, Hinfo, Minfo, Mx, Naptr, Px, Rp, Rt, Soa, Srv};
pub use bitmap::{TypeBitmap, TypeBitmapIter};
pub use dnssec::{Csync, Dnskey, Ds, Nsec, Nsec3, Nsec3param, Rrsig, Sig, Zonemd, serial_cmp};
pub use dsync::Dsync;
pub use gateway::{Amtrelay, Gateway, Ipseckey};
pub use hip::{Hip, NameList, NameListIter};
pub use location::{Apl, AplItem, AplIter, Loc};
pub use misc::{Cert, Gpos, Isdn, Kx, L32, Lp, Nid, Sshfp, Tlsa, Uri};
pub use nxt::Nxt;
pub use svcb::{SvcParam, SvcParamIter, SvcParams, Svcb};
pub use tsig::{Tkey, Tsig};
pub use txt::{CharStringIter, CharStrings};
pub use wks::Wks;

use field::{Addr, Base64AtLeast, CharString, Codec, CompressedName, DecompressName, Eui, NsapHex, PlainName};

/// Declares an RDATA struct whose fields follow each other on the wire, each
/// with its codec; presentation is the fields separated by single spaces.
macro_rules! rdata_struct {
    (
        $(#[$meta:meta])*
        pub struct $name:ident $(<$lt:lifetime>)? {
            $( $(#[$fmeta:meta])* pub $field:ident : $ty:ty => $codec:ty, )*
        }
        $(check $check:path;)?
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub struct $name $(<$lt>)? {
            $( $(#[$fmeta])* pub $field: $ty, )*
        }

        impl<'a> $crate::rdata::field::Codec<'a, $name $(<$lt>)?> for $name $(<$lt>)? {
            fn decode(r: &mut $crate::wire::Reader<'a>) -> Result<Self, $crate::error::DecodeError> {
                let v = Self { $( $field: <$codec as $crate::rdata::field::Codec<'a, $ty>>::decode(r)?, )* };
                $( $check(&v).map_err($crate::rdata::CheckFailed::decode)?; )?
                Ok(v)
            }
            fn encode(v: &Self, w: &mut $crate::wire::Writer<'_>) -> Result<(), $crate::error::EncodeError> {
                $( $check(v).map_err($crate::rdata::CheckFailed::encode)?; )?
                $( <$codec as $crate::rdata::field::Codec<'a, $ty>>::encode(&v.$field, w)?; )*
                Ok(())
            }
            fn parse(t: &mut $crate::text::Fields<'_, '_>, w: &mut $crate::wire::Writer<'_>) -> Result<(), $crate::error::TextError> {
                // The fields in order; the caller checks that no token is left
                // (this struct may be a field of another).
                $(
                    t.field = Some(stringify!($field));
                    <$codec as $crate::rdata::field::Codec<'a, $ty>>::parse(t, w)?;
                )*
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

        impl<'a> core::fmt::Display for $name $(<$lt>)? {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                <Self as $crate::rdata::field::Codec<'_, Self>>::present(self, f)
            }
        }
    };
}

/// A cross-field rule of a record type failed (for example a DS digest whose
/// length does not match its digest type).
#[derive(Clone, Copy, Debug)]
pub(crate) struct CheckFailed;

impl CheckFailed {
    pub(crate) fn decode(_: Self) -> DecodeError {
        DecodeError::InvalidValue
    }

    pub(crate) fn encode(_: Self) -> EncodeError {
        EncodeError::InvalidValue
    }
}
pub(crate) use rdata_struct;

macro_rules! class_ok {
    (any, $class:expr) => {
        true
    };
    (in_only, $class:expr) => {
        $class == Class::IN
    };
    (ch_only, $class:expr) => {
        $class == Class::CH
    };
}

macro_rules! rdata_enum {
    ($( $(#[doc = $doc:literal])* $(#[cfg($cfg:meta)])? $variant:ident($ty:ty) = $rtype:ident, $codec:ty, $class:ident; )*) => {
        /// The RDATA of one record, typed where dnswire knows the type.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[non_exhaustive]
        pub enum RData<'a> {
            $( $(#[doc = $doc])* $(#[cfg($cfg)] #[cfg_attr(docsrs, doc(cfg($cfg)))])? $variant($ty), )*
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
                    $( $(#[cfg($cfg)])? Self::$variant(_) => Rtype::$rtype, )*
                    Self::Empty(rtype) | Self::Unknown { rtype, .. } => *rtype,
                }
            }

            /// Typed RDATA for known types, opaque octets for the rest.
            fn decode_any(rtype: Rtype, class: Class, r: &mut Reader<'a>) -> Result<Self, DecodeError> {
                match rtype {
                    $( $(#[cfg($cfg)])? Rtype::$rtype if class_ok!($class, class) =>
                        <$codec as Codec<'a, $ty>>::decode(r).map(Self::$variant), )*
                    _ => Ok(Self::Unknown { rtype, data: r.rest() }),
                }
            }

            /// Reads the presentation form of the RDATA of `rtype` in `class`
            /// field by field into `w` (not the `\#` form, which the caller
            /// handles); opaque types have no other form.
            pub(crate) fn parse_fields(
                rtype: Rtype,
                class: Class,
                t: &mut crate::text::Fields<'_, '_>,
                w: &mut Writer<'_>,
            ) -> Result<(), crate::error::TextError> {
                match rtype {
                    $( $(#[cfg($cfg)])? Rtype::$rtype if class_ok!($class, class) => <$codec as Codec<'a, $ty>>::parse(t, w), )*
                    _ => Err(crate::error::TextError::Unsupported),
                }
            }

            pub(crate) fn encode(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
                match self {
                    $( $(#[cfg($cfg)])? Self::$variant(v) => <$codec as Codec<'a, $ty>>::encode(v, w), )*
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
                    $( $(#[cfg($cfg)])? Self::$variant(v) => <$codec as Codec<'a, $ty>>::present(v, f), )*
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
    /// A Chaosnet address: a domain and a 16-bit address (class CH, type A).
    #[cfg(feature = "legacy")]
    ChA(ChA<'a>) = A, ChA<'a>, ch_only;
    /// An authoritative name server (RFC 1035 §3.3.11).
    Ns(Name<'a>) = NS, CompressedName, any;
    /// Mail destination, obsolete (RFC 1035 §3.3.4).
    #[cfg(feature = "legacy")]
    Md(Name<'a>) = MD, CompressedName, any;
    /// Mail forwarder, obsolete (RFC 1035 §3.3.5).
    #[cfg(feature = "legacy")]
    Mf(Name<'a>) = MF, CompressedName, any;
    /// The canonical name of an alias (RFC 1035 §3.3.1).
    Cname(Name<'a>) = CNAME, CompressedName, any;
    /// Start of a zone of authority (RFC 1035 §3.3.13).
    Soa(Soa<'a>) = SOA, Soa<'a>, any;
    /// Mailbox domain name, experimental (RFC 1035 §3.3.3).
    #[cfg(feature = "legacy")]
    Mb(Name<'a>) = MB, CompressedName, any;
    /// Mail group member, experimental (RFC 1035 §3.3.6).
    #[cfg(feature = "legacy")]
    Mg(Name<'a>) = MG, CompressedName, any;
    /// Mail rename, experimental (RFC 1035 §3.3.8).
    #[cfg(feature = "legacy")]
    Mr(Name<'a>) = MR, CompressedName, any;
    /// A domain name pointer (RFC 1035 §3.3.12).
    Ptr(Name<'a>) = PTR, CompressedName, any;
    /// Host information (RFC 1035 §3.3.2).
    #[cfg(feature = "legacy")]
    Hinfo(Hinfo<'a>) = HINFO, Hinfo<'a>, any;
    /// Mailbox information, experimental (RFC 1035 §3.3.7).
    #[cfg(feature = "legacy")]
    Minfo(Minfo<'a>) = MINFO, Minfo<'a>, any;
    /// Mail exchange (RFC 1035 §3.3.9).
    Mx(Mx<'a>) = MX, Mx<'a>, any;
    /// Text strings (RFC 1035 §3.3.14).
    Txt(CharStrings<'a>) = TXT, CharStrings<'a>, any;
    /// Responsible person (RFC 1183 §2.2).
    #[cfg(feature = "legacy")]
    Rp(Rp<'a>) = RP, Rp<'a>, any;
    /// AFS database location (RFC 1183 §1).
    #[cfg(feature = "legacy")]
    Afsdb(Afsdb<'a>) = AFSDB, Afsdb<'a>, any;
    /// Route through (RFC 1183 §3.3).
    #[cfg(feature = "legacy")]
    Rt(Rt<'a>) = RT, Rt<'a>, any;
    /// X.400 mapping (RFC 2163 §4).
    #[cfg(feature = "legacy")]
    Px(Px<'a>) = PX, Px<'a>, in_only;
    /// An IPv6 address (RFC 3596 §2.2).
    Aaaa(Ipv6Addr) = AAAA, Addr, in_only;
    /// Service location (RFC 2782).
    Srv(Srv<'a>) = SRV, Srv<'a>, in_only;
    /// Naming authority pointer (RFC 3403 §4.1).
    #[cfg(feature = "extra")]
    Naptr(Naptr<'a>) = NAPTR, Naptr<'a>, in_only;
    /// Redirection of a subtree (RFC 6672 §2.1).
    #[cfg(feature = "extra")]
    Dname(Name<'a>) = DNAME, DecompressName, any;
    /// Sender Policy Framework, in TXT form (RFC 4408 §3.1.1).
    #[cfg(feature = "legacy")]
    Spf(CharStrings<'a>) = SPF, CharStrings<'a>, any;
    /// Certification authority authorization (RFC 8659 §4.1).
    Caa(Caa<'a>) = CAA, Caa<'a>, any;
    /// A DNSSEC public key (RFC 4034 §2.1).
    #[cfg(feature = "dnssec")]
    Dnskey(Dnskey<'a>) = DNSKEY, Dnskey<'a>, any;
    /// A child's copy of its DNSKEY for the parent (RFC 7344 §3.2).
    #[cfg(feature = "dnssec")]
    Cdnskey(Dnskey<'a>) = CDNSKEY, Dnskey<'a>, any;
    /// A public key in the original DNSSEC and SIG(0) (RFC 2535 §3.1).
    #[cfg(feature = "dnssec")]
    Key(Dnskey<'a>) = KEY, dnssec::KeyRecord, any;
    /// A signature over an RRset (RFC 4034 §3.1).
    #[cfg(feature = "dnssec")]
    Rrsig(Rrsig<'a>) = RRSIG, Rrsig<'a>, any;
    /// A signature in the original DNSSEC and SIG(0) (RFC 2535 §4.1).
    #[cfg(feature = "dnssec")]
    Sig(Sig<'a>) = SIG, Sig<'a>, any;
    /// The next name and types in the original DNSSEC, obsolete (RFC 2535 §5.2).
    #[cfg(feature = "legacy")]
    Nxt(Nxt<'a>) = NXT, Nxt<'a>, any;
    /// A delegation signer (RFC 4034 §5.1).
    #[cfg(feature = "dnssec")]
    Ds(Ds<'a>) = DS, dnssec::DsOnly, any;
    /// A child's copy of its DS for the parent (RFC 7344 §3.1).
    #[cfg(feature = "dnssec")]
    Cds(Ds<'a>) = CDS, Ds<'a>, any;
    /// DNSSEC lookaside validation, historic (RFC 4431 §2).
    #[cfg(feature = "dnssec")]
    Dlv(Ds<'a>) = DLV, dnssec::DsOnly, any;
    /// A trust anchor, in the DS format (DNSSEC Trust Authorities).
    #[cfg(feature = "dnssec")]
    Ta(Ds<'a>) = TA, dnssec::AnyDigest, any;
    /// Authenticated denial of existence (RFC 4034 §4.1).
    #[cfg(feature = "dnssec")]
    Nsec(Nsec<'a>) = NSEC, Nsec<'a>, any;
    /// Hashed authenticated denial of existence (RFC 5155 §3.2).
    #[cfg(feature = "dnssec")]
    Nsec3(Nsec3<'a>) = NSEC3, Nsec3<'a>, any;
    /// The NSEC3 parameters of a zone (RFC 5155 §4.2).
    #[cfg(feature = "dnssec")]
    Nsec3param(Nsec3param<'a>) = NSEC3PARAM, Nsec3param<'a>, any;
    /// Child-to-parent synchronisation (RFC 7477 §2.1).
    #[cfg(feature = "dnssec")]
    Csync(Csync<'a>) = CSYNC, Csync<'a>, any;
    /// A message digest over a zone (RFC 8976 §2).
    #[cfg(feature = "dnssec")]
    Zonemd(Zonemd<'a>) = ZONEMD, dnssec::ZonemdChecked, any;
    /// A general service binding (RFC 9460 §2.2).
    #[cfg(feature = "svcb")]
    Svcb(Svcb<'a>) = SVCB, Svcb<'a>, in_only;
    /// A service binding for HTTPS origins (RFC 9460 §9).
    #[cfg(feature = "svcb")]
    Https(Svcb<'a>) = HTTPS, Svcb<'a>, in_only;
    /// Where to send generalized notifications (RFC 9859 §2.1).
    #[cfg(feature = "extra")]
    Dsync(Dsync<'a>) = DSYNC, Dsync<'a>, any;
    /// A TLS certificate association (RFC 6698 §2.1).
    #[cfg(feature = "keys")]
    Tlsa(Tlsa<'a>) = TLSA, Tlsa<'a>, any;
    /// An S/MIME certificate association (RFC 8162 §2).
    #[cfg(feature = "keys")]
    Smimea(Tlsa<'a>) = SMIMEA, Tlsa<'a>, any;
    /// An SSH host key fingerprint (RFC 4255 §3.1).
    #[cfg(feature = "keys")]
    Sshfp(Sshfp<'a>) = SSHFP, Sshfp<'a>, any;
    /// An OpenPGP transferable public key, base64 in one piece (RFC 7929 §2).
    #[cfg(feature = "keys")]
    Openpgpkey(&'a [u8]) = OPENPGPKEY, Base64AtLeast<1, 0>, any;
    /// A certificate or CRL (RFC 4398 §2).
    #[cfg(feature = "keys")]
    Cert(Cert<'a>) = CERT, Cert<'a>, any;
    /// A DHCP client identifier digest, base64 (RFC 4701 §3).
    #[cfg(feature = "keys")]
    Dhcid(&'a [u8]) = DHCID, Base64AtLeast<1, 32>, in_only;
    /// A uniform resource identifier (RFC 7553 §4.5).
    #[cfg(feature = "extra")]
    Uri(Uri<'a>) = URI, Uri<'a>, any;
    /// A transaction signature (RFC 8945 §4.2).
    #[cfg(feature = "tsig")]
    Tsig(Tsig<'a>) = TSIG, Tsig<'a>, any;
    /// A transaction key (RFC 2930 §2).
    #[cfg(feature = "tsig")]
    Tkey(Tkey<'a>) = TKEY, Tkey<'a>, any;
    /// A 48-bit extended unique identifier (RFC 7043 §3).
    #[cfg(feature = "extra")]
    Eui48([u8; 6]) = EUI48, Eui, any;
    /// A 64-bit extended unique identifier (RFC 7043 §4).
    #[cfg(feature = "extra")]
    Eui64([u8; 8]) = EUI64, Eui, any;
    /// An ILNP node identifier (RFC 6742 §2.1).
    #[cfg(feature = "extra")]
    Nid(Nid) = NID, Nid, any;
    /// A 32-bit ILNP locator (RFC 6742 §2.2).
    #[cfg(feature = "extra")]
    L32(L32) = L32, L32, any;
    /// A 64-bit ILNP locator (RFC 6742 §2.3), in the NID format.
    #[cfg(feature = "extra")]
    L64(Nid) = L64, Nid, any;
    /// An ILNP locator pointer (RFC 6742 §2.4).
    #[cfg(feature = "extra")]
    Lp(Lp<'a>) = LP, Lp<'a>, any;
    /// A key exchanger (RFC 2230 §3).
    #[cfg(feature = "extra")]
    Kx(Kx<'a>) = KX, Kx<'a>, in_only;
    /// Resolver information, in TXT form (RFC 9606 §3).
    #[cfg(feature = "extra")]
    Resinfo(CharStrings<'a>) = RESINFO, CharStrings<'a>, any;
    /// Public wallet addresses, in TXT form (IANA, WALLET).
    #[cfg(feature = "extra")]
    Wallet(CharStrings<'a>) = WALLET, CharStrings<'a>, any;
    /// Zone status information, in TXT form (IANA, NINFO).
    #[cfg(feature = "legacy")]
    Ninfo(CharStrings<'a>) = NINFO, CharStrings<'a>, any;
    /// Application visibility and control, in TXT form (IANA, AVC).
    #[cfg(feature = "legacy")]
    Avc(CharStrings<'a>) = AVC, CharStrings<'a>, any;
    /// An X.25 PSDN address (RFC 1183 §3.1).
    #[cfg(feature = "legacy")]
    X25(&'a [u8]) = X25, CharString, any;
    /// An ISDN address (RFC 1183 §3.2).
    #[cfg(feature = "legacy")]
    Isdn(Isdn<'a>) = ISDN, Isdn<'a>, any;
    /// A geographical position, obsolete (RFC 1712 §3).
    #[cfg(feature = "legacy")]
    Gpos(Gpos<'a>) = GPOS, misc::GposChecked, any;
    /// An NSAP address (RFC 1706 §5).
    #[cfg(feature = "legacy")]
    Nsap(&'a [u8]) = NSAP, NsapHex, in_only;
    /// The name for an NSAP address (RFC 1706 §6); never compressed.
    #[cfg(feature = "legacy")]
    NsapPtr(Name<'a>) = NSAP_PTR, PlainName, in_only;
    /// Well-known services, obsolete (RFC 1035 §3.4.2).
    #[cfg(feature = "legacy")]
    Wks(Wks<'a>) = WKS, Wks<'a>, in_only;
    /// A geographical location (RFC 1876 §2).
    #[cfg(feature = "extra")]
    Loc(Loc) = LOC, Loc, any;
    /// An address prefix list (RFC 3123 §4).
    #[cfg(feature = "extra")]
    Apl(Apl<'a>) = APL, Apl<'a>, in_only;
    /// An IPsec keying record (RFC 4025 §2.1).
    #[cfg(feature = "keys")]
    Ipseckey(Ipseckey<'a>) = IPSECKEY, Ipseckey<'a>, in_only;
    /// An AMT relay (RFC 8777 §4).
    #[cfg(feature = "extra")]
    Amtrelay(Amtrelay<'a>) = AMTRELAY, Amtrelay<'a>, any;
    /// A host identity (RFC 8005 §5).
    #[cfg(feature = "keys")]
    Hip(Hip<'a>) = HIP, Hip<'a>, any;
}

impl<'a> RData<'a> {
    /// Decodes the RDATA at `r` (which spans exactly RDLENGTH). `is_in` says
    /// whether class-IN types apply. A known type must fill RDLENGTH exactly.
    pub(crate) fn decode(rtype: Rtype, class: Class, empty_allowed: bool, r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        if empty_allowed && r.is_empty() {
            return Ok(Self::Empty(rtype));
        }
        let data = Self::decode_any(rtype, class, r)?;
        if !r.is_empty() {
            return Err(DecodeError::RdataLength);
        }
        Ok(data)
    }
}

#[cfg(test)]
pub(crate) mod vectors;

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

    vector_tests!(a, aaaa, ns, cname, soa, ptr, mx, txt, srv, caa, caa_critical_iodef, unknown_type, a_in_hesiod_is_opaque,);
    #[cfg(feature = "legacy")]
    vector_tests!(
        hinfo,
        rp,
        afsdb,
        rt,
        px,
        spf,
        ninfo,
        avc,
        x25,
        isdn,
        isdn_no_subaddress,
        gpos,
        nsap,
        nsap_ptr,
        wks,
        wks_udp,
        md,
        mf,
        mb,
        mg,
        mr,
        minfo,
    );
    #[cfg(feature = "extra")]
    vector_tests!(
        naptr,
        dname,
        uri,
        eui48,
        eui64,
        nid,
        l32,
        l64,
        lp,
        lp_compressed_by_dnspython,
        kx,
        resinfo,
        wallet,
        loc,
        loc_default_precision,
        loc_rfc1876,
        loc_thousandths,
        loc_south,
        apl,
        apl_multicast,
        apl_ipv6_negated,
        apl_empty,
        amtrelay,
        amtrelay_ipv6,
        amtrelay_name,
        amtrelay_none,
    );
    #[cfg(feature = "dnssec")]
    vector_tests!(
        dnskey,
        dnskey_ed25519,
        cdnskey,
        rrsig,
        rrsig_dnspython,
        ds,
        ds_long_digest,
        cds,
        dlv,
        nsec,
        nsec_high_window,
        nsec3,
        nsec3_no_salt_no_types,
        nsec3param,
        nsec3param_no_salt,
        csync,
        zonemd,
        key,
        sig,
        ta,
    );
    #[cfg(feature = "svcb")]
    vector_tests!(
        https_alias,
        svcb_service_root,
        svcb_port,
        svcb_generic_key,
        svcb_generic_escaped,
        svcb_ipv6hint,
        svcb_ipv6hint_mapped,
        svcb_mandatory,
        svcb_alpn_escaped,
        https_full,
    );
    #[cfg(feature = "keys")]
    vector_tests!(
        tlsa,
        smimea,
        sshfp,
        openpgpkey,
        cert,
        cert_pkix,
        dhcid,
        ipseckey,
        ipseckey_no_gateway,
        ipseckey_ipv6,
        ipseckey_name,
        ipseckey_no_key,
        hip,
        hip_rendezvous,
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
    #[cfg(feature = "dnssec")]
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
    #[cfg(feature = "dnssec")]
    fn nsec3_fields_are_validated() {
        // Empty next hashed owner name (RFC 5155 §3.2: at least one octet).
        assert_eq!(decode_err(50, b"\x01\x00\x00\x00\x00\x00"), Some(DecodeError::InvalidValue));
        // Salt length past the end.
        assert_eq!(decode_err(50, b"\x01\x00\x00\x00\x05\xaa"), Some(DecodeError::FieldOverrun));
        assert_eq!(decode_err(51, b"\x01\x00\x00\x00\x02\xaa"), Some(DecodeError::FieldOverrun));
    }

    #[test]
    #[cfg(all(feature = "dnssec", feature = "svcb"))]
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
    #[cfg(feature = "svcb")]
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
        assert_eq!(svcb(b"\x00\x02\x00\x00\x00\x03\x00\x02\x01\xbb\xff\xff\x00\x00"), bad, "no-default-alpn without alpn (RFC 9460 §7.1.1)");
        assert_eq!(svcb(b"\x00\x01\x00\x03\x02h2\x00\x02\x00\x00\x00\x03\x00\x02\x01\xbb\xff\xff\x00\x00"), None);
        assert_eq!(svcb(b"\x00\x05\x00\x00"), bad, "empty ech");
        assert_eq!(svcb(b"\x00\x07\x00\x00"), bad, "empty dohpath");
        assert_eq!(svcb(b"\x00\x09\x00\x03\x00\x1d\x00"), bad, "odd tls-supported-groups");
        let params = SvcParams::from_wire(b"\x00\x01\x00\x03\x02h2\x00\x03\x00\x02\x01\xbb").unwrap();
        assert_eq!(params.iter().map(|p| p.key).collect::<std::vec::Vec<_>>(), [SvcParamKey::ALPN, SvcParamKey::PORT]);
        assert_eq!(SvcParams::from_wire(b"\x00\x03\x00\x02\x01\xbb\x00\x01\x00\x03\x02h2"), Err(DecodeError::InvalidSvcParams));
    }

    #[test]
    #[cfg(feature = "extra")]
    fn loc_fields_are_validated() {
        // Version, size, horizontal and vertical precision, then latitude,
        // longitude and altitude at the origin.
        let loc = |head: [u8; 4], lat: u32, lon: u32| {
            let mut rdata = std::vec::Vec::from(head);
            rdata.extend_from_slice(&lat.to_be_bytes());
            rdata.extend_from_slice(&lon.to_be_bytes());
            rdata.extend_from_slice(&10_000_000u32.to_be_bytes());
            decode_err(29, &rdata)
        };
        let (o, deg) = (0x8000_0000u32, 3_600_000u32);
        let bad = Some(DecodeError::InvalidValue);
        assert_eq!(loc([0, 0x12, 0x16, 0x13], o, o), None);
        assert_eq!(loc([0, 0x99, 0x00, 0x03], o + 90 * deg, o - 180 * deg), None, "the limits themselves");
        assert_eq!(loc([1, 0x12, 0x16, 0x13], o, o), bad, "version 1");
        assert_eq!(loc([0, 0x12, 0x16, 0x13], o + 90 * deg + 1, o), bad, "latitude north of 90");
        assert_eq!(loc([0, 0x12, 0x16, 0x13], o - 90 * deg - 1, o), bad, "latitude south of -90");
        assert_eq!(loc([0, 0x12, 0x16, 0x13], o, o + 180 * deg + 1), bad, "longitude east of 180");
        assert_eq!(loc([0, 0x12, 0x16, 0x13], o, o - 180 * deg - 1), bad, "longitude west of -180");
        assert_eq!(loc([0, 0xa2, 0x16, 0x13], o, o), bad, "size base 10");
        assert_eq!(loc([0, 0x1a, 0x16, 0x13], o, o), bad, "size exponent 10");
        assert_eq!(loc([0, 0x12, 0xf6, 0x13], o, o), bad, "horizontal precision base 15");
        assert_eq!(loc([0, 0x12, 0x16, 0x1f], o, o), bad, "vertical precision exponent 15");
        assert_eq!(decode_err(29, &[0; 15]), Some(DecodeError::RdataLength), "short");
    }

    #[test]
    #[cfg(feature = "extra")]
    fn apl_items_are_validated() {
        let bad = Some(DecodeError::InvalidValue);
        assert_eq!(decode_err(42, b"\x00\x01\x18\x03\xc0\x00\x02\x00\x02\x20\x84\x20\x01\x0d\xb8"), None);
        assert_eq!(decode_err(42, b"\x00\x01\x21\x01\x0a"), bad, "IPv4 prefix 33");
        assert_eq!(decode_err(42, b"\x00\x01\x20\x05\x01\x02\x03\x04\x05"), bad, "IPv4 address of 5 octets");
        assert_eq!(decode_err(42, b"\x00\x02\x81\x00"), bad, "IPv6 prefix 129");
        let mut long = std::vec![0u8, 2, 128, 17];
        long.extend_from_slice(&[1; 17]);
        assert_eq!(decode_err(42, &long), bad, "IPv6 address of 17 octets");
        // Another family: dnspython keeps up to 63 octets (127 hex digits).
        let mut other = std::vec![0u8, 3, 255, 63];
        other.extend_from_slice(&[1; 63]);
        assert_eq!(decode_err(42, &other), None);
        other[3] = 64;
        other.push(1);
        assert_eq!(decode_err(42, &other), bad, "other family, 64 octets");
        assert_eq!(decode_err(42, b"\x00\x01\x18\x04\xc0\x00\x02"), Some(DecodeError::FieldOverrun), "address past the end");
        assert_eq!(decode_err(42, b"\x00\x01\x18"), Some(DecodeError::FieldOverrun), "truncated header");
        let apl = super::Apl::from_wire(b"\x00\x03\x08\x82\x0a\x0b\x00\x01\x00\x00").unwrap();
        assert_eq!(format!("{apl}"), "!3:b'0a0b'/8 1:0.0.0.0/0");
        assert!(apl.iter().map(|i| i.family).eq([3, 1]));
    }

    #[test]
    #[cfg(all(feature = "keys", feature = "extra"))]
    fn gateway_types_are_validated() {
        let bad = Some(DecodeError::InvalidValue);
        // IPSECKEY: precedence, gateway type, algorithm, gateway, key.
        assert_eq!(decode_err(45, b"\x0a\x01\x02\xc0\x00\x02\x26\x01"), None);
        assert_eq!(decode_err(45, b"\x0a\x04\x02\x01"), bad, "gateway type 4");
        assert_eq!(decode_err(45, b"\x0a\x03\x02\xc0\x0c\x01"), Some(DecodeError::ForbiddenCompression), "gateway name as a pointer");
        assert_eq!(decode_err(45, b"\x0a\x02\x02\x20\x01"), Some(DecodeError::RdataLength), "short IPv6 gateway");
        // AMTRELAY: precedence, D bit and relay type, relay.
        assert_eq!(decode_err(260, b"\x0a\x80"), None);
        assert_eq!(decode_err(260, b"\x0a\x84"), bad, "relay type 4");
        assert_eq!(decode_err(260, b"\x0a\x7f"), bad, "relay type 127");
        assert_eq!(decode_err(260, b"\x0a\x83\xc0\x0c"), Some(DecodeError::ForbiddenCompression), "relay name as a pointer");
        assert_eq!(decode_err(260, b"\x0a\x00\x01"), Some(DecodeError::RdataLength), "octets after relay type 0");
    }

    #[test]
    #[cfg(feature = "keys")]
    fn hip_fields_are_validated() {
        // HIT length, algorithm, key length, HIT, key, rendezvous servers.
        assert_eq!(decode_err(55, b"\x02\x02\x00\x01\xab\xcd\x01\x03rvs\x00\x00"), None);
        assert_eq!(decode_err(55, b"\x02\x02\x00\x01\xab\xcd\x01\xc0\x0c"), Some(DecodeError::ForbiddenCompression), "server as a pointer");
        assert_eq!(decode_err(55, b"\x05\x02\x00\x00\xab"), Some(DecodeError::RdataLength), "HIT past the end");
        assert_eq!(decode_err(55, b"\x01\x02\x00\x09\xab\x01"), Some(DecodeError::RdataLength), "key past the end");
        assert_eq!(decode_err(55, b"\x00\x02\x00\x00\x03rvs"), Some(DecodeError::NameUnterminated), "server unterminated");
    }

    /// A type whose group is left out of the build is opaque (RFC 3597 §5):
    /// any octets are valid, and `\#` is its only text form.
    #[test]
    #[cfg(not(feature = "dnssec"))]
    fn type_of_a_left_out_group_is_opaque() {
        let wire = response(48, b"\x01");
        let msg = Message::decode(&wire).unwrap();
        let data = msg.answers().next().unwrap().data;
        assert_eq!(data, super::RData::Unknown { rtype: Rtype::DNSKEY, data: b"\x01" });
        assert_eq!(format!("{data}"), "\\# 1 01");
        let mut out = [0u8; 16];
        assert!(crate::text::parse_rdata(Rtype::DNSKEY, crate::Class::IN, "257 3 8 AwEAAQ==", None, &mut out).is_err());
        assert_eq!(crate::text::parse_rdata(Rtype::DNSKEY, crate::Class::IN, "\\# 1 01", None, &mut out), Ok(1));
    }

    #[test]
    fn every_vector_has_a_test() {
        assert_eq!(VECTORS.len(), 105);
    }
}
