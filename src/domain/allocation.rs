//! Allocation of customers between managers (存量客户分配, SPEC §4.8): which receiver gets each
//! customer of a departing book (or of a filtered set), and the before/after load of every manager
//! concerned, shown before anything is applied. Pure: the store reads the loads and applies the moves.
//!
//! # The balance proposal
//!
//! Every receiver `r` has a load: customer count `cᵣ`, total assets `aᵣ` (fen) and a count per tier
//! `tᵣ[T1..T4]`. Let `C`, `A`, `N[t]` be the totals of the receivers *after* the move (their current
//! loads plus the whole moving set; each at least 1 so an empty total never divides by zero).
//!
//! 1. Order the moving customers by assets descending, ties by customer id ascending (the large
//!    accounts are placed first, while the loads still differ most).
//! 2. For each customer (tier `t`), compute every receiver's score
//!    `cᵣ / C + aᵣ / A + tᵣ[t] / N[t]` — its share of the final customers, of the final assets and of
//!    the final customers of this tier — and give the customer to the lowest score; ties go to the
//!    lower manager id. Add the customer to that receiver's load and go on.
//!
//! The comparison is exact: the scores are compared as integers over the common denominator
//! `C·A·N[t]` (i128, no rounding). Adding the same customer to any receiver raises each share by the
//! same amount, so "lowest before" and "lowest after" pick the same receiver.
//!
//! Without balancing, every customer goes to one receiver ([`Method::AllTo`]); several receivers
//! require the balance proposal (the CLI says so).

use std::collections::BTreeMap;

use super::money::Fen;
use super::tier::Tier;

/// A manager's book as the allocation sees it: customers, assets (fen) and the tier mix.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Load {
    pub count: u64,
    /// Total assets, fen.
    pub assets: Fen,
    /// Customers per tier, `[T1, T2, T3, T4]`.
    pub tiers: [u64; 4],
}

impl Load {
    fn add(&mut self, c: &Moving) -> Result<(), AllocationError> {
        self.count += 1;
        self.assets = self.assets.checked_add(c.assets).ok_or(AllocationError::Overflow)?;
        self.tiers[c.tier.index()] += 1;
        Ok(())
    }
    fn remove(&mut self, c: &Moving) -> Result<(), AllocationError> {
        self.count = self.count.saturating_sub(1);
        self.assets = self.assets.checked_sub(c.assets).ok_or(AllocationError::Overflow)?;
        let t = &mut self.tiers[c.tier.index()];
        *t = t.saturating_sub(1);
        Ok(())
    }
}

/// One customer to move: who, from which manager, assets (fen) and tier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moving {
    pub customer_id: String,
    pub from: String,
    pub assets: Fen,
    pub tier: Tier,
}

/// How the moving customers are spread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// All to the one receiver.
    AllTo,
    /// The balance proposal (see the module doc).
    Balance,
}

/// One proposed move.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    pub customer_id: String,
    pub from: String,
    pub to: String,
}

/// A manager's load before and after the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadRow {
    pub manager_id: String,
    pub before: Load,
    pub after: Load,
}

/// A proposal: the moves, and the before/after table of every manager concerned (the sources and
/// the receivers, by manager id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub moves: Vec<Move>,
    pub table: Vec<LoadRow>,
}

/// Why no plan can be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AllocationError {
    #[error("no receiving manager given")]
    NoReceiver,
    #[error("several receiving managers need the balance proposal (--balance)")]
    SeveralWithoutBalance,
    #[error("customer {customer} is already with {manager}: a receiver cannot also be the source")]
    SameManager { customer: String, manager: String },
    #[error("assets overflow")]
    Overflow,
}

