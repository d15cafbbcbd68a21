//! The message catalogue, in English and Simplified Chinese.
//!
//! Messages are typed values produced by the core and turned into text at the
//! edge, in the language the user chose. Each domain has its own enum, declared
//! with [`catalogue!`](macros::catalogue), which refuses to compile a message
//! that lacks a translation.

pub mod cards;
pub mod dashboard;
mod lang;
mod macros;
pub mod phone;
pub mod plan;
pub mod records;
pub mod review;
pub mod script;
pub mod session;
pub mod sim;
pub mod ui;
pub mod width;

pub use lang::Lang;
pub(crate) use macros::catalogue;

/// A value that can stand in a message: numbers and text as they are, other
/// messages rendered in the message's own language.
pub trait LocalArg {
    /// What is formatted into the text.
    type Out: std::fmt::Display;
    /// This value as it appears in a message in `lang`.
    fn local(&self, lang: Lang) -> Self::Out;
}

macro_rules! plain_arg {
    ($($t:ty),*) => {$(
        impl LocalArg for $t {
            type Out = $t;
            fn local(&self, _: Lang) -> $t {
                *self
            }
        }
    )*};
}
plain_arg!(f64, u8, u16, u32, i32, i64, u64, usize);

impl LocalArg for String {
    type Out = String;
    fn local(&self, _: Lang) -> String {
        self.clone()
    }
}
