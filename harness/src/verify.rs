//! DNSSEC and TSIG verification with the codec's helpers (`dnswire::dnssec`,
//! `dnswire::tsig_signed_data`) and the RustCrypto crates: RRSIG signatures
//! (RSA/SHA-1, RSA/SHA-256, RSA/SHA-512, ECDSA P-256 and P-384, Ed25519), DS
//! digests (SHA-1, SHA-256, SHA-384) and TSIG MACs (HMAC-SHA-1/224/256/384/512),
//! over single messages or whole captures.

use std::collections::HashMap;
use std::fmt;
use std::net::SocketAddr;

use base64::Engine as _;
use dnswire::dnssec::{self, SliceSink};
use dnswire::rdata::{Dnskey, Ds, Rrsig};
use dnswire::{Class, EncodeError, Message, Name, NameBuf, RData, Record, Rtype, Section};
use sha2::Digest as _;

use crate::capture::{CapturedMessage, Transport};

/// Why a signature, digest or MAC did not verify.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VerifyError {
    /// The algorithm is not implemented here.
    UnsupportedAlgorithm(u8),
    /// The public key is malformed for its algorithm.
    BadKey,
    /// The signature is malformed for its algorithm.
    BadSignatureFormat,
    /// Well-formed, but wrong.
    Mismatch,
    /// The signed data could not be built.
    Encode(EncodeError),
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnsupportedAlgorithm(a) => write!(f, "unsupported algorithm {a}"),
            Self::BadKey => f.write_str("malformed public key"),
            Self::BadSignatureFormat => f.write_str("malformed signature"),
            Self::Mismatch => f.write_str("signature does not verify"),
            Self::Encode(e) => write!(f, "cannot build the signed data: {e:?}"),
        }
    }
}

impl std::error::Error for VerifyError {}

/// The DNSSEC algorithm numbers (IANA registry) verified here.
pub const SUPPORTED_ALGORITHMS: [u8; 7] = [5, 7, 8, 10, 13, 14, 15];

/// The name of a DNSSEC algorithm number, for reports.
pub fn algorithm_name(algorithm: u8) -> &'static str {
    match algorithm {
        5 => "RSASHA1",
        7 => "RSASHA1-NSEC3-SHA1",
        8 => "RSASHA256",
        10 => "RSASHA512",
        13 => "ECDSAP256SHA256",
        14 => "ECDSAP384SHA384",
        15 => "ED25519",
        16 => "ED448",
        _ => "unknown",
    }
}

/// Collects `f`'s output into a vector.
pub fn collect<E>(f: impl FnOnce(&mut dyn FnMut(&[u8])) -> Result<(), E>) -> Result<Vec<u8>, E> {
    let mut out = Vec::new();
    f(&mut |d: &[u8]| out.extend_from_slice(d))?;
    Ok(out)
}

