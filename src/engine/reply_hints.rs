//! TEMPORARY STUB (replaced by the reply hints module).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplyHint {
    AppPasswordRequired,
    AccessDisabled,
    WebLoginRequired,
    OAuthRequired,
    AuthFailed,
    SenderNotOwned,
    RelayDenied,
    RecipientUnknown,
    MessageTooLarge,
    RateLimited,
    MailboxFull,
    ServerBusy,
}
pub fn classify(_reply: &str) -> Option<ReplyHint> {
    None
}
