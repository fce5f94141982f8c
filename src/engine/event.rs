//! What the engine tells its subscribers: [`Event`]s that carry ids (never bodies), and the
//! bounded bus they travel on. A subscriber that falls behind is told so with
//! [`Event::Overflow`] and re-queries what it shows, instead of silently missing a change
//! (chatmail core's `events.rs` does the same).

use crate::model::{AccountId, FolderId};
use tokio::sync::broadcast;

/// How many events may wait for a slow subscriber before it is told it missed some.
const EVENT_CAPACITY: usize = 1024;

/// Something changed; re-query what you show. Ids only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    AccountsChanged,
    /// Whether an account's server is reachable, or why it waits for the user.
    Connectivity {
        account: AccountId,
        state: Connectivity,
    },
    /// A sync is storing messages of a folder: `done` of `total`.
    SyncProgress {
        account: AccountId,
        folder: FolderRef,
        done: usize,
        total: usize,
    },
    /// New messages arrived (for a desktop notification).
    NewMail {
        account: AccountId,
        count: usize,
    },
    /// Folders or their counts changed for the account.
    FoldersChanged {
        account: AccountId,
    },
    /// A letter was queued, sent, or failed: re-query the outbox.
    OutboxChanged {
        account: AccountId,
    },
    /// A draft was saved or removed.
    DraftsChanged,
    /// The subscriber fell behind and missed events: re-query everything it shows.
    Overflow,
}

/// The folder a progress event is about: its id once the folder has a row, and its path for the
/// status line (a folder's first sync reports progress before anything else asks for it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderRef {
    pub id: Option<FolderId>,
    pub path: String,
}

/// Whether an account can reach its server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Connectivity {
    Online,
    /// Offline or failing for a reason that passes: retried with backoff.
    Offline {
        reason: String,
    },
    /// Stopped until the user acts: retrying alone would only lock the account or mislead.
    NeedsAttention {
        reason: String,
        action: Attention,
    },
}

/// The one thing the user can do about an account that needs attention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attention {
    /// The server refused the login or password.
    ReenterPassword,
    /// The provider no longer accepts the account's sign-in (OAuth 2.0): sign in again in the browser.
    SignInAgain,
    /// The certificate is not trusted or changed since it was accepted.
    ReviewCertificate,
    /// The provider wants something done on its web pages (enable IMAP, create an app password).
    OpenProviderPage { url: Option<String> },
    /// The account's settings are wrong (a host, a port, the security).
    EditSettings,
}

/// The engine's side of the bus: cheap to clone, sending never waits.
#[derive(Debug, Clone)]
pub struct EventBus {
    sender: broadcast::Sender<Event>,
}

impl Default for EventBus {
    fn default() -> Self {
        EventBus { sender: broadcast::channel(EVENT_CAPACITY).0 }
    }
}

impl EventBus {
    /// Sends to every subscriber; nobody listening is not an error.
    pub fn emit(&self, event: Event) {
        let _ = self.sender.send(event);
    }

    pub fn subscribe(&self) -> EventReceiver {
        EventReceiver { receiver: self.sender.subscribe() }
    }
}

/// A subscriber's end: lag becomes [`Event::Overflow`], never a silent gap.
pub struct EventReceiver {
    receiver: broadcast::Receiver<Event>,
}

impl EventReceiver {
    /// The next event; `None` when the engine is gone.
    pub async fn next(&mut self) -> Option<Event> {
        match self.receiver.recv().await {
            Ok(event) => Some(event),
            Err(broadcast::error::RecvError::Lagged(_)) => Some(Event::Overflow),
            Err(broadcast::error::RecvError::Closed) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_subscriber_that_falls_behind_is_told_so() {
        let bus = EventBus::default();
        let mut receiver = bus.subscribe();
        for _ in 0..EVENT_CAPACITY + 10 {
            bus.emit(Event::DraftsChanged);
        }
        assert_eq!(receiver.next().await, Some(Event::Overflow));
        assert_eq!(receiver.next().await, Some(Event::DraftsChanged));
    }
}
