//! # dnswire
//!
//! A DNS wire-format codec for firmware and edge resolvers.
//!
//! - **No heap.** The crate is `#![no_std]` and never names `alloc`. Decoding
//!   borrows the caller's `&[u8]`; encoding writes into the caller's `&mut [u8]`,
//!   whose length is the size limit. Owned names ([`NameBuf`]) live inline.
//! - **No panics, no unsafe.** Every malformed input is a typed [`DecodeError`];
//!   every failed push is a typed [`EncodeError`] and leaves the message as it
//!   was. `#![forbid(unsafe_code)]`; indexing, `unwrap` and unchecked arithmetic
//!   are denied by lint.
//! - **Bounded work.** [`Message::decode`] makes one linear validating pass;
//!   compression pointers must go strictly backwards ([`MAX_POINTERS`] per name),
//!   and the compressor has [`COMPRESSION_SLOTS`] fixed slots.
//! - **Validate once.** After `decode` succeeds, iterators and typed RDATA views
//!   return plain values and cannot fail.
//!
//! # Decoding
//! ```
//! use dnswire::{Message, RData, Rtype};
//! // A response: service2.acmeltd.co.uk. CNAME service2.region.prod.brkr.io. -> A 10.10.10.10
//! let wire: &[u8] = &[
//!     0x4f, 0xf0, 0x81, 0x80, 0, 1, 0, 2, 0, 0, 0, 1, // header
//!     8, b's', b'e', b'r', b'v', b'i', b'c', b'e', b'2', 7, b'a', b'c', b'm', b'e', b'l', b't', b'd',
//!     2, b'c', b'o', 2, b'u', b'k', 0, 0, 1, 0, 1, // question
//!     0xc0, 0x0c, 0, 5, 0, 1, 0, 0, 0, 0x36, 0, 0x1e, 8, b's', b'e', b'r', b'v', b'i', b'c', b'e', b'2',
//!     6, b'r', b'e', b'g', b'i', b'o', b'n', 4, b'p', b'r', b'o', b'd', 4, b'b', b'r', b'k', b'r',
//!     2, b'i', b'o', 0, // CNAME
//!     0xc0, 0x34, 0, 1, 0, 1, 0, 0, 1, 0x2c, 0, 4, 10, 10, 10, 10, // A
//!     0, 0, 0x29, 0x10, 0, 0, 0, 0, 0, 0, 0, // OPT
//! ];
//! let msg = Message::decode(wire)?;
//! assert_eq!(msg.edns().map(|e| e.udp_payload_size), Some(4096));
//! for record in msg.answers() {
//!     if let RData::A(addr) = record.data {
//!         assert_eq!(addr.octets(), [10, 10, 10, 10]);
//!     }
//! }
//! assert_eq!(msg.answers().filter(|r| r.rtype() == Rtype::CNAME).count(), 1);
//! # Ok::<(), dnswire::DecodeError>(())
//! ```
//!
//! # Building
//! ```
//! use dnswire::{Class, Flags, Header, MessageBuilder, NameBuf, Question, RData, Record, Rtype};
//! let owner = NameBuf::from_text("example.com.").unwrap();
//! let mut buf = [0u8; 512];
//! let header = Header { id: 7, flags: Flags::default().with_qr(true), ..Header::default() };
//! let mut b = MessageBuilder::new(&mut buf, header)?;
//! b.question(&Question { qname: owner.as_name(), qtype: Rtype::A, qclass: Class::IN })?;
//! b.answer(&Record { name: owner.as_name(), class: Class::IN, ttl: 300, data: RData::A([192, 0, 2, 1].into()) })?;
//! let wire = b.finish()?;
//! // The answer's owner is a pointer to the question name.
//! assert_eq!(wire.len(), 12 + 17 + 2 + 10 + 4);
//! # Ok::<(), dnswire::EncodeError>(())
//! ```
//!
//! # Record-type groups
//! Every record type's decoder, encoder and text form is in by default. A
//! firmware that needs fewer builds with `default-features = false` and the
//! groups it wants; a type whose group is left out has no [`RData`] variant,
//! is validated as opaque octets, read as [`RData::Unknown`] (RFC 3597) and
//! written as `\#` in text, so only the decoders of the kept types are linked.
//!
//! | feature | types |
//! |---|---|
//! | (always) | A, AAAA, NS, CNAME, PTR, MX, TXT, SOA, SRV, CAA, and OPT ([`Edns`]) |
//! | `dnssec` | DNSKEY, CDNSKEY, KEY, RRSIG, SIG, DS, CDS, DLV, TA, NSEC, NSEC3, NSEC3PARAM, CSYNC, ZONEMD |
//! | `svcb` | SVCB, HTTPS |
//! | `tsig` | TSIG, TKEY, and `find_tsig` with the TSIG signed-data helpers |
//! | `keys` | TLSA, SMIMEA, SSHFP, OPENPGPKEY, CERT, DHCID, IPSECKEY, HIP |
//! | `extra` | DNAME, NAPTR, URI, LOC, APL, AMTRELAY, DSYNC, EUI48, EUI64, NID, L32, L64, LP, KX, RESINFO, WALLET |
//! | `legacy` | obsolete and experimental types: MD, MF, MB, MG, MR, MINFO, HINFO, RP, AFSDB, RT, PX, SPF, NXT, NINFO, AVC, X25, ISDN, GPOS, NSAP, NSAP-PTR, WKS, and A in class CH |
//!
//! The [`dnssec`] helpers (key tags, canonical form) are always there: they
//! work on any record, typed or opaque.
//!
//! # Other features
//! - `defmt` (off by default): [`defmt::Format`](https://docs.rs/defmt) for
//!   the header and flags, names, questions, records, RDATA, EDNS, the IANA
//!   numbers and the errors, so a firmware logs them with `defmt::info!` and
//!   the like at the cost of a few interned strings rather than `core::fmt`.
//! - `work-count` is for the crate's own bounds tests and has no use
//!   elsewhere.
//!
//! # Errors
//! Decoding fails with [`DecodeError`], encoding with [`EncodeError`],
//! reading presentation text with [`TextError`] (or [`TextErrorAt`], which
//! says where). A program that does all three converts each with `?` into
//! [`Error`].
//!
//! # Minimum Rust version
//! Rust 1.88, checked in CI by building the crate and running its tests with
//! that toolchain.
//!
//! # Architecture
//! One concept per file: [`Header`], names ([`Name`], [`NameBuf`]), the
//! compressor, [`Question`] and [`Record`], typed [`RData`] (one table of
//! types in `rdata/mod.rs`), [`Edns`], the reader ([`Message`]), the writer
//! ([`MessageBuilder`]), CNAME chains ([`Message::cname_chain`]), typed EDNS
//! options ([`OptionData`]), the DNSSEC helpers ([`dnssec`]: key tags, canonical
//! form and order, the data an RRSIG or DS covers, streamed into a [`Sink`]),
//! the data a TSIG MAC covers ([`tsig_signed_data`]), dig-style display
//! (`Display for Message`) and presentation text read back ([`text`]: a
//! record, RDATA, a dig output, and master files with their directives,
//! `$INCLUDE` and `$GENERATE` too, one record at a time with
//! [`text::zone::ZoneReader`]). Internally a bounds-checked cursor
//! (`wire.rs`) replaces a parser-combinator stack such as nom: DNS fields are
//! fixed-width or length-prefixed, so the cursor is smaller, as clear, and keeps
//! one error type throughout; the crate therefore depends on heapless alone.

