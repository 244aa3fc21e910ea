//! 客户 Customers: a virtual-scrolling list of the book. Only the visible window of rows is ever
//! built; the count and the window are cached and fetched again only when the filter, the sort,
//! the window or the data (another process committed: [`CustomersState::invalidate`]) changes.
//!
//! Two paths: without a text search, `store::book::count` + `store::book::page` (index-backed,
//! cheap at any offset); with one (`LIKE '%…%'` scans), the ordered ids of the matches are
//! fetched once per filter/sort change (`store::book::ids`) and every window is a slice of
//! them (`store::book::rows_for_ids`), so scrolling never scans again. Once the in-memory search
//! index of the scope is built in the background ([`index`], `store::search`), the id list comes
//! from it instead (no scan, no debounce; the same list).

mod index;
mod render;

pub use index::{IndexSlot, enable as enable_search_index};

pub use render::{columns, row_cells};

use crate::i18n::{en::titles as et, zh::titles as zt};
use std::sync::Arc;
use std::time::{Duration, Instant};

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{Ctx, Outcome, Screen};
use crate::domain::mask::{mask_id_number, mask_mobile};
use crate::domain::money::format_count;
use crate::domain::risk::{RiskLevel, SegmentColumn};
use crate::domain::text::{Align, pad_to_cells, width};
use crate::domain::tier::Tier;
use crate::store::book::{self, BookFilter, BookRow, SortKey, Validity};
use crate::store::search::{List, SearchIndex};
use crate::tui::action::Action;
use crate::tui::format::amount_forms;
use crate::tui::keymap::{self, Context};
use crate::tui::theme;
use crate::tui::widgets::input::LineInput;
use crate::tui::widgets::table::{self, Cell, ColSpec, Step};
use crate::tui::widgets::{centered, clear_popup, fit_leading, put_line, spans_width};

/// Columns of the list, in display order.
pub const COLUMNS: [ColSpec; 10] = [
    ColSpec::new(zt::ACCOUNT, et::ACCOUNT, 12, Align::Left).short(zt::ACCT, et::ACCT),
    ColSpec::new(zt::NAME, et::NAME, 10, Align::Left),
    ColSpec::new(zt::ID_NUMBER_SHORT, et::ID_NUMBER_SHORT, 18, Align::Left),
    ColSpec::new(zt::MOBILE, et::MOBILE, 12, Align::Left),
    ColSpec::new(zt::TIER_2, et::TIER_2, 7, Align::Left),
    ColSpec::new(zt::RISK, et::RISK, 14, Align::Left),
    ColSpec::new(zt::TOTAL_ASSETS, et::TOTAL_ASSETS, 10, Align::Right),
    ColSpec::new(zt::CONTRIB_12M, et::CONTRIB_12M, 9, Align::Right).short(zt::CONTRIB, et::CONTRIB),
    ColSpec::new(zt::NEXT_CALLBACK_SHORT, et::NEXT_CALLBACK_SHORT, 10, Align::Left).short(zt::CALL, et::CALL),
    ColSpec::new(zt::ALERTS, et::ALERTS, 4, Align::Right),
];
const C_NAME: usize = 1;
const C_ALERTS: usize = 9;

/// How the list gives way on a narrow terminal: ID and mobile go first, the callback date
/// narrows to MM-DD; name, tier, level and assets always stay.
pub const STEPS: [Step; 11] = [
    Step::Drop(2),
    Step::Drop(3),
    Step::Narrow(8, 5),
    Step::Narrow(5, 9),
    Step::Narrow(C_NAME, 8),
    Step::Drop(7),
    Step::Drop(8),
    Step::Drop(0),
    Step::Narrow(4, 2),
    Step::Drop(9),
    Step::Narrow(5, 3),
];

/// The fields of the filter popup.
pub const FILTER_FIELDS: usize = 5;

