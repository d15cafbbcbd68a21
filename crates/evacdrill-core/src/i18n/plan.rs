//! Words of `evacdrill plan`: the tables, the totals, the advice, the red
//! flags and the reasons a drill cannot be planned.

use super::catalogue;
use super::sim::SimErrorText;

catalogue! {
    /// Labels and lines of the plan report.
    pub enum PlanText {
        Title { name: String, policy: String }
            => en: "{name} — release plan (policy: {policy})",
               zh: "{name} — 放行计划（策略：{policy}）";
        PolicyAuto => en: "auto, the best safe plan found", zh: "自动，所找到的最佳安全方案";
        PolicyFloorAscending => en: "floor-ascending, lower floors first", zh: "floor-ascending，低楼层先走";
        PolicyGradeAscending => en: "grade-ascending, younger grades first", zh: "grade-ascending，低年级先走";
        PolicyGradeDescending => en: "grade-descending, older grades first", zh: "grade-descending，高年级先走";
        TitleWaves { name: String, waves: usize }
            => en: "{name} — release plan ({waves} waves pinned in the script)",
               zh: "{name} — 放行计划（脚本指定的 {waves} 个波次）";
        Blocked { ids: String }
            => en: "Planned with stairwell(s) {ids} blocked: their classes use their alternates.",
               zh: "按楼梯 {ids} 封闭计划：其班级改走备用楼梯。";
        NotBefore { seconds: f64 }
            => en: "Re-plan: no release before {seconds:.1} s.",
               zh: "重新计划：{seconds:.1} 秒之前不放行。";
        Stairwell { id: String, capacity: f64, people: u32, clear: f64, density: f64 }
            => en: "Stairwell {id} — capacity {capacity:.2} p/s, {people} people, clear at {clear:.1} s, peak density {density:.2} p/m²",
               zh: "楼梯 {id} — 通行能力 {capacity:.2} 人/秒，{people} 人，{clear:.1} 秒疏散完毕，最高密度 {density:.2} 人/平方米";
        StairwellBlocked { id: String }
            => en: "Stairwell {id} — blocked, not used",
               zh: "楼梯 {id} — 已封闭，不使用";
        StairwellUnused { id: String }
            => en: "Stairwell {id} — no class uses it",
               zh: "楼梯 {id} — 没有班级使用";
        ColRelease => en: "release s", zh: "放行 秒";
        ColClass => en: "class", zh: "班级";
        ColName => en: "name", zh: "名称";
        ColFloor => en: "floor", zh: "楼层";
        ColPeople => en: "people", zh: "人数";
        ColPace => en: "pace p/s", zh: "速率 人/秒";
        ColAtStair => en: "at stair s", zh: "到楼梯 秒";
        ColOut => en: "out s", zh: "撤出 秒";
        ColNote => en: "note", zh: "备注";
        NoteAlternate => en: "alternate", zh: "备用楼梯";
        NoteFixed => en: "already released", zh: "已放行";
        NoteWave { wave: usize } => en: "wave {wave}", zh: "第 {wave} 波";
        Totals => en: "Totals", zh: "合计";
        Robustness { runs: u32, seed: u64 }
            => en: "Under variation ({runs} simulated drills, the default variation, seed {seed}):",
               zh: "随机波动下（{runs} 次模拟演练，默认波动，种子 {seed}）：";
        Risk { share: f64, density: f64, limit: f64 }
            => en: "Risk: {share:.1} % of simulated drills go over {density:.2} p/m² on a flight or landing (limit {limit:.1} %).",
               zh: "风险：{share:.1}% 的模拟演练中有梯段或平台超过 {density:.2} 人/平方米（上限 {limit:.1}%）。";
        ControlNone => en: "Control: none needed.", zh: "控制措施：不需要。";
        ControlMetering { ids: String, before: f64 }
            => en: "Control: teachers and marshals meter the stair heads of stairwell(s) {ids}: a class waits at the stair head while the stair stream is full. It leaves the plan's times as they are (a late drill waits a little at the stair heads); without it the risk is {before:.1} %.",
               zh: "控制措施：楼梯 {ids} 的各楼层楼梯口由班主任和安全员控流：楼梯人流已满时，班级在楼梯口等候。计划时间不变（晚出发的演练会在楼梯口稍作等候）；不控流时风险为 {before:.1}%。";
        ControlGap { ids: String, seconds: f64, cost: f64, before: f64 }
            => en: "Control: on stairwell(s) {ids} each class follows the one before it on the stair {seconds:.0} s after its last pupil, and the stair heads are metered: it costs +{cost:.1} s; without it the risk is {before:.1} %.",
               zh: "控制措施：楼梯 {ids} 上每个班级在前一班最后一名学生之后 {seconds:.0} 秒才上楼梯，各楼梯口控流：多用 {cost:.1} 秒；不采取时风险为 {before:.1}%。";
        ControlPace { ids: String, share: f64, seconds: f64, cost: f64, before: f64 }
            => en: "Control: stairwell(s) {ids} planned at {share:.0} % of their safe capacity, {seconds:.0} s between classes on the stair, the stair heads metered: it costs +{cost:.1} s; without it the risk is {before:.1} %.",
               zh: "控制措施：楼梯 {ids} 按安全通行能力的 {share:.0}% 计划，班级之间在楼梯上间隔 {seconds:.0} 秒，各楼梯口控流：多用 {cost:.1} 秒；不采取时风险为 {before:.1}%。";
        ControlFailed
            => en: "Control: metering the stair heads, gaps between classes and paces below capacity were tried; none is enough, and none lowers the risk.",
               zh: "控制措施：已尝试楼梯口控流、班级间隔和低于通行能力的速率，均不足以达到要求，也都不能降低风险。";
        ControlNotEnough
            => en: "It lowers the risk but not to the limit; gaps between classes and paces below capacity were tried too and are not enough either, so the plan does not take them.",
               zh: "它降低了风险，但未降到上限以内；班级间隔和低于通行能力的速率也已尝试，同样不够，因此计划不采用。";
        RiskMedian { seconds: f64, before: f64 }
            => en: "The median simulated drill ends at {seconds:.1} s ({before:.1} s without the control).",
               zh: "模拟演练的中位完成时间为 {seconds:.1} 秒（不采取控制措施时为 {before:.1} 秒）。";
        RiskOver { share: f64, limit: f64, place: String }
            => en: "Risk {share:.1} % is above the limit of {limit:.1} %, most often at {place}: no control the planner has brings it within the limit. What would help: another stairwell for some of its classes, or a marshal at that landing.",
               zh: "风险 {share:.1}% 超过上限 {limit:.1}%，最常出现在{place}：规划器现有的控制措施都无法使其降到上限以内。可行的办法：让部分班级改走其他楼梯，或在该平台增派安全员。";
        End { seconds: f64 }
            => en: "Predicted end (last person out): {seconds:.1} s",
               zh: "预计完成（最后一人撤出）：{seconds:.1} 秒";
        Bound { seconds: f64, ratio: f64 }
            => en: "Safe lower bound: {seconds:.1} s — the plan takes {ratio:.3} × the bound",
               zh: "安全下界：{seconds:.1} 秒 — 计划用时为下界的 {ratio:.3} 倍";
        Physical { seconds: f64 }
            => en: "Physical lower bound (no safety margin): {seconds:.1} s",
               zh: "物理下界（不留安全余量）：{seconds:.1} 秒";
        Violations { count: usize }
            => en: "Limits broken by classes already released: {count} moment(s) — see the JSON output",
               zh: "已放行班级造成的超限：{count} 处 — 详见 JSON 输出";
        Baselines
            => en: "Without a plan, as the simulator plays it at the stairs' physical capacities (no variation):",
               zh: "不做计划时（模拟器按楼梯的物理通行能力计算，无随机变化）：";
        ColBaseline => en: "baseline", zh: "对照方案";
        ColEnd => en: "end s", zh: "完成 秒";
        ColRatio => en: "× bound", zh: "× 下界";
        ColQueue => en: "peak queue", zh: "最多滞留人数";
        ColDensity => en: "density p/m²", zh: "密度 人/平方米";
        AllAtOnce
            => en: "everyone at the alarm (unmanaged, no gates)",
               zh: "全体同时撤离（无组织，不设放行控制）";
        ByGrade => en: "grade by grade, each when the one before is out", zh: "按年级依次撤离，前一年级撤完再放行";
        PlanRow => en: "this plan (its crowd as simulated)", zh: "本计划（人群按模拟）";
        Staggering { time: String, against: String, crowd: String, before: f64, after: f64 }
            => en: "Staggering {time} against {against} and {crowd} (peak density {before:.2} → {after:.2} p/m²).",
               zh: "与{against}相比，错峰放行{time}，{crowd}（最高密度 {before:.2} → {after:.2} 人/平方米）。";
        AgainstAllAtOnce => en: "everyone at the alarm", zh: "全体同时撤离";
        AgainstByGrade => en: "grade by grade", zh: "按年级依次撤离";
        Costs { seconds: f64 } => en: "costs +{seconds:.1} s", zh: "多用 {seconds:.1} 秒";
        Saves { seconds: f64 } => en: "saves {seconds:.1} s", zh: "节省 {seconds:.1} 秒";
        SameTime => en: "takes the same time", zh: "用时相同";
        KeepsOff { people: i64 }
            => en: "keeps {people} people off the stairs and landings",
               zh: "使楼梯和平台上少滞留 {people} 人";
        StandsMore { people: i64 }
            => en: "stands {people} more people on the stairs and landings",
               zh: "使楼梯和平台上多滞留 {people} 人";
        StandsAsMany { people: u32 }
            => en: "stands as many people on the stairs and landings ({people})",
               zh: "楼梯和平台上的滞留人数相同（{people} 人）";
        NoQueue
            => en: "no one stands in a queue on the stairs and landings in either",
               zh: "两者都不会在楼梯和平台上滞留人员";
        Critical { id: String, people: u32, capacity: f64, seconds: f64, bound: f64 }
            => en: "Critical stairwell: {id} carries {people} people at {capacity:.2} p/s — {seconds:.0} s at capacity; its bound is {bound:.1} s.",
               zh: "关键楼梯：{id} 承担 {people} 人，通行能力 {capacity:.2} 人/秒 — 满负荷需 {seconds:.0} 秒；其下界为 {bound:.1} 秒。";
        Advice { moves: String, saves: f64, bound: f64, end: f64, sooner: f64 }
            => en: "Moving {moves} would lower the bound by about {saves:.0} s (to {bound:.1} s); the plan would then end at {end:.1} s, {sooner:.1} s sooner.",
               zh: "若将 {moves}，下界约可缩短 {saves:.0} 秒（至 {bound:.1} 秒）；计划将在 {end:.1} 秒完成，提前 {sooner:.1} 秒。";
        MoveOne { class: String, to: String }
            => en: "{class} to {to}",
               zh: "{class} 改走 {to}";
        And => en: " and ", zh: "、";
        NoAdvice => en: "No move of a class to another stairwell was found that makes the plan end sooner.", zh: "未找到能让计划更早完成的班级改道方案。";
        RedFlags => en: "Red flags", zh: "警示";
        NoRedFlags => en: "Red flags: none", zh: "警示：无";
    }
}

