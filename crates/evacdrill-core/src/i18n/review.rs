//! Words of the review browser (`evacdrill review`) and the reports
//! (`evacdrill report`), and the names of the review's figures.

use super::{Lang, catalogue};
use crate::review::{ActionKind, Direction, Figure, HoldReason, MarshalPost, TargetOutcome};
use crate::session::{Place, SessionKind};

catalogue! {
    /// Labels of the review and the reports.
    pub enum ReviewText {
        Title => en: "Drill review", zh: "演练评估";
        ReportTitle { drill: String } => en: "Drill report — {drill}", zh: "演练报告 — {drill}";
        TabSummary => en: "Summary", zh: "概况";
        TabTimeline => en: "Timeline", zh: "时间线";
        TabClasses => en: "Classes", zh: "班级";
        TabProblems => en: "Problems", zh: "问题";
        TabEvents => en: "Events", zh: "事件";
        TabTrend => en: "Trend", zh: "趋势";
        DrillRecord => en: "Drill record", zh: "演练记录";
        Stairwells => en: "Stairwells", zh: "楼梯";
        Classes => en: "Classes", zh: "班级";
        ProblemsAndActions => en: "Problems and actions", zh: "问题与整改措施";
        TrendAcross => en: "Trend across drills", zh: "历次演练趋势";
        Drill => en: "Drill", zh: "演练";
        Building => en: "Building", zh: "建筑";
        Source => en: "Session file", zh: "记录文件";
        FromJournal => en: "rebuilt from the journal", zh: "由日志重建";
        Kind => en: "Kind", zh: "类型";
        ConductedBy => en: "Conducted by", zh: "组织人";
        DateTime => en: "Date and time", zh: "日期和时间";
        Alarm => en: "Alarm given by", zh: "报警方式";
        Staff => en: "Staff on duty", zh: "值守人员";
        Evacuated => en: "Number evacuated", zh: "疏散人数";
        EvacuatedOf { present: u32, expected: u32 } => en: "{present} of {expected}", zh: "{present} / 应到 {expected}";
        Conditions => en: "Conditions simulated", zh: "模拟情况";
        Weather => en: "Weather", zh: "天气";
        Scenario => en: "Scenario", zh: "场景";
        EvacuationTime => en: "Evacuation time (signal to last class out)", zh: "疏散用时（信号至最后一个班撤出）";
        AccountingTime => en: "Accounting time (signal to last headcount)", zh: "清点用时（信号至最后一次清点）";
        TotalTime => en: "Total time", zh: "总用时";
        Target => en: "Target", zh: "目标";
        LastPlanned => en: "Last planned release", zh: "最后计划放行";
        MaxGateDelay => en: "Longest gate delay of a release", zh: "单次放行最长闸控等待";
        ProblemsFound => en: "Problems found", zh: "发现的问题";
        ProblemsCount { count: usize, withdrawn: usize } => en: "{count} (withdrawn: {withdrawn})", zh: "{count}（已撤回：{withdrawn}）";
        ChecklistFailed => en: "Checklist items failed", zh: "未通过的检查项";
        Unmanned => en: "Started without a marshal at", zh: "开始时无安全员的楼梯";
        Ending => en: "Ending", zh: "结束方式";
        EndedComplete => en: "complete", zh: "完成";
        EndedEarly { reason: String } => en: "ended early: {reason}", zh: "提前结束：{reason}";
        NotEnded => en: "not ended (record stops here)", zh: "未结束（记录到此为止）";
        CrashGaps { count: usize, secs: u64 } => en: "{count} crash(es), {secs} s lost", zh: "{count} 次中断，共 {secs} 秒";
        None_ => en: "none", zh: "无";
        Dash => en: "—", zh: "—";
        NotReached => en: "not reached", zh: "未完成";
        TargetMet { target: String, margin: String } => en: "{target}: met, {margin} to spare", zh: "{target}：达成，余 {margin}";
        TargetMissed { target: String, over: String } => en: "{target}: MISSED by {over}", zh: "{target}：未达成，超出 {over}";
        TargetNotReached { target: String } => en: "{target}: not reached (not every class got out)", zh: "{target}：未完成（并非所有班级都已撤出）";
        NoTarget => en: "no target set", zh: "未设目标";
        ColStairwell => en: "Stairwell", zh: "楼梯";
        ColMarshal => en: "Marshal", zh: "安全员";
        ColAtPost => en: "At post", zh: "到岗";
        ColFirstRelease => en: "First release", zh: "首次放行";
        ColLastRelease => en: "Last release", zh: "最后放行";
        ColClear => en: "Clear", zh: "清空";
        ColHold => en: "Held", zh: "暂停";
        ColCongestion => en: "Congestion", zh: "拥堵";
        ColMarshalAbsent => en: "No marshal", zh: "安全员不在岗";
        ColClearWait => en: "Waiting for clear", zh: "等待确认";
        ColProblems => en: "Problems", zh: "问题";
        ColPeople => en: "People", zh: "人数";
        ColClass => en: "Class", zh: "班级";
        ColPlan => en: "Plan", zh: "计划";
        ColRelease => en: "Release", zh: "放行";
        ColDelay => en: "Delay", zh: "延误";
        ColGates => en: "Gates", zh: "闸控";
        ColRest => en: "Other", zh: "其他";
        ColOut => en: "Out", zh: "撤出";
        ColReleaseToOut => en: "Release→out", zh: "放行至撤出";
        ColExpected => en: "Expected", zh: "应到";
        ColPresent => en: "Present", zh: "实到";
        ColMissing => en: "Missing", zh: "缺席";
        ColInjured => en: "Injured", zh: "受伤";
        ColTime => en: "Time", zh: "时间";
        ColWall => en: "Clock", zh: "钟点";
        ColCategory => en: "Category", zh: "类别";
        ColPlace => en: "Place", zh: "地点";
        ColDescription => en: "Description", zh: "描述";
        ColAction => en: "Recommended action", zh: "建议措施";
        ColStatus => en: "Status", zh: "状态";
        ColSeq => en: "#", zh: "序号";
        ColEvent => en: "Event", zh: "事件";
        ColDrill => en: "Drill", zh: "演练";
        ColDate => en: "Date", zh: "日期";
        ColTarget => en: "Target", zh: "目标";
        ColFigure => en: "Figure", zh: "指标";
        ColTrend => en: "Trend", zh: "趋势";
        ColBest => en: "Best", zh: "最好";
        ColWorst => en: "Worst", zh: "最差";
        Withdrawn => en: "withdrawn", zh: "已撤回";
        Corrected => en: "corrected", zh: "已更正";
        CorrectedBy { seq: u64 } => en: "corrected by #{seq}", zh: "已由第 {seq} 条更正";
        Counts => en: "counts", zh: "有效";
        ByHand => en: "by hand", zh: "手动";
        NotReleased => en: "not released", zh: "未放行";
        Met => en: "met", zh: "达成";
        Missed => en: "missed", zh: "未达成";
        ByCategory => en: "By category", zh: "按类别";
        ByPlace => en: "By place", zh: "按地点";
        NoProblems => en: "No problems were logged.", zh: "没有记录问题。";
        WithdrawnNote => en: "Withdrawn entries are listed but not counted.", zh: "已撤回的记录仅列出，不计入统计。";
        LegendPlan => en: "plan", zh: "计划";
        LegendActual => en: "actual", zh: "实际";
        LegendHold => en: "held", zh: "暂停";
        LegendCongestion => en: "congestion", zh: "拥堵";
        LegendMarshal => en: "no marshal", zh: "安全员不在岗";
        LegendBlocked => en: "blocked", zh: "封闭";
        LegendProblem => en: "problem", zh: "问题";
        Seconds => en: "s", zh: "秒";
        TargetSummary { met: usize, missed: usize } => en: "Target met in {met} drill(s), missed in {missed}", zh: "{met} 次达成目标，{missed} 次未达成";
        TrendOf { school: String, count: usize } => en: "{school}: {count} drill(s)", zh: "{school}：共 {count} 次演练";
        TrendNeedsMore => en: "Give several session files of one school to see a trend.", zh: "请提供同一学校的多个记录文件以查看趋势。";
        Generated { generator: String } => en: "Written by {generator}", zh: "由 {generator} 生成";
        SearchPrompt => en: "search", zh: "搜索";
        SearchNone { query: String } => en: "no event matches “{query}”", zh: "没有与“{query}”匹配的事件";
        SearchHit { index: usize, count: usize } => en: "match {index} of {count}", zh: "第 {index} 个，共 {count} 个匹配";
        SessionOf { index: usize, count: usize, source: String } => en: "session {index}/{count}: {source}", zh: "记录 {index}/{count}：{source}";
        HelpTitle => en: "Keys", zh: "按键";
        TooSmall { w: u16, h: u16 } => en: "Make the terminal larger: at least 60×16 (now {w}×{h})", zh: "请把终端窗口放大：至少 60×16（当前 {w}×{h}）";
        Stairwell { id: String } => en: "stairwell {id}", zh: "楼梯 {id}";
        Floor { floor: i32 } => en: "floor {floor}", zh: "{floor} 层";
        ClassPlace { name: String } => en: "class {name}", zh: "班级 {name}";
        Anywhere => en: "the building / assembly point", zh: "整栋楼 / 集合点";
        BeforeSignal => en: "before the signal", zh: "信号前";
        ArrivedAt { time: String } => en: "late, at {time}", zh: "迟到，{time}";
        Waived => en: "never (started without)", zh: "未到岗（强制开始）";
        Never => en: "never", zh: "未到岗";
        Blocked => en: "blocked", zh: "封闭";
        Improving => en: "improving", zh: "改善";
        Steady => en: "steady", zh: "持平";
        Worsening => en: "worsening", zh: "变差";
        NotEnoughData => en: "not enough drills", zh: "演练次数不足";
        FigEvacuation => en: "Evacuation time", zh: "疏散用时";
        FigAccounting => en: "Accounting time", zh: "清点用时";
        FigProblems => en: "Problems", zh: "问题数";
        FigMaxGate => en: "Longest gate delay", zh: "最长闸控等待";
        FigTargetMet => en: "Target met", zh: "是否达标";
        KindDrill => en: "drill", zh: "演练";
        KindReal => en: "real emergency", zh: "真实紧急情况";
        KindTest => en: "test", zh: "测试";
        KindRehearsal => en: "rehearsal (simulated)", zh: "模拟排练";
        KindNotStarted => en: "not started", zh: "未开始";
        ScenarioFire => en: "fire", zh: "火灾";
        ScenarioEarthquake => en: "earthquake", zh: "地震";
        ScenarioOther => en: "other", zh: "其他";
    }
}

