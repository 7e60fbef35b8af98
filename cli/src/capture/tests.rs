//! Synthetic captures written byte by byte, plus a no-panic pass over the
//! public captures in /work/shared/captures when that directory exists.

use std::net::SocketAddr;

use etherparse::{IpNumber, Ipv4Header, Ipv6FlowLabel, Ipv6Header, PacketBuilder};

use super::*;

const CLIENT4: [u8; 4] = [192, 0, 2, 1];
const SERVER4: [u8; 4] = [192, 0, 2, 53];
const CLIENT6: [u8; 16] = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
const SERVER6: [u8; 16] = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x53];
const CPORT: u16 = 40_000;

// ---- packet builders -------------------------------------------------------

/// A fake DNS message: its id, then `len - 2` filler bytes.
fn msg(id: u16, len: usize) -> Vec<u8> {
    let mut m = id.to_be_bytes().to_vec();
    m.extend((0..len.saturating_sub(2)).map(|i| (i as u8) ^ (id as u8)));
    m
}

/// Messages with their 2-byte length prefixes, as sent over TCP.
fn framed(messages: &[&[u8]]) -> Vec<u8> {
    messages.iter().flat_map(|m| [&(m.len() as u16).to_be_bytes()[..], m].concat()).collect()
}

fn udp4(sport: u16, dport: u16, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    PacketBuilder::ipv4(CLIENT4, SERVER4, 64).udp(sport, dport).write(&mut out, payload).unwrap();
    out
}

fn udp6(sport: u16, dport: u16, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    PacketBuilder::ipv6(CLIENT6, SERVER6, 64).udp(sport, dport).write(&mut out, payload).unwrap();
    out
}

/// A TCP/IPv4 segment; `to_server` picks the direction between CLIENT4:CPORT and SERVER4:53.
fn tcp4(to_server: bool, seq: u32, syn: bool, payload: &[u8]) -> Vec<u8> {
    let (src, dst, sport, dport) = if to_server { (CLIENT4, SERVER4, CPORT, 53) } else { (SERVER4, CLIENT4, 53, CPORT) };
    let builder = PacketBuilder::ipv4(src, dst, 64).tcp(sport, dport, seq, 65_535);
    let builder = if syn { builder.syn() } else { builder.ack(1).psh() };
    let mut out = Vec::new();
    builder.write(&mut out, payload).unwrap();
    out
}

fn ether(ether_type: u16, payload: &[u8]) -> Vec<u8> {
    [&[2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2][..], &ether_type.to_be_bytes(), payload].concat()
}

/// An FDDI frame: frame control, addresses, then 802.2 LLC / SNAP with the ether type.
fn fddi(ip: &[u8]) -> Vec<u8> {
    let ether_type: u16 = if ip[0] >> 4 == 6 { 0x86dd } else { 0x0800 };
    [&[0x50, 0, 4, 0, 0x83, 0xa7, 0xaa, 0, 4, 0, 0x82, 0xa7, 0xaa][..], &[0xaa, 0xaa, 0x03, 0, 0, 0], &ether_type.to_be_bytes(), ip].concat()
}

/// An IPv4 packet between two tunnel endpoints carrying `payload` as IP protocol `protocol`.
fn outer4(protocol: u8, payload: &[u8]) -> Vec<u8> {
    let header = Ipv4Header::new(payload.len() as u16, 64, IpNumber(protocol), [198, 51, 100, 1], [198, 51, 100, 2]).unwrap();
    let mut out = Vec::new();
    header.write(&mut out).unwrap();
    out.extend_from_slice(payload);
    out
}

/// A UDP/IPv4 datagram between two tunnel endpoints (not on a DNS port at the source).
fn outer_udp(dport: u16, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    PacketBuilder::ipv4([198, 51, 100, 1], [198, 51, 100, 2], 64).udp(50_000, dport).write(&mut out, payload).unwrap();
    out
}

/// A Linux cooked (v1) frame from an interface of the given ARPHRD type.
fn sll(arphrd: u16, protocol: u16, payload: &[u8]) -> Vec<u8> {
    let address = [0, 6, 2, 0, 0, 0, 0, 1, 0, 0];
    [&[0, 4][..], &arphrd.to_be_bytes(), &address, &protocol.to_be_bytes(), payload].concat()
}

fn sll2(protocol: u16, payload: &[u8]) -> Vec<u8> {
    let header = [0, 0, 0, 0, 0, 0, 0, 1, 0, 4, 6, 2, 0, 0, 0, 0, 1, 0, 0];
    [&protocol.to_be_bytes()[..], &header[1..], payload].concat()
}

/// IPv4 fragments of `datagram` (an IPv4 packet without options), cut at the given payload offsets.
fn fragment4(datagram: &[u8], id: u16, cuts: &[usize]) -> Vec<Vec<u8>> {
    let payload = &datagram[20..];
    let mut bounds = vec![0];
    bounds.extend_from_slice(cuts);
    bounds.push(payload.len());
    bounds
        .windows(2)
        .map(|w| {
            let mut header = Ipv4Header::new((w[1] - w[0]) as u16, 64, IpNumber(datagram[9]), CLIENT4, SERVER4).unwrap();
            header.identification = id;
            header.dont_fragment = false;
            header.more_fragments = w[1] < payload.len();
            header.fragment_offset = etherparse::IpFragOffset::try_new((w[0] / 8) as u16).unwrap();
            let mut out = Vec::new();
            header.write(&mut out).unwrap();
            out.extend_from_slice(&payload[w[0]..w[1]]);
            out
        })
        .collect()
}

