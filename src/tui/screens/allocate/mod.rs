//! 分配 Allocation (存量客户分配, SPEC §4.8; supervisor only). Choose what moves — a departing
//! manager's whole book (`f`, the picker), the customers of the 客户 list's filter (`R` there) or
//! one customer (`R` on its detail) — and the receiving managers (`t`, the picker: picking one
//! again removes it); `b` switches the balance proposal (on by itself for several receivers).
//! The proposal shows as a before/after table per manager (customers, assets, tier mix) and the
//! list of moves; Enter asks y/n and only then applies it in one transaction.
//!
//! State and keys here; the drawing in [`render`].

pub mod render;

use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use crate::domain::allocation::{Method, Plan};
use crate::session::Lang;
use crate::store::allocation::Selection;
use crate::store::book::BookRow;
use crate::tui::action::Action;
use crate::tui::keymap::{self, Context};
use crate::tui::screens::{Ctx, Outcome};
use crate::tui::widgets::manager_picker::{PickItem, Picked, Picker};

/// What moves, and how the screen names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Nothing chosen yet.
    None,
    /// A departing manager's whole book.
    Book(String),
    /// A set of customers (the 客户 filter, or one from the detail screen) and its label.
    Customers { ids: Vec<String>, label: String },
}

/// What an open picker chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickFor {
    Source,
    Receiver,
}

/// State of the 分配 screen.
pub struct AllocateState {
    pub source: Source,
    pub receivers: Vec<String>,
    pub balance: bool,
    /// The proposal for the current choice, or why there is none.
    pub plan: Option<Result<Plan, String>>,
    plan_key: Option<(Source, Vec<String>, bool)>,
    pub picker: Option<(PickFor, Picker)>,
    /// The y/n popup before applying.
    pub confirm: bool,
    /// Cursor and window of the list of moves.
    pub selected: usize,
    pub offset: usize,
    pub height: usize,
    /// The list rows of the moves in the window (names, assets, tiers).
    pub window: Vec<BookRow>,
    window_key: Option<(usize, usize)>,
}

impl Default for AllocateState {
    fn default() -> Self {
        AllocateState::new(Source::None)
    }
}

impl AllocateState {
    pub fn new(source: Source) -> AllocateState {
        AllocateState {
            source,
            receivers: Vec::new(),
            balance: false,
            plan: None,
            plan_key: None,
            picker: None,
            confirm: false,
            selected: 0,
            offset: 0,
            height: 0,
            window: Vec::new(),
            window_key: None,
        }
    }

    pub fn title(&self, ctx: &Ctx) -> String {
        tr!(ctx.lang(), ALLOCATION).to_string()
    }

    pub fn context(&self) -> Context {
        if self.picker.is_some() {
            Context::Picker
        } else if self.confirm {
            Context::Confirm
        } else {
            Context::Allocate
        }
    }

    pub fn invalidate(&mut self) {
        self.plan_key = None;
        self.window_key = None;
    }

    fn moves(&self) -> usize {
        match &self.plan {
            Some(Ok(p)) => p.moves.len(),
            _ => 0,
        }
    }

    /// Every manager with their book size (customers not closed).
    fn manager_items(ctx: &Ctx) -> Vec<PickItem> {
        let sizes = crate::store::managers::book_sizes(&ctx.session.conn).unwrap_or_default();
        ctx.managers
            .iter()
            .map(|m| PickItem::manager(m).with_book_size(sizes.get(&m.manager_id).copied().unwrap_or(0), ctx.lang()))
            .collect()
    }

