//! Messages of the drill session: why an input was refused, and what
//! happened, for the dashboard's log.

use super::{Lang, catalogue};
use crate::script::Script;
use crate::session::{Event, Scope};

catalogue! {
    /// The phase of a drill, as a message names it.
    pub enum PhaseName {
        Briefing => en: "in its briefing", zh: "处于演练前准备阶段";
        Running => en: "running", zh: "正在进行";
        Accounting => en: "counting heads", zh: "处于清点人数阶段";
        Ended => en: "over", zh: "已经结束";
    }
}

impl super::LocalArg for PhaseName {
    type Out = String;
    fn local(&self, lang: super::Lang) -> String {
        self.text(lang)
    }
}

catalogue! {
    /// Why the session refused an input (nothing was recorded).
    pub enum SessionMsg {
        Ended
            => en: "the drill is over; nothing more can be recorded",
               zh: "演练已经结束，不能再记录任何内容";
        WrongPhase { phase: PhaseName }
            => en: "this cannot be done while the drill is {phase}",
               zh: "演练{phase}，现在不能这样操作";
        TimeWentBack { now: String, last: String }
            => en: "the clock went back from {last} to {now}; check the computer's clock source",
               zh: "时钟从 {last} 倒退到 {now}；请检查电脑的时钟";
        UnknownClass { class: String }
            => en: "the script has no class `{class}`",
               zh: "脚本中没有班级 `{class}`";
        UnknownStairwell { stairwell: String }
            => en: "the script has no stairwell `{stairwell}`",
               zh: "脚本中没有楼梯 `{stairwell}`";
        UnknownChecklistItem { item: usize, len: usize }
            => en: "the checklist has no item {item} (it has {len})",
               zh: "检查清单没有第 {item} 项（共 {len} 项）";
        ChecklistUnchanged { item: usize }
            => en: "checklist item {item} already has this answer",
               zh: "检查清单第 {item} 项已经是这个结果";
        Empty { what: String }
            => en: "`{what}` cannot be empty",
               zh: "`{what}` 不能为空";
        AlreadyAtPost { stairwell: String }
            => en: "the marshal of stairwell {stairwell} is already at post",
               zh: "楼梯 {stairwell} 的安全员已经到岗";
        NotAtPost { stairwell: String }
            => en: "the marshal of stairwell {stairwell} is not at post",
               zh: "楼梯 {stairwell} 的安全员不在岗";
        Unmanned { stairwells: String }
            => en: "no marshal is at post at stairwell(s) {stairwells}; wait for them, or start with an override and a reason",
               zh: "楼梯 {stairwells} 没有安全员到岗；请等待安全员，或填写原因后强制开始";
        AlreadyReleased { class: String }
            => en: "class {class} has already been released",
               zh: "班级 {class} 已经放行";
        NotReleased { class: String }
            => en: "class {class} has not been released yet; release it first",
               zh: "班级 {class} 尚未放行；请先放行";
        AlreadyPassed { class: String }
            => en: "class {class} was already reported passed (its last pupil is on the stairs)",
               zh: "班级 {class} 已报告通过（最后一名学生已上楼梯）";
        AlreadyOut { class: String }
            => en: "class {class} is already out",
               zh: "班级 {class} 已经撤出";
        AlreadyCounted { class: String }
            => en: "class {class} has already been counted; correct that headcount instead",
               zh: "班级 {class} 已经清点过；请更正那次清点";
        StairwellBlocked { stairwell: String }
            => en: "stairwell {stairwell} is blocked",
               zh: "楼梯 {stairwell} 已堵塞";
        AlreadyHeld { stairwell: String }
            => en: "stairwell {stairwell} is already held",
               zh: "楼梯 {stairwell} 已经暂停放行";
        AllHeld
            => en: "every stairwell is already held",
               zh: "所有楼梯都已暂停放行";
        NotHeld { stairwell: String }
            => en: "stairwell {stairwell} is not held",
               zh: "楼梯 {stairwell} 没有暂停放行";
        NoneHeld
            => en: "no stairwell is held",
               zh: "没有暂停放行的楼梯";
        NothingReleased { stairwell: String }
            => en: "nothing has been released into stairwell {stairwell} yet",
               zh: "楼梯 {stairwell} 还没有放行任何班级";
        AlreadyClear { stairwell: String }
            => en: "stairwell {stairwell} was already reported clear",
               zh: "楼梯 {stairwell} 已经报告清空";
        MoreNamesThanCount
            => en: "more names are given than the count says",
               zh: "填写的姓名比人数多";
        CountTooLarge { count: u32, max: u32 }
            => en: "{count} is more people than a class can have (at most {max}): check the number",
               zh: "{count} 人超出一个班级的人数上限（最多 {max} 人），请核对";
        NotComplete { classes: String, stairwells: String }
            => en: "the drill is not complete (not counted: {classes}; not clear: {stairwells}); end it early with a reason",
               zh: "演练尚未完成（未清点：{classes}；未清空：{stairwells}）；如需结束，请填写原因提前结束";
        UnknownSeq { seq: u64 }
            => en: "there is no entry {seq} to correct",
               zh: "没有第 {seq} 条记录可以更正";
        NotCorrectable { seq: u64 }
            => en: "entry {seq} cannot be corrected this way",
               zh: "第 {seq} 条记录不能这样更正";
        AlreadyWithdrawn { seq: u64 }
            => en: "entry {seq} has already been withdrawn",
               zh: "第 {seq} 条记录已经撤回";
        Replan { detail: String }
            => en: "re-planning failed: {detail}; hold the classes of that stairwell and release them by hand",
               zh: "重新规划失败：{detail}；请暂停该楼梯的班级并手动放行";
        Schedule { detail: String }
            => en: "the new plan cannot be used: {detail}",
               zh: "新的计划无法使用：{detail}";
        Internal { detail: String }
            => en: "internal error ({detail}); the journal is intact — please report this",
               zh: "内部错误（{detail}）；日志完好——请报告此问题";
    }
}

