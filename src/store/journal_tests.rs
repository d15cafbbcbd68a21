//! The journal's behaviour on a disk that misbehaves, driven directly.

use std::path::Path;

use evacdrill_core::session::{Event, Schedule};

use super::journal::{Journal, JournalError};
use super::record::{Header, JOURNAL_MAGIC, JOURNAL_SCHEMA, LineError, Record, decode, encode};

fn header() -> Header {
    Header {
        journal: JOURNAL_MAGIC.to_owned(),
        schema: JOURNAL_SCHEMA,
        created: "2026-03-02T10:00:00.000+08:00".to_owned(),
        script_name: "t.toml".to_owned(),
        script_toml: String::new(),
        schedule: Schedule::default(),
    }
}

fn gap(ms: u64) -> Event {
    Event::ResumedAfterCrash { gap_ms: ms }
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"))
}

fn create(path: &Path) -> Journal {
    Journal::create(path, &header()).unwrap_or_else(|e| panic!("create: {e}"))
}

#[test]
fn appended_events_read_back_in_order_with_their_times() {
    let dir = tempdir();
    let path = dir.path().join("j.jsonl");
    let mut j = create(&path);
    assert_eq!(j.append(0, "w0", &[gap(1), gap(2)]).ok(), Some(vec![1, 2]));
    assert_eq!(j.append(1_500, "w1", &[gap(3)]).ok(), Some(vec![3]));
    let scan = Journal::read(&path).unwrap_or_else(|e| panic!("read: {e}"));
    assert_eq!(scan.header, header());
    let seen: Vec<(u64, u64, Event)> = scan
        .records
        .into_iter()
        .map(|r| (r.seq, r.drill_ms, r.event))
        .collect();
    assert_eq!(seen, [(1, 0, gap(1)), (2, 0, gap(2)), (3, 1_500, gap(3))]);
    assert!(scan.cut.is_none());
}

#[test]
fn a_second_journal_with_the_same_name_is_refused() {
    let dir = tempdir();
    let path = dir.path().join("j.jsonl");
    let _first = create(&path);
    assert!(matches!(
        Journal::create(&path, &header()),
        Err(JournalError::Exists { .. })
    ));
}

#[test]
fn a_removed_folder_keeps_the_events_pending_until_a_retry_succeeds() {
    let dir = tempdir();
    let folder = dir.path().join("usb");
    std::fs::create_dir(&folder).unwrap_or_else(|e| panic!("mkdir: {e}"));
    let path = folder.join("j.jsonl");
    let mut j = create(&path);
    assert!(j.append(0, "w0", &[gap(1)]).is_ok());
    std::fs::remove_dir_all(&folder).unwrap_or_else(|e| panic!("rm: {e}"));

    let err = j.append(2_000, "w2", &[gap(2)]);
    assert!(
        matches!(err, Err(JournalError::Write { pending: 1, .. })),
        "{err:?}"
    );
    assert!(j.append(3_000, "w3", &[gap(3)]).is_err());
    assert_eq!(j.pending(), 2);
    assert_eq!(j.failures().len(), 2);
    assert_eq!(j.failures()[0].drill_ms, 2_000);

    std::fs::create_dir(&folder).unwrap_or_else(|e| panic!("mkdir: {e}"));
    assert!(j.retry(4_000, "w4").is_ok());
    assert_eq!(j.pending(), 0);
    assert_eq!(j.failures()[1].recovered.as_deref(), Some("w4"));
    // The new file holds everything, the event written before the loss too.
    let scan = Journal::read(&path).unwrap_or_else(|e| panic!("read: {e}"));
    let seqs: Vec<u64> = scan.records.iter().map(|r| r.seq).collect();
    assert_eq!(seqs, [1, 2, 3]);
    // And appending goes on in the new file.
    assert_eq!(j.append(5_000, "w5", &[gap(4)]).ok(), Some(vec![4]));
}

#[test]
fn reopening_cuts_a_corrupt_last_line_but_not_a_seq_gap_in_the_middle() {
    let dir = tempdir();
    let path = dir.path().join("j.jsonl");
    let mut j = create(&path);
    assert!(j.append(0, "w", &[gap(1), gap(2)]).is_ok());
    drop(j);
    // A complete last line whose checksum is wrong: cut.
    let mut bytes = std::fs::read(&path).unwrap_or_default();
    let len = bytes.len();
    bytes[len - 5] = if bytes[len - 5] == b'0' { b'1' } else { b'0' };
    std::fs::write(&path, &bytes).unwrap_or_else(|e| panic!("write: {e}"));
    let (j, scan) = Journal::open_for_resume(&path).unwrap_or_else(|e| panic!("open: {e}"));
    assert_eq!(scan.cut.as_ref().map(|c| c.line), Some(3));
    assert_eq!(j.next_seq(), 2);

    // A well-formed line with the wrong seq in the middle: an error.
    let record = Record {
        seq: 9,
        drill_ms: 0,
        wall: "w".to_owned(),
        event: gap(9),
    };
    let mut text = std::fs::read_to_string(&path).unwrap_or_default();
    text.push_str(&encode(&record).unwrap_or_default());
    text.push_str(&encode(&record).unwrap_or_default());
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("write: {e}"));
    let err = Journal::read(&path);
    assert!(
        matches!(err, Err(JournalError::Damaged { line: 3, .. })),
        "{err:?}"
    );
}

#[test]
fn a_newer_journal_or_another_file_is_refused() {
    let dir = tempdir();
    let path = dir.path().join("j.jsonl");
    let newer = Header {
        schema: JOURNAL_SCHEMA + 1,
        ..header()
    };
    std::fs::write(&path, encode(&newer).unwrap_or_default())
        .unwrap_or_else(|e| panic!("write: {e}"));
    assert!(matches!(
        Journal::read(&path),
        Err(JournalError::Newer { found: 2, .. })
    ));
    let other = Header {
        journal: "something-else".to_owned(),
        ..header()
    };
    std::fs::write(&path, encode(&other).unwrap_or_default())
        .unwrap_or_else(|e| panic!("write: {e}"));
    assert!(matches!(
        Journal::read(&path),
        Err(JournalError::NotAJournal { .. })
    ));
    std::fs::write(&path, b"").unwrap_or_else(|e| panic!("write: {e}"));
    assert!(matches!(
        Journal::read(&path),
        Err(JournalError::NoHeader { .. })
    ));
}

fn sample() -> Record {
    Record {
        seq: 7,
        drill_ms: 41_250,
        wall: "2026-03-02T10:15:41.250+08:00".to_owned(),
        event: Event::ResumedAfterCrash { gap_ms: 9 },
    }
}

#[test]
fn a_line_round_trips_and_ends_with_its_checksum() {
    let line = encode(&sample()).unwrap_or_default();
    assert!(line.ends_with("\"}\n"), "{line}");
    assert!(line.contains(",\"crc\":\""), "{line}");
    let back: Result<Record, _> = decode(line.trim_end().as_bytes());
    assert_eq!(back, Ok(sample()));
}

#[test]
fn a_flipped_byte_or_a_torn_line_is_caught() {
    let line = encode(&sample()).unwrap_or_default();
    let flipped = line.trim_end().replace("41250", "41251");
    assert_eq!(
        decode::<Record>(flipped.as_bytes()),
        Err(LineError::Checksum)
    );
    let torn = &line.as_bytes()[..line.len() / 2];
    assert_eq!(decode::<Record>(torn), Err(LineError::NoChecksum));
}