    /// Keys for the picker or the confirmation: `Some` when consumed.
    pub fn handle_modal(&mut self, key: &KeyEvent, ctx: &Ctx) -> anyhow::Result<Option<Outcome>> {
        if let Some((what, picker)) = self.picker.as_mut() {
            let what = *what;
            match picker.handle_key(key) {
                Picked::Open => {}
                Picked::Cancelled | Picked::Item(None) => self.picker = None,
                Picked::Item(Some(m)) => {
                    self.picker = None;
                    match what {
                        PickFor::Source => {
                            self.receivers.retain(|r| *r != m);
                            self.source = Source::Book(m);
                        }
                        PickFor::Receiver => {
                            if let Some(i) = self.receivers.iter().position(|r| *r == m) {
                                self.receivers.remove(i);
                            } else {
                                self.receivers.push(m);
                                if self.receivers.len() > 1 {
                                    self.balance = true;
                                }
                            }
                        }
                    }
                    self.selected = 0;
                }
            }
            return Ok(Some(Outcome::None));
        }
        if self.confirm {
            match keymap::lookup(Context::Confirm, key) {
                Some(Action::Confirm) => {
                    self.confirm = false;
                    return self.apply(ctx).map(Some);
                }
                Some(Action::Cancel) => {
                    self.confirm = false;
                    return Ok(Some(Outcome::Message(tr!(ctx.lang(), NOTHING_APPLIED).into())));
                }
                _ => {}
            }
            return Ok(Some(Outcome::None));
        }
        Ok(None)
    }

    fn apply(&mut self, ctx: &Ctx) -> anyhow::Result<Outcome> {
        let lang = ctx.lang();
        let Some(Ok(plan)) = &self.plan else { return Ok(Outcome::None) };
        let reason = match (&self.source, self.balance) {
            (Source::Book(_), true) => "balance",
            (Source::Book(_), false) => "departure",
            (Source::Customers { ids, .. }, _) if ids.len() == 1 => "single",
            _ => "filter",
        };
        let now = crate::clock::now_on(ctx.today());
        let n = crate::store::allocation::apply(&ctx.session.conn, plan, &ctx.session.user, reason, now)?;
        self.source = Source::None;
        self.plan = None;
        self.plan_key = None;
        self.selected = 0;
        Ok(Outcome::Changed(crate::i18n::Msg::MovedAudited { n: n as u64 }.render(lang)))
    }

    pub fn update(&mut self, action: Action, ctx: &Ctx) -> anyhow::Result<Outcome> {
        let lang = ctx.lang();
        if !ctx.session.is_supervisor() {
            return Ok(Outcome::Message(tr!(lang, ONLY_THE_BRANCH_HEAD_REASSIGNS_CUSTOMERS).into()));
        }
        if let Some(to) = crate::tui::widgets::cursor::moved(self.selected, action, self.moves(), self.height) {
            self.selected = to;
            return Ok(Outcome::None);
        }
        match action {
            Action::PickSource => {
                let at = match &self.source {
                    Source::Book(m) => Some(m.clone()),
                    _ => None,
                };
                let title = tr!(lang, FROM_THE_DEPARTING_MANAGER);
                self.picker = Some((PickFor::Source, Picker::new(title, Self::manager_items(ctx), Some(&at))));
            }
            Action::PickReceiver => {
                let title = tr!(lang, TO_A_MANAGER_AGAIN_TO_REMOVE);
                // the departing manager cannot receive their own book
                let departing = match &self.source {
                    Source::Book(m) => Some(m.clone()),
                    _ => None,
                };
                let items = Self::manager_items(ctx)
                    .into_iter()
                    .filter(|i| i.value.is_none() || i.value != departing)
                    .map(|mut i| {
                        if i.value.as_ref().is_some_and(|v| self.receivers.contains(v)) {
                            i.label = format!("✓ {}", i.label);
                        }
                        i
                    })
                    .collect();
                self.picker = Some((PickFor::Receiver, Picker::new(title, items, None)));
            }
            Action::ToggleBalance => self.balance = !self.balance,
            Action::ClearFilters => {
                self.source = Source::None;
                self.receivers.clear();
                self.balance = false;
                self.selected = 0;
            }
            Action::Apply => match &self.plan {
                Some(Ok(p)) if !p.moves.is_empty() => self.confirm = true,
                Some(Err(e)) => return Ok(Outcome::Message(e.clone())),
                _ => {
                    return Ok(Outcome::Message(tr!(lang, CHOOSE_THE_SOURCE_F_AND_THE).into()));
                }
            },
            _ => {}
        }
        Ok(Outcome::None)
    }

