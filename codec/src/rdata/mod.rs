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
mod txt;

pub use basic::{Afsdb, Caa, Hinfo, Minfo, Mx, Naptr, Px, Rp, Rt, Soa, Srv};
pub use txt::CharStrings;

use field::{Addr, Codec, CompressedName, DecompressName};

/// Declares an RDATA struct whose fields follow each other on the wire, each
/// with its codec; presentation is the fields separated by single spaces.
macro_rules! rdata_struct {
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
                    f.write_str(sep)?;
                    <$codec as $crate::rdata::field::Codec<'a, $ty>>::present(&v.$field, f)?;
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
    use crate::Message;

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
        a, aaaa, ns, md, mf, cname, soa, mb, mg, mr, ptr, hinfo, minfo, mx, txt, rp, afsdb, rt, px, srv,
        naptr, dname, spf, caa, caa_critical_iodef, unknown_type, a_in_hesiod_is_opaque,
    );

    #[test]
    fn every_vector_has_a_test() {
        assert_eq!(VECTORS.len(), 27);
    }
}
