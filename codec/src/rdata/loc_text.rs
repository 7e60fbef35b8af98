//! LOC presentation text to wire form (RFC 1876 §3):
//! `d1 [m1 [s1]] N|S d2 [m2 [s2]] E|W alt[m] [siz[m] [hp[m] [vp[m]]]]`.

use crate::error::TextError;
use crate::present;
use crate::text::Fields;
use crate::wire::Writer;

/// The equator and the prime meridian: 2^31 thousandths of a second of arc.
const ORIGIN: u32 = 0x8000_0000;
/// Thousandths of a second of arc in a degree.
const DEGREE: u32 = 3_600_000;
/// The altitude's base lies 100,000 m (10^7 cm) below the WGS 84 spheroid.
const ALTITUDE_BASE: i64 = 10_000_000;
/// The size and precisions when the text leaves them out: 1m, 10000m, 10m.
const DEFAULT_PRECISION: [u8; 3] = [0x12, 0x16, 0x13];

/// Reads a LOC RDATA and writes its wire form (version 0).
pub(crate) fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
    let latitude = coordinate(t, 90, "N", "S")?;
    let longitude = coordinate(t, 180, "E", "W")?;
    let text = t.token()?.text;
    let (negative, cm) = centimetres(text).ok_or(TextError::BadNumber)?;
    let cm = i64::try_from(cm).map_err(|_| TextError::BadNumber)?;
    let altitude = if negative { cm.checked_neg() } else { Some(cm) }
        .and_then(|cm| cm.checked_add(ALTITUDE_BASE))
        .and_then(|raw| u32::try_from(raw).ok())
        .ok_or(TextError::BadNumber)?;
    // Size, then horizontal and vertical precision, each optional in turn.
    let mut precision = DEFAULT_PRECISION;
    for p in &mut precision {
        if t.is_empty() {
            break;
        }
        *p = size(t.token()?.text).ok_or(TextError::BadNumber)?;
    }
    w.u8(0)?;
    w.bytes(&precision)?;
    w.u32(latitude)?;
    w.u32(longitude)?;
    Ok(w.u32(altitude)?)
}

/// `d [m [s[.fff]]] H` as the wire value: 2^31 plus or minus thousandths of
/// a second of arc, at most `max` degrees.
fn coordinate(t: &mut Fields<'_, '_>, max: u32, pos: &str, neg: &str) -> Result<u32, TextError> {
    let degrees: u32 = t.decimal()?;
    let mut ms = degrees.checked_mul(DEGREE).filter(|_| degrees <= max).ok_or(TextError::BadNumber)?;
    // Minutes and seconds come before the hemisphere, each optional in turn.
    let mut token = t.token()?;
    for (unit, limit) in [(60_000u32, 59u32), (1, 59_999)] {
        if token.text == pos || token.text == neg {
            break;
        }
        let v = if unit == 1 { thousandths(token.text) } else { present::parse_decimal(token.text).and_then(|v| u32::try_from(v).ok()) };
        let v = v.filter(|&v| v <= limit).ok_or(TextError::BadNumber)?;
        ms = v.checked_mul(unit).and_then(|v| ms.checked_add(v)).ok_or(TextError::BadNumber)?;
        token = t.token()?;
    }
    let raw = match token.text {
        h if h == pos => ORIGIN.checked_add(ms),
        h if h == neg => ORIGIN.checked_sub(ms),
        _ => return Err(TextError::BadField),
    };
    // Within 90 degrees of the equator, 180 of the prime meridian.
    let limit = max.checked_mul(DEGREE).ok_or(TextError::BadNumber)?;
    raw.filter(|_| ms <= limit).ok_or(TextError::BadNumber)
}

/// Seconds with up to three decimals, in thousandths.
fn thousandths(text: &str) -> Option<u32> {
    let (whole, frac) = text.split_once('.').unwrap_or((text, "0"));
    let scale: u64 = match frac.len() {
        1 => 100,
        2 => 10,
        3 => 1,
        _ => return None,
    };
    let v = present::parse_decimal(whole)?.checked_mul(1000)?.checked_add(present::parse_decimal(frac)?.checked_mul(scale)?)?;
    u32::try_from(v).ok()
}

/// Metres with up to two decimals and an optional `m`, in centimetres, and
/// whether a minus sign came first.
fn centimetres(text: &str) -> Option<(bool, u64)> {
    let text = text.strip_suffix('m').unwrap_or(text);
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, cents) = match text.split_once('.') {
        None => (text, 0),
        Some((whole, frac)) => {
            let scale: u64 = match frac.len() {
                1 => 10,
                2 => 1,
                _ => return None,
            };
            (whole, present::parse_decimal(frac)?.checked_mul(scale)?)
        }
    };
    Some((negative, present::parse_decimal(whole)?.checked_mul(100)?.checked_add(cents)?))
}

/// The largest size or precision the text may give: 90000000.00 m (RFC 1876
/// §3), in centimetres. Above it the wire form (9e9 cm at most) cannot hold
/// the value, so it is refused rather than clamped.
const MAX_PRECISION_CM: u64 = 9_000_000_000;

/// A size or precision in metres as its wire octet: the first digit of the
/// centimetres in the high nibble, the power of ten in the low one (RFC 1876
/// §2), as dnspython truncates it.
fn size(text: &str) -> Option<u8> {
    let (negative, mut cm) = centimetres(text)?;
    if negative || cm > MAX_PRECISION_CM {
        return None;
    }
    let mut exponent = 0u8;
    while cm >= 10 {
        cm = cm.checked_div(10)?;
        exponent = exponent.checked_add(1)?;
    }
    if exponent > 9 {
        return None;
    }
    u8::try_from(cm).ok()?.checked_mul(16)?.checked_add(exponent)
}
