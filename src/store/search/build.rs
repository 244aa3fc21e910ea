//! Building a [`SearchIndex`]: one read of `customer_book` (no `String` per row), then the five
//! list orders sorted on integer keys: the 资金账号 order first, then every other order sorts
//! (its key, the row's rank in the 资金账号 order) — the collation of `book::ids`
//! (`ORDER BY text, number DESC, customer_id`).

use crate::store::db::{Db, Location};
use std::sync::atomic::{AtomicBool, Ordering};

use rusqlite::OpenFlags;

use super::{BuildError, Facts, SearchIndex, pos};
use crate::domain::risk::RiskLevel;
use crate::domain::tier::Tier;
use crate::store::book::{Scope, SortKey};

/// Rows `0..n` sorted by the byte string `key(r)`, ties by `tie(r)`. Each row is one `u128`
/// (the key's first 12 bytes big-endian, zero-padded, then the row number), so most comparisons
/// are one integer compare and the sort needs 16 bytes per row (texts hold no 0 byte, so the
/// padding orders a prefix first).
fn sort_by_bytes<'a>(n: usize, key: impl Fn(u32) -> &'a [u8], tie: impl Fn(u32) -> u32) -> Vec<u32> {
    let packed = |r: u32| {
        let mut k = [0u8; 16];
        let b = key(r);
        let len = b.len().min(12);
        k[..len].copy_from_slice(&b[..len]);
        k[12..].copy_from_slice(&r.to_be_bytes());
        u128::from_be_bytes(k)
    };
    let mut v: Vec<u128> = (0..n as u32).map(packed).collect();
    v.sort_unstable_by(|a, b| {
        (a >> 32).cmp(&(b >> 32)).then_with(|| {
            let (ra, rb) = (*a as u32, *b as u32);
            key(ra).cmp(key(rb)).then_with(|| tie(ra).cmp(&tie(rb)))
        })
    });
    v.into_iter().map(|k| k as u32).collect()
}

/// A signed amount as an unsigned key sorting largest first.
fn desc_key(v: i64) -> u64 {
    !((v as u64) ^ (1 << 63))
}

impl SearchIndex {
    /// Opens the book at `at` (its own connection: a background thread; a SQLite file
    /// read-only) and builds the index of `scope`. `cancel` set → stops early with
    /// [`BuildError::Cancelled`].
    pub fn open_and_build(at: &Location, scope: &Scope, cancel: &AtomicBool) -> Result<SearchIndex, BuildError> {
        let conn = match at {
            Location::File(path) => {
                let conn = rusqlite::Connection::open_with_flags(
                    path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI,
                )?;
                conn.busy_timeout(crate::store::BUSY_TIMEOUT)?;
                Db::Lite(conn)
            }
            Location::Server(url) => crate::store::open_server(url).map_err(|e| BuildError::Open(e.to_string()))?,
        };
        SearchIndex::build(&conn, scope, cancel)
    }

    /// Reads the book of `scope` (one pass over `customer_book`, in one read transaction so the
    /// snapshot is consistent) and computes the five list orders.
    pub fn build(conn: &Db, scope: &Scope, cancel: &AtomicBool) -> Result<SearchIndex, BuildError> {
        conn.execute_batch("BEGIN")?;
        let built = Self::read(conn, scope, cancel);
        conn.execute_batch("COMMIT")?;
        built
    }

