//! Words of the paper cards (`evacdrill cards`).

use super::catalogue;

catalogue! {
    /// The printed marshal cards and class rosters.
    pub enum CardText {
        Title { drill: String } => en: "Drill cards — {drill}", zh: "演练卡片 — {drill}";
        Intro => en: "The paper fallback: one card per stairwell marshal, one roster per class for the assembly point. Keep them with the radios; use them when a phone or the network fails.", zh: "纸质备用：每位楼梯安全员一张卡片，每个班级一张集合点清点表。与对讲机放在一起；手机或网络出问题时使用。";
        MarshalCard { id: String, name: String } => en: "Stairwell {id} — {name}", zh: "{id} 楼梯 — {name}";
        Marshal { name: String } => en: "Marshal: {name}", zh: "安全员：{name}";
        GateTime => en: "Gate: time. Send each class at its release time, only while you are at your post and the stairwell is not on hold.", zh: "放行方式：按时。到放行时间即放行该班级 — 前提是你在岗、本楼梯没有暂停。";
        GateClear => en: "Gate: clear. Let the next group go only when every class of the group before has stepped onto the stairs at its floor — its last pupil past you at the stair head — and you have reported each of them \"class passed\" (a class on the exit floor has passed when its last pupil is through the exit door); and not before its time.", zh: "放行方式：确认通过。上一组的每个班级都已在本层走上楼梯（最后一名学生已经过你所在的楼梯口），并且你已逐班报告“班级已通过”之后（出口层的班级以最后一名学生走出出口门为准），才放行下一组，且不早于放行时间。";
        Metering => en: "At every stair head: while the stairs below are full, the teacher holds the class at the stair head until there is room. Never stop pupils who are already on the stairs.", zh: "每个楼梯口：下方楼梯人流已满时，班主任让班级在楼梯口等候，有空位再走。已在楼梯上的学生绝不拦停。";
        Rules => en: "Keep to the right, no pushing, nobody stops on the stairs. If the stairs get crowded, hold the next class at the stair head and report congestion.", zh: "靠右行走，不推不挤，不在楼梯上停留。楼梯拥挤时，让下一个班级在楼梯口等候并报告拥堵。";
        Report => en: "Report to the coordinator: at post · class passed · stairwell clear · congestion — hold · problem", zh: "向总指挥报告：已到岗 · 班级已通过 · 楼梯已清空 · 拥堵 — 暂停放行 · 问题";
        ColOrder => en: "Group", zh: "组";
        ColClass => en: "Class", zh: "班级";
        ColFloor => en: "Floor", zh: "楼层";
        ColPeople => en: "People", zh: "人数";
        ColRelease => en: "Release", zh: "放行";
        ColPace => en: "Pace", zh: "节奏";
        ColTeacher => en: "Teacher", zh: "班主任";
        ColPassed => en: "Passed at", zh: "通过时间";
        ReleaseNote => en: "Group: classes with the same number go together. Release: minutes:seconds after the signal. Pace: people a second into the stairs. Passed at: when the class's last pupil stepped onto the stairs at its floor.", zh: "组：序号相同的班级一起放行。放行：信号后的分:秒。节奏：每秒进入楼梯的人数。通过时间：该班最后一名学生在本层走上楼梯的时间。";
        PaceValue { pps: String } => en: "{pps}/s", zh: "{pps} 人/秒";
        PaceDoor => en: "door", zh: "门口速度";
        Clear => en: "Stairwell clear at", zh: "楼梯清空时间";
        Phone => en: "Phone: scan the code, or open", zh: "手机：扫描二维码，或打开";
        Roster { class: String } => en: "Roster — {class}", zh: "清点表 — {class}";
        Grade { grade: u8, floor: i32 } => en: "grade {grade}, floor {floor}", zh: "{grade} 年级，{floor} 楼";
        Via { id: String } => en: "via stairwell {id}", zh: "经 {id} 楼梯";
        Assembly { place: String } => en: "Assembly point: {place}", zh: "集合点：{place}";
        AssemblyPhone => en: "Assembly point phone", zh: "集合点手机";
        Expected => en: "Expected", zh: "应到";
        Present => en: "Present", zh: "实到";
        Missing => en: "Missing", zh: "缺席";
        Injured => en: "Injured", zh: "受伤";
        Names => en: "Names (missing / injured)", zh: "姓名（缺席 / 受伤）";
        Counted => en: "Counted at", zh: "清点时间";
        Signed => en: "Signed", zh: "签名";
        Wrote { path: String } => en: "wrote {path}", zh: "已写入 {path}";
        Invalid { path: String } => en: "{path}: the script has errors; run `evacdrill check {path}` to see them", zh: "{path}：脚本有错误；运行 `evacdrill check {path}` 查看";
        NoPlan { detail: String } => en: "the release plan could not be made: {detail}", zh: "无法生成放行计划：{detail}";
        BadServeInfo { path: String, detail: String } => en: "{path}: not a serve-info file ({detail})", zh: "{path}：不是服务信息文件（{detail}）";
        WriteFailed { path: String, detail: String } => en: "{path}: could not write the cards: {detail}", zh: "{path}：无法写入卡片：{detail}";
    }
}
