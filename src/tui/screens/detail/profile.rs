//! The customer detail's profile lines at the top: who, personal data (masked), tier with its
//! threshold, risk level and type, the figures. A pure function of the loaded detail.

use super::*;

impl DetailState {
    pub(super) fn profile_lines(&self, d: &CustomerDetail, ctx: &Ctx, width: usize) -> Vec<Line<'static>> {
        let lang = ctx.lang();
        let c = &d.customer;
        let fit = |segs: Vec<Vec<Span<'static>>>| fit_segments(segs, "  ", width);
        let label = |text: &'static str| Span::styled(text, theme::muted());

        // line 1: who
        let mut facts = vec![lang.pick(c.kind.label_zh(), c.kind.code()).to_string()];
        if let Some(g) = c.gender {
            facts.push(lang.pick(g.label_zh(), g.code()).to_string());
        }
        if let Some(age) = d.age {
            facts.push(crate::i18n::Msg::Age { age: age as u64 }.render(lang));
        }
        let status_style =
            if c.status == crate::domain::model::CustomerStatus::Active { Style::new() } else { theme::warn() };
        let who = fit(vec![
            vec![Span::styled(c.name.clone(), theme::title())],
            vec![Span::raw(c.customer_id.clone())],
            vec![Span::raw(facts.join(" "))],
            vec![Span::styled(lang.pick(c.status.label_zh(), c.status.code()).to_string(), status_style)],
            vec![match c.investor_class {
                InvestorClass::Professional => Span::styled(tr!(lang, PROFESSIONAL_INVESTOR), theme::good()),
                InvestorClass::Ordinary => Span::raw(tr!(lang, ORDINARY_INVESTOR)),
            }],
            vec![label(tr!(lang, PROFILE_OPENED)), Span::styled(c.opened_on.to_string(), theme::muted())],
        ]);

        // line 2: personal data (masked unless unmasked) and manager
        let (id, mobile) = if self.unmasked {
            (c.id_number.clone(), c.mobile.clone().unwrap_or_else(|| "—".into()))
        } else {
            (mask_id_number(&c.id_number), c.mobile.as_deref().map(mask_mobile).unwrap_or_else(|| "—".into()))
        };
        let manager = ctx.manager_label(&c.manager_id);
        let pd_style = if self.unmasked { theme::warn() } else { Style::new() };
        let personal = fit(vec![
            vec![label(tr!(lang, PROFILE_ID)), Span::styled(id, pd_style)],
            vec![label(tr!(lang, PROFILE_MOBILE)), Span::styled(mobile, pd_style)],
            vec![label(tr!(lang, PROFILE_MANAGER)), Span::raw(manager)],
            vec![Span::styled(
                if self.unmasked { tr!(lang, SHOWN_U_HIDES) } else { tr!(lang, U_UNMASK) },
                theme::dim(),
            )],
        ]);

        // line 3: tier and why
        // the reason loses whole words (not the line) when narrow: it is what the tier line is for
        let tier = vec![label(tr!(lang, PROFILE_TIER)), Span::styled(ctx.tier_label(d.tier.tier), theme::tier(d.tier.tier))];
        let room = width.saturating_sub(spans_width(&tier) + 2);
        let reason = match lang {
            Lang::Zh => d.tier.reason_zh(),
            Lang::En => d.tier.reason_en(),
        };
        let reason = fit_words(&reason, room);
        let tier_line = if reason == "…" { fit(vec![tier]) } else { fit(vec![tier, vec![Span::raw(reason)]]) };

