//! The journal: every event of a live drill, appended and synced to disk
//! before anyone is told it happened.
//!
//! JSON Lines (docs/session-format.md): a [`Header`] line, then one
//! [`Record`] per event, each with its checksum (see `record.rs`). The
//! journal survives a crash: on opening, a torn or corrupt *last* line (the
//! write a power cut interrupted) is reported and cut off, and every earlier
//! line is kept; damage before the last line is an error naming the line.
//!
//! When the disk refuses a write (full, read-only, the folder removed), the
//! error is returned at once and the events stay in a pending queue, retried
//! on the next append or on [`Journal::retry`]; nothing is dropped. Every
//! failure is kept in [`Journal::failures`] for the session file.

use std::collections::VecDeque;
use std::fs::{File, OpenOptions};
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use evacdrill_core::session::Event;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::record::{Header, JOURNAL_MAGIC, JOURNAL_SCHEMA, LineError, Record, decode, encode};

/// What went wrong with a journal.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error("{path}: a file is already there; resume it or choose another name")]
    Exists { path: PathBuf },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: the journal holds no header, so there is nothing to resume")]
    NoHeader { path: PathBuf },
    #[error("{path}: this is not an evacdrill journal")]
    NotAJournal { path: PathBuf },
    #[error(
        "{path}: journal format {found} is newer than this program reads ({JOURNAL_SCHEMA}); update evacdrill"
    )]
    Newer { path: PathBuf, found: u32 },
    #[error(
        "{path}: line {line} is damaged ({reason}), and lines after it exist; the journal needs a person to look at it"
    )]
    Damaged {
        path: PathBuf,
        line: usize,
        reason: String,
    },
    #[error(
        "{path}: the events could not be written ({source}); {pending} event(s) are kept in memory and will be retried"
    )]
    Write {
        path: PathBuf,
        pending: usize,
        source: std::io::Error,
    },
    #[error("{path}: another file has taken the journal's place; the events are kept in memory")]
    Replaced { path: PathBuf },
    #[error("an event could not be encoded: {0}")]
    Encode(#[from] serde_json::Error),
}

/// A damaged last line that opening cut off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Cut {
    /// Its line number (1-based; the header is line 1).
    pub line: usize,
    /// How many bytes were removed.
    pub bytes: u64,
    pub reason: String,
}

/// A time the journal could not be written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct WriteFailure {
    /// Wall-clock time of the failed write.
    pub wall: String,
    pub drill_ms: u64,
    pub error: String,
    /// Events waiting in memory after the failure.
    pub pending: usize,
    /// Wall-clock time they reached the disk, once they did.
    pub recovered: Option<String>,
}

/// A journal read from disk.
#[derive(Debug, Clone)]
pub struct Scan {
    pub header: Header,
    pub records: Vec<Record>,
    /// What was cut off the end, if anything.
    pub cut: Option<Cut>,
    /// The length of the good part, in bytes.
    good_len: u64,
}

/// An open journal that events are appended to.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    file: File,
    /// Bytes known to be on disk and good.
    good_len: u64,
    /// Every line on disk, header first: what a lost file is rebuilt from.
    written: Vec<String>,
    /// Lines not yet on disk, in order.
    pending: VecDeque<String>,
    next_seq: u64,
    failures: Vec<WriteFailure>,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> JournalError + '_ {
    move |source| JournalError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Syncs the folder holding `path`, so that a new name in it survives a power cut.
pub fn sync_dir(path: &Path) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    // Folders cannot be opened for syncing everywhere (Windows); there the
    // rename is as durable as the platform makes it.
    if cfg!(unix) {
        File::open(dir)?.sync_all()?;
    }
    Ok(())
}

