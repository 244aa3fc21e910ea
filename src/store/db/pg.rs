//! The PostgreSQL side of [`super::Db`]: one blocking `postgres::Client`, statements translated
//! ([`super::translate`]) and prepared once per text, values converted between SQLite's storage
//! classes and the types the server inferred.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::error::Error as StdError;
use std::sync::Arc;

use bytes::{BufMut, BytesMut};
use postgres::types::{FromSql, IsNull, ToSql, Type, to_sql_checked};
use rusqlite::types::{ToSqlOutput, Value, ValueRef};

use super::translate::{ParamKey, Translated, translate};
use super::{Error, Key, Params, Result};

/// The advisory lock key every write transaction takes (`pg_advisory_xact_lock`): writers of one
/// book run one after another, as on SQLite, and the lock goes with the transaction's end.
/// The number is `'bdwr'` in ASCII.
pub const WRITE_LOCK: i64 = 0x6264_7772;

/// A connection to a PostgreSQL book.
pub struct PgConn {
    client: RefCell<postgres::Client>,
    prepared: RefCell<HashMap<String, Arc<Prepared>>>,
    in_tx: Cell<bool>,
    url: String,
    /// The URL as shown to people (password masked).
    pub label: String,
}

struct Prepared {
    statement: postgres::Statement,
    keys: Vec<ParamKey>,
}

/// A PostgreSQL client or server error inside a store error ([`super::server_error`] gets it
/// back). Shown as the server words it: `PostgreSQL: <message> (<SQLSTATE>)`.
#[derive(Debug)]
pub struct ServerError(pub postgres::Error);

impl std::fmt::Display for ServerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0.as_db_error() {
            Some(d) => write!(f, "PostgreSQL: {} ({})", d.message(), d.code().code()),
            None => write!(f, "PostgreSQL: {}", self.0),
        }
    }
}

impl StdError for ServerError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&self.0)
    }
}

/// Wraps a client error as a store error (see [`super::server_error`]).
pub fn wrap(e: postgres::Error) -> Error {
    Error::UserFunctionError(Box::new(ServerError(e)))
}

impl PgConn {
    /// A connection over `client`, opened from `url`.
    pub fn new(client: postgres::Client, url: &str) -> PgConn {
        PgConn {
            client: RefCell::new(client),
            prepared: RefCell::new(HashMap::new()),
            in_tx: Cell::new(false),
            url: url.to_string(),
            label: crate::store::pg::mask_url(url),
        }
    }

    /// The URL this connection was opened from (password included: for a second connection).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Drops every prepared statement (the server frees them).
    pub fn forget_prepared(&self) {
        self.prepared.borrow_mut().clear();
    }

