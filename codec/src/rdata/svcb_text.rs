//! SVCB and HTTPS parameters from presentation text (RFC 9460 §2.1,
//! Appendix A): `key=value` pairs in any order, written sorted by key as the
//! wire form demands (RFC 9460 §2.2), each key at most once.

use core::net::{Ipv4Addr, Ipv6Addr};

use crate::error::TextError;
use crate::iana::SvcParamKey;
use crate::present;
use crate::text::{Base64, Fields, Tokens, unescape_each};
use crate::wire::Writer;

/// One parameter as written.
#[derive(Clone, Copy)]
struct Param<'t> {
    key: SvcParamKey,
    /// Given as `keyNNNNN`: the value is then the wire form itself, whatever
    /// the key (RFC 9460 §2.1, as dnspython reads it).
    generic: bool,
    /// The value's raw text, escapes kept; `None` for a bare key.
    value: Option<&'t str>,
    /// Where the parameter starts in the text.
    column: usize,
}

/// A set of 256 octet values: the high octets of the keys in use, or the low
/// octets of those with one high octet.
#[derive(Default)]
struct OctetSet([u32; 8]);

impl OctetSet {
    /// Adds `v`; whether it was there already.
    fn insert(&mut self, v: u8) -> bool {
        let bit = 1u32 << (v & 31);
        let Some(word) = self.0.get_mut(usize::from(v >> 5)) else { return false };
        let had = *word & bit != 0;
        *word |= bit;
        had
    }

    fn contains(&self, v: u8) -> bool {
        self.0.get(usize::from(v >> 5)).is_some_and(|w| w & (1u32 << (v & 31)) != 0)
    }

    /// The values in increasing order.
    fn iter(&self) -> impl Iterator<Item = u8> + '_ {
        (0..=u8::MAX).filter(|&v| self.contains(v))
    }
}

/// Reads the parameters (the rest of the RDATA) and writes them in key order.
///
/// Linear in the text: a first pass checks every parameter and adds up the
/// wire size (so that text too long for the RDATA fails there, before any
/// sorting), then one pass per high octet of the keys in use (at most 256)
/// writes that octet's parameters, each moved into place among at most 255
/// others already written.
pub(crate) fn parse_params(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
    let start = t.tokens.clone();
    // Every parameter first, in text order, so that a malformed one is
    // reported where it stands; its value is written and taken back.
    let room = w.limit.saturating_sub(w.len).min(usize::from(u16::MAX));
    let mut total = 0usize;
    let mut highs = OctetSet::default();
    while let Some(p) = next_param(&mut t.tokens)? {
        let at = w.checkpoint();
        write_value(&p, w).inspect_err(|_| t.tokens.set_column(p.column))?;
        let len = w.len.saturating_sub(at.len);
        w.rollback(at);
        total = total.saturating_add(len).saturating_add(4);
        if total > room {
            t.tokens.set_column(p.column);
            return Err(TextError::NoSpace);
        }
        let [high, _] = p.key.0.to_be_bytes();
        highs.insert(high);
    }
    for high in highs.iter() {
        let mut tokens = start.clone();
        let mut lows = OctetSet::default();
        let first = w.len;
        let mut last: Option<u16> = None;
        while let Some(p) = next_param(&mut tokens)? {
            let [h, low] = p.key.0.to_be_bytes();
            if h != high {
                continue;
            }
            if lows.insert(low) {
                // RFC 9460 Appendix D.3: a key given twice.
                t.tokens.set_column(p.column);
                return Err(TextError::BadField);
            }
            let at = w.len;
            w.u16(p.key.0)?;
            w.u16(0)?;
            write_value(&p, w)?;
            let len = w.len.checked_sub(at).and_then(|n| n.checked_sub(4)).ok_or(TextError::NoSpace)?;
            w.patch_u16(at.checked_add(2).ok_or(TextError::NoSpace)?, u16::try_from(len).map_err(|_| TextError::StringTooLong)?)?;
            if last.is_some_and(|l| p.key.0 < l) {
                move_into_place(w, first, at, p.key.0)?;
            } else {
                last = Some(p.key.0);
            }
        }
    }
    Ok(())
}

/// Moves the parameter written at `at` (the last one) back among those
/// written from `first`, before the first with a greater key.
fn move_into_place(w: &mut Writer<'_>, first: usize, at: usize, key: u16) -> Result<(), TextError> {
    let written = w.buf.get_mut(first..w.len).ok_or(TextError::NoSpace)?;
    let mut r = crate::wire::Reader::new(written.get(..at.saturating_sub(first)).unwrap_or(&[]));
    let mut to = 0usize;
    while !r.is_empty() {
        crate::work::step();
        if r.u16().map_err(|_| TextError::BadField)? > key {
            break;
        }
        r.u16_prefixed().map_err(|_| TextError::BadField)?;
        to = r.pos;
    }
    let moved = written.get_mut(to..).ok_or(TextError::NoSpace)?;
    crate::work::steps(moved.len());
    let len = w.len.saturating_sub(at);
    moved.rotate_right(len);
    Ok(())
}

