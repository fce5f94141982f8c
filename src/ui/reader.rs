//! The right pane: one message's headers, body, attachments, or its source. Opening a message
//! never waits on the window's thread: the cached message is read, fetched from the server when
//! missing, and laid out as rich text (HTML sanitised, nothing in it runs) by tasks; each open
//! has a generation and an abort handle, so a newer click supersedes a slow older one (a big
//! letter still loading never replaces the one the user clicked next). Remote images stay blocked behind a bar until the user loads them (once, or
//! always for that sender, if the receiving server verified it). Links open in the browser (mailto:
//! in our composer); hovering one shows its target in the status line, and one whose words name
//! another host asks first. Pictures arrive decoded and bounded from the engine.

mod attachments;
mod bars;
mod body;
mod colors;
mod headers;
mod link_hover;
mod opening;

use super::{file_dialog, theme};
use crate::engine::api::reading::{PictureResult, ReadableBody, expand_tabs, is_openable_link};
use crate::engine::api::{AttachmentRecord, EngineHandle, MessageSummary, MessageView};
use crate::model::MessageId;
use crate::platform::mailto::MailtoDraft;
use bars::{misleading_link_bar, remote_bar, show_all_bar};
use iced::widget::{column, container, image, scrollable, text};
use iced::{Element, Length, Task, Theme};
use std::collections::HashMap;
use std::path::PathBuf;

/// Windows lower than this get the compact header (640x480 leaves about 380 px for the pane).
const COMPACT_BELOW: f32 = 600.0;
/// Below this window height the headers scroll away with the text instead of staying: in a
/// window this low they would leave the text no room at all.
const SCROLL_WHOLE_BELOW: f32 = 440.0;

/// Room the body's scrollbar takes from its width.
const SCROLLBAR: f32 = 12.0;

#[derive(Debug, Default)]
pub struct Reader {
    /// Counts opens: answers of an older open (or one cleared since) are dropped.
    generation: u64,
    /// The tasks of the current open, aborted when the user moves on.
    loading: Option<iced::task::Handle>,
    state: State,
    /// "All headers" is on (kept from message to message, as mail clients do).
    all_headers: bool,
    /// A low window (640x480): a smaller header whose actions wait behind one button, so the
    /// letter's text keeps most of the pane.
    compact: bool,
    /// A very low window: the headers scroll with the text (see [`SCROLL_WHOLE_BELOW`]).
    scroll_whole: bool,
    /// The actions shown in the compact header.
    actions_shown: bool,
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
    /// The engine was asked for all of a body it had cut (see `reading::FIRST_LAID_OUT`).
    whole: bool,
    /// Times "Show more" was pressed: each doubles what is laid out.
    more: usize,
    /// Image attachments' previews, by part index.
    previews: HashMap<usize, body::Picture>,
}

#[derive(Debug, Default)]
enum State {
    #[default]
    Empty,
    /// Its list row is known (if it was in the list); the cache is being read.
    Opening(MessageId, Option<Box<MessageSummary>>),
    /// Headers are known; the body is on its way from the server.
    Loading(Box<MessageView>),
    Ready(Box<MessageView>),
    Failed(Box<MessageView>, String),
    /// Not even the cache could be read.
    Unreadable(MessageId, Option<Box<MessageSummary>>, String),
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
    ToggleAllHeaders,
    /// The compact header's "Actions" button.
    ToggleActions,
    Copy,
    Redecode(String),
    /// The cached message was read (for the open of that generation).
    Cached(u64, Result<Box<MessageView>, String>),
    /// The whole message arrived from the server (or could not).
    Fetched(u64, Result<Box<MessageView>, String>),
    Rendered(u64, Result<Box<ReadableBody>, String>),
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
    /// The window's height decides the header: below [`COMPACT_BELOW`] it is the compact one.
    pub fn fit_height(&mut self, window_height: f32) {
        self.compact = window_height < COMPACT_BELOW;
        self.scroll_whole = window_height < SCROLL_WHOLE_BELOW;
    }

    /// The message whose headers and text are known (None while opening).
    pub fn current(&self) -> Option<&MessageView> {
        match &self.state {
            State::Loading(view) | State::Ready(view) | State::Failed(view, _) => Some(view),
            State::Empty | State::Opening(..) | State::Unreadable(..) => None,
        }
    }

    /// The id of the message shown or being opened.
    pub fn current_id(&self) -> Option<MessageId> {
        match &self.state {
            State::Empty => None,
            State::Opening(id, _) | State::Unreadable(id, _, _) => Some(*id),
            State::Loading(view) | State::Ready(view) | State::Failed(view, _) => Some(view.summary.id),
        }
    }

