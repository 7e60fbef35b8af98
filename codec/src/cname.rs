//! Following a CNAME chain through the answer section, with bounded work and no
//! allocation.

use crate::iana::Rtype;
use crate::message::Message;
use crate::name::Name;
use crate::rdata::RData;
use crate::record::Record;

/// How a chain ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum ChainEnd {
    /// Records of the asked type exist at the chain's last name.
    Answered,
    /// The chain reached a name with neither the asked type nor a CNAME: a
    /// resolver that could not follow it further (often a SERVFAIL upstream).
    DeadEnd,
    /// A CNAME led back to a name already on the chain.
    Loop,
    /// The chain was longer than the caller's bound.
    TooLong,
}

/// The result of [`Message::cname_chain`].
#[derive(Clone, Copy, Debug)]
pub struct CnameChain<'m, 'a> {
    msg: &'m Message<'a>,
    start: Name<'a>,
    qtype: Rtype,
    /// The number of CNAME hops followed.
    pub hops: usize,
    /// The last name reached.
    pub last: Name<'a>,
    /// How the chain ended.
    pub end: ChainEnd,
}

impl<'m, 'a> CnameChain<'m, 'a> {
    /// The CNAME records followed, in chain order.
    pub fn steps(&self) -> impl Iterator<Item = Record<'a>> + 'm {
        let msg = self.msg;
        let mut current = self.start;
        let mut left = self.hops;
        core::iter::from_fn(move || {
            left = left.checked_sub(1)?;
            let rec = cname_at(msg, &current)?;
            if let RData::Cname(target) = rec.data {
                current = target;
            }
            Some(rec)
        })
    }

    /// The records of the asked type at the end of the chain (none unless
    /// [`ChainEnd::Answered`]).
    pub fn answers(&self) -> impl Iterator<Item = Record<'a>> + 'm {
        let (last, qtype, answered) = (self.last, self.qtype, self.end == ChainEnd::Answered);
        self.msg.answers().filter(move |r| answered && r.name == last && matches_type(r, qtype))
    }
}

fn matches_type(r: &Record<'_>, qtype: Rtype) -> bool {
    r.rtype() == qtype || qtype == Rtype::ANY
}

fn cname_at<'a>(msg: &Message<'a>, name: &Name<'_>) -> Option<Record<'a>> {
    msg.answers().find(|r| matches!(r.data, RData::Cname(_)) && r.name == *name)
}

impl<'a> Message<'a> {
    /// Resolves `qname` through the CNAME records of the answer section (in any
    /// order) to the records of `qtype`, following at most `max_hops` CNAMEs.
    ///
    /// Work is bounded by `max_hops` (and by the number of answers) times the
    /// answer count; loops are detected by checking each new name against the
    /// chain so far.
    ///
    /// ```
    /// # let wire = [0x4f,0xf0,0x81,0x80,0,1,0,2,0,0,0,0,8,b's',b'e',b'r',b'v',b'i',b'c',b'e',b'2',7,b'a',b'c',b'm',b'e',b'l',b't',b'd',2,b'c',b'o',2,b'u',b'k',0,0,1,0,1,0xc0,0x0c,0,5,0,1,0,0,0,0x36,0,0x1e,8,b's',b'e',b'r',b'v',b'i',b'c',b'e',b'2',6,b'r',b'e',b'g',b'i',b'o',b'n',4,b'p',b'r',b'o',b'd',4,b'b',b'r',b'k',b'r',2,b'i',b'o',0,0xc0,0x34,0,1,0,1,0,0,1,0x2c,0,4,10,10,10,10];
    /// use dnswire::{ChainEnd, Message, Rtype};
    /// let msg = Message::decode(&wire).unwrap();
    /// let q = msg.question().unwrap();
    /// let chain = msg.cname_chain(q.qname, q.qtype, 8);
    /// assert_eq!(chain.end, ChainEnd::Answered);
    /// assert_eq!(chain.hops, 1);
    /// assert_eq!(chain.answers().count(), 1);
    /// ```
    pub fn cname_chain<'m>(&'m self, qname: Name<'a>, qtype: Rtype, max_hops: usize) -> CnameChain<'m, 'a> {
        let mut chain = CnameChain { msg: self, start: qname, qtype, hops: 0, last: qname, end: ChainEnd::DeadEnd };
        loop {
            if self.answers().any(|r| r.name == chain.last && matches_type(&r, qtype)) {
                chain.end = ChainEnd::Answered;
                return chain;
            }
            let Some(RData::Cname(target)) = cname_at(self, &chain.last).map(|r| r.data) else {
                chain.end = ChainEnd::DeadEnd;
                return chain;
            };
            if target == qname || chain.steps().any(|r| matches!(r.data, RData::Cname(t) if t == target)) {
                chain.end = ChainEnd::Loop;
                return chain;
            }
            if chain.hops >= max_hops {
                chain.end = ChainEnd::TooLong;
                return chain;
            }
            chain.hops = chain.hops.saturating_add(1);
            chain.last = target;
        }
    }
}
