//! The one place the engine meets iced: a subscription that forwards the engine's events (ids
//! only; the window re-queries what changed). Keyed by the engine's profile, so rebuilding views
//! never restarts it.

use crate::engine::api::{EngineHandle, Event};
use iced::Subscription;
use iced::futures::SinkExt;
use std::hash::{Hash, Hasher};

struct Link(EngineHandle);

impl Hash for Link {
    fn hash<H: Hasher>(&self, state: &mut H) {
        "pochta-engine-events".hash(state);
        self.0.paths().database_file().hash(state);
    }
}

pub fn events(engine: &EngineHandle) -> Subscription<Event> {
    Subscription::run_with(Link(engine.clone()), |link| {
        let engine = link.0.clone();
        iced::stream::channel(64, async move |mut output| {
            let mut receiver = engine.subscribe();
            while let Some(event) = receiver.next().await {
                if output.send(event).await.is_err() {
                    break;
                }
            }
        })
    })
}
