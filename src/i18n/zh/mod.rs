//! Simplified Chinese texts of the catalogue (the default): one exhaustive `match` over [`Msg`],
//! worded as a branch back-office clerk would; full-width punctuation, values as in the file.

pub mod cli;
pub mod import;
mod pg;
mod rel;
pub mod titles;
pub mod ui;

use super::{BarPrice, ColName, DateNoun, IdIssue, KeyChar, Msg, Noun, ReportLine};
use crate::domain::id_number::IdError;
use crate::domain::mask::{mask_id_number, mask_mobile};
use crate::domain::money::format_count;
use crate::domain::risk::Suitability;
use crate::domain::scoring::AnswerError;

/// `msg` in Simplified Chinese.
pub fn render(msg: &Msg) -> String {
    match msg {
        Msg::Import(m) => import::render(m),
        Msg::Rel(m) => rel::render(m),
        Msg::Pg(m) => pg::render(m),
        Msg::Required => "必填，但为空".into(),
        Msg::NotADate { text } => format!("不是有效日期：{text:?}（请用 YYYY-MM-DD 或 YYYYMMDD）"),
        Msg::DateOutOfRange { text } => format!("日期 {text:?} 超出范围（1900–2099 年）"),
        Msg::NotATime { text, hint: true } => format!("不是有效时间：{text:?}（请用 YYYY-MM-DD HH:MM:SS，北京时间）"),
        Msg::NotATime { text, hint: false } => format!("不是有效时间：{text:?}"),
        Msg::MisplacedSeparator { text } => format!("千分位分隔符位置不对：{text:?}（应每 3 位一组：1,234,567.89）"),
        Msg::ControlChar { code } => format!("含有控制字符（U+{code:04X}）"),
        Msg::BadKeyChar { text, bad } => {
            let what = match bad {
                KeyChar::FullWidth(c) => format!("全角字符 {c:?}"),
                KeyChar::Control(code) => format!("控制字符 U+{code:04X}"),
                KeyChar::Other(c) => format!("字符 {c:?}"),
            };
            format!("{text:?} 含有{what}：编号只能用半角字母和数字")
        }
        Msg::EmptyNumber { noun } => format!("{}为空", noun_zh(*noun)),
        Msg::NotANumber { noun, text } => format!("不是有效{}：{text:?}", noun_zh(*noun)),
        Msg::NotAWholeNumber { noun, text } => format!("{}不是整数：{text:?}", noun_zh(*noun)),
        Msg::TooManyDecimals { places: 2, text } => format!("小数超过 2 位（不足 1 分）：{text:?}"),
        Msg::TooManyDecimals { places, text } => format!("小数超过 {places} 位：{text:?}"),
        Msg::TooLarge { noun, text } => format!("{}过大：{text:?}", noun_zh(*noun)),
        Msg::Negative { noun, text } => format!("{}不能为负数：{text}", noun_zh(*noun)),
        Msg::MustNotBeNegative => "不能为负数".into(),
        Msg::UnknownGender { text } => format!("未知性别 {text:?}（请用 M/F 或 男/女）"),
        Msg::NotAMobile { text } => format!("不是有效手机号码：{:?}（应为 1 开头的 11 位数字）", mask_mobile(text)),
        Msg::NotAVersion { text } => format!("不是有效版本号：{text:?}"),
        Msg::UnknownRiskRating { text } => format!("未知风险等级 {text:?}（请用 R1–R5）"),
        Msg::UnknownValue { text, accepted } => {
            let list: Vec<String> = accepted.iter().map(|(code, zh)| format!("{code}（{zh}）")).collect();
            format!("未知取值 {text:?}；可用：{}", list.join("、"))
        }
        Msg::UnknownEncoding { text, accepted } => format!("未知编码 {text:?}；可用：{}", accepted.join("、")),
        Msg::NotUtf8 { byte } => format!("第 {byte} 字节不是有效的 UTF-8"),
        Msg::InvalidBytes { encoding, byte } => format!("第 {byte} 字节在 {encoding} 编码中无效"),
        Msg::NeitherUtf8NorGbk { encoding, byte } => {
            format!("既不是 UTF-8 也不是 GBK/GB18030：第 {byte} 字节在 {encoding} 编码中无效")
        }
        Msg::DuplicateColumn { a, b, header } => format!("第 {a} 列和第 {b} 列都是 {header:?}；请只保留一列"),
        Msg::AmbiguousColumns { a, header_a, b, header_b, col } => {
            format!("第 {a} 列（{header_a:?}）和第 {b} 列（{header_b:?}）都是 {}；请只保留一列", describe(col))
        }
        Msg::NotAKindFile { kind, expected } => format!(
            "不是{}文件：找不到该类文件的任何一列；应有 {}",
            kind.label_zh(),
            expected.iter().map(describe).collect::<Vec<_>>().join("、")
        ),
        Msg::MissingColumns { kind, missing } => format!(
            "{}文件缺少必需的列：{}",
            kind.label_zh(),
            missing.iter().map(describe).collect::<Vec<_>>().join("、")
        ),
        Msg::EmptyFile { kind } => format!("空文件：没有表头行（应为{}文件）", kind.label_zh()),
        Msg::HeaderUnterminated { column, last_line } => {
            format!("第 {column} 列：引号未闭合（表头一直延续到第 {last_line} 行）")
        }
        Msg::RowUnterminated { last_line } => format!("引号未闭合（该行一直延续到第 {last_line} 行）"),
        Msg::ColumnN { n } => format!("第 {n} 列"),
        Msg::CouldNotBeRead => "无法读取".into(),
        Msg::Csv { detail } => format!("CSV 格式错误：{detail}"),
        Msg::DuplicateOf { line, fields } => {
            // a space between an ASCII header and the Chinese word (`manager_id 相同`), none after CJK
            let names = fields.join(" + ");
            let gap = if names.ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_') { " " } else { "" };
            format!("与第 {line} 行重复（{names}{gap}相同）")
        }
        Msg::AfterToday { what, day, today } => format!("{} {day} 晚于今天（{today}）", date_noun(*what)),
        Msg::OrderTimeAfterToday { time, today } => format!("委托时间 {time} 晚于今天（{today}）"),
        Msg::BeforeOpening { what, day, opened } => format!("{} {day} 早于开户日期 {opened}", date_noun(*what)),
        Msg::LastTradeAfterStatisticsDate { trade, as_of } => format!("最近交易日期 {trade} 晚于统计日期 {as_of}"),
        Msg::UnknownCustomer { id } => format!("未知客户 {id}（请先导入客户）"),
        Msg::UnknownSecurity { code } => format!("未知证券代码 {code}（请先导入证券）"),
        Msg::UnknownManager { id } => format!("未知客户经理 {id}（请先导入客户经理）"),
        Msg::OpeningBeforeBirth { opened, born } => format!("开户日期 {opened} 早于出生日期 {born}"),
        Msg::SecurityCodeHasSpaces { code } => format!("证券代码 {code:?} 含有空格"),
        Msg::OrderQuantityZero => "委托数量必须大于 0".into(),
        Msg::PriceNotPositive { which } => format!("{}必须大于 0", bar(*which)),
        Msg::LowAboveHigh { low, high } => format!("最低价 {low} 高于最高价 {high}"),
        Msg::OutsideLowHigh { which, value, low, high } => {
            format!("{} {value} 超出最低价–最高价区间 {low}–{high}", bar(*which))
        }
        Msg::UnknownQuestionnaire { id } => format!("未知问卷 {id}"),
        Msg::NoSuchVersion { id, version, known } => format!(
            "问卷 {id} 没有版本 {version}（已有版本：{}）",
            known.iter().map(u32::to_string).collect::<Vec<_>>().join("、")
        ),
        Msg::CannotReadQuestionnaire { id, version, detail } => format!("无法读取问卷 {id} v{version}：{detail}"),
        Msg::AssessmentAlreadyRecorded { customer, on, id, version, answers } => format!(
            "客户 {customer} 于 {on} 用问卷 {id} v{version} 所做的测评已有记录，答案为 {answers}；测评记录不可修改"
        ),
        Msg::CannotReadRecordedAssessments { detail } => format!("无法读取已记录的测评：{detail}"),
        Msg::Answer(e) => answer(e),
        Msg::BadUscc { text, error, stored } => {
            let text = mask_id_number(text);
            format!("统一社会信用代码 {text} 有误：{}{}", id_error(error), stored_hint(*stored))
        }
        Msg::BadResidentId { text, issue, stored } => {
            let text = mask_id_number(text);
            let what = match issue {
                IdIssue::Id(e) => id_error(e),
                IdIssue::BirthYearBefore1900(y) => format!("出生年份 {y} 早于 1900 年"),
            };
            format!("居民身份证号码 {text} 有误：{what}{}", stored_hint(*stored))
        }
        Msg::IdBirthInFuture { number, birth } => {
            let number = mask_id_number(number);
            format!("居民身份证号码 {number} 有误：号码中的出生日期 {birth} 在今天之后")
        }
        Msg::GenderMismatch { cell, number, gender } => {
            let number = mask_id_number(number);
            format!("{cell} 与证件号码 {number} 不符（号码表明性别为 {}（{}））", gender.code(), gender.label_zh())
        }
        Msg::BirthDateMismatch { given, number, birth } => {
            let number = mask_id_number(number);
            format!("{given} 与证件号码 {number} 不符（号码中的出生日期为 {birth}）")
        }
        Msg::Rejected { file, problems, bad_rows, total } => format!(
            "{file}：已拒绝，未导入任何数据：{problems} 处问题，涉及 {total} 行中的 {bad_rows} 行（请修正，或用 --skip-bad 只导入正确的行）"
        ),
        Msg::AndMore { n } => format!("…… 另有 {n} 处"),
        Msg::Report(r) => {
            let ReportLine { file, kind, rows, inserted, updated, unchanged, rejected, rejects_file, alerts } = &**r;
            let mut out = format!(
                "{file}（{}）：{rows} 行：新增 {inserted}，更新 {updated}，未变 {unchanged}，拒绝 {rejected}",
                kind.label_zh()
            );
            if let Some(p) = rejects_file {
                out.push_str(&format!(" → {p}"));
            }
            if let Some(a) = alerts {
                out.push_str(&format!(
                    "；预警涉及 {} 位客户：新开 {}，更新 {}，重开 {}，解除 {}",
                    a.customers, a.opened, a.updated, a.reopened, a.resolved
                ));
            }
            out
        }
        Msg::HeaderLabel => "表头".into(),
        Msg::EncodingLabel => "编码".into(),
        Msg::NoManager { id, db } => format!("{db} 中没有客户经理 {id:?}（请先导入客户经理）"),
        Msg::NoDatabase { path } => {
            format!("{path} 处没有数据库（请先用 `brokerdesk demo` 或 `brokerdesk import …` 建立）")
        }
        Msg::FirstRunDemo { path } => format!("brokerdesk：首次运行，正在 {path} 中生成演示营业部数据……"),
        Msg::DemoIntoImported { db, runs } => {
            format!("{db} 中已有导入的真实数据（{runs} 次导入）：演示数据请放在单独的文件中，例如 --db demo.db")
        }
        Msg::DemoBuilt(d) => format!(
            "{}：客户经理 {} 位，客户 {} 位（文件中现有 {} 位），持仓 {} 条，风险测评 {} 份，回访记录 {} 条，证券 {} 只，行情 {} 条；统计日期 {}（用时 {}.{} 秒）→ {}",
            d.branch,
            d.managers,
            d.customers,
            d.in_db,
            d.holdings,
            d.assessments,
            d.calls,
            d.securities,
            d.price_bars,
            d.statistics_date,
            d.tenths / 10,
            d.tenths % 10,
            d.path
        ),
        Msg::ImportNotSupervisor { manager } => format!(
            "导入会载入整个营业部的后台文件：请以营业部负责人身份运行（不带 --manager），而不是以 {manager} 的身份"
        ),
        Msg::ImportIntoDemo { db } => {
            format!("{db} 中是演示数据：真实文件请导入单独的数据库（--db PATH），或删除此文件后重新开始")
        }
        Msg::BadYear { year } => format!("--year {year}：年份应在 1990 到 2200 之间"),
        Msg::YearNotBegun { year, today } => format!("--year {year}：该年尚未开始（今天是 {today}）"),
        Msg::NoCustomerInBook { id } => format!("你负责的客户中没有 {id}"),
        Msg::Check { db, integrity, fk_violations, schema, latest, customers } => {
            let fk = match fk_violations {
                0 => "ok".to_string(),
                n => format!("{n} 处违规"),
            };
            format!(
                "数据库：{db}\n完整性：{integrity}\n外键：{fk}\n数据库结构：第 {schema} 版（最新为第 {latest} 版）\n客户：{customers} 位"
            )
        }
        Msg::BackedUp { path } => format!("已备份到 {path}"),
        Msg::ListFilterCustomers { n } => format!("客户列表筛选的 {} 位客户", format_count(*n)),
        Msg::ExportWriting { rows } => format!("写入 {} 行", format_count(*rows)),
        Msg::Exported { rows, path } => format!("已导出 {} 行 → {path}", format_count(*rows)),
        Msg::Unsuitable(Suitability::Suitable) => String::new(),
        Msg::Unsuitable(s) => format!("✗ {}", s.reason_zh()),
        Msg::NoCustomerShown { id } => format!("未找到客户 {id}（不在您的客户范围内）"),
        Msg::Age { age } => format!("{age}岁"),
        Msg::Days { days } => format!("{days} 日"),
        Msg::LevelName(level) => format!("{} {}", level.code(), level.label_zh()),
        Msg::OnAgenda { n } => format!("日程 {}", format_count(*n)),
        Msg::NextDays { days } => format!("未来{days}天"),
        Msg::FirstShown { shown, all } => {
            format!("  仅显示前 {} 条（共 {}），按 4 在回访页查看全部", format_count(*shown), format_count(*all))
        }
        Msg::DaysLate { days } => format!("逾期{days}天"),
        Msg::Tries { n } => format!("{n}次"),
        Msg::NoteLength { used, max } => format!("备注 {used}/{max} 字"),
        Msg::MovedAudited { n } => format!("已调动 {n} 位客户（已记入审计日志）"),
        Msg::ToMove { n } => format!("{} 位待调动", format_count(*n)),
        Msg::MovesTitle { n } => format!("调动明细  {} 位", format_count(*n)),
        Msg::ConfirmMove { n, to } => format!("将 {} 位客户调给 {to}", format_count(*n)),
        Msg::StepNotAnswered { step } => format!("第 {step} 步尚未作答"),
        Msg::PrefilledAge { age, option } => format!(" 已按出生日期预填：{age} 岁 → {option}"),
        Msg::DraftExists { answered, total } => {
            format!(" 该客户有一份未完成的测评草稿（已答 {answered}/{total} 题），草稿不是测评记录。")
        }
        Msg::OpenCallbacks { open, overdue } => format!("共 {open} 个待回访，其中逾期 {overdue} 个"),
        Msg::CoverageTitle { year } => format!("{year} 年回访覆盖率（年初正常状态客户，不含休眠；要求 ≥ 10%）\n"),
        Msg::RuleLabel(rule) => format!("{} {}", rule.label_zh(), rule.code()),
        Msg::CallbacksOpen { n } => format!("待回访 {}", format_count(*n)),
        Msg::CallsLogged { n } => format!("回访记录 {}", format_count(*n)),
        Msg::ExpiringIn { days } => format!("{days}天内到期"),
        Msg::AlertsRun { customers, findings, opened, updated, reopened, resolved } => {
            let total: usize = findings.iter().map(|(_, n)| n).sum();
            let mut s = format!(
                "已检查 {customers} 位客户；成立预警 {total} 条：新开 {opened}，更新 {updated}，重开 {reopened}，解除 {resolved}"
            );
            for (rule, n) in findings {
                let label = format!("{} {}", rule.label_zh(), rule.code());
                s.push_str(&format!("\n  {}{n:>8}", crate::domain::text::pad_to_cells(&label, 26, crate::domain::text::Align::Left)));
            }
            s
        }
        Msg::WouldMove { n } => format!("拟调动 {n} 位客户（试算，未写入）"),
        Msg::Moved { n } => format!("已调动 {n} 位客户"),
        Msg::AllocateNotSupervisor { manager } => format!(
            "仅营业部负责人可调动客户：请以负责人身份运行 allocate（不加 --manager），而不是 {manager}"
        ),
        Msg::SeveralReceiversNeedBalance { to } => format!("--to 指定了多位客户经理（{to}），需加 --balance"),
        Msg::GiveFromOrCustomer => "请指定 --from 客户经理 或 --customer 资金账号".into(),
        Msg::UnknownManagerId { id } => format!("没有客户经理 {id}"),
        Msg::UnknownCustomerId { id } => format!("没有客户 {id}"),
        Msg::CustomerClosed { id } => format!("客户 {id} 已销户：已销户的账户不能调动"),
        Msg::AlreadyWith { customer, manager } => format!("客户 {customer} 已由 {manager} 负责"),
        Msg::NowWith { customer, now, from } => {
            format!("客户 {customer} 现由 {now} 负责，而不是 {from}：请重新生成调动方案")
        }
        Msg::OnlyHeadReassigns { manager } => format!("仅营业部负责人可调动客户；{manager} 是客户经理"),
        Msg::Allocation(e) => {
            use crate::domain::allocation::AllocationError as E;
            match e {
                E::NoReceiver => "未指定接收的客户经理".into(),
                E::SeveralWithoutBalance => "多位接收人需要均衡方案（--balance）".into(),
                E::SameManager { customer, manager } => {
                    format!("客户 {customer} 已由 {manager} 负责：接收人不能同时是调出人")
                }
                E::Overflow => "资产合计溢出".into(),
            }
        }
        Msg::BadYuanOption { option, text, .. } => {
            format!("--{option} {text:?}：不是有效金额（以元为单位，最多 2 位小数）")
        }
        Msg::AlreadyClass { customer, class } => format!("{customer} 已是{}投资者", class.label_zh()),
        Msg::ConversionNeedsReason => "投资者类别转换需填写客户的理由".into(),
        Msg::ExistsAlready { path } => format!("{path} 已存在（加 --force 覆盖）"),
        Msg::IsAFolder { path } => format!("{path} 是文件夹，请给出文件名（如 {path}/导出.xlsx）"),
        Msg::NoSuchFolder { path } => format!("文件夹 {path} 不存在（请先建好，或换一个路径）"),
        Msg::ExportAuditFailed => "无法写入导出的审计记录（已删除导出的文件）".into(),
        Msg::FiltersCustomersOnly => "--tier、--type 和 --search 只能筛选 customers 视图".into(),
        Msg::BadAxis { text } => {
            format!("--axes {text:?}：应为 abcd、growth、age、tenure、concentration 或 pnl")
        }
        Msg::AxesSegmentsOnly => "--axes 只用于 segments 视图".into(),
        Msg::BadTier { text } => format!("--tier {text:?}：应为 T1、T2、T3 或 T4"),
        Msg::BadRiskType { text } => {
            format!("--type {text:?}：应为 conservative、balanced、aggressive、professional 或 unassessed")
        }
        Msg::Reading { path } => format!("读取 {path} 时出错"),
        Msg::Writing { path } => format!("写入 {path} 时出错"),
        Msg::Creating { path } => format!("创建 {path} 时出错"),
        Msg::PrintNoCustomer { id } => format!("没有客户 {id}"),
        Msg::PrintNoSuchAssessment { id, customer } => format!("客户 {customer} 没有编号为 {id} 的风险测评"),
        Msg::PrintNoAssessment { customer } => format!("客户 {customer} 还没有风险测评"),
        Msg::DbOpen { path, detail } => format!("数据库 {path}：无法打开：{detail}"),
        Msg::DbMigrate { path, detail } => format!("数据库 {path}：结构升级失败：{detail}（升级前已备份）"),
        Msg::DbCreate { path, detail } => format!("数据库 {path}：无法创建其文件夹或文件：{detail}"),
        Msg::DbNoDataDir => "没有平台数据目录（请用 --db PATH 指定数据库）".to_string(),
        Msg::DbBusy => "数据库正忙（可能正在导入），请稍后再试".to_string(),
        Msg::DemoMarket { detail } => format!("演示行情数据有误：{detail}"),
        Msg::DemoImport { file, detail } => format!("导入演示文件 {file} 失败：{detail}"),
        Msg::DemoTodayBeforeData { today, statistics_date } => {
            format!("演示数据截至 {statistics_date}；今天（{today}）不能早于该日期")
        }
        Msg::CliUnknownArgument { arg, suggestion } => match suggestion {
            Some(s) => format!("无法识别的参数 '{arg}'（是否想用 '{s}'？）"),
            None => format!("无法识别的参数 '{arg}'"),
        },
        Msg::CliUnknownCommand { name, suggestion } => match suggestion {
            Some(s) => format!("无法识别的命令 '{name}'（是否想用 '{s}'？）"),
            None => format!("无法识别的命令 '{name}'"),
        },
        Msg::CliInvalidValue { arg, value, valid } if valid.is_empty() => format!("参数 '{arg}' 的值 '{value}' 无效"),
        Msg::CliInvalidValue { arg, value, valid } => format!("参数 '{arg}' 的值 '{value}' 无效（可用：{valid}）"),
        Msg::CliMissingArgument { args } => format!("缺少必需的参数：{args}"),
        Msg::CliConflict { arg, other } => format!("参数 '{arg}' 不能与 '{other}' 同时使用"),
        Msg::CliOther { detail } => format!("命令行有误：{detail}"),
        Msg::ConfigUnreadable { path, detail } => format!("{path}：无法读取设置：{detail}"),
        Msg::ConfigMissing { var, path } => format!("{var} 指向的设置文件 {path} 不存在（请改正路径，或取消 {var}）"),
        Msg::ConfigDirUnreadable { path, detail } => format!("警告：无法查找设置文件 {path}（{detail}），按无设置启动"),
        Msg::ConfigBadLang { path, value } => format!("{path}：lang = {value:?}：请用 \"zh\"（中文）或 \"en\"（英文）"),
    }
}