catalogue! {
    /// What each key of the review browser does: its help and its footer.
    pub enum ReviewKeyText {
        Help => en: "this help", zh: "本帮助";
        Quit => en: "quit", zh: "退出";
        Close => en: "close the help; clear the search", zh: "关闭帮助；清除搜索";
        NextTab => en: "next tab", zh: "下一个标签页";
        PrevTab => en: "previous tab", zh: "上一个标签页";
        GoTab { tab: String } => en: "the {tab} tab", zh: "“{tab}”标签页";
        Up => en: "scroll up", zh: "向上滚动";
        Down => en: "scroll down", zh: "向下滚动";
        Left => en: "scroll a wide table left", zh: "宽表格向左滚动";
        Right => en: "scroll a wide table right", zh: "宽表格向右滚动";
        PageUp => en: "page up", zh: "向上翻页";
        PageDown => en: "page down", zh: "向下翻页";
        Home => en: "to the top", zh: "回到顶部";
        End => en: "to the bottom", zh: "到底部";
        PrevSession => en: "previous session", zh: "上一个记录";
        NextSession => en: "next session", zh: "下一个记录";
        Search => en: "search the events", zh: "搜索事件";
        NextMatch => en: "next match", zh: "下一个匹配";
        PrevMatch => en: "previous match", zh: "上一个匹配";
        SubmitSearch => en: "search for what was typed", zh: "按输入内容搜索";
        CancelSearch => en: "stop searching", zh: "取消搜索";
        Erase => en: "erase a character", zh: "删除一个字";
        WhileSearching => en: "While typing a search", zh: "输入搜索内容时";
        CloseHelp { keys: String } => en: "{keys}: close this help", zh: "{keys}：关闭本帮助";
        FooterTabs => en: "tabs", zh: "标签";
        FooterScroll => en: "scroll", zh: "滚动";
        FooterSession => en: "session", zh: "记录";
        FooterSearch => en: "search", zh: "搜索";
        FooterHelp => en: "help", zh: "帮助";
        FooterQuit => en: "quit", zh: "退出";
    }
}

