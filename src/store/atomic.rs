//! Writing a whole file atomically.

use std::io::Write;
use std::path::Path;

use super::journal::sync_dir;

/// Writes `bytes` to `path` so that a reader sees the old file or the new
/// one, never half: a temporary file beside it, synced, renamed, the folder
/// synced.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let tmp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    let result = std::fs::File::create(&tmp)
        .and_then(|mut f| {
            f.write_all(bytes)?;
            f.sync_all()
        })
        .and_then(|()| std::fs::rename(&tmp, path))
        .and_then(|()| sync_dir(path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
