//! Words of the live dashboard (`evacdrill run`).

use super::catalogue;

catalogue! {
    /// Labels, states and notices on the dashboard.
    pub enum Dash {
        PhaseBriefing => en: "BRIEFING", zh: "演练前准备";
        PhaseRunning => en: "RUNNING", zh: "疏散进行中";
        PhaseAccounting => en: "ACCOUNTING", zh: "清点人数";
        PhaseEnded => en: "ENDED", zh: "已结束";
        KindDrill => en: "drill", zh: "演练";
        KindReal => en: "REAL EMERGENCY", zh: "真实紧急情况";
        KindTest => en: "test", zh: "测试";
        KindRehearsal => en: "rehearsal (simulated)", zh: "模拟排练";
        Clock => en: "drill clock", zh: "演练计时";
        ScenarioFire => en: "fire", zh: "火灾";
        ScenarioEarthquake => en: "earthquake", zh: "地震";
        ScenarioOther => en: "other", zh: "其他";
        Target { target: String } => en: "target {target}", zh: "目标 {target}";
        NoTarget => en: "no target", zh: "未设目标";
        OnTrack { left: String } => en: "on track, {left} left", zh: "进度正常，剩余 {left}";
        OverTarget { over: String } => en: "OVER TARGET by {over}", zh: "已超出目标 {over}";
        Predicted { end: String } => en: "plan ends {end}", zh: "计划用时 {end}";
        MarshalAtPost { name: String } => en: "marshal {name} at post", zh: "安全员 {name} 已到岗";
        MarshalAbsent { name: String } => en: "NO MARSHAL: {name} not at post", zh: "安全员 {name} 未到岗";
        MarshalWaived => en: "no marshal (started anyway)", zh: "无安全员（已强制开始）";
        Unnamed => en: "unnamed", zh: "未指定";
        StateHeld => en: "HELD", zh: "暂停放行";
        StateCongestion => en: "CONGESTION — HELD", zh: "拥堵 — 暂停放行";
        StateBlocked => en: "BLOCKED", zh: "已封闭";
        StateClear => en: "clear", zh: "已清空";
        StateFlowing => en: "flowing", zh: "通行中";
        StateIdle => en: "waiting for the signal", zh: "等待信号";
        GateClearWaiting => en: "next group waits for \"passed\": every class before on the stairs at its floor", zh: "下一组等待\"已通过\"：上一组每班都已在本层走上楼梯";
        Releasing { class: String } => en: "on stairs: {class}", zh: "楼梯上：{class}";
        Next { class: String, when: String } => en: "next: {class} in {when}", zh: "下一个：{class}，{when} 后";
        NextDue { class: String } => en: "next: {class} due now", zh: "下一个：{class}，已到时间";
        NoneLeft => en: "all released", zh: "已全部放行";
        Counts { waiting: usize, released: usize, out: usize } => en: "waiting {waiting} · on stairs {released} · out {out}", zh: "等待 {waiting} · 楼梯上 {released} · 已撤出 {out}";
        ClassWaiting => en: "waiting", zh: "等待";
        ClassReleased => en: "released", zh: "已放行";
        ClassOnStairs => en: "passed", zh: "已通过";
        ClassOut => en: "out", zh: "已撤出";
        ClassAccounted => en: "counted", zh: "已清点";
        ColClass => en: "class", zh: "班级";
        ColGrade => en: "gr", zh: "年级";
        ColFloor => en: "fl", zh: "楼层";
        ColStair => en: "stair", zh: "楼梯";
        ColPlan => en: "plan", zh: "计划";
        ColActual => en: "actual", zh: "实际";
        ColState => en: "state", zh: "状态";
        ColCount => en: "count", zh: "人数";
        Classes => en: "Classes", zh: "班级";
        Log => en: "Log", zh: "记录";
        Checklist => en: "Pre-drill checklist", zh: "演练前检查";
        Stairwells => en: "Stairwells", zh: "楼梯";
        ChecklistEmpty => en: "(the script has no checklist)", zh: "（脚本没有检查清单）";
        Unchecked => en: "[ ]", zh: "[ ]";
        Confirmed => en: "[✓]", zh: "[✓]";
        Failed => en: "[✗]", zh: "[✗]";
        StartBlocked { ids: String } => en: "Start needs every marshal at post; unmanned: {ids} (start with an override reason)", zh: "所有安全员到岗后才能开始；未到岗：{ids}（可填写理由强制开始）";
        ReadyToStart => en: "Every post is manned: ready to give the signal", zh: "全部到岗：可以发出信号";
        TooSmall { w: u16, h: u16 } => en: "Make the terminal larger: at least 80×24 (now {w}×{h})", zh: "请把终端窗口放大：至少 80×24（当前 {w}×{h}）";
        Recorded => en: "recorded", zh: "已记录";
        Refused { reason: String } => en: "not recorded: {reason}", zh: "未记录：{reason}";
        JournalTrouble { detail: String, pending: usize } => en: "JOURNAL NOT WRITTEN: {detail} — {pending} event(s) kept in memory, retrying", zh: "日志写入失败：{detail} — {pending} 条记录暂存内存，正在重试";
        JournalOk => en: "journal safe on disk", zh: "日志已安全写入";
        Ended => en: "The drill has ended", zh: "演练已结束";
        EvacuationTime { time: String } => en: "Evacuation time (signal to last class out): {time}", zh: "疏散用时（信号至最后一个班撤出）：{time}";
        AccountingTime { time: String } => en: "Accounting time (signal to last headcount): {time}", zh: "清点用时（信号至最后一次清点）：{time}";
        NotReached => en: "not reached", zh: "未完成";
        TargetMet { target: String } => en: "Target {target}: met", zh: "目标 {target}：达成";
        TargetMissed { target: String } => en: "Target {target}: MISSED", zh: "目标 {target}：未达成";
        ProblemsLogged { count: usize } => en: "Problems logged: {count}", zh: "记录的问题：{count}";
        EndedEarly { reason: String } => en: "Ended early: {reason}", zh: "提前结束：{reason}";
        SavedTo { path: String } => en: "Session saved: {path}", zh: "记录已保存：{path}";
        PressQ => en: "Press q to leave", zh: "按 q 退出";
        Help => en: "Keys", zh: "按键";
        Rehearsal { speed: f64 } => en: "REHEARSAL ×{speed}", zh: "模拟排练 ×{speed}";
        Unauthorized { count: u64 } => en: "refused phone requests: {count}", zh: "被拒绝的手机请求：{count}";
        Delay { secs: u64 } => en: "(sent {secs} s late)", zh: "（延迟 {secs} 秒送达）";
        NoServer => en: "the phone server is off: start the drill with --serve", zh: "手机服务未开启：请用 --serve 启动演练";
        Phones => en: "Phones", zh: "手机报告";
        PhonesHint => en: "P: QR codes · scan with the phone's camera", zh: "P：二维码 · 用手机相机扫描";
        PostsTitle { name: String } => en: "Phone link: {name}", zh: "手机链接：{name}";
    }
}