/// An IPv6 packet whose payload follows the given raw extension headers (each 8 bytes).
fn ipv6_with(next_header: u8, exts: &[[u8; 8]], payload: &[u8]) -> Vec<u8> {
    let header = Ipv6Header {
        traffic_class: 0,
        flow_label: Ipv6FlowLabel::ZERO,
        payload_length: (exts.len() * 8 + payload.len()) as u16,
        next_header: IpNumber(next_header),
        hop_limit: 64,
        source: CLIENT6,
        destination: SERVER6,
    };
    let mut out = Vec::new();
    header.write(&mut out).unwrap();
    out.extend(exts.iter().flatten());
    out.extend_from_slice(payload);
    out
}

/// The UDP header and payload of a UDP/IPv6 datagram (what IPv6 fragments carry).
fn udp6_payload(dport: u16, payload: &[u8]) -> Vec<u8> {
    udp6(CPORT, dport, payload)[40..].to_vec()
}

// ---- file writers ----------------------------------------------------------

fn put32(out: &mut Vec<u8>, v: u32, be: bool) {
    out.extend(if be { v.to_be_bytes() } else { v.to_le_bytes() });
}

fn put16(out: &mut Vec<u8>, v: u16, be: bool) {
    out.extend(if be { v.to_be_bytes() } else { v.to_le_bytes() });
}

/// A pcap file with the given magic (as written in the file's own byte order).
fn pcap_with(magic: u32, be: bool, linktype: u32, frames: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    put32(&mut out, magic, be);
    put16(&mut out, 2, be);
    put16(&mut out, 4, be);
    out.extend([0; 8]);
    put32(&mut out, 65_535, be);
    put32(&mut out, linktype, be);
    for frame in frames {
        put32(&mut out, 1_700_000_000, be);
        put32(&mut out, 0, be);
        put32(&mut out, frame.len() as u32, be);
        put32(&mut out, frame.len() as u32, be);
        if magic == 0xa1b2_cd34 {
            out.extend([0; 8]); // ifindex, protocol, pkt_type, pad
        }
        out.extend_from_slice(frame);
    }
    out
}

/// The capture time `pcap_with` gives every packet: 1700000000 s, which
/// `date -u -d @1700000000` prints as Tue Nov 14 22:13:20 UTC 2023.
const PCAP_TIME: CaptureTime = CaptureTime { secs: 1_700_000_000, nanos: 0, nano_precision: false };

fn pcap(linktype: u32, frames: &[Vec<u8>]) -> Vec<u8> {
    pcap_with(0xa1b2_c3d4, false, linktype, frames)
}

fn ng_block(be: bool, block_type: u32, body: &[u8]) -> Vec<u8> {
    let mut body = body.to_vec();
    body.resize(body.len().next_multiple_of(4), 0);
    let len = body.len() as u32 + 12;
    let mut out = Vec::new();
    put32(&mut out, block_type, be);
    put32(&mut out, len, be);
    out.extend(body);
    put32(&mut out, len, be);
    out
}

fn shb(be: bool) -> Vec<u8> {
    let mut body = Vec::new();
    put32(&mut body, 0x1a2b_3c4d, be);
    put16(&mut body, 1, be);
    put16(&mut body, 0, be);
    body.extend([0xff; 8]); // section length unknown
    ng_block(be, 0x0a0d_0d0a, &body)
}

fn idb(be: bool, linktype: u16) -> Vec<u8> {
    let mut body = Vec::new();
    put16(&mut body, linktype, be);
    put16(&mut body, 0, be);
    put32(&mut body, 0, be);
    ng_block(be, 1, &body)
}

fn epb(be: bool, if_id: u32, data: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    for v in [if_id, 0, 0, data.len() as u32, data.len() as u32] {
        put32(&mut body, v, be);
    }
    body.extend_from_slice(data);
    ng_block(be, 6, &body)
}

fn spb(be: bool, data: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    put32(&mut body, data.len() as u32, be);
    body.extend_from_slice(data);
    ng_block(be, 3, &body)
}

/// Pre-2009 Packet Block on interface 0: if_id, drops, timestamp, caplen, len, data.
fn obsolete_packet_block(be: bool, data: &[u8]) -> Vec<u8> {
    let mut body = vec![0; 12];
    put32(&mut body, data.len() as u32, be);
    put32(&mut body, data.len() as u32, be);
    body.extend_from_slice(data);
    ng_block(be, 2, &body)
}

fn read(file: &[u8]) -> Capture {
    read_capture(file, &DEFAULT_PORTS).expect("capture should parse")
}

fn addr(ip: impl Into<std::net::IpAddr>, port: u16) -> SocketAddr {
    SocketAddr::new(ip.into(), port)
}

fn datas(capture: &Capture) -> Vec<&[u8]> {
    capture.messages.iter().map(|m| m.data.as_slice()).collect()
}

fn frames(capture: &Capture) -> Vec<u64> {
    capture.messages.iter().map(|m| m.frame).collect()
}

// ---- link types and file formats -------------------------------------------

