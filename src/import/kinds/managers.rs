//! `managers`: manager_id 客户经理编号, name 姓名, branch 营业部, role? 角色 (manager/supervisor).

use rusqlite::Connection;

use super::{Kind, Seen};
use crate::domain::model::{Manager, Role};
use crate::import::ImportOptions;
use crate::import::error::ImportError;
use crate::import::fields::coded;
use crate::import::headers::Col;
use crate::import::row::Row;
use crate::store::{self, Upsert};

pub const COLUMNS: &[Col] = &[
    Col::req("manager_id", &["客户经理编号", "客户经理代码", "经理编号", "员工编号", "工号", "客户经理"]),
    Col::req("name", &["姓名", "客户经理姓名", "名称"]),
    Col::req("branch", &["营业部", "营业部名称", "分支机构"]),
    Col::opt("role", &["角色", "岗位"]),
];

#[derive(Default)]
pub struct Managers {
    seen: Seen<String>,
}

impl Kind for Managers {
    type Record = Manager;
    const COLUMNS: &'static [Col] = COLUMNS;
    const AFFECTS_BOOK: bool = true;

    fn load(_conn: &Connection, _opts: &ImportOptions) -> Result<Self, ImportError> {
        Ok(Managers::default())
    }

    fn parse(&mut self, _conn: &Connection, row: &mut Row<'_>, _opts: &ImportOptions) -> Option<Manager> {
        let id = row.text("manager_id");
        if let Some(id) = id {
            self.seen.check(row, &["manager_id"], id.to_string());
        }
        let name = row.text("name");
        let branch = row.text("branch");
        let role = if row.cell("role").is_some() { row.opt("role", coded::<Role>) } else { Some(Role::Manager) };
        Some(Manager { manager_id: id?.to_string(), name: name?.to_string(), branch: branch?.to_string(), role: role? })
    }

    fn write(&mut self, tx: &Connection, m: &Manager, _opts: &ImportOptions) -> Result<Upsert, ImportError> {
        Ok(store::managers::upsert(tx, m)?)
    }
}
