//! Reading a drill script from disk, as the core's [`check`] expects it.

use std::path::Path;

use evacdrill_core::script::{self, Checked};

/// Upper bound on a script's size: a real school's script is a few tens of
/// kilobytes; anything far larger is the wrong file.
const MAX_SCRIPT_BYTES: u64 = 16 * 1024 * 1024;

/// Reads and checks the script at `path`. A file that cannot be read becomes
/// a diagnostic like any other, so the caller reports it the same way.
#[must_use]
pub fn load(path: &Path) -> Checked {
    match read(path) {
        Ok(bytes) => script::check(&bytes),
        Err(detail) => Checked {
            source: String::new(),
            script: None,
            diagnostics: vec![script::unreadable(detail)],
        },
    }
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if meta.is_dir() {
        return Err("it is a folder, not a file".to_owned());
    }
    if meta.len() > MAX_SCRIPT_BYTES {
        return Err(format!(
            "it is {} MB; a drill script is at most {} MB",
            meta.len() / 1_000_000,
            MAX_SCRIPT_BYTES / 1_000_000
        ));
    }
    std::fs::read(path).map_err(|e| e.to_string())
}
