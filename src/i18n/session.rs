//! The session's events and refusals in words, for the log and the notices.

use super::{Lang, catalogue};
use crate::script::Script;
use crate::session::{Event, Phase, ReplanError, Scope, SessionError};

catalogue! {
    /// Why the session refused an input.
    pub enum Refusal {
        Ended => en: "the drill has ended; nothing more can be recorded", zh: "演练已结束，不能再记录";
        WrongPhase { phase: String } => en: "not possible now ({phase})", zh: "当前阶段（{phase}）不能这样操作";
        TimeWentBack => en: "the clock went backwards", zh: "时钟倒退";
        UnknownClass { id: String } => en: "there is no class `{id}`", zh: "没有班级 `{id}`";
        UnknownStairwell { id: String } => en: "there is no stairwell `{id}`", zh: "没有楼梯 `{id}`";
        UnknownChecklistItem { item: usize } => en: "there is no checklist item {item}", zh: "检查清单没有第 {item} 项";
        ChecklistUnchanged => en: "that checklist item already has this answer", zh: "该检查项已是这个结果";
        Empty { what: String } => en: "the {what} cannot be empty", zh: "{what}不能为空";
        AlreadyAtPost { id: String } => en: "the marshal of stairwell {id} is already at post", zh: "楼梯 {id} 的安全员已在岗";
        NotAtPost { id: String } => en: "the marshal of stairwell {id} is not at post", zh: "楼梯 {id} 的安全员不在岗";
        Unmanned { ids: String } => en: "no marshal at post at {ids}: give a reason to start anyway", zh: "{ids} 无安全员在岗：如需开始请填写理由";
        AlreadyReleased { id: String } => en: "class {id} has already been released", zh: "班级 {id} 已放行";
        NotReleased { id: String } => en: "class {id} has not been released", zh: "班级 {id} 尚未放行";
        AlreadyOut { id: String } => en: "class {id} is already out", zh: "班级 {id} 已撤出";
        AlreadyCounted { id: String } => en: "class {id} has already been counted; correct the headcount instead", zh: "班级 {id} 已清点；如需修改请更正记录";
        StairwellBlocked { id: String } => en: "stairwell {id} is blocked", zh: "楼梯 {id} 已封闭";
        AlreadyHeld { id: String } => en: "stairwell {id} is already held", zh: "楼梯 {id} 已暂停放行";
        AllHeld => en: "every stairwell is already held", zh: "所有楼梯都已暂停";
        NotHeld { id: String } => en: "stairwell {id} is not held", zh: "楼梯 {id} 未暂停";
        NoneHeld => en: "no stairwell is held", zh: "没有暂停的楼梯";
        NothingReleased { id: String } => en: "nothing has been released into stairwell {id} yet", zh: "楼梯 {id} 还没有放行任何班级";
        AlreadyClear { id: String } => en: "stairwell {id} was already reported clear", zh: "楼梯 {id} 已报告清空";
        MoreNames { what: String } => en: "{what}: more names than the count", zh: "{what}：姓名多于人数";
        NotComplete { classes: String, stairwells: String } => en: "not complete — not counted: {classes}; not clear: {stairwells}. End early with a reason instead", zh: "尚未完成 — 未清点：{classes}；未清空：{stairwells}。如需结束请填写理由提前结束";
        UnknownSeq { seq: u64 } => en: "there is no entry {seq}", zh: "没有第 {seq} 条记录";
        NotCorrectable { seq: u64 } => en: "entry {seq} cannot be corrected this way", zh: "第 {seq} 条记录不能这样更正";
        AlreadyWithdrawn { seq: u64 } => en: "entry {seq} has already been withdrawn", zh: "第 {seq} 条记录已撤回";
        Replan { detail: String } => en: "re-planning failed: {detail}", zh: "重新规划失败：{detail}";
        Schedule { detail: String } => en: "the new plan is unusable: {detail}", zh: "新计划不可用：{detail}";
        Internal { detail: String } => en: "internal error (please report): {detail}", zh: "内部错误（请报告）：{detail}";
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

fn phase_name(p: Phase, lang: Lang) -> String {
    use super::dashboard::Dash;
    match p {
        Phase::Briefing => Dash::PhaseBriefing,
        Phase::Running => Dash::PhaseRunning,
        Phase::Accounting => Dash::PhaseAccounting,
        Phase::Ended => Dash::PhaseEnded,
    }
    .text(lang)
}

fn ids<T: std::fmt::Display>(list: &[T]) -> String {
    list.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A refusal in words.
#[must_use]
pub fn error(e: &SessionError, lang: Lang) -> String {
    let m = match e {
        SessionError::Ended => Refusal::Ended,
        SessionError::WrongPhase { phase, .. } => Refusal::WrongPhase {
            phase: phase_name(*phase, lang),
        },
        SessionError::TimeWentBack { .. } => Refusal::TimeWentBack,
        SessionError::UnknownClass(id) => Refusal::UnknownClass { id: id.0.clone() },
        SessionError::UnknownStairwell(id) => Refusal::UnknownStairwell { id: id.0.clone() },
        SessionError::UnknownChecklistItem { item, .. } => {
            Refusal::UnknownChecklistItem { item: item + 1 }
        }
        SessionError::ChecklistUnchanged(_) => Refusal::ChecklistUnchanged,
        SessionError::Empty(what) => Refusal::Empty {
            what: (*what).to_owned(),
        },
        SessionError::AlreadyAtPost(id) => Refusal::AlreadyAtPost { id: id.0.clone() },
        SessionError::NotAtPost(id) => Refusal::NotAtPost { id: id.0.clone() },
        SessionError::Unmanned(list) => Refusal::Unmanned { ids: ids(list) },
        SessionError::AlreadyReleased(id) => Refusal::AlreadyReleased { id: id.0.clone() },
        SessionError::NotReleased(id) => Refusal::NotReleased { id: id.0.clone() },
        SessionError::AlreadyOut(id) => Refusal::AlreadyOut { id: id.0.clone() },
        SessionError::AlreadyCounted(id) => Refusal::AlreadyCounted { id: id.0.clone() },
        SessionError::StairwellBlocked(id) => Refusal::StairwellBlocked { id: id.0.clone() },
        SessionError::AlreadyHeld(id) => Refusal::AlreadyHeld { id: id.0.clone() },
        SessionError::AllHeld => Refusal::AllHeld,
        SessionError::NotHeld(id) => Refusal::NotHeld { id: id.0.clone() },
        SessionError::NoneHeld => Refusal::NoneHeld,
        SessionError::NothingReleased(id) => Refusal::NothingReleased { id: id.0.clone() },
        SessionError::AlreadyClear(id) => Refusal::AlreadyClear { id: id.0.clone() },
        SessionError::MoreNamesThanCount(what) => Refusal::MoreNames {
            what: (*what).to_owned(),
        },
        SessionError::NotComplete {
            classes,
            stairwells,
        } => Refusal::NotComplete {
            classes: ids(classes),
            stairwells: ids(stairwells),
        },
        SessionError::UnknownSeq(seq) => Refusal::UnknownSeq { seq: *seq },
        SessionError::NotCorrectable { seq, .. } => Refusal::NotCorrectable { seq: *seq },
        SessionError::AlreadyWithdrawn(seq) => Refusal::AlreadyWithdrawn { seq: *seq },
        SessionError::Replan(r) => return replan_error(r, lang),
        SessionError::Schedule(s) => Refusal::Schedule {
            detail: s.to_string(),
        },
        SessionError::Internal(d) => Refusal::Internal { detail: d.clone() },
    };
    m.text(lang)
}

/// A failed re-plan in words. The planner's own explanation is already in
/// the language the replanner was made for.
#[must_use]
pub fn replan_error(e: &ReplanError, lang: Lang) -> String {
    Refusal::Replan {
        detail: e.0.clone(),
    }
    .text(lang)
}

/// An event as one line of the log.
#[must_use]
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