/// The data `rrsig` signs over the RRset of `owner` in `rrset` (RFC 4034
/// §3.1.8.1), built by the codec.
pub fn rrsig_signed_data(rrsig: &Rrsig<'_>, owner: &Name<'_>, class: Class, rrset: &[Record<'_>]) -> Result<(Vec<u8>, usize), EncodeError> {
    let mut n = 0;
    let data = collect(|s| {
        n = dnssec::rrsig_signed_data(rrsig, owner, class, rrset, s)?;
        Ok(())
    })?;
    Ok((data, n))
}

/// Splits an RSA public key in the RFC 3110 §2 format into exponent and modulus.
fn rsa_parts(key: &[u8]) -> Option<(&[u8], &[u8])> {
    let (&first, rest) = key.split_first()?;
    let (len, rest) = if first == 0 {
        let (len, rest) = rest.split_first_chunk::<2>()?;
        (usize::from(u16::from_be_bytes(*len)), rest)
    } else {
        (usize::from(first), rest)
    };
    if rest.len() <= len {
        return None;
    }
    Some(rest.split_at(len))
}

fn verify_rsa<D: sha2::Digest + rsa::pkcs8::AssociatedOid>(key: &[u8], data: &[u8], signature: &[u8]) -> Result<(), VerifyError> {
    let (e, n) = rsa_parts(key).ok_or(VerifyError::BadKey)?;
    let public = rsa::RsaPublicKey::new(rsa::BigUint::from_bytes_be(n), rsa::BigUint::from_bytes_be(e)).map_err(|_| VerifyError::BadKey)?;
    let digest = D::digest(data);
    public.verify(rsa::Pkcs1v15Sign::new::<D>(), &digest, signature).map_err(|_| VerifyError::Mismatch)
}

/// Verifies `signature` over `data` with a DNSKEY public key of `algorithm`
/// (key and signature in their DNSSEC wire formats: RFC 3110, RFC 6605,
/// RFC 8080).
pub fn verify_signature(algorithm: u8, public_key: &[u8], data: &[u8], signature: &[u8]) -> Result<(), VerifyError> {
    use p256::ecdsa::signature::Verifier as _;
    match algorithm {
        5 | 7 => verify_rsa::<sha1::Sha1>(public_key, data, signature),
        8 => verify_rsa::<sha2::Sha256>(public_key, data, signature),
        10 => verify_rsa::<sha2::Sha512>(public_key, data, signature),
        13 => {
            let mut sec1 = vec![4u8];
            sec1.extend_from_slice(public_key);
            let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(&sec1).map_err(|_| VerifyError::BadKey)?;
            let sig = p256::ecdsa::Signature::from_slice(signature).map_err(|_| VerifyError::BadSignatureFormat)?;
            key.verify(data, &sig).map_err(|_| VerifyError::Mismatch)
        }
        14 => {
            let mut sec1 = vec![4u8];
            sec1.extend_from_slice(public_key);
            let key = p384::ecdsa::VerifyingKey::from_sec1_bytes(&sec1).map_err(|_| VerifyError::BadKey)?;
            let sig = p384::ecdsa::Signature::from_slice(signature).map_err(|_| VerifyError::BadSignatureFormat)?;
            key.verify(data, &sig).map_err(|_| VerifyError::Mismatch)
        }
        15 => {
            let key: [u8; 32] = public_key.try_into().map_err(|_| VerifyError::BadKey)?;
            let key = ed25519_dalek::VerifyingKey::from_bytes(&key).map_err(|_| VerifyError::BadKey)?;
            let sig: [u8; 64] = signature.try_into().map_err(|_| VerifyError::BadSignatureFormat)?;
            key.verify_strict(data, &ed25519_dalek::Signature::from_bytes(&sig)).map_err(|_| VerifyError::Mismatch)
        }
        other => Err(VerifyError::UnsupportedAlgorithm(other)),
    }
}

/// Verifies an RRSIG over the RRset of `owner` (found in `rrset`) with `dnskey`.
/// Returns the number of records signed.
pub fn verify_rrsig(rrsig: &Rrsig<'_>, owner: &Name<'_>, class: Class, rrset: &[Record<'_>], dnskey: &Dnskey<'_>) -> Result<usize, VerifyError> {
    if dnskey.algorithm != rrsig.algorithm {
        return Err(VerifyError::Mismatch);
    }
    let (data, n) = rrsig_signed_data(rrsig, owner, class, rrset).map_err(VerifyError::Encode)?;
    verify_signature(rrsig.algorithm, dnskey.public_key, &data, rrsig.signature)?;
    Ok(n)
}

/// The DS digest of `dnskey` at `owner` with `digest_type` (1 SHA-1, 2 SHA-256,
/// 4 SHA-384), or `None` for another type.
pub fn ds_digest(owner: &Name<'_>, dnskey: &Dnskey<'_>, digest_type: u8) -> Option<Vec<u8>> {
    let mut data = Vec::new();
    dnssec::ds_digest_data(owner, dnskey, &mut |d: &[u8]| data.extend_from_slice(d));
    match digest_type {
        1 => Some(sha1::Sha1::digest(&data).to_vec()),
        2 => Some(sha2::Sha256::digest(&data).to_vec()),
        4 => Some(sha2::Sha384::digest(&data).to_vec()),
        _ => None,
    }
}

/// Whether `ds` (at `owner`) refers to `dnskey`: key tag, algorithm and digest.
pub fn ds_matches(owner: &Name<'_>, dnskey: &Dnskey<'_>, ds: &Ds<'_>) -> bool {
    ds.key_tag == dnssec::key_tag(dnskey)
        && ds.algorithm == dnskey.algorithm
        && ds_digest(owner, dnskey, ds.digest_type).is_some_and(|d| d == ds.digest)
}

/// A DNSKEY with its owner, owned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnedKey {
    pub owner: NameBuf,
    pub flags: u16,
    pub protocol: u8,
    pub algorithm: u8,
    pub public_key: Vec<u8>,
}

impl OwnedKey {
    pub fn from_dnskey(owner: &Name<'_>, key: &Dnskey<'_>) -> Self {
        Self {
            owner: NameBuf::from_name(owner),
            flags: key.flags,
            protocol: key.protocol,
            algorithm: key.algorithm,
            public_key: key.public_key.to_vec(),
        }
    }

    pub fn dnskey(&self) -> Dnskey<'_> {
        Dnskey { flags: self.flags, protocol: self.protocol, algorithm: self.algorithm, public_key: &self.public_key }
    }

    pub fn key_tag(&self) -> u16 {
        dnssec::key_tag(&self.dnskey())
    }
}

