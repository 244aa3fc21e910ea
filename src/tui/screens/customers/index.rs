//! The customer list's search index ([`SearchIndex`]), built on a background thread from the DB
//! file as soon as the TUI opens (the app polls the slot at launch and after every data change),
//! dropped and built again when the data changes (another process committed, or this one wrote:
//! [`IndexSlot::invalidate`]) or the scope changes. Until it is ready, text searches take the SQL
//! path (`store::book::ids`), which gives the same list.

use crate::store::db::Location;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use crate::store::book::Scope;
use crate::store::search::{Matches, SearchIndex};

/// Whether lists build their index at all: the interactive TUI turns it on ([`enable`]); headless
/// renders (one frame, then exit) answer from SQL and start no thread.
static ENABLED: AtomicBool = AtomicBool::new(false);

/// Lets every customer list of this process build its search index in the background.
pub fn enable() {
    ENABLED.store(true, Ordering::Relaxed);
}

/// A build in flight: where its result lands, and how to stop it.
struct Build {
    scope: Scope,
    result: Arc<OnceLock<Option<Arc<SearchIndex>>>>,
    cancel: Arc<AtomicBool>,
}

impl Drop for Build {
    fn drop(&mut self) {
        // a replaced or dropped build stops at its next check instead of finishing for nothing
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// The index of the scope in view, or its build in flight.
#[derive(Default)]
pub struct IndexSlot {
    build: Option<Build>,
    /// The last text search's matches (narrowed from when the next query extends it).
    pub last: Option<Matches>,
    /// How many builds were started (tests).
    pub builds: usize,
}

impl IndexSlot {
    /// Forgets the index (the data changed): the next [`IndexSlot::poll`] starts a new build.
    pub fn invalidate(&mut self) {
        self.build = None;
        self.last = None;
    }

    /// The index of `scope` if it is built; starts a build (on a thread, reading `path`) when
    /// there is none for `scope`. `path = None` (an in-memory DB): never built.
    pub fn poll(&mut self, path: Option<&Location>, scope: &Scope) -> Option<Arc<SearchIndex>> {
        let path = path.filter(|_| ENABLED.load(Ordering::Relaxed))?;
        if self.build.as_ref().is_none_or(|b| b.scope != *scope) {
            self.last = None;
            let result = Arc::new(OnceLock::new());
            let cancel = Arc::new(AtomicBool::new(false));
            let (r, c, p, s) = (result.clone(), cancel.clone(), path.clone(), scope.clone());
            std::thread::Builder::new()
                .name("search-index".into())
                .spawn(move || {
                    // a failed build leaves the SQL path answering
                    let built = SearchIndex::open_and_build(&p, &s, &c).ok().map(Arc::new);
                    let _ = r.set(built);
                })
                .ok()?;
            self.builds += 1;
            self.build = Some(Build { scope: scope.clone(), result, cancel });
        }
        self.ready(scope)
    }

    /// The built index of `scope`, without starting anything.
    pub fn ready(&self, scope: &Scope) -> Option<Arc<SearchIndex>> {
        let b = self.build.as_ref().filter(|b| b.scope == *scope)?;
        b.result.get().cloned().flatten()
    }

    /// Waits until the build in flight has finished (tests and benchmarks).
    pub fn wait(&self) {
        while let Some(b) = &self.build
            && b.result.get().is_none()
        {
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
    }
}
