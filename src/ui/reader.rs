//! The right pane: one message's headers, body, attachments, or its source. The body comes from
//! the engine as rich text (HTML sanitised, nothing in it runs) laid out once per message off
//! the UI thread; remote images stay blocked behind a bar until the user loads them (once, or
//! always for that sender). Links open in the browser (mailto: in our composer).

mod body;

use super::{file_dialog, format, theme};
use crate::engine::api::reading::{CHARSETS, ReadableBody, is_openable_link};
use crate::engine::api::{AttachmentRecord, EngineHandle, MessageView};
use crate::model::MessageId;
use crate::platform::mailto::MailtoDraft;
use iced::widget::{Column, button, column, container, image, pick_list, row, scrollable, text};
use iced::{Element, Length, Task, Theme};
use std::collections::HashMap;
use std::path::PathBuf;

#[derive(Debug, Default)]
pub struct Reader {
    state: State,
    show_source: bool,
    /// The laid-out body of the message shown (None until the engine has made it).
    body: Option<Box<ReadableBody>>,
    /// The charset the user picked under "Re-decode as" for this message.
    charset: Option<String>,
    remote: Remote,
    /// Images to show, by their `src` (an https address or `cid:` id).
    images: HashMap<String, image::Handle>,
}

#[derive(Debug, Default)]
enum State {
    #[default]
    Empty,
    /// Headers are known; the body is on its way from the server.
    Loading(Box<MessageView>),
    Ready(Box<MessageView>),
    Failed(Box<MessageView>, String),
}

/// Where the message's remote images stand.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Remote {
    /// It has none (or its body is not laid out yet).
    #[default]
    None,
    /// It has some, and nothing was fetched: the bar asks.
    Blocked,
    Loading,
    Loaded,
}

#[derive(Debug, Clone)]
pub enum Message {
    ToggleSource,
    Copy,
    Redecode(String),
    Rendered(MessageId, Result<Box<ReadableBody>, String>),
    LoadRemoteOnce,
    LoadRemoteAlways,
    RemoteLoaded(MessageId, Vec<(String, Result<Vec<u8>, String>)>),
    LinkClicked(String),
    Save(usize),
    /// The save dialog answered (None: cancelled).
    SaveTo(MessageId, usize, Option<PathBuf>),
    Saved(Result<PathBuf, String>),
    Open(usize),
    OpenedAttachment(Result<PathBuf, String>),
    /// "Save as .eml": the whole message, exactly as received.
    SaveEml,
}

/// What the window must do for the reader.
#[derive(Debug, Clone)]
pub enum Event {
    /// A mailto: link was clicked: write to it.
    Compose(MailtoDraft),
    Status(String),
    Notice(String),
    /// The whole message, exactly as received, to an .eml file.
    SaveEml(MessageId),
}

impl Reader {
    /// Shows a message: at once from what the cache has, laid out by a task when complete.
    pub fn show(&mut self, engine: &EngineHandle, view: MessageView, complete: bool) -> Task<Message> {
        let id = view.summary.id;
        *self = Reader::default();
        self.state = if complete { State::Ready(Box::new(view)) } else { State::Loading(Box::new(view)) };
        if complete { self.render(engine, id) } else { Task::none() }
    }

    /// The whole message arrived from the server (or could not).
    pub fn loaded(
        &mut self,
        engine: &EngineHandle,
        id: MessageId,
        result: Result<MessageView, String>,
    ) -> Task<Message> {
        if self.current_id() != Some(id) {
            return Task::none(); // the user moved on meanwhile
        }
        let ok = result.is_ok();
        self.state = match (result, std::mem::take(&mut self.state)) {
            (Ok(view), _) => State::Ready(Box::new(view)),
            (Err(err), State::Loading(view) | State::Ready(view) | State::Failed(view, _)) => State::Failed(view, err),
            (Err(_), State::Empty) => State::Empty,
        };
        if ok { self.render(engine, id) } else { Task::none() }
    }

    pub fn clear(&mut self) {
        *self = Reader::default();
    }

    pub fn current(&self) -> Option<&MessageView> {
        match &self.state {
            State::Empty => None,
            State::Loading(view) | State::Ready(view) | State::Failed(view, _) => Some(view),
        }
    }

    /// Where the remote images of the shown message stand (for tests and the window).
    pub fn remote(&self) -> Remote {
        self.remote
    }