/// While typing a search and until the search index is built, the interactive loop waits this
/// long after the last keystroke before it queries (a text search then scans the book); with the
/// index, and in headless syncs, it queries at once.
pub const SEARCH_DEBOUNCE: Duration = Duration::from_millis(150);

/// A text search's matches in list order: 资金账号 from the SQL scan, or a list of the index
/// (walked only as far as the windows shown).
pub enum Hits {
    Ids(Vec<String>),
    Rows(Arc<SearchIndex>, List),
}

impl Hits {
    fn len(&self) -> usize {
        match self {
            Hits::Ids(ids) => ids.len(),
            Hits::Rows(_, rows) => rows.len(),
        }
    }

    /// 资金账号 of the list entries `from .. to` (clamped).
    fn window(&mut self, from: usize, to: usize) -> Vec<String> {
        let to = to.min(self.len());
        let from = from.min(to);
        match self {
            Hits::Ids(ids) => ids[from..to].to_vec(),
            Hits::Rows(ix, list) => ix.ids_of(list.window(ix, from, to)),
        }
    }
}

/// An open search input and the text to restore on Esc.
#[derive(Debug, Clone)]
pub struct Search {
    pub input: LineInput,
    pub before: String,
}

/// State of the customer list.
pub struct CustomersState {
    pub filter: BookFilter,
    pub sort: SortKey,
    /// Index of the selected row in the filtered list.
    pub selected: usize,
    /// Index of the first visible row.
    pub offset: usize,
    /// Visible rows (from the last sync).
    pub height: usize,
    /// Customers matching the filter.
    pub total: u64,
    /// The visible window: rows `offset .. offset + rows.len()`.
    pub rows: Vec<BookRow>,
    rows_key: Option<(BookFilter, SortKey, usize, usize)>,
    count_key: Option<BookFilter>,
    /// A text search's matches in list order, for the filter and sort they were fetched for.
    ids: Option<((BookFilter, SortKey), Hits)>,
    /// The in-memory search index (built in the background).
    pub index: IndexSlot,
    /// How many id lists came from the index (the rest of `id_fetches` scanned the table).
    pub index_fetches: usize,
    /// How many window queries ran (each one fetches one window).
    pub page_fetches: usize,
    /// How many count queries ran.
    pub count_fetches: usize,
    /// How many id-list queries (text search scans) ran.
    pub id_fetches: usize,
    /// When the search text last changed (the interactive loop debounces on it).
    pub typed_at: Option<Instant>,
    pub search: Option<Search>,
    /// The focused field of the open filter popup.
    pub popup: Option<usize>,
    /// The DB holds no customer at all (checked when a count comes back zero).
    pub db_empty: bool,
    /// The "expiring" window of the validity filter (the rules' `assessment.expiring_days`).
    pub expiring_days: u32,
}

impl CustomersState {
    pub fn new(filter: BookFilter) -> CustomersState {
        CustomersState {
            filter,
            sort: SortKey::default(),
            selected: 0,
            offset: 0,
            height: 0,
            total: 0,
            rows: Vec::new(),
            rows_key: None,
            count_key: None,
            ids: None,
            index: IndexSlot::default(),
            index_fetches: 0,
            page_fetches: 0,
            count_fetches: 0,
            id_fetches: 0,
            typed_at: None,
            search: None,
            popup: None,
            db_empty: false,
            expiring_days: 30,
        }
    }

    pub fn title(&self, ctx: &Ctx) -> String {
        let lang = ctx.lang();
        let mut t = tr!(lang, CUSTOMERS).to_string();
        let mut parts = Vec::new();
        if let Some(tier) = self.filter.tier {
            parts.push(ctx.tier_label(tier));
        }
        if let Some(c) = self.filter.column {
            parts.push(lang.pick(c.label_zh(), c.label_en()).to_string());
        }
        if let Some(label) = self.axis_cell_label(ctx) {
            parts.push(label);
        }
        if !parts.is_empty() {
            t.push(' ');
            t.push_str(&parts.join("×"));
        }
        t
    }