    fn read(conn: &Db, scope: &Scope, cancel: &AtomicBool) -> Result<SearchIndex, BuildError> {
        let (filter, manager) = match scope {
            Scope::Branch => ("", None),
            Scope::Manager(m) => ("WHERE manager_id = ?1", Some(m.as_str())),
        };
        let mut stmt = conn.prepare(&format!(
            "SELECT customer_id, search_text, total_assets, contribution, name_key, tier, professional, risk_level,
                    lowest, valid_until
             FROM customer_book {filter}"
        ))?;
        let mut rows = match manager {
            Some(m) => stmt.query([m])?,
            None => stmt.query([])?,
        };
        let mut ix = SearchIndex::empty(scope.clone());
        let mut assets: Vec<i64> = Vec::new();
        let mut contribution: Vec<i64> = Vec::new();
        // the name keys, concatenated (no String per row)
        let mut names: Vec<u8> = Vec::new();
        let mut name_starts: Vec<u32> = vec![0];
        while let Some(ref r) = rows.next()? {
            if ix.facts.len().is_multiple_of(4096) && cancel.load(Ordering::Relaxed) {
                return Err(BuildError::Cancelled);
            }
            let tier = r.get_ref(5)?.as_str()?;
            let level = r.get_ref(7)?.as_str_or_null()?;
            let facts = Facts {
                tier: Tier::parse(tier).unwrap_or(Tier::T4) as u8,
                professional: r.get(6)?,
                level: level
                    .and_then(RiskLevel::parse)
                    .and_then(|l| RiskLevel::ALL.iter().position(|x| *x == l))
                    .map_or(u8::MAX, |i| i as u8),
                lowest: r.get(8)?,
                valid_until: r.get(9)?,
            };
            ix.push(r.get_ref(0)?.as_str()?.as_bytes(), r.get_ref(1)?.as_str()?.as_bytes(), facts)?;
            assets.push(r.get(2)?);
            contribution.push(r.get(3)?);
            names.extend_from_slice(r.get_ref(4)?.as_str_or_null()?.unwrap_or_default().as_bytes());
            name_starts.push(u32::try_from(names.len()).map_err(|_| BuildError::TooLarge)?);
        }
        drop(rows);
        let n = ix.facts.len();
        let check = || if cancel.load(Ordering::Relaxed) { Err(BuildError::Cancelled) } else { Ok(()) };
        // the keys and collation of `book::ids` (ORDER BY text, number DESC, customer_id): the
        // 资金账号 order first, then every other order sorts (key, rank of the 资金账号)
        let id_order = sort_by_bytes(n, |r| ix.id_bytes(r), |_| 0);
        let mut id_rank = vec![0u32; n];
        for (place, &row) in id_order.iter().enumerate() {
            id_rank[row as usize] = place as u32;
        }
        check()?;
        let name = |r: u32| &names[name_starts[r as usize] as usize..name_starts[r as usize + 1] as usize];
        let name_order = sort_by_bytes(n, name, |r| id_rank[r as usize]);
        drop((names, name_starts));
        check()?;
        // tier codes in text order (ORDER BY b.tier)
        let mut tier_place = [0u8; 4];
        let mut codes: Vec<(&str, usize)> = Tier::ALL.iter().enumerate().map(|(i, t)| (t.code(), i)).collect();
        codes.sort_unstable();
        for (place, (_, i)) in codes.into_iter().enumerate() {
            tier_place[i] = place as u8;
        }
        let by_key = |key: &dyn Fn(usize) -> u128| -> Vec<u32> {
            let mut keys: Vec<u128> = (0..n).map(|r| (key(r) << 32) | u128::from(id_rank[r])).collect();
            keys.sort_unstable();
            keys.into_iter().map(|k| id_order[(k as u32) as usize]).collect()
        };
        let assets_order = by_key(&|r| u128::from(desc_key(assets[r])));
        check()?;
        let contribution_order = by_key(&|r| u128::from(desc_key(contribution[r])));
        check()?;
        let tier_order = by_key(&|r| {
            (u128::from(tier_place[usize::from(ix.facts[r].tier).min(3)]) << 64) | u128::from(desc_key(assets[r]))
        });
        let mut orders: Vec<Vec<u32>> = vec![Vec::new(); SortKey::ALL.len()];
        orders[pos(SortKey::AssetsDesc)] = assets_order;
        orders[pos(SortKey::ContributionDesc)] = contribution_order;
        orders[pos(SortKey::Name)] = name_order;
        orders[pos(SortKey::Tier)] = tier_order;
        orders[pos(SortKey::CustomerId)] = id_order;
        ix.ranks = orders
            .iter()
            .map(|order| {
                let mut rank = vec![0u32; n];
                for (place, &row) in order.iter().enumerate() {
                    rank[row as usize] = place as u32;
                }
                rank
            })
            .collect();
        ix.orders = orders;
        Ok(ix)
    }
}
