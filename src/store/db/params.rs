//! Statement parameters of [`super::Db`], written as for rusqlite (`[a, b]`, `params![…]`,
//! `&[(":name", v)]`) and handed to either backend one by one with where each goes.

use rusqlite::types::ToSql;

use super::Result;

/// Where a parameter goes: `?N` (1-based) or `:name`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Key<'a> {
    Index(usize),
    Name(&'a str),
}

/// A statement's parameters, written as for rusqlite: `[a, b]`, `rusqlite::params![…]`, `[]` or
/// `()` for none, a tuple, or `&[(":name", value)]` / `rusqlite::named_params!{…}` by name.
pub trait Params {
    /// Calls `f` with each parameter and where it goes.
    fn each(&self, f: &mut dyn FnMut(Key<'_>, &dyn ToSql) -> Result<()>) -> Result<()>;
}

impl Params for () {
    fn each(&self, _f: &mut dyn FnMut(Key<'_>, &dyn ToSql) -> Result<()>) -> Result<()> {
        Ok(())
    }
}

impl Params for [&(dyn ToSql + Send + Sync); 0] {
    fn each(&self, _f: &mut dyn FnMut(Key<'_>, &dyn ToSql) -> Result<()>) -> Result<()> {
        Ok(())
    }
}

impl Params for &[&dyn ToSql] {
    fn each(&self, f: &mut dyn FnMut(Key<'_>, &dyn ToSql) -> Result<()>) -> Result<()> {
        self.iter().enumerate().try_for_each(|(i, v)| f(Key::Index(i + 1), v))
    }
}

impl<T: ToSql> Params for &[(&str, T)] {
    fn each(&self, f: &mut dyn FnMut(Key<'_>, &dyn ToSql) -> Result<()>) -> Result<()> {
        self.iter().try_for_each(|(n, v)| f(Key::Name(n), v))
    }
}

impl<T: ToSql> Params for (T,) {
    fn each(&self, f: &mut dyn FnMut(Key<'_>, &dyn ToSql) -> Result<()>) -> Result<()> {
        f(Key::Index(1), &self.0)
    }
}

macro_rules! tuple_params {
    ($(($i:tt $t:ident)),+) => {
        impl<$($t: ToSql),+> Params for ($($t,)+) {
            fn each(&self, f: &mut dyn FnMut(Key<'_>, &dyn ToSql) -> Result<()>) -> Result<()> {
                $(f(Key::Index($i + 1), &self.$i)?;)+
                Ok(())
            }
        }
    };
}
tuple_params!((0 A), (1 B));
tuple_params!((0 A), (1 B), (2 C));
tuple_params!((0 A), (1 B), (2 C), (3 D));
tuple_params!((0 A), (1 B), (2 C), (3 D), (4 E));
tuple_params!((0 A), (1 B), (2 C), (3 D), (4 E), (5 F));

macro_rules! array_params {
    ($($n:literal)+) => {$(
        impl<T: ToSql> Params for [T; $n] {
            fn each(&self, f: &mut dyn FnMut(Key<'_>, &dyn ToSql) -> Result<()>) -> Result<()> {
                self.iter().enumerate().try_for_each(|(i, v)| f(Key::Index(i + 1), v))
            }
        }
        impl<T: ToSql + ?Sized> Params for &[&T; $n] {
            fn each(&self, f: &mut dyn FnMut(Key<'_>, &dyn ToSql) -> Result<()>) -> Result<()> {
                self.iter().enumerate().try_for_each(|(i, v)| f(Key::Index(i + 1), v))
            }
        }
        impl<T: ToSql + ?Sized> Params for &[(&str, &T); $n] {
            fn each(&self, f: &mut dyn FnMut(Key<'_>, &dyn ToSql) -> Result<()>) -> Result<()> {
                self.iter().try_for_each(|(n, v)| f(Key::Name(n), v))
            }
        }
    )+};
}
array_params!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24);