#[test]
fn udp_on_every_link_type() {
    let m = msg(0x1234, 30);
    let ip4 = udp4(CPORT, 53, &m);
    let ip6 = udp6(CPORT, 53, &m);
    let vlan = [&[0, 5, 0x08, 0x00][..], &ip4].concat();
    let qinq = [&[0, 1, 0x81, 0x00, 0, 2, 0x86, 0xdd][..], &ip6].concat();
    let cases: Vec<(u32, Vec<u8>, bool)> = vec![
        (1, ether(0x0800, &ip4), false),
        (1, ether(0x86dd, &ip6), true),
        (1, ether(0x8100, &vlan), false),
        (1, ether(0x88a8, &qinq), true),
        (1, ether(0x8864, &[&[0x11, 0, 0, 1, 0, 0, 0x00, 0x21][..], &ip4].concat()), false), // PPPoE
        (113, sll(1, 0x0800, &ip4), false),
        (113, sll(772, 0x86dd, &ip6), true),     // loopback
        (113, sll(0xfffe, 0x0800, &ip4), false), // ARPHRD_NONE, as on tun devices
        (276, sll2(0x86dd, &ip6), true),
        (0, [&2u32.to_le_bytes()[..], &ip4].concat(), false),
        (0, [&24u32.to_be_bytes()[..], &ip6].concat(), true),
        (108, [&30u32.to_be_bytes()[..], &ip6].concat(), true),
        (108, [&2u32.to_be_bytes()[..], &ip4].concat(), false),
        (101, ip4.clone(), false),
        (12, ip6.clone(), true),
        (14, ip4.clone(), false),
        (228, ip4.clone(), false),
        (229, ip6.clone(), true),
        (10, fddi(&ip4), false),
        (10, fddi(&ip6), true),
    ];
    for (linktype, frame, v6) in cases {
        let capture = read(&pcap(linktype, &[frame]));
        let (src, dst) = if v6 { (addr(CLIENT6, CPORT), addr(SERVER6, 53)) } else { (addr(CLIENT4, CPORT), addr(SERVER4, 53)) };
        let expected = CapturedMessage { frame: 1, time: Some(PCAP_TIME), transport: Transport::Udp, src, dst, data: m.clone() };
        assert_eq!(capture.messages, [expected], "link type {linktype}");
        assert_eq!(capture.skipped.total(), 0, "link type {linktype}");
    }
}

#[test]
fn other_links_and_protocols_are_counted() {
    let ip4 = udp4(CPORT, 53, &msg(1, 20));
    let mut icmp = Vec::new();
    PacketBuilder::ipv4(CLIENT4, SERVER4, 64).icmpv4_echo_request(1, 1).write(&mut icmp, &[0; 8]).unwrap();
    let capture = read(&pcap(105, &[ether(0x0800, &ip4)])); // 802.11: not Ethernet at all
    assert_eq!(capture.skipped.unsupported_link, 1);
    let capture = read(&pcap(1, &[ether(0x0806, &[0; 28]), ether(0x0800, &icmp), ether(0x0800, &[0x45])]));
    assert_eq!((capture.skipped.not_ip, capture.skipped.not_udp_tcp, capture.skipped.bad_header), (1, 1, 1));
    let capture = read(&pcap(0, &[[&7u32.to_le_bytes()[..], &ip4].concat()])); // AF_ISO
    assert_eq!(capture.skipped.not_ip, 1);
    assert!(capture.messages.is_empty());
}

#[test]
fn every_pcap_magic_and_byte_order() {
    let packets = [udp4(CPORT, 53, &msg(1, 20)), udp4(53, CPORT, &msg(1, 40))];
    for (magic, be) in [(0xa1b2_c3d4, false), (0xa1b2_c3d4, true), (0xa1b2_3c4d, false), (0xa1b2_3c4d, true), (0xa1b2_cd34, false)] {
        let capture = read(&pcap_with(magic, be, 101, &packets));
        assert_eq!(frames(&capture), [1, 2], "magic {magic:x} big-endian {be}");
        assert_eq!(datas(&capture), [msg(1, 20), msg(1, 40)]);
        assert_eq!(capture.messages[1].src, addr(CLIENT4, 53));
    }
}

#[test]
fn nanosecond_pcap_times_keep_nine_digits() {
    let file = pcap_with(0xa1b2_3c4d, false, 101, &[udp4(CPORT, 53, &msg(1, 20))]);
    let time = read(&file).messages[0].time.unwrap();
    assert_eq!(time.to_string(), "2023-11-14T22:13:20.000000000Z");
}

#[test]
fn pcapng_times_count_microseconds_by_default() {
    // 1714557600.123456 s (`date -u -d @1714557600`: 2024-05-01 10:00:00 UTC)
    // as the 64-bit tick count, high then low half.
    let ticks: u64 = 1_714_557_600_123_456;
    let data = udp4(CPORT, 53, &msg(1, 20));
    let mut body = Vec::new();
    for v in [0, (ticks >> 32) as u32, ticks as u32, data.len() as u32, data.len() as u32] {
        put32(&mut body, v, false);
    }
    body.extend_from_slice(&data);
    let file = [shb(false), idb(false, 101), ng_block(false, 6, &body)].concat();
    let time = read(&file).messages[0].time.unwrap();
    assert_eq!(time.to_string(), "2024-05-01T10:00:00.123456Z");
}

#[test]
fn pcapng_interfaces_blocks_and_sections() {
    for be in [false, true] {
        let a = msg(0xa, 20);
        let b = msg(0xb, 25);
        let c = msg(0xc, 30);
        let d = msg(0xd, 35);
        let file = [
            shb(be),
            idb(be, 1),
            idb(be, 101),
            epb(be, 1, &udp4(CPORT, 53, &a)),
            ng_block(be, 4, &[0; 4]), // name resolution block: not a packet
            epb(be, 0, &ether(0x0800, &udp4(CPORT, 80, &[0; 4]))),
            spb(be, &ether(0x86dd, &udp6(CPORT, 5353, &b))),
            epb(be, 7, &udp4(CPORT, 53, &a)), // no such interface
            obsolete_packet_block(be, &ether(0x0800, &udp4(CPORT, 53, &c))),
            // A second section starts its interface list afresh.
            shb(!be),
            idb(!be, 229),
            epb(!be, 0, &udp6(CPORT, 5355, &d)),
        ]
        .concat();
        let capture = read(&file);
        assert_eq!(datas(&capture), [&a, &b, &c, &d], "big-endian {be}");
        assert_eq!(frames(&capture), [1, 3, 5, 6]);
        assert_eq!(capture.skipped.other_port, 1);
        assert_eq!(capture.skipped.bad_header, 1);
    }
}