    /// Whether the message is still being read, fetched or laid out.
    pub fn is_loading(&self) -> bool {
        matches!(self.state, State::Opening(..) | State::Loading(_))
            || (matches!(self.state, State::Ready(_)) && self.body.is_none())
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

    pub fn update(&mut self, engine: &EngineHandle, message: Message) -> (Task<Message>, Option<Event>) {
        match message {
            Message::ToggleSource => {
                self.show_source = !self.show_source;
                (Task::none(), None)
            }
            Message::ToggleAllHeaders => {
                self.all_headers = !self.all_headers;
                (Task::none(), None)
            }
            Message::ToggleActions => {
                self.actions_shown = !self.actions_shown;
                (Task::none(), None)
            }
            Message::Copy => (self.copy(), None),
            Message::Redecode(charset) => {
                self.charset = Some(charset);
                (self.render(engine), None)
            }
            // An answer for an open the user has left is dropped.
            Message::Cached(generation, _) | Message::Fetched(generation, _) | Message::Rendered(generation, _)
                if generation != self.generation =>
            {
                (Task::none(), None)
            }
            Message::Cached(_, result) => (self.cached(engine, result), None),
            Message::Fetched(_, result) => (self.fetched(engine, result), None),
            Message::Rendered(_, result) => self.rendered(engine, result),
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
                (self.lay_out_whole(engine), None)
            }
            Message::ShowMore => {
                self.more += 1;
                (self.lay_out_whole(engine), None)
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
        result: Result<Box<ReadableBody>, String>,
    ) -> (Task<Message>, Option<Event>) {
        self.loading = None;
        let mut body = match result {
            Ok(body) => body,
            Err(err) => return (Task::none(), Some(Event::Notice(err))),
        };
        // Moved, not copied: decoded pixels are kept once.
        for (cid, picture) in std::mem::take(&mut body.inline_images) {
            self.images.insert(format!("cid:{cid}"), picture_for(picture));
        }
        for (part, picture) in std::mem::take(&mut body.previews) {
            self.previews.insert(part, picture_for(picture));
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
        // A letter judged junk keeps its remote content off (a tracking pixel says "read").
        if self.remote != Remote::Blocked || body.judged_junk {
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
        if matches!(self.state, State::Empty) {
            return container(text(crate::fl!("reader-empty"))).padding(theme::PADDING).into();
        }
        let theme = theme.clone();
        // Laid out for the pane's width: fixed-width text gets the size that fits its lines.
        iced::widget::responsive(move |size| {
            let width = size.width - 2.0 * theme::PADDING - SCROLLBAR;
            let content = container(self.content(&theme, width)).padding(theme::PADDING).width(Length::Fill);
            if self.scroll_whole {
                // Too low a window for a header that stays: it scrolls away with the text.
                scrollable(self.top().push(content)).height(Length::Fill).into()
            } else {
                self.top().push(scrollable(content).height(Length::Fill)).into()
            }
        })
        .into()
    }

    /// The headers and the bars over the text (remote content, a misleading link, attachments).
    fn top(&self) -> iced::widget::Column<'_, Message> {
        let header_block = match &self.state {
            State::Empty => text("").into(),
            State::Opening(_, row) | State::Unreadable(_, row, _) => headers::view(self, row.as_deref(), None),
            State::Loading(view) | State::Ready(view) | State::Failed(view, _) => {
                headers::view(self, Some(&view.summary), self.body.as_deref().map(|body| &body.headers))
            }
        };
        let mut page = column![header_block].spacing(theme::SPACING).padding(theme::PADDING);
        if let Some((target, claimed)) = &self.misleading_link {
            page = page.push(misleading_link_bar(target, claimed));
        }
        let view = self.current();
        if self.remote == Remote::Blocked && !self.show_source {
            let verified = self.body.as_ref().is_some_and(|body| body.sender_verified);
            let sender = view.map(|view| view.summary.from_addr.as_str()).unwrap_or_default();
            let junk = self.body.as_ref().is_some_and(|body| body.judged_junk);
            page = page.push(remote_bar(sender, verified, junk));
        }
        if let Some(choice) = &self.save_choice {
            page = page.push(choice.view());
        }
        if let Some(list) = view.and_then(|view| attachments::list(view, &self.previews)) {
            page = page.push(list);
        }
        page
    }

    /// The letter's text (or why there is none yet) for a pane `width` pixels wide.
    fn content(&self, theme: &Theme, width: f32) -> Element<'_, Message> {
        match (&self.state, self.current()) {
            // Reading the cache takes a moment; nothing to say about it.
            (State::Opening(..), _) => text("").into(),
            (State::Loading(_), _) => text(crate::fl!("reader-loading")).style(theme::muted).into(),
            (State::Failed(_, err), _) | (State::Unreadable(_, _, err), _) => {
                text(crate::fl!("reader-load-failed", reason = err.clone())).into()
            }
            (_, Some(view)) if self.show_source => self.source(view),
            (_, Some(view)) => match self.body.as_deref() {
                Some(body) => {
                    let mono = body::mono_size(width, body.rich.fixed_columns);
                    let (shown, cut) = body::view(body, &self.images, self.shown_limit(), theme, mono);
                    if cut || (body.cut && !self.whole) {
                        column![shown, show_all_bar()].spacing(theme::SPACING).into()
                    } else {
                        shown
                    }
                }
                // Until the layout arrives: the cached text, at once, line for line.
                None => {
                    let cached = view.text.as_deref().unwrap_or_default().trim_end();
                    let mut end = cached.len().min(body::FIRST_SHOWN);
                    while !cached.is_char_boundary(end) {
                        end -= 1;
                    }
                    text(expand_tabs(&cached[..end]).into_owned()).font(iced::Font::MONOSPACE).into()
                }
            },
            (_, None) => text("").into(),
        }
    }

    /// "Show source": the message as received, tabs as spaces, the first part unless asked
    /// (shaping megabytes of source would hold the window).
    fn source<'a>(&self, view: &'a MessageView) -> Element<'a, Message> {
        let raw = view.raw.as_deref().unwrap_or_default();
        let limit = raw.len().min(self.shown_limit().saturating_mul(4));
        let shown = String::from_utf8_lossy(&raw[..limit]);
        let source = text(expand_tabs(&shown).into_owned()).font(iced::Font::MONOSPACE).size(theme::SMALL_SIZE + 1.0);
        if limit < raw.len() { column![source, show_all_bar()].spacing(theme::SPACING).into() } else { source.into() }
    }

    /// How much of a long body is laid out: twice as much each "Show more", all on "Show
    /// everything" (iced keeps the paragraphs already shaped, so each step shapes only the new).
    pub(super) fn shown_limit(&self) -> usize {
        if self.show_all { usize::MAX } else { body::FIRST_SHOWN.saturating_mul(1 << self.more.min(20)) }
    }
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