    /// The laid-out body of the shown message, once the engine has made it.
    pub fn body(&self) -> Option<&ReadableBody> {
        self.body.as_deref()
    }

    /// Whether the image with this `src` is ready to show.
    pub fn has_image(&self, src: &str) -> bool {
        self.images.contains_key(src)
    }

    fn current_id(&self) -> Option<MessageId> {
        self.current().map(|view| view.summary.id)
    }

    fn render(&self, engine: &EngineHandle, id: MessageId) -> Task<Message> {
        let (engine, charset) = (engine.clone(), self.charset.clone());
        Task::perform(
            async move { engine.readable_body(id, charset).await.map(Box::new).map_err(|err| err.to_string()) },
            move |result| Message::Rendered(id, result),
        )
    }

    pub fn update(&mut self, engine: &EngineHandle, message: Message) -> (Task<Message>, Option<Event>) {
        match message {
            Message::ToggleSource => {
                self.show_source = !self.show_source;
                (Task::none(), None)
            }
            Message::Copy => (self.copy(), None),
            Message::Redecode(charset) => {
                self.charset = Some(charset);
                (self.current_id().map(|id| self.render(engine, id)).unwrap_or_else(Task::none), None)
            }
            Message::Rendered(id, result) => self.rendered(engine, id, result),
            Message::LoadRemoteOnce => (self.load_remote(engine), None),
            Message::LoadRemoteAlways => self.load_remote_always(engine),
            Message::RemoteLoaded(id, results) => (Task::none(), self.remote_loaded(id, results)),
            Message::LinkClicked(link) => (Task::none(), open_link(&link)),
            Message::Save(part_index) => (self.save(engine, part_index), None),
            Message::SaveTo(id, part_index, target) => (save_to(engine, id, part_index, target), None),
            Message::Saved(Ok(path)) => {
                (Task::none(), Some(Event::Status(crate::fl!("reader-saved", path = path.display().to_string()))))
            }
            Message::Open(part_index) => (self.open_attachment(engine, part_index), None),
            Message::OpenedAttachment(Ok(_)) => (Task::none(), None),
            Message::Saved(Err(err)) | Message::OpenedAttachment(Err(err)) => (Task::none(), Some(Event::Notice(err))),
            Message::SaveEml => (Task::none(), self.current().map(|v| Event::SaveEml(v.summary.id))),
        }
    }

    fn copy(&self) -> Task<Message> {
        let text = match (&self.body, self.current()) {
            (Some(body), _) => body.plain_text.clone(),
            (None, Some(view)) => view.text.clone().unwrap_or_default(),
            (None, None) => return Task::none(),
        };
        iced::clipboard::write(text)
    }

    fn rendered(
        &mut self,
        engine: &EngineHandle,
        id: MessageId,
        result: Result<Box<ReadableBody>, String>,
    ) -> (Task<Message>, Option<Event>) {
        if self.current_id() != Some(id) {
            return (Task::none(), None);
        }
        let body = match result {
            Ok(body) => body,
            Err(err) => return (Task::none(), Some(Event::Notice(err))),
        };
        for (cid, bytes) in &body.inline_images {
            self.images.insert(format!("cid:{cid}"), image::Handle::from_bytes(bytes.clone()));
        }
        let has_remote = !body.rich.remote_images.is_empty();
        let allowed = body.remote_allowed;
        self.body = Some(body);
        // A re-decode keeps what was loaded already.
        if self.remote == Remote::Loaded || self.remote == Remote::Loading {
            return (Task::none(), None);
        }
        self.remote = if has_remote { Remote::Blocked } else { Remote::None };
        if has_remote && allowed { (self.load_remote(engine), None) } else { (Task::none(), None) }
    }

    fn load_remote(&mut self, engine: &EngineHandle) -> Task<Message> {
        let (Some(id), Some(body)) = (self.current_id(), &self.body) else { return Task::none() };
        if self.remote != Remote::Blocked {
            return Task::none();
        }
        self.remote = Remote::Loading;
        let (engine, urls) = (engine.clone(), body.rich.remote_images.clone());
        Task::perform(async move { engine.fetch_remote_images(urls).await }, move |results| {
            Message::RemoteLoaded(id, results)
        })
    }

