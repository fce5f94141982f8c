//! The right pane: one message's headers, body, attachments, or its source. The body comes from
//! the engine as rich text (HTML sanitised, nothing in it runs) laid out once per message off
//! the UI thread; remote images stay blocked behind a bar until the user loads them (once, or
//! always for that sender, if the receiving server verified it). Links open in the browser (mailto:
//! in our composer); hovering one shows its target in the status line, and one whose words name
//! another host asks first. Pictures arrive decoded and bounded from the engine.

mod attachments;
mod body;
mod link_hover;

use super::{file_dialog, format, theme};
use crate::engine::api::reading::{CHARSETS, PictureResult, ReadableBody, display_text, is_openable_link};
use crate::engine::api::{AttachmentRecord, EngineHandle, MessageView};
use crate::model::MessageId;
use crate::platform::mailto::MailtoDraft;
use iced::widget::{button, column, container, image, pick_list, row, scrollable, text};
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
    /// Images to show (or why not), by their `src` (an https address or `cid:` id).
    images: HashMap<String, body::Picture>,
    /// The target of the link under the pointer, for the status line.
    hovered_link: Option<String>,
    /// A link whose words name another host, waiting for the user: (target, claimed host).
    misleading_link: Option<(String, String)>,
    /// Save without a file dialog: the in-window folder chooser, while open.
    save_choice: Option<attachments::SaveChoice>,
    /// The user asked to lay out the whole of a long body.
    show_all: bool,
    /// Times "Show more" was pressed: each doubles what is laid out.
    more: usize,
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
    RemoteLoaded(MessageId, Vec<(String, PictureResult)>),
    LinkClicked(String),
    /// The pointer went over a link (its target) or off every link.
    LinkHovered(Option<String>),
    /// A link whose words claim another host was clicked: (target, claimed host).
    LinkMisleads(String, String),
    OpenMisleadingLink,
    CancelMisleadingLink,
    /// The in-window folder chooser (no file dialog): a folder picked, saved there, or closed.
    SaveFolderPicked(attachments::FolderChoice),
    SaveIntoChosen,
    CancelSave,
    /// Lay out all of a long body, or its next part.
    ShowAll,
    ShowMore,
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

    /// Whether the image with this `src` is decoded and shown.
    pub fn has_image(&self, src: &str) -> bool {
        matches!(self.images.get(src), Some(body::Picture::Shown(_)))
    }

    /// Why the image with this `src` is not shown, if the engine refused it.
    pub fn image_refused(&self, src: &str) -> Option<&str> {
        match self.images.get(src) {
            Some(body::Picture::Refused(why)) => Some(why),
            _ => None,
        }
    }

    /// The real target of the link under the pointer, for the status line.
    pub fn hovered_link(&self) -> Option<&str> {
        self.hovered_link.as_deref()
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
            Message::LinkHovered(link) => {
                self.hovered_link = link;
                (Task::none(), None)
            }
            Message::LinkMisleads(link, claimed) => {
                self.misleading_link = Some((link, claimed));
                (Task::none(), None)
            }
            Message::OpenMisleadingLink => {
                let link = self.misleading_link.take().map(|(link, _)| link);
                (Task::none(), link.and_then(|link| open_link(&link)))
            }
            Message::CancelMisleadingLink => {
                self.misleading_link = None;
                (Task::none(), None)
            }
            Message::Save(part_index) => (self.save(part_index), None),
            Message::SaveFolderPicked(folder) => {
                if let Some(choice) = &mut self.save_choice {
                    choice.picked = Some(folder);
                }
                (Task::none(), None)
            }
            Message::SaveIntoChosen => {
                let Some(choice) = self.save_choice.take() else { return (Task::none(), None) };
                let target = choice.picked.map(|folder| folder.0.join(&choice.name));
                (save_to(engine, choice.id, choice.part_index, target), None)
            }
            Message::CancelSave => {
                self.save_choice = None;
                (Task::none(), None)
            }
            Message::ShowAll => {
                self.show_all = true;
                (Task::none(), None)
            }
            Message::ShowMore => {
                self.more += 1;
                (Task::none(), None)
            }
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
        let mut body = match result {
            Ok(body) => body,
            Err(err) => return (Task::none(), Some(Event::Notice(err))),
        };
        // Moved, not copied: decoded pixels are kept once.
        for (cid, picture) in std::mem::take(&mut body.inline_images) {
            self.images.insert(format!("cid:{cid}"), picture_for(picture));
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
        // A From address anyone could have written is not remembered (the button is not shown).
        if !self.body.as_ref().is_some_and(|body| body.sender_verified) {
            return (self.load_remote(engine), None);
        }
        if let Err(err) = engine.allow_remote_content(&sender) {
            return (Task::none(), Some(Event::Notice(err.to_string())));
        }
        (self.load_remote(engine), None)
    }

    fn remote_loaded(&mut self, id: MessageId, results: Vec<(String, PictureResult)>) -> Option<Event> {
        if self.current_id() != Some(id) {
            return None;
        }
        self.remote = Remote::Loaded;
        let mut failed = 0;
        for (url, result) in results {
            if let Err(err) = &result {
                tracing::info!("remote image not shown: {err}");
                failed += 1;
            }
            self.images.insert(url, picture_for(result));
        }
        (failed > 0).then(|| Event::Status(crate::fl!("reader-remote-failed", count = failed)))
    }

    /// Asks where to save through the desktop's dialog; without one, through the in-window
    /// folder chooser (Downloads picked first). Never somewhere the user did not choose.
    fn save(&mut self, part_index: usize) -> Task<Message> {
        let Some(view) = self.current() else { return Task::none() };
        let id = view.summary.id;
        let name = attachment(view, part_index).map(|a| a.filename.clone()).unwrap_or_default();
        let suggested = crate::engine::api::sanitize_filename(&name);
        if !file_dialog::available() {
            self.save_choice = Some(attachments::SaveChoice::new(id, part_index, suggested));
            return Task::none();
        }
        let downloads = directories::UserDirs::new().and_then(|dirs| dirs.download_dir().map(PathBuf::from));
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
        if let Some((target, claimed)) = &self.misleading_link {
            page = page.push(misleading_link_bar(target, claimed));
        }
        if self.remote == Remote::Blocked && !self.show_source {
            let verified = self.body.as_ref().is_some_and(|body| body.sender_verified);
            page = page.push(remote_bar(&view.summary.from_addr, verified));
        }
        if let Some(choice) = &self.save_choice {
            page = page.push(choice.view());
        }
        if let Some(list) = attachments::list(view) {
            page = page.push(list);
        }
        let content: Element<'_, Message> = match &self.state {
            State::Loading(_) => text(crate::fl!("reader-loading")).into(),
            State::Failed(_, err) => text(crate::fl!("reader-load-failed", reason = err.clone())).into(),
            _ if self.show_source => {
                let raw = view.raw.as_deref().unwrap_or_default();
                // Shaping megabytes of source would hold the window: the first part unless asked.
                let limit = raw.len().min(self.shown_limit().saturating_mul(4));
                let source = text(String::from_utf8_lossy(&raw[..limit]).into_owned()).font(iced::Font::MONOSPACE);
                if limit < raw.len() {
                    column![source, show_all_bar()].spacing(theme::SPACING).into()
                } else {
                    source.into()
                }
            }
            _ => match &self.body {
                Some(body) => {
                    let (shown, cut) = body::view(&body.rich, &self.images, self.shown_limit(), theme);
                    if cut { column![shown, show_all_bar()].spacing(theme::SPACING).into() } else { shown }
                }
                // Until the layout arrives: the cached text, at once.
                None => {
                    let cached = view.text.as_deref().unwrap_or_default().trim_end();
                    text(cached.chars().take(body::FIRST_SHOWN).collect::<String>()).into()
                }
            },
        };
        page.push(scrollable(container(content).padding(theme::PADDING).width(Length::Fill)).height(Length::Fill))
            .into()
    }

    /// How much of a long body is laid out: twice as much each "Show more", all on "Show
    /// everything" (iced keeps the paragraphs already shaped, so each step shapes only the new).
    fn shown_limit(&self) -> usize {
        if self.show_all { usize::MAX } else { body::FIRST_SHOWN.saturating_mul(1 << self.more.min(20)) }
    }

    fn headers<'a>(&'a self, view: &'a MessageView) -> Element<'a, Message> {
        let m = &view.summary;
        let subject = display_text(&m.subject);
        let subject = if subject.is_empty() { crate::fl!("reader-no-subject") } else { subject };
        // Name and address in widgets of their own: nothing in a name can reorder the address
        // (a U+202E showed "tset.x@live"); the address is always shown.
        let name = display_text(&m.from_name);
        let sender: Element<'a, Message> = if name.is_empty() {
            text(crate::fl!("reader-from", sender = display_text(&m.from_addr))).into()
        } else {
            row![text(crate::fl!("reader-from", sender = name)), text(format!("<{}>", display_text(&m.from_addr)))]
                .spacing(4)
                .wrap()
                .into()
        };
        let source_label =
            if self.show_source { crate::fl!("reader-show-message") } else { crate::fl!("reader-show-source") };
        let small = |label: String| text(label).size(theme::SMALL_SIZE);
        let charsets: Vec<String> = CHARSETS.iter().map(|c| c.to_string()).collect();
        // The user wrote to this address under another name: the letter's name is not theirs.
        let known_as =
            self.body.as_ref().and_then(|body| body.sender_known_as.as_deref()).map(|known| {
                small(crate::fl!("reader-sender-known-as", name = display_text(known))).style(text::danger)
            });
        let mut headers = column![text(subject).size(theme::TITLE_SIZE), sender];
        if let Some(known_as) = known_as {
            headers = headers.push(known_as);
        }
        let headers = headers
            .push(small(crate::fl!("reader-to", recipients = m.to_addrs.clone())))
            .push(small(format::full_date(m.date)).style(theme::muted))
            // Wrapped: the Russian labels are longer than the pane is wide at the default size
            // (seen in the Xvfb smoke test's screenshot, where the last button was cut off).
            .push(
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
            )
            .spacing(4);
        container(headers).padding(theme::PADDING).width(Length::Fill).style(theme::header_block).into()
    }
}