    /// The client itself, for the server-only paths (COPY, roles, LISTEN). Panics if a query of
    /// this connection is still being read (none is: results are read whole).
    pub fn client(&self) -> std::cell::RefMut<'_, postgres::Client> {
        self.client.borrow_mut()
    }

    fn client_mut(&self) -> Result<std::cell::RefMut<'_, postgres::Client>> {
        self.client.try_borrow_mut().map_err(|_| Error::InvalidQuery)
    }

    pub(super) fn batch(&self, sql: &str) -> Result<()> {
        let upper = sql.trim().to_ascii_uppercase();
        self.client_mut()?.batch_execute(&translate(sql).sql).map_err(|e| {
            if std::env::var_os("BROKERDESK_PG_TRACE").is_some() {
                eprintln!("PostgreSQL batch failed: {}\n  {sql}", ServerError(e));
                return Error::UserFunctionError("PostgreSQL batch failed (traced above)".into());
            }
            wrap(e)
        })?;
        if upper.starts_with("BEGIN") {
            self.in_tx.set(true);
        } else if upper.starts_with("COMMIT") || upper.starts_with("ROLLBACK") || upper.starts_with("END") {
            self.in_tx.set(false);
        }
        Ok(())
    }

    pub(super) fn begin_write(&self) -> Result<()> {
        self.batch("BEGIN")?;
        if let Err(e) = self.client_mut()?.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK]) {
            let _ = self.batch("ROLLBACK");
            return Err(wrap(e));
        }
        Ok(())
    }

    pub(super) fn is_autocommit(&self) -> bool {
        !self.in_tx.get()
    }

    pub(super) fn prepare(&self, sql: &str) -> Result<PgStmt<'_>> {
        if let Some(p) = self.prepared.borrow().get(sql) {
            return Ok(PgStmt {
                conn: self,
                sql: sql.to_string(),
                keys: p.keys.clone(),
                prepared: Some(Arc::clone(p)),
            });
        }
        let keys = translate(sql).keys;
        Ok(PgStmt { conn: self, sql: sql.to_string(), keys, prepared: None })
    }

    /// Prepares `sql` (translated) for `values`: the server infers each parameter's type from its
    /// place; a parameter it cannot place (`?1 IS NULL`, a bare `SELECT ?1`) is typed from its
    /// first value (integer `bigint`, real `double precision`, text or null `text`).
    fn prepare_for(&self, sql: &str, values: &[Value]) -> Result<Arc<Prepared>> {
        let Translated { sql: text, keys } = translate(sql);
        // OID 0: "let the server infer it" for every parameter but those it could not place
        let unspecified = Type::new(String::new(), 0, postgres::types::Kind::Simple, String::new());
        let mut types: Vec<Type> = Vec::new();
        // inside a transaction a refused Parse would abort it: each try under a savepoint
        let guarded = self.in_tx.get();
        let statement = loop {
            if guarded {
                self.client_mut()?.batch_execute("SAVEPOINT bd_prepare").map_err(wrap)?;
            }
            let tried = self.client_mut()?.prepare_typed(&text, &types);
            if guarded {
                let end =
                    if tried.is_ok() { "RELEASE SAVEPOINT bd_prepare" } else { "ROLLBACK TO SAVEPOINT bd_prepare" };
                self.client_mut()?.batch_execute(end).map_err(wrap)?;
            }
            match tried {
                Ok(s) => break s,
                Err(e) => {
                    // "could not determine data type of parameter $3"
                    let n = e
                        .as_db_error()
                        .filter(|d| matches!(d.code().code(), "42P18" | "42P08"))
                        .and_then(|d| d.message().rsplit('$').next()?.parse::<usize>().ok())
                        .filter(|n| (1..=values.len()).contains(n));
                    let Some(n) = n.filter(|n| types.get(n - 1).is_none_or(|t| t.oid() == 0)) else {
                        return Err(wrap_in(e, &text));
                    };
                    if types.len() < n {
                        types.resize(n, unspecified.clone());
                    }
                    types[n - 1] = type_of(&values[n - 1]);
                }
            }
        };
        let p = Arc::new(Prepared { statement, keys });
        self.prepared.borrow_mut().insert(sql.to_string(), Arc::clone(&p));
        Ok(p)
    }
}

fn type_of(v: &Value) -> Type {
    match v {
        Value::Integer(_) => Type::INT8,
        Value::Real(_) => Type::FLOAT8,
        Value::Blob(_) => Type::BYTEA,
        Value::Null | Value::Text(_) => Type::TEXT,
    }
}

/// A server error of preparing `sql`, the statement's text beside it (a programming error: the
/// common SQL used something PostgreSQL does not take).
fn wrap_in(e: postgres::Error, sql: &str) -> Error {
    let words = e.as_db_error().map_or_else(|| e.to_string(), |d| format!("{} ({})", d.message(), d.code().code()));
    if std::env::var_os("BROKERDESK_PG_TRACE").is_some() {
        eprintln!("PostgreSQL statement failed to prepare: {words}\n  {sql}");
    }
    Error::UserFunctionError(format!("PostgreSQL: {words} in: {sql}").into())
}

/// A prepared statement on PostgreSQL (prepared on the server at its first run).
pub struct PgStmt<'c> {
    conn: &'c PgConn,
    sql: String,
    keys: Vec<ParamKey>,
    prepared: Option<Arc<Prepared>>,
}

