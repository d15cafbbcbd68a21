//! The languages evacdrill speaks and how one is chosen.

use serde::Serialize;

/// A language of the user interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum Lang {
    #[default]
    #[serde(rename = "en")]
    En,
    #[serde(rename = "zh-CN")]
    ZhCn,
}

impl Lang {
    /// Parses a `--lang` value or a locale such as `zh_CN.UTF-8`.
    ///
    /// Returns `None` for a language evacdrill does not speak.
    #[must_use]
    pub fn parse(tag: &str) -> Option<Self> {
        let tag = tag.trim();
        let base = tag.split(['.', '@']).next().unwrap_or("");
        let lower = base.to_ascii_lowercase().replace('_', "-");
        if lower == "en" || lower.starts_with("en-") || lower == "c" || lower == "posix" {
            Some(Self::En)
        } else if lower == "zh" || lower.starts_with("zh-") {
            Some(Self::ZhCn)
        } else {
            None
        }
    }

    /// The language from `--lang`, else `LC_ALL`, else `LANG`, else English.
    ///
    /// The environment is passed in as values so that this stays pure; a
    /// locale evacdrill does not speak falls back to English.
    #[must_use]
    pub fn choose(flag: Option<Self>, lc_all: Option<&str>, lang: Option<&str>) -> Self {
        flag.or_else(|| {
            [lc_all, lang]
                .into_iter()
                .flatten()
                .find(|v| !v.is_empty())
                .and_then(Self::parse)
        })
        .unwrap_or_default()
    }

    /// The tag used on the command line and in files.
    #[must_use]
    pub const fn tag(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::ZhCn => "zh-CN",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn locales_map_to_languages() {
        assert_eq!(Lang::parse("zh_CN.UTF-8"), Some(Lang::ZhCn));
        assert_eq!(Lang::parse("zh-CN"), Some(Lang::ZhCn));
        assert_eq!(Lang::parse("en_GB.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("C.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("fr_FR.UTF-8"), None);
    }

    #[test]
    fn flag_beats_lc_all_beats_lang() {
        assert_eq!(
            Lang::choose(Some(Lang::En), Some("zh_CN.UTF-8"), None),
            Lang::En
        );
        assert_eq!(
            Lang::choose(None, Some("zh_CN.UTF-8"), Some("en_US")),
            Lang::ZhCn
        );
        assert_eq!(Lang::choose(None, Some(""), Some("zh_CN")), Lang::ZhCn);
        assert_eq!(Lang::choose(None, None, Some("de_DE")), Lang::En);
        assert_eq!(Lang::choose(None, None, None), Lang::En);
    }
}
