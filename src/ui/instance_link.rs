//! The window's half of "one window per profile": a subscription that hands over what later
//! starts of Pochta forwarded over the profile's socket (raise the window, or a mailto: link).
//! Keyed by the socket's path, so rebuilding views never rebinds it.

use crate::platform::single_instance::{Forwarded, Listener};
use iced::Subscription;
use iced::futures::SinkExt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

struct Link(Arc<Listener>);

impl Hash for Link {
    fn hash<H: Hasher>(&self, state: &mut H) {
        "pochta-single-instance".hash(state);
        self.0.path().hash(state);
    }
}

pub fn forwarded(listener: &Arc<Listener>) -> Subscription<Forwarded> {
    Subscription::run_with(Link(listener.clone()), |link| {
        let listener = link.0.clone();
        iced::stream::channel(4, async move |mut output| {
            let mut incoming = match listener.incoming() {
                Ok(incoming) => incoming,
                Err(err) => {
                    tracing::warn!("later starts cannot reach this window: {err}");
                    return;
                }
            };
            loop {
                let request = incoming.next().await;
                if output.send(request).await.is_err() {
                    break;
                }
            }
        })
    })
}
