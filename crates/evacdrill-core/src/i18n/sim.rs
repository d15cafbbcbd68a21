//! Words of `evacdrill simulate`: its report, its chart, its errors.

use super::{Lang, catalogue};
use crate::sim::{Location, LocationKind, SimError};

catalogue! {
    /// Lines and labels of the simulation report.
    pub enum SimText {
        Title { name: String, runs: u32, seed: u64 }
            => en: "Simulation of “{name}”: {runs} runs, seed {seed}",
               zh: "模拟：“{name}”，{runs} 次运行，随机种子 {seed}";
        Plan { plan: String } => en: "Plan: {plan}", zh: "计划：{plan}";
        PlanAuto
            => en: "the staggered plan (evacdrill plan)",
               zh: "错峰放行计划（evacdrill plan）";
        PlanAllAtOnce => en: "all at once (baseline)", zh: "全部同时放行（基准）";
        PlanSequential => en: "sequential by grade (baseline)", zh: "按年级依次放行（基准）";
        Blocked { ids: String }
            => en: "Blocked stairwells: {ids} — their classes use their alternates",
               zh: "封闭的楼梯：{ids} — 其班级改走备用楼梯";
        Deterministic { seconds: f64 }
            => en: "Without variation (the plan's own assumptions): all out at {seconds:.1} s",
               zh: "无随机变化（按计划自身的假设）：{seconds:.1} 秒全部撤出";
        Target { seconds: f64, share: f64 }
            => en: "Target {seconds:.0} s: met in {share:.1} % of runs",
               zh: "目标 {seconds:.0} 秒：{share:.1}% 的运行达到";
        Times => en: "Times (seconds after the signal)", zh: "时间（警报后秒数）";
        ColWhat => en: "", zh: "";
        ColNoVariation => en: "no variation", zh: "无变化";
        ColP50 => en: "P50", zh: "P50";
        ColP90 => en: "P90", zh: "P90";
        ColP99 => en: "P99", zh: "P99";
        AllOut => en: "all out", zh: "全部撤出";
        StairClear { id: String } => en: "stairwell {id} clear", zh: "楼梯 {id} 清空";
        Stairwells => en: "Stairwells (without variation)", zh: "各楼梯（无随机变化）";
        ColStairwell => en: "stairwell", zh: "楼梯";
        ColPeople => en: "people", zh: "人数";
        ColPeak => en: "peak p/m²", zh: "最高密度 人/平方米";
        ColWhere => en: "where", zh: "位置";
        ColAt => en: "at s", zh: "时刻 秒";
        ColQueue => en: "peak queue", zh: "最长排队";
        Unused => en: "— not used —", zh: "— 未使用 —";
        RiskNone { limit: f64, runs: u32 }
            => en: "Density above {limit} p/m² (adult-equivalent): in none of {runs} runs",
               zh: "密度超过 {limit} 人/平方米（成人当量）：{runs} 次运行中均未出现";
        Risk { limit: f64, share: f64, first: f64 }
            => en: "Density above {limit} p/m² (adult-equiv.): {share:.1} % of runs, first at {first:.0} s (P50)",
               zh: "密度超过 {limit} 人/平方米（成人当量）：{share:.1}% 的运行出现，首次在 {first:.0} 秒（P50）";
        RiskPlace { place: String, share: f64, first: f64 }
            => en: "    {place}: {share:.1} % of runs, from {first:.0} s (P50)",
               zh: "    {place}：{share:.1}% 的运行，自 {first:.0} 秒起（P50）";
        RedFlag => en: "RED FLAG", zh: "红色警示";
        Critical { id: String }
            => en: "Critical stairwell {id}: adult-equivalent density over time, without variation",
               zh: "关键楼梯 {id}：成人当量密度随时间变化（无随机变化）";
        Legend { half: f64, limit: f64, red: f64 }
            => en: "  ░ below {half}   ▒ up to {limit}   ▓ above {limit}   █ {red} and above (p/m²)",
               zh: "  ░ 低于 {half}   ▒ 不超过 {limit}   ▓ 超过 {limit}   █ 达到 {red} 及以上（人/平方米）";
        Seconds { s: f64 } => en: "{s:.0} s", zh: "{s:.0} 秒";
        SvgWritten { file: String } => en: "Charts written to {file}", zh: "图表已写入 {file}";
        SvgFailed { file: String, detail: String }
            => en: "cannot write {file}: {detail}",
               zh: "无法写入 {file}：{detail}";
        Progress { done: u32, runs: u32 }
            => en: "simulating: {done}/{runs} runs",
               zh: "模拟中：{done}/{runs} 次";
        ProgressBar => en: "simulating", zh: "模拟中";
        SvgTitle { name: String }
            => en: "{name}: adult-equivalent density over time, without variation",
               zh: "{name}：成人当量密度随时间变化（无随机变化）";
        SvgStair { id: String, clear: f64 }
            => en: "Stairwell {id} — clear at {clear:.0} s",
               zh: "楼梯 {id} — {clear:.0} 秒清空";
        SvgTime => en: "seconds after the signal", zh: "警报后秒数";
        NoClasses => en: "no class uses this stairwell", zh: "没有班级使用该楼梯";
    }
}