catalogue! {
    /// A red flag of a plan, as a sentence.
    pub enum FlagText {
        OverTarget { end: f64, target: f64 }
            => en: "the plan ends at {end:.1} s, after the school's target of {target:.0} s",
               zh: "计划在 {end:.1} 秒完成，晚于学校目标 {target:.0} 秒";
        Density { id: String, density: f64 }
            => en: "stairwell {id} reaches {density:.2} p/m² (adult equivalent): crowded",
               zh: "楼梯 {id} 密度达到 {density:.2} 人/平方米（折合成人）：拥挤";
        Unmanaged { id: String, place: String, queue: u32, density: f64 }
            => en: "without a plan, stairwell {id} would be packed: {density:.1} p/m² at the {place}, up to {queue} people standing in one queue — this is where crushes happen",
               zh: "不做计划时，楼梯 {id} 将严重拥挤：{place}密度达 {density:.1} 人/平方米，一处最多滞留约 {queue} 人——踩踏正是在这种地方发生";
        GateWithoutMarshal { id: String }
            => en: "stairwell {id} releases on the marshal's \"clear\" but has no marshal",
               zh: "楼梯 {id} 凭安全员\"已通过\"放行，但没有安全员";
        NoAlternate { id: String, classes: String }
            => en: "if stairwell {id} is blocked, these classes have nowhere to go: {classes} (give them an alternate)",
               zh: "若楼梯 {id} 封闭，以下班级无路可走：{classes}（请为它们指定备用楼梯）";
    }
}

