//! Proves the codec never touches the heap: decode, walk, display and encode run
//! under a counting global allocator and must not allocate once.
#![allow(unsafe_code)] // a global allocator cannot be declared without it

mod common;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fmt::Write;

use common::hex;
use dnswire::*;

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards every call to the system allocator unchanged; it only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
        // SAFETY: same contract as ours.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as ours.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_during(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

/// A `fmt::Write` that only counts, so display itself is measured.
struct Sink(usize);

impl Write for Sink {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0 += s.len();
        Ok(())
    }
}

#[test]
fn decode_walk_display_encode_do_not_allocate() {
    let messages = [
        hex(
            "60b0818000010001000000010873657276696365310761636d656c746402636f02756b0000050001c00c000500010000003c001708736572766963653106726567696f6e0470726f64c0150000291000000000000000",
        ),
        hex(
            "4ff0818000010002000000010873657276696365320761636d656c746402636f02756b0000010001c00c0005000100000036001e08736572766963653206726567696f6e0470726f640462726b7202696f00c034000100010000012c00040a0a0a0a0000291000000000000000",
        ),
        // TXT, MX, SOA, CAA, an unknown type, NS and an OPT record with DO and a
        // COOKIE option, as dnspython encodes them.
        hex(
            "123481000001000600000001076578616d706c650000ff0001c00c0010000100000e10000d0b763d73706631202d616c6c00c00c000f000100000e100009000a046d61696cc00cc00c0006000100000e100023c00c0a686f73746d6173746572c00c0000000100001c2000000e10001275000000012cc00c0101000100000e100016000569737375656c657473656e63727970742e6f7267c00cff00000100000e100002abcdc00c0002000100000e100006036e7331c00c00002904d000008000000c000a00080102030405060708",
        ),
    ];
    let mut sink = Sink(0);
    let mut out = [0u8; 1024];
    let count = allocations_during(|| {
        for wire in &messages {
            let msg = Message::decode(wire).unwrap();
            for q in msg.questions() {
                write!(sink, "{q}").unwrap();
            }
            for section in [Section::Answer, Section::Authority, Section::Additional] {
                for r in msg.records(section) {
                    write!(sink, "{r}").unwrap();
                }
            }
            write!(sink, "{msg}").unwrap();
            let n = msg.encode_into(&mut out, true).unwrap();
            assert_eq!(&out[..n], &wire[..]);
            msg.encode_into(&mut out, false).unwrap();
            let q = msg.question().unwrap();
            let _ = msg.cname_chain(q.qname, q.qtype, 8).end;
            let name = NameBuf::from_text("www.example.com.").unwrap();
            let mut b = MessageBuilder::new(&mut out, Header::default()).unwrap();
            b.question(&Question { qname: name.as_name(), qtype: Rtype::AAAA, qclass: Class::IN }).unwrap();
            b.edns(&Edns::default()).unwrap();
            b.finish().unwrap();
        }
    });
    assert!(sink.0 > 500, "display wrote {} characters", sink.0);
    assert_eq!(count, 0, "the codec allocated {count} times");
}

#[test]
fn the_counter_counts() {
    // Guards the test above: an allocation in the measured closure is seen.
    let n = allocations_during(|| drop(std::hint::black_box(vec![1u8; 16])));
    assert!(n >= 1);
}
