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
use evacdrill_core::script::StairwellId;
use evacdrill_core::session::{
    ClassState, DrillTime, GateKind, HoldReason, MarshalState, Phase, StairwellStatus,
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

#[allow(clippy::too_many_lines)] // split in the dashboard/driver rework
fn facts(app: &Screen<'_>, s: &StairwellStatus) -> Facts {
    let lang = app.lang;
    let th = theme::current();
    let t = |m: Dash| m.text(lang);
    let session = &app.session;
    let script = session.script();
    let def = script.stairwell(&s.id);
    let name = def.map_or_else(String::new, |d| d.name.clone());
    let marshal_name = def
        .and_then(|d| d.marshal.clone())
        .unwrap_or_else(|| t(Dash::Unnamed));
    let marshal = match s.marshal {
        MarshalState::AtPost => (
            format!("✓ {}", t(Dash::MarshalAtPost { name: marshal_name })),
            th.ok,
        ),
        MarshalState::Absent => (
            format!("✗ {}", t(Dash::MarshalAbsent { name: marshal_name })),
            th.danger,
        ),
        MarshalState::Waived => (format!("! {}", t(Dash::MarshalWaived)), th.warning),
    };
    let state = if s.blocked {
        (format!("■ {}", t(Dash::StateBlocked)), th.alarm)
    } else if let Some((_, reason)) = s.hold {
        match reason {
            HoldReason::Congestion => (format!("■ {}", t(Dash::StateCongestion)), th.alarm),
            HoldReason::Coordinator => (format!("‖ {}", t(Dash::StateHeld)), th.held),
        }
    } else if session.phase() == Phase::Briefing {
        (t(Dash::StateIdle), th.muted)
    } else if s.is_closed(GateKind::Clear) {
        (format!("… {}", t(Dash::GateClearWaiting)), th.warning)
    } else if s.cleared.is_some() {
        (format!("○ {}", t(Dash::StateClear)), th.ok)
    } else {
        (format!("▶ {}", t(Dash::StateFlowing)), th.ok)
    };

    let mine: Vec<_> = session
        .classes()
        .iter()
        .filter(|c| c.stairwell == s.id)
        .collect();
    let label = |id: &evacdrill_core::script::ClassId| {
        script
            .class(id)
            .map_or_else(|| id.0.clone(), |c| c.name.clone())
    };
    let on: Vec<String> = mine
        .iter()
        .filter(|c| matches!(c.state, ClassState::Released { .. }))
        .map(|c| label(&c.id))
        .collect();
    let on_stairs = if on.is_empty() {
        String::new()
    } else {
        t(Dash::Releasing {
            class: on.join(", "),
        })
    };
    let next = next_release(app, &s.id).map_or_else(
        || {
            if session.phase() == Phase::Briefing {
                String::new()
            } else {
                t(Dash::NoneLeft)
            }
        },
        |(id, at)| {
            if at > app.now {
                t(Dash::Next {
                    class: label(&id),
                    when: mmss(DrillTime(at.ms() - app.now.ms())),
                })
            } else {
                t(Dash::NextDue { class: label(&id) })
            }
        },
    );
    let waiting = mine
        .iter()
        .filter(|c| matches!(c.state, ClassState::Waiting))
        .count();
    let released = on.len();
    let out = mine.iter().filter(|c| c.state.is_out()).count();
    Facts {
        title: format!("{} {}", s.id.0, name),
        marshal,
        state,
        on_stairs,
        next,
        counts: t(Dash::Counts {
            waiting,
            released,
            out,
        }),
    }
}

/// The next class planned into `stairwell` that has not gone, with its time.
fn next_release(
    app: &Screen<'_>,
    stairwell: &StairwellId,
) -> Option<(evacdrill_core::script::ClassId, DrillTime)> {
    let session = &app.session;
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
    pub fn height(app: &Screen<'_>, width: u16) -> u16 {
        let n = app.session.stairwells().len() as u16;
        if n * MIN_PANEL_WIDTH <= width {
            PANEL_HEIGHT
        } else {
            n + 2
        }
    }
}

impl Widget for Stairwells<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.0;
        let th = theme::current();
        let list = app.session.stairwells();
        let n = list.len() as u16;
        if n == 0 {
            return;
        }
        let focused = app.focus == Focus::Stairwells;
        if n * MIN_PANEL_WIDTH <= area.width {
            let cells = Layout::horizontal(vec![Constraint::Fill(1); list.len()]).split(area);
            for (i, (s, cell)) in list.iter().zip(cells.iter()).enumerate() {
                let f = facts(app, s);
                let selected = focused && i == app.sel_stairwell;
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
        } else {
            let title = Dash::Stairwells.text(app.lang);
            let block = Block::bordered()
                .border_type(BorderType::Rounded)
                .border_style(th.border(focused))
                .title(format!(" {title} "));
            let lines: Vec<Line> = list
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let f = facts(app, s);
                    let mark = if focused && i == app.sel_stairwell {
                        "▶"
                    } else {
                        " "
                    };
                    Line::from(vec![
                        Span::raw(format!("{mark}{} ", s.id.0)),
                        Span::styled(f.state.0, f.state.1),
                        Span::raw(" "),
                        Span::styled(f.marshal.0, f.marshal.1),
                        Span::raw(format!("  {}  {}", f.on_stairs, f.next)),
                    ])
                })
                .collect();
            Paragraph::new(lines).block(block).render(area, buf);
        }
    }
}