catalogue! {
    /// Short names of the coordinator's actions, for help and the key bar.
    pub enum ActionName {
        Help => en: "help", zh: "帮助";
        Quit => en: "quit", zh: "退出";
        Up => en: "up", zh: "上移";
        Down => en: "down", zh: "下移";
        NextPanel => en: "next panel", zh: "切换面板";
        ChecklistOk => en: "item OK", zh: "检查通过";
        ChecklistFail => en: "item failed", zh: "检查未通过";
        MarshalPost => en: "marshal in/out", zh: "安全员到岗/离岗";
        Start => en: "START (signal)", zh: "开始（发出信号）";
        ReleaseEarly => en: "release now", zh: "立即放行";
        Hold => en: "hold", zh: "暂停";
        Resume => en: "resume", zh: "恢复";
        HoldAll => en: "hold all", zh: "全部暂停";
        ResumeAll => en: "resume all", zh: "全部恢复";
        ClassPassed => en: "class passed", zh: "班级已通过";
        StairwellClear => en: "stairwell clear", zh: "楼梯已清空";
        Congestion => en: "congestion", zh: "拥堵";
        Blocked => en: "blocked", zh: "楼梯封闭";
        Problem => en: "problem", zh: "记录问题";
        Headcount => en: "headcount", zh: "清点人数";
        Correct => en: "correct entry", zh: "更正记录";
        End => en: "end drill", zh: "结束演练";
        Posts => en: "phone links", zh: "手机链接";
        Close => en: "close", zh: "关闭";
        NextPost => en: "next post", zh: "下一岗位";
        PrevPost => en: "previous post", zh: "上一岗位";
        RevokePost => en: "revoke this link (lost phone)", zh: "作废此链接（手机丢失）";
        Yes => en: "yes", zh: "是";
        No => en: "no", zh: "否";
        Submit => en: "save", zh: "保存";
        Cancel => en: "cancel", zh: "取消";
        NextField => en: "next field", zh: "下一项";
        PrevField => en: "previous field", zh: "上一项";
    }
}