impl Journal {
    /// Creates a new journal at `path` with `header`, synced before returning.
    pub fn create(path: &Path, header: &Header) -> Result<Self, JournalError> {
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(path)
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::AlreadyExists => JournalError::Exists {
                    path: path.to_owned(),
                },
                _ => JournalError::Io {
                    path: path.to_owned(),
                    source: e,
                },
            })?;
        let line = encode(header)?;
        let written = file
            .write_all(line.as_bytes())
            .and_then(|()| file.sync_data())
            .and_then(|()| sync_dir(path));
        if let Err(e) = written {
            // A half-written header would block the next attempt with
            // "already there" and hold nothing worth resuming.
            let _ = std::fs::remove_file(path);
            return Err(JournalError::Io {
                path: path.to_owned(),
                source: e,
            });
        }
        Ok(Self {
            path: path.to_owned(),
            file,
            good_len: line.len() as u64,
            written: vec![line],
            pending: VecDeque::new(),
            next_seq: 1,
            failures: Vec::new(),
        })
    }

    /// Reads the journal at `path` without changing it.
    pub fn read(path: &Path) -> Result<Scan, JournalError> {
        let bytes = std::fs::read(path).map_err(io(path))?;
        scan(path, &bytes)
    }

    /// Opens the journal at `path` to go on appending: a damaged last line is
    /// cut off the file (and reported in the scan), every earlier line kept.
    pub fn open_for_resume(path: &Path) -> Result<(Self, Scan), JournalError> {
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .open(path)
            .map_err(io(path))?;
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut file, &mut bytes).map_err(io(path))?;
        let scan = scan(path, &bytes)?;
        if scan.good_len < bytes.len() as u64 {
            file.set_len(scan.good_len).map_err(io(path))?;
            file.sync_data().map_err(io(path))?;
        }
        let good = &bytes[..usize::try_from(scan.good_len).unwrap_or(bytes.len())];
        let written = good
            .split_inclusive(|&b| b == b'\n')
            .map(|l| String::from_utf8_lossy(l).into_owned())
            .collect();
        let journal = Self {
            path: path.to_owned(),
            file,
            good_len: scan.good_len,
            written,
            pending: VecDeque::new(),
            next_seq: scan.records.last().map_or(1, |r| r.seq + 1),
            failures: Vec::new(),
        };
        Ok((journal, scan))
    }

    /// Appends `events`, all at drill time `drill_ms` and wall time `wall`,
    /// and syncs them; returns their seqs.
    ///
    /// On error the events are kept (with earlier pending ones) and retried
    /// by the next append or [`Journal::retry`]; the error says how many wait.
    pub fn append(
        &mut self,
        drill_ms: u64,
        wall: &str,
        events: &[Event],
    ) -> Result<Vec<u64>, JournalError> {
        let mut seqs = Vec::with_capacity(events.len());
        let mut lines = Vec::with_capacity(events.len());
        for event in events {
            let record = Record {
                seq: self.next_seq + seqs.len() as u64,
                drill_ms,
                wall: wall.to_owned(),
                event: event.clone(),
            };
            lines.push(encode(&record)?);
            seqs.push(record.seq);
        }
        self.next_seq += seqs.len() as u64;
        self.pending.extend(lines);
        self.flush(drill_ms, wall)?;
        Ok(seqs)
    }

    /// Tries again to write the pending events.
    pub fn retry(&mut self, drill_ms: u64, wall: &str) -> Result<(), JournalError> {
        self.flush(drill_ms, wall)
    }

    /// Events not yet on disk.
    #[must_use]
    pub fn pending(&self) -> usize {
        self.pending.len()
    }

    /// Every failed write so far, for the session file.
    #[must_use]
    pub fn failures(&self) -> &[WriteFailure] {
        &self.failures
    }

    /// The seq the next event will get.
    #[must_use]
    pub fn next_seq(&self) -> u64 {
        self.next_seq
    }

    fn flush(&mut self, drill_ms: u64, wall: &str) -> Result<(), JournalError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        match self.write_pending() {
            Ok(()) => {
                if let Some(f) = self.failures.last_mut().filter(|f| f.recovered.is_none()) {
                    f.recovered = Some(wall.to_owned());
                }
                Ok(())
            }
            Err(e) => {
                let error = match &e {
                    JournalError::Write { source, .. } => source.to_string(),
                    other => other.to_string(),
                };
                self.failures.push(WriteFailure {
                    wall: wall.to_owned(),
                    drill_ms,
                    error,
                    pending: self.pending.len(),
                    recovered: None,
                });
                Err(e)
            }
        }
    }

    fn write_pending(&mut self) -> Result<(), JournalError> {
        let path = self.path.clone();
        let fail = |source, pending| JournalError::Write {
            path: path.clone(),
            pending,
            source,
        };
        let n = self.pending.len();
        if !self.still_in_place().map_err(|e| fail(e, n))? {
            self.recreate()?;
        }
        let buf: String = self.pending.iter().map(String::as_str).collect();
        let result = self
            .file
            .seek(SeekFrom::Start(self.good_len))
            .and_then(|_| self.file.write_all(buf.as_bytes()))
            // A failed write may have left a torn tail beyond the good part:
            // cut it, so that the next attempt never buries a torn line.
            .and_then(|()| self.file.set_len(self.good_len + buf.len() as u64))
            .and_then(|()| self.file.sync_data());
        if let Err(e) = result {
            let _ = self.file.set_len(self.good_len);
            return Err(fail(e, n));
        }
        self.good_len += buf.len() as u64;
        self.written.extend(self.pending.drain(..));
        Ok(())
    }

    /// Whether the open file is still the one at `path` (the folder may have
    /// been removed, and writes to an unlinked file would be lost).
    fn still_in_place(&self) -> std::io::Result<bool> {
        let open = self.file.metadata()?;
        match std::fs::metadata(&self.path) {
            Ok(there) => Ok(same_file(&open, &there)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Writes every line known so far into a new file at `path`.
    fn recreate(&mut self) -> Result<(), JournalError> {
        let n = self.pending.len();
        let fail = |source| JournalError::Write {
            path: self.path.clone(),
            pending: n,
            source,
        };
        let mut file = match OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&self.path)
        {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(JournalError::Replaced {
                    path: self.path.clone(),
                });
            }
            Err(e) => return Err(fail(e)),
        };
        let buf: String = self.written.iter().map(String::as_str).collect();
        file.write_all(buf.as_bytes())
            .and_then(|()| file.sync_data())
            .and_then(|()| sync_dir(&self.path))
            .map_err(fail)?;
        self.file = file;
        self.good_len = buf.len() as u64;
        Ok(())
    }
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &std::fs::Metadata, _: &std::fs::Metadata) -> bool {
    true
}