/// Splits presentation-format lines into fields, dropping `;` comments and
/// joining parentheses.
fn zone_lines(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    let mut depth = 0usize;
    for line in text.lines() {
        let line = line.split(';').next().unwrap_or("");
        for tok in line.split_whitespace() {
            let mut tok = tok;
            while let Some(t) = tok.strip_prefix('(') {
                depth += 1;
                tok = t;
            }
            let mut closes = 0;
            while let Some(t) = tok.strip_suffix(')') {
                closes += 1;
                tok = t;
            }
            if !tok.is_empty() {
                cur.push(tok.to_owned());
            }
            depth = depth.saturating_sub(closes);
        }
        if depth == 0 && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    out
}

/// The fields after `owner [TTL] [IN] TYPE`, when the line is of `rtype`.
fn rdata_fields<'l>(fields: &'l [String], rtype: &str) -> Option<(&'l str, &'l [String])> {
    let owner = fields.first()?;
    let pos = fields.iter().position(|f| f.eq_ignore_ascii_case(rtype))?;
    Some((owner, fields.get(pos + 1..)?))
}

/// Reads the DNSKEY records of a BIND `.key` file or any presentation text.
pub fn parse_dnskeys(text: &str) -> Vec<OwnedKey> {
    let mut keys = Vec::new();
    for fields in zone_lines(text) {
        let Some((owner, rest)) = rdata_fields(&fields, "DNSKEY") else { continue };
        let [flags, protocol, algorithm, key @ ..] = rest else { continue };
        let (Ok(owner), Ok(flags), Ok(protocol), Ok(algorithm)) = (NameBuf::from_text(owner), flags.parse(), protocol.parse(), algorithm.parse())
        else {
            continue;
        };
        let Ok(public_key) = base64::engine::general_purpose::STANDARD.decode(key.concat()) else { continue };
        keys.push(OwnedKey { owner, flags, protocol, algorithm, public_key });
    }
    keys
}

/// A DS record with its owner, owned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnedDs {
    pub owner: NameBuf,
    pub key_tag: u16,
    pub algorithm: u8,
    pub digest_type: u8,
    pub digest: Vec<u8>,
}

impl OwnedDs {
    pub fn ds(&self) -> Ds<'_> {
        Ds { key_tag: self.key_tag, algorithm: self.algorithm, digest_type: self.digest_type, digest: &self.digest }
    }
}