catalogue! {
    /// Why a drill cannot be planned, and what to do about it.
    pub enum PlanMsg {
        UnknownStairwell { id: String, known: String }
            => en: "there is no stairwell `{id}` in this script (it has: {known})",
               zh: "脚本中没有楼梯 `{id}`（已有：{known}）";
        UnknownClass { id: String }
            => en: "there is no class `{id}` in this script",
               zh: "脚本中没有班级 `{id}`";
        NoStairwell { class: String, stairwell: String }
            => en: "class {class} has no way out: its stairwell {stairwell} is blocked and it has no alternate",
               zh: "班级 {class} 无路可走：它的楼梯 {stairwell} 已封闭，且没有备用楼梯";
        NoStairwellBlockedToo { class: String, stairwell: String, alternate: String }
            => en: "class {class} has no way out: its stairwell {stairwell} and its alternate {alternate} are both blocked",
               zh: "班级 {class} 无路可走：它的楼梯 {stairwell} 和备用楼梯 {alternate} 都已封闭";
        NoStairwellHint { class: String }
            => en: "give class {class} an `alternate = \"…\"` stairwell that is open, or unblock one",
               zh: "请为班级 {class} 指定一个未封闭的备用楼梯 `alternate = \"…\"`，或解除封闭";
        ZeroCapacity { stairwell: String }
            => en: "stairwell {stairwell} can carry nobody: it or its exit is no wider than its boundary layers, or the flow limit is zero",
               zh: "楼梯 {stairwell} 无法通行：楼梯或出口的宽度不超过边界层，或流量上限为零";
        ZeroCapacityHint
            => en: "check width_m, exit_width_m and boundary_m of the stairwell, and flow_limit in [safety]",
               zh: "请检查该楼梯的 width_m、exit_width_m、boundary_m，以及 [safety] 中的 flow_limit";
        WaveUnsafe { wave: String, at: f64, stairwell: String, floor: i32, when: f64, what: LimitText }
            => en: "wave {wave} released at {at:.1} s would break {what} on stairwell {stairwell} at the floor-{floor} landing at about {when:.1} s",
               zh: "第 {wave} 波若在 {at:.1} 秒放行，约 {when:.1} 秒时楼梯 {stairwell} 的 {floor} 层平台将违反{what}";
        WaveUnsafeHint { earliest: f64, gap: f64 }
            => en: "release it at {earliest:.1} s or later (a gap of {gap:.1} s after the previous wave), or remove its at_s and let the planner choose",
               zh: "请在 {earliest:.1} 秒或之后放行（与上一波间隔 {gap:.1} 秒），或删除 at_s 由程序决定";
        WaveTooLarge { wave: String, stairwell: String }
            => en: "wave {wave} sends more classes down stairwell {stairwell} at once than it can carry, even at the slowest pace",
               zh: "第 {wave} 波同时放行到楼梯 {stairwell} 的班级太多，即使最慢速率也无法安全通行";
        WaveTooLargeHint
            => en: "split the wave in two",
               zh: "请把这一波拆成两波";
        Unsafe { count: usize }
            => en: "the planner produced a plan that breaks a limit ({count} moments); it is withheld — please report this bug",
               zh: "程序生成的计划违反了安全限制（{count} 处），已不予输出 — 请报告这个错误";
        Simulation { reason: SimErrorText }
            => en: "the simulator could not play the plan or its baselines: {reason}",
               zh: "模拟器无法运行该计划或其对照方案：{reason}";
        UnsafeHint
            => en: "use `--format json` on a smaller script to see the moments, and send the script with the report",
               zh: "可对较小的脚本使用 `--format json` 查看具体时刻，并随报告附上脚本";
    }
}

catalogue! {
    /// The limit a pinned wave would break.
    pub enum LimitText {
        Capacity => en: "the stair's safe capacity", zh: "楼梯的安全通行能力";
        Merge => en: "the merge rule (a floor stream meeting a stair stream)", zh: "汇流规则（楼层人流与楼梯人流交汇）";
        Gate => en: "the marshal's \"clear\" from the previous group", zh: "安全员对上一批\"已通过\"的确认";
    }
}

impl super::LocalArg for LimitText {
    type Out = String;
    fn local(&self, lang: super::Lang) -> String {
        self.text(lang)
    }
}
