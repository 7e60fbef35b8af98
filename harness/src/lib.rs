//! Test support for dnswire: proptest strategies, fuzz bodies, DNSSEC and TSIG
//! signature checks and the worst-case inputs of the bounds tests. The std
//! tool's code (captures, vectors, conformance, network) lives in
//! `dnswire-cli` and is re-exported here, so tests reach both by one path.

#[cfg(feature = "tools")]
pub use dnswire_cli::{capture, conformance, decode, encode, hexfile, net, zone};

pub mod fuzzing;
pub mod strategies;
#[cfg(feature = "verify")]
pub mod verify;
pub mod worst;

// The repository README's Rust examples run as doctests here: the codec
// crate is packaged alone and may include only its own files.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct RepositoryReadmeDoctests;