catalogue! {
    /// Forms and confirmations.
    pub enum FormText {
        Choose => en: "←→ choose", zh: "←→ 选择";
        StartTitle => en: "Give the signal: start the drill", zh: "发出信号：开始演练";
        Kind => en: "kind", zh: "类型";
        Alarm => en: "alarm given by", zh: "报警方式";
        ConductedBy => en: "conducted by", zh: "总指挥";
        Staff => en: "staff on duty", zh: "值守人员";
        Weather => en: "weather", zh: "天气";
        Conditions => en: "conditions simulated", zh: "模拟情景";
        Override => en: "reason to start unmanned", zh: "无人值守仍开始的理由";
        ProblemTitle => en: "Log a problem", zh: "记录问题";
        Category => en: "category", zh: "类别";
        Place => en: "place", zh: "地点";
        Text => en: "what happened", zh: "情况说明";
        HeadcountTitle { class: String } => en: "Headcount: {class}", zh: "清点人数：{class}";
        Expected { n: u32 } => en: "expected {n}", zh: "应到 {n}";
        Present => en: "present", zh: "实到";
        Missing => en: "missing (count)", zh: "缺席（人数）";
        MissingNames => en: "missing (names)", zh: "缺席（姓名）";
        Injured => en: "injured (count)", zh: "受伤（人数）";
        InjuredNames => en: "injured (names)", zh: "受伤（姓名）";
        ReasonEndEarly => en: "End the drill early: reason", zh: "提前结束演练：理由";
        ReasonChecklist { item: String } => en: "Failed: {item} — note", zh: "未通过：{item} — 说明";
        ReasonCongestion { id: String } => en: "Congestion at stairwell {id}: note", zh: "楼梯 {id} 拥堵：说明";
        ReasonBlocked { id: String } => en: "Stairwell {id} blocked: note", zh: "楼梯 {id} 封闭：说明";
        ReasonCorrect { entry: String } => en: "Withdraw entry: {entry} — reason", zh: "撤回记录：{entry} — 理由";
        Reason => en: "reason", zh: "理由";
        NamesHint => en: "names separated by commas", zh: "姓名用逗号分隔";
        NotANumber { field: String } => en: "{field} must be a whole number", zh: "{field} 必须是整数";
        Required { field: String } => en: "{field} cannot be empty", zh: "{field} 不能为空";
        ConfirmQuit => en: "The drill is live. Leave the dashboard? The journal is safe; resume later with --resume.", zh: "演练正在进行。确定离开？日志已保存，可用 --resume 继续。";
        ConfirmEnd => en: "End the drill now?", zh: "现在结束演练？";
        ConfirmRevoke { name: String } => en: "Revoke the link of {name}? The old link stops working; a new one is shown to scan.", zh: "作废 {name} 的链接？旧链接将失效，并显示新的链接供扫描。";
        ConfirmBlocked { id: String } => en: "Stairwell {id} blocked — the re-plan below will be applied. Apply?", zh: "楼梯 {id} 封闭 — 将按下方重新规划。确认？";
        Moves { class: String, from: String, to: String, at: String } => en: "{class}: {from} → {to} at {at}", zh: "{class}：{from} → {to}，{at} 放行";
        NoMoves => en: "no class waits for this stairwell", zh: "没有等待该楼梯的班级";
        Nowhere => en: "(whole site)", zh: "（全场）";
        FloorN { n: i32 } => en: "floor {n}", zh: "{n} 层";
        StairN { id: String } => en: "stairwell {id}", zh: "楼梯 {id}";
        CatCongestion => en: "congestion", zh: "拥堵";
        CatFall => en: "fall or injury", zh: "摔倒或受伤";
        CatBlockedExit => en: "blocked exit", zh: "出口受阻";
        CatLighting => en: "lighting", zh: "照明";
        CatLateClass => en: "late class", zh: "班级迟缓";
        CatEquipment => en: "equipment", zh: "设备";
        CatOther => en: "other", zh: "其他";
        SelectEntry => en: "select an entry in the log first (Tab to the log, ↑↓)", zh: "请先在记录面板中选中一条（Tab 切换，↑↓ 选择）";
    }
}