/// Proposes where each of `moving` goes among `receivers` (manager id → current load), with the
/// current loads of the source managers in `sources` (manager id → load; used for the table only).
///
/// Errors: no receiver; several receivers with [`Method::AllTo`]; a customer whose manager is a
/// receiver; money overflow. The moves come in the order of the balance (assets descending, then
/// customer id).
pub fn propose(
    moving: &[Moving],
    receivers: &BTreeMap<String, Load>,
    sources: &BTreeMap<String, Load>,
    method: Method,
) -> Result<Plan, AllocationError> {
    if receivers.is_empty() {
        return Err(AllocationError::NoReceiver);
    }
    if method == Method::AllTo && receivers.len() > 1 {
        return Err(AllocationError::SeveralWithoutBalance);
    }
    if let Some(c) = moving.iter().find(|c| receivers.contains_key(&c.from)) {
        return Err(AllocationError::SameManager { customer: c.customer_id.clone(), manager: c.from.clone() });
    }
    let mut order: Vec<&Moving> = moving.iter().collect();
    order.sort_by(|a, b| b.assets.cmp(&a.assets).then_with(|| a.customer_id.cmp(&b.customer_id)));

    // the final totals of the receivers (each share's denominator)
    let mut total = Load::default();
    for l in receivers.values() {
        total.count += l.count;
        total.assets = total.assets.checked_add(l.assets).ok_or(AllocationError::Overflow)?;
        for (t, n) in total.tiers.iter_mut().zip(l.tiers) {
            *t += n;
        }
    }
    for c in &order {
        total.add(c)?;
    }
    let den_c = i128::from(total.count.max(1));
    let den_a = i128::from(total.assets.max(1));

    let mut loads: BTreeMap<String, Load> = receivers.clone();
    let mut moves = Vec::with_capacity(order.len());
    for c in order {
        let den_t = i128::from(total.tiers[c.tier.index()].max(1));
        // score × C·A·N[t], exact; the BTreeMap iterates by manager id, so `<` keeps the lower id on a tie
        let score = |l: &Load| {
            i128::from(l.count) * den_a * den_t
                + i128::from(l.assets.max(0)) * den_c * den_t
                + i128::from(l.tiers[c.tier.index()]) * den_c * den_a
        };
        let mut best: Option<(&String, i128)> = None;
        for (id, l) in &loads {
            let s = score(l);
            if best.is_none_or(|(_, b)| s < b) {
                best = Some((id, s));
            }
        }
        let to = best.map(|(id, _)| id.clone()).ok_or(AllocationError::NoReceiver)?;
        if let Some(l) = loads.get_mut(&to) {
            l.add(c)?;
        }
        moves.push(Move { customer_id: c.customer_id.clone(), from: c.from.clone(), to });
    }

    // the table: sources lose their moving customers, receivers end with `loads`
    let mut table: BTreeMap<String, LoadRow> = BTreeMap::new();
    for (id, l) in sources {
        table.insert(id.clone(), LoadRow { manager_id: id.clone(), before: *l, after: *l });
    }
    for c in moving {
        let row = table.entry(c.from.clone()).or_insert_with(|| LoadRow {
            manager_id: c.from.clone(),
            before: Load::default(),
            after: Load::default(),
        });
        row.after.remove(c)?;
    }
    for (id, l) in receivers {
        let after = loads.get(id).copied().unwrap_or(*l);
        table.insert(id.clone(), LoadRow { manager_id: id.clone(), before: *l, after });
    }
    Ok(Plan { moves, table: table.into_values().collect() })
}

#[cfg(test)]
mod tests {
    use super::*;

    const WAN: Fen = 1_000_000; // fen

    fn m(id: &str, wan: i64, tier: Tier) -> Moving {
        Moving { customer_id: id.into(), from: "M01".into(), assets: wan * WAN, tier }
    }

    fn load(count: u64, wan: i64, tiers: [u64; 4]) -> Load {
        Load { count, assets: wan * WAN, tiers }
    }

    /// The departing book of M01: six customers, 680万 in all.
    fn book() -> Vec<Moving> {
        use Tier::*;
        // given out of order: the proposal sorts by assets
        vec![m("C5", 20, T4), m("C1", 300, T2), m("C3", 100, T3), m("C6", 10, T4), m("C2", 200, T2), m("C4", 50, T3)]
    }

