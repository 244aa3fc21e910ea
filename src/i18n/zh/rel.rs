//! Simplified Chinese texts of [`RelMsg`].

use crate::i18n::rel::RelMsg;

/// `msg` in Simplified Chinese.
pub fn render(msg: &RelMsg) -> String {
    match msg {
        RelMsg::MissingTrigger { trigger, table } => {
            format!("缺少保护触发器 {trigger}（表 {table}）：该表的记录可被改写或删除")
        }
        RelMsg::LooseFile { path, mode } => format!("文件权限过宽：{path} 为 {mode:04o}（应为 0600，仅本人可读写）"),
        RelMsg::Incomplete { what } => format!("数据不完整：{what} 在完成前被中断，请删除此文件后重新生成"),
        RelMsg::Verdict { problems: 0 } => "检查结果：正常".into(),
        RelMsg::Verdict { problems } => format!("检查结果：发现 {problems} 个问题"),
    }
}