// ---- IP --------------------------------------------------------------------

#[test]
fn ipv6_extension_headers_are_skipped() {
    let m = msg(7, 40);
    let udp = udp6_payload(53, &m);
    // Raw extension headers: next header, length 0, then a 6-byte PadN option.
    let (hop_by_hop, dest_opts) = ([60, 0, 1, 4, 0, 0, 0, 0], [17, 0, 1, 4, 0, 0, 0, 0]);
    let both = ipv6_with(0, &[hop_by_hop, dest_opts], &udp);
    let one = ipv6_with(60, &[dest_opts], &udp);
    let capture = read(&pcap(1, &[ether(0x86dd, &both), ether(0x86dd, &one)]));
    assert_eq!(datas(&capture), [&m, &m]);
    assert_eq!(capture.messages[0].dst, addr(SERVER6, 53));
}

#[test]
fn ipv4_fragments_out_of_order() {
    let m = msg(0x4444, 100);
    let datagram = udp4(CPORT, 53, &m);
    let parts = fragment4(&datagram, 77, &[48, 96]);
    let lone = fragment4(&udp4(CPORT, 53, &msg(9, 100)), 78, &[48]).remove(0);
    let other = udp4(CPORT, 53, &msg(1, 12));
    let file = pcap(101, &[parts[2].clone(), lone, parts[0].clone(), other, parts[1].clone(), parts[0].clone()]);
    let capture = read(&file);
    assert_eq!(datas(&capture), [&msg(1, 12)[..], &m]);
    assert_eq!(frames(&capture), [4, 5]);
    // The unmatched first fragment, and the late duplicate that starts a datagram of its own.
    assert_eq!(capture.skipped.fragment_incomplete, 2);
    assert_eq!(capture.skipped.total(), 2);
}

#[test]
fn ipv6_fragments_reassemble() {
    let m = msg(0x6666, 90);
    let payload = udp6_payload(53, &m);
    let frag = |offset: usize, more: bool| {
        let field = ((offset / 8) as u16) << 3 | u16::from(more);
        let [f0, f1] = field.to_be_bytes();
        [17, 0, f0, f1, 0, 0, 0x12, 0x34]
    };
    let first = ipv6_with(44, &[frag(0, true)], &payload[..56]);
    let last = ipv6_with(44, &[frag(56, false)], &payload[56..]);
    let capture = read(&pcap(229, &[last, first]));
    assert_eq!(datas(&capture), [&m]);
    assert_eq!(capture.messages[0].frame, 2);
}

#[test]
fn fragments_beyond_64k_are_dropped() {
    let mut header = Ipv4Header::new(16, 64, IpNumber::UDP, CLIENT4, SERVER4).unwrap();
    header.dont_fragment = false;
    header.more_fragments = true;
    header.fragment_offset = etherparse::IpFragOffset::try_new(8190).unwrap(); // byte 65520
    let mut packet = Vec::new();
    header.write(&mut packet).unwrap();
    packet.extend([0; 16]);
    let capture = read(&pcap(101, &[packet]));
    assert_eq!(capture.skipped.fragment_incomplete, 1);
}

// ---- TCP -------------------------------------------------------------------

const ISN: u32 = 1000;

#[test]
fn tcp_two_messages_in_one_segment() {
    let (q1, q2) = (msg(1, 30), msg(2, 31));
    let file = pcap(101, &[tcp4(true, ISN, true, &[]), tcp4(true, ISN + 1, false, &framed(&[&q1, &q2]))]);
    let capture = read(&file);
    let expected = |data: &Vec<u8>| CapturedMessage {
        frame: 2,
        time: Some(PCAP_TIME),
        transport: Transport::Tcp,
        src: addr(CLIENT4, CPORT),
        dst: addr(SERVER4, 53),
        data: data.clone(),
    };
    assert_eq!(capture.messages, [expected(&q1), expected(&q2)]);
}

#[test]
fn tcp_message_split_over_three_segments() {
    let m = msg(3, 50);
    let bytes = framed(&[&m]);
    // The first cut splits the length prefix itself.
    let file = pcap(
        101,
        &[
            tcp4(true, ISN, true, &[]),
            tcp4(true, ISN + 1, false, &bytes[..1]),
            tcp4(true, ISN + 2, false, &bytes[1..20]),
            tcp4(false, 5000, false, &[]), // a bare ACK the other way
            tcp4(true, ISN + 21, false, &bytes[20..]),
        ],
    );
    let capture = read(&file);
    assert_eq!(datas(&capture), [&m]);
    assert_eq!(frames(&capture), [5]);
}

#[test]
fn tcp_out_of_order_segments() {
    let ms = [msg(1, 20), msg(2, 21), msg(3, 22)];
    let segs: Vec<Vec<u8>> = ms.iter().map(|m| framed(&[m])).collect();
    let seq = |i: usize| ISN + 1 + segs[..i].iter().map(|s| s.len() as u32).sum::<u32>();
    let file = pcap(
        101,
        &[tcp4(true, ISN, true, &[]), tcp4(true, seq(0), false, &segs[0]), tcp4(true, seq(2), false, &segs[2]), tcp4(true, seq(1), false, &segs[1])],
    );
    let capture = read(&file);
    assert_eq!(datas(&capture), [&ms[0], &ms[1], &ms[2]]);
    assert_eq!(frames(&capture), [2, 4, 4]);
}

