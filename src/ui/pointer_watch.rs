//! Where a right click happened, in window coordinates, for a context menu to open there. iced
//! 0.14's `mouse_area` says that the right button was pressed but not where, and inside a
//! scrollable a widget sees scrolled coordinates; this wrapper sits around the whole window and
//! reports the pointer's place on each right press (after the widgets inside have seen it, so
//! their message comes first). Nothing else is reported: no message per pointer move.

use iced::{Element, Event, Length, Point, Rectangle, Size, Theme, Vector, mouse};
use iced_core::widget::{Operation, Tree};
use iced_core::{Clipboard, Layout, Shell, Widget, layout, overlay, renderer};

type Renderer = iced::Renderer;

pub struct PointerWatch<'a, Message> {
    inner: Element<'a, Message>,
    on_right_press: fn(Point) -> Message,
}

/// Wraps `content`; a right press anywhere in it also sends `on_right_press(where)`.
pub fn right_press_at<'a, Message: 'a>(
    content: impl Into<Element<'a, Message>>,
    on_right_press: fn(Point) -> Message,
) -> PointerWatch<'a, Message> {
    PointerWatch { inner: content.into(), on_right_press }
}

impl<'a, Message: 'a> Widget<Message, Theme, Renderer> for PointerWatch<'a, Message> {
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
        self.inner.as_widget_mut().update(
            &mut tree.children[0],
            event,
            layout,
            cursor,
            renderer,
            clipboard,
            shell,
            viewport,
        );
        if let Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Right)) = event
            && let Some(at) = cursor.position()
        {
            shell.publish((self.on_right_press)(at));
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

impl<'a, Message: 'a> From<PointerWatch<'a, Message>> for Element<'a, Message> {
    fn from(widget: PointerWatch<'a, Message>) -> Self {
        Element::new(widget)
    }
}
