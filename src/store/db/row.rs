//! Result rows of [`super::Db`]: one row type over both backends, read with rusqlite's
//! `FromSql` (PostgreSQL cells converted to SQLite's storage classes by [`super::pg::cell`]).

use rusqlite::types::{FromSql, Value, ValueRef};

use super::{Error, Result, owned_ref, pg};

/// The rows of a query.
pub enum Rows<'s> {
    Lite(rusqlite::Rows<'s>),
    Pg { rows: std::vec::IntoIter<postgres::Row>, current: Option<postgres::Row> },
}

impl Rows<'_> {
    /// The next row, or `None` after the last.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<Option<Row<'_>>> {
        match self {
            Rows::Lite(r) => Ok(r.next()?.map(Row::Lite)),
            Rows::Pg { rows, current } => {
                *current = rows.next();
                Ok(current.as_ref().map(Row::Pg))
            }
        }
    }
}

/// Rows mapped one by one (from [`Stmt::query_map`]).
pub struct MappedRows<'s, F> {
    pub(super) rows: Rows<'s>,
    pub(super) f: F,
}

impl<T, F: FnMut(&Row<'_>) -> Result<T>> Iterator for MappedRows<'_, F> {
    type Item = Result<T>;
    fn next(&mut self) -> Option<Result<T>> {
        match self.rows.next() {
            Ok(Some(r)) => Some((self.f)(&r)),
            Ok(None) => None,
            Err(e) => Some(Err(e)),
        }
    }
}

/// Column index: a position (0-based) or a column name.
pub trait ColIndex {
    fn position(&self, row: &Row<'_>) -> Result<usize>;
}

impl ColIndex for usize {
    fn position(&self, _row: &Row<'_>) -> Result<usize> {
        Ok(*self)
    }
}

impl ColIndex for &str {
    fn position(&self, row: &Row<'_>) -> Result<usize> {
        match row {
            Row::Lite(r) => r.as_ref().column_index(self),
            Row::Pg(r) => r
                .columns()
                .iter()
                .position(|c| c.name().eq_ignore_ascii_case(self))
                .ok_or_else(|| Error::InvalidColumnName(self.to_string())),
        }
    }
}

/// One result row of either backend.
#[derive(Clone, Copy)]
pub enum Row<'a> {
    Lite(&'a rusqlite::Row<'a>),
    Pg(&'a postgres::Row),
}

impl<'a> Row<'a> {
    /// Column `i` as `T` (any [`FromSql`]: integers, text, dates as ISO text, options).
    pub fn get<I: ColIndex, T: FromSql>(&self, i: I) -> Result<T> {
        let at = i.position(self)?;
        match self {
            Row::Lite(r) => r.get(at),
            Row::Pg(r) => {
                let v = pg::cell(r, at)?;
                T::column_result(v).map_err(|e| match e {
                    rusqlite::types::FromSqlError::InvalidType => {
                        Error::InvalidColumnType(at, r.columns()[at].name().to_string(), v.data_type())
                    }
                    other => Error::FromSqlConversionFailure(at, v.data_type(), Box::new(other)),
                })
            }
        }
    }

    /// Column `i` as SQLite's storage class, text borrowed from the row (for code that looks at
    /// the type first, or reads text without copying it).
    pub fn get_ref(&self, i: usize) -> Result<ValueRef<'a>> {
        match *self {
            Row::Lite(r) => r.get_ref(i),
            Row::Pg(r) => pg::cell(r, i),
        }
    }

    /// Column `i` as an owned value of SQLite's storage classes.
    pub fn get_value(&self, i: usize) -> Result<Value> {
        owned_ref(self.get_ref(i)?)
    }

    /// The number of columns.
    pub fn column_count(&self) -> usize {
        match self {
            Row::Lite(r) => r.as_ref().column_count(),
            Row::Pg(r) => r.len(),
        }
    }
}

/// A row read as a tuple of [`FromSql`] values, column by column (`(String, i64)`).
pub trait FromRow: Sized {
    fn from_row(r: &Row<'_>) -> Result<Self>;
}

macro_rules! tuple_from_row {
    ($(($i:tt $t:ident)),+) => {
        impl<$($t: FromSql),+> FromRow for ($($t,)+) {
            fn from_row(r: &Row<'_>) -> Result<Self> {
                Ok(($(r.get::<usize, $t>($i)?,)+))
            }
        }
    };
}
tuple_from_row!((0 A));
tuple_from_row!((0 A), (1 B));
tuple_from_row!((0 A), (1 B), (2 C));
tuple_from_row!((0 A), (1 B), (2 C), (3 D));
tuple_from_row!((0 A), (1 B), (2 C), (3 D), (4 E));
tuple_from_row!((0 A), (1 B), (2 C), (3 D), (4 E), (5 F));
tuple_from_row!((0 A), (1 B), (2 C), (3 D), (4 E), (5 F), (6 G));
tuple_from_row!((0 A), (1 B), (2 C), (3 D), (4 E), (5 F), (6 G), (7 H));