catalogue! {
    /// The action a report recommends for a problem, at its place.
    pub enum ActionText {
        ReviewStagger { place: String } => en: "Review the stagger at {place}: release fewer classes together, or add a marshal at the landing", zh: "复核 {place} 的错峰放行：减少同时放行的班级，或在楼梯转角平台增派安全员";
        CheckStairSafety { place: String } => en: "Check stair surfaces and handrails at {place}; remind classes not to push; review first aid", zh: "检查 {place} 的台阶和扶手；提醒学生不推不挤；复查急救安排";
        KeepRouteClear { place: String } => en: "Keep {place} clear: name someone to check it before each drill, and rehearse the alternate route", zh: "保持 {place} 畅通：指定专人在每次演练前检查，并演练备用路线";
        FixLighting { place: String } => en: "Repair the lighting at {place} and add it to the pre-drill checklist", zh: "修复 {place} 的照明，并列入演练前检查清单";
        ClassReadiness { place: String } => en: "Go over readiness with the teacher ({place}): who leads, who closes the door, practise leaving", zh: "与班主任（{place}）梳理准备流程：谁带队、谁关门，并加强练习";
        FixEquipment { place: String } => en: "Repair or replace the equipment at {place} and test it before the next drill", zh: "维修或更换 {place} 的设备，并在下次演练前测试";
        AssignOwner { place: String } => en: "Discuss at the committee and name someone to follow up ({place})", zh: "提交安全委员会讨论，并指定专人跟进（{place}）";
    }
}