fn hex_decode(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}

/// Reads the DS records of a dsset file or any presentation text.
pub fn parse_ds(text: &str) -> Vec<OwnedDs> {
    let mut out = Vec::new();
    for fields in zone_lines(text) {
        let Some((owner, rest)) = rdata_fields(&fields, "DS") else { continue };
        let [tag, alg, dtype, digest @ ..] = rest else { continue };
        let (Ok(owner), Ok(key_tag), Ok(algorithm), Ok(digest_type), Some(digest)) =
            (NameBuf::from_text(owner), tag.parse(), alg.parse(), dtype.parse(), hex_decode(&digest.concat()))
        else {
            continue;
        };
        out.push(OwnedDs { owner, key_tag, algorithm, digest_type, digest });
    }
    out
}

/// Known DNSKEYs, looked up by owner and key tag.
#[derive(Clone, Debug, Default)]
pub struct KeyStore {
    keys: Vec<OwnedKey>,
}

impl KeyStore {
    /// Adds a key unless it is already known.
    pub fn add(&mut self, key: OwnedKey) {
        if !self.keys.contains(&key) {
            self.keys.push(key);
        }
    }

    /// Adds every DNSKEY (and CDNSKEY) record found in the messages.
    pub fn add_from_messages<'a>(&mut self, messages: impl IntoIterator<Item = &'a Message<'a>>) {
        for msg in messages {
            for section in [Section::Answer, Section::Authority, Section::Additional] {
                for r in msg.records(section) {
                    if let RData::Dnskey(k) = r.data {
                        self.add(OwnedKey::from_dnskey(&r.name, &k));
                    }
                }
            }
        }
    }

    /// The keys of `owner` with `key_tag` and `algorithm`.
    pub fn find<'s>(&'s self, owner: &'s Name<'_>, key_tag: u16, algorithm: u8) -> impl Iterator<Item = &'s OwnedKey> + 's {
        self.keys.iter().filter(move |k| k.owner.as_name() == *owner && k.algorithm == algorithm && k.key_tag() == key_tag)
    }

    pub fn keys(&self) -> &[OwnedKey] {
        &self.keys
    }
}

/// One RRSIG that did not verify.
#[derive(Clone, Debug)]
pub struct RrsigFailure {
    pub frame: u64,
    pub owner: String,
    pub type_covered: Rtype,
    pub signer: String,
    pub key_tag: u16,
    pub error: VerifyError,
}

/// The RRSIGs of a set of messages, checked.
#[derive(Clone, Debug, Default)]
pub struct RrsigReport {
    /// Verified, by (signer zone, algorithm).
    pub verified: HashMap<(String, u8), usize>,
    /// RRSIGs whose signer has no known key with that tag (RRSIGs as data).
    pub no_key: usize,
    /// RRSIGs in truncated messages, not checked.
    pub truncated: usize,
    pub failures: Vec<RrsigFailure>,
}

impl RrsigReport {
    pub fn total_verified(&self) -> usize {
        self.verified.values().sum()
    }

    pub fn verified_by_algorithm(&self, algorithm: u8) -> usize {
        self.verified.iter().filter(|((_, a), _)| *a == algorithm).map(|(_, n)| n).sum()
    }

    pub fn verified_in_zone(&self, zone: &str) -> usize {
        self.verified.iter().filter(|((z, _), _)| z == zone).map(|(_, n)| n).sum()
    }
}

