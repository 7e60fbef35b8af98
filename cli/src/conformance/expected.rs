//! The expected decodings written by the reference decoder
//! (`conformance-vectors/reference/dnsref.py`, dnspython), one JSON object per
//! message.

use serde::Deserialize;

/// One message as the reference decoded it.
#[derive(Clone, Debug, Deserialize)]
pub struct Expected {
    /// Frame number in the capture, or line number in a hex file.
    pub frame: u64,
    /// `udp`, `tcp` or `hex`.
    pub transport: String,
    /// What the hex file says about the message.
    #[serde(default)]
    pub comment: Option<String>,
    /// The message octets, hex.
    pub wire: String,
    /// Whether the reference accepted the message.
    pub ok: bool,
    /// The reference's reason for rejecting it.
    #[serde(default)]
    pub error: Option<String>,
    /// The decoding, when accepted.
    #[serde(flatten)]
    pub decoded: Option<Decoded>,
}

/// The reference's decoding of an accepted message.
#[derive(Clone, Debug, Deserialize)]
pub struct Decoded {
    pub id: u16,
    pub opcode: String,
    pub rcode: String,
    pub flags: Vec<String>,
    pub edns: Option<ExpectedEdns>,
    pub question: Vec<ExpectedQuestion>,
    pub answer: Vec<ExpectedRecord>,
    pub authority: Vec<ExpectedRecord>,
    pub additional: Vec<ExpectedRecord>,
}

/// The OPT record as the reference decoded it.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct ExpectedEdns {
    pub version: u8,
    pub flags: Vec<String>,
    pub udp: u16,
    pub options: Vec<ExpectedOption>,
}

/// One EDNS option.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct ExpectedOption {
    pub code: u16,
    pub data: String,
}

/// One question.
#[derive(Clone, Debug, Deserialize)]
pub struct ExpectedQuestion {
    pub name: String,
    pub class: String,
    #[serde(rename = "type")]
    pub rtype: String,
}

/// One resource record.
#[derive(Clone, Debug, Deserialize)]
pub struct ExpectedRecord {
    pub name: String,
    pub ttl: u64,
    pub class: String,
    #[serde(rename = "type")]
    pub rtype: String,
    pub rdata: String,
    pub rdata_wire: String,
}

/// Reads a JSON Lines file of expectations.
pub fn parse(text: &str) -> Result<Vec<Expected>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("line {}: {e}", i + 1)))
        .collect()
}