catalogue! {
    /// Why a session cannot be reviewed, and what was done instead.
    pub enum LoadText {
        NotFound { file: String } => en: "{file}: no such file", zh: "{file}：文件不存在";
        Io { file: String, detail: String } => en: "{file}: cannot be read: {detail}", zh: "{file}：无法读取：{detail}";
        Newer { file: String, found: u64, known: u32 } => en: "{file}: session format {found} is newer than this program reads ({known}); update evacdrill", zh: "{file}：记录格式版本 {found} 比本程序支持的版本（{known}）新；请更新 evacdrill";
        Truncated { file: String, line: usize, column: usize } => en: "{file}: the file ends early at line {line}, column {column}: it was cut short (copy it again, or review the journal instead)", zh: "{file}：文件在第 {line} 行第 {column} 列提前结束，已被截断（请重新复制，或改为评估日志文件）";
        Corrupt { file: String, line: usize, column: usize, detail: String } => en: "{file}: damaged at line {line}, column {column}: {detail}", zh: "{file}：第 {line} 行第 {column} 列已损坏：{detail}";
        Shape { file: String, detail: String } => en: "{file}: not a session file: {detail}", zh: "{file}：不是演练记录文件：{detail}";
        Script { file: String } => en: "{file}: the drill script inside does not check", zh: "{file}：其中的演练脚本无法通过检查";
        Replay { file: String, detail: String } => en: "{file}: the events do not replay: {detail}", zh: "{file}：事件无法回放：{detail}";
        Journal { file: String, detail: String } => en: "{file}: the journal cannot be read: {detail}", zh: "{file}：日志无法读取：{detail}";
        NotSession { file: String } => en: "{file}: give a .session.json or a .journal.jsonl file", zh: "{file}：请提供 .session.json 或 .journal.jsonl 文件";
        UsingJournal { file: String, journal: String, problem: String } => en: "{file}: {problem}; reviewing the journal {journal} instead", zh: "{file}：{problem}；改为评估日志 {journal}";
        JournalCut { file: String, line: usize } => en: "{file}: damaged last line {line} left out", zh: "{file}：已忽略损坏的最后一行（第 {line} 行）";
        Wrote { file: String } => en: "wrote {file}", zh: "已写入 {file}";
        WriteFailed { file: String, detail: String } => en: "{file}: cannot be written: {detail}", zh: "{file}：无法写入：{detail}";
        Terminal { detail: String } => en: "the terminal cannot be used: {detail}", zh: "无法使用终端：{detail}";
    }
}

/// A place in words.
#[must_use]
pub fn place(p: &Place, script_class_name: impl Fn(&str) -> String, lang: Lang) -> String {
    match p {
        Place::Stairwell(s) => ReviewText::Stairwell { id: s.0.clone() },
        Place::Floor(f) => ReviewText::Floor { floor: *f },
        Place::Class(c) => ReviewText::ClassPlace {
            name: script_class_name(&c.0),
        },
        Place::Unspecified => ReviewText::Anywhere,
    }
    .text(lang)
}

/// The recommended action for a problem at `place` (already in words).
#[must_use]
pub fn action(kind: ActionKind, place: String, lang: Lang) -> String {
    match kind {
        ActionKind::ReviewStagger => ActionText::ReviewStagger { place },
        ActionKind::CheckStairSafety => ActionText::CheckStairSafety { place },
        ActionKind::KeepRouteClear => ActionText::KeepRouteClear { place },
        ActionKind::FixLighting => ActionText::FixLighting { place },
        ActionKind::ClassReadiness => ActionText::ClassReadiness { place },
        ActionKind::FixEquipment => ActionText::FixEquipment { place },
        ActionKind::AssignOwner => ActionText::AssignOwner { place },
    }
    .text(lang)
}

