//! Identity of the records a person makes (assessments, callback logs, alert acknowledgements,
//! reassignments, audit rows): each gets a UUID v7 (time-ordered, globally unique) and the id of
//! the installation that made it, so that books kept on several machines can later be merged
//! into one branch store without key conflicts (SPEC §6).

use crate::store::db::Db;
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

/// The `settings` key holding this installation's id.
pub(crate) const INSTALLATION_KEY: &str = "installation_id";

/// A new record id: a UUID v7 whose time part is `now` (pass the session's instant, so records
/// made in a `--today` review carry that day), random in the rest. Text form, lower case,
/// 36 characters (`0193…-…`).
///
/// Ids made one after another in a process sort in the order they were made, even within one
/// millisecond (a counter in the id, uuid's `ContextV7`), so "newest first" never depends on luck.
pub fn new_record_id(now: DateTime<Utc>) -> String {
    thread_local! {
        static CONTEXT: uuid::ContextV7 = const { uuid::ContextV7::new() };
    }
    let secs = u64::try_from(now.timestamp()).unwrap_or(0);
    let nanos = now.timestamp_subsec_nanos();
    let ts = CONTEXT.with(|c| uuid::Timestamp::from_unix(c, secs, nanos));
    uuid::Uuid::new_v7(ts).to_string()
}

/// This DB file's installation id (a UUID v7 made the first time it is asked for and kept in
/// `settings`). Every record a person makes carries it.
pub fn installation_id(conn: &Db) -> rusqlite::Result<String> {
    let get = |conn: &Db| {
        conn.prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([INSTALLATION_KEY], |r| r.get::<_, String>(0))
            .optional()
    };
    if let Some(id) = get(conn)? {
        return Ok(id);
    }
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO NOTHING",
        params![INSTALLATION_KEY, new_record_id(Utc::now())],
    )?;
    get(conn)?.ok_or(rusqlite::Error::QueryReturnedNoRows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_ids_are_v7_and_ordered_by_time() {
        let a = new_record_id("2026-11-29T01:00:00Z".parse().unwrap());
        let b = new_record_id("2026-11-29T01:00:01Z".parse().unwrap());
        let ua = uuid::Uuid::parse_str(&a).unwrap();
        assert_eq!(ua.get_version_num(), 7);
        assert_eq!(a.len(), 36);
        assert!(a < b, "a later instant sorts later: {a} {b}");
        let c = new_record_id("2026-11-29T01:00:00Z".parse().unwrap());
        assert_ne!(c, a, "random part differs");
        let d = new_record_id("2026-11-29T01:00:00Z".parse().unwrap());
        assert!(c < d, "made later in the same millisecond sorts later: {c} {d}");
    }

    #[test]
    fn installation_id_is_made_once() {
        let conn = crate::store::open_scratch().unwrap();
        let first = installation_id(&conn).unwrap();
        assert_eq!(installation_id(&conn).unwrap(), first);
        assert_eq!(uuid::Uuid::parse_str(&first).unwrap().get_version_num(), 7);
    }
}
