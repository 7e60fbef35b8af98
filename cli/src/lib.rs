//! The `dnswire` command-line tool's commands, and the capture and vector
//! readers and conformance suite they use. Std only; the codec itself stays
//! `no_std`. Test support (proptest strategies, fuzz bodies, signature checks)
//! lives in `dnswire-harness`, so installing the tool does not build it.

pub mod capture;
pub mod conformance;
pub mod decode;
pub mod encode;
pub mod generate;
pub mod help;
pub mod hexfile;
pub mod input;
pub mod net;
pub mod progress;
pub mod zone;