catalogue! {
    /// What happened, for the log.
    pub enum EventText {
        ChecklistConfirmed { item: String } => en: "checklist OK: {item}", zh: "检查通过：{item}";
        ChecklistFailed { item: String, note: String } => en: "checklist FAILED: {item} — {note}", zh: "检查未通过：{item} — {note}";
        MarshalAtPost { id: String, name: String } => en: "marshal at post: {id} {name}", zh: "安全员到岗：{id} {name}";
        MarshalLeftPost { id: String } => en: "marshal LEFT post: {id}", zh: "安全员离岗：{id}";
        Started { kind: String } => en: "SIGNAL — drill started ({kind})", zh: "发出信号 — 演练开始（{kind}）";
        StartedUnmanned { kind: String, ids: String, reason: String } => en: "SIGNAL — started ({kind}) with {ids} unmanned: {reason}", zh: "发出信号 — 开始（{kind}），{ids} 无人值守：{reason}";
        Released { class: String, id: String } => en: "released {class} → {id}", zh: "放行 {class} → {id}";
        ReleasedByHand { class: String, id: String } => en: "released by hand {class} → {id}", zh: "手动放行 {class} → {id}";
        ReleasedLate { class: String, id: String, secs: u64 } => en: "released {class} → {id}, held {secs} s by gates", zh: "放行 {class} → {id}，受闸控等待 {secs} 秒";
        Held { ids: String } => en: "HOLD: {ids}", zh: "暂停放行：{ids}";
        Resumed { ids: String } => en: "resumed: {ids}", zh: "恢复放行：{ids}";
        Passed { class: String } => en: "class passed: {class}", zh: "班级已通过：{class}";
        Cleared { id: String } => en: "stairwell clear: {id}", zh: "楼梯已清空：{id}";
        Congestion { id: String, note: String } => en: "CONGESTION at {id}: {note}", zh: "{id} 拥堵：{note}";
        Blocked { id: String, note: String } => en: "BLOCKED {id}: {note} — re-planned", zh: "{id} 封闭：{note} — 已重新规划";
        Problem { category: String, text: String } => en: "PROBLEM ({category}): {text}", zh: "问题（{category}）：{text}";
        Headcount { class: String, present: u32, expected: u32, missing: u32, injured: u32 } => en: "headcount {class}: {present}/{expected}, missing {missing}, injured {injured}", zh: "清点 {class}：实到 {present}/应到 {expected}，缺席 {missing}，受伤 {injured}";
        AllOut => en: "ALL OUT — evacuation complete", zh: "全部撤出 — 疏散完成";
        EndedComplete => en: "drill ended", zh: "演练结束";
        EndedEarly { reason: String } => en: "drill ended early: {reason}", zh: "演练提前结束：{reason}";
        Corrected { seq: u64, reason: String } => en: "entry {seq} corrected: {reason}", zh: "第 {seq} 条记录已更正：{reason}";
        Resumed_ { secs: u64 } => en: "resumed after a crash; {secs} s lost", zh: "崩溃后恢复；中断 {secs} 秒";
        All => en: "all", zh: "全部";
    }
}