    /// Rows of the table of moves: what is left of `body` under the summary (2 lines), the load
    /// table (header, rows, a blank line), the moves' title and header, and the key line.
    fn move_rows(&self, body: Rect) -> usize {
        let loads = match &self.plan {
            Some(Ok(p)) => p.table.len() + 2,
            _ => 0,
        };
        (body.height as usize).saturating_sub(2 + loads + 2 + 1)
    }

    /// Makes the proposal when the choice changed, and reads the list rows of the visible moves.
    pub fn sync(&mut self, ctx: &Ctx, body: Rect) -> anyhow::Result<()> {
        if !ctx.session.is_supervisor() {
            return Ok(());
        }
        let key = (self.source.clone(), self.receivers.clone(), self.balance);
        if self.plan_key.as_ref() != Some(&key) {
            let selection = match &self.source {
                Source::None => None,
                Source::Book(m) => Some(Selection::Book(m.clone())),
                Source::Customers { ids, .. } => Some(Selection::Customers(ids.clone())),
            };
            self.plan = match selection {
                Some(sel) if !self.receivers.is_empty() => {
                    let method = if self.balance { Method::Balance } else { Method::AllTo };
                    Some(crate::store::allocation::propose(&ctx.session.conn, &sel, &self.receivers, method).map_err(
                        |e| match &e {
                            crate::store::StoreError::Refused(m) if !matches!(**m, crate::i18n::Msg::Allocation(_)) => {
                                e.render(ctx.lang())
                            }
                            _ => explain(&e.to_string(), ctx.lang()),
                        },
                    ))
                }
                _ => None,
            };
            self.plan_key = Some(key);
            self.window_key = None;
        }
        self.height = self.move_rows(body);
        let total = self.moves();
        self.selected = self.selected.min(total.saturating_sub(1));
        self.offset = crate::tui::widgets::cursor::keep_in_view(self.selected, self.offset, self.height, total);
        if self.window_key != Some((self.offset, self.height)) {
            self.window = match &self.plan {
                Some(Ok(p)) if self.height > 0 => {
                    let ids: Vec<String> =
                        p.moves.iter().skip(self.offset).take(self.height).map(|m| m.customer_id.clone()).collect();
                    crate::store::book::rows_for_ids(&ctx.session.conn, &ids, ctx.today())?
                }
                _ => Vec::new(),
            };
            self.window_key = Some((self.offset, self.height));
        }
        Ok(())
    }

    /// `8 位待调动`.
    pub fn counts(&self, ctx: &Ctx) -> String {
        crate::i18n::Msg::ToMove { n: self.moves() as u64 }.render(ctx.lang())
    }

    fn source_label(&self, ctx: &Ctx) -> String {
        let lang = ctx.lang();
        match &self.source {
            Source::None => tr!(lang, NONE_F).to_string(),
            Source::Book(m) => format!("{} {}", ctx.manager_label(m), tr!(lang, WHOLE_BOOK)),
            Source::Customers { label, .. } => label.clone(),
        }
    }
}

/// The store's refusal in the session language (the common ones; others as they are).
fn explain(e: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return e.to_string();
    }
    if e.contains("several receiving managers") {
        return "多位接收人需要均衡方案（b）".into();
    }
    if let Some(rest) = e.strip_prefix("customer ")
        && let Some((id, m)) = rest.split_once(" is already with ")
    {
        let m = m.split(':').next().unwrap_or(m);
        return format!("客户 {id} 已在 {m} 名下：接收人不能同时是调出人");
    }
    if e.contains("is closed") {
        return format!("含已销户客户，不能分配（{e}）");
    }
    e.to_string()
}
