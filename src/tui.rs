//! The live dashboard: app state, keymap, forms, widgets and the event loop.

pub mod app;
pub mod bindings;
pub mod clock;
mod dialogs;
pub mod form;
pub mod forms;
pub mod keymap;
pub mod runtime;
mod selection;
pub mod theme;
mod update;
pub mod view;
pub mod widgets;

pub use app::{App, Effect};
pub use view::Screen;
#[cfg(test)]
mod tests;
