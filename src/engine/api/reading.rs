//! What the reader shows: a cached message's body as rich text (HTML sanitised, plain text with
//! links), re-decoded with a charset on request, its inline `cid:` images; and remote content:
//! which senders may load it (settings.toml, and only for letters whose From domain the receiving
//! server verified) and fetching it once allowed. Every picture is decoded here, within bounds
//! (`mime::images`), never by the window.

use super::{EngineError, EngineHandle};
use crate::engine::mime::images::{self, DecodedImage};
use crate::engine::mime::{self, redecode, rich};
use crate::engine::protocol::tls;
use crate::engine::store::AttachmentRecord;
use crate::model::MessageId;

pub use crate::engine::mime::Mailbox;
pub use crate::engine::mime::images::DecodedImage as Picture;
pub use crate::engine::mime::letter::LetterHeaders;
pub use crate::engine::mime::names::{
    display_text, honest_sender, link_text_misleads, misleading_extension, name_hides_address,
};
pub use crate::engine::mime::redecode::CHARSETS;
pub use crate::engine::mime::rich::{Block, Rgb, RichBody, Span, SpanStyle, expand_tabs, is_openable_link};

/// Inline images kept per message: a letter with photos inline, not a photo album.
const MAX_INLINE_IMAGE: usize = 5 * 1024 * 1024;
const MAX_INLINE_TOTAL: usize = 20 * 1024 * 1024;
/// Decoded pixels kept per message (RGBA bytes), inline and remote pictures each: four
/// pane-sized pictures. Pictures beyond it are placeholders.
const MAX_DECODED_TOTAL: usize = 64 * 1024 * 1024;

/// Bytes of a body (HTML or text) laid out at first. A longer one is cut there until the user
/// asks for everything: laying out a megabyte of HTML takes a second and some 100 MB.
pub const FIRST_LAID_OUT: usize = 192 * 1024;

/// Forwarded messages (message/rfc822 parts) shown inline, and how deep inside each other.
const MAX_FORWARDED: usize = 10;
const MAX_FORWARD_DEPTH: usize = 3;
/// Image attachments previewed per message (each decoded within `mime::images`' bounds).
const MAX_PREVIEWS: usize = 20;

/// Newest letters mentioning a sender read to find the name the user gave them.
const CONTACT_ROWS: usize = 200;

/// A picture for the reader, or why it is not shown.
pub type PictureResult = Result<DecodedImage, String>;

/// A message body ready for the reader.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadableBody {
    pub rich: RichBody,
    /// The body as text, for "Copy".
    pub plain_text: String,
    /// The images of this message that its HTML shows by `cid:` (Content-ID, decoded picture
    /// or why it is not shown).
    pub inline_images: Vec<(String, PictureResult)>,
    /// The charset the user chose to read it with (None: as labelled).
    pub charset: Option<String>,
    /// Whether the body was cut at [`FIRST_LAID_OUT`] (laid out whole when asked with `whole`).
    pub cut: bool,
    /// From, To, Cc, Reply-To, Date and every header, read from the message itself.
    pub headers: LetterHeaders,
    /// Messages forwarded inside this one (message/rfc822 parts), each with its own headers.
    pub forwarded: Vec<ForwardedLetter>,
    /// Image attachments (not shown inline by the HTML) decoded for a preview, by part index.
    pub previews: Vec<(usize, PictureResult)>,
    /// Whether the sender is one whose remote content loads without asking (listed in settings,
    /// and this letter's From domain verified).
    pub remote_allowed: bool,
    /// Whether the letter is judged junk (`$Junk`, or in the Junk folder): its remote content
    /// never loads, not even on request, until the user says "Not junk".
    pub judged_junk: bool,
    /// Whether the receiving server verified the From domain (DKIM or DMARC passed,
    /// `Authentication-Results`): only then can "always for this sender" apply.
    pub sender_verified: bool,
    /// The name the user gave this sender's address in letters they wrote, when the letter's
    /// display name is a different one ("Bank Security" from the address the user knows as
    /// "Anna Petrova"): the reader says so.
    pub sender_known_as: Option<String>,
}

/// A message forwarded as an attachment, shown inline under its own headers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ForwardedLetter {
    pub headers: LetterHeaders,
    pub rich: RichBody,
}

