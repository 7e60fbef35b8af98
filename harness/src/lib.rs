//! The dnswire conformance harness: capture and vector readers, the reference
//! comparison and the command-line tool's commands. Std only; the codec itself
//! stays `no_std`.

pub mod capture;
pub mod conformance;
pub mod decode;
pub mod encode;
pub mod fuzzing;
pub mod hexfile;
pub mod net;
pub mod strategies;
pub mod zone;
#[cfg(feature = "verify")]
pub mod verify;
pub mod worst;
