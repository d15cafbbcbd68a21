//! Messages about drill scripts: what `check` reports.

use super::catalogue;

catalogue! {
    /// A problem found in a drill script, or the hint that goes with it.
    pub enum ScriptMsg {
        Syntax { detail: String }
            => en: "the file is not valid TOML: {detail}",
               zh: "文件不是有效的 TOML：{detail}";
        SyntaxHint
            => en: "check quotes, brackets and `=` on this line; strings need double quotes",
               zh: "检查这一行的引号、括号和 `=`；字符串要用双引号";
        Empty
            => en: "the file is empty",
               zh: "文件是空的";
        EmptyHint
            => en: "start from drills/demo.toml or see docs/drill-script.md",
               zh: "可以从 drills/demo.toml 开始，或参阅 docs/drill-script.zh-CN.md";
        NotUtf8 { line: usize, column: usize }
            => en: "the file is not UTF-8 text (first bad byte at line {line}, column {column})",
               zh: "文件不是 UTF-8 文本（第 {line} 行第 {column} 列出现无效字节）";
        NotUtf8Hint
            => en: "save the file as UTF-8 (in most editors: Save As… → Encoding → UTF-8)",
               zh: "请把文件另存为 UTF-8 编码（多数编辑器：另存为 → 编码 → UTF-8）";
        Unreadable { detail: String }
            => en: "cannot read the file: {detail}",
               zh: "无法读取文件：{detail}";
        UnreadableHint
            => en: "check the path and that you may read the file",
               zh: "检查路径是否正确、是否有读取权限";
        UnknownKey { key: String, table: String }
            => en: "unknown key `{key}` in {table}",
               zh: "{table} 中有未知的键 `{key}`";
        DidYouMean { key: String }
            => en: "did you mean `{key}`?",
               zh: "是不是想写 `{key}`？";
        UnknownKeyHint { keys: String }
            => en: "keys allowed here: {keys}",
               zh: "这里允许的键：{keys}";
        UnknownTable { table: String }
            => en: "unknown table `{table}`",
               zh: "未知的表 `{table}`";
        UnknownTableHint { tables: String }
            => en: "tables allowed: {tables}",
               zh: "允许的表：{tables}";
        MissingKey { key: String, table: String }
            => en: "{table} is missing the required key `{key}`",
               zh: "{table} 缺少必填的键 `{key}`";
        MissingKeyHint { key: String, example: String }
            => en: "add a line such as `{key} = {example}`",
               zh: "加上一行，例如 `{key} = {example}`";
        MissingTable { table: String }
            => en: "the script has no {table}",
               zh: "脚本中没有 {table}";
        MissingTableHint { table: String }
            => en: "add {table}; see docs/drill-script.md",
               zh: "请添加 {table}；参阅 docs/drill-script.zh-CN.md";
        WrongType { key: String, expected: TypeName, found: TypeName }
            => en: "`{key}` must be {expected}, not {found}",
               zh: "`{key}` 应当是{expected}，而不是{found}";
        OutOfRange { key: String, value: String, min: String, max: String, unit: String }
            => en: "`{key}` = {value} is outside the sensible range {min}–{max}{unit}",
               zh: "`{key}` = {value} 超出合理范围 {min}–{max}{unit}";
        OutOfRangeHint
            => en: "check the unit: distances are metres, times seconds",
               zh: "检查单位：距离以米计，时间以秒计";
        NotOneOf { key: String, value: String, allowed: String }
            => en: "`{key}` = \"{value}\" is not one of {allowed}",
               zh: "`{key}` = \"{value}\" 不在可选值 {allowed} 之中";
        WrongLength { key: String, expected: usize, found: usize }
            => en: "`{key}` needs {expected} values, found {found}",
               zh: "`{key}` 需要 {expected} 个值，实际有 {found} 个";
        UnknownSchema { found: String }
            => en: "unknown script format `schema = {found}`; this program reads schema 1",
               zh: "未知的脚本格式 `schema = {found}`；本程序读取 schema 1";
        UnknownSchemaHint
            => en: "write `schema = 1`, or update evacdrill if the script came from a newer version",
               zh: "请写 `schema = 1`；若脚本来自更新的版本，请升级 evacdrill";
        DuplicateStairwell { id: String }
            => en: "stairwell id `{id}` is used twice",
               zh: "楼梯编号 `{id}` 重复使用";
        DuplicateClass { id: String }
            => en: "class id `{id}` is used twice",
               zh: "班级编号 `{id}` 重复使用";
        DuplicateHint
            => en: "give each one its own id; the first use is marked below",
               zh: "每个编号只能用一次；第一次出现的位置标在下方";
        FirstUse
            => en: "first used here",
               zh: "第一次出现在这里";
        EmptyId
            => en: "an id cannot be empty",
               zh: "编号不能为空";
        UnknownStairwell { class: String, id: String }
            => en: "class `{class}` uses stairwell `{id}`, which the script does not define",
               zh: "班级 `{class}` 使用的楼梯 `{id}` 在脚本中没有定义";
        UnknownAlternate { class: String, id: String }
            => en: "class `{class}` names alternate stairwell `{id}`, which the script does not define",
               zh: "班级 `{class}` 的备用楼梯 `{id}` 在脚本中没有定义";
        StairwellsDefined { ids: String }
            => en: "stairwells defined: {ids}",
               zh: "已定义的楼梯：{ids}";
        AlternateIsOwn { class: String }
            => en: "class `{class}` names its own stairwell as its alternate",
               zh: "班级 `{class}` 的备用楼梯就是它自己的楼梯";
        AlternateIsOwnHint
            => en: "name a different stairwell, or remove `alternate`",
               zh: "请指定另一部楼梯，或删除 `alternate`";
        FloorBelowExit { class: String, floor: i32, exit_floor: i32 }
            => en: "class `{class}` is on floor {floor}, below the exit floor {exit_floor}",
               zh: "班级 `{class}` 在 {floor} 层，低于出口层 {exit_floor} 层";
        FloorBelowExitHint
            => en: "evacdrill plans downward evacuation only; check `floor` and `[building] exit_floor`",
               zh: "evacdrill 只规划向下疏散；请检查 `floor` 和 `[building] exit_floor`";
        FloorNotServed { class: String, floor: i32, stairwell: String }
            => en: "class `{class}` is on floor {floor}, which stairwell `{stairwell}` does not serve",
               zh: "班级 `{class}` 在 {floor} 层，楼梯 `{stairwell}` 不通往该层";
        FloorNotServedHint { floors: String }
            => en: "the stairwell serves floors {floors}; choose another stairwell or extend its `floors`",
               zh: "该楼梯通往 {floors} 层；请换一部楼梯，或补充它的 `floors`";
        Headcount { class: String, value: i64 }
            => en: "class `{class}` has headcount {value}; it must be 1 to 200",
               zh: "班级 `{class}` 的人数为 {value}；应在 1 到 200 之间";
        HeadcountHint
            => en: "count the pupils and the teacher of this class; split a larger group into classes",
               zh: "填写本班学生和教师人数；更大的队伍请拆成多个班级";
        TooNarrow { id: String, width: f64, boundary: f64 }
            => en: "stairwell `{id}` is {width} m wide, no more than its two boundary layers ({boundary} m): nobody fits",
               zh: "楼梯 `{id}` 宽 {width} 米，不大于两侧边界层之和（{boundary} 米），无法通行";
        TooNarrowHint
            => en: "measure the clear width between walls or handrails, in metres",
               zh: "请量取墙面或扶手之间的净宽，单位为米";
        TooWide { id: String, width: f64 }
            => en: "stairwell `{id}` is {width} m wide; a stair wider than 10 m is not plausible",
               zh: "楼梯 `{id}` 宽 {width} 米；超过 10 米的楼梯不合常理";
        TooWideHint
            => en: "widths are in metres (1.5, not 150)",
               zh: "宽度以米计（写 1.5，不是 150）";
        WaveUnknownClass { id: String }
            => en: "wave names class `{id}`, which the script does not define",
               zh: "波次中的班级 `{id}` 在脚本中没有定义";
        WaveDuplicateClass { id: String }
            => en: "class `{id}` is named in more than one wave, or twice in one",
               zh: "班级 `{id}` 在波次中出现了不止一次";
        WaveDuplicateHint
            => en: "release each class once: remove the second mention",
               zh: "每个班级只放行一次：请删除重复的一处";
        WaveEmpty
            => en: "a wave with no classes",
               zh: "波次中没有班级";
        WaveEmptyHint
            => en: "list the classes it releases, or remove the wave",
               zh: "列出该波次放行的班级，或删除该波次";
        WavesIncomplete { ids: String }
            => en: "waves are given but do not release these classes: {ids}",
               zh: "已指定波次，但以下班级没有被放行：{ids}";
        WavesIncompleteHint
            => en: "with [[wave]] tables every class must be in exactly one wave",
               zh: "使用 [[wave]] 时，每个班级必须恰好属于一个波次";
        WaveTimeBackwards
            => en: "this wave's `at_s` is earlier than the previous wave's",
               zh: "该波次的 `at_s` 早于前一个波次";
        WaveTimeBackwardsHint
            => en: "waves are released in the order written; order them by time",
               zh: "波次按书写顺序放行，请按时间排列";
        NoMarshal { id: String }
            => en: "stairwell `{id}` has no marshal",
               zh: "楼梯 `{id}` 没有安排安全员";
        NoMarshalHint
            => en: "post a member of staff at every stairwell: add `marshal = \"…\"`",
               zh: "每部楼梯都应有教职工值守：添加 `marshal = \"…\"`";
        NoTeacher { id: String }
            => en: "class `{id}` has no teacher",
               zh: "班级 `{id}` 没有带队教师";
        NoTeacherHint
            => en: "name who leads the class out: add `teacher = \"…\"`",
               zh: "写明由谁带领该班撤离：添加 `teacher = \"…\"`";
        OverTarget { id: String, people: u32, capacity: f64, seconds: f64, target: f64 }
            => en: "stairwell `{id}` carries {people} people at {capacity:.2} p/s: {seconds:.0} s on the stair alone, over the target of {target:.0} s",
               zh: "楼梯 `{id}` 承担 {people} 人，通行能力 {capacity:.2} 人/秒：仅楼梯就需 {seconds:.0} 秒，超过目标 {target:.0} 秒";
        OverTargetHint
            => en: "move classes to a wider stairwell, or set a target this building can meet",
               zh: "把部分班级调到更宽的楼梯，或设定本楼能达到的目标";
    }
}

catalogue! {
    /// Names of value types, as used in [`ScriptMsg::WrongType`].
    pub enum TypeName {
        Text => en: "text in quotes", zh: "带引号的文字";
        Integer => en: "a whole number", zh: "整数";
        Number => en: "a number", zh: "数字";
        Boolean => en: "true or false", zh: "true 或 false";
        TextList => en: "a list of texts", zh: "文字列表";
        IntegerList => en: "a list of whole numbers", zh: "整数列表";
        NumberList => en: "a list of numbers", zh: "数字列表";
        Table => en: "a table", zh: "表";
        TableList => en: "a list of tables ([[…]])", zh: "表数组（[[…]]）";
        DateTime => en: "a date", zh: "日期";
    }
}

catalogue! {
    /// How a diagnostic is labelled.
    pub enum SeverityName {
        Error => en: "error", zh: "错误";
        Warning => en: "warning", zh: "警告";
    }
}

impl super::LocalArg for TypeName {
    type Out = String;
    fn local(&self, lang: super::Lang) -> String {
        self.text(lang)
    }
}
