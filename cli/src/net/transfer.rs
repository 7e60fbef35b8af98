//! Zone transfers (AXFR, RFC 5936; IXFR, RFC 1995) over TCP: every message
//! of the answer kept, and the transfer checked to open with the zone's SOA
//! and to close with it.

use std::net::TcpStream;
use std::time::{Duration, Instant};

use dnswire::{Message, RData, Rcode, Rtype};

use super::query::{QueryConfig, QueryError, build_query};
use super::random::SecureRandom;
use super::{message_id, set_message_id, write_framed};

/// The messages of a transfer, and whether it came to its end.
#[derive(Debug)]
pub struct Transfer {
    /// Each message received that answers the query, in order.
    pub messages: Vec<Vec<u8>>,
    /// Answer records over all messages.
    pub records: usize,
    /// From connecting to the last message.
    pub elapsed: Duration,
    /// `Err` says why the transfer is not whole (no SOA first, an error
    /// status, the connection closed before the closing SOA).
    pub verdict: Result<(), String>,
}

/// Where a transfer stands after each record.
#[derive(Debug, Default)]
struct Progress {
    /// The first SOA's serial: the zone's version being sent.
    serial: Option<u32>,
    records: usize,
    /// SOA records with that serial seen, the first included.
    closing_soas: usize,
    /// The second record was an SOA: an incremental IXFR answer.
    incremental: bool,
    done: bool,
}

impl Progress {
    /// Takes one answer record; `Err` when the transfer cannot be right.
    /// `ixfr`: the serial the client has, for IXFR.
    fn record(&mut self, rdata: &RData<'_>, ixfr: Option<u32>) -> Result<(), String> {
        if self.done {
            return Ok(());
        }
        self.records += 1;
        let soa_serial = match rdata {
            RData::Soa(soa) => Some(soa.serial),
            _ => None,
        };
        let Some(first) = self.serial else {
            let serial = soa_serial.ok_or("the transfer does not start with an SOA record")?;
            self.serial = Some(serial);
            self.closing_soas = 1;
            // The client's version is current: the SOA is the whole answer
            // (RFC 1995 §2), whatever the server sends after it.
            self.done = ixfr.is_some_and(|have| !serial_newer(serial, have));
            return Ok(());
        };
        if self.records == 2 && ixfr.is_some() && soa_serial.is_some() {
            self.incremental = true;
        }
        if soa_serial == Some(first) {
            self.closing_soas += 1;
            // AXFR (and IXFR sent as a whole zone) ends at the second SOA; an
            // incremental IXFR has it a third time: opening the last
            // difference's additions, then closing (RFC 1995 §4).
            let needed = if self.incremental { 3 } else { 2 };
            self.done = self.closing_soas >= needed;
        }
        Ok(())
    }

    /// The answer to an IXFR whose serial is current: the SOA alone, in one message.
    fn up_to_date(&self, ixfr: Option<u32>) -> bool {
        ixfr.is_some() && self.records == 1
    }
}

/// Whether serial `a` is after `b` in serial number arithmetic (RFC 1982 §3.2).
fn serial_newer(a: u32, b: u32) -> bool {
    a != b && a.wrapping_sub(b) < 0x8000_0000
}

/// Runs the transfer that `cfg` asks for (its type AXFR or IXFR) over TCP,
/// all within `cfg.timeout` for each message.
pub fn run(cfg: &QueryConfig) -> Result<Transfer, QueryError> {
    let mut rng = SecureRandom::new();
    let mut query = build_query(cfg, 0, [0; 8]).map_err(QueryError::Build)?;
    let id = rng.u16()?;
    set_message_id(&mut query, id);
    let start = Instant::now();
    let mut stream = TcpStream::connect_timeout(&cfg.server, cfg.timeout)?;
    let _ = stream.set_nodelay(true);
    stream.set_write_timeout(Some(cfg.timeout))?;
    write_framed(&mut stream, &query)?;
    let ixfr = (cfg.qtype == Rtype::IXFR).then_some(cfg.ixfr_serial);
    let key = cfg.key();
    let mut progress = Progress::default();
    let mut messages = Vec::new();
    let verdict = loop {
        // Each message has the whole timeout: a large zone takes many.
        let deadline = super::deadline(Instant::now(), cfg.timeout);
        let wire = match super::read_framed_by(&mut stream, deadline) {
            Ok(Some(wire)) => wire,
            Ok(None) if progress.up_to_date(ixfr) => break Ok(()),
            Ok(None) => break Err("the server closed the connection before the closing SOA".to_string()),
            Err(e) if super::is_timeout(&e) && messages.is_empty() => {
                return Err(QueryError::Timeout { tries: 1, ignored: 0 });
            }
            Err(e) if messages.is_empty() => return Err(QueryError::Io(e)),
            Err(e) => break Err(format!("reading the transfer: {e}")),
        };
        if message_id(&wire) != Some(id) {
            continue;
        }
        let Ok(msg) = Message::decode(&wire) else {
            messages.push(wire);
            break Err("a malformed message".to_string());
        };
        // Only the first message need repeat the question (RFC 5936 §2.2).
        let first = messages.is_empty();
        if first && !key.answered_by(&msg) {
            continue;
        }
        let rcode = msg.rcode();
        let step = if rcode != Rcode::NOERROR {
            Err(format!("the server answered {rcode}"))
        } else {
            msg.answers().try_for_each(|r| progress.record(&r.data, ixfr))
        };
        messages.push(wire);
        if let Err(e) = step {
            break Err(e);
        }
        if progress.done || (progress.up_to_date(ixfr) && first) {
            break Ok(());
        }
    };
    Ok(Transfer { messages, records: progress.records, elapsed: start.elapsed(), verdict })
}

#[cfg(test)]
mod tests {
    use super::*;
    use dnswire::NameBuf;
    use dnswire::rdata::Soa;

    fn feed(progress: &mut Progress, serials: &[Option<u32>], ixfr: Option<u32>) -> Result<(), String> {
        let name = NameBuf::from_text("example.test.").unwrap();
        for serial in serials {
            let rdata = match serial {
                Some(serial) => {
                    RData::Soa(Soa { mname: name.as_name(), rname: name.as_name(), serial: *serial, refresh: 0, retry: 0, expire: 0, minimum: 0 })
                }
                None => RData::A([192, 0, 2, 1].into()),
            };
            progress.record(&rdata, ixfr)?;
        }
        Ok(())
    }

    #[test]
    fn axfr_ends_at_the_second_soa() {
        let mut p = Progress::default();
        feed(&mut p, &[Some(5), None, None], None).unwrap();
        assert!(!p.done);
        feed(&mut p, &[Some(5)], None).unwrap();
        assert!(p.done);
    }

    #[test]
    fn transfer_must_open_with_an_soa() {
        assert!(feed(&mut Progress::default(), &[None], None).is_err());
    }

    #[test]
    fn incremental_ixfr_ends_at_the_third_soa_of_the_new_serial() {
        // RFC 1995 §7: new SOA, old SOA, deletions, new SOA, additions, new SOA.
        let mut p = Progress::default();
        feed(&mut p, &[Some(3), Some(1), None, Some(3), None], Some(1)).unwrap();
        assert!(!p.done);
        feed(&mut p, &[Some(3)], Some(1)).unwrap();
        assert!(p.done);
    }

    #[test]
    fn ixfr_from_the_current_serial_ends_at_the_first_soa() {
        let mut p = Progress::default();
        feed(&mut p, &[Some(7), None, None], Some(7)).unwrap();
        assert!(p.done);
        assert_eq!(p.records, 1);
    }
}
