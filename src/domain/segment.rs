//! The 分级分类 matrix (SPEC §4.4): 4 tiers × (3 risk types + 专业投资者 + 未评估).

use serde::Serialize;

use super::money::Fen;
use super::risk::SegmentColumn;
use super::tier::Tier;

/// Customers and total assets of one cell.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Cell {
    pub customers: u64,
    pub total_assets: Fen,
}

/// The full 4 × 5 matrix; rows T1..T4, columns in [`SegmentColumn::ALL`] order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SegmentMatrix {
    pub cells: [[Cell; 5]; 4],
}

impl SegmentMatrix {
    /// Adds one customer (or a pre-counted group) to a cell.
    pub fn add(&mut self, tier: Tier, column: SegmentColumn, customers: u64, total_assets: Fen) {
        let cell = &mut self.cells[tier.index()][column.index()];
        cell.customers = cell.customers.saturating_add(customers);
        cell.total_assets = cell.total_assets.saturating_add(total_assets);
    }
    /// One cell.
    pub fn cell(&self, tier: Tier, column: SegmentColumn) -> Cell {
        self.cells[tier.index()][column.index()]
    }
    /// Row total of a tier.
    pub fn tier_total(&self, tier: Tier) -> Cell {
        sum(self.cells[tier.index()].iter())
    }
    /// Column total.
    pub fn column_total(&self, column: SegmentColumn) -> Cell {
        sum(self.cells.iter().map(|row| &row[column.index()]))
    }
    /// Grand total.
    pub fn total(&self) -> Cell {
        sum(self.cells.iter().flatten())
    }
}

fn sum<'a>(cells: impl Iterator<Item = &'a Cell>) -> Cell {
    cells.fold(Cell::default(), |acc, c| Cell {
        customers: acc.customers.saturating_add(c.customers),
        total_assets: acc.total_assets.saturating_add(c.total_assets),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::risk::RiskType;

    #[test]
    fn totals_add_up() {
        let mut m = SegmentMatrix::default();
        m.add(Tier::T1, SegmentColumn::Type(RiskType::Aggressive), 2, 1_000);
        m.add(Tier::T1, SegmentColumn::Professional, 1, 500);
        m.add(Tier::T4, SegmentColumn::Type(RiskType::Aggressive), 3, 30);
        assert_eq!(m.tier_total(Tier::T1), Cell { customers: 3, total_assets: 1_500 });
        assert_eq!(
            m.column_total(SegmentColumn::Type(RiskType::Aggressive)),
            Cell { customers: 5, total_assets: 1_030 }
        );
        assert_eq!(m.total(), Cell { customers: 6, total_assets: 1_530 });
    }
}