fn answer(e: &AnswerError) -> String {
    match e {
        AnswerError::Count { expected, found } => format!("应有 {expected} 个答案（每题一个），实际 {found} 个"),
        AnswerError::Empty { number, id } => format!("第 {number} 题（{id}）：未选择选项"),
        AnswerError::UnknownOption { number, id, letter, last } => {
            format!("第 {number} 题（{id}）：未知选项 {letter:?}（选项为 A–{last}）")
        }
        AnswerError::SeveralOnSingle { number, id, given } => {
            format!("第 {number} 题（{id}）是单选题，但 {given:?} 选了多个选项")
        }
        AnswerError::AgeMismatch { number, id, age, expected, given } => {
            format!("第 {number} 题（{id}）按出生日期填写：{age} 岁应选 {expected}，而不是 {given}")
        }
        AnswerError::NoBand { score } => format!("得分 {score} 不在任何分数段内"),
    }
}

fn id_error(e: &IdError) -> String {
    match e {
        IdError::Length(n) => format!("应为 18 位，实际 {n} 位"),
        IdError::Character(c, at) => format!("第 {at} 位是非法字符 {c:?}"),
        IdError::Checksum { found, expected } => format!("校验码为 {found}，应为 {expected}"),
        IdError::BirthDate(digits) => format!("号码中的出生日期 {digits} 不是真实日期"),
    }
}

