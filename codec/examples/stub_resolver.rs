//! A firmware stub resolver's exchange, without a network: the query it
//! sends, the answers it accepts, and the addresses at the end of a CNAME
//! chain. Everything lives in fixed buffers on the stack, as on a
//! microcontroller; only `main` prints. The "server" is played by the same
//! program, first over UDP (answering with TC set, as a server does when the
//! answer does not fit) and then over TCP, where the client retries.
//!
//! Run with `cargo run --example stub_resolver`.

use dnswire::{ChainEnd, Class, Edns, Error, Flags, Header, Message, MessageBuilder, NameBuf, Question, RData, Record, Rtype, encode_query};

/// How many CNAME hops the resolver follows before giving up.
const MAX_HOPS: usize = 8;

/// What the resolver found: up to four IPv4 addresses.
#[derive(Debug, Default)]
struct Addresses {
    found: [[u8; 4]; 4],
    count: usize,
}

/// Writes the query for `qname` A with EDNS (1232 octets, RFC 6891 §6.2.5).
fn write_query<'b>(buf: &'b mut [u8], id: u16, qname: &NameBuf) -> Result<&'b mut [u8], Error> {
    let header = Header { id, flags: Flags::default().with_rd(true), ..Header::default() };
    let question = Question { qname: qname.as_name(), qtype: Rtype::A, qclass: Class::IN };
    Ok(encode_query(buf, header, &question, Some(&Edns::default()))?)
}

/// The addresses a response gives for the query's name, through its CNAMEs.
/// `None` when the response is not for this query (wrong id, question or
/// QR: an off-path forgery or a stale answer), and the wait goes on.
fn read_answer(query: &Message<'_>, response: &Message<'_>) -> Option<Result<Addresses, ChainEnd>> {
    if !response.answers_query(query) {
        return None;
    }
    let question = query.question()?;
    let chain = response.cname_chain(question.qname, Rtype::A, MAX_HOPS);
    if chain.end != ChainEnd::Answered {
        return Some(Err(chain.end));
    }
    let mut addresses = Addresses::default();
    for record in chain.answers() {
        if let (RData::A(addr), Some(slot)) = (record.data, addresses.found.get_mut(addresses.count)) {
            *slot = addr.octets();
            addresses.count = addresses.count.saturating_add(1);
        }
    }
    Some(Ok(addresses))
}

/// The server: `www.example.` is a CNAME for `web.example.net.`, which has
/// two addresses. Over UDP with `udp_room` octets it truncates.
fn serve<'b>(query: &[u8], out: &'b mut [u8], tcp: bool, udp_room: usize) -> Result<&'b mut [u8], Error> {
    let query = Message::decode(query)?;
    let (www, web) = (NameBuf::from_text("www.example.")?, NameBuf::from_text("web.example.net.")?);
    let room = if tcp { out.len() } else { udp_room.min(out.len()) };
    let (out, _) = out.split_at_mut(room);
    let mut response = MessageBuilder::response_to(out, &query, 1232)?;
    response.set_flags(response.flags().with_ra(true));
    response.set_truncating(!tcp);
    response.answer(&Record { name: www.as_name(), class: Class::IN, ttl: 300, data: RData::Cname(web.as_name()) })?;
    for last in [10, 11] {
        response.answer(&Record { name: web.as_name(), class: Class::IN, ttl: 60, data: RData::A([192, 0, 2, last].into()) })?;
    }
    Ok(if tcp { response.finish_tcp()? } else { response.finish()? })
}

fn main() -> Result<(), Error> {
    let qname = NameBuf::from_text("www.example.")?;
    let mut query_buf = [0u8; 512];
    let query_wire = write_query(&mut query_buf, 0x5eed, &qname)?;
    println!("query: {} octets", query_wire.len());
    let query = Message::decode(query_wire)?;

    // Over UDP the server has room for the CNAME but not the A RRset.
    let mut udp_buf = [0u8; 512];
    let udp = serve(query.as_bytes(), &mut udp_buf, false, 80)?;
    let udp = Message::decode(udp)?;
    let result = if udp.header().flags.tc() {
        println!("UDP answer truncated (TC): retrying over TCP");
        // RFC 7766 §6.2.1: the same query, framed with its length.
        let mut frame = [0u8; 514];
        let mut retry = MessageBuilder::new(&mut frame, query.header())?;
        for q in query.questions() {
            retry.question(&q)?;
        }
        if let Some(edns) = query.edns() {
            retry.edns(&edns)?;
        }
        let retry = retry.finish_tcp()?;
        let (retry, _) = Message::decode_tcp(retry)?;
        let mut tcp_buf = [0u8; 1024];
        let stream = serve(retry.as_bytes(), &mut tcp_buf, true, 0)?;
        let (tcp, _rest) = Message::decode_tcp(stream)?;
        read_answer(&query, &tcp)
    } else {
        read_answer(&query, &udp)
    };
    match result {
        Some(Ok(addresses)) => {
            for addr in addresses.found.iter().take(addresses.count) {
                println!("{qname} has address {}", core::net::Ipv4Addr::from(*addr));
            }
        }
        Some(Err(end)) => println!("{qname}: no address ({end:?})"),
        None => println!("{qname}: the response does not answer the query"),
    }
    Ok(())
}
