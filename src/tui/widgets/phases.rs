//! The bodies of the phases that are not the running drill: the briefing's
//! checklist and the end's figures.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, BorderType, List, ListItem, ListState, Paragraph, StatefulWidget, Widget, Wrap,
};

use evacdrill_core::i18n::dashboard::Dash;
use evacdrill_core::session::{ChecklistState, ClassState, MarshalState, Phase};

use super::mmss;
use crate::tui::app::Focus;
use crate::tui::theme;
use crate::tui::view::Screen;

/// The pre-drill checklist, with whether the posts are manned.
pub struct Briefing<'a>(pub &'a Screen<'a>);

impl Widget for Briefing<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let screen = self.0;
        let lang = screen.app.lang;
        let th = theme::current();
        let t = |m: Dash| m.text(lang);
        let session = &screen.session;
        let items: Vec<ListItem> = if session.checklist().is_empty() {
            vec![ListItem::new(t(Dash::ChecklistEmpty))]
        } else {
            session
                .script()
                .drill
                .checklist
                .iter()
                .zip(session.checklist())
                .map(|(text, state)| {
                    let (mark, style) = match state {
                        ChecklistState::Unchecked => (t(Dash::Unchecked), th.plain),
                        ChecklistState::Confirmed => (t(Dash::Confirmed), th.ok),
                        ChecklistState::Failed { .. } => (t(Dash::Failed), th.danger),
                    };
                    let mut spans = vec![
                        Span::styled(format!("{mark} "), style),
                        Span::raw(text.clone()),
                    ];
                    if let ChecklistState::Failed { note } = state {
                        spans.push(Span::styled(format!(" — {note}"), th.danger_note));
                    }
                    ListItem::new(Line::from(spans))
                })
                .collect()
        };
        let unmanned: Vec<&str> = session
            .stairwells()
            .iter()
            .filter(|s| s.marshal != MarshalState::AtPost)
            .map(|s| s.id.0.as_str())
            .collect();
        let footer = if unmanned.is_empty() {
            Line::styled(t(Dash::ReadyToStart), th.ok_strong)
        } else {
            Line::styled(
                t(Dash::StartBlocked {
                    ids: unmanned.join(", "),
                }),
                th.warning,
            )
        };
        let focused = screen.app.focus == Focus::Checklist;
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(th.border(focused))
            .title(format!(" {} ", t(Dash::Checklist)));
        let inner = block.inner(area);
        block.render(area, buf);
        let [list_area, footer_area] = inner.layout(&Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(2),
        ]));
        let list = List::new(items).highlight_style(th.highlight(focused));
        let mut state = ListState::default().with_selected(Some(screen.app.sel_checklist));
        StatefulWidget::render(list, list_area, buf, &mut state);
        Paragraph::new(footer)
            .wrap(Wrap { trim: true })
            .render(footer_area, buf);
    }
}

/// The end: evacuation and accounting time against the target.
pub struct Ended<'a>(pub &'a Screen<'a>);

impl Widget for Ended<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let screen = self.0;
        let lang = screen.app.lang;
        let th = theme::current();
        let t = |m: Dash| m.text(lang);
        let session = &screen.session;
        let evac = session.all_out();
        let accounted = session
            .classes()
            .iter()
            .map(|c| match c.state {
                ClassState::Accounted { counted, .. } => Some(counted),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()
            .and_then(|v| v.into_iter().max());
        let shown = |x: Option<evacdrill_core::session::DrillTime>| {
            x.map_or_else(|| t(Dash::NotReached), mmss)
        };
        let bold = th.emphasis;
        let mut lines = vec![
            Line::styled(t(Dash::Ended), bold),
            Line::from(""),
            Line::styled(t(Dash::EvacuationTime { time: shown(evac) }), bold),
            Line::from(t(Dash::AccountingTime {
                time: shown(accounted),
            })),
        ];
        if let Some(target) = session.script().drill.target {
            let target_s = super::mmss_s(target.0);
            lines.push(match evac {
                Some(e) if e.seconds().0 <= target.0 => {
                    Line::styled(t(Dash::TargetMet { target: target_s }), th.ok_strong)
                }
                _ => Line::styled(t(Dash::TargetMissed { target: target_s }), th.danger),
            });
        }
        let problems = session.problems().iter().filter(|p| !p.withdrawn).count();
        lines.push(Line::from(t(Dash::ProblemsLogged { count: problems })));
        if let Some(ending) = session.ending()
            && let Some(reason) = &ending.reason
        {
            lines.push(Line::styled(
                t(Dash::EndedEarly {
                    reason: reason.clone(),
                }),
                th.warning,
            ));
        }
        if let Some(path) = &screen.app.saved_to {
            lines.push(Line::from(""));
            lines.push(Line::from(t(Dash::SavedTo { path: path.clone() })));
        }
        if session.phase() == Phase::Ended {
            lines.push(Line::from(""));
            lines.push(Line::styled(t(Dash::PressQ), th.muted));
        }
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().border_type(BorderType::Rounded))
            .render(area, buf);
    }
}
