//! A paragraph of rich text that says which link the pointer is over, so the status line can
//! show where a link really goes before it is clicked. iced 0.14's `rich_text` tracks the hovered
//! link only privately (it has `on_link_click`, no hover callback), so this wrapper asks it: after
//! each pointer move it replays a left click into a throw-away shell, and the click message the
//! paragraph would send names the link under the pointer. Nothing reaches the window but the
//! hover message, and a real click in progress is never disturbed.

use iced::{Element, Event, Length, Rectangle, Size, Theme, Vector, mouse};
use iced_core::widget::{Operation, Tree, tree};
use iced_core::{Clipboard, Layout, Shell, Widget, layout, overlay, renderer};

type Renderer = iced::Renderer;

pub struct LinkHover<'a, Message> {
    inner: Element<'a, Message>,
    /// The link a click message of the paragraph is for.
    link_of: fn(&Message) -> Option<String>,
    on_hover: fn(Option<String>) -> Message,
}

/// Wraps `paragraph` (a `rich_text` whose clicks are messages `link_of` can read).
pub fn link_hover<'a, Message: 'a>(
    paragraph: impl Into<Element<'a, Message>>,
    link_of: fn(&Message) -> Option<String>,
    on_hover: fn(Option<String>) -> Message,
) -> LinkHover<'a, Message> {
    LinkHover { inner: paragraph.into(), link_of, on_hover }
}

#[derive(Default)]
struct State {
    hovered: Option<String>,
    /// A real press is under way: the probe must not reset it.
    pressed: bool,
}

impl<'a, Message: 'a> Widget<Message, Theme, Renderer> for LinkHover<'a, Message> {
    fn size(&self) -> Size<Length> {
        self.inner.as_widget().size()
    }

    fn size_hint(&self) -> Size<Length> {
        self.inner.as_widget().size_hint()
    }

    fn layout(&mut self, tree: &mut Tree, renderer: &Renderer, limits: &layout::Limits) -> layout::Node {
        self.inner.as_widget_mut().layout(&mut tree.children[0], renderer, limits)
    }

    fn draw(
        &self,
        tree: &Tree,
        renderer: &mut Renderer,
        theme: &Theme,
        style: &renderer::Style,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
    ) {
        self.inner.as_widget().draw(&tree.children[0], renderer, theme, style, layout, cursor, viewport);
    }

    fn tag(&self) -> tree::Tag {
        tree::Tag::of::<State>()
    }

    fn state(&self) -> tree::State {
        tree::State::new(State::default())
    }

    fn children(&self) -> Vec<Tree> {
        vec![Tree::new(&self.inner)]
    }

    fn diff(&self, tree: &mut Tree) {
        tree.diff_children(std::slice::from_ref(&self.inner));
    }

    fn operate(&mut self, tree: &mut Tree, layout: Layout<'_>, renderer: &Renderer, operation: &mut dyn Operation) {
        self.inner.as_widget_mut().operate(&mut tree.children[0], layout, renderer, operation);
    }

    fn update(
        &mut self,
        tree: &mut Tree,
        event: &Event,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        renderer: &Renderer,
        clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, Message>,
        viewport: &Rectangle,
    ) {
        let inner = self.inner.as_widget_mut();
        inner.update(&mut tree.children[0], event, layout, cursor, renderer, clipboard, shell, viewport);
        let state = tree.state.downcast_mut::<State>();
        match event {
            Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Left)) => state.pressed = true,
            Event::Mouse(mouse::Event::ButtonReleased(mouse::Button::Left)) => state.pressed = false,
            _ => {}
        }
        let moved = matches!(event, Event::Mouse(mouse::Event::CursorMoved { .. } | mouse::Event::CursorLeft));
        if !moved || state.pressed {
            return;
        }
        let hovered = if cursor.is_over(layout.bounds()) {
            let mut clicks = Vec::new();
            let mut probe = Shell::new(&mut clicks);
            for replayed in
                [mouse::Event::ButtonPressed(mouse::Button::Left), mouse::Event::ButtonReleased(mouse::Button::Left)]
            {
                let child = &mut tree.children[0];
                inner.update(child, &Event::Mouse(replayed), layout, cursor, renderer, clipboard, &mut probe, viewport);
            }
            clicks.iter().find_map(self.link_of)
        } else {
            None
        };
        let state = tree.state.downcast_mut::<State>();
        if state.hovered != hovered {
            state.hovered.clone_from(&hovered);
            shell.publish((self.on_hover)(hovered));
        }
    }

    fn mouse_interaction(
        &self,
        tree: &Tree,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
        renderer: &Renderer,
    ) -> mouse::Interaction {
        self.inner.as_widget().mouse_interaction(&tree.children[0], layout, cursor, viewport, renderer)
    }

    fn overlay<'b>(
        &'b mut self,
        tree: &'b mut Tree,
        layout: Layout<'b>,
        renderer: &Renderer,
        viewport: &Rectangle,
        translation: Vector,
    ) -> Option<overlay::Element<'b, Message, Theme, Renderer>> {
        self.inner.as_widget_mut().overlay(&mut tree.children[0], layout, renderer, viewport, translation)
    }
}

impl<'a, Message: 'a> From<LinkHover<'a, Message>> for Element<'a, Message> {
    fn from(widget: LinkHover<'a, Message>) -> Self {
        Element::new(widget)
    }
}