#[test]
fn tcp_retransmissions_and_overlaps_count_once() {
    let (a, b) = (framed(&[&msg(1, 20)]), framed(&[&msg(2, 20)]));
    let both = [a.clone(), b.clone()].concat();
    let file = pcap(
        101,
        &[
            tcp4(true, ISN, true, &[]),
            tcp4(true, ISN + 1, false, &a),
            tcp4(true, ISN + 1, false, &a),                 // plain retransmission
            tcp4(true, ISN + 1 + 10, false, &both[10..30]), // overlaps the end of a
            tcp4(true, ISN + 1, false, &both),              // repacketised retransmission
            tcp4(true, ISN, true, &[]),                     // retransmitted SYN
        ],
    );
    let capture = read(&file);
    assert_eq!(datas(&capture), [&msg(1, 20), &msg(2, 20)]);
    assert_eq!(frames(&capture), [2, 5]);
    assert_eq!(capture.skipped, SkipStats::default());
}

#[test]
fn tcp_sequence_wraps_around() {
    let ms = [msg(1, 40), msg(2, 40)];
    let bytes = framed(&[&ms[0], &ms[1]]);
    let isn = u32::MAX - 30;
    let at = |off: usize| isn.wrapping_add(1 + off as u32);
    let file = pcap(
        101,
        &[
            tcp4(true, isn, true, &[]),
            tcp4(true, at(50), false, &bytes[50..]), // after the wrap, ahead of a gap
            tcp4(true, at(0), false, &bytes[..25]),
            tcp4(true, at(25), false, &bytes[25..50]), // crosses 2^32
        ],
    );
    let capture = read(&file);
    assert_eq!(datas(&capture), [&ms[0], &ms[1]]);
    assert_eq!(frames(&capture), [4, 4]);
}

#[test]
fn tcp_both_directions_and_missing_syn() {
    let (q, r) = (msg(5, 30), msg(5, 80));
    let rb = framed(&[&r]);
    let file = pcap(
        101,
        &[
            tcp4(true, 7777, false, &framed(&[&q])), // no SYN captured: start here
            tcp4(false, 9000, false, &rb[..40]),
            tcp4(false, 9040, false, &rb[40..]),
        ],
    );
    let capture = read(&file);
    assert_eq!(datas(&capture), [&q, &r]);
    assert_eq!(capture.messages[1].src, addr(SERVER4, 53));
    assert_eq!(capture.messages[1].dst, addr(CLIENT4, CPORT));
}

#[test]
fn tcp_gaps_and_unfinished_messages_are_counted() {
    let m = framed(&[&msg(1, 30)]);
    let file = pcap(
        101,
        &[
            tcp4(true, ISN, true, &[]),
            tcp4(true, ISN + 1 + 100, false, &m), // the 100 bytes before never come
            tcp4(false, 50, true, &[]),
            tcp4(false, 51, false, &m[..20]), // the rest never comes
        ],
    );
    let capture = read(&file);
    // At the end of the file the hole is final: framing resumes after it.
    assert_eq!(datas(&capture), [&msg(1, 30)]);
    assert_eq!(frames(&capture), [2]);
    assert_eq!(capture.skipped.tcp_gap_bytes, 100);
    assert_eq!(capture.skipped.tcp_unfinished_bytes, 20);
    assert_eq!(capture.skipped.total(), 0);
    assert_eq!(capture.skipped.to_string(), "0 packets skipped; 100 TCP bytes missing; 20 TCP bytes unfinished");
}

/// A hole the receiver acknowledged past is never retransmitted: framing resumes
/// at once at the first segment after it, and the message cut by it is dropped.
#[test]
fn tcp_hole_acknowledged_by_the_receiver_is_skipped() {
    let (q1, q2, q3) = (msg(1, 30), msg(2, 40), msg(3, 50));
    let bytes = framed(&[&q1, &q2, &q3]);
    let (a, b) = (32, 32 + 42);
    let file = pcap(
        101,
        &[
            tcp4(true, ISN, true, &[]),
            tcp4(true, ISN + 1, false, &bytes[..a + 10]), // q1 and the start of q2
            // The rest of q2 is not captured; q3 arrives after the hole...
            tcp4(true, ISN + 1 + b as u32, false, &bytes[b..]),
            // ...and the server acknowledges all of it.
            {
                let mut out = Vec::new();
                PacketBuilder::ipv4(SERVER4, CLIENT4, 64)
                    .tcp(53, CPORT, 5000, 65_535)
                    .ack(ISN + 1 + bytes.len() as u32)
                    .write(&mut out, &[])
                    .unwrap();
                out
            },
            tcp4(true, ISN + 1 + a as u32 + 10, false, &bytes[a + 10..b]), // too late
        ],
    );
    let capture = read(&file);
    assert_eq!(datas(&capture), [&q1, &q3]);
    assert_eq!(frames(&capture), [2, 3]);
    assert_eq!(capture.skipped.tcp_gap_bytes, (b - a - 10) as u64);
    assert_eq!(capture.skipped.tcp_unfinished_bytes, 10);
}

/// A hole that never fills cannot make a stream hold more than its bound: past
/// it, framing resumes after the hole, before the end of the file.
#[test]
fn tcp_pending_data_is_bounded() {
    let ms: Vec<Vec<u8>> = (0..20).map(|i| msg(i, 59_998)).collect();
    let mut packets = vec![tcp4(true, ISN, true, &[])];
    // Twenty segments after a 1-byte hole: past the 1 MiB a stream may hold.
    packets.extend((0..20).map(|i| tcp4(true, ISN + 2 + i * 60_000, false, &framed(&[&ms[i as usize]]))));
    packets.push(tcp4(true, ISN + 1, false, &[0])); // the hole, too late
    let capture = read(&pcap(101, &packets));
    assert_eq!(datas(&capture), ms.iter().collect::<Vec<_>>());
    assert_eq!(frames(&capture), (2..22).collect::<Vec<u64>>());
    assert_eq!(capture.skipped.tcp_gap_bytes, 1);
    assert_eq!(capture.skipped.tcp_unfinished_bytes, 0);
}