        // line 4: risk level / type and validity
        let mut risk: Vec<Vec<Span<'static>>> = Vec::new();
        match d.profile {
            RiskProfile::Professional => {
                risk.push(vec![label(tr!(lang, PROFILE_RISK)), Span::styled(tr!(lang, PROFESSIONAL), theme::good())]);
                risk.push(vec![Span::styled(tr!(lang, MAY_HOLD_R1_R5), theme::muted())]);
            }
            RiskProfile::Assessed { level, lowest } => {
                risk.push(vec![label(tr!(lang, PROFILE_RISK)), Span::styled(level_name(level, lang), theme::title())]);
                // the type (分类) only when it adds something: C1 保守型 and C3 稳健型 are named after
                // their type, and `C1 保守型 保守型` reads as a typo
                let kind = lang.pick(level.risk_type().label_zh(), level.risk_type().label_en());
                if !level_name(level, lang).ends_with(kind) {
                    risk.push(vec![label(tr!(lang, PROFILE_TYPE)), Span::raw(kind.to_string())]);
                }
                if lowest {
                    risk.push(vec![Span::styled(tr!(lang, LOWEST_CATEGORY), theme::bad())]);
                }
            }
            RiskProfile::Unassessed { last_level } => match last_level {
                Some(l) => {
                    risk.push(vec![label(tr!(lang, PROFILE_RISK)), Span::styled(level_name(l, lang), theme::dim())]);
                    risk.push(vec![Span::styled(tr!(lang, TREATED_AS_UNASSESSED), theme::warn())]);
                }
                None => risk
                    .push(vec![label(tr!(lang, PROFILE_RISK)), Span::styled(tr!(lang, UNASSESSED_WEIPINGGU), theme::warn())]),
            },
        }
        if let Some(a) = d.latest_assessment.as_ref() {
            let validity = match d.assessment_status {
                AssessmentStatus::Valid => {
                    Some((format!("{} {}", tr!(lang, VALID_UNTIL), a.valid_until), theme::good()))
                }
                AssessmentStatus::Expiring => {
                    Some((format!("{} {} {}", tr!(lang, EXPIRING), tr!(lang, UNTIL), a.valid_until), theme::warn()))
                }
                AssessmentStatus::Expired => Some((format!("{} {}", tr!(lang, EXPIRED), a.valid_until), theme::bad())),
                AssessmentStatus::Never => None,
            };
            if let Some((text, style)) = validity {
                risk.push(vec![Span::styled(text, style)]);
            }
            risk.push(vec![Span::styled(
                format!("{} {} {}{}", tr!(lang, ASSESSED), a.assessed_on, a.score, tr!(lang, PTS)),
                theme::muted(),
            )]);
        }
        let risk = fit(risk);

        // line 5: figures
        let snap = d.snapshot.as_ref();
        let pnl = d.pnl();
        // the assets of the latest snapshot, dated when the holdings (P/L, weights) are of another day
        let mut assets = vec![label(tr!(lang, PROFILE_ASSETS)), Span::styled(format_wan(d.total_assets), theme::title())];
        if let Some(s) = snap.filter(|s| d.holdings_as_of.is_some_and(|h| h != s.as_of)) {
            assets.push(Span::styled(format!(" {} {}", tr!(lang, AS_OF_JIEZHI), s.as_of), theme::muted()));
        }
        let mut figures = vec![assets, vec![label(tr!(lang, PROFILE_PNL)), Span::styled(signed_compact(pnl), pnl_style(pnl))]];
        if !d.alerts.is_empty() {
            figures.push(vec![Span::styled(format!("{} {}", tr!(lang, ALERTS_YUJING), d.alerts.len()), theme::bad())]);
        }
        if let Some(next) = d.next_callback() {
            let style = if next < ctx.today() { theme::bad() } else { Style::new() };
            figures.push(vec![label(tr!(lang, PROFILE_CALLBACK)), Span::styled(next.to_string(), style)]);
        }
        figures.push(vec![
            label(tr!(lang, PROFILE_CASH)),
            Span::raw(snap.map(|s| format_compact(s.cash)).unwrap_or_else(|| "—".into())),
        ]);
        figures.push(vec![
            label(tr!(lang, PROFILE_CONTRIB)),
            Span::raw(snap.map(|s| format_compact(s.contribution())).unwrap_or_else(|| "—".into())),
        ]);
        let figures = fit(figures);
        vec![who, personal, tier_line, risk, figures]
    }
}