    #[test]
    fn balance_on_a_hand_worked_book() {
        // M02 already keeps one customer of 400万 (T1); M03 keeps none.
        let receivers =
            BTreeMap::from([("M02".to_string(), load(1, 400, [1, 0, 0, 0])), ("M03".into(), Load::default())]);
        let sources = BTreeMap::from([("M01".to_string(), load(6, 680, [0, 2, 2, 2]))]);
        let plan = propose(&book(), &receivers, &sources, Method::Balance).unwrap();
        // Totals after: C = 7, A = 1080万, N = [1, 2, 2, 2]. Score = c/7 + a/1080 + t/N[t]:
        //  C1 300 T2: M02 1/7+400/1080+0 = .513, M03 0            → M03
        //  C2 200 T2: M02 .513, M03 1/7+300/1080+1/2 = .921        → M02
        //  C3 100 T3: M02 2/7+600/1080+0 = .841, M03 1/7+300/1080 = .421 → M03
        //  C4  50 T3: M02 .841, M03 2/7+400/1080+1/2 = 1.156      → M02
        //  C5  20 T4: M02 3/7+650/1080 = 1.030, M03 2/7+400/1080 = .656 → M03
        //  C6  10 T4: M02 1.030, M03 3/7+420/1080+1/2 = 1.317     → M02
        let got: Vec<(&str, &str)> = plan.moves.iter().map(|x| (x.customer_id.as_str(), x.to.as_str())).collect();
        assert_eq!(got, [("C1", "M03"), ("C2", "M02"), ("C3", "M03"), ("C4", "M02"), ("C5", "M03"), ("C6", "M02")]);
        assert!(plan.moves.iter().all(|x| x.from == "M01"));
        let table: Vec<(&str, Load, Load)> =
            plan.table.iter().map(|r| (r.manager_id.as_str(), r.before, r.after)).collect();
        assert_eq!(
            table,
            [
                ("M01", load(6, 680, [0, 2, 2, 2]), load(0, 0, [0, 0, 0, 0])),
                // 400 + 200 + 50 + 10
                ("M02", load(1, 400, [1, 0, 0, 0]), load(4, 660, [1, 1, 1, 1])),
                // 300 + 100 + 20
                ("M03", load(0, 0, [0, 0, 0, 0]), load(3, 420, [0, 1, 1, 1])),
            ]
        );
    }

    #[test]
    fn equal_receivers_tie_to_the_lower_id_and_alternate() {
        // two empty receivers, four customers of 100万 T3: ties go to the lower id, then the loads
        // alternate; equal assets are placed by customer id
        let moving: Vec<Moving> = ["D", "A", "C", "B"].iter().map(|id| m(id, 100, Tier::T3)).collect();
        let receivers = BTreeMap::from([("M09".to_string(), Load::default()), ("M03".into(), Load::default())]);
        let plan = propose(&moving, &receivers, &BTreeMap::new(), Method::Balance).unwrap();
        let got: Vec<(&str, &str)> = plan.moves.iter().map(|x| (x.customer_id.as_str(), x.to.as_str())).collect();
        assert_eq!(got, [("A", "M03"), ("B", "M09"), ("C", "M03"), ("D", "M09")]);
        // the source was not given: its row starts empty of its own figures and loses the four
        let m01 = plan.table.iter().find(|r| r.manager_id == "M01").unwrap();
        assert_eq!(m01.after.count, 0);
    }

    #[test]
    fn all_to_one_and_refusals() {
        let one = BTreeMap::from([("M02".to_string(), load(1, 400, [1, 0, 0, 0]))]);
        let plan = propose(&book(), &one, &BTreeMap::new(), Method::AllTo).unwrap();
        assert_eq!(plan.moves.len(), 6);
        assert!(plan.moves.iter().all(|x| x.to == "M02"));
        let m02 = plan.table.iter().find(|r| r.manager_id == "M02").unwrap();
        assert_eq!(m02.after, load(7, 1080, [1, 2, 2, 2]));

        let two = BTreeMap::from([("M02".to_string(), Load::default()), ("M03".into(), Load::default())]);
        assert_eq!(
            propose(&book(), &two, &BTreeMap::new(), Method::AllTo),
            Err(AllocationError::SeveralWithoutBalance)
        );
        assert_eq!(
            propose(&book(), &BTreeMap::new(), &BTreeMap::new(), Method::Balance),
            Err(AllocationError::NoReceiver)
        );
        let to_self = BTreeMap::from([("M01".to_string(), Load::default())]);
        assert!(matches!(
            propose(&book(), &to_self, &BTreeMap::new(), Method::AllTo),
            Err(AllocationError::SameManager { .. })
        ));
        let huge = vec![Moving { customer_id: "X".into(), from: "M01".into(), assets: Fen::MAX, tier: Tier::T1 }];
        let full = BTreeMap::from([("M02".to_string(), load(1, 1, [1, 0, 0, 0]))]);
        assert_eq!(propose(&huge, &full, &BTreeMap::new(), Method::AllTo), Err(AllocationError::Overflow));
    }
}
