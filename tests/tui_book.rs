//! The book queries the TUI adds for itself: the ordered id list of a text search and the rows of
//! a slice of it (they must give exactly what `page` gives), the scope check of the detail, the
//! managers a supervisor cycles through, and `data_version`.

mod tui_fixture;

use brokerdesk::domain::risk::SegmentColumn;
use brokerdesk::domain::tier::Tier;
use brokerdesk::store::book::{self, BookFilter, Scope, SortKey};
use tui_fixture::{TODAY, d};

#[test]
fn ids_are_the_pages_in_order_for_every_filter_and_sort() {
    let conn = tui_fixture::conn();
    let today = d(TODAY);
    let texts = ["", "3100", "王", "a", "5", "_", "%", "310000000012", "nobody"];
    let filters = [
        BookFilter::default(),
        BookFilter { scope: Scope::Manager("M01".into()), ..BookFilter::default() },
        BookFilter { tier: Some(Tier::T1), ..BookFilter::default() },
        BookFilter { column: Some(SegmentColumn::Unassessed), ..BookFilter::default() },
        BookFilter { with_alerts: true, ..BookFilter::default() },
    ];
    for base in &filters {
        for text in texts {
            let filter = BookFilter { text: text.into(), ..base.clone() };
            for sort in SortKey::ALL {
                let page = book::page(&conn, &filter, sort, today, 0, 1000).unwrap();
                let ids = book::ids(&conn, &filter, sort, today).unwrap();
                let expected: Vec<&str> = page.iter().map(|r| r.customer_id.as_str()).collect();
                assert_eq!(ids, expected, "{filter:?} {sort:?}");
                assert_eq!(ids.len() as u64, book::count(&conn, &filter, today).unwrap());
                // any window of the ids builds the same rows as the page at that offset
                for (offset, limit) in [(0, 3), (2, 4), (ids.len().saturating_sub(2), 5)] {
                    let end = (offset + limit).min(ids.len());
                    let rows = book::rows_for_ids(&conn, &ids[offset.min(end)..end], today).unwrap();
                    let page = book::page(&conn, &filter, sort, today, offset, limit).unwrap();
                    assert_eq!(rows, page, "{filter:?} {sort:?} {offset}+{limit}");
                }
            }
        }
    }
}

#[test]
fn rows_for_ids_keep_the_given_order_and_skip_unknown_ids() {
    let conn = tui_fixture::conn();
    let ids: Vec<String> =
        ["310000000012", "nobody", "310000000001", "310000000005", "x\"'"].into_iter().map(String::from).collect();
    let rows = book::rows_for_ids(&conn, &ids, d(TODAY)).unwrap();
    let got: Vec<&str> = rows.iter().map(|r| r.customer_id.as_str()).collect();
    assert_eq!(got, ["310000000012", "310000000001", "310000000005"]);
    assert_eq!(rows[1].name, "欧阳娜娜");
    assert_eq!(rows[1].open_alerts, 2);
    assert!(book::rows_for_ids(&conn, &[], d(TODAY)).unwrap().is_empty());
}

#[test]
fn in_scope_is_the_managers_own_book_or_the_branch() {
    let conn = tui_fixture::conn();
    let m = |id: &str| Scope::Manager(id.into());
    assert!(book::in_scope(&conn, &Scope::Branch, "310000000001").unwrap());
    assert!(book::in_scope(&conn, &m("M01"), "310000000001").unwrap());
    assert!(!book::in_scope(&conn, &m("M02"), "310000000001").unwrap());
    assert!(book::in_scope(&conn, &m("M02"), "310000000011").unwrap());
    assert!(!book::in_scope(&conn, &m("M00"), "310000000011").unwrap(), "the supervisor's own book");
    assert!(!book::in_scope(&conn, &Scope::Branch, "nobody").unwrap());
    assert!(!book::in_scope(&conn, &m("M01"), "nobody").unwrap());
}

#[test]
fn managers_with_customers_include_any_role() {
    let conn = tui_fixture::conn();
    assert_eq!(book::managers_with_customers(&conn).unwrap(), ["M01", "M02"]);
    conn.execute("UPDATE customers SET manager_id = 'M00' WHERE customer_id = '310000000012'", []).unwrap();
    book::refresh(&conn, &brokerdesk::domain::rules::Rules::defaults()).unwrap();
    assert_eq!(book::managers_with_customers(&conn).unwrap(), ["M00", "M01", "M02"]);
}

#[test]
fn data_version_moves_on_another_connections_commit_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    let a = brokerdesk::store::open(&path).unwrap();
    let b = brokerdesk::store::open(&path).unwrap();
    let v = book::data_version(&a).unwrap();
    a.execute("INSERT INTO settings (key, value) VALUES ('x', '1')", []).unwrap();
    assert_eq!(book::data_version(&a).unwrap(), v, "own writes do not count");
    b.execute("INSERT INTO settings (key, value) VALUES ('y', '1')", []).unwrap();
    assert_ne!(book::data_version(&a).unwrap(), v);
}
