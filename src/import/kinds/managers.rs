//! `managers`: manager_id 客户经理编号, name 姓名, branch 营业部, role? 角色 (manager/supervisor).
//! An empty role is `manager`; without a role column an existing manager keeps its stored role.

use rusqlite::Connection;

use super::{Kind, Seen, key, plain};
use crate::domain::model::{Manager, Role};
use crate::import::ImportOptions;
use crate::import::error::ImportError;
use crate::import::fields::coded;
use crate::import::headers::Col;
use crate::import::row::Row;
use crate::store::{self, Upsert};

pub const COLUMNS: &[Col] = &[
    Col::req("manager_id", &["客户经理编号", "客户经理代码", "经理编号", "员工编号", "工号"]).or(&["客户经理"]),
    Col::req("name", &["姓名", "客户经理姓名"]).or(&["名称"]),
    Col::req("branch", &["营业部", "营业部名称", "分支机构"]),
    Col::opt("role", &["角色", "岗位"]),
];

#[derive(Default)]
pub struct Managers {
    seen: Seen<String>,
    /// Whether the file has a role column (known at the first row).
    has_role: Option<bool>,
}

impl Kind for Managers {
    type Record = Manager;
    const COLUMNS: &'static [Col] = COLUMNS;
    const AFFECTS_BOOK: bool = true;

    fn load(_conn: &Connection, _opts: &ImportOptions) -> Result<Self, ImportError> {
        Ok(Managers::default())
    }

    fn parse(&mut self, _conn: &Connection, row: &mut Row<'_>, _opts: &ImportOptions) -> Option<Manager> {
        self.has_role.get_or_insert_with(|| row.has("role"));
        let id = key(row, "manager_id");
        if let Some(id) = id {
            self.seen.check(row, &["manager_id"], id.to_string());
        }
        let name = plain(row, "name");
        let branch = plain(row, "branch");
        let role = if row.cell("role").is_some() { row.opt("role", coded::<Role>) } else { Some(Role::Manager) };
        Some(Manager { manager_id: id?.to_string(), name: name?.to_string(), branch: branch?.to_string(), role: role? })
    }

    /// Without a role column an existing manager keeps its stored role (a new one is a manager).
    fn write(&mut self, tx: &Connection, m: &Manager, _opts: &ImportOptions) -> Result<Upsert, ImportError> {
        if self.has_role == Some(false)
            && let Some(old) = store::managers::get(tx, &m.manager_id)?
        {
            return Ok(store::managers::upsert(tx, &Manager { role: old.role, ..m.clone() })?);
        }
        Ok(store::managers::upsert(tx, m)?)
    }
}