/// Which messages share an RRset pool: the messages of one zone transfer
/// (a TCP response stream with one id whose first message asks AXFR or IXFR),
/// otherwise each message alone.
pub fn transfer_groups(messages: &[CapturedMessage], decoded: &[Option<Message<'_>>]) -> Vec<usize> {
    let mut groups = Vec::with_capacity(messages.len());
    let mut open: HashMap<(SocketAddr, SocketAddr, u16), usize> = HashMap::new();
    for (i, (m, d)) in messages.iter().zip(decoded).enumerate() {
        let mut group = i;
        if let (Transport::Tcp, Some(msg)) = (m.transport, d) {
            let key = (m.src, m.dst, msg.header().id);
            let is_xfr = msg.question().is_some_and(|q| matches!(q.qtype, Rtype::AXFR | Rtype::IXFR));
            if msg.header().flags.qr() {
                match open.get(&key) {
                    Some(&first) if msg.question().is_none() || is_xfr => group = first,
                    _ if is_xfr => {
                        open.insert(key, i);
                    }
                    _ => {}
                }
            }
        }
        groups.push(group);
    }
    groups
}

/// Verifies every RRSIG in the decoded messages whose signer key is in `keys`.
/// The RRset is looked for in the same message, or in the whole transfer for
/// zone transfers; messages with TC set are not checked.
pub fn verify_rrsigs(messages: &[CapturedMessage], decoded: &[Option<Message<'_>>], keys: &KeyStore) -> RrsigReport {
    let groups = transfer_groups(messages, decoded);
    let mut pools: HashMap<usize, Vec<Record<'_>>> = HashMap::new();
    for (i, d) in decoded.iter().enumerate() {
        if let Some(msg) = d {
            let pool = pools.entry(groups[i]).or_default();
            for section in [Section::Answer, Section::Authority, Section::Additional] {
                pool.extend(msg.records(section));
            }
        }
    }
    let mut report = RrsigReport::default();
    for (i, d) in decoded.iter().enumerate() {
        let Some(msg) = d else { continue };
        let pool = &pools[&groups[i]];
        for section in [Section::Answer, Section::Authority, Section::Additional] {
            for r in msg.records(section) {
                let RData::Rrsig(sig) = r.data else { continue };
                if msg.header().flags.tc() {
                    report.truncated += 1;
                    continue;
                }
                let candidates: Vec<_> = keys.find(&sig.signer, sig.key_tag, sig.algorithm).collect();
                if candidates.is_empty() {
                    report.no_key += 1;
                    continue;
                }
                let mut result = Err(VerifyError::Mismatch);
                for key in candidates {
                    result = verify_rrsig(&sig, &r.name, r.class, pool, &key.dnskey());
                    if result.is_ok() {
                        break;
                    }
                }
                match result {
                    Ok(_) => *report.verified.entry((sig.signer.to_string(), sig.algorithm)).or_default() += 1,
                    Err(error) => report.failures.push(RrsigFailure {
                        frame: messages[i].frame,
                        owner: r.name.to_string(),
                        type_covered: sig.type_covered,
                        signer: sig.signer.to_string(),
                        key_tag: sig.key_tag,
                        error,
                    }),
                }
            }
        }
    }
    report
}

/// A TSIG key: name, algorithm name and secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TsigKey {
    pub name: NameBuf,
    pub algorithm: NameBuf,
    pub secret: Vec<u8>,
}

/// Reads the `key "name" { algorithm ...; secret "..."; };` statements of a
/// BIND key file.
pub fn parse_bind_keys(text: &str) -> Vec<TsigKey> {
    let text: String = text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n");
    let mut keys = Vec::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("key") {
        rest = &rest[at + 3..];
        let Some(open) = rest.find('{') else { break };
        let Some(close) = rest.find("};") else { break };
        if close < open {
            continue;
        }
        let name = rest[..open].trim().trim_matches('"');
        let body = &rest[open + 1..close];
        rest = &rest[close + 2..];
        let mut algorithm = None;
        let mut secret = None;
        for stmt in body.split(';') {
            let mut words = stmt.split_whitespace();
            match words.next() {
                Some("algorithm") => algorithm = words.next().map(str::to_owned),
                Some("secret") => secret = words.next().map(|s| s.trim_matches('"').to_owned()),
                _ => {}
            }
        }
        let (Some(algorithm), Some(secret)) = (algorithm, secret) else { continue };
        let (Ok(name), Ok(algorithm), Ok(secret)) =
            (NameBuf::from_text(name), NameBuf::from_text(&algorithm), base64::engine::general_purpose::STANDARD.decode(secret))
        else {
            continue;
        };
        keys.push(TsigKey { name, algorithm, secret });
    }
    keys
}

/// The HMAC of `data` under `key`, by the key's algorithm name.
pub fn tsig_mac(key: &TsigKey, data: &[u8]) -> Result<Vec<u8>, VerifyError> {
    fn mac<M: hmac::Mac + hmac::digest::KeyInit>(secret: &[u8], data: &[u8]) -> Vec<u8> {
        let mut m = <M as hmac::digest::KeyInit>::new_from_slice(secret).expect("HMAC takes keys of any length");
        m.update(data);
        m.finalize().into_bytes().to_vec()
    }
    let alg = key.algorithm.to_string().to_ascii_lowercase();
    Ok(match alg.as_str() {
        "hmac-sha1." => mac::<hmac::Hmac<sha1::Sha1>>(&key.secret, data),
        "hmac-sha224." => mac::<hmac::Hmac<sha2::Sha224>>(&key.secret, data),
        "hmac-sha256." => mac::<hmac::Hmac<sha2::Sha256>>(&key.secret, data),
        "hmac-sha384." => mac::<hmac::Hmac<sha2::Sha384>>(&key.secret, data),
        "hmac-sha512." => mac::<hmac::Hmac<sha2::Sha512>>(&key.secret, data),
        _ => return Err(VerifyError::UnsupportedAlgorithm(0)),
    })
}

/// Checks a received MAC against the computed one, allowing truncation to at
/// least 10 octets and half the hash (RFC 8945 §5.2.2.1).
pub fn tsig_mac_matches(key: &TsigKey, data: &[u8], mac: &[u8]) -> Result<(), VerifyError> {
    let full = tsig_mac(key, data)?;
    let min = (full.len() / 2).max(10);
    if mac.len() > full.len() || mac.len() < min {
        return Err(VerifyError::BadSignatureFormat);
    }
    // Constant time is beside the point for recorded data.
    if full.get(..mac.len()) == Some(mac) { Ok(()) } else { Err(VerifyError::Mismatch) }
}

/// What kind of TSIG-signed message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TsigKind {
    /// A request (QR 0).
    Request,
    /// The first (or only) response to a request, using the request MAC.
    Response,
    /// A later message of a multi-message response (timers only, prior MAC).
    Continuation,
}