impl EngineHandle {
    /// A message for the reader from the cache, read off the caller's thread (the window's
    /// thread never waits on the disk).
    pub async fn cached_message(&self, id: MessageId) -> Result<super::MessageView, EngineError> {
        let engine = self.clone();
        self.run(async move { tokio::task::spawn_blocking(move || engine.message(id)).await })
            .await?
            .map_err(|err| EngineError::internal(err.to_string()))?
    }

    /// The body of a message for reading; `charset` re-reads its text parts with that charset;
    /// `whole`: all of a long body, not only its first [`FIRST_LAID_OUT`] bytes. The work
    /// (sanitising, layout) runs off the caller's thread, on the engine's runtime.
    pub async fn readable_body(
        &self,
        id: MessageId,
        charset: Option<String>,
        whole: bool,
    ) -> Result<ReadableBody, EngineError> {
        let view = self.cached_message(id).await?;
        let sender_verified =
            view.raw.as_deref().is_some_and(|raw| mime::auth::from_domain_verified(raw, &view.summary.from_addr));
        // Remote content of a letter judged junk never loads, whoever sent it.
        let junk =
            view.summary.flags.keywords.iter().any(|k| k.eq_ignore_ascii_case(crate::engine::junk::JUNK_KEYWORD))
                || self
                    .inner
                    .store
                    .folder(view.summary.folder)
                    .is_ok_and(|f| f.role == Some(crate::model::FolderRole::Junk));
        let remote_allowed = !junk && sender_verified && self.remote_content_allowed(&view.summary.from_addr);
        let fallback_text = view.text.unwrap_or_default();
        let raw = view.raw.filter(|raw| !raw.is_empty());
        let attachments = view.attachments;
        let rendered = self
            .run(async move {
                let limit = if whole { usize::MAX } else { FIRST_LAID_OUT };
                tokio::task::spawn_blocking(move || {
                    render(raw.as_deref(), &fallback_text, charset, &attachments, limit)
                })
                .await
            })
            .await?
            .map_err(|err| EngineError::internal(crate::fl!("error-layout-failed", err = err.to_string())))?;
        let sender_known_as = self.name_user_gave(&view.summary.from_addr).filter(|known| {
            let shown = mime::display_text(&view.summary.from_name);
            !shown.is_empty() && !mime::display_text(known).eq_ignore_ascii_case(&shown)
        });
        Ok(ReadableBody { remote_allowed, judged_junk: junk, sender_verified, sender_known_as, ..rendered })
    }

    /// The most recent name the user gave `address` in a letter they wrote (From one of their
    /// accounts, the address in To or Cc): what their contacts know it as. None if they never
    /// wrote to it by name (or the search index does not know yet).
    fn name_user_gave(&self, address: &str) -> Option<String> {
        let address = address.trim();
        if address.is_empty() {
            return None;
        }
        let own: Vec<String> =
            self.accounts().ok()?.into_iter().map(|(_, account)| account.email.to_lowercase()).collect();
        let rows = self.inner.store.address_rows(address, CONTACT_ROWS).ok()?;
        rows.iter().filter(|row| own.contains(&row.from_addr.to_lowercase())).find_map(|row| {
            crate::engine::compose::parse_mailbox_list_lenient(&[row.to_addrs.clone(), row.cc_addrs.clone()])
                .into_iter()
                .find(|mailbox| mailbox.email.eq_ignore_ascii_case(address) && !mailbox.name.trim().is_empty())
                .map(|mailbox| mailbox.name)
        })
    }

    /// Whether `sender`'s remote content loads without asking ("always for this sender").
    pub fn remote_content_allowed(&self, sender: &str) -> bool {
        let sender = normalize_sender(sender);
        !sender.is_empty()
            && self.settings().remote_content_allowed.iter().any(|known| normalize_sender(known) == sender)
    }

    /// Remembers in settings.toml that `sender`'s remote content may load without asking.
    pub fn allow_remote_content(&self, sender: &str) -> Result<(), EngineError> {
        let sender = normalize_sender(sender);
        if sender.is_empty() {
            return Err(EngineError::config(crate::fl!("error-no-sender-to-remember")));
        }
        self.edit_settings(|settings| {
            if !settings.remote_content_allowed.iter().any(|known| normalize_sender(known) == sender) {
                settings.remote_content_allowed.push(sender);
            }
        })
    }

