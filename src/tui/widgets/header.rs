//! The header: the drill's name, its phase, the large drill clock, and how
//! the drill stands against its target.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use evacdrill_core::i18n::dashboard::Dash;
use evacdrill_core::session::Phase;

use super::{big_text, mmss, mmss_s};
use crate::tui::forms::kind_name;
use crate::tui::theme;
use crate::tui::view::Screen;

/// The header, three rows high.
pub struct Header<'a>(pub &'a Screen<'a>);

impl Widget for Header<'_> {
    #[allow(clippy::too_many_lines)] // split in the dashboard/driver rework
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.0;
        let lang = app.lang;
        let th = theme::current();
        let t = |m: Dash| m.text(lang);
        let session = &app.session;
        let script = session.script();
        let clock = mmss(app.now);
        let big = big_text(&clock);
        let big_w = big[0].chars().count() as u16;
        let [left, right] = area.layout(&Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Length(big_w + 2),
        ]));

        let phase = match session.phase() {
            Phase::Briefing => t(Dash::PhaseBriefing),
            Phase::Running => t(Dash::PhaseRunning),
            Phase::Accounting => t(Dash::PhaseAccounting),
            Phase::Ended => t(Dash::PhaseEnded),
        };
        let mut first = vec![
            Span::styled(format!(" {phase} "), th.phase(session.phase())),
            Span::raw(" "),
            Span::styled(script.drill.name.clone(), th.emphasis),
        ];
        if let Some(start) = session.start() {
            first.push(Span::raw(format!(
                " · {}",
                kind_name(start.record.kind, lang)
            )));
        }
        if let Some(speed) = app.rehearsal {
            first.push(Span::styled(
                format!(" · {}", t(Dash::Rehearsal { speed })),
                th.rehearsal,
            ));
        }

        let target_line = match script.drill.target {
            Some(target) => {
                let mut spans = vec![
                    Span::raw(t(Dash::Target {
                        target: mmss_s(target.0),
                    })),
                    Span::raw(" · "),
                ];
                let elapsed = app.now.seconds().0;
                let reference = session.all_out().map_or(elapsed, |t| t.seconds().0);
                if session.phase() == Phase::Briefing {
                    spans.pop();
                } else if reference > target.0 {
                    spans.push(Span::styled(
                        t(Dash::OverTarget {
                            over: mmss_s(reference - target.0),
                        }),
                        th.danger,
                    ));
                } else {
                    spans.push(Span::styled(
                        t(Dash::OnTrack {
                            left: mmss_s(target.0 - reference),
                        }),
                        th.ok,
                    ));
                }
                Line::from(spans)
            }
            None => Line::from(t(Dash::NoTarget)),
        };

        let status = match app.drill.trouble() {
            Some(detail) => Line::from(Span::styled(
                t(Dash::JournalTrouble {
                    detail: detail.to_owned(),
                    pending: app.drill.pending(),
                }),
                th.alarm,
            )),
            None if app.unauthorized > 0 => Line::from(Span::styled(
                t(Dash::Unauthorized {
                    count: app.unauthorized,
                }),
                th.warning,
            )),
            None => Line::from(Span::styled(t(Dash::Clock), th.muted)),
        };
        Paragraph::new(vec![Line::from(first), target_line, status]).render(left, buf);

        let clock_style = match session.phase() {
            Phase::Briefing => th.muted,
            _ => th.emphasis,
        };
        let lines: Vec<Line> = big
            .iter()
            .map(|r| Line::styled(r.clone(), clock_style))
            .collect();
        Paragraph::new(lines).right_aligned().render(right, buf);
    }
}
