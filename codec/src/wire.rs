//! Bounds-checked cursors over wire octets: [`Reader`] for decoding and
//! [`Writer`] for encoding. Every access is checked; nothing here can panic.

use crate::compress::Compressor;
use crate::error::{DecodeError, EncodeError};
use crate::name::{self, Name, NameRules};

/// A read position inside a message.
///
/// `msg` is the whole message (compression pointers may reach anywhere before the
/// name being read), `end` the end of the current container (the message, or one
/// record's RDATA). Reading past `end` gives `overrun`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Reader<'a> {
    pub(crate) msg: &'a [u8],
    pub(crate) pos: usize,
    pub(crate) end: usize,
    pub(crate) overrun: DecodeError,
    /// The message was validated already: names are stepped over, not checked.
    pub(crate) trusted: bool,
}

impl<'a> Reader<'a> {
    /// A reader over all of `msg`, failing with [`DecodeError::Truncated`].
    pub(crate) fn new(msg: &'a [u8]) -> Self {
        Self { msg, pos: 0, end: msg.len(), overrun: DecodeError::Truncated, trusted: false }
    }

    /// A reader over `msg[pos..end]`, failing with `overrun`.
    pub(crate) fn within(msg: &'a [u8], pos: usize, end: usize, overrun: DecodeError) -> Self {
        Self { msg, pos, end, overrun, trusted: false }
    }

    pub(crate) fn remaining(&self) -> usize {
        self.end.saturating_sub(self.pos)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.pos >= self.end
    }

    pub(crate) fn bytes(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        let stop = self.pos.checked_add(n).ok_or(self.overrun)?;
        if stop > self.end {
            return Err(self.overrun);
        }
        let out = self.msg.get(self.pos..stop).ok_or(self.overrun)?;
        self.pos = stop;
        Ok(out)
    }

    pub(crate) fn array<const N: usize>(&mut self) -> Result<[u8; N], DecodeError> {
        let b = self.bytes(N)?;
        b.try_into().map_err(|_| self.overrun)
    }

    pub(crate) fn u8(&mut self) -> Result<u8, DecodeError> {
        Ok(u8::from_be_bytes(self.array()?))
    }

    pub(crate) fn u16(&mut self) -> Result<u16, DecodeError> {
        Ok(u16::from_be_bytes(self.array()?))
    }

    pub(crate) fn u32(&mut self) -> Result<u32, DecodeError> {
        Ok(u32::from_be_bytes(self.array()?))
    }

    /// Everything up to the container's end.
    pub(crate) fn rest(&mut self) -> &'a [u8] {
        let out = self.msg.get(self.pos..self.end).unwrap_or(&[]);
        self.pos = self.end;
        out
    }

    /// A field with a one-octet length prefix (a character-string, RFC 1035 §3.3).
    pub(crate) fn u8_prefixed(&mut self) -> Result<&'a [u8], DecodeError> {
        let len = self.u8()?;
        self.prefixed_body(usize::from(len))
    }

    /// A field with a two-octet length prefix.
    pub(crate) fn u16_prefixed(&mut self) -> Result<&'a [u8], DecodeError> {
        let len = self.u16()?;
        self.prefixed_body(usize::from(len))
    }

    fn prefixed_body(&mut self, len: usize) -> Result<&'a [u8], DecodeError> {
        if len > self.remaining() {
            return Err(DecodeError::FieldOverrun);
        }
        self.bytes(len)
    }

    /// A domain name with compression allowed, validated with the help of
    /// `cache` (see [`name::read_with`]).
    #[inline(always)]
    pub(crate) fn name_cached(&mut self, cache: &mut name::NameCache) -> Result<Name<'a>, DecodeError> {
        // Not through `name`: one frame less on the deepest stack path.
        let (name, next) = if self.trusted {
            name::read_trusted(self.msg, self.pos).ok_or(self.overrun)?
        } else {
            name::read_with(self.msg, self.pos, self.end, self.overrun, true, Some(cache))?
        };
        self.pos = next;
        Ok(name)
    }

    /// A domain name, following compression pointers if `rules` permit them.
    pub(crate) fn name(&mut self, rules: NameRules) -> Result<Name<'a>, DecodeError> {
        let (name, next) = if self.trusted {
            name::read_trusted(self.msg, self.pos).ok_or(self.overrun)?
        } else {
            name::read(self.msg, self.pos, self.end, self.overrun, rules.decompress)?
        };
        self.pos = next;
        Ok(name)
    }
}

/// A write position in a caller's buffer, with the name compressor.
///
/// `limit` is the end of the usable part of `buf` (space at the tail may be held
/// back, for the OPT record of a truncating builder).
pub(crate) struct Writer<'b> {
    pub(crate) buf: &'b mut [u8],
    pub(crate) len: usize,
    pub(crate) limit: usize,
    pub(crate) compressor: Compressor,
    /// Write names as RFC 4034 §6.2 canonical form: lowercase where the type says
    /// so and never compressed.
    pub(crate) canonical: bool,
    /// Streaming mode (for the DNSSEC helpers): `Some(start)` makes `buf` a
    /// window onto the output, holding its octets `start..start + buf.len()`.
    /// Octets outside the window are counted in `len` and dropped; nothing
    /// fails for lack of space. Only for RDATA: `patch_u16` and `written` do
    /// not apply.
    pub(crate) window: Option<usize>,
}

impl<'b> Writer<'b> {
    pub(crate) fn new(buf: &'b mut [u8], compress: bool) -> Self {
        let limit = buf.len();
        Self { buf, len: 0, limit, compressor: Compressor::new(compress), canonical: false, window: None }
    }

