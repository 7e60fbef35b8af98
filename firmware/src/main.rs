//! dnswire on a Cortex-M3 with no heap: every embedded conformance vector is
//! decoded, walked, re-encoded with compression into a stack buffer, decoded
//! again and compared; the rejected ones must fail to decode. Output and exit
//! status go through semihosting (QEMU `-semihosting-config enable=on`).
//!
//! The only `unsafe` is the stack painting and measuring below; the codec
//! itself is `forbid(unsafe_code)`.

#![no_std]
#![no_main]

mod vectors;

use core::fmt::{self, Write as _};
use core::panic::PanicInfo;

use cortex_m_rt::{ExceptionFrame, entry, exception};
use cortex_m_semihosting::{debug, hprintln};
use dnswire::{
    Class, Edns, EdnsFlags, EdnsOption, EdnsOptions, Flags, Header, Message, MessageBuilder, NameBuf, OptionCode, Question,
    Record, Rtype, Section,
};

use vectors::{MAX_LEN, VECTORS};

/// The re-encode buffer: the largest vector and room for a compressor that
/// finds fewer suffixes than the original's.
const BUF_LEN: usize = MAX_LEN + 1024;

/// The word the unused stack is filled with.
const PAINT: u32 = 0xC0DE_57AC;

unsafe extern "C" {
    /// Top of the stack (cortex-m-rt: the end of RAM).
    static _stack_start: u32;
    /// Lowest address the stack may grow to (cortex-m-rt: the end of .bss/.uninit).
    static _stack_end: u32;
}

fn stack_top() -> usize {
    // Only the symbol's address is taken, never its value.
    core::ptr::addr_of!(_stack_start) as usize
}

fn stack_bottom() -> usize {
    core::ptr::addr_of!(_stack_end) as usize
}

/// Fills the stack from its lowest address up to just below this function's
/// own frame with [`PAINT`]. The loop keeps everything in registers, so
/// nothing below the stack pointer read here is live.
#[inline(never)]
fn paint_stack() {
    let sp = cortex_m::register::msp::read() as usize;
    let end = sp.saturating_sub(16) & !3;
    let mut p = stack_bottom();
    while p < end {
        // SAFETY: [stack_bottom, sp) is RAM the stack has not yet reached: no
        // Rust object lives there (cortex-m-rt places .data/.bss below it).
        unsafe { core::ptr::write_volatile(p as *mut u32, PAINT) };
        p += 4;
    }
}

/// The deepest the stack has reached since [`paint_stack`]: bytes from the
/// top of RAM down to the lowest word that is no longer the pattern.
#[inline(never)]
fn stack_high_water() -> usize {
    let mut p = stack_bottom();
    let top = stack_top();
    // SAFETY: reads words of the stack region painted above.
    while p < top && unsafe { core::ptr::read_volatile(p as *const u32) } == PAINT {
        p += 4;
    }
    top - p
}

/// Counts and checksums what is written to it: the RDATA's presentation form
/// is produced without any buffer.
#[derive(Default)]
struct Digest {
    len: usize,
    sum: u32,
}

impl fmt::Write for Digest {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        for b in s.bytes() {
            self.sum = self.sum.rotate_left(5) ^ u32::from(b);
        }
        self.len += s.len();
        Ok(())
    }
}

/// Touches every label of a name; returns the octets seen.
fn walk_name(name: &dnswire::Name<'_>, d: &mut Digest) -> usize {
    let mut n = 0;
    for label in name.labels() {
        n += 1 + label.len();
        for &b in label {
            d.sum = d.sum.rotate_left(3) ^ u32::from(b.to_ascii_lowercase());
        }
    }
    n + 1
}

/// Walks every question and record of a message: names label by label, RDATA
/// in wire form and presentation form. Returns why it failed, if it did.
fn walk(msg: &Message<'_>, d: &mut Digest) -> Result<(), &'static str> {
    let h = msg.header();
    let mut questions = 0u16;
    for q in msg.questions() {
        if walk_name(&q.qname, d) != q.qname.wire_len() {
            return Err("question name length");
        }
        questions += 1;
    }
    if questions != h.qdcount {
        return Err("question count");
    }
    let mut rdata = [0u8; 64];
    for (section, count) in [(Section::Answer, h.ancount), (Section::Authority, h.nscount), (Section::Additional, h.arcount)] {
        let mut n = 0u16;
        for r in msg.records(section) {
            if walk_name(&r.name, d) != r.name.wire_len() {
                return Err("owner name length");
            }
            write!(d, "{}", r.data).map_err(|_| "rdata presentation")?;
            // RDATA in wire form, uncompressed: must fit when short, and must
            // fail cleanly (never panic) when longer than the buffer.
            match r.data.to_wire(&mut rdata) {
                Ok(len) => d.sum ^= rdata.iter().take(len).fold(0u32, |s, &b| s.rotate_left(7) ^ u32::from(b)),
                Err(dnswire::EncodeError::NoSpace) => {}
                Err(_) => return Err("rdata to_wire"),
            }
            n += 1;
        }
        let opt = u16::from(section == Section::Additional && msg.edns().is_some());
        if n + opt != count {
            return Err("record count");
        }
    }
    if let Some(edns) = msg.edns() {
        for o in edns.options.iter() {
            write!(d, "{o}").map_err(|_| "option presentation")?;
        }
    }
    Ok(())
}

/// Compares two decodes of the same message.
fn same(a: &Message<'_>, b: &Message<'_>) -> Result<(), &'static str> {
    if a.header() != b.header() {
        return Err("header differs");
    }
    if !a.questions().eq(b.questions()) {
        return Err("questions differ");
    }
    for (section, why) in [
        (Section::Answer, "answer section differs"),
        (Section::Authority, "authority section differs"),
        (Section::Additional, "additional section differs"),
    ] {
        if !a.records(section).eq(b.records(section)) {
            return Err(why);
        }
    }
    if a.edns() != b.edns() || a.edns_index() != b.edns_index() {
        return Err("EDNS differs");
    }
    Ok(())
}

