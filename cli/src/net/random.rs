//! Randomness an off-path attacker must not guess (query ids, the choice of
//! source port, 0x20 case bits, client cookies): octets from the OS CSPRNG
//! (`getrandom`), fetched a block at a time so a busy forwarder does not make
//! a system call per query.

use std::io;

/// Octets fetched from the OS per refill.
const BLOCK: usize = 512;

/// A buffer of OS CSPRNG output, used up front to back. One per thread.
#[derive(Debug)]
pub struct SecureRandom {
    buf: [u8; BLOCK],
    /// Octets of `buf` not handed out yet (taken from the end).
    left: usize,
}

impl SecureRandom {
    /// A generator; the first call to the OS happens on first use.
    pub fn new() -> Self {
        Self { buf: [0; BLOCK], left: 0 }
    }

    /// Fills `out` with random octets.
    pub fn fill(&mut self, out: &mut [u8]) -> io::Result<()> {
        for octet in out {
            if self.left == 0 {
                getrandom::fill(&mut self.buf).map_err(|e| io::Error::other(format!("OS random source: {e}")))?;
                self.left = BLOCK;
            }
            self.left = self.left.saturating_sub(1);
            // Handed out once: cleared so it cannot leak through a later copy.
            *octet = std::mem::take(self.buf.get_mut(self.left).unwrap_or(&mut 0));
        }
        Ok(())
    }

    /// A random 16-bit value.
    pub fn u16(&mut self) -> io::Result<u16> {
        let mut b = [0u8; 2];
        self.fill(&mut b)?;
        Ok(u16::from_le_bytes(b))
    }

    /// A uniform value below `n` (0 when `n` is 0), without modulo bias.
    pub fn below(&mut self, n: usize) -> io::Result<usize> {
        let n64 = u64::try_from(n).unwrap_or(u64::MAX);
        if n64 <= 1 {
            return Ok(0);
        }
        // Draws in [0, zone) map evenly onto [0, n).
        let zone = u64::MAX - (u64::MAX % n64);
        loop {
            let mut b = [0u8; 8];
            self.fill(&mut b)?;
            let v = u64::from_le_bytes(b);
            if v < zone {
                return Ok(usize::try_from(v % n64).unwrap_or(0));
            }
        }
    }
}

impl Default for SecureRandom {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_spread_over_the_whole_range() {
        let mut r = SecureRandom::new();
        let ids: std::collections::HashSet<u16> = (0..2000).map(|_| r.u16().unwrap()).collect();
        // 2000 draws from 65536: about 30 collisions expected.
        assert!(ids.len() > 1900, "{} distinct of 2000", ids.len());
        assert!(ids.iter().any(|id| *id >= 0x8000) && ids.iter().any(|id| *id < 0x8000));
    }

    #[test]
    fn below_stays_below() {
        let mut r = SecureRandom::new();
        let mut hit = [false; 7];
        for _ in 0..700 {
            let v = r.below(7).unwrap();
            hit[v] = true;
        }
        assert!(hit.iter().all(|h| *h));
        assert_eq!(r.below(0).unwrap(), 0);
        assert_eq!(r.below(1).unwrap(), 0);
    }
}
