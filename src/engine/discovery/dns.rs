//! A minimal DNS client for one job: the MX records of a mail domain (RFC 1035, RFC 7505), asked
//! over UDP of the first nameserver in /etc/resolv.conf. One question, one answer, bounded parsing
//! of untrusted bytes (no indexing, compression pointers followed a bounded number of times).
//! There is no DNS crate in the tree; this is all the wizard needs to recognise hosted domains.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;

/// How long to wait for the nameserver's answer.
pub const DNS_TIMEOUT: Duration = Duration::from_secs(5);
/// RFC 1035 2.3.4: UDP messages are 512 bytes; EDNS answers may be larger, so read up to this.
const MAX_MESSAGE: usize = 4096;
/// RFC 1035 2.3.4: a name is at most 255 octets.
const MAX_NAME: usize = 255;
/// Compression pointers followed per name: more than any honest message needs, and no loops.
const MAX_POINTERS: usize = 16;
/// Answer records read at most (a domain has a handful of MX hosts).
const MAX_ANSWERS: usize = 64;

const TYPE_MX: u16 = 15;
const CLASS_IN: u16 = 1;

/// One MX record (RFC 1035 3.3.9).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MxRecord {
    pub preference: u16,
    /// Lowercase, without the trailing dot.
    pub exchange: String,
}

/// Why no MX list came back, in words for the wizard's "details" view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DnsError {
    /// RFC 1035 4.1.1 RCODE 3: the domain does not exist.
    NoSuchDomain(String),
    /// Any other RCODE (server failure, refused...).
    ServerError(u8),
    Malformed(&'static str),
    Network(String),
    TimedOut,
    BadName(String),
}

/// In the person's language: the wizard shows it under Details, the CLI in its notes.
impl std::fmt::Display for DnsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::fl;
        f.write_str(&match self {
            DnsError::NoSuchDomain(domain) => fl!("wizard-dns-no-such-domain", domain = domain.as_str()),
            DnsError::ServerError(code) => fl!("wizard-dns-server-error", code = code.to_string()),
            DnsError::Malformed(what) => fl!("wizard-dns-malformed", what = what.to_string()),
            DnsError::Network(detail) => fl!("wizard-dns-network", detail = detail.as_str()),
            DnsError::TimedOut => fl!("wizard-dns-timed-out"),
            DnsError::BadName(name) => fl!("wizard-dns-bad-name", name = name.as_str()),
        })
    }
}

/// The MX hosts of `domain`, most preferred first (RFC 5321 5.1). A null MX (RFC 7505: "." with
/// preference 0) and a domain with no MX records both give an empty list.
pub async fn lookup_mx(domain: &str) -> Result<Vec<MxRecord>, DnsError> {
    let server = first_nameserver(&std::fs::read_to_string("/etc/resolv.conf").unwrap_or_default());
    let id = query_id();
    let query = build_query(id, domain)?;
    let bind: SocketAddr =
        if server.is_ipv4() { ([0, 0, 0, 0], 0).into() } else { (IpAddr::from([0u16; 8]), 0).into() };
    let exchange = async {
        let socket = tokio::net::UdpSocket::bind(bind).await.map_err(|err| DnsError::Network(err.to_string()))?;
        socket.connect((server, 53)).await.map_err(|err| DnsError::Network(err.to_string()))?;
        socket.send(&query).await.map_err(|err| DnsError::Network(err.to_string()))?;
        let mut buffer = vec![0u8; MAX_MESSAGE];
        loop {
            // A connected UDP socket only receives from the server; a stray reply with another id
            // (a late answer to an earlier query) is skipped, not taken for ours.
            let len = socket.recv(&mut buffer).await.map_err(|err| DnsError::Network(err.to_string()))?;
            match parse_mx_response(id, buffer.get(..len).unwrap_or_default()) {
                Err(DnsError::Malformed("another query's answer")) => continue,
                other => return other,
            }
        }
    };
    let mut records = tokio::time::timeout(DNS_TIMEOUT, exchange).await.map_err(|_| DnsError::TimedOut)??;
    records.sort_by_key(|record| record.preference);
    Ok(records)
}

/// The first `nameserver` line of resolv.conf(5); the local resolver when there is none.
pub fn first_nameserver(resolv_conf: &str) -> IpAddr {
    resolv_conf
        .lines()
        .filter_map(|line| line.trim().strip_prefix("nameserver"))
        .filter_map(|rest| rest.split_whitespace().next())
        // A scoped IPv6 address ("fe80::1%eth0") cannot be parsed as IpAddr: take the next line.
        .find_map(|address| address.parse::<IpAddr>().ok())
        .unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST))
}

/// An id that differs between queries (RFC 5452 wants it unpredictable; this client also
/// checks the source and the question, and the result only picks a preset).
fn query_id() -> u16 {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    (nanos ^ std::process::id().rotate_left(16)) as u16
}