/// The next parameter: `key`, `key=value` or `key="value"`.
fn next_param<'t>(tokens: &mut Tokens<'t>) -> Result<Option<Param<'t>>, TextError> {
    let Some(token) = tokens.next_token()? else { return Ok(None) };
    if token.quoted {
        return Err(TextError::BadField);
    }
    let (key, value) = match token.text.split_once('=') {
        None => (token.text, None),
        Some((key, "")) => {
            // The quoted value follows the `=` with no space between.
            let value = tokens.next_token()?.ok_or(TextError::MissingToken)?;
            if !value.quoted || token.column.checked_add(token.text.len()) != Some(value.column) {
                return Err(TextError::BadField);
            }
            (key, Some(value.text))
        }
        Some((key, value)) => (key, Some(value)),
    };
    let Some((key, generic)) = parse_key(key) else {
        tokens.set_column(token.column);
        return Err(TextError::UnknownMnemonic);
    };
    Ok(Some(Param { key, generic, value, column: token.column }))
}

/// A key by name or as `keyNNNNN` without leading zeros (RFC 9460 §2.1);
/// whether it was the latter. Keys are lowercase (RFC 9460 §2.1: `key =
/// 1*63(ALPHA-LC / DIGIT / "-")`).
fn parse_key(text: &str) -> Option<(SvcParamKey, bool)> {
    if !text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
        return None;
    }
    let generic = text.starts_with("key");
    let digits = text.get(3..).unwrap_or("");
    if generic && digits.len() > 1 && digits.starts_with('0') {
        return None;
    }
    SvcParamKey::from_mnemonic(text).map(|k| (k, generic))
}

/// Writes a parameter's value in wire form (RFC 9460 §7, §8).
fn write_value(p: &Param<'_>, w: &mut Writer<'_>) -> Result<(), TextError> {
    let octets = |w: &mut Writer<'_>| p.value.map_or(Ok(()), |v| unescape_each(v, |b| Ok(w.u8(b)?)));
    if p.generic {
        return octets(w);
    }
    match p.key {
        SvcParamKey::NO_DEFAULT_ALPN | SvcParamKey::OHTTP => {
            if p.value.is_some_and(|v| !v.is_empty()) {
                Err(TextError::BadField)
            } else {
                Ok(())
            }
        }
        SvcParamKey::MANDATORY => mandatory(unescaped_value(p)?, w),
        SvcParamKey::ALPN => each_item(required(p)?, |id| {
            if id.is_empty() {
                return Err(TextError::BadField);
            }
            Ok(w.u8_prefixed(id)?)
        }),
        SvcParamKey::PORT => {
            let mut buf = [0u8; 8];
            let port = unescaped(unescaped_value(p)?, &mut buf)
                .and_then(present::parse_decimal)
                .and_then(|v| u16::try_from(v).ok())
                .ok_or(TextError::BadNumber)?;
            Ok(w.u16(port)?)
        }
        SvcParamKey::IPV4HINT => each_item(unescaped_value(p)?, |a| Ok(w.bytes(&address::<Ipv4Addr>(a)?.octets())?)),
        SvcParamKey::IPV6HINT => each_item(unescaped_value(p)?, |a| Ok(w.bytes(&address::<Ipv6Addr>(a)?.octets())?)),
        SvcParamKey::ECH => {
            // Base64 has no escapes. An ECHConfigList is never empty
            // (draft-ietf-tls-svcb-ech §2), so neither is the value.
            let at = w.len;
            let mut b64 = Base64::default();
            b64.feed(required(p)?, w)?;
            b64.finish()?;
            if w.len == at { Err(TextError::BadField) } else { Ok(()) }
        }
        SvcParamKey::DOHPATH => {
            // A URI template with at least the `dns` variable (RFC 9461 §5).
            if required(p)?.is_empty() {
                return Err(TextError::BadField);
            }
            octets(w)
        }
        SvcParamKey::TLS_SUPPORTED_GROUPS => each_item(unescaped_value(p)?, |g| {
            // TLS NamedGroup code points in decimal
            // (draft-ietf-tls-key-share-prediction §3).
            let g = core::str::from_utf8(g).ok().and_then(present::parse_decimal).and_then(|v| u16::try_from(v).ok()).ok_or(TextError::BadNumber)?;
            Ok(w.u16(g)?)
        }),
        _ => octets(w),
    }
}

