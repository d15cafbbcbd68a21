//! The `catalogue!` macro: every message is declared once with both of its
//! translations, so a message without one of them does not compile.

/// Declares a message enum whose every variant has an English and a Chinese text.
///
/// ```ignore
/// catalogue! {
///     /// Messages of `check`.
///     pub enum CheckMsg {
///         UnknownKey { key: String } => en: "unknown key `{key}`", zh: "未知的键 `{key}`";
///     }
/// }
/// ```
///
/// Texts are `format!` strings that name the variant's fields.
macro_rules! catalogue {
    (
        $(#[$meta:meta])*
        pub enum $enum:ident {
            $(
                $variant:ident $( { $($field:ident : $ty:ty),* $(,)? } )?
                    => en: $en:literal, zh: $zh:literal;
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        pub enum $enum {
            $( $variant $( { $($field: $ty),* } )? ),*
        }

        impl $enum {
            /// The text of this message in `lang`.
            #[must_use]
            #[allow(clippy::too_many_lines, unused_variables)]
            pub fn text(&self, lang: $crate::i18n::Lang) -> String {
                match self {
                    $(
                        Self::$variant $( { $($field),* } )? => {
                            $( $( let $field = $crate::i18n::LocalArg::local($field, lang); )* )?
                            match lang {
                                $crate::i18n::Lang::En => format!($en),
                                $crate::i18n::Lang::ZhCn => format!($zh),
                            }
                        }
                    )*
                }
            }
        }
    };
}

pub(crate) use catalogue;
