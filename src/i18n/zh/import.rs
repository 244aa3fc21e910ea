//! Simplified Chinese texts of [`ImportMsg`] (the importer's messages about file shapes).

use crate::i18n::import_msg::{Bound, ImportMsg, UnitFits};

/// `m` in Simplified Chinese.
pub fn render(m: &ImportMsg) -> String {
    match m {
        ImportMsg::PreambleSkipped { first, last } if first == last => {
            format!("已跳过表头前的第 {first} 行（标题或导出信息）")
        }
        ImportMsg::PreambleSkipped { first, last } => {
            format!("已跳过表头前的第 {first}–{last} 行（标题或导出信息）")
        }
        ImportMsg::FooterSkipped { lines } => {
            format!("已跳过数据后的表尾（合计、条数或分隔线）：第 {} 行", join_lines(lines))
        }
        ImportMsg::UnitApplied { header, unit, factor } => {
            format!("{header}：单位为{unit}，数值已乘以 {}", crate::domain::money::format_count(*factor))
        }
        ImportMsg::TitleUnitApplied { line, unit, headers } => {
            format!("第 {line} 行的“单位：{unit}”用于未注明单位的金额列：{}", headers.join("、"))
        }
        ImportMsg::PricesRounded { header, count, line, from, to } => format!(
            "{header}：{count} 个价格有 4 位小数，已四舍五入到 0.001 元（系统保存精度），如第 {line} 行 {from} → {to}"
        ),
        ImportMsg::RepeatedColumnKept { header, kept, dropped } => {
            format!("表头 {header:?} 出现两次：使用第 {kept} 列（其值可以读取），忽略第 {dropped} 列")
        }
        ImportMsg::WorkbookSheet { sheet } => format!("Excel 工作簿：读取工作表 {sheet:?}"),
        ImportMsg::TextSavedAsXls => "文件扩展名是 .xls，但内容是制表符分隔的文本：按文本读取".into(),
        ImportMsg::UnknownUnit { column, header, unit } => {
            format!("第 {column} 列 {header:?} 的单位 {unit:?} 无法识别；请改为 元、万元、股 等，或去掉单位")
        }
        ImportMsg::UnitDoesNotFit { column, header, unit, fits } => {
            format!("第 {column} 列 {header:?} 的单位 {unit:?} 是{}单位，与该列不符", fits_zh(*fits))
        }
        ImportMsg::UnknownTitleUnit { line, unit } => {
            format!("第 {line} 行的“单位：{unit}”无法识别；请在列名中注明单位（如 成交金额(万元)）")
        }
        ImportMsg::Utf16WithoutBom { le } => format!(
            "文件像是没有字节顺序标记（BOM）的 UTF-16{} 文本；请加上 --encoding {}，或另存为 UTF-8 CSV",
            if *le { " LE" } else { " BE" },
            if *le { "utf-16le" } else { "utf-16be" }
        ),
        ImportMsg::LooksShiftJis => {
            "文件像是 Shift-JIS（日文）编码，不是 UTF-8 或 GBK；请在原软件中另存为 UTF-8 或 GBK".into()
        }
        ImportMsg::NotChineseText { line } => format!(
            "按 GBK 解码后第 {line} 行起多为生僻字符：文件不像 GBK 中文文本（可能是其他编码）；请另存为 UTF-8 或 GBK"
        ),
        ImportMsg::MixedEncodings { utf8_line, gbk_line } => {
            format!("文件混用两种编码：第 {utf8_line} 行是 UTF-8，第 {gbk_line} 行是 GBK；请统一另存为一种编码后再导入")
        }
        ImportMsg::FixedWidthGrid { line } => format!(
            "第 {line} 行起是按空格对齐的定宽文本表格，不是 CSV；请在原软件中导出为 Excel、CSV 或“制表符分隔”的文本"
        ),
        ImportMsg::CutLastLine { line, fields, expected } => format!(
            "最后一行（第 {line} 行）没有换行符且有 {fields} 列（表头 {expected} 列）：文件像是被截断了；请重新导出"
        ),
        ImportMsg::Workbook { detail } => format!("无法读取 Excel 工作簿：{detail}"),
        ImportMsg::WorkbookEmpty => "Excel 工作簿中没有含数据的工作表".into(),
        ImportMsg::RejectsSymlink => "是符号链接：拒绝通过它写入错误行文件".into(),
        ImportMsg::ScientificNotation { text } => {
            format!("{text:?} 是科学计数法（Excel 已丢失数字；请把该列设为文本后重新导出）")
        }
        ImportMsg::Masked { text } => format!("{text:?} 是脱敏后的值（含 *）；请导入完整的值"),
        ImportMsg::TooLong { chars, max } => format!("过长：{chars} 个字符（最多 {max} 个）"),
        ImportMsg::OverBound { bound, text } => {
            format!("{text:?} 超过{}的合理上限（{}）", bound_zh(*bound), max_zh(*bound))
        }
        ImportMsg::NotANumberInUnit { text, unit } => format!("不是有效数值：{text:?}（单位 {unit}）"),
        ImportMsg::FinerThanFenInUnit { text, unit } => {
            format!("{text:?}（单位 {unit}）换算成元后超过 2 位小数（不足一分）")
        }
        ImportMsg::CodeNotSixDigits { code, exchange } => {
            format!("{exchange} 证券代码应为 6 位数字：{code:?}")
        }
        ImportMsg::ValueOverBound => "持仓数量 × 成本价 超过金额的合理上限（10^15 元）".into(),
    }
}

fn join_lines(lines: &[u64]) -> String {
    lines.iter().map(u64::to_string).collect::<Vec<_>>().join("、")
}

fn fits_zh(f: UnitFits) -> &'static str {
    match f {
        UnitFits::Money => "金额",
        UnitFits::Count => "数量",
        UnitFits::Percent => "百分比",
    }
}

fn bound_zh(b: Bound) -> &'static str {
    match b {
        Bound::Quantity => "数量",
        Bound::Price => "价格",
        Bound::Money => "金额",
    }
}

fn max_zh(b: Bound) -> &'static str {
    match b {
        Bound::Quantity => "10^12",
        Bound::Price => "10^7 元",
        Bound::Money => "10^15 元",
    }
}