enum Failure {
    Decode(dnswire::DecodeError),
    Encode(dnswire::EncodeError),
    Redecode(dnswire::DecodeError),
    Accepted,
    Check(&'static str),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Decode(e) => write!(f, "decode: {e:?}"),
            Self::Encode(e) => write!(f, "re-encode: {e:?}"),
            Self::Redecode(e) => write!(f, "decode of re-encoding: {e:?}"),
            Self::Accepted => f.write_str("decoded, but the reference rejects it"),
            Self::Check(why) => f.write_str(why),
        }
    }
}

/// One vector: the round trip for an accepted one, a decode error for a
/// rejected one. `buf` is the caller's stack buffer.
#[inline(never)]
fn run_vector(wire: &[u8], ok: bool, buf: &mut [u8], d: &mut Digest) -> Result<(), Failure> {
    let first = Message::decode(wire);
    if !ok {
        return match first {
            Ok(_) => Err(Failure::Accepted),
            Err(_) => Ok(()),
        };
    }
    let first = first.map_err(Failure::Decode)?;
    walk(&first, d).map_err(Failure::Check)?;
    let len = first.encode_into(buf, true).map_err(Failure::Encode)?;
    let again = buf.get(..len).ok_or(Failure::Check("length past the buffer"))?;
    let second = Message::decode(again).map_err(Failure::Redecode)?;
    walk(&second, d).map_err(Failure::Check)?;
    same(&first, &second).map_err(Failure::Check)
}

/// Builds a query with EDNS (DO, a cookie) and decodes it.
#[inline(never)]
fn edns_query(buf: &mut [u8]) -> Result<(), Failure> {
    let qname = NameBuf::from_text("firmware.dnswire.example.").map_err(|_| Failure::Check("name from text"))?;
    let question = Question { qname: qname.as_name(), qtype: Rtype::AAAA, qclass: Class::IN };
    let cookie = [EdnsOption { code: OptionCode::COOKIE, data: &[0x24, 0xa3, 0x55, 0x10, 0x0f, 0x9e, 0x1c, 0x77] }];
    let edns = Edns {
        udp_payload_size: 1232,
        flags: EdnsFlags::default().with_dnssec_ok(true),
        options: EdnsOptions::from_slice(&cookie),
        ..Edns::default()
    };
    let header = Header { id: 0x5eed, flags: Flags::default().with_rd(true), ..Header::default() };
    let mut b = MessageBuilder::new(buf, header).map_err(Failure::Encode)?;
    b.question(&question).map_err(Failure::Encode)?;
    b.edns(&edns).map_err(Failure::Encode)?;
    let wire = b.finish().map_err(Failure::Encode)?;
    let msg = Message::decode(wire).map_err(Failure::Redecode)?;
    let h = msg.header();
    if (h.id, h.qdcount, h.ancount, h.nscount, h.arcount) != (0x5eed, 1, 0, 0, 1) || !h.flags.rd() || h.flags.qr() {
        return Err(Failure::Check("header"));
    }
    if msg.question() != Some(question) {
        return Err(Failure::Check("question"));
    }
    if msg.edns() != Some(edns) || msg.additional().next().is_some() {
        return Err(Failure::Check("EDNS"));
    }
    let got = msg.edns().and_then(|e| e.options.get(OptionCode::COOKIE));
    if got != Some(cookie[0].data) {
        return Err(Failure::Check("cookie"));
    }
    let answers: Option<Record<'_>> = msg.answers().next();
    if answers.is_some() {
        return Err(Failure::Check("answers"));
    }
    Ok(())
}

#[entry]
fn main() -> ! {
    paint_stack();
    let (passed, failed) = run_all();
    hprintln!("{} passed, {} failed", passed, failed);
    hprintln!("stack high-water mark: {} bytes (of which {} is the re-encode buffer)", stack_high_water(), BUF_LEN);
    debug::exit(if failed == 0 { debug::EXIT_SUCCESS } else { debug::EXIT_FAILURE });
    loop {
        cortex_m::asm::bkpt();
    }
}

#[inline(never)]
fn run_all() -> (usize, usize) {
    let mut buf = [0u8; BUF_LEN];
    let mut d = Digest::default();
    let (mut passed, mut failed) = (0usize, 0usize);
    let mut report = |name: &str, result: Result<(), Failure>| match result {
        Ok(()) => {
            passed += 1;
            hprintln!("PASS {}", name);
        }
        Err(why) => {
            failed += 1;
            hprintln!("FAIL {}: {}", name, why);
        }
    };
    for v in VECTORS {
        report(v.name, run_vector(v.wire, v.ok, &mut buf, &mut d));
    }
    report("edns-query", edns_query(&mut buf));
    hprintln!("{} vectors ({} must fail), presentation {} chars, digest {:08x}", VECTORS.len() + 1, VECTORS.iter().filter(|v| !v.ok).count(), d.len, d.sum);
    (passed, failed)
}

#[panic_handler]
fn panic(info: &PanicInfo) -> ! {
    hprintln!("PANIC {}", info);
    debug::exit(debug::EXIT_FAILURE);
    loop {
        cortex_m::asm::bkpt();
    }
}

#[exception]
unsafe fn HardFault(frame: &ExceptionFrame) -> ! {
    hprintln!("HARD FAULT at pc {:#010x}", frame.pc());
    debug::exit(debug::EXIT_FAILURE);
    loop {
        cortex_m::asm::bkpt();
    }
}
