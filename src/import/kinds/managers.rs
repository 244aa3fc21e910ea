//! `managers`: manager_id 客户经理编号, name 姓名, branch 营业部, role? 角色 (manager/supervisor).
//! An empty role is `manager`; without a role column an existing manager keeps its stored role.


use crate::store::db::Db;
use super::{Absent, Kind, Seen, key, plain};
use crate::domain::model::{Manager, Role};
use crate::import::error::ImportError;
use crate::import::fields::coded;
use crate::import::headers::{Col, HeaderMap};
use crate::import::row::Row;
use crate::import::{ImportKind, ImportOptions};
use crate::store::{self, Upsert};

pub const COLUMNS: &[Col] = &[
    Col::req("manager_id", &["客户经理编号", "客户经理代码", "经理编号", "员工编号", "工号"]).or(&["客户经理"]),
    Col::req("name", &["姓名", "客户经理姓名"]).or(&["名称"]),
    Col::req("branch", &["营业部", "营业部名称", "分支机构"]),
    Col::opt("role", &["角色", "岗位"]),
];

pub struct Managers {
    seen: Seen<String>,
    absent: Absent,
}

impl Kind for Managers {
    const KIND: ImportKind = ImportKind::Managers;
    type Record = Manager;

    fn load(_conn: &Db, header: &HeaderMap) -> Result<Self, ImportError> {
        Ok(Managers { seen: Seen::default(), absent: Absent::of(header, COLUMNS) })
    }

    fn parse(&mut self, _conn: &Db, row: &mut Row<'_>, _opts: &ImportOptions) -> Option<Manager> {
        let id = key(row, "manager_id");
        if let Some(id) = id {
            self.seen.check(row, &["manager_id"], id.to_string());
        }
        let name = plain(row, "name");
        let branch = plain(row, "branch");
        let role = row.opt("role", coded::<Role>).unwrap_or(Role::Manager);
        Some(Manager { manager_id: id?.to_string(), name: name?.to_string(), branch: branch?.to_string(), role })
    }

    /// Without a role column an existing manager keeps its stored role (a new one is a manager).
    fn write(&mut self, tx: &Db, m: &Manager, _opts: &ImportOptions) -> Result<Upsert, ImportError> {
        if self.absent.lacks("role")
            && let Some(old) = store::managers::get(tx, &m.manager_id)?
        {
            return Ok(store::managers::upsert(tx, &Manager { role: old.role, ..m.clone() })?);
        }
        Ok(store::managers::upsert(tx, m)?)
    }
}