    fn load_remote_always(&mut self, engine: &EngineHandle) -> (Task<Message>, Option<Event>) {
        let Some(sender) = self.current().map(|view| view.summary.from_addr.clone()) else {
            return (Task::none(), None);
        };
        if let Err(err) = engine.allow_remote_content(&sender) {
            return (Task::none(), Some(Event::Notice(err.to_string())));
        }
        (self.load_remote(engine), None)
    }

    fn remote_loaded(&mut self, id: MessageId, results: Vec<(String, Result<Vec<u8>, String>)>) -> Option<Event> {
        if self.current_id() != Some(id) {
            return None;
        }
        self.remote = Remote::Loaded;
        let mut failed = 0;
        for (url, result) in results {
            match result {
                Ok(bytes) => {
                    self.images.insert(url, image::Handle::from_bytes(bytes));
                }
                Err(err) => {
                    tracing::info!("remote image not loaded: {err}");
                    failed += 1;
                }
            }
        }
        (failed > 0).then(|| Event::Status(crate::fl!("reader-remote-failed", count = failed)))
    }

    /// Asks where to save through the desktop's dialog; without one, saves into Downloads.
    fn save(&self, engine: &EngineHandle, part_index: usize) -> Task<Message> {
        let Some(view) = self.current() else { return Task::none() };
        let id = view.summary.id;
        let downloads = directories::UserDirs::new().and_then(|dirs| dirs.download_dir().map(PathBuf::from));
        if !file_dialog::available() {
            let folder = downloads.unwrap_or_else(std::env::temp_dir);
            let engine = engine.clone();
            return Task::perform(
                async move { engine.save_attachment(id, part_index, &folder).await.map_err(|err| err.to_string()) },
                Message::Saved,
            );
        }
        let name = attachment(view, part_index).map(|a| a.filename.clone()).unwrap_or_default();
        let suggested = crate::engine::api::sanitize_filename(&name);
        Task::perform(file_dialog::save_file(crate::fl!("reader-save-title"), downloads, suggested), move |target| {
            Message::SaveTo(id, part_index, target)
        })
    }

    fn open_attachment(&self, engine: &EngineHandle, part_index: usize) -> Task<Message> {
        let Some(id) = self.current_id() else { return Task::none() };
        let engine = engine.clone();
        Task::perform(
            async move {
                let path = engine.attachment_for_opening(id, part_index).await.map_err(|err| err.to_string())?;
                open::that_detached(&path).map_err(|err| crate::fl!("reader-open-failed", reason = err.to_string()))?;
                Ok(path)
            },
            Message::OpenedAttachment,
        )
    }

    pub fn view(&self, theme: &Theme) -> Element<'_, Message> {
        let Some(view) = self.current() else {
            return container(text(crate::fl!("reader-empty"))).padding(theme::PADDING).into();
        };
        let mut page = column![self.headers(view)].spacing(theme::SPACING).padding(theme::PADDING);
        if self.remote == Remote::Blocked && !self.show_source {
            page = page.push(remote_bar(&view.summary.from_addr));
        }
        let attachments: Vec<&AttachmentRecord> = view.attachments.iter().filter(|a| !a.is_inline).collect();
        if !attachments.is_empty() {
            page = page
                .push(attachments.into_iter().fold(Column::new().spacing(2), |list, a| list.push(attachment_row(a))));
        }
        let content: Element<'_, Message> = match &self.state {
            State::Loading(_) => text(crate::fl!("reader-loading")).into(),
            State::Failed(_, err) => text(crate::fl!("reader-load-failed", reason = err.clone())).into(),
            _ if self.show_source => {
                text(view.raw.as_deref().map(|raw| String::from_utf8_lossy(raw).into_owned()).unwrap_or_default())
                    .font(iced::Font::MONOSPACE)
                    .into()
            }
            _ => match &self.body {
                Some(body) => body::view(&body.rich, &self.images, theme),
                // Until the layout arrives: the cached text, at once.
                None => text(view.text.clone().unwrap_or_default().trim_end().to_string()).into(),
            },
        };
        page.push(scrollable(container(content).padding(theme::PADDING).width(Length::Fill)).height(Length::Fill))
            .into()
    }

    fn headers<'a>(&'a self, view: &'a MessageView) -> Element<'a, Message> {
        let m = &view.summary;
        let subject = if m.subject.is_empty() { crate::fl!("reader-no-subject") } else { m.subject.clone() };
        let sender =
            if m.from_name.is_empty() { m.from_addr.clone() } else { format!("{} <{}>", m.from_name, m.from_addr) };
        let source_label =
            if self.show_source { crate::fl!("reader-show-message") } else { crate::fl!("reader-show-source") };
        let small = |label: String| text(label).size(theme::SMALL_SIZE);
        let charsets: Vec<String> = CHARSETS.iter().map(|c| c.to_string()).collect();
        let headers = column![
            text(subject).size(theme::TITLE_SIZE),
            text(crate::fl!("reader-from", sender = sender)),
            small(crate::fl!("reader-to", recipients = m.to_addrs.clone())),
            small(format::full_date(m.date)).style(theme::muted),
            // Wrapped: the Russian labels are longer than the pane is wide at the default size
            // (seen in the Xvfb smoke test's screenshot, where the last button was cut off).
            row![
                pick_list(charsets, self.charset.clone(), Message::Redecode)
                    .placeholder(crate::fl!("reader-redecode"))
                    .text_size(theme::SMALL_SIZE),
                button(small(crate::fl!("reader-copy"))).on_press(Message::Copy),
                button(small(source_label)).on_press(Message::ToggleSource),
                button(small(crate::fl!("reader-save-eml"))).on_press(Message::SaveEml),
            ]
            .spacing(theme::SPACING)
            .align_y(iced::Alignment::Center)
            .wrap()
            .vertical_spacing(4),
        ]
        .spacing(4);
        container(headers).padding(theme::PADDING).width(Length::Fill).style(theme::header_block).into()
    }
}