impl PgStmt<'_> {
    fn values<P: Params>(&self, params: &P) -> Result<Vec<Value>> {
        let keys = &self.keys;
        let mut out: Vec<Option<Value>> = vec![None; keys.len()];
        params.each(&mut |key, v| {
            let at = keys.iter().position(|k| match (k, &key) {
                (ParamKey::Index(a), Key::Index(b)) => a == b,
                (ParamKey::Name(a), Key::Name(b)) => a == b,
                _ => false,
            });
            if let Some(at) = at {
                out[at] = Some(owned(v.to_sql()?)?);
            }
            Ok(())
        })?;
        out.into_iter().enumerate().map(|(i, v)| v.ok_or(Error::InvalidParameterCount(i, keys.len()))).collect()
    }

    fn statement(&mut self, values: &[Value]) -> Result<Arc<Prepared>> {
        if let Some(p) = &self.prepared {
            return Ok(Arc::clone(p));
        }
        let p = self.conn.prepare_for(&self.sql, values)?;
        self.prepared = Some(Arc::clone(&p));
        Ok(p)
    }

    pub(super) fn execute<P: Params>(&mut self, params: &P) -> Result<usize> {
        let values = self.values(params)?;
        let p = self.statement(&values)?;
        let cells: Vec<Param<'_>> = values.iter().map(Param).collect();
        let refs: Vec<&(dyn ToSql + Sync)> = cells.iter().map(|c| c as &(dyn ToSql + Sync)).collect();
        let n = self.conn.client_mut()?.execute(&p.statement, &refs).map_err(|e| self.failed(e))?;
        Ok(n as usize)
    }

    pub(super) fn query<P: Params>(&mut self, params: &P) -> Result<Vec<postgres::Row>> {
        let values = self.values(params)?;
        let p = self.statement(&values)?;
        let cells: Vec<Param<'_>> = values.iter().map(Param).collect();
        let refs: Vec<&(dyn ToSql + Sync)> = cells.iter().map(|c| c as &(dyn ToSql + Sync)).collect();
        self.conn.client_mut()?.query(&p.statement, &refs).map_err(|e| self.failed(e))
    }

    /// A failed run: the server's error; with `BROKERDESK_PG_TRACE` set, the statement's text too
    /// (on standard error: for finding which statement of a transaction failed first).
    fn failed(&self, e: postgres::Error) -> Error {
        let e = ServerError(e);
        if std::env::var_os("BROKERDESK_PG_TRACE").is_some() {
            eprintln!("PostgreSQL statement failed: {e}\n  {}", translate(&self.sql).sql);
        }
        Error::UserFunctionError(Box::new(e))
    }
}

fn owned(out: ToSqlOutput<'_>) -> Result<Value> {
    match out {
        ToSqlOutput::Borrowed(r) => super::owned_ref(r),
        ToSqlOutput::Owned(v) => Ok(v),
        // zero-filled blobs and arrays: never bound by the store
        _ => Ok(Value::Null),
    }
}

/// One parameter, encoded as the type the server inferred for its place.
#[derive(Debug)]
struct Param<'a>(&'a Value);

type Boxed = Box<dyn StdError + Sync + Send>;

fn int_for(ty: &Type, i: i64, out: &mut BytesMut) -> std::result::Result<IsNull, Boxed> {
    match *ty {
        Type::INT8 => i.to_sql(ty, out),
        Type::INT4 => i32::try_from(i)?.to_sql(ty, out),
        Type::INT2 => i16::try_from(i)?.to_sql(ty, out),
        Type::FLOAT8 => (i as f64).to_sql(ty, out),
        Type::FLOAT4 => (i as f32).to_sql(ty, out),
        Type::BOOL => (i != 0).to_sql(ty, out),
        Type::NUMERIC => {
            numeric_from_i64(i, out);
            Ok(IsNull::No)
        }
        _ => text_for(ty, &i.to_string(), out),
    }
}

fn text_for(ty: &Type, s: &str, out: &mut BytesMut) -> std::result::Result<IsNull, Boxed> {
    match *ty {
        Type::INT8 | Type::INT4 | Type::INT2 | Type::BOOL | Type::NUMERIC => {
            let i: i64 = s.trim().parse().map_err(|_| format!("{s:?} is not an integer for a {ty} parameter"))?;
            int_for(ty, i, out)
        }
        Type::FLOAT8 | Type::FLOAT4 => {
            let f: f64 = s.trim().parse().map_err(|_| format!("{s:?} is not a number for a {ty} parameter"))?;
            f.to_sql(&Type::FLOAT8, out)
        }
        Type::JSONB => {
            out.put_u8(1);
            out.put_slice(s.as_bytes());
            Ok(IsNull::No)
        }
        _ => {
            out.put_slice(s.as_bytes());
            Ok(IsNull::No)
        }
    }
}

impl ToSql for Param<'_> {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> std::result::Result<IsNull, Boxed> {
        match self.0 {
            Value::Null => Ok(IsNull::Yes),
            Value::Integer(i) => int_for(ty, *i, out),
            Value::Real(f) => match *ty {
                Type::FLOAT4 => (*f as f32).to_sql(ty, out),
                Type::FLOAT8 => f.to_sql(ty, out),
                _ => text_for(ty, &f.to_string(), out),
            },
            Value::Text(s) => text_for(ty, s, out),
            Value::Blob(b) => match *ty {
                Type::BYTEA => b.as_slice().to_sql(ty, out),
                _ => text_for(ty, &String::from_utf8_lossy(b), out),
            },
        }
    }

    fn accepts(_ty: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

/// NUMERIC's binary form of an integer: base-10000 digits, most significant first.
fn numeric_from_i64(i: i64, out: &mut BytesMut) {
    let mut n = i.unsigned_abs();
    let mut digits = Vec::new();
    while n > 0 {
        digits.push((n % 10_000) as i16);
        n /= 10_000;
    }
    digits.reverse();
    out.put_i16(digits.len() as i16);
    out.put_i16(digits.len().saturating_sub(1) as i16);
    out.put_u16(if i < 0 { 0x4000 } else { 0 });
    out.put_u16(0);
    for d in digits {
        out.put_i16(d);
    }
}

/// One result cell as SQLite's storage class, text and blobs borrowed from the row.
struct CellRef<'a>(ValueRef<'a>);

