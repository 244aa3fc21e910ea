//! The command line's help texts in Simplified Chinese, by key: `""` the program, `--db` a global option,
//! `demo` a command, `demo --customers` its option, `assess print customer` a positional
//! argument. `cli/localize.rs` puts them into the clap command; a key missing here keeps the
//! text written beside the option (and a test lists it).

/// (key, help text).
pub const HELP: &[(&str, &str)] = &[
    ("", "客户经理的终端工作台：客户分级分类、回访、持仓风险预警、适当性风险测评"),
    ("--db", "SQLite 数据库文件（默认：平台数据目录，如 ~/.local/share/brokerdesk/brokerdesk.db），或营业部共用的 PostgreSQL 数据库 postgres://用户@主机:端口/库名（也可用环境变量 BROKERDESK_DB）"),
    ("--manager", "以该客户经理（客户经理编号）身份使用：只看其名下客户。不给出时为营业部负责人"),
    ("--today", "指定今天的日期（中国时间），用于回看过去某天和测试"),
    ("--lang", "界面语言（zh 中文，en 英文）"),
    ("--rules", "本公司的规则文件（格式同 assets/rules.toml）"),
    ("--screen", "TUI 打开时的界面"),
    ("--customer", "`--screen customer` 打开的客户（资金账号）"),
    ("--questionnaire", "风险测评问卷（TOML，SPEC §4.1），用于其适用的客户；否则用配置目录中的问卷，再否则用内置问卷"),
    ("demo", "用内置的真实行情数据建立或刷新演示营业部"),
    ("demo --customers", "客户数（默认 3,000；营业部规模测试用 100,000）"),
    ("demo --seed", "生成器种子：相同的种子、规模和 --today 得到相同的数据"),
    ("render", "不开终端绘制一个界面（与 TUI 同一套代码），以文本输出"),
    ("render --width", "列数（最多 1000）"),
    ("render --height", "行数（最多 500）"),
    ("render --customer", "客户界面显示的客户（资金账号；默认列表第一位）"),
    ("render --search", "客户列表：如同键入 `/TEXT` 回车后的列表（姓名、资金账号、手机后 4 位）"),
    ("render --sort", "客户列表：如同按 `s` 直到按 KEY 排序后的列表"),
    (
        "import",
        "导入柜台系统导出的文件（CSV/TSV：UTF-8、GBK/GB18030 或 UTF-16；或 Excel .xlsx/.xls 工作簿；中文或英文表头；见 docs/import-formats.md）。全有或全无：有任何错误行的文件整份拒绝并列出每个错误行，除非加 --skip-bad",
    ),
    ("import kind", "文件的内容"),
    ("import file", "要读取的文件"),
    ("import --encoding", "指定编码（utf-8、gbk、gb18030、utf-16le、utf-16be）；不给出时自动识别"),
    ("import --skip-bad", "导入正确的行，错误的行写入拒绝文件"),
    ("import --rejects", "--skip-bad 写错误行的文件（默认：原文件旁的 <文件名>.rejects.csv）"),
    ("report", "报表输出到标准输出（纯文本，或 --format csv|json）"),
    (
        "report segments",
        "分级分类：各等级 × 风险类型的客户数和资产总值（20 行）；加 `--axes` 时为各等级 × 该维度的分组（CSV 表头 `axis,segment,tier,customers,total_assets_yuan,threshold`）",
    ),
    ("report segments --axes", "SPEC §4.4 的其他维度（阈值：营业部中位数）"),
    (
        "report callbacks",
        "回访：范围内所有未完成的回访，按应回访日期先后（CSV 表头 `customer_id,manager_id,due_on,reason,tries,overdue_days`）",
    ),
    (
        "report coverage",
        "回访覆盖率：按年初名下客户（年内任一时刻曾持有），各客户经理及全营业部（`ALL`，每位客户计一次）年初有效客户（不含休眠）及当年联系上的人数（CSV 表头 `manager_id,active_at_start,reached,share_pct,meets_10pct`）",
    ),
    ("report coverage --year", "年份（默认：今年）"),
    (
        "report assessments",
        "范围内每位客户最近一次风险测评（CSV 表头 `customer_id,level,score,lowest,assessed_on,valid_until,state,source,manager_id`）",
    ),
    (
        "report alerts",
        "预警：全部预警（含历史）。CSV 表头 `customer_id,rule,severity,subject,status,first_seen,last_seen,message`",
    ),
    ("assess", "风险测评工具"),
    ("assess score", "不开 TUI 为一份已填问卷计分"),
    ("assess score --questionnaire", "问卷定义（TOML，SPEC §4.1 格式）"),
    ("assess score --answers", "按文件中题目顺序每题一个答案；多选题列出所选字母：\"A,C,B,AD,…\""),
    ("assess score --age", "年龄（未满 18 岁定为最低类别）"),
    ("assess print", "客户风险测评的签字版记录（最近一次，或 --assessment ID）"),
    ("assess print customer", "客户（资金账号）"),
    ("assess print --assessment", "客户某次测评的记录编号（UUID）"),
    ("assess print --output", "写入 FILE 而不是标准输出"),
    ("assess professional", "应客户申请记录专业投资者认定（SPEC §4.2）：普通 → 专业（数据须达到门槛）或转回普通"),
    ("assess professional customer", "客户（资金账号）"),
    ("assess professional --to", "`professional`（专业）或 `ordinary`（普通）"),
    ("assess professional --financial-assets", "金融资产（元）"),
    ("assess professional --income", "最近 3 年年均收入（元）"),
    ("assess professional --net-assets", "净资产（元；机构）"),
    ("assess professional --years", "投资或金融从业年限"),
    ("assess professional --reason", "客户的申请理由"),
    ("alerts", "持仓风险预警（SPEC §4.7）"),
    ("alerts run", "在一个事务中对全部客户执行每条规则（每次导入后也会执行）"),
    (
        "export",
        "导出一个视图为 CSV（UTF-8 带 BOM）或 XLSX：个人信息默认脱敏，--unmasked 除外（仅营业部负责人，记入审计）；每次导出都记入审计日志",
    ),
    ("export --output", "写入的文件（默认：当前目录下的 brokerdesk-<视图>-<今天>.<扩展名>）"),
    ("export --unmasked", "完整证件号和手机号（仅营业部负责人；记入审计日志）"),
    ("export --force", "覆盖已有文件"),
    ("export --tier", "customers：只导出该等级（T1…T4）"),
    (
        "export --type",
        "customers：只导出该风险类型（conservative、balanced、aggressive、professional、unassessed，或 保守型 …）",
    ),
    ("export --search", "customers：姓名、资金账号或手机后 4 位包含此文本"),
    (
        "export --axes",
        "segments：其他维度的矩阵（abcd、growth、age、tenure、concentration、pnl），与 `report segments --axes` 相同",
    ),
    (
        "allocate",
        "存量客户分配（SPEC §4.8，仅营业部负责人）：把离职客户经理的全部客户（`--from M`，含休眠）或一位客户（`--customer ID`）转给 `--to`。多个接收人（`--to M2,M3`）须加 `--balance`：按资产从大到小，每位客户分给客户数 + 资产 + 该等级占比最低的接收人。输出各客户经理分配前后对照（客户数、资产（万）、T1/T2/T3/T4）；--dry-run 不写入；否则在一个事务中执行（每位客户一条调整记录和一条审计记录；未完成的回访和预警随客户转移）",
    ),
    ("allocate --from", "离职客户经理（其全部客户转出）"),
    ("allocate --customer", "要转移的一位客户（资金账号）"),
    ("allocate --to", "接收的客户经理，逗号分隔"),
    ("allocate --balance", "按客户数、资产和等级构成均衡分配给各接收人"),
    ("allocate --dry-run", "只显示方案，不写入"),
    ("check", "检查数据库完整性和迁移版本"),
    ("backup", "备份到新的 SQLite 文件 PATH：SQLite 数据库在线备份（TUI 运行时也安全）；PostgreSQL 数据库则备份当前角色可见的部分"),
    ("backup path", "目标文件"),
    ("migrate", "把 SQLite 客户数据（--db）在一个事务中复制到空的 PostgreSQL 数据库：建表、复制每张表，再逐表核对两边行数（有任何不一致即全部撤销）"),
    ("migrate --to", "PostgreSQL 数据库（postgres://用户@主机:端口/数据库）"),
    ("roles", "PostgreSQL 数据库角色（见 docs/branch-server.md）"),
    ("roles sync", "以表的所有者身份：为每位客户经理建登录角色（bd_ 加小写编号，如 bd_m03），营业部负责人加入 bd_supervisor，按客户经理的行级安全，记录表只能新增。不设密码（由数据库管理员设置）"),
    ("roles sync --pg", "PostgreSQL 数据库（postgres://所有者@主机:端口/数据库）；不给出时用 --db 或 BROKERDESK_DB 指定的服务器数据库"),
];

/// The help screens' own words.
pub const USAGE: &str = "用法：";
/// clap's own fixed words in its help and usage lines (SPEC §6: Chinese by default).
pub const CLAP_WORDS: &[(&str, &str)] = &[
    ("[OPTIONS]", "[选项]"),
    ("[COMMAND]", "[命令]"),
    ("<COMMAND>", "<命令>"),
    ("[possible values: ", "[可选值："),
    ("[default: ", "[默认："),
    ("[aliases: ", "[别名："),
];
pub const COMMANDS: &str = "命令";
pub const OPTIONS: &str = "选项";
pub const ARGUMENTS: &str = "参数";
pub const HELP_FLAG: &str = "显示帮助";
pub const VERSION_FLAG: &str = "显示版本";
pub const MORE_INFO: &str = "更多信息请用 '--help'。";
pub const OR: &str = " 或 ";
/// Why a `--today` value was refused (clap's own reason is English).
pub const TODAY_RULE: &str = "YYYY-MM-DD 格式、年份在 1990–2200 之间的日期";
/// Why a `demo --customers` value was refused.
pub const CUSTOMERS_RULE: &str = "1 至 5000000 之间的整数";
