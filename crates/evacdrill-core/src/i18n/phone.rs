//! Words of the phone page, the phone server's answers and the paper cards.

use super::{Lang, catalogue};

catalogue! {
    /// The phone page. Texts with `{n}`-style placeholders are templates the
    /// page fills in itself.
    pub enum PageText {
        Title => en: "evacdrill — post", zh: "evacdrill — 岗位";
        OtherLang => en: "中文", zh: "English";
        Connected => en: "connected", zh: "已连接";
        Offline => en: "OFFLINE — reconnecting…", zh: "离线 — 正在重新连接…";
        Queued => en: "{{n}} waiting to be sent", zh: "{{n}} 条等待发送";
        Sending => en: "sending…", zh: "正在发送…";
        Recorded => en: "✓ recorded (no. {{seq}})", zh: "✓ 已记录（第 {{seq}} 条）";
        SavedOffline => en: "saved on this phone — it will be sent when the connection is back", zh: "已保存在手机上 — 连接恢复后自动发送";
        Refused => en: "✗ not recorded: {{reason}}", zh: "✗ 未记录：{{reason}}";
        LinkInvalid => en: "This link no longer works. Ask the coordinator for a new QR code.", zh: "此链接已失效。请向总指挥索取新的二维码。";
        Late => en: "sent {{s}} s late", zh: "延迟 {{s}} 秒发送";
        PhaseBriefing => en: "Before the signal", zh: "演练前准备";
        PhaseRunning => en: "EVACUATION RUNNING", zh: "疏散进行中";
        PhaseAccounting => en: "Everyone out — counting", zh: "已全部撤出 — 清点人数";
        PhaseEnded => en: "The drill has ended. Thank you.", zh: "演练已结束。谢谢！";
        Stairwell => en: "Stairwell {{id}}", zh: "{{id}} 楼梯";
        Marshal => en: "Marshal: {{name}}", zh: "安全员：{{name}}";
        AtPost => en: "you are at post", zh: "你已到岗";
        NotAtPost => en: "NOT AT POST — releases wait for you", zh: "未到岗 — 放行将等待你到岗";
        Waived => en: "started without a marshal here", zh: "本楼梯无安全员已开始";
        HeldByCoordinator => en: "HOLD — the coordinator holds releases", zh: "暂停 — 总指挥暂停放行";
        HeldCongestion => en: "HOLD — congestion reported", zh: "暂停 — 已报告拥堵";
        Blocked => en: "BLOCKED — classes go another way", zh: "已封闭 — 班级改走其他楼梯";
        Clear => en: "reported clear", zh: "已报告清空";
        GateClear => en: "the next group waits for you: when every class of the group before has stepped onto the stairs at its floor (its last pupil past you), tap \"Class passed\" for each", zh: "下一组等待你的确认：上一组每个班都已在本层走上楼梯（最后一名学生已经过你）时，逐班点\"班级已通过\"";
        Next => en: "Next releases", zh: "即将放行";
        NoneLeft => en: "no more releases", zh: "没有待放行的班级";
        In => en: "in {{t}}", zh: "{{t}} 后";
        Due => en: "due now", zh: "已到时间";
        AtTime => en: "at +{{t}}", zh: "信号后 {{t}}";
        Pace => en: "{{p}} per second", zh: "每秒 {{p}} 人";
        People => en: "{{n}} people", zh: "{{n}} 人";
        OnStairs => en: "On their way, not yet passed", zh: "疏散中，尚未通过";
        PassedList => en: "On the stairs (passed)", zh: "已上楼梯（已通过）";
        Nobody => en: "nobody released yet", zh: "尚未放行";
        Out => en: "Out", zh: "已撤出";
        BtnAtPost => en: "I am at my post", zh: "我已到岗";
        BtnLeftPost => en: "I must leave my post", zh: "我需要离岗";
        BtnPassed => en: "Class passed", zh: "班级已通过";
        BtnClear => en: "Stairwell clear", zh: "楼梯已清空";
        BtnCongestion => en: "Congestion — HOLD", zh: "拥堵 — 暂停放行";
        BtnProblem => en: "Problem", zh: "报告问题";
        ConfirmAgain => en: "Tap again to confirm: {{what}}", zh: "再点一次确认：{{what}}";
        WhichClass => en: "Which class has stepped onto the stairs at its floor (its last pupil past you)?", zh: "哪个班级已在本层全部走上楼梯（最后一名学生已经过你）？";
        Category => en: "What kind of problem?", zh: "问题类型";
        WhatHappened => en: "What happened, where? (optional)", zh: "发生了什么，在哪里？（可不填）";
        Send => en: "Send", zh: "发送";
        Cancel => en: "Cancel", zh: "取消";
        Assembly => en: "Assembly point", zh: "集合点";
        Expected => en: "expected {{n}}", zh: "应到 {{n}}";
        Counted => en: "counted: {{present}} of {{expected}}, missing {{missing}}, injured {{injured}}", zh: "已清点：实到 {{present}}/应到 {{expected}}，缺 {{missing}}，伤 {{injured}}";
        NotCounted => en: "not counted yet", zh: "尚未清点";
        Present => en: "present", zh: "实到";
        Missing => en: "missing", zh: "缺席";
        Injured => en: "injured", zh: "受伤";
        Names => en: "names of missing / injured (optional)", zh: "缺席 / 受伤学生姓名（可不填）";
        RecordCount => en: "Record headcount", zh: "记录人数";
        CountOf => en: "Headcount — {{class}}", zh: "清点 — {{class}}";
        Teacher => en: "teacher {{name}}", zh: "班主任 {{name}}";
        Progress => en: "{{done}} of {{all}} classes counted", zh: "已清点 {{done}}/{{all}} 个班";
        StateWaiting => en: "in class", zh: "在教室";
        StateReleased => en: "on the way", zh: "疏散中";
        StatePassed => en: "on the stairs", zh: "已上楼梯";
        StateOut => en: "out", zh: "已撤出";
    }
}