#[test]
fn tcp_reused_four_tuple_starts_a_new_stream() {
    let m = msg(8, 20);
    let bytes = framed(&[&m]);
    let file = pcap(
        101,
        &[tcp4(true, ISN, true, &[]), tcp4(true, ISN + 1, false, &bytes[..5]), tcp4(true, 90_000, true, &[]), tcp4(true, 90_001, false, &bytes)],
    );
    let capture = read(&file);
    assert_eq!(datas(&capture), [&m]);
    assert_eq!(capture.skipped.tcp_unfinished_bytes, 5);
}

// ---- tunnels ----------------------------------------------------------------

/// Every tunnel this reader follows, each carrying the same DNS query.
#[test]
fn udp_in_every_tunnel() {
    let m = msg(0x4242, 30);
    let ip4 = udp4(CPORT, 53, &m);
    let ip6 = udp6(CPORT, 53, &m);
    let gre = |flags: u16, protocol: u16, extra: &[u8], inner: &[u8]| [&flags.to_be_bytes()[..], &protocol.to_be_bytes(), extra, inner].concat();
    let vxlan = |frame: &[u8]| [&[0x08, 0, 0, 0, 0, 0x10, 0x92, 0][..], frame].concat();
    // Version 0, one 4-byte option (class, type, length 0... here 1 word of data).
    let geneve =
        |protocol: u16, inner: &[u8]| [&[0x01, 0][..], &protocol.to_be_bytes(), &[0, 0x10, 0x92, 0], &[0x01, 0x02, 0x03, 0x00], inner].concat();
    let cases: Vec<(&str, Vec<u8>, bool)> = vec![
        ("IPv4 in IPv4", outer4(4, &ip4), false),
        ("IPv6 in IPv4", outer4(41, &ip6), true),
        ("GRE, IPv4", outer4(47, &gre(0, 0x0800, &[], &ip4)), false),
        ("GRE with checksum, key and sequence, IPv6", outer4(47, &gre(0xb000, 0x86dd, &[0; 12], &ip6)), true),
        ("GRE, Ethernet", outer4(47, &gre(0, 0x6558, &[], &ether(0x0800, &ip4))), false),
        (
            "enhanced GRE (PPTP), PPP",
            outer4(47, &gre(0x3081, 0x880b, &[0, 67, 0, 6, 0, 0, 0, 1, 0, 0, 0, 2], &[&[0xff, 0x03, 0x00, 0x21][..], &ip4].concat())),
            false,
        ),
        ("enhanced GRE, PPP with compressed fields", outer4(47, &gre(0x2001, 0x880b, &[0, 67, 0, 6], &[&[0x57][..], &ip6].concat())), true),
        ("VXLAN", outer_udp(4789, &vxlan(&ether(0x86dd, &ip6))), true),
        ("Geneve, IPv4", outer_udp(6081, &geneve(0x0800, &ip4)), false),
        ("Geneve, Ethernet", outer_udp(6081, &geneve(0x6558, &ether(0x0800, &ip4))), false),
        (
            "Geneve in VXLAN in GRE",
            outer4(47, &gre(0, 0x0800, &[], &outer_udp(4789, &vxlan(&ether(0x0800, &outer_udp(6081, &geneve(0x0800, &ip4))))))),
            false,
        ),
    ];
    for (name, packet, v6) in cases {
        let capture = read(&pcap(1, &[ether(0x0800, &packet)]));
        let (src, dst) = if v6 { (addr(CLIENT6, CPORT), addr(SERVER6, 53)) } else { (addr(CLIENT4, CPORT), addr(SERVER4, 53)) };
        let expected = CapturedMessage { frame: 1, time: Some(PCAP_TIME), transport: Transport::Udp, src, dst, data: m.clone() };
        assert_eq!(capture.messages, [expected], "{name}");
        assert_eq!(capture.skipped, SkipStats::default(), "{name}");
    }
}

#[test]
fn tcp_in_a_tunnel_is_reassembled() {
    let m = msg(9, 60);
    let bytes = framed(&[&m]);
    let wrap = |segment: Vec<u8>| ether(0x0800, &outer4(47, &[&[0, 0, 0x08, 0x00][..], &segment].concat()));
    let file =
        pcap(1, &[wrap(tcp4(true, ISN, true, &[])), wrap(tcp4(true, ISN + 1, false, &bytes[..30])), wrap(tcp4(true, ISN + 31, false, &bytes[30..]))]);
    let capture = read(&file);
    assert_eq!(datas(&capture), [&m]);
    assert_eq!(frames(&capture), [3]);
}

/// A tunnel carried in a fragmented datagram is followed once the datagram is whole.
#[test]
fn tunnel_in_fragments() {
    let m = msg(0x77, 40);
    let inner = udp4(CPORT, 53, &m);
    let tunnelled = outer4(4, &inner);
    let mut frags = fragment4(&tunnelled, 9, &[24]);
    // fragment4 writes CLIENT4 / SERVER4 as the outer addresses: fine for a tunnel too.
    frags.reverse();
    let capture = read(&pcap(101, &frags));
    assert_eq!(datas(&capture), [&m]);
    assert_eq!(capture.messages[0].src, addr(CLIENT4, CPORT));
}

#[test]
fn tunnels_are_followed_to_a_bounded_depth() {
    let m = msg(1, 20);
    let mut packet = udp4(CPORT, 53, &m);
    for _ in 0..4 {
        packet = outer4(4, &packet);
    }
    let capture = read(&pcap(101, &[packet.clone()]));
    assert_eq!(datas(&capture), [&m]);
    let capture = read(&pcap(101, &[outer4(4, &packet)]));
    assert!(capture.messages.is_empty());
    assert_eq!(capture.skipped.too_deep, 1);
    assert_eq!(capture.skipped.to_string(), "1 packet skipped: 1 tunnels too deep");
}