/// When the marshal took post, in words.
#[must_use]
pub fn marshal_post(p: MarshalPost, lang: Lang) -> String {
    match p {
        MarshalPost::BeforeSignal => ReviewText::BeforeSignal,
        MarshalPost::Arrived { ms } => ReviewText::ArrivedAt {
            time: crate::review::mmss(ms),
        },
        MarshalPost::Waived => ReviewText::Waived,
        MarshalPost::Never => ReviewText::Never,
    }
    .text(lang)
}

/// The evacuation time against the target, in words.
#[must_use]
pub fn target(outcome: TargetOutcome, target_ms: Option<u64>, lang: Lang) -> String {
    let target = crate::review::mmss_or_dash(target_ms);
    match outcome {
        TargetOutcome::Met { margin_ms } => ReviewText::TargetMet {
            target,
            margin: crate::review::mmss(margin_ms),
        },
        TargetOutcome::Missed { over_ms } => ReviewText::TargetMissed {
            target,
            over: crate::review::mmss(over_ms),
        },
        TargetOutcome::NotReached => ReviewText::TargetNotReached { target },
        TargetOutcome::NoTarget => ReviewText::NoTarget,
    }
    .text(lang)
}

/// A trend's direction in words.
#[must_use]
pub fn direction(d: Direction, lang: Lang) -> String {
    match d {
        Direction::Improving => ReviewText::Improving,
        Direction::Steady => ReviewText::Steady,
        Direction::Worsening => ReviewText::Worsening,
        Direction::NotEnoughData => ReviewText::NotEnoughData,
    }
    .text(lang)
}

/// A figure's name.
#[must_use]
pub fn figure(f: Figure, lang: Lang) -> String {
    match f {
        Figure::EvacuationTime => ReviewText::FigEvacuation,
        Figure::AccountingTime => ReviewText::FigAccounting,
        Figure::Problems => ReviewText::FigProblems,
        Figure::MaxGateDelay => ReviewText::FigMaxGate,
    }
    .text(lang)
}

/// A figure's value: times as `m:ss`, counts as numbers.
#[must_use]
pub fn figure_value(f: Figure, value: Option<u64>) -> String {
    match (f, value) {
        (_, None) => "—".to_owned(),
        (Figure::Problems, Some(v)) => v.to_string(),
        (_, Some(v)) => crate::review::mmss(v),
    }
}

/// The kind of session in words.
#[must_use]
pub fn kind(k: Option<SessionKind>, lang: Lang) -> String {
    match k {
        Some(SessionKind::Drill) => ReviewText::KindDrill,
        Some(SessionKind::Real) => ReviewText::KindReal,
        Some(SessionKind::Test) => ReviewText::KindTest,
        Some(SessionKind::Rehearsal) => ReviewText::KindRehearsal,
        None => ReviewText::KindNotStarted,
    }
    .text(lang)
}

/// The scenario in words.
#[must_use]
pub fn scenario(s: crate::script::Scenario, lang: Lang) -> String {
    use crate::script::Scenario;
    match s {
        Scenario::Fire => ReviewText::ScenarioFire,
        Scenario::Earthquake => ReviewText::ScenarioEarthquake,
        Scenario::Other => ReviewText::ScenarioOther,
    }
    .text(lang)
}

/// A hold's reason in words (the chart's legend).
#[must_use]
pub fn hold_reason(r: HoldReason, lang: Lang) -> String {
    match r {
        HoldReason::Coordinator => ReviewText::LegendHold,
        HoldReason::Congestion => ReviewText::LegendCongestion,
        HoldReason::MarshalAbsent => ReviewText::LegendMarshal,
        HoldReason::Blocked => ReviewText::LegendBlocked,
    }
    .text(lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::ActionKind;

    #[test]
    fn every_action_names_its_place_in_both_languages() {
        let kinds = [
            ActionKind::ReviewStagger,
            ActionKind::CheckStairSafety,
            ActionKind::KeepRouteClear,
            ActionKind::FixLighting,
            ActionKind::ClassReadiness,
            ActionKind::FixEquipment,
            ActionKind::AssignOwner,
        ];
        for k in kinds {
            for lang in [Lang::En, Lang::ZhCn] {
                let text = action(k, "PLACE".to_owned(), lang);
                assert!(text.contains("PLACE"), "{k:?} {lang:?}: {text}");
            }
        }
    }
}