    /// A canonical, uncompressed writer in streaming mode whose buffer holds
    /// the output's octets from `start` on (see the `window` field).
    pub(crate) fn window(buf: &'b mut [u8], start: usize) -> Self {
        let mut w = Self::new(buf, false);
        w.canonical = true;
        w.window = Some(start);
        w
    }

    pub(crate) fn bytes(&mut self, data: &[u8]) -> Result<(), EncodeError> {
        let stop = self.len.checked_add(data.len()).ok_or(EncodeError::NoSpace)?;
        if let Some(start) = self.window {
            // Copy the part of [len, stop) that falls in [start, start + buf.len()).
            let lo = self.len.max(start);
            let hi = stop.min(start.saturating_add(self.buf.len()));
            if lo < hi {
                let src = lo.checked_sub(self.len).zip(hi.checked_sub(self.len)).and_then(|(a, b)| data.get(a..b));
                let dst = lo.checked_sub(start).zip(hi.checked_sub(start)).and_then(|(a, b)| self.buf.get_mut(a..b));
                if let (Some(src), Some(dst)) = (src, dst) {
                    dst.copy_from_slice(src);
                }
            }
            self.len = stop;
            return Ok(());
        }
        if stop > self.limit {
            return Err(EncodeError::NoSpace);
        }
        self.buf.get_mut(self.len..stop).ok_or(EncodeError::NoSpace)?.copy_from_slice(data);
        self.len = stop;
        Ok(())
    }

    pub(crate) fn u8(&mut self, v: u8) -> Result<(), EncodeError> {
        self.bytes(&[v])
    }

    pub(crate) fn u16(&mut self, v: u16) -> Result<(), EncodeError> {
        self.bytes(&v.to_be_bytes())
    }

    pub(crate) fn u32(&mut self, v: u32) -> Result<(), EncodeError> {
        self.bytes(&v.to_be_bytes())
    }

    /// A field with a one-octet length prefix.
    pub(crate) fn u8_prefixed(&mut self, data: &[u8]) -> Result<(), EncodeError> {
        let len = u8::try_from(data.len()).map_err(|_| EncodeError::RdataTooLong)?;
        self.u8(len)?;
        self.bytes(data)
    }

    /// A field with a two-octet length prefix.
    pub(crate) fn u16_prefixed(&mut self, data: &[u8]) -> Result<(), EncodeError> {
        let len = u16::try_from(data.len()).map_err(|_| EncodeError::RdataTooLong)?;
        self.u16(len)?;
        self.bytes(data)
    }

    /// Overwrites two octets already written at `at`.
    pub(crate) fn patch_u16(&mut self, at: usize, v: u16) -> Result<(), EncodeError> {
        let end = at.checked_add(2).ok_or(EncodeError::NoSpace)?;
        self.buf.get_mut(at..end).ok_or(EncodeError::NoSpace)?.copy_from_slice(&v.to_be_bytes());
        Ok(())
    }

    /// Writes `name` uncompressed, then lets the compressor replace its longest
    /// known suffix with a pointer where `rules` allow compression.
    pub(crate) fn name(&mut self, name: &Name<'_>, rules: NameRules) -> Result<(), EncodeError> {
        // The uncompressed form, on the stack, so that only what is finally
        // written (labels and perhaps a pointer) needs room in the buffer.
        let mut flat = [0u8; crate::name::MAX_NAME_LEN];
        let mut n = 0usize;
        let lower = self.canonical && rules.canonical_lowercase;
        // Where each label starts, for the compressor's plan and the entries
        // it leaves behind.
        let mut offsets = crate::compress::LabelOffsets::new();
        for label in name.labels() {
            offsets.push(n);
            let len = u8::try_from(label.len()).map_err(|_| EncodeError::NameTooLong)?;
            let end = n.checked_add(1).and_then(|e| e.checked_add(label.len())).ok_or(EncodeError::NameTooLong)?;
            let dst = flat.get_mut(n..end).ok_or(EncodeError::NameTooLong)?;
            if let Some((head, body)) = dst.split_first_mut() {
                *head = len;
                body.copy_from_slice(label);
                if lower {
                    body.make_ascii_lowercase();
                }
            }
            n = end;
        }
        let flat = flat.get(..n.checked_add(1).ok_or(EncodeError::NameTooLong)?).ok_or(EncodeError::NameTooLong)?;
        if !(rules.compress && !self.canonical && self.window.is_none()) {
            return self.bytes(flat);
        }
        let plan = self.compressor.plan(self.buf, flat, &offsets);
        let start = self.len;
        match plan.pointer {
            Some(target) => {
                self.bytes(flat.get(..plan.literal).unwrap_or(&[]))?;
                self.u16(0xC000 | target)?;
            }
            None => self.bytes(flat)?,
        }
        self.compressor.remember(self.buf, start, &offsets, &plan);
        Ok(())
    }

    /// Where this writer stands, to roll back a failed push.
    pub(crate) fn checkpoint(&self) -> Checkpoint {
        Checkpoint { len: self.len, entries: self.compressor.len() }
    }

    pub(crate) fn rollback(&mut self, at: Checkpoint) {
        self.len = at.len;
        self.compressor.truncate(at.entries, self.buf);
    }

    pub(crate) fn written(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }
}

/// A saved writer position (see [`Writer::checkpoint`]).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Checkpoint {
    pub(crate) len: usize,
    pub(crate) entries: usize,
}
