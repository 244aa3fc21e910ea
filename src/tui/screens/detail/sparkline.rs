//! The customer detail's price box: the selected holding's closes as a sparkline, with the change
//! and the 20-day average in its title (a fund with one NAV shows the figure, not a bar).

use super::*;

impl DetailState {
    pub(super) fn render_sparkline(&self, ctx: &Ctx, area: Rect, frame: &mut Frame) {
        let lang = ctx.lang();
        let holding = self.selected_holding();
        let name = holding.map(|h| h.valued.security.name.clone()).unwrap_or_else(|| tr!(lang, PRICES).to_string());
        let code = holding.map(|h| h.valued.holding.code.clone()).unwrap_or_default();
        let mut forms = vec![format!(" {name} ")];
        if let (Some(first), Some(last)) = (self.closes.first(), self.closes.last())
            && self.closes.len() > 1
        {
            let change = percent_of(last.1 - first.1, first.1);
            let change = format!("{}{}", if last.1 >= first.1 { "+" } else { "" }, change);
            let days = self.closes.len();
            let closes: Vec<PriceMilli> = self.closes.iter().map(|c| c.1).collect();
            let ma = crate::domain::alerts::turning_point::moving_average(&closes, closes.len() - 1, 20)
                .map(|m| format!(" {} {}", tr!(lang, MA20), price(m)))
                .unwrap_or_default();
            forms = vec![
                format!(
                    " {name} {code} {} {} {} {change}{ma} ",
                    tr!(lang, LAST),
                    crate::i18n::Msg::Days { days: days as u64 }.render(lang),
                    price(last.1)
                ),
                format!(" {name} {days}{} {} {change}{ma} ", tr!(lang, D), price(last.1)),
                format!(" {name} {days}{} {} {change} ", tr!(lang, D), price(last.1)),
                format!(" {name} {change} "),
                format!(" {name} "),
            ];
        }
        let title = crate::tui::widgets::table::fit(&forms, area.width.saturating_sub(2) as usize);
        let block = Block::default().borders(Borders::ALL).title(title);
        let inner = block.inner(area);
        if area.width < 2 || area.height < 2 {
            return;
        }
        if self.closes.is_empty() {
            frame.render_widget(Paragraph::new(tr!(lang, NO_PRICES)).style(theme::dim()).block(block), area);
            return;
        }
        if let [(date, close)] = self.closes.as_slice() {
            // one price (a fund with one NAV): the figure, not a full-height bar of nothing
            let text = format!("{} {} · {date}", tr!(lang, LAST_PRICE_NAV), price(*close));
            let text = crate::tui::widgets::fit_message(&text, inner.width as usize);
            frame.render_widget(Paragraph::new(text).style(theme::title()).block(block), area);
            return;
        }
        let take = (inner.width as usize).min(self.closes.len());
        let shown = &self.closes[self.closes.len() - take..];
        let min = shown.iter().map(|c| c.1).min().unwrap_or(0);
        let max = shown.iter().map(|c| c.1).max().unwrap_or(0);
        let base = ((max - min) / 8).max(1);
        let data: Vec<u64> = shown.iter().map(|c| (c.1 - min + base) as u64).collect();
        let rising = shown.last().map(|c| c.1) >= shown.first().map(|c| c.1);
        let style = if rising { theme::up() } else { theme::down() };
        // a flat series (unchanged price, e.g. a money fund's NAV) is the lowest line (one eighth of
        // a row), not a full-height block
        let top = if max == min { 8 * u64::from(inner.height.max(1)) } else { (max - min + base) as u64 };
        frame.render_widget(Sparkline::default().block(block).data(&data).max(top).style(style), area);
    }
}
