//! The help text the commands show after their options: what each is for,
//! by example, and what the exit status means. The man pages carry the same
//! text, so its lines stay within 72 columns.

/// After the top-level `--help`.
pub const TOP: &str = "\
Examples:
  # every DNS message of a capture (pcap, pcapng, gzip, xz)
  dnswire decode capture.pcap
  # a raw message from standard input
  dnswire decode - < message.bin
  # dig's (or kdig's) answer back to wire, one hex line per message
  dig example.com | dnswire encode
  # check a zone file and print each record with absolute names
  dnswire zone example.com.zone --origin example.com
  # ask a server, in dig's syntax and layout
  dnswire query @127.0.0.1 example.com MX
  # forward queries from a local port to a server; load it
  dnswire forward --listen 127.0.0.1:5300 --upstream 127.0.0.1:53
  dnswire load --server 127.0.0.1:5300 --queries 10000
  # the codec against the bundled test vectors
  dnswire conformance
  # shell completion and man pages
  dnswire completions bash > /etc/bash_completion.d/dnswire
  dnswire manpage --dir /usr/local/share/man/man1

Exit status:
  0  success (decode shows a malformed message's error and goes on)
  1  failure: an input unreadable or with errors (decode, encode,
     zone), a conformance check failed, answers lost or mixed up
     (load), cannot listen (forward), bad arguments (query)
  2  usage error (unknown command or option, missing argument);
     load: cannot run
  8  query: the batch file (-f) cannot be read, as dig
  9  query: no answer (time-out, network error, a transfer cut
     short), as dig
  10 query: a name that cannot be a domain name, as dig

`dnswire help COMMAND` shows a command's options and examples.";

/// After `decode --help`.
pub const DECODE: &str = "\
Examples:
  # pcap or pcapng, told by magic number
  dnswire decode capture.pcap
  # one message per line in hex, with # comment lines
  dnswire decode vectors.hex
  # compressed inputs
  dnswire decode capture.pcap.gz trace.pcapng.xz
  # standard input
  tcpdump -r all.pcap -w - port 53 | dnswire decode -
  # the format given, not detected
  dnswire decode --format raw message.bin
  # DNS on another port too
  dnswire decode --port 8053 capture.pcap

Format detection: pcap (a1b2c3d4 or a1b23c4d, either byte order),
pcapng (0a0d0d0a); else hex when every line is hex digits, blank or a
# comment; else one raw message. gzip (1f8b) and xz (fd377a585a00)
are decompressed first.";

/// After `encode --help`.
pub const ENCODE: &str = "\
Examples:
  # one hex line per message
  dig example.com | dnswire encode
  # names written in full
  kdig example.com | dnswire encode --no-compress
  # one message's octets
  dnswire encode --format raw answer.txt > answer.bin";

/// After `zone --help`.
pub const ZONE: &str = "\
Examples:
  dnswire zone example.com.zone --origin example.com
  # check only
  dnswire zone db.root > /dev/null && echo ok

Errors are printed as FILE:LINE:COL with what was expected there.";

/// After `query --help`.
pub const QUERY: &str = "\
Examples:
  # the server of /etc/resolv.conf
  dnswire query example.com
  dnswire query @127.0.0.1 -p 5300 example.com AAAA +dnssec
  dnswire query @127.0.0.1 example.com TXT +tcp +nsid
  dnswire query @127.0.0.1 www.example.com +subnet=192.0.2.0/24
  # the answer's data alone; a reverse lookup; one section
  dnswire query @127.0.0.1 www.example.com +short
  dnswire query @127.0.0.1 -x 2001:db8::1
  dnswire query @127.0.0.1 example.com MX +noall +answer
  # a zone transfer over TCP, checked to end with its SOA
  dnswire query @127.0.0.1 example.com AXFR
  # one query per line of a file
  dnswire query @127.0.0.1 +short -f names.txt

Output is dig's (banner and WHEN line aside); +chain adds a line
following the answer's CNAME chain.

Exit status: 0 with an answer, 1 for bad arguments, 8 when the batch
file cannot be read, 9 when no answer came or a transfer is not whole,
10 for a bad name.";

/// After `forward --help`.
pub const FORWARD: &str = "\
Examples:
  dnswire forward --listen 127.0.0.1:5300 --upstream 127.0.0.1:53
  dnswire forward --listen [::1]:5300 --upstream [::1]:53 --0x20
  # print the counters
  kill -USR1 \"$(pidof dnswire)\"";

/// After `load --help`.
pub const LOAD: &str = "\
Examples:
  dnswire load --server 127.0.0.1:5300 --queries 100000 --concurrency 64
  dnswire load --server 127.0.0.1:53 --names questions.txt --max-lost 10

Exit status: 0 when nothing was lost or mixed up, 1 otherwise, 2 when
it could not run.";

/// After `conformance --help`.
pub const CONFORMANCE: &str = "\
Examples:
  # the bundled conformance-vectors/
  dnswire conformance
  dnswire conformance --extra captures/ --allow known.allow

Ends with `N passed, N failed`; exits 1 when a check failed.";