#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, clippy::arithmetic_side_effects))]

mod builder;
mod cname;
mod compress;
mod dig;
pub mod dnssec;
mod edns;
mod error;
mod header;
mod iana;
mod locate;
mod message;
mod name;
mod option;
mod present;
mod query;
pub mod rdata;
mod record;
pub mod text;
#[cfg(feature = "tsig")]
mod tsig_data;
mod wire;
mod work;

pub use builder::{MessageBuilder, QUERY_PADDING_BLOCK, RESPONSE_PADDING_BLOCK};
pub use cname::{ChainEnd, CnameChain};
pub use compress::COMPRESSION_SLOTS;
pub use dnssec::Sink;
pub use edns::{Edns, EdnsFlags, EdnsOption, EdnsOptionIter, EdnsOptions};
pub use error::{DecodeError, EncodeError, Error, TextError, TextErrorAt};
pub use header::{Flags, Header};
pub use iana::{Class, Opcode, OptionCode, Rcode, Rtype};
pub use locate::DecodeFailure;
pub use message::{MAX_MESSAGE_LEN, Message, Questions, Records, Section};
pub use name::{Labels, MAX_LABEL_LEN, MAX_NAME_LEN, MAX_POINTERS, Name, NameBuf, NameRules};
pub use option::{ClientSubnet, OptionData, ZoneVersion, validate_option};
pub use query::encode_query;
pub use rdata::RData;
pub use record::{Question, Record};
#[cfg(feature = "tsig")]
#[cfg_attr(docsrs, doc(cfg(feature = "tsig")))]
pub use tsig_data::{TsigRecord, find_tsig, tsig_signed_data, tsig_timers_signed_data};
#[cfg(feature = "work-count")]
#[doc(hidden)]
pub use work::take_steps;

// The crate's own README (the one crates.io shows): its examples must run.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