fn remote_bar<'a>(sender: &str, verified: bool) -> Element<'a, Message> {
    let small = |label: String| text(label).size(theme::SMALL_SIZE);
    let mut bar = row![small(crate::fl!("reader-remote-blocked")).width(Length::Fill)]
        .spacing(theme::SPACING)
        .align_y(iced::Alignment::Center)
        .push(button(small(crate::fl!("reader-remote-load-once"))).on_press(Message::LoadRemoteOnce));
    if sender.is_empty() {
        // Nobody to remember.
    } else if verified {
        bar = bar.push(
            button(small(crate::fl!("reader-remote-always", sender = display_text(sender))))
                .on_press(Message::LoadRemoteAlways),
        );
    } else {
        bar = bar.push(small(crate::fl!("reader-remote-unverified")).style(theme::muted));
    }
    container(bar).padding(6).width(Length::Fill).style(theme::remote_bar).into()
}

/// "The link says www.bank.ru, but it leads to evil.test." with Open and Cancel.
fn misleading_link_bar<'a>(target: &str, claimed: &str) -> Element<'a, Message> {
    let small = |label: String| text(label).size(theme::SMALL_SIZE);
    let target = format::ellipsize_middle(&display_text(target), 120);
    let bar = row![
        small(crate::fl!("reader-link-misleads", claimed = display_text(claimed), target = target.clone()))
            .width(Length::Fill),
        button(small(crate::fl!("reader-link-open-anyway", target = target))).on_press(Message::OpenMisleadingLink),
        button(small(crate::fl!("reader-cancel"))).on_press(Message::CancelMisleadingLink),
    ]
    .spacing(theme::SPACING)
    .align_y(iced::Alignment::Center);
    container(bar).padding(6).width(Length::Fill).style(theme::remote_bar).into()
}

fn show_all_bar<'a>() -> Element<'a, Message> {
    row![
        text(crate::fl!("reader-body-cut")).size(theme::SMALL_SIZE).style(theme::muted),
        button(text(crate::fl!("reader-body-show-more")).size(theme::SMALL_SIZE)).on_press(Message::ShowMore),
        button(text(crate::fl!("reader-body-show-all")).size(theme::SMALL_SIZE)).on_press(Message::ShowAll),
    ]
    .spacing(theme::SPACING)
    .align_y(iced::Alignment::Center)
    .into()
}

/// What the engine decoded (or refused) as the reader keeps it.
fn picture_for(result: PictureResult) -> body::Picture {
    match result {
        Ok(picture) => body::Picture::Shown(image::Handle::from_rgba(picture.width, picture.height, picture.rgba)),
        Err(why) => body::Picture::Refused(why),
    }
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