impl<'a> FromSql<'a> for CellRef<'a> {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> std::result::Result<CellRef<'a>, Boxed> {
        Ok(CellRef(match *ty {
            Type::BOOL => ValueRef::Integer(i64::from(bool::from_sql(ty, raw)?)),
            Type::INT2 => ValueRef::Integer(i64::from(i16::from_sql(ty, raw)?)),
            Type::INT4 => ValueRef::Integer(i64::from(i32::from_sql(ty, raw)?)),
            Type::INT8 => ValueRef::Integer(i64::from_sql(ty, raw)?),
            Type::OID => ValueRef::Integer(i64::from(u32::from_sql(ty, raw)?)),
            Type::FLOAT4 => ValueRef::Real(f64::from(f32::from_sql(ty, raw)?)),
            Type::FLOAT8 => ValueRef::Real(f64::from_sql(ty, raw)?),
            Type::NUMERIC => match numeric(raw)? {
                Value::Integer(i) => ValueRef::Integer(i),
                Value::Real(f) => ValueRef::Real(f),
                _ => ValueRef::Null,
            },
            Type::BYTEA => ValueRef::Blob(raw),
            Type::JSONB => ValueRef::Text(raw.get(1..).unwrap_or_default()),
            _ => ValueRef::Text(raw),
        }))
    }

    fn from_sql_null(_ty: &Type) -> std::result::Result<CellRef<'a>, Boxed> {
        Ok(CellRef(ValueRef::Null))
    }

    fn accepts(_ty: &Type) -> bool {
        true
    }
}

/// NUMERIC's binary form read back: an integer when it has no fraction and fits `i64`, else a
/// real (an average).
fn numeric(raw: &[u8]) -> std::result::Result<Value, Boxed> {
    let word = |i: usize| -> std::result::Result<i16, Boxed> {
        raw.get(i..i + 2).map(|b| i16::from_be_bytes([b[0], b[1]])).ok_or_else(|| "short numeric".into())
    };
    let ndigits = word(0)? as usize;
    let weight = word(2)? as i32;
    let sign = word(4)? as u16;
    let scale = word(6)? as u16;
    if sign == 0xC000 {
        return Ok(Value::Real(f64::NAN));
    }
    let mut int: i128 = 0;
    let mut real = 0f64;
    let mut fraction = false;
    for k in 0..ndigits {
        let d = word(8 + 2 * k)? as i128;
        let power = weight - k as i32;
        real += d as f64 * 10_000f64.powi(power);
        if power >= 0 {
            int = int.saturating_add(d.saturating_mul(10_000i128.saturating_pow(power as u32)));
        } else if d != 0 {
            fraction = true;
        }
    }
    let negative = sign == 0x4000;
    let _ = scale; // the display scale; the digits say whether there is a fraction
    if !fraction {
        let v = if negative { -int } else { int };
        if let Ok(v) = i64::try_from(v) {
            return Ok(Value::Integer(v));
        }
    }
    Ok(Value::Real(if negative { -real } else { real }))
}

/// Column `i` of `row` as SQLite's storage class (text borrowed from the row).
pub fn cell(row: &postgres::Row, i: usize) -> Result<ValueRef<'_>> {
    row.try_get::<_, CellRef<'_>>(i).map(|c| c.0).map_err(wrap)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(i: i64) -> Value {
        let mut b = BytesMut::new();
        numeric_from_i64(i, &mut b);
        numeric(&b).unwrap()
    }

    #[test]
    fn numeric_integers_encode_and_decode_exactly() {
        for i in [0, 1, -1, 9_999, 10_000, 123_456_789, -4_000_000_000_00, i64::MAX, i64::MIN + 1] {
            assert_eq!(roundtrip(i), Value::Integer(i), "{i}");
        }
    }

    #[test]
    fn a_numeric_with_a_fraction_reads_as_a_real() {
        // 12.5: ndigits 2, weight 0, sign +, dscale 1, digits 12, 5000
        let raw: Vec<u8> = [2i16, 0, 0, 1, 12, 5000].iter().flat_map(|w| w.to_be_bytes()).collect();
        assert_eq!(numeric(&raw).unwrap(), Value::Real(12.5));
    }
}
