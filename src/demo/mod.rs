//! Demo book.