/// A standard query (RFC 1035 4.1.1) with recursion desired for `domain`'s MX records.
pub fn build_query(id: u16, domain: &str) -> Result<Vec<u8>, DnsError> {
    let name = domain.trim().trim_end_matches('.');
    let bad = || DnsError::BadName(domain.to_string());
    if name.is_empty() || name.len() > MAX_NAME - 2 || !name.is_ascii() {
        return Err(bad());
    }
    let mut out = Vec::with_capacity(18 + name.len());
    out.extend_from_slice(&id.to_be_bytes());
    out.extend_from_slice(&0x0100u16.to_be_bytes()); // QR=0, OPCODE=0, RD=1
    out.extend_from_slice(&[0, 1, 0, 0, 0, 0, 0, 0]); // QDCOUNT=1, AN/NS/AR=0
    for label in name.split('.') {
        // RFC 1035 2.3.4: labels are 1 to 63 octets.
        if label.is_empty() || label.len() > 63 {
            return Err(bad());
        }
        out.push(label.len() as u8);
        out.extend_from_slice(label.as_bytes());
    }
    out.push(0);
    out.extend_from_slice(&TYPE_MX.to_be_bytes());
    out.extend_from_slice(&CLASS_IN.to_be_bytes());
    Ok(out)
}

/// Reads the MX records out of an answer to query `id` (RFC 1035 4.1). Records of other types
/// (a CNAME the resolver followed, say) are skipped.
pub fn parse_mx_response(id: u16, message: &[u8]) -> Result<Vec<MxRecord>, DnsError> {
    let mut reader = Reader { message, at: 0 };
    if reader.u16()? != id {
        return Err(DnsError::Malformed("another query's answer"));
    }
    let flags = reader.u16()?;
    if flags & 0x8000 == 0 {
        return Err(DnsError::Malformed("not a response"));
    }
    let questions = reader.u16()?;
    let answers = reader.u16()?;
    reader.skip(4)?; // NSCOUNT, ARCOUNT
    let mut asked = String::new();
    for _ in 0..questions {
        asked = reader.name()?;
        reader.skip(4)?; // QTYPE, QCLASS
    }
    match (flags & 0x000f) as u8 {
        0 => {}
        3 => return Err(DnsError::NoSuchDomain(asked)),
        code => return Err(DnsError::ServerError(code)),
    }
    let mut records = Vec::new();
    for _ in 0..answers.min(MAX_ANSWERS as u16) {
        reader.name()?;
        let kind = reader.u16()?;
        let class = reader.u16()?;
        reader.skip(4)?; // TTL
        let length = usize::from(reader.u16()?);
        let data_end = reader.at.checked_add(length).filter(|end| *end <= message.len());
        let data_end = data_end.ok_or(DnsError::Malformed("a record runs past the end"))?;
        if kind == TYPE_MX && class == CLASS_IN {
            let preference = reader.u16()?;
            let exchange = reader.name()?;
            // RFC 7505: a single "." exchange says the domain accepts no mail.
            if !exchange.is_empty() {
                records.push(MxRecord { preference, exchange });
            }
        }
        reader.at = data_end;
    }
    Ok(records)
}

/// A cursor over an untrusted message: every read is checked.
struct Reader<'a> {
    message: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte_at(&self, at: usize) -> Result<u8, DnsError> {
        self.message.get(at).copied().ok_or(DnsError::Malformed("the message ends too early"))
    }

    fn u16(&mut self) -> Result<u16, DnsError> {
        let value = u16::from_be_bytes([self.byte_at(self.at)?, self.byte_at(self.at + 1)?]);
        self.at += 2;
        Ok(value)
    }

    fn skip(&mut self, count: usize) -> Result<(), DnsError> {
        if self.at + count > self.message.len() {
            return Err(DnsError::Malformed("the message ends too early"));
        }
        self.at += count;
        Ok(())
    }

    /// A domain name at the cursor (RFC 1035 3.1), following compression pointers (4.1.4);
    /// leaves the cursor after the name as written here. Lowercase, no trailing dot.
    fn name(&mut self) -> Result<String, DnsError> {
        let mut name = String::new();
        let mut at = self.at;
        let mut resume_at = None;
        let mut pointers = 0;
        loop {
            let length = self.byte_at(at)?;
            match length & 0xc0 {
                0x00 if length == 0 => {
                    self.at = resume_at.unwrap_or(at + 1);
                    return Ok(name);
                }
                0x00 => {
                    let label = self
                        .message
                        .get(at + 1..at + 1 + usize::from(length))
                        .ok_or(DnsError::Malformed("a name runs past the end"))?;
                    if !name.is_empty() {
                        name.push('.');
                    }
                    name.extend(label.iter().map(|b| char::from(b.to_ascii_lowercase())));
                    if name.len() > MAX_NAME {
                        return Err(DnsError::Malformed("a name is too long"));
                    }
                    at += 1 + usize::from(length);
                }
                0xc0 => {
                    pointers += 1;
                    if pointers > MAX_POINTERS {
                        return Err(DnsError::Malformed("too many compression pointers"));
                    }
                    let target = usize::from(u16::from_be_bytes([length & 0x3f, self.byte_at(at + 1)?]));
                    resume_at.get_or_insert(at + 2);
                    at = target;
                }
                _ => return Err(DnsError::Malformed("an unknown label type")),
            }
        }
    }
}

#[cfg(test)]
mod tests;