    /// Fetches remote images (https only, bounded; see `engine::remote_content`) and decodes
    /// them within bounds: each address with its picture or the reason it is not shown.
    pub async fn fetch_remote_images(&self, urls: Vec<String>) -> Vec<(String, PictureResult)> {
        let roots = match self.settings().remote_content_ca_file {
            None => Vec::new(),
            Some(path) => match tls::load_ca_file(&path) {
                Ok(roots) => roots,
                Err(err) => return urls.into_iter().map(|url| (url, Err(err.to_string()))).collect(),
            },
        };
        let wanted = urls.clone();
        let fetch = async move {
            let fetched = crate::engine::remote_content::fetch_images(wanted, roots).await;
            tokio::task::spawn_blocking(move || decode_all(fetched)).await.map_err(|err| err.to_string())
        };
        match self.run(fetch).await.map_err(|err| err.to_string()).and_then(|result| result) {
            Ok(results) => results,
            Err(err) => urls.into_iter().map(|url| (url, Err(err.clone()))).collect(),
        }
    }
}

/// Decodes fetched pictures one after another (bounded each, and in total).
fn decode_all(fetched: Vec<(String, Result<Vec<u8>, String>)>) -> Vec<(String, PictureResult)> {
    let mut total = 0;
    fetched
        .into_iter()
        .map(|(url, bytes)| {
            let picture = bytes.and_then(|bytes| decode_within(&bytes, &mut total));
            (url, picture)
        })
        .collect()
}

/// One picture, if its pixels fit the message's remaining budget.
fn decode_within(bytes: &[u8], total: &mut usize) -> PictureResult {
    let picture = images::decode_bounded(bytes).map_err(|refused| refused.to_string())?;
    if *total + picture.memory() > MAX_DECODED_TOTAL {
        return Err(crate::fl!("reader-pictures-too-large-together"));
    }
    *total += picture.memory();
    Ok(picture)
}

/// "Anna@Example.org " and "anna@example.org" are one sender.
fn normalize_sender(sender: &str) -> String {
    sender.trim().to_lowercase()
}

/// The pure part of [`EngineHandle::readable_body`]: HTML preferred, as mail clients show it.
fn render(
    raw: Option<&[u8]>,
    fallback_text: &str,
    charset: Option<String>,
    attachments: &[AttachmentRecord],
    limit: usize,
) -> ReadableBody {
    let (rich, cut) = rich_body(raw, fallback_text, charset.as_deref(), limit);
    let mut decoded = 0;
    let inline_images = raw.map(|raw| inline_images(raw, &rich, attachments, &mut decoded)).unwrap_or_default();
    // Parsed again only when there are parts to show (a big letter without any is not).
    let parsed =
        raw.filter(|_| !attachments.is_empty()).and_then(|raw| mail_parser::MessageParser::default().parse(raw));
    let (forwarded, previews) = match &parsed {
        Some(message) => {
            let mut forwarded = Vec::new();
            forwarded_in(message, charset.as_deref(), 1, &mut forwarded);
            (forwarded, previews(message, &inline_images, &mut decoded))
        }
        None => (Vec::new(), Vec::new()),
    };
    ReadableBody {
        plain_text: rich.plain_text(),
        rich,
        inline_images,
        charset,
        cut,
        headers: raw.map(mime::letter::headers).unwrap_or_default(),
        forwarded,
        previews,
        remote_allowed: false,
        judged_junk: false,
        sender_verified: false,
        sender_known_as: None,
    }
}

/// A message's body as rich text: its HTML if it has one, else its plain text as the writer
/// laid it out (`format=flowed` reflowed, RFC 3676); its first `limit` bytes, and whether
/// that cut it.
fn rich_body(raw: Option<&[u8]>, fallback_text: &str, charset: Option<&str>, limit: usize) -> (RichBody, bool) {
    let bodies = match raw {
        Some(raw) => redecode::bodies(raw, charset),
        None => redecode::Bodies { text: Some(fallback_text.to_string()), ..redecode::Bodies::default() },
    };
    let cut = |text: &str| -> (usize, bool) {
        let mut end = text.len().min(limit);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        (end, end < text.len())
    };
    match (&bodies.html, &bodies.text) {
        (Some(html), _) => {
            let (end, was_cut) = cut(html);
            (rich::from_html(&html[..end]), was_cut)
        }
        (None, Some(text)) => {
            let (end, was_cut) = cut(text);
            (rich::from_plain(&text[..end], bodies.text_format), was_cut)
        }
        (None, None) => {
            let (end, was_cut) = cut(fallback_text);
            (rich::from_plain(&fallback_text[..end], rich::PlainFormat::Fixed), was_cut)
        }
    }
}