/// Reads a journal's lines: the header, then records with seqs 1, 2, 3...
fn scan(path: &Path, bytes: &[u8]) -> Result<Scan, JournalError> {
    let mut header: Option<Header> = None;
    let mut records: Vec<Record> = Vec::new();
    let mut good_len = 0u64;
    let mut cut = None;
    let mut rest = bytes;
    let mut line_no = 0;
    while !rest.is_empty() {
        line_no += 1;
        let (line, after, complete) = match rest.iter().position(|&b| b == b'\n') {
            Some(i) => (&rest[..i], &rest[i + 1..], true),
            None => (rest, &rest[rest.len()..], false),
        };
        let parsed = if complete {
            parse_line(
                line,
                header.is_none(),
                records.last().map_or(1, |r| r.seq + 1),
            )
        } else {
            Err("the line is torn (no newline at its end)".to_owned())
        };
        match parsed {
            Ok(Line::Header(h)) => {
                if h.journal != JOURNAL_MAGIC {
                    return Err(JournalError::NotAJournal {
                        path: path.to_owned(),
                    });
                }
                if h.schema > JOURNAL_SCHEMA {
                    return Err(JournalError::Newer {
                        path: path.to_owned(),
                        found: h.schema,
                    });
                }
                header = Some(*h);
            }
            Ok(Line::Record(r)) => records.push(*r),
            Err(reason) if after.iter().all(u8::is_ascii_whitespace) => {
                cut = Some(Cut {
                    line: line_no,
                    bytes: rest.len() as u64,
                    reason,
                });
                break;
            }
            Err(reason) => {
                return Err(JournalError::Damaged {
                    path: path.to_owned(),
                    line: line_no,
                    reason,
                });
            }
        }
        good_len += (line.len() + 1) as u64;
        rest = after;
    }
    let header = header.ok_or_else(|| JournalError::NoHeader {
        path: path.to_owned(),
    })?;
    Ok(Scan {
        header,
        records,
        cut,
        good_len,
    })
}

enum Line {
    Header(Box<Header>),
    Record(Box<Record>),
}

fn parse_line(line: &[u8], want_header: bool, want_seq: u64) -> Result<Line, String> {
    let describe = |e: LineError| e.to_string();
    if want_header {
        return decode::<Header>(line)
            .map(|h| Line::Header(Box::new(h)))
            .map_err(describe);
    }
    let record: Record = decode(line).map_err(describe)?;
    if record.seq == want_seq {
        Ok(Line::Record(Box::new(record)))
    } else {
        Err(format!(
            "its seq is {}, {want_seq} was expected",
            record.seq
        ))
    }
}