/// One TSIG-signed message, checked.
#[derive(Clone, Debug)]
pub struct TsigCheck {
    pub frame: u64,
    pub opcode: dnswire::Opcode,
    pub qtype: Option<Rtype>,
    pub kind: TsigKind,
    /// The TSIG error field of the message.
    pub tsig_error: u16,
    pub result: Result<(), VerifyError>,
}

/// The TSIG records of a capture, checked.
#[derive(Clone, Debug, Default)]
pub struct TsigReport {
    pub checks: Vec<TsigCheck>,
    /// TSIG records whose key (name and algorithm) is not known.
    pub unknown_key: usize,
    /// Responses with an empty MAC (TSIG error answers, RFC 8945 §5.3.2).
    pub unsigned_errors: usize,
    /// The TSIG error codes of those responses (16 BADSIG, 17 BADKEY).
    pub unsigned_error_codes: std::collections::BTreeMap<u16, usize>,
    /// Responses whose request was not found or not verifiable.
    pub no_request: usize,
}

/// Verifies every TSIG record of the decoded messages with `keys`: requests
/// alone, first responses with the request's MAC, later messages of a
/// response stream with the prior MAC and the timers (with the unsigned
/// messages in between).
pub fn verify_tsigs(messages: &[CapturedMessage], decoded: &[Option<Message<'_>>], keys: &[TsigKey]) -> TsigReport {
    #[derive(Default)]
    struct Flow {
        /// The MAC of the last request seen (from the other direction).
        request_mac: Option<Vec<u8>>,
        /// The MAC of the last signed response of the stream, and the
        /// unsigned messages after it.
        prior: Option<(Vec<u8>, Vec<Vec<u8>>)>,
    }
    let mut flows: HashMap<(SocketAddr, SocketAddr, u16), Flow> = HashMap::new();
    let mut report = TsigReport::default();
    for (m, d) in messages.iter().zip(decoded) {
        let Some(msg) = d else { continue };
        let id = msg.header().id;
        let rec = dnswire::find_tsig(msg);
        let qr = msg.header().flags.qr();
        // A request: its MAC is remembered for the responses (server to client).
        if !qr {
            let flow = flows.entry((m.dst, m.src, id)).or_default();
            flow.prior = None;
            flow.request_mac = None;
            let Some(rec) = rec else { continue };
            let Some(key) = find_key(keys, &rec) else {
                report.unknown_key += 1;
                continue;
            };
            let data = collect::<()>(|s| {
                dnswire::tsig_signed_data(msg, None, s);
                Ok(())
            })
            .unwrap_or_default();
            let result = tsig_mac_matches(key, &data, rec.tsig.mac);
            if result.is_ok() {
                flow.request_mac = Some(rec.tsig.mac.to_vec());
            }
            report.checks.push(check(m, msg, TsigKind::Request, rec.tsig.error, result));
            continue;
        }
        let flow = flows.entry((m.src, m.dst, id)).or_default();
        let Some(rec) = rec else {
            if let Some((_, between)) = &mut flow.prior {
                between.push(m.data.clone());
            }
            continue;
        };
        if rec.tsig.mac.is_empty() {
            report.unsigned_errors += 1;
            *report.unsigned_error_codes.entry(rec.tsig.error).or_default() += 1;
            continue;
        }
        let Some(key) = find_key(keys, &rec) else {
            report.unknown_key += 1;
            continue;
        };
        let (kind, data) = if let Some((prior, between)) = &flow.prior {
            let between: Vec<&[u8]> = between.iter().map(Vec::as_slice).collect();
            let data = collect::<()>(|s| {
                dnswire::tsig_timers_signed_data(msg, prior, &between, s);
                Ok(())
            });
            (TsigKind::Continuation, data.unwrap_or_default())
        } else if let Some(request_mac) = &flow.request_mac {
            let data = collect::<()>(|s| {
                dnswire::tsig_signed_data(msg, Some(request_mac), s);
                Ok(())
            });
            (TsigKind::Response, data.unwrap_or_default())
        } else {
            report.no_request += 1;
            continue;
        };
        let result = tsig_mac_matches(key, &data, rec.tsig.mac);
        // Over TCP the next message continues the stream; a UDP response ends it.
        if m.transport == Transport::Tcp {
            flow.prior = Some((rec.tsig.mac.to_vec(), Vec::new()));
        }
        report.checks.push(check(m, msg, kind, rec.tsig.error, result));
    }
    report
}

fn find_key<'k>(keys: &'k [TsigKey], rec: &dnswire::TsigRecord<'_>) -> Option<&'k TsigKey> {
    keys.iter().find(|k| k.name.as_name() == rec.key_name && k.algorithm.as_name() == rec.tsig.algorithm)
}

fn check(m: &CapturedMessage, msg: &Message<'_>, kind: TsigKind, tsig_error: u16, result: Result<(), VerifyError>) -> TsigCheck {
    TsigCheck { frame: m.frame, opcode: msg.opcode(), qtype: msg.question().map(|q| q.qtype), kind, tsig_error, result }
}

/// Writes the canonical form of one record into a vector (for tests and
/// tools).
pub fn canonical_record(record: &Record<'_>, ttl: u32) -> Result<Vec<u8>, EncodeError> {
    let mut buf = vec![0u8; 65535 + 512];
    let mut sink = SliceSink::new(&mut buf);
    dnssec::write_canonical_record(record, ttl, &mut sink)?;
    Ok(sink.written().to_vec())
}
