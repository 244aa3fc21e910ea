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
        RelMsg::NewerSchema { db, version, latest } => format!(
            "{db} 由更新版本的 brokerdesk 写入（数据库结构第 {version} 版，本程序只认识到第 {latest} 版）：未作任何改动，请升级 brokerdesk"
        ),
        RelMsg::Symlink { path } => format!("{path} 是符号链接：为防止数据写到别处，拒绝使用；请给出实际文件的路径"),
        RelMsg::WaitingForWriter => "正在等待另一个导入完成…".into(),
        RelMsg::LockTimeout { db, secs, holder: Some(h) } => {
            format!("{db} 正被另一个进程写入：已等待 {secs} 秒仍未结束（{h}）；请待其完成后重试，或设置 BROKERDESK_LOCK_WAIT_SECS 延长等待")
        }
        RelMsg::LockTimeout { db, secs, holder: None } => {
            format!("{db} 正被另一个进程写入：已等待 {secs} 秒仍未结束；请待其完成后重试，或设置 BROKERDESK_LOCK_WAIT_SECS 延长等待")
        }
        RelMsg::BackupNotSupervisor { manager } => {
            format!("{manager} 不是营业部负责人：备份包含全营业部客户的完整证件号码，只有营业部负责人可以备份")
        }
        RelMsg::Verdict { problems: 0 } => "检查结果：正常".into(),
        RelMsg::Verdict { problems } => format!("检查结果：发现 {problems} 个问题"),
    }
}
