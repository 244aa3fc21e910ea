//! The holdings table of the customer detail: its cells (rating, suitability, weight, P/L) and
//! the texts that say what a rating and the weights are based on.

use ratatui::style::Style;

use crate::domain::money::{format_compact, format_wan, format_yuan_whole};
use crate::domain::risk::{ProductRisk, Suitability};
use crate::session::Lang;
use crate::store::detail::{CustomerDetail, HoldingLine, WeightBasis};
use crate::tui::format::{percent_bp, price, quantity_forms, signed_compact, signed_whole};
use crate::tui::theme;
use crate::tui::widgets::table::Cell;

/// `宁德时代 R4：创业板股票` — which rule gave the selected holding its rating (or the file did).
pub(super) fn rating_basis_text(h: &HoldingLine, lang: Lang) -> String {
    use crate::domain::rating::RatingBasis;
    let name = &h.valued.security.name;
    let r = h.rating.code();
    match &h.rating_basis {
        RatingBasis::Own => format!("{name} {r}{}", tr!(lang, SET_BY_THE_SECURITIES_FILE)),
        RatingBasis::Rule(note) => format!("{name} {r}{}{note}", tr!(lang, DEFAULT_RULE)),
        RatingBasis::Fallback => {
            format!("{name} {r}{}", tr!(lang, NO_RULE_MATCHED_MEDIUM))
        }
    }
}

/// What the weights are shares of, when it is not simply the latest snapshot's total assets:
/// `占比按 2026-11-27 资产 612.3万`, `占比按 持仓市值+现金(2026-11-28) 10.0万`, `占比按 持仓市值 …`.
/// Nothing without holdings: there are no weights.
pub(super) fn weight_basis_text(d: &CustomerDetail, lang: Lang) -> Option<String> {
    if d.holdings.is_empty() {
        return None;
    }
    let latest = d.snapshot.as_ref().map(|s| s.as_of);
    let base = format_wan(d.weight_base);
    match d.weight_basis {
        WeightBasis::Snapshot { as_of } if Some(as_of) == latest => None,
        WeightBasis::Snapshot { as_of } => {
            Some(format!("{} {as_of} {} {base}", tr!(lang, WEIGHTS_OF), tr!(lang, ASSETS)))
        }
        WeightBasis::MarketPlusCash { cash_as_of } => Some(format!(
            "{} {}({cash_as_of}) {base}",
            tr!(lang, WEIGHTS_OF),
            tr!(lang, VALUE_CASH)
        )),
        WeightBasis::Market if latest.is_some() => {
            Some(format!("{} {} {base}", tr!(lang, WEIGHTS_OF), tr!(lang, VALUE_CHICANGSHIZHI)))
        }
        WeightBasis::Market => None,
    }
}

pub(super) fn pnl_style(pnl: i64) -> Style {
    match pnl.signum() {
        1 => theme::up(),
        -1 => theme::down(),
        _ => Style::new(),
    }
}

/// The cells of one holding.
pub fn holding_cells(h: &HoldingLine, lang: Lang) -> Vec<Cell> {
    let v = &h.valued;
    let rating_style = match h.rating {
        ProductRisk::R4 | ProductRisk::R5 => theme::warn(),
        _ => Style::new(),
    };
    let suit = match h.suitability {
        Suitability::Suitable => {
            let fits = tr!(lang, FITS);
            // the same as the unsuitable forms' levels: long, short, mark only
            Cell::forms(vec![fits.into(), fits.into(), "✓".into()]).style(theme::good())
        }
        s => {
            let long = crate::i18n::Msg::Unsuitable(s).render(lang);
            let short = match s {
                Suitability::AboveLevel { level, rating } => format!("✗ {}>{}", rating.code(), level.code()),
                Suitability::LowestCategory { .. } => tr!(lang, LOWEST_ZUIDILEIBIE).into(),
                Suitability::Unassessed { rating } => format!("✗ {} {}", tr!(lang, UNASS), rating.code()),
                Suitability::Suitable => String::new(),
            };
            Cell::forms(vec![long, short, "✗".into()]).style(theme::bad())
        }
    };
    let alerts = match h.alerts {
        Some((n, sev)) => Cell::new(format!("!{n}")).style(match sev {
            crate::domain::alerts::Severity::Critical => theme::bad(),
            crate::domain::alerts::Severity::Warning => theme::warn(),
            crate::domain::alerts::Severity::Info => theme::muted(),
        }),
        None => Cell::new(""),
    };
    vec![
        Cell::new(v.holding.code.clone()),
        Cell::new(v.security.name.clone()),
        Cell::new(h.rating.code()).style(rating_style),
        alerts,
        Cell::forms(quantity_forms(v.holding.quantity)),
        Cell::new(price(v.holding.cost_price)),
        Cell::new(v.close.map(|c| price(c.1)).unwrap_or_else(|| "—".into())),
        Cell::forms(vec![format_yuan_whole(v.market_value), format_compact(v.market_value)]),
        Cell::new(h.weight_bp.map(percent_bp).unwrap_or_else(|| "—".into())),
        Cell::forms(vec![signed_whole(h.pnl), signed_compact(h.pnl)]).style(pnl_style(h.pnl)),
        suit,
    ]
}
