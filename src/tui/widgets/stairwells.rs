//! One panel per stairwell: its marshal, its state in words and colour, the
//! class on the stairs and the next one with its countdown.
//!
//! When the stairwells do not fit side by side, each gets one line instead.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Widget};

use evacdrill_core::i18n::dashboard::Dash;
use evacdrill_core::script::{ClassId, StairwellId};
use evacdrill_core::session::{
    ClassState, ClassStatus, DrillTime, GateKind, HoldReason, MarshalState, Phase, StairwellStatus,
};

use super::mmss;
use crate::tui::app::Focus;
use crate::tui::theme;
use crate::tui::view::Screen;

/// The narrowest a stairwell panel may be.
pub const MIN_PANEL_WIDTH: u16 = 24;
/// Rows of a panel, borders included.
pub const PANEL_HEIGHT: u16 = 7;

/// Everything one stairwell shows, in words.
struct Facts {
    title: String,
    marshal: (String, Style),
    state: (String, Style),
    on_stairs: String,
    next: String,
    counts: String,
}

/// What one stairwell shows, gathered from the session.
fn facts(screen: &Screen<'_>, s: &StairwellStatus) -> Facts {
    let session = &screen.session;
    let name = session
        .script()
        .stairwell(&s.id)
        .map_or_else(String::new, |d| d.name.clone());
    let mine: Vec<&ClassStatus> = session
        .classes()
        .iter()
        .filter(|c| c.stairwell == s.id)
        .collect();
    let on: Vec<String> = mine
        .iter()
        .filter(|c| c.state.is_on_its_way())
        .map(|c| class_label(screen, &c.id))
        .collect();
    Facts {
        title: format!("{} {}", s.id.0, name),
        marshal: marshal_line(screen, s),
        state: state_line(screen, s),
        on_stairs: on_stairs_line(screen, &on),
        next: next_line(screen, &s.id),
        counts: counts_line(screen, &mine, on.len()),
    }
}

/// The class's name from the script, or its id when the script has none.
fn class_label(screen: &Screen<'_>, id: &ClassId) -> String {
    screen
        .session
        .script()
        .class(id)
        .map_or_else(|| id.0.clone(), |c| c.name.clone())
}

/// Whether the stairwell's marshal is at post, absent or waived.
fn marshal_line(screen: &Screen<'_>, s: &StairwellStatus) -> (String, Style) {
    let lang = screen.app.lang;
    let th = theme::current();
    let t = |m: Dash| m.text(lang);
    let name = screen
        .session
        .script()
        .stairwell(&s.id)
        .and_then(|d| d.marshal.clone())
        .unwrap_or_else(|| t(Dash::Unnamed));
    match s.marshal {
        MarshalState::AtPost => (format!("✓ {}", t(Dash::MarshalAtPost { name })), th.ok),
        MarshalState::Absent => (format!("✗ {}", t(Dash::MarshalAbsent { name })), th.danger),
        MarshalState::Waived => (format!("! {}", t(Dash::MarshalWaived)), th.warning),
    }
}

/// The stairwell's state in words: blocked, held, idle, waiting to clear,
/// clear or flowing, in that order of precedence.
fn state_line(screen: &Screen<'_>, s: &StairwellStatus) -> (String, Style) {
    let lang = screen.app.lang;
    let th = theme::current();
    let t = |m: Dash| m.text(lang);
    if s.blocked {
        (format!("■ {}", t(Dash::StateBlocked)), th.alarm)
    } else if let Some((_, reason)) = s.hold {
        match reason {
            HoldReason::Congestion => (format!("■ {}", t(Dash::StateCongestion)), th.alarm),
            HoldReason::Coordinator => (format!("‖ {}", t(Dash::StateHeld)), th.held),
        }
    } else if screen.session.phase() == Phase::Briefing {
        (t(Dash::StateIdle), th.muted)
    } else if s.is_closed(GateKind::Clear) {
        (format!("… {}", t(Dash::GateClearWaiting)), th.warning)
    } else if s.cleared.is_some() {
        (format!("○ {}", t(Dash::StateClear)), th.ok)
    } else {
        (format!("▶ {}", t(Dash::StateFlowing)), th.ok)
    }
}

/// The classes on the stairs now, or nothing.
fn on_stairs_line(screen: &Screen<'_>, on: &[String]) -> String {
    if on.is_empty() {
        String::new()
    } else {
        Dash::Releasing {
            class: on.join(", "),
        }
        .text(screen.app.lang)
    }
}

