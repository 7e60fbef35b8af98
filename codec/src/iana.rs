//! IANA-registered numbers as newtypes with named constants.
//!
//! A number the registry does not name is still a valid value: `Rtype(65280)`
//! displays as `TYPE65280`, and there is only one way to spell each value, so
//! `Rtype::A == Rtype(1)` always holds.

use core::fmt;

macro_rules! registry {
    (
        $(#[$meta:meta])*
        $name:ident($repr:ty), fallback $fallback:literal;
        $( $(#[$cmeta:meta])* $konst:ident = $value:literal, $text:literal; )*
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
        pub struct $name(pub $repr);

        #[allow(missing_docs)]
        impl $name {
            $( $(#[$cmeta])* pub const $konst: Self = Self($value); )*

            /// The registry's mnemonic, if it has one.
            pub const fn mnemonic(self) -> Option<&'static str> {
                match self.0 {
                    $( $value => Some($text), )*
                    _ => None,
                }
            }

            /// The value for a mnemonic (ASCII case-insensitive), or for the
            /// generic form (`TYPE65280`, `CLASS3`...).
            pub fn from_mnemonic(text: &str) -> Option<Self> {
                $( if text.eq_ignore_ascii_case($text) { return Some(Self($value)); } )*
                let digits = strip_prefix_ignore_case(text, $fallback)?;
                crate::present::parse_decimal(digits).and_then(|v| <$repr>::try_from(v).ok()).map(Self)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self.mnemonic() {
                    Some(text) => f.write_str(text),
                    None => write!(f, concat!($fallback, "{}"), self.0),
                }
            }
        }

        impl From<$repr> for $name {
            fn from(value: $repr) -> Self {
                Self(value)
            }
        }

        impl From<$name> for $repr {
            fn from(value: $name) -> Self {
                value.0
            }
        }

        #[cfg(feature = "defmt")]
        #[cfg_attr(docsrs, doc(cfg(feature = "defmt")))]
        impl defmt::Format for $name {
            fn format(&self, f: defmt::Formatter<'_>) {
                match self.mnemonic() {
                    Some(text) => defmt::write!(f, "{=str}", text),
                    None => defmt::write!(f, "{=str}{}", $fallback, self.0),
                }
            }
        }
    };
}

fn strip_prefix_ignore_case<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix) { text.get(prefix.len()..) } else { None }
}

registry! {
    /// A resource record type (RFC 1035 §3.2.2 and the IANA registry).
    Rtype(u16), fallback "TYPE";
    A = 1, "A";
    NS = 2, "NS";
    MD = 3, "MD";
    MF = 4, "MF";
    CNAME = 5, "CNAME";
    SOA = 6, "SOA";
    MB = 7, "MB";
    MG = 8, "MG";
    MR = 9, "MR";
    NULL = 10, "NULL";
    WKS = 11, "WKS";
    PTR = 12, "PTR";
    HINFO = 13, "HINFO";
    MINFO = 14, "MINFO";
    MX = 15, "MX";
    TXT = 16, "TXT";
    RP = 17, "RP";
    AFSDB = 18, "AFSDB";
    X25 = 19, "X25";
    ISDN = 20, "ISDN";
    RT = 21, "RT";
    NSAP = 22, "NSAP";
    NSAP_PTR = 23, "NSAP-PTR";
    SIG = 24, "SIG";
    KEY = 25, "KEY";
    PX = 26, "PX";
    GPOS = 27, "GPOS";
    AAAA = 28, "AAAA";
    LOC = 29, "LOC";
    NXT = 30, "NXT";
    EID = 31, "EID";
    NIMLOC = 32, "NIMLOC";
    SRV = 33, "SRV";
    ATMA = 34, "ATMA";
    NAPTR = 35, "NAPTR";
    KX = 36, "KX";
    CERT = 37, "CERT";
    A6 = 38, "A6";
    DNAME = 39, "DNAME";
    SINK = 40, "SINK";
    OPT = 41, "OPT";
    APL = 42, "APL";
    DS = 43, "DS";
    SSHFP = 44, "SSHFP";
    IPSECKEY = 45, "IPSECKEY";
    RRSIG = 46, "RRSIG";
    NSEC = 47, "NSEC";
    DNSKEY = 48, "DNSKEY";
    DHCID = 49, "DHCID";
    NSEC3 = 50, "NSEC3";
    NSEC3PARAM = 51, "NSEC3PARAM";
    TLSA = 52, "TLSA";
    SMIMEA = 53, "SMIMEA";
    HIP = 55, "HIP";
    NINFO = 56, "NINFO";
    RKEY = 57, "RKEY";
    TALINK = 58, "TALINK";
    CDS = 59, "CDS";
    CDNSKEY = 60, "CDNSKEY";
    OPENPGPKEY = 61, "OPENPGPKEY";
    CSYNC = 62, "CSYNC";
    ZONEMD = 63, "ZONEMD";
    SVCB = 64, "SVCB";
    HTTPS = 65, "HTTPS";
    DSYNC = 66, "DSYNC";
    HHIT = 67, "HHIT";
    BRID = 68, "BRID";
    SPF = 99, "SPF";
    UINFO = 100, "UINFO";
    UID = 101, "UID";
    GID = 102, "GID";
    UNSPEC = 103, "UNSPEC";
    NID = 104, "NID";
    L32 = 105, "L32";
    L64 = 106, "L64";
    LP = 107, "LP";
    EUI48 = 108, "EUI48";
    EUI64 = 109, "EUI64";
    TKEY = 249, "TKEY";
    TSIG = 250, "TSIG";
    IXFR = 251, "IXFR";
    AXFR = 252, "AXFR";
    MAILB = 253, "MAILB";
    MAILA = 254, "MAILA";
    ANY = 255, "ANY";
    URI = 256, "URI";
    CAA = 257, "CAA";
    AVC = 258, "AVC";
    DOA = 259, "DOA";
    AMTRELAY = 260, "AMTRELAY";
    RESINFO = 261, "RESINFO";
    WALLET = 262, "WALLET";
    CLA = 263, "CLA";
    IPN = 264, "IPN";
    TA = 32768, "TA";
    DLV = 32769, "DLV";
}

registry! {
    /// A record class (RFC 1035 §3.2.4, RFC 2136 for NONE).
    Class(u16), fallback "CLASS";
    IN = 1, "IN";
    CH = 3, "CH";
    HS = 4, "HS";
    NONE = 254, "NONE";
    ANY = 255, "ANY";
}

registry! {
    /// A message opcode (4 bits; RFC 1035, RFC 1996, RFC 2136, RFC 8490).
    Opcode(u8), fallback "";
    QUERY = 0, "QUERY";
    IQUERY = 1, "IQUERY";
    STATUS = 2, "STATUS";
    NOTIFY = 4, "NOTIFY";
    UPDATE = 5, "UPDATE";
    DSO = 6, "DSO";
}

registry! {
    /// A response code, 12 bits once the OPT record's upper bits are joined
    /// (RFC 6891 §6.1.3).
    Rcode(u16), fallback "";
    NOERROR = 0, "NOERROR";
    FORMERR = 1, "FORMERR";
    SERVFAIL = 2, "SERVFAIL";
    NXDOMAIN = 3, "NXDOMAIN";
    NOTIMP = 4, "NOTIMP";
    REFUSED = 5, "REFUSED";
    YXDOMAIN = 6, "YXDOMAIN";
    YXRRSET = 7, "YXRRSET";
    NXRRSET = 8, "NXRRSET";
    NOTAUTH = 9, "NOTAUTH";
    NOTZONE = 10, "NOTZONE";
    DSOTYPENI = 11, "DSOTYPENI";
    BADVERS = 16, "BADVERS";
    BADKEY = 17, "BADKEY";
    BADTIME = 18, "BADTIME";
    BADMODE = 19, "BADMODE";
    BADNAME = 20, "BADNAME";
    BADALG = 21, "BADALG";
    BADTRUNC = 22, "BADTRUNC";
    BADCOOKIE = 23, "BADCOOKIE";
}

registry! {
    /// An EDNS(0) option code (RFC 6891 §6.1.2 and the IANA registry).
    OptionCode(u16), fallback "OPT";
    LLQ = 1, "LLQ";
    UL = 2, "UL";
    NSID = 3, "NSID";
    DAU = 5, "DAU";
    DHU = 6, "DHU";
    N3U = 7, "N3U";
    CLIENT_SUBNET = 8, "CLIENT-SUBNET";
    EXPIRE = 9, "EXPIRE";
    COOKIE = 10, "COOKIE";
    TCP_KEEPALIVE = 11, "TCP-KEEPALIVE";
    PADDING = 12, "PADDING";
    CHAIN = 13, "CHAIN";
    KEY_TAG = 14, "KEY-TAG";
    EDE = 15, "EDE";
    CLIENT_TAG = 16, "CLIENT-TAG";
    SERVER_TAG = 17, "SERVER-TAG";
    REPORT_CHANNEL = 18, "REPORT-CHANNEL";
    ZONEVERSION = 19, "ZONEVERSION";
}

registry! {
    /// An SVCB/HTTPS service parameter key (RFC 9460 §14.3.2), presented in
    /// lowercase as in zone files (`alpn`, `key667`).
    SvcParamKey(u16), fallback "key";
    MANDATORY = 0, "mandatory";
    ALPN = 1, "alpn";
    NO_DEFAULT_ALPN = 2, "no-default-alpn";
    PORT = 3, "port";
    IPV4HINT = 4, "ipv4hint";
    ECH = 5, "ech";
    IPV6HINT = 6, "ipv6hint";
    DOHPATH = 7, "dohpath";
    OHTTP = 8, "ohttp";
    TLS_SUPPORTED_GROUPS = 9, "tls-supported-groups";
    DOCPATH = 10, "docpath";
    PVD = 11, "pvd";
    OOTS = 12, "oots";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mnemonics_and_generic_forms() {
        assert_eq!(Rtype::from_mnemonic("aaaa"), Some(Rtype::AAAA));
        assert_eq!(Rtype::from_mnemonic("TYPE65280"), Some(Rtype(65280)));
        assert_eq!(Rtype::from_mnemonic("type1"), Some(Rtype::A));
        assert_eq!(Rtype::from_mnemonic("TYPE65536"), None);
        assert_eq!(Rtype::from_mnemonic("TYPE"), None);
        assert_eq!(Rtype::from_mnemonic("NSAP-PTR"), Some(Rtype::NSAP_PTR));
        assert_eq!(Class::from_mnemonic("CLASS3"), Some(Class::CH));
    }
}