catalogue! {
    /// What `run` says before and after the dashboard.
    pub enum RunText {
        Journal { path: String } => en: "Journal: {path}", zh: "日志：{path}";
        Unfinished { path: String, last: String } => en: "An unfinished drill of this script was found: {path} (last entry at drill time {last}).", zh: "发现该脚本未完成的演练：{path}（最后一条记录在演练时间 {last}）。";
        ResumeQuestion => en: "Resume it? [y/N] ", zh: "是否继续该演练？[y/N] ";
        ResumeHow { script: String, journal: String } => en: "To resume it: evacdrill run {script} --resume {journal}", zh: "如需继续：evacdrill run {script} --resume {journal}";
        Stopped { journal: String } => en: "The dashboard stopped; the drill is not finished. Everything is in the journal {journal}.", zh: "控制台已停止，演练尚未结束。所有记录都在日志 {journal} 中。";
        Saved { path: String } => en: "Session saved: {path}", zh: "演练记录已保存：{path}";
        SaveFailed { detail: String } => en: "The session file could not be written: {detail}. The journal has every event; `evacdrill review` reads it.", zh: "无法写入演练记录文件：{detail}。日志中有全部记录，`evacdrill review` 可以读取。";
        JournalFailed { detail: String } => en: "The journal cannot be created: {detail}", zh: "无法创建日志：{detail}";
        ResumeFailed { detail: String } => en: "The journal cannot be resumed: {detail}", zh: "无法继续该日志：{detail}";
        CutLine { line: usize, bytes: u64 } => en: "A damaged last line ({line}, {bytes} bytes) was cut off the journal; every earlier entry is kept.", zh: "日志最后一行（第 {line} 行，{bytes} 字节）已损坏并被截去；之前的记录全部保留。";
        KeysFailed { path: String, detail: String } => en: "The keys file {path} is not usable: {detail}", zh: "按键配置文件 {path} 不可用：{detail}";
        NotATerminal => en: "The dashboard needs an interactive terminal (run it in a terminal window).", zh: "控制台需要在交互式终端中运行（请在终端窗口中运行）。";
        PlanFailed { detail: String } => en: "The drill cannot be planned: {detail}", zh: "无法规划该演练：{detail}";
        ControlLost { detail: String } => en: "The plan's robustness control could not be worked out again ({detail}); re-plans during this drill keep none.", zh: "无法重新确定计划的稳健性控制措施（{detail}）；本次演练中的重新计划将不带控制措施。";
        ServeFailed { addr: String, detail: String } => en: "The phone server cannot listen on {addr}: {detail} (is another drill running? try --serve 8687)", zh: "手机服务无法在 {addr} 上监听：{detail}（是否有另一个演练在运行？可尝试 --serve 8687）";
        Crashed { journal: String } => en: "evacdrill stopped unexpectedly. The journal {journal} is intact: resume with --resume {journal}", zh: "evacdrill 意外停止。日志 {journal} 完好：可用 --resume {journal} 继续";
    }
}