catalogue! {
    /// Where a cell is, as people name it.
    pub enum PlaceText {
        Landing { floor: i32 } => en: "floor {floor} landing", zh: "{floor}楼平台";
        Foot => en: "foot of the stairs", zh: "楼梯底";
        MidLanding { upper: i32, lower: i32 }
            => en: "{upper}–{lower} half landing", zh: "{upper}-{lower}楼中间平台";
        UpperFlight { upper: i32, lower: i32 }
            => en: "{upper}–{lower} upper flight", zh: "{upper}-{lower}楼上梯段";
        LowerFlight { upper: i32, lower: i32 }
            => en: "{upper}–{lower} lower flight", zh: "{upper}-{lower}楼下梯段";
        ExitWalk { n: u32 } => en: "exit walk {n}", zh: "出口通道 {n}";
        Corridor { class: String } => en: "corridor of {class}", zh: "{class} 走廊";
        InStairwell { id: String, place: String }
            => en: "stairwell {id}, {place}", zh: "楼梯 {id}，{place}";
    }
}

catalogue! {
    /// Why a simulation cannot run, and what to do.
    pub enum SimErrorText {
        UnknownClass { class: String }
            => en: "class `{class}` is not in the script",
               zh: "脚本中没有班级 `{class}`";
        UnknownStairwell { id: String }
            => en: "stairwell `{id}` is not in the script; --blocked takes a stairwell id from the script",
               zh: "脚本中没有楼梯 `{id}`；--blocked 应填写脚本中的楼梯编号";
        ReleasedTwice { class: String }
            => en: "the plan releases class `{class}` twice",
               zh: "计划中班级 `{class}` 被放行了两次";
        NeverReleased { class: String }
            => en: "the plan never releases class `{class}`",
               zh: "计划中班级 `{class}` 从未放行";
        FloorNotServed { class: String, id: String, floor: i32 }
            => en: "class `{class}` cannot use stairwell `{id}`: it does not serve floor {floor}",
               zh: "班级 `{class}` 不能使用楼梯 `{id}`：该楼梯不通往 {floor} 楼";
        BadPace { class: String, value: f64 }
            => en: "class `{class}` has a pace of {value} p/s; it must be above 0",
               zh: "班级 `{class}` 的放行速率为 {value} 人/秒；应大于 0";
        NoAlternate { class: String, id: String }
            => en: "stairwell `{id}` is blocked and class `{class}` has no alternate: give it `alternate = \"…\"` in the script",
               zh: "楼梯 `{id}` 已封闭，而班级 `{class}` 没有备用楼梯：请在脚本中为其设置 `alternate = \"…\"`";
        AlternateBlocked { class: String, id: String, alternate: String }
            => en: "stairwells `{id}` and `{alternate}` are both blocked: class `{class}` has no way out",
               zh: "楼梯 `{id}` 和 `{alternate}` 都已封闭：班级 `{class}` 无路可走";
        NoWidth { id: String }
            => en: "stairwell `{id}` is no wider than its boundary layers: check width_m and boundary_m",
               zh: "楼梯 `{id}` 的宽度不大于两侧边界层：请检查 width_m 和 boundary_m";
        DidNotFinish { seconds: f64 }
            => en: "the simulated drill had not ended after {seconds:.0} s; check the plan's release times and paces",
               zh: "模拟演练在 {seconds:.0} 秒后仍未结束；请检查计划的放行时间和速率";
        Worker => en: "a simulation thread stopped unexpectedly", zh: "一个模拟线程意外停止";
    }
}