/// Every page text under the key the page's script uses.
pub const PAGE_TEXTS: &[(&str, PageText)] = &[
    ("title", PageText::Title),
    ("other_lang", PageText::OtherLang),
    ("connected", PageText::Connected),
    ("offline", PageText::Offline),
    ("queued", PageText::Queued),
    ("sending", PageText::Sending),
    ("recorded", PageText::Recorded),
    ("saved_offline", PageText::SavedOffline),
    ("refused", PageText::Refused),
    ("link_invalid", PageText::LinkInvalid),
    ("late", PageText::Late),
    ("phase_briefing", PageText::PhaseBriefing),
    ("phase_running", PageText::PhaseRunning),
    ("phase_accounting", PageText::PhaseAccounting),
    ("phase_ended", PageText::PhaseEnded),
    ("stairwell", PageText::Stairwell),
    ("marshal", PageText::Marshal),
    ("at_post", PageText::AtPost),
    ("not_at_post", PageText::NotAtPost),
    ("waived", PageText::Waived),
    ("held_coordinator", PageText::HeldByCoordinator),
    ("held_congestion", PageText::HeldCongestion),
    ("blocked", PageText::Blocked),
    ("clear", PageText::Clear),
    ("gate_clear", PageText::GateClear),
    ("next", PageText::Next),
    ("none_left", PageText::NoneLeft),
    ("in", PageText::In),
    ("due", PageText::Due),
    ("at_time", PageText::AtTime),
    ("pace", PageText::Pace),
    ("people", PageText::People),
    ("on_stairs", PageText::OnStairs),
    ("passed_list", PageText::PassedList),
    ("nobody", PageText::Nobody),
    ("out", PageText::Out),
    ("btn_at_post", PageText::BtnAtPost),
    ("btn_left_post", PageText::BtnLeftPost),
    ("btn_passed", PageText::BtnPassed),
    ("btn_clear", PageText::BtnClear),
    ("btn_congestion", PageText::BtnCongestion),
    ("btn_problem", PageText::BtnProblem),
    ("confirm_again", PageText::ConfirmAgain),
    ("which_class", PageText::WhichClass),
    ("category", PageText::Category),
    ("what_happened", PageText::WhatHappened),
    ("send", PageText::Send),
    ("cancel", PageText::Cancel),
    ("assembly", PageText::Assembly),
    ("expected", PageText::Expected),
    ("counted", PageText::Counted),
    ("not_counted", PageText::NotCounted),
    ("present", PageText::Present),
    ("missing", PageText::Missing),
    ("injured", PageText::Injured),
    ("names", PageText::Names),
    ("record_count", PageText::RecordCount),
    ("count_of", PageText::CountOf),
    ("teacher", PageText::Teacher),
    ("progress", PageText::Progress),
    ("state_waiting", PageText::StateWaiting),
    ("state_released", PageText::StateReleased),
    ("state_passed", PageText::StatePassed),
    ("state_out", PageText::StateOut),
];