/// VXLAN and Geneve ports are tunnels only when no DNS port is involved, and
/// what a tunnel holds besides IP is skipped.
#[test]
fn tunnel_ports_and_contents() {
    let m = msg(3, 20);
    // A DNS reply to a client that happens to use port 4789.
    let reply = {
        let mut out = Vec::new();
        PacketBuilder::ipv4(SERVER4, CLIENT4, 64).udp(53, 4789).write(&mut out, &m).unwrap();
        out
    };
    let arp_in_vxlan = outer_udp(4789, &[&[0x08, 0, 0, 0, 0, 0, 1, 0][..], &ether(0x0806, &[0; 28])].concat());
    let gre_routing = outer4(47, &[0x40, 0, 0x08, 0, 0, 0, 0, 0]);
    let geneve_version_1 = outer_udp(6081, &[0x40, 0, 0x08, 0, 0, 0, 1, 0]);
    let capture = read(&pcap(101, &[reply, arp_in_vxlan, gre_routing, geneve_version_1]));
    assert_eq!(datas(&capture), [&m]);
    assert_eq!(capture.skipped.not_ip, 2);
    assert_eq!(capture.skipped.bad_header, 1);
}

#[test]
fn empty_udp_payloads_are_skipped() {
    let file = pcap(101, &[udp4(CPORT, 53, &[]), udp6(CPORT, 53, &msg(1, 12))]);
    let capture = read(&file);
    assert_eq!(datas(&capture), [&msg(1, 12)]);
    assert_eq!(frames(&capture), [2]);
    assert_eq!(capture.skipped.to_string(), "1 packet skipped: 1 empty payload");
}

// ---- ports, truncation, corrupt files -----------------------------------------

#[test]
fn other_ports_are_skipped_and_counted() {
    let file = pcap(
        101,
        &[
            udp4(CPORT, 80, &[1, 2, 3]),
            {
                let mut segment = tcp4(true, 1, false, &[]);
                segment[22] = 1; // destination port 53 -> 309
                segment
            },
            udp4(8053, CPORT, &msg(1, 20)),
            udp4(CPORT, 5353, &msg(2, 20)),
        ],
    );
    let capture = read(&file);
    assert_eq!(capture.skipped.other_port, 3);
    assert_eq!(datas(&capture), [&msg(2, 20)]);
    assert_eq!(capture.skipped.to_string(), "3 packets skipped: 3 other port");
    let capture = read_capture(&file, &[8053]).unwrap();
    assert_eq!(datas(&capture), [&msg(1, 20)]);
}

#[test]
fn truncated_packets_are_counted() {
    let whole = ether(0x0800, &udp4(CPORT, 53, &msg(1, 60)));
    let mut file = pcap(1, &[whole.clone(), whole[..50].to_vec(), whole[..20].to_vec()]);
    // Restore the on-the-wire length of the two cut records.
    let second = 24 + 16 + whole.len();
    let third = second + 16 + 50;
    file[second + 12..second + 16].copy_from_slice(&(whole.len() as u32).to_le_bytes());
    file[third + 12..third + 16].copy_from_slice(&(whole.len() as u32).to_le_bytes());
    let capture = read(&file);
    assert_eq!(capture.messages.len(), 1);
    assert_eq!(capture.skipped.truncated, 2);
    assert_eq!(capture.skipped.to_string(), "2 packets skipped: 2 truncated");
}

#[test]
fn corrupt_files_give_errors() {
    assert_eq!(read_capture(b"", &DEFAULT_PORTS).unwrap_err(), CaptureError::NotCapture);
    assert_eq!(read_capture(b"GIF89a not a capture", &DEFAULT_PORTS).unwrap_err(), CaptureError::NotCapture);
    assert_eq!(read_capture(&[0xd4, 0xc3, 0xb2], &DEFAULT_PORTS).unwrap_err(), CaptureError::NotCapture);

    // Cut in the middle of the second record: the first packet survives.
    let file = pcap(101, &[udp4(CPORT, 53, &msg(1, 20)), udp4(CPORT, 53, &msg(2, 20))]);
    let capture = read(&file[..file.len() - 10]);
    assert_eq!(datas(&capture), [&msg(1, 20)]);
    assert_eq!(capture.skipped.cut_short, 1);

    // A record claiming 1 GiB in the middle of the file is corrupt, not cut short.
    let mut file = pcap(101, &[udp4(CPORT, 53, &msg(1, 20)), udp4(CPORT, 53, &msg(2, 20))]);
    let second = 24 + 16 + udp4(CPORT, 53, &msg(1, 20)).len();
    file[second + 8..second + 12].copy_from_slice(&(1u32 << 30).to_le_bytes());
    let error = read_capture(&file, &DEFAULT_PORTS).unwrap_err();
    assert!(matches!(error, CaptureError::Corrupt { packets: 1, .. }), "{error}");

    // A pcapng block whose trailing length disagrees with its leading one.
    let mut file = [shb(false), idb(false, 101), epb(false, 0, &udp4(CPORT, 53, &msg(1, 20)))].concat();
    let last = file.len() - 4;
    file[last] ^= 0x40;
    let error = read_capture(&file, &DEFAULT_PORTS).unwrap_err();
    assert!(matches!(error, CaptureError::Corrupt { offset: 48, packets: 0, .. }), "{error}");
    assert!(error.to_string().starts_with("corrupt capture at byte 48"), "{error}");
}

