//! Words of the command-line output that are not diagnostics.

use super::catalogue;

catalogue! {
    /// Labels and lines of `check`'s summary.
    pub enum CheckText {
        Valid { file: String, name: String }
            => en: "{file}: valid — {name}",
               zh: "{file}：有效 — {name}";
        Invalid { file: String, errors: usize, warnings: usize }
            => en: "{file}: {errors} error(s), {warnings} warning(s); the script cannot be used until the errors are fixed",
               zh: "{file}：{errors} 个错误，{warnings} 个警告；改正错误之前无法使用该脚本";
        WarningsOnly { warnings: usize }
            => en: "{warnings} warning(s) above: the script can be used, but read them",
               zh: "上方有 {warnings} 个警告：脚本可以使用，但请阅读";
        Building { name: String, exit_floor: i32, height: f64 }
            => en: "Building: {name} — exits on floor {exit_floor}, storey {height} m",
               zh: "建筑：{name} — 出口在 {exit_floor} 层，层高 {height} 米";
        Target { seconds: f64 }
            => en: "Target: all out within {seconds:.0} s",
               zh: "目标：{seconds:.0} 秒内全部撤出";
        NoTarget
            => en: "Target: none set",
               zh: "目标：未设定";
        Stairwells => en: "Stairwells", zh: "楼梯";
        ByGrade => en: "Classes by grade", zh: "按年级";
        Total { classes: usize, people: u32 }
            => en: "Total: {classes} classes, {people} people",
               zh: "合计：{classes} 个班级，{people} 人";
        ColId => en: "id", zh: "编号";
        ColName => en: "name", zh: "名称";
        ColWidth => en: "width m", zh: "宽 米";
        ColEffective => en: "effective m", zh: "有效宽 米";
        ColCapacity => en: "capacity p/s", zh: "通行能力 人/秒";
        ColGate => en: "gate", zh: "放行条件";
        ColMarshal => en: "marshal", zh: "安全员";
        ColClasses => en: "classes", zh: "班级数";
        ColPeople => en: "people", zh: "人数";
        ColGrade => en: "grade", zh: "年级";
        GateTime => en: "time", zh: "按时";
        GateClear => en: "clear", zh: "确认通过";
        NoMarshal => en: "— none —", zh: "— 无 —";
        Waves { count: usize } => en: "Waves pinned by hand: {count}", zh: "手动指定的波次：{count}";
        Checklist { count: usize } => en: "Pre-drill checklist: {count} items", zh: "演练前检查清单：{count} 项";
    }
}