/// The value of a key that must have one (RFC 9460 Appendix D.3).
fn required<'t>(p: &Param<'t>) -> Result<&'t str, TextError> {
    p.value.ok_or(TextError::MissingToken)
}

/// The value of a key whose grammar has only key names, digits, dots and
/// colons (mandatory, port, the address hints: RFC 9460 §7.2, §7.3, §8):
/// none of them needs an escape, and a backslash there would make the
/// escaped character read as something else (`1\.2.3.4`, `::1\,::2`).
fn unescaped_value<'t>(p: &Param<'t>) -> Result<&'t str, TextError> {
    let value = required(p)?;
    if value.contains('\\') { Err(TextError::BadEscape) } else { Ok(value) }
}

/// The mandatory keys, written in increasing order, each at most once and
/// never `mandatory` itself (RFC 9460 §8): one pass to check them, then one
/// per high octet in use, as for the parameters.
fn mandatory(raw: &str, w: &mut Writer<'_>) -> Result<(), TextError> {
    let mut highs = OctetSet::default();
    each_item(raw, |k| {
        let k = item_key(k)?;
        if k == SvcParamKey::MANDATORY {
            return Err(TextError::BadField);
        }
        let [high, _] = k.0.to_be_bytes();
        highs.insert(high);
        Ok(())
    })?;
    for high in highs.iter() {
        let mut lows = OctetSet::default();
        let mut repeated = false;
        each_item(raw, |k| {
            let [h, low] = item_key(k)?.0.to_be_bytes();
            if h == high {
                repeated |= lows.insert(low);
            }
            Ok(())
        })?;
        if repeated {
            return Err(TextError::BadField);
        }
        for low in lows.iter() {
            w.u16(u16::from_be_bytes([high, low]))?;
        }
    }
    Ok(())
}

fn item_key(item: &[u8]) -> Result<SvcParamKey, TextError> {
    core::str::from_utf8(item).ok().and_then(parse_key).map(|(k, _)| k).ok_or(TextError::UnknownMnemonic)
}

fn address<A: core::str::FromStr>(item: &[u8]) -> Result<A, TextError> {
    core::str::from_utf8(item).ok().and_then(|s| s.parse().ok()).ok_or(TextError::BadField)
}

/// A short value unescaped into `buf`, as text.
fn unescaped<'b>(raw: &str, buf: &'b mut [u8]) -> Option<&'b str> {
    let mut n = 0usize;
    unescape_each(raw, |b| {
        *buf.get_mut(n).ok_or(TextError::StringTooLong)? = b;
        n = n.saturating_add(1);
        Ok(())
    })
    .ok()?;
    core::str::from_utf8(buf.get(..n)?).ok()
}

/// Calls `item` with each item of a value-list (RFC 9460 Appendix A.1) once
/// the char-string escapes are resolved: `,` separates items, `\,` and `\\`
/// stand for themselves, and no other escape is allowed (`a\\b` is an
/// error, not `ab`). `\DDD` is read as well for octets outside printable
/// ASCII, the form dnswire and dnspython print them in; a printable octet
/// has its own form.
fn each_item(raw: &str, mut item: impl FnMut(&[u8]) -> Result<(), TextError>) -> Result<(), TextError> {
    let mut buf = [0u8; 255];
    let mut n = 0usize;
    // After a backslash: the value of the digits read so far, and how many.
    let mut escape: Option<(u16, u8)> = None;
    unescape_each(raw, |b| {
        let octet = match escape {
            None if b == b'\\' => {
                escape = Some((0, 0));
                return Ok(());
            }
            None if b == b',' => {
                item(buf.get(..n).unwrap_or(&[]))?;
                n = 0;
                return Ok(());
            }
            None => b,
            Some((v, d)) if b.is_ascii_digit() => {
                let v = v.saturating_mul(10).saturating_add(u16::from(b.wrapping_sub(b'0')));
                if d < 2 {
                    escape = Some((v, d.saturating_add(1)));
                    return Ok(());
                }
                escape = None;
                u8::try_from(v).ok().filter(|o| !(0x20..=0x7E).contains(o)).ok_or(TextError::BadEscape)?
            }
            Some((_, 0)) if b == b',' || b == b'\\' => {
                escape = None;
                b
            }
            Some(_) => return Err(TextError::BadEscape),
        };
        *buf.get_mut(n).ok_or(TextError::StringTooLong)? = octet;
        n = n.saturating_add(1);
        Ok(())
    })?;
    if escape.is_some() {
        return Err(TextError::BadEscape);
    }
    item(buf.get(..n).unwrap_or(&[]))
}