catalogue! {
    /// The phone server's answers and its names for posts.
    pub enum ServerText {
        PostStairwell { id: String, name: String, marshal: String } => en: "Stairwell {id} · {name} · {marshal}", zh: "{id} 楼梯 · {name} · {marshal}";
        PostAssembly { place: String } => en: "Assembly point · {place}", zh: "集合点 · {place}";
        Unauthorized => en: "This link is not valid (any more). Ask the coordinator for a new QR code.", zh: "此链接无效（或已失效）。请向总指挥索取新的二维码。";
        DrillEnded => en: "The drill has ended; nothing more can be recorded.", zh: "演练已结束，不能再记录。";
        NotYourClass { class: String, stairwell: String } => en: "class {class} does not go down stairwell {stairwell}", zh: "班级 {class} 不走 {stairwell} 楼梯";
        UnknownClass { class: String } => en: "there is no class `{class}`", zh: "没有班级 `{class}`";
        NotForPost => en: "this report cannot be made from this post", zh: "此岗位不能提交这种报告";
        BadReport { detail: String } => en: "the report could not be read: {detail}", zh: "无法读取报告：{detail}";
        TooLarge => en: "the report is too large", zh: "报告内容过长";
        TooSlow => en: "the report arrived too slowly; send it again", zh: "报告传输过慢，请重新发送";
        CrossSite => en: "refused: the request came from another web page", zh: "已拒绝：请求来自其他网页";
        RateLimited => en: "too many requests from this phone; wait a moment", zh: "此手机请求过多，请稍候";
        NotRunning => en: "the coordinator's laptop is not taking reports now; try again", zh: "总指挥的电脑暂时不能接收报告，请重试";
        CongestionNote => en: "congestion reported from the marshal's phone", zh: "安全员通过手机报告拥堵";
    }
}

/// The page texts of `lang` as a JSON object, for the page's script.
#[must_use]
pub fn page_texts_json(lang: Lang) -> String {
    let map: serde_json::Map<String, serde_json::Value> = PAGE_TEXTS
        .iter()
        .map(|(k, t)| ((*k).to_owned(), serde_json::Value::String(t.text(lang))))
        .collect();
    serde_json::Value::Object(map).to_string()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::{Lang, PAGE_TEXTS, page_texts_json};

    #[test]
    fn page_keys_are_unique_and_every_text_exists_in_both_languages() {
        let keys: BTreeSet<_> = PAGE_TEXTS.iter().map(|(k, _)| k).collect();
        assert_eq!(keys.len(), PAGE_TEXTS.len());
        for (k, t) in PAGE_TEXTS {
            assert!(!t.text(Lang::En).is_empty(), "{k}");
            assert_ne!(t.text(Lang::En), t.text(Lang::ZhCn), "{k}");
        }
        let zh: serde_json::Value = serde_json::from_str(&page_texts_json(Lang::ZhCn)).unwrap();
        assert_eq!(zh["queued"], "{n} 条等待发送");
    }
}
