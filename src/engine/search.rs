//! Search as people type it: the words of mail and of a query made comparable (case, ё and е,
//! word forms through Snowball's Russian and English stemmers) in `words`, and the search box's
//! language (fields, filters, dates, "phrases") parsed in `query`. No SQL here: the store turns
//! a parsed [`Query`] into index lookups (`store::search`).

pub mod query;
pub mod words;

pub use query::{Field, Query};
