//! Generalized DNS notifications: DSYNC (RFC 9859 §2).

use core::fmt;

use super::field::{Codec, Int, PlainName, TypeCode};
use super::rdata_struct;
use crate::error::{DecodeError, EncodeError, TextError};
use crate::iana::Rtype;
use crate::name::Name;
use crate::present;
use crate::text::Fields;
use crate::wire::{Reader, Writer};

rdata_struct! {
    /// Where a child's operator sends notifications of a type (RFC 9859 §2.1).
    /// The target is never compressed (RFC 9859 §2.1).
    pub struct Dsync<'a> {
        /// The type the notification is about (CDS, CSYNC...).
        pub rtype: Rtype => TypeCode,
        /// How to notify: 1 is NOTIFY (RFC 9859 §2.1, §6).
        pub scheme: u8 => Scheme,
        /// The port to notify on.
        pub port: u16 => Int,
        /// The host to notify.
        pub target: Name<'a> => PlainName,
    }
}

/// The DSYNC scheme, presented by its mnemonic where the registry has one
/// (RFC 9859 §6: 1 NOTIFY), else in decimal.
pub(crate) struct Scheme;

const SCHEMES: &[(u8, &str)] = &[(1, "NOTIFY")];

impl<'a> Codec<'a, u8> for Scheme {
    fn decode(r: &mut Reader<'a>) -> Result<u8, DecodeError> {
        r.u8()
    }
    fn encode(v: &u8, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.u8(*v)
    }
    fn present(v: &u8, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match SCHEMES.iter().find(|(k, _)| k == v) {
            Some((_, name)) => f.write_str(name),
            None => write!(f, "{v}"),
        }
    }
    fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
        Ok(w.u8(present::parse_named(t.token()?.text, SCHEMES)?)?)
    }
}