/// The message/rfc822 parts of `message`, and theirs, depth first, bounded in number and depth.
fn forwarded_in(
    message: &mail_parser::Message<'_>,
    charset: Option<&str>,
    depth: usize,
    out: &mut Vec<ForwardedLetter>,
) {
    for part in message.attachments() {
        if out.len() >= MAX_FORWARDED || depth > MAX_FORWARD_DEPTH {
            return;
        }
        if let mail_parser::PartType::Message(inner) = &part.body {
            let (rich, _) = rich_body(Some(inner.raw_message()), "", charset, FIRST_LAID_OUT);
            out.push(ForwardedLetter { headers: mime::letter::headers_of(inner), rich });
            forwarded_in(inner, charset, depth + 1, out);
        }
    }
}

/// Image attachments decoded for a preview, within the message's picture budget; pictures the
/// HTML already shows inline are not previewed twice.
fn previews(
    message: &mail_parser::Message<'_>,
    inline: &[(String, PictureResult)],
    decoded: &mut usize,
) -> Vec<(usize, PictureResult)> {
    use mail_parser::MimeHeaders;
    let mut out = Vec::new();
    for (index, part) in message.attachments().enumerate() {
        if out.len() >= MAX_PREVIEWS {
            break;
        }
        let is_image = part.content_type().is_some_and(|ct| ct.ctype().eq_ignore_ascii_case("image"));
        let shown_inline = part.content_id().is_some_and(|cid| {
            let cid = cid.trim_matches(['<', '>']);
            inline.iter().any(|(known, _)| known == cid)
        });
        if !is_image || shown_inline || part.len() > MAX_INLINE_IMAGE {
            continue;
        }
        out.push((index, decode_within(part.contents(), decoded)));
    }
    out
}

