//! The keys file: `--keys FILE`, else `~/.config/evacdrill/keys.toml` when
//! it exists. Its `[keys]` table is the dashboard's, `[review]` the review
//! browser's; each reader parses the text with its own keymap.

use std::path::{Path, PathBuf};

/// The keys file's default place.
#[must_use]
pub fn default_path() -> Option<PathBuf> {
    std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config/evacdrill/keys.toml"))
}

/// Reads the keys file and parses it with `parse`; without `--keys` and
/// without a default file, the keymap's defaults. Every error names the
/// file.
pub fn load<K: Default>(
    explicit: Option<&Path>,
    parse: impl FnOnce(&str) -> Result<K, String>,
) -> Result<K, String> {
    let path = match explicit {
        Some(p) => p.to_owned(),
        None => match default_path() {
            Some(p) if p.exists() => p,
            _ => return Ok(K::default()),
        },
    };
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    parse(&text).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_explicit_file_is_read_and_its_errors_name_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys.toml");
        std::fs::write(&path, "[keys]\nhold = \"o\"\n").unwrap();
        let text: String = load(Some(&path), |t| Ok(t.to_owned())).unwrap();
        assert!(text.contains("hold"));
        let err = load::<String>(Some(&path), |_| Err("bad".into())).unwrap_err();
        assert_eq!(err, format!("{}: bad", path.display()));
        let missing = load::<String>(Some(&dir.path().join("none.toml")), |t| Ok(t.into()));
        assert!(missing.unwrap_err().contains("none.toml"));
    }
}