    pub fn context(&self) -> Context {
        if self.search.is_some() {
            Context::Search
        } else if self.popup.is_some() {
            Context::Filter
        } else {
            Context::Customers
        }
    }

    /// The selected row, if it is in the fetched window.
    pub fn selected_row(&self) -> Option<&BookRow> {
        self.selected.checked_sub(self.offset).and_then(|i| self.rows.get(i))
    }

    /// Rows of the table in a body of this size (a summary line and the header above).
    pub fn table_rows(body: Rect) -> usize {
        body.height.saturating_sub(2) as usize
    }

    fn reset_position(&mut self) {
        self.selected = 0;
        self.offset = 0;
    }

    /// Forgets every cached query (the data changed): the next sync fetches the count, the ids
    /// and the window again, keeping the filter, the sort and the position.
    pub fn invalidate(&mut self) {
        self.count_key = None;
        self.rows_key = None;
        self.ids = None;
        self.index.invalidate();
    }

    /// The search text changed: back to the top, and note the time for the debounce.
    fn text_changed(&mut self, text: String) {
        self.filter.text = text;
        self.reset_position();
        self.typed_at = Some(Instant::now());
    }

    /// How long the interactive loop should still wait before querying for the search text
    /// (`None`: query now).
    pub fn settling(&self, now: Instant) -> Option<Duration> {
        // nothing fetched yet (a tab never shown, or the data changed): no old rows to keep showing
        self.rows_key.as_ref()?;
        if self.index.ready(&self.filter.scope).is_some_and(|ix| ix.covers(&self.filter)) {
            return None;
        }
        let since = now.saturating_duration_since(self.typed_at?);
        SEARCH_DEBOUNCE.checked_sub(since).filter(|d| !d.is_zero())
    }

    /// Whether the filter has a text search (served from the cached id list).
    fn text_search(&self) -> bool {
        !self.filter.text.trim().is_empty()
    }

    fn last(&self) -> usize {
        (self.total as usize).saturating_sub(1)
    }

    /// Keys for the search input or the filter popup.
    pub fn handle_modal(&mut self, key: &KeyEvent, _ctx: &Ctx) -> anyhow::Result<Option<Outcome>> {
        if let Some(search) = self.search.as_mut() {
            match keymap::lookup(Context::Search, key) {
                Some(Action::Confirm) => self.search = None,
                Some(Action::Cancel) => {
                    let before = search.before.clone();
                    self.search = None;
                    if self.filter.text != before {
                        self.text_changed(before);
                    }
                }
                Some(action) => {
                    if search.input.edit(action) {
                        let text = search.input.text().to_string();
                        self.text_changed(text);
                    }
                }
                None => {
                    if let KeyCode::Char(c) = key.code
                        && !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                    {
                        search.input.insert(c);
                        let text = search.input.text().to_string();
                        self.text_changed(text);
                    }
                }
            }
            return Ok(Some(Outcome::None));
        }
        if let Some(field) = self.popup {
            let Some(action) = keymap::lookup(Context::Filter, key) else { return Ok(None) };
            match action {
                Action::Up => self.popup = Some((field + FILTER_FIELDS - 1) % FILTER_FIELDS),
                Action::Down => self.popup = Some((field + 1) % FILTER_FIELDS),
                Action::Left => self.cycle_field(field, -1),
                Action::Right => self.cycle_field(field, 1),
                Action::ClearFilters => self.clear_filters(),
                Action::Close => self.popup = None,
                _ => {}
            }
            return Ok(Some(Outcome::None));
        }
        Ok(None)
    }