fn remote_bar<'a>(sender: &str) -> Element<'a, Message> {
    let small = |label: String| text(label).size(theme::SMALL_SIZE);
    let mut bar = row![small(crate::fl!("reader-remote-blocked")).width(Length::Fill)]
        .spacing(theme::SPACING)
        .align_y(iced::Alignment::Center)
        .push(button(small(crate::fl!("reader-remote-load-once"))).on_press(Message::LoadRemoteOnce));
    if !sender.is_empty() {
        bar = bar.push(
            button(small(crate::fl!("reader-remote-always", sender = sender.to_string())))
                .on_press(Message::LoadRemoteAlways),
        );
    }
    container(bar).padding(6).width(Length::Fill).style(theme::remote_bar).into()
}

fn attachment_row(a: &AttachmentRecord) -> Element<'_, Message> {
    let name = if a.filename.is_empty() { crate::fl!("reader-unnamed") } else { a.filename.clone() };
    let small = |label: String| text(label).size(theme::SMALL_SIZE);
    row![
        small(name).width(Length::Fill),
        small(format::size(a.size)).style(theme::muted),
        small(a.content_type.clone()).style(theme::muted),
        button(small(crate::fl!("reader-attachment-save"))).on_press(Message::Save(a.part_index)),
        button(small(crate::fl!("reader-attachment-open"))).on_press(Message::Open(a.part_index)),
    ]
    .spacing(theme::SPACING)
    .align_y(iced::Alignment::Center)
    .into()
}

fn attachment(view: &MessageView, part_index: usize) -> Option<&AttachmentRecord> {
    view.attachments.iter().find(|a| a.part_index == part_index)
}

/// The save dialog's answer: into the chosen folder, under the chosen name made safe.
fn save_to(engine: &EngineHandle, id: MessageId, part_index: usize, target: Option<PathBuf>) -> Task<Message> {
    let Some(target) = target else { return Task::none() };
    let engine = engine.clone();
    Task::perform(
        async move { engine.save_attachment_as(id, part_index, &target).await.map_err(|err| err.to_string()) },
        Message::Saved,
    )
}

/// http(s) in the browser, mailto: in our composer, anything else refused.
fn open_link(link: &str) -> Option<Event> {
    if !is_openable_link(link) {
        return Some(Event::Notice(crate::fl!("reader-link-refused", link = link.to_string())));
    }
    if link.trim().to_ascii_lowercase().starts_with("mailto:") {
        return match crate::platform::mailto::parse(link.trim()) {
            Ok(draft) => Some(Event::Compose(draft)),
            Err(err) => Some(Event::Notice(err.to_string())),
        };
    }
    match open::that_detached(link.trim()) {
        Ok(()) => None,
        Err(err) => Some(Event::Notice(crate::fl!("reader-open-failed", reason = err.to_string()))),
    }
}