/// The `cid:` images the body shows, from the message itself, decoded within the size bounds.
fn inline_images(
    raw: &[u8],
    body: &RichBody,
    attachments: &[AttachmentRecord],
    decoded: &mut usize,
) -> Vec<(String, PictureResult)> {
    let wanted: Vec<&str> = body
        .blocks
        .iter()
        .flat_map(|block| &block.spans)
        .filter_map(|span| span.image.as_deref()?.strip_prefix("cid:"))
        .collect();
    let mut total = 0;
    let mut images = Vec::new();
    for attachment in attachments {
        let Some(cid) = attachment.content_id.as_deref() else { continue };
        if !wanted.contains(&cid) || !attachment.content_type.starts_with("image/") {
            continue;
        }
        let fits = attachment.size as usize <= MAX_INLINE_IMAGE && total + attachment.size as usize <= MAX_INLINE_TOTAL;
        let picture = match mime::attachment_content(raw, attachment.part_index) {
            _ if !fits => Err(crate::fl!("reader-pictures-too-large-together")),
            Some(bytes) => {
                total += bytes.len();
                decode_within(&bytes, decoded)
            }
            None => Err(crate::fl!("reader-picture-unreadable", reason = "no such part")),
        };
        images.push((cid.to_string(), picture));
    }
    images
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_preferred_and_a_forced_charset_rereads_it() {
        let raw = b"From: a@b.c\r\nContent-Type: text/html\r\n\r\n<p><b>\xcf\xf0\xe8\xe2\xe5\xf2</b></p>\r\n";
        let as_labelled = render(Some(raw), "", None, &[], usize::MAX);
        assert!(as_labelled.rich.from_html);
        assert!(!as_labelled.plain_text.contains("Привет"));
        let forced = render(Some(raw), "", Some("windows-1251".into()), &[], usize::MAX);
        assert_eq!(forced.plain_text, "Привет");
        assert!(forced.rich.blocks[0].spans[0].style.strong);
    }

    #[test]
    fn a_message_without_raw_bytes_shows_its_cached_text() {
        let body = render(None, "see https://example.org.", None, &[], usize::MAX);
        assert_eq!(body.plain_text, "see https://example.org.");
        assert_eq!(body.rich.blocks[0].spans[1].link.as_deref(), Some("https://example.org"));
    }

    fn records(raw: &[u8]) -> Vec<AttachmentRecord> {
        mime::parse(raw).attachments.iter().map(crate::engine::sync::attachment_record).collect()
    }

    #[test]
    fn an_inline_picture_within_bounds_arrives_decoded() {
        let mut png = Vec::new();
        image::RgbaImage::new(3, 2).write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png).unwrap();
        let raw = format!(
            "From: a@b.example\r\nContent-Type: multipart/related; boundary=r\r\n\r\n--r\r\n\
             Content-Type: text/html\r\n\r\n<img src=\"cid:dot@b\">\r\n--r\r\nContent-Type: image/png\r\n\
             Content-ID: <dot@b>\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n--r--\r\n",
            base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &png)
        );
        let body = render(Some(raw.as_bytes()), "", None, &records(raw.as_bytes()), usize::MAX);
        let picture = body.inline_images[0].1.as_ref().unwrap();
        assert_eq!((picture.width, picture.height, picture.rgba.len()), (3, 2, 24));
    }

    #[test]
    fn an_image_bomb_inline_is_refused_before_decoding() {
        let raw = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile/png_16000x16000_cid.eml"))
            .unwrap();
        let body = render(Some(&raw), "", None, &records(&raw), usize::MAX);
        assert_eq!(body.inline_images.len(), 1, "{:?}", body.inline_images);
        let (cid, picture) = &body.inline_images[0];
        assert_eq!(cid, "bomb@example.test");
        assert!(picture.as_ref().unwrap_err().contains("16000x16000"), "{picture:?}");
        assert!(body.plain_text.contains("After the picture."), "the letter still reads");
    }

    #[test]
    fn a_forwarded_letter_and_a_picture_attachment_are_shown_inline() {
        let mut png = Vec::new();
        image::RgbaImage::new(4, 3).write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png).unwrap();
        let raw = format!(
            "From: a@b.example\r\nCc: c@d.example\r\nContent-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\n\
             Content-Type: text/plain\r\n\r\nSee below.\r\n--m\r\nContent-Type: message/rfc822\r\n\r\n\
             From: Old Friend <old@e.example>\r\nTo: a@b.example\r\nSubject: the original\r\n\
             Content-Type: text/plain; format=flowed\r\n\r\nFlowing \r\ntext.\r\n\
             --m\r\nContent-Type: image/png; name=photo.png\r\nContent-Disposition: attachment; filename=photo.png\r\n\
             Content-Transfer-Encoding: base64\r\n\r\n{}\r\n--m--\r\n",
            base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &png)
        );
        let attachments = records(raw.as_bytes());
        let body = render(Some(raw.as_bytes()), "", None, &attachments, usize::MAX);
        assert_eq!(body.headers.cc[0].address, "c@d.example");
        assert_eq!(body.forwarded.len(), 1, "{:?}", body.forwarded);
        let forwarded = &body.forwarded[0];
        assert_eq!(forwarded.headers.subject, "the original");
        assert_eq!(forwarded.headers.from[0].name, "Old Friend");
        assert_eq!(forwarded.rich.plain_text(), "Flowing text.", "its own format=flowed is honoured");
        let photo = attachments.iter().find(|a| a.filename == "photo.png").unwrap();
        let (part, picture) = body.previews.iter().find(|(part, _)| *part == photo.part_index).expect("a preview");
        assert_eq!(*part, photo.part_index);
        assert_eq!(picture.as_ref().unwrap().width, 4);
    }

    #[test]
    fn a_long_body_is_cut_until_everything_is_asked_for() {
        let raw = format!("From: a@b.example\r\n\r\n{}", "0123456789\r\n".repeat(30_000));
        let first = render(Some(raw.as_bytes()), "", None, &[], FIRST_LAID_OUT);
        assert!(first.cut && first.plain_text.len() <= FIRST_LAID_OUT);
        let whole = render(Some(raw.as_bytes()), "", None, &[], usize::MAX);
        assert!(!whole.cut && whole.plain_text.len() > FIRST_LAID_OUT);
    }

    #[test]
    fn senders_compare_without_case_or_spaces() {
        assert_eq!(normalize_sender(" Anna@Example.ORG "), "anna@example.org");
    }
}