fn ids<T: std::fmt::Display>(list: &[T]) -> String {
    list.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A refusal in words.
#[must_use]
pub fn error(e: &crate::session::SessionError, lang: super::Lang) -> String {
    e.message().text(lang)
}

/// A failed re-plan in words. The planner's own explanation is already in
/// the language the replanner was made for.
#[must_use]
pub fn replan_error(e: &crate::session::ReplanError, lang: super::Lang) -> String {
    SessionMsg::Replan {
        detail: e.0.clone(),
    }
    .text(lang)
}

/// An event as one line of the log.
#[must_use]
#[allow(clippy::too_many_lines)] // one short arm per event and language: the catalogue reads best whole
pub fn event(e: &Event, script: &Script, lang: Lang) -> String {
    let class = |id: &crate::script::ClassId| {
        script
            .class(id)
            .map_or_else(|| id.0.clone(), |c| c.name.clone())
    };
    let item = |i: usize| {
        script
            .drill
            .checklist
            .get(i)
            .cloned()
            .unwrap_or_else(|| format!("#{}", i + 1))
    };
    let kind = |k| {
        use super::dashboard::Dash;
        match k {
            crate::session::SessionKind::Drill => Dash::KindDrill,
            crate::session::SessionKind::Real => Dash::KindReal,
            crate::session::SessionKind::Test => Dash::KindTest,
            crate::session::SessionKind::Rehearsal => Dash::KindRehearsal,
        }
        .text(lang)
    };
    let m = match e {
        Event::ChecklistConfirmed { item: i } => EventText::ChecklistConfirmed { item: item(*i) },
        Event::ChecklistFailed { item: i, note } => EventText::ChecklistFailed {
            item: item(*i),
            note: note.clone(),
        },
        Event::MarshalAtPost { stairwell, name } => EventText::MarshalAtPost {
            id: stairwell.0.clone(),
            name: name.clone().unwrap_or_default(),
        },
        Event::MarshalLeftPost { stairwell } => EventText::MarshalLeftPost {
            id: stairwell.0.clone(),
        },
        Event::Started {
            record,
            unmanned,
            override_reason,
        } => {
            if unmanned.is_empty() {
                EventText::Started {
                    kind: kind(record.kind),
                }
            } else {
                EventText::StartedUnmanned {
                    kind: kind(record.kind),
                    ids: ids(unmanned),
                    reason: override_reason.clone().unwrap_or_default(),
                }
            }
        }
        Event::ClassReleased {
            class: c,
            stairwell,
            manual,
            waits,
            ..
        } => {
            let held = waits.marshal_ms.max(waits.hold_ms).max(waits.clear_ms) / 1000;
            if *manual {
                EventText::ReleasedByHand {
                    class: class(c),
                    id: stairwell.0.clone(),
                }
            } else if held > 0 {
                EventText::ReleasedLate {
                    class: class(c),
                    id: stairwell.0.clone(),
                    secs: held,
                }
            } else {
                EventText::Released {
                    class: class(c),
                    id: stairwell.0.clone(),
                }
            }
        }
        Event::Held { stairwells } => EventText::Held {
            ids: ids(stairwells),
        },
        Event::Resumed { stairwells } => EventText::Resumed {
            ids: ids(stairwells),
        },
        Event::ClassPassed { class: c } => EventText::Passed { class: class(c) },
        Event::StairwellCleared { stairwell, .. } => EventText::Cleared {
            id: stairwell.0.clone(),
        },
        Event::CongestionReported { stairwell, note } => EventText::Congestion {
            id: stairwell.0.clone(),
            note: note.clone(),
        },
        Event::StairwellBlocked {
            stairwell, note, ..
        } => EventText::Blocked {
            id: stairwell.0.clone(),
            note: note.clone(),
        },
        Event::ProblemLogged(p) => EventText::Problem {
            category: category(p.category, lang),
            text: p.text.clone(),
        },
        Event::HeadcountTaken(h) => EventText::Headcount {
            class: class(&h.class),
            present: h.present,
            expected: h
                .expected
                .unwrap_or_else(|| script.class(&h.class).map_or(0, |c| c.headcount)),
            missing: h.missing.count,
            injured: h.injured.count,
        },
        Event::AllOut => EventText::AllOut,
        Event::Ended {
            complete: _,
            reason,
        } => match reason {
            Some(r) => EventText::EndedEarly { reason: r.clone() },
            None => EventText::EndedComplete,
        },
        Event::Corrected { seq, reason, .. } => EventText::Corrected {
            seq: *seq,
            reason: reason.clone(),
        },
        Event::ResumedAfterCrash { gap_ms } => EventText::Resumed_ {
            secs: gap_ms / 1000,
        },
    };
    m.text(lang)
}

/// The name of a problem category.
#[must_use]
pub fn category(c: crate::session::ProblemCategory, lang: Lang) -> String {
    use super::dashboard::FormText;
    use crate::session::ProblemCategory as P;
    match c {
        P::Congestion => FormText::CatCongestion,
        P::FallOrInjury => FormText::CatFall,
        P::BlockedExit => FormText::CatBlockedExit,
        P::Lighting => FormText::CatLighting,
        P::LateClass => FormText::CatLateClass,
        P::Equipment => FormText::CatEquipment,
        P::Other => FormText::CatOther,
    }
    .text(lang)
}

/// Which stairwells a hold is about, in words.
#[must_use]
pub fn scope(s: &Scope, lang: Lang) -> String {
    match s {
        Scope::All => EventText::All.text(lang),
        Scope::Stairwell(id) => id.0.clone(),
    }
}