/// Every truncation and many single-byte corruptions of small captures: no panic.
#[test]
fn mangled_files_never_panic() {
    let udp = udp4(CPORT, 53, &msg(1, 30));
    let frag = fragment4(&udp, 5, &[16]);
    let bytes = framed(&[&msg(2, 20), &msg(3, 20)]);
    let seeds = [
        pcap(1, &[ether(0x8100, &[&[0, 5, 0x08, 0x00][..], &udp].concat()), ether(0x86dd, &udp6(CPORT, 53, &msg(4, 9)))]),
        pcap(101, &[frag[1].clone(), frag[0].clone(), tcp4(true, ISN, true, &[]), tcp4(true, ISN + 1, false, &bytes)]),
        pcap(276, &[sll2(0x0800, &udp)]),
        pcap(
            10,
            &[
                fddi(&outer4(47, &[&[0x30, 0x81, 0x88, 0x0b][..], &[0; 12], &[0xff, 0x03, 0, 0x21], &udp].concat())),
                fddi(&outer_udp(6081, &[&[0, 0, 0x65, 0x58, 0, 0, 1, 0][..], &ether(0x0800, &outer4(41, &udp6(CPORT, 53, &msg(5, 9))))].concat())),
            ],
        ),
        [shb(true), idb(true, 0), epb(true, 0, &[&2u32.to_be_bytes()[..], &udp].concat()), spb(true, &[0; 10])].concat(),
    ];
    for seed in &seeds {
        for len in 0..=seed.len() {
            let _ = read_capture(&seed[..len], &DEFAULT_PORTS);
        }
        for at in 0..seed.len() {
            for value in [0x00, 0xff, seed[at] ^ 0x80, seed[at].wrapping_add(1)] {
                let mut mangled = seed.clone();
                mangled[at] = value;
                let _ = read_capture(&mangled, &DEFAULT_PORTS);
            }
        }
    }
}

// ---- real captures -----------------------------------------------------------

const SHARED_CAPTURES: &str = "/work/shared/captures";

fn capture_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for path in entries.flatten().map(|e| e.path()) {
        if path.is_dir() {
            capture_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "pcap" || e == "pcapng" || e == "cap") {
            out.push(path);
        }
    }
}

/// Message counts (all, over TCP) checked frame by frame against tshark 4.0 by hand:
/// `tshark -r FILE -o tcp.reassemble_out_of_order:TRUE -Y dns -T fields -e frame.number -e dns.id`,
/// or frames and message octets against conformance-vectors/reference/dnsref.py.
const TSHARK_CHECKED: [(&str, usize, usize); 21] = [
    ("arkime/6-4-gre-ppp-udp-4-dns.pcap", 2, 0),       // PPP in enhanced GRE in IPv4 in IPv6
    ("dns-oarc/dnscap/dnso1tcp-bighole.pcap", 41, 41), // TCP holes never filled
    ("dns-oarc/dnscap/dnso1tcp-midmiss.pcap", 6, 6),
    ("suricata-verify/tests/dns-tcp-ts-gap/input.pcap", 5, 5),
    ("tcpdump/dns-zlip-1.pcap", 0, 0),     // an empty UDP payload
    ("zeek/dns-inverse-query.pcap", 2, 2), // FDDI
    ("compactor/dns.pcap", 1998, 0),
    ("compactor/malformed.pcap", 24, 0), // SLL from ARPHRD_NONE
    ("dns-oarc/dnscap/dnso1tcp.pcap", 82, 82),
    ("dns-oarc/dnscap/dnsotcp-manyopkts.pcap", 3, 3),
    ("dns-oarc/dnscap/frags.pcap", 82, 0), // IPv4 fragments
    ("dns-oarc/dnscap/sll2.pcap", 2, 0),
    ("dns-oarc/dnscap/vlan11.pcap", 82, 0),
    ("dns-oarc/packetq/sample-bigendian.pcap", 2, 0),
    ("ndpi/dns-google-nsid.pcapng", 14, 0),
    ("ndpi/dns.pcap", 5, 0),             // VLAN + PPPoE
    ("ndpi/dns_fragmented.pcap", 43, 4), // IPv4 and IPv6 fragments
    ("pcapplusplus/Packet++Test/PacketExamples/dns_over_tcp.pcapng", 3, 3),
    ("suricata-verify/tests/dns/dns-tcp-multirequest-buffer/dns-tcp-multirequest-buffer.pcap", 40, 40),
    ("zeek/dns-edns-ecs.pcap", 85, 9),
    ("zeek/ipv6-fragmented-dns.pcap", 5, 0),
];

/// Reads every public capture (read-only, not part of the project): no panic, counts printed,
/// and the tshark-checked counts above still hold.
#[test]
fn shared_captures_read_without_panic() {
    let root = std::path::Path::new(SHARED_CAPTURES);
    if !root.is_dir() {
        println!("note: {SHARED_CAPTURES} is absent; real-capture check skipped");
        return;
    }
    let mut files = Vec::new();
    capture_files(root, &mut files);
    files.sort();
    let mut total = 0;
    for path in &files {
        let bytes = std::fs::read(path).expect("readable capture");
        let name = path.strip_prefix(root).unwrap_or(path).to_string_lossy();
        let capture = match read_capture(&bytes, &DEFAULT_PORTS) {
            Ok(capture) => capture,
            Err(error) => {
                println!("{name}: error: {error}");
                continue;
            }
        };
        let all = capture.messages.len();
        let tcp = capture.messages.iter().filter(|m| m.transport == Transport::Tcp).count();
        println!("{name}: {all} messages ({tcp} TCP); {}", capture.skipped);
        if let Some(&(_, want_all, want_tcp)) = TSHARK_CHECKED.iter().find(|(f, ..)| *f == name) {
            assert_eq!((all, tcp), (want_all, want_tcp), "{name}");
        }
        total += all;
    }
    println!("{} files, {total} messages", files.len());
    assert!(files.is_empty() || total > 0, "no DNS found in any shared capture");
}