/// The next class to go with its countdown, "due" once its time has come,
/// or "none left" (nothing during the briefing).
fn next_line(screen: &Screen<'_>, stairwell: &StairwellId) -> String {
    let lang = screen.app.lang;
    let Some((id, at)) = next_release(screen, stairwell) else {
        return if screen.session.phase() == Phase::Briefing {
            String::new()
        } else {
            Dash::NoneLeft.text(lang)
        };
    };
    let class = class_label(screen, &id);
    if at > screen.app.now {
        Dash::Next {
            class,
            when: mmss(DrillTime(at.ms() - screen.app.now.ms())),
        }
        .text(lang)
    } else {
        Dash::NextDue { class }.text(lang)
    }
}

/// How many of the stairwell's classes wait, are on the stairs, are out.
fn counts_line(screen: &Screen<'_>, mine: &[&ClassStatus], released: usize) -> String {
    let waiting = mine
        .iter()
        .filter(|c| matches!(c.state, ClassState::Waiting))
        .count();
    let out = mine.iter().filter(|c| c.state.is_out()).count();
    Dash::Counts {
        waiting,
        released,
        out,
    }
    .text(screen.app.lang)
}

/// The next class planned into `stairwell` that has not gone, with its time.
fn next_release(screen: &Screen<'_>, stairwell: &StairwellId) -> Option<(ClassId, DrillTime)> {
    let session = &screen.session;
    session
        .schedule()
        .releases
        .iter()
        .filter(|r| &r.stairwell == stairwell)
        .filter(|r| {
            session
                .class(&r.class)
                .is_some_and(|c| matches!(c.state, ClassState::Waiting))
        })
        .min_by_key(|r| (r.at, r.class.0.clone()))
        .map(|r| (r.class.clone(), r.at))
}

/// The stairwell panels.
pub struct Stairwells<'a>(pub &'a Screen<'a>);

impl Stairwells<'_> {
    /// The height these panels want in `width` columns.
    #[must_use]
    pub fn height(screen: &Screen<'_>, width: u16) -> u16 {
        let n = screen.session.stairwells().len() as u16;
        if n * MIN_PANEL_WIDTH <= width {
            PANEL_HEIGHT
        } else {
            n + 2
        }
    }
}

impl Widget for Stairwells<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let screen = self.0;
        let n = screen.session.stairwells().len() as u16;
        if n == 0 {
            return;
        }
        if n * MIN_PANEL_WIDTH <= area.width {
            render_panels(screen, area, buf);
        } else {
            render_lines(screen, area, buf);
        }
    }
}

/// One bordered panel per stairwell, side by side.
fn render_panels(screen: &Screen<'_>, area: Rect, buf: &mut Buffer) {
    let th = theme::current();
    let list = screen.session.stairwells();
    let focused = screen.app.focus == Focus::Stairwells;
    let cells = Layout::horizontal(vec![Constraint::Fill(1); list.len()]).split(area);
    for (i, (s, cell)) in list.iter().zip(cells.iter()).enumerate() {
        let f = facts(screen, s);
        let selected = focused && i == screen.app.sel_stairwell;
        let border = if selected { th.focus_strong } else { th.plain };
        let title = if selected {
            format!("▶ {} ", f.title)
        } else {
            format!(" {} ", f.title)
        };
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(border)
            .title(title);
        let lines = vec![
            Line::styled(f.marshal.0, f.marshal.1),
            Line::styled(f.state.0, f.state.1),
            Line::from(f.on_stairs),
            Line::from(f.next),
            Line::styled(f.counts, th.muted),
        ];
        Paragraph::new(lines).block(block).render(*cell, buf);
    }
}

/// One line per stairwell in a single panel, when the panels do not fit.
fn render_lines(screen: &Screen<'_>, area: Rect, buf: &mut Buffer) {
    let th = theme::current();
    let focused = screen.app.focus == Focus::Stairwells;
    let title = Dash::Stairwells.text(screen.app.lang);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(th.border(focused))
        .title(format!(" {title} "));
    let lines: Vec<Line> = screen
        .session
        .stairwells()
        .iter()
        .enumerate()
        .map(|(i, s)| stairwell_line(screen, s, focused && i == screen.app.sel_stairwell))
        .collect();
    Paragraph::new(lines).block(block).render(area, buf);
}

/// A stairwell in one line: id, state, marshal, who is on the stairs, who is next.
fn stairwell_line(screen: &Screen<'_>, s: &StairwellStatus, selected: bool) -> Line<'static> {
    let f = facts(screen, s);
    let mark = if selected { "▶" } else { " " };
    Line::from(vec![
        Span::raw(format!("{mark}{} ", s.id.0)),
        Span::styled(f.state.0, f.state.1),
        Span::raw(" "),
        Span::styled(f.marshal.0, f.marshal.1),
        Span::raw(format!("  {}  {}", f.on_stairs, f.next)),
    ])
}