    /// Steps field `field` of the filter popup to its next (`dir` 1) or previous (-1) value.
    pub fn cycle_field(&mut self, field: usize, dir: isize) {
        /// The value `dir` steps from `current` in `None` (全部), then `all` in order, round.
        fn step<T: Copy + PartialEq>(all: &[T], current: Option<T>, dir: isize) -> Option<T> {
            let i = current.and_then(|c| all.iter().position(|a| *a == c)).map_or(0, |i| i + 1);
            let next = (i as isize + dir).rem_euclid(all.len() as isize + 1) as usize;
            next.checked_sub(1).map(|j| all[j])
        }
        match field {
            0 => self.filter.tier = step(&Tier::ALL, self.filter.tier, dir),
            1 => self.filter.column = step(&SegmentColumn::ALL, self.filter.column, dir),
            2 => self.filter.level = step(&RiskLevel::ALL, self.filter.level, dir),
            3 => self.filter.with_alerts = !self.filter.with_alerts,
            _ => {
                let all = [Validity::Expiring(self.expiring_days), Validity::Expired, Validity::Never];
                self.filter.validity = step(&all, self.filter.validity, dir);
            }
        }
        self.reset_position();
    }

    /// The filter without any condition, in the same scope.
    fn unfiltered(&self) -> BookFilter {
        BookFilter { scope: self.filter.scope.clone(), ..BookFilter::default() }
    }

    fn clear_filters(&mut self) {
        self.filter = self.unfiltered();
        self.reset_position();
    }

    pub fn update(&mut self, action: Action, ctx: &Ctx) -> anyhow::Result<Outcome> {
        let page = self.height.max(1);
        match action {
            Action::Export => {
                let filter = BookFilter { scope: ctx.scope.clone(), ..self.filter.clone() };
                return crate::tui::export::export(ctx, crate::export::Request::Customers { filter, sort: self.sort });
            }
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(self.last()),
            Action::PageUp => {
                self.selected = self.selected.saturating_sub(page);
                self.offset = self.offset.saturating_sub(page);
            }
            Action::PageDown => {
                self.selected = (self.selected + page).min(self.last());
                self.offset += page;
            }
            Action::Top => self.reset_position(),
            Action::Bottom => self.selected = self.last(),
            Action::Open => {
                if let Some(row) = self.selected_row() {
                    return Ok(Outcome::Push(Box::new(Screen::Detail(super::DetailState::new(&row.customer_id)))));
                }
            }
            Action::StartAssessment => {
                if let Some(row) = self.selected_row() {
                    return Ok(Outcome::Push(Box::new(Screen::Interview(super::InterviewState::new(
                        &row.customer_id,
                    )))));
                }
            }
            Action::Search => {
                self.search =
                    Some(Search { input: LineInput::new(&self.filter.text), before: self.filter.text.clone() });
            }
            Action::Filter => self.popup = Some(0),
            Action::CycleSort => {
                let i = SortKey::ALL.iter().position(|k| *k == self.sort).unwrap_or(0);
                self.sort = SortKey::ALL[(i + 1) % SortKey::ALL.len()];
                self.reset_position();
            }
            Action::ClearFilters => self.clear_filters(),
            _ => {}
        }
        Ok(Outcome::None)
    }

