//! Words of the commands that write recorded sessions outside a live drill:
//! `evacdrill rebuild` (the session file from an ended drill's journal) and
//! `evacdrill sample` (example recorded drills for trying evacdrill).

use super::catalogue;

catalogue! {
    /// What `evacdrill rebuild JOURNAL` says.
    pub enum RebuildText {
        Wrote { file: String, events: usize, journal: String }
            => en: "Session file written: {file} ({events} events from {journal})",
               zh: "已写入演练记录文件：{file}（来自日志 {journal} 的 {events} 条记录）";
        CutLine { journal: String, line: usize }
            => en: "{journal}: the damaged last line {line} (a write the power cut interrupted) was left out; every earlier entry is kept, and the journal is not changed",
               zh: "{journal}：最后一行（第 {line} 行）在写入时被中断、已损坏，未予采用；之前的记录全部保留，日志文件本身未被修改";
        NotEnded { journal: String, script: String, last: String }
            => en: "{journal}: the drill in this journal has not ended (its last entry is at drill time {last}), so it has no session file yet. To go on with it: evacdrill run {script} --resume {journal}. To look at it as it is, give the journal to `evacdrill review` or `evacdrill report`",
               zh: "{journal}：该日志中的演练尚未结束（最后一条记录在演练时间 {last}），因此还没有演练记录文件。如需继续该演练：evacdrill run {script} --resume {journal}。如只需查看现有内容，可直接把日志交给 `evacdrill review` 或 `evacdrill report`";
        Exists { file: String }
            => en: "{file}: a session file is already there; give --force to replace it, or -o to write elsewhere (nothing was written)",
               zh: "{file}：已有演练记录文件；如需替换请加 --force，或用 -o 写到别处（未写入任何内容）";
        NotFound { file: String }
            => en: "{file}: no such file",
               zh: "{file}：文件不存在";
        NotAJournal { file: String }
            => en: "{file}: not an evacdrill journal (give the NAME.journal.jsonl written during the drill)",
               zh: "{file}：不是 evacdrill 日志（请提供演练时写下的 NAME.journal.jsonl 文件）";
        NoHeader { file: String }
            => en: "{file}: the journal holds no header: it is empty, or its first line is damaged",
               zh: "{file}：日志没有文件头：文件为空，或第一行已损坏";
        Newer { file: String, found: u32, known: u32 }
            => en: "{file}: journal format {found} is newer than this program reads ({known}); update evacdrill",
               zh: "{file}：日志格式版本 {found} 比本程序支持的版本（{known}）新；请更新 evacdrill";
        Damaged { file: String, line: usize, reason: String }
            => en: "{file}: line {line} is damaged ({reason}) and more lines follow it, so the journal cannot be trusted as it is; keep a copy and have someone look at that line (nothing was written)",
               zh: "{file}：第 {line} 行已损坏（{reason}），且其后还有记录，日志无法按原样使用；请保留副本并请人检查该行（未写入任何内容）";
        Unreadable { file: String, detail: String }
            => en: "{file}: cannot be read: {detail}",
               zh: "{file}：无法读取：{detail}";
        Script { file: String }
            => en: "{file}: the drill script recorded in the journal does not check",
               zh: "{file}：日志中记录的演练脚本无法通过检查";
        Replay { file: String, detail: String }
            => en: "{file}: the events do not replay: {detail}",
               zh: "{file}：事件无法回放：{detail}";
        WriteFailed { file: String, detail: String }
            => en: "{file}: cannot be written: {detail}",
               zh: "{file}：无法写入：{detail}";
        ReadBack { file: String }
            => en: "{file}: the file written does not read back as written; keep the journal, and write the session file to another disk with -o",
               zh: "{file}：写入的文件读回后与写入内容不一致；请保留日志，并用 -o 把演练记录文件写到另一个磁盘";
    }
}

catalogue! {
    /// What `evacdrill sample SCRIPT` says.
    pub enum SampleText {
        Wrote { file: String }
            => en: "wrote {file}",
               zh: "已写入 {file}";
        Exists { file: String }
            => en: "{file}: already there; give --force to replace it, or choose another --out folder (nothing was written)",
               zh: "{file}：文件已存在；如需替换请加 --force，或用 --out 选择其他文件夹（未写入任何内容）";
        ScriptInvalid { file: String }
            => en: "{file}: the script does not check (see above); no sample was written",
               zh: "{file}：脚本未通过检查（见上文）；未写入任何示例";
        BadStart { value: String }
            => en: "--start `{value}` is not a time with an offset; write it as 2026-03-02T10:00:00+08:00",
               zh: "--start `{value}` 不是带时区偏移的时间；请写成 2026-03-02T10:00:00+08:00 的形式";
        Generate { detail: String }
            => en: "the sample drill cannot be made from this script: {detail}",
               zh: "无法用该脚本生成示例演练：{detail}";
        Folder { dir: String, detail: String }
            => en: "{dir}: the folder cannot be created: {detail}",
               zh: "{dir}：无法创建文件夹：{detail}";
        WriteFailed { file: String, detail: String }
            => en: "{file}: cannot be written: {detail}",
               zh: "{file}：无法写入：{detail}";
        NotReal
            => en: "These are made-up recordings for trying evacdrill, marked as rehearsals (kind: rehearsal), not records of drills that took place.",
               zh: "以上是为试用 evacdrill 而生成的示例记录，类型标为“模拟排练”，并非真实演练的记录。";
        TryReview { files: String }
            => en: "Browse them:    evacdrill review {files}",
               zh: "浏览记录：   evacdrill review {files}";
        TryReport { files: String }
            => en: "Report on them: evacdrill report {files} --format html -o report.html",
               zh: "生成报告：   evacdrill report {files} --format html -o report.html";
    }
}