fn noun_zh(n: Noun) -> &'static str {
    match n {
        Noun::Amount => "金额",
        Noun::Price => "价格",
        Noun::CostPrice => "成本价",
        Noun::Quantity => "数量",
        Noun::Volume => "成交量",
    }
}

fn date_noun(d: DateNoun) -> &'static str {
    match d {
        DateNoun::StatisticsDate => "统计日期",
        DateNoun::LastTradeDate | DateNoun::LastTrade => "最近交易日期",
        DateNoun::PriceDate => "行情日期",
        DateNoun::AssessmentDate => "测评日期",
        DateNoun::OpeningDate => "开户日期",
    }
}

fn bar(b: BarPrice) -> &'static str {
    match b {
        BarPrice::Open => "开盘价",
        BarPrice::High => "最高价",
        BarPrice::Low => "最低价",
        BarPrice::Close => "收盘价",
    }
}

/// `customer_id（资金账号）`.
fn describe(col: &ColName) -> String {
    match col.usual {
        Some(zh) => format!("{}（{zh}）", col.field),
        None => col.field.to_string(),
    }
}

fn stored_hint(stored: Option<crate::domain::model::CustomerKind>) -> String {
    match stored {
        Some(k) => format!("（该客户已存为 {}（{}）；如需更改，请加上客户类型列）", k.code(), k.label_zh()),
        None => String::new(),
    }
}