    /// Fetches the count and the visible window if the filter, sort, scope or window changed.
    pub fn sync(&mut self, ctx: &Ctx, body: Rect) -> anyhow::Result<()> {
        self.typed_at = None;
        self.expiring_days = ctx.rules().assessment.expiring_days;
        if self.filter.scope != *ctx.scope {
            self.filter.scope = ctx.scope.clone();
            self.reset_position();
        }
        let conn = &ctx.session.conn;
        let counted = (self.count_fetches, self.id_fetches);
        let path = conn.location();
        let index = self.index.poll(path.as_ref(), &self.filter.scope).filter(|ix| ix.covers(&self.filter));
        if self.text_search() {
            let key = (self.filter.clone(), self.sort);
            if self.ids.as_ref().map(|(k, _)| k) != Some(&key) {
                let hits = match index {
                    Some(ix) => {
                        let m = ix.find(&self.filter.text, self.index.last.as_ref());
                        let rows = ix.list(&m, &self.filter, self.sort, ctx.today());
                        self.index.last = Some(m);
                        self.index_fetches += 1;
                        Hits::Rows(ix, rows)
                    }
                    None => Hits::Ids(book::ids(conn, &self.filter, self.sort, ctx.today())?),
                };
                self.id_fetches += 1;
                self.total = hits.len() as u64;
                self.ids = Some((key, hits));
            }
            self.count_key = None;
        } else {
            self.ids = None;
            if self.count_key.as_ref() != Some(&self.filter) {
                self.total = book::count(conn, &self.filter, ctx.today())?;
                self.count_key = Some(self.filter.clone());
                self.count_fetches += 1;
            }
        }
        if counted != (self.count_fetches, self.id_fetches) {
            self.db_empty = self.total == 0 && !book::any_customers(conn)?;
        }
        self.height = Self::table_rows(body);
        self.selected = self.selected.min(self.last());
        if self.height == 0 {
            self.offset = self.selected;
        } else {
            if self.selected < self.offset {
                self.offset = self.selected;
            }
            if self.selected >= self.offset + self.height {
                self.offset = self.selected + 1 - self.height;
            }
            self.offset = self.offset.min((self.total as usize).saturating_sub(self.height));
        }
        let key = (self.filter.clone(), self.sort, self.offset, self.height);
        if self.rows_key.as_ref() != Some(&key) {
            self.rows = if self.height == 0 || self.total == 0 {
                Vec::new()
            } else if let Some((_, hits)) = &mut self.ids {
                self.page_fetches += 1;
                book::rows_for_ids(conn, &hits.window(self.offset, self.offset + self.height), ctx.today())?
            } else {
                self.page_fetches += 1;
                book::page(conn, &self.filter, self.sort, ctx.today(), self.offset, self.height)?
            };
            self.rows_key = Some(key);
        }
        Ok(())
    }

    pub fn counts(&self, ctx: &Ctx) -> String {
        let lang = ctx.lang();
        if self.total == 0 {
            return tr!(lang, T_0_CUSTOMERS).to_string();
        }
        let (at, of) = (format_count(self.selected as u64 + 1), format_count(self.total));
        format!("{at}/{of} {}", tr!(lang, CUSTOMERS_WEI))
    }

    /// The segment-axis cell the list is restricted to (`A 高贡献高周转`), from 分级分类's other axes.
    fn axis_cell_label(&self, ctx: &Ctx) -> Option<String> {
        let cell = self.filter.axis_cell.as_ref()?;
        let en = ctx.lang() == crate::session::Lang::En;
        Some(match cell.segment.and_then(|s| cell.axis.segment_label(s, en)) {
            Some(label) => label.to_string(),
            None => ctx.lang().pick(cell.axis.label_zh(), cell.axis.label_en()).to_string(),
        })
    }

    /// The active filters and sort as text chips.
    pub fn filter_chips(&self, ctx: &Ctx) -> Vec<String> {
        let lang = ctx.lang();
        let mut chips = Vec::new();
        if let Some(t) = self.filter.tier {
            chips.push(format!("{} {}", tr!(lang, TIER), ctx.tier_label(t)));
        }
        if let Some(c) = self.filter.column {
            chips.push(format!("{} {}", tr!(lang, TYPE), lang.pick(c.label_zh(), c.label_en())));
        }
        if let Some(label) = self.axis_cell_label(ctx) {
            chips.push(label);
        }
        if let Some(l) = self.filter.level {
            chips.push(format!("{} {}", tr!(lang, LEVEL), l.code()));
        }
        if self.filter.with_alerts {
            chips.push(tr!(lang, WITH_ALERTS).to_string());
        }
        if let Some(v) = self.filter.validity {
            chips.push(format!("{} {}", tr!(lang, ASSESSMENT), v.label(lang)));
        }
        if !self.filter.text.trim().is_empty() {
            chips.push(format!("{} \"{}\"", tr!(lang, SEARCH_SOUSUO), self.filter.text.trim()));
        }
        chips
    }
}
