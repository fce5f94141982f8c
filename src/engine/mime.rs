//! TEMPORARY STAND-IN (replaced by the MIME ingest module).
pub struct Mailbox {
    pub name: String,
    pub address: String,
}
pub struct AttachmentInfo {
    pub part_index: usize,
    pub filename: String,
    pub content_type: String,
    pub size: usize,
    pub content_id: Option<String>,
    pub is_inline: bool,
}
pub struct ParsedMessage {
    pub message_id: Option<String>,
    pub in_reply_to: Option<String>,
    pub references: Vec<String>,
    pub subject: String,
    pub from: Option<Mailbox>,
    pub to: Vec<Mailbox>,
    pub cc: Vec<Mailbox>,
    pub date: Option<i64>,
    pub text: String,
    pub attachments: Vec<AttachmentInfo>,
    pub has_attachments: bool,
}
pub fn parse(_raw: &[u8]) -> ParsedMessage {
    ParsedMessage {
        message_id: None,
        in_reply_to: None,
        references: vec![],
        subject: String::new(),
        from: None,
        to: vec![],
        cc: vec![],
        date: None,
        text: String::new(),
        attachments: vec![],
        has_attachments: false,
    }
}
pub fn parse_headers(raw: &[u8]) -> ParsedMessage {
    parse(raw)
}
pub fn format_address_list(_l: &[Mailbox]) -> String {
    String::new()
}
