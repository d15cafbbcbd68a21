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
    fn render(self, area: Rect, buf: &mut Buffer) {
        let screen = self.0;
        let big = big_text(&mmss(screen.app.now));
        let big_w = big[0].chars().count() as u16;
        let [left, right] = area.layout(&Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Length(big_w + 2),
        ]));
        let lines = vec![title_line(screen), target_line(screen), status_line(screen)];
        Paragraph::new(lines).render(left, buf);
        render_clock(screen, &big, right, buf);
    }
}

/// The phase badge, the drill's name, the kind of start and the rehearsal
/// marker.
fn title_line(screen: &Screen<'_>) -> Line<'static> {
    let lang = screen.app.lang;
    let th = theme::current();
    let t = |m: Dash| m.text(lang);
    let session = &screen.session;
    let phase = match session.phase() {
        Phase::Briefing => t(Dash::PhaseBriefing),
        Phase::Running => t(Dash::PhaseRunning),
        Phase::Accounting => t(Dash::PhaseAccounting),
        Phase::Ended => t(Dash::PhaseEnded),
    };
    let mut spans = vec![
        Span::styled(format!(" {phase} "), th.phase(session.phase())),
        Span::raw(" "),
        Span::styled(session.script().drill.name.clone(), th.emphasis),
    ];
    if let Some(start) = session.start() {
        spans.push(Span::raw(format!(
            " · {}",
            kind_name(start.record.kind, lang)
        )));
    }
    if let Some(speed) = screen.app.rehearsal {
        spans.push(Span::styled(
            format!(" · {}", t(Dash::Rehearsal { speed })),
            th.rehearsal,
        ));
    }
    Line::from(spans)
}

/// The target, and once the drill runs, how far over it or how much is left
/// (measured to the all-out time once everyone is out).
fn target_line(screen: &Screen<'_>) -> Line<'static> {
    let lang = screen.app.lang;
    let th = theme::current();
    let t = |m: Dash| m.text(lang);
    let session = &screen.session;
    let Some(target) = session.script().drill.target else {
        return Line::from(t(Dash::NoTarget));
    };
    let target_span = Span::raw(t(Dash::Target {
        target: mmss_s(target.0),
    }));
    if session.phase() == Phase::Briefing {
        return Line::from(vec![target_span]);
    }
    let elapsed = screen.app.now.seconds().0;
    let reference = session.all_out().map_or(elapsed, |t| t.seconds().0);
    let standing = if reference > target.0 {
        Span::styled(
            t(Dash::OverTarget {
                over: mmss_s(reference - target.0),
            }),
            th.danger,
        )
    } else {
        Span::styled(
            t(Dash::OnTrack {
                left: mmss_s(target.0 - reference),
            }),
            th.ok,
        )
    };
    Line::from(vec![target_span, Span::raw(" · "), standing])
}

/// Journal trouble first, then refused phones, else the clock's caption.
fn status_line(screen: &Screen<'_>) -> Line<'static> {
    let lang = screen.app.lang;
    let th = theme::current();
    let t = |m: Dash| m.text(lang);
    let span = match screen.drill.trouble() {
        Some(detail) => Span::styled(
            t(Dash::JournalTrouble {
                detail: detail.to_owned(),
                pending: screen.drill.pending(),
            }),
            th.alarm,
        ),
        None if screen.app.unauthorized > 0 => Span::styled(
            t(Dash::Unauthorized {
                count: screen.app.unauthorized,
            }),
            th.warning,
        ),
        None => Span::styled(t(Dash::Clock), th.muted),
    };
    Line::from(span)
}

/// The large drill clock, muted until the drill starts.
fn render_clock(screen: &Screen<'_>, big: &[String], area: Rect, buf: &mut Buffer) {
    let th = theme::current();
    let style = match screen.session.phase() {
        Phase::Briefing => th.muted,
        _ => th.emphasis,
    };
    let lines: Vec<Line> = big.iter().map(|r| Line::styled(r.clone(), style)).collect();
    Paragraph::new(lines).right_aligned().render(area, buf);
}