impl super::LocalArg for SimErrorText {
    type Out = String;
    fn local(&self, lang: Lang) -> String {
        self.text(lang)
    }
}

impl From<&SimError> for SimErrorText {
    fn from(e: &SimError) -> Self {
        match e {
            SimError::UnknownClass(c) => Self::UnknownClass { class: c.0.clone() },
            SimError::UnknownStairwell(s) => Self::UnknownStairwell { id: s.0.clone() },
            SimError::ReleasedTwice(c) => Self::ReleasedTwice { class: c.0.clone() },
            SimError::NeverReleased(c) => Self::NeverReleased { class: c.0.clone() },
            SimError::FloorNotServed {
                class,
                stairwell,
                floor,
            } => Self::FloorNotServed {
                class: class.0.clone(),
                id: stairwell.0.clone(),
                floor: *floor,
            },
            SimError::BadPace { class, value } => Self::BadPace {
                class: class.0.clone(),
                value: *value,
            },
            SimError::NoAlternate { class, stairwell } => Self::NoAlternate {
                class: class.0.clone(),
                id: stairwell.0.clone(),
            },
            SimError::AlternateBlocked {
                class,
                stairwell,
                alternate,
            } => Self::AlternateBlocked {
                class: class.0.clone(),
                id: stairwell.0.clone(),
                alternate: alternate.0.clone(),
            },
            SimError::NoWidth(s) => Self::NoWidth { id: s.0.clone() },
            SimError::DidNotFinish(s) => Self::DidNotFinish { seconds: *s },
        }
    }
}

/// The name of a place within its stairwell ("floor 3 landing").
#[must_use]
pub fn place(kind: &LocationKind, exit_floor: i32, lang: Lang) -> String {
    match kind {
        LocationKind::Landing { floor } if *floor == exit_floor => PlaceText::Foot,
        LocationKind::Landing { floor } => PlaceText::Landing { floor: *floor },
        LocationKind::MidLanding { storey } => PlaceText::MidLanding {
            upper: *storey,
            lower: storey - 1,
        },
        LocationKind::Flight { storey, lower } => {
            let (upper, below) = (*storey, storey - 1);
            if *lower {
                PlaceText::LowerFlight {
                    upper,
                    lower: below,
                }
            } else {
                PlaceText::UpperFlight {
                    upper,
                    lower: below,
                }
            }
        }
        LocationKind::ExitWalk { segment } => PlaceText::ExitWalk { n: segment + 1 },
        LocationKind::Corridor { class } => PlaceText::Corridor {
            class: class.0.clone(),
        },
    }
    .text(lang)
}

/// The name of a place with its stairwell ("stairwell A, floor 3 landing").
#[must_use]
pub fn location(loc: &Location, exit_floor: i32, lang: Lang) -> String {
    PlaceText::InStairwell {
        id: loc.stairwell.0.clone(),
        place: place(&loc.kind, exit_floor, lang),
    }
    .text(lang)
}
