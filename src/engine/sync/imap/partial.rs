//! "Headers and text only, attachments on demand": from a message's BODYSTRUCTURE (RFC 3501
//! 7.4.2), the sections to fetch so the reader and the search index have the text while the
//! attachments' bytes stay on the server; and the rebuilding of those sections into a message
//! that the MIME parser reads as usual. The rebuilt message keeps the original tree (same
//! boundaries, every part's own MIME header), so the attachment list, names and types are the
//! real ones; only the attachment bodies are empty. Opening an attachment fetches the whole
//! message.

use async_imap::imap_proto::{BodyContentCommon, BodyStructure, ContentEncoding, MessageSection, SectionPath};
use async_imap::types::Fetch;

/// What to fetch of one message, and how to put it back together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartialPlan {
    /// The FETCH items (RFC 3501 6.4.5), e.g. `BODY.PEEK[HEADER] BODY.PEEK[1.MIME] BODY.PEEK[1]`.
    pub items: String,
    /// Approximate decoded sizes of the attachments left on the server, in document order.
    pub attachment_sizes: Vec<u64>,
    shape: Shape,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Shape {
    Multipart {
        boundary: String,
        children: Vec<Shape>,
    },
    /// A single part: its body is fetched (`keep`) or left on the server.
    Leaf {
        keep: bool,
    },
}

/// The plan for a message, or `None` when it has no attachment to leave behind (then the whole
/// message is fetched: it is all text anyway).
pub fn plan(structure: &BodyStructure<'_>) -> Option<PartialPlan> {
    let mut walk = Walk::default();
    let shape = walk.node(structure, &[], true);
    if walk.attachment_sizes.is_empty() {
        return None;
    }
    let mut items = vec!["BODY.PEEK[HEADER]".to_string()];
    items.extend(walk.sections.iter().map(|s| format!("BODY.PEEK[{s}]")));
    Some(PartialPlan { items: items.join(" "), attachment_sizes: walk.attachment_sizes, shape })
}

impl PartialPlan {
    /// Rebuilds the message from the fetched sections; an error names a missing section (the
    /// answer was cut or not understood: the caller drops the session).
    pub fn rebuild(&self, fetch: &Fetch) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        let header = fetch.header().ok_or("the message header is missing from the answer")?;
        push_header(&mut out, header);
        match &self.shape {
            // A single-part message that is itself an attachment: its header alone.
            Shape::Leaf { .. } => {}
            Shape::Multipart { boundary, children } => rebuild_children(fetch, &mut out, &[], boundary, children)?,
        }
        Ok(out)
    }
}

fn rebuild_children(
    fetch: &Fetch,
    out: &mut Vec<u8>,
    path: &[u32],
    boundary: &str,
    children: &[Shape],
) -> Result<(), String> {
    for (index, child) in children.iter().enumerate() {
        let child_path: Vec<u32> = path.iter().copied().chain([index as u32 + 1]).collect();
        out.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        let mime = section(fetch, &child_path, Some(MessageSection::Mime))?;
        push_header(out, mime);
        match child {
            Shape::Leaf { keep: true } => out.extend_from_slice(section(fetch, &child_path, None)?),
            Shape::Leaf { keep: false } => {}
            Shape::Multipart { boundary, children } => rebuild_children(fetch, out, &child_path, boundary, children)?,
        }
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    Ok(())
}

fn section<'a>(fetch: &'a Fetch, path: &[u32], part: Option<MessageSection>) -> Result<&'a [u8], String> {
    let name = dotted(path) + if part.is_some() { ".MIME" } else { "" };
    fetch
        .section(&SectionPath::Part(path.to_vec(), part))
        .ok_or_else(|| format!("part {name} is missing from the answer"))
}

/// A header block ends with exactly one empty line, whatever the server sent.
fn push_header(out: &mut Vec<u8>, header: &[u8]) {
    let end = header.iter().rposition(|b| !matches!(b, b'\r' | b'\n')).map_or(0, |i| i + 1);
    out.extend_from_slice(&header[..end]);
    out.extend_from_slice(b"\r\n\r\n");
}

fn dotted(path: &[u32]) -> String {
    path.iter().map(u32::to_string).collect::<Vec<_>>().join(".")
}

#[derive(Default)]
struct Walk {
    /// Sections to fetch besides the top header: every part's MIME header, kept bodies.
    sections: Vec<String>,
    attachment_sizes: Vec<u64>,
}

impl Walk {
    fn node(&mut self, node: &BodyStructure<'_>, path: &[u32], wanted: bool) -> Shape {
        if !path.is_empty() {
            self.sections.push(format!("{}.MIME", dotted(path)));
        }
        match node {
            BodyStructure::Multipart { common, bodies, .. } => {
                let boundary = param(common, "boundary").unwrap_or_default();
                // RFC 2046 5.1.4: one alternative is enough; plain text if offered, else the
                // last (richest) one.
                let chosen = if common.ty.subtype.eq_ignore_ascii_case("alternative") {
                    bodies.iter().position(is_plain_text).unwrap_or(bodies.len().saturating_sub(1))
                } else {
                    usize::MAX
                };
                let children = bodies
                    .iter()
                    .enumerate()
                    .map(|(i, child)| {
                        let child_path: Vec<u32> = path.iter().copied().chain([i as u32 + 1]).collect();
                        let child_wanted = wanted && (chosen == usize::MAX || chosen == i);
                        self.node(child, &child_path, child_wanted)
                    })
                    .collect();
                Shape::Multipart { boundary, children }
            }
            BodyStructure::Text { common, .. } if is_body_text(common) => {
                // A single-part text message never gets here: it has no attachment (no plan).
                let keep = wanted && !path.is_empty();
                if keep {
                    self.sections.push(dotted(path));
                }
                Shape::Leaf { keep }
            }
            BodyStructure::Text { common, other, .. }
            | BodyStructure::Basic { common, other, .. }
            | BodyStructure::Message { common, other, .. } => {
                // An attachment, or an alternative we do not need: left on the server.
                if wanted || !is_body_text(common) {
                    self.attachment_sizes.push(decoded_size(other.octets, &other.transfer_encoding));
                }
                Shape::Leaf { keep: false }
            }
        }
    }
}

fn is_plain_text(node: &BodyStructure<'_>) -> bool {
    matches!(node, BodyStructure::Text { common, .. } if is_body_text(common) && common.ty.subtype.eq_ignore_ascii_case("plain"))
}

/// Text the reader shows: text/plain or text/html not marked as an attachment (RFC 2183).
fn is_body_text(common: &BodyContentCommon<'_>) -> bool {
    let text = common.ty.ty.eq_ignore_ascii_case("text")
        && (common.ty.subtype.eq_ignore_ascii_case("plain") || common.ty.subtype.eq_ignore_ascii_case("html"));
    let attachment = common.disposition.as_ref().is_some_and(|d| d.ty.eq_ignore_ascii_case("attachment"));
    text && !attachment
}

fn param(common: &BodyContentCommon<'_>, name: &str) -> Option<String> {
    common
        .ty
        .params
        .as_ref()?
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.to_string())
}

/// BODYSTRUCTURE gives encoded octets; base64 carries 57 bytes per 78-octet line.
fn decoded_size(octets: u32, encoding: &ContentEncoding<'_>) -> u64 {
    match encoding {
        ContentEncoding::Base64 => u64::from(octets) * 57 / 78,
        _ => u64::from(octets),
    }
}
