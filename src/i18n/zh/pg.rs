//! Simplified Chinese texts of [`PgMsg`].

use crate::i18n::pg::PgMsg;

fn list(v: &[String]) -> String {
    if v.is_empty() { "无".into() } else { v.join("、") }
}

/// `msg` in Simplified Chinese.
pub fn render(msg: &PgMsg) -> String {
    match msg {
        PgMsg::Server { url, detail } => format!("无法使用服务器上的数据库 {url}：{detail}"),
        PgMsg::SignedInAs { manager, asked } => format!(
            "已用客户经理 {manager} 的数据库角色登录：只能查看 {manager} 自己的客户，不能用 --manager {asked}"
        ),
        PgMsg::MigrateFromServer => {
            "migrate --to 把 SQLite 数据库文件复制到服务器：请用 --db 文件 指定要复制的文件".into()
        }
        PgMsg::NotPgUrl { url } => format!("{url} 不是 PostgreSQL 地址（应为 postgres://用户@主机:端口/数据库）"),
        PgMsg::NewerSchema { version, latest } => format!(
            "该 PostgreSQL 数据库由更新版本的 brokerdesk 建立（数据库结构第 {version} 版，本程序只认识到第 {latest} 版）：未作任何改动"
        ),
        PgMsg::TargetNotEmpty { found } => {
            let f: Vec<String> = found.iter().map(|(t, n)| format!("{t} {n} 行")).collect();
            format!("目标数据库不是空的（{}）：未复制任何数据；请使用新建的空数据库", f.join("，"))
        }
        PgMsg::CountMismatch { diffs } => {
            let f: Vec<String> =
                diffs.iter().map(|(t, a, b)| format!("{t}：SQLite {a} 行，PostgreSQL {b} 行")).collect();
            format!("复制后行数不一致（{}）：已全部撤销", f.join("；"))
        }
        PgMsg::BadText { table, column } => {
            format!("{table}.{column} 中有 PostgreSQL 无法保存的文本（含 NUL 字符或不是 UTF-8）：已全部撤销")
        }
        PgMsg::CopyFailed { table, error } => format!("复制 {table} 时与服务器的连接中断：{error}；已全部撤销"),
        PgMsg::Migrated { target, tables, rows, millis } => {
            let secs = *millis as f64 / 1000.0;
            format!("已复制到 {target}：{tables} 张表，共 {rows} 行，两边逐表计数一致（{secs:.1} 秒）")
        }
        PgMsg::BadManagerId { id } => {
            format!("客户经理编号 {id} 不能用作数据库角色名（只能含字母、数字和下划线）：未作任何改动")
        }
        PgMsg::NoSchema { version, latest } => format!(
            "该数据库的结构为第 {version} 版（应为第 {latest} 版）：请先用 brokerdesk migrate --to 建立并复制数据"
        ),
        PgMsg::RolesSynced { created, updated, disabled, supervisors } => format!(
            "角色已同步：新建 {}；更新 {}；停用（客户经理已不在） {}；营业部负责人 {}。未设置密码：请由数据库管理员设置",
            list(created),
            list(updated),
            list(disabled),
            list(supervisors)
        ),
    }
}
