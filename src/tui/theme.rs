//! The one colour theme of the dashboard and the review browser: every
//! style named by what it means, so that a widget says `theme.danger`, not
//! "red and bold", and the two screens cannot drift apart.
//!
//! Two palettes: [`Theme::COLOUR`] and [`Theme::MONO`], the latter for
//! `NO_COLOR` (<https://no-color.org>): no colour at all, emphasis by bold,
//! reverse and underline only. The binary picks one at startup
//! ([`init`]); everything else reads it with [`current`], which is the
//! colour palette until then (tests, benchmarks).

use std::sync::OnceLock;

use ratatui::style::{Color, Modifier, Style};

use evacdrill_core::review::HoldReason as ChartHold;
use evacdrill_core::session::Phase;

/// Every style the screens use, by meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Nothing special: the terminal's own colours.
    pub plain: Style,
    /// Stands out without alarm: names, headings of a table, big figures.
    pub emphasis: Style,
    /// Secondary text: hints, counts, times, what is not yet relevant.
    pub muted: Style,
    /// All is well: a marshal at post, a stairwell flowing, a checklist item OK.
    pub ok: Style,
    /// Good and final: a result that met its target, "ready to start".
    pub ok_strong: Style,
    /// Needs attention soon: waived marshals, waiting gates, notes.
    pub warning: Style,
    /// Something is wrong: an absent marshal, a missed target, a short headcount.
    pub danger: Style,
    /// Detail of something wrong (a failed checklist item's note).
    pub danger_note: Style,
    /// Stop and look: a blocked or congested stairwell, a journal in trouble.
    pub alarm: Style,
    /// The stairwell the coordinator is holding.
    pub held: Style,
    /// A refusal or error notice.
    pub error: Style,
    /// The selected row of a focused list or table.
    pub selected: Style,
    /// The border of the focused panel.
    pub focus: Style,
    /// The border of the selected stairwell panel.
    pub focus_strong: Style,
    /// A key in the key bar, drawn like a key cap.
    pub key_cap: Style,
    /// A key in the help overlay.
    pub help_key: Style,
    /// The key hints of the review browser's footer.
    pub key_hint: Style,
    /// The form field being typed into.
    pub input: Style,
    /// A form field not being typed into.
    pub field: Style,
    /// The border of a yes/no question.
    pub confirm_border: Style,
    /// The rehearsal marker in the header.
    pub rehearsal: Style,
    /// A release's delay in the log.
    pub delay: Style,
    /// A class waiting to be released.
    pub waiting: Style,
    /// A class released, on its way down.
    pub released: Style,
    /// A class out of the building.
    pub out: Style,
    /// A class counted at the assembly point.
    pub accounted: Style,
    /// The phone posts' QR codes: black on white in both palettes, because a
    /// phone cannot scan a code drawn in the terminal's own colours when those
    /// are light on dark.
    pub qr: Style,
    /// The phase badges of the dashboard's header.
    pub phase_briefing: Style,
    /// See [`Self::phase_briefing`].
    pub phase_running: Style,
    /// See [`Self::phase_briefing`].
    pub phase_accounting: Style,
    /// See [`Self::phase_briefing`].
    pub phase_ended: Style,
    /// The review browser's title bar.
    pub title_bar: Style,
    /// The title in the title bar.
    pub title: Style,
    /// The tab on screen.
    pub tab_active: Style,
    /// The other tabs.
    pub tab: Style,
    /// A heading inside a tab.
    pub heading: Style,
    /// The label column of a record (Summary tab), axis and legend labels.
    pub label: Style,
    /// A withdrawn entry: listed, not counted.
    pub withdrawn: Style,
    /// An explanatory note under a table.
    pub note: Style,
    /// The search being typed and where the search is.
    pub prompt: Style,
    /// An event that matches the search (the current one is `selected`).
    pub search_hit: Style,
    /// A bar of a chart: a drill's time, a class's actual time on the stairs.
    pub bar: Style,
    /// A bar over the target.
    pub bar_over: Style,
    /// The plan's ghost behind a bar.
    pub plan: Style,
    /// A stairwell's or class's name on the chart.
    pub chart_label: Style,
    /// A problem marker and the target line on the chart.
    pub marker: Style,
    /// Hold shading on the chart, by reason.
    pub hold_coordinator: Style,
    /// See [`Self::hold_coordinator`].
    pub hold_congestion: Style,
    /// See [`Self::hold_coordinator`].
    pub hold_marshal_absent: Style,
    /// See [`Self::hold_coordinator`].
    pub hold_blocked: Style,
}

const fn fg(c: Color) -> Style {
    Style::new().fg(c)
}

const fn on(fg: Color, bg: Color) -> Style {
    Style::new().fg(fg).bg(bg)
}

const fn with(m: Modifier) -> Style {
    Style::new().add_modifier(m)
}

const BOLD: Modifier = Modifier::BOLD;

impl Theme {
    /// The colours the screens have always had.
    pub const COLOUR: Self = Self {
        plain: Style::new(),
        emphasis: with(BOLD),
        muted: fg(Color::DarkGray),
        ok: fg(Color::Green),
        ok_strong: fg(Color::Green).add_modifier(BOLD),
        warning: fg(Color::Yellow),
        danger: fg(Color::Red).add_modifier(BOLD),
        danger_note: fg(Color::Red),
        alarm: on(Color::White, Color::Red).add_modifier(BOLD),
        held: on(Color::Black, Color::Yellow).add_modifier(BOLD),
        error: on(Color::White, Color::Red),
        selected: with(Modifier::REVERSED),
        focus: fg(Color::Cyan),
        focus_strong: fg(Color::Cyan).add_modifier(BOLD),
        key_cap: on(Color::Black, Color::Cyan),
        help_key: fg(Color::Cyan).add_modifier(BOLD),
        key_hint: fg(Color::Gray),
        input: on(Color::Black, Color::White),
        field: with(Modifier::UNDERLINED),
        confirm_border: fg(Color::Yellow),
        rehearsal: fg(Color::Magenta),
        delay: fg(Color::Magenta),
        waiting: fg(Color::DarkGray),
        released: fg(Color::Yellow),
        out: fg(Color::Green),
        accounted: fg(Color::Green).add_modifier(BOLD),
        qr: on(Color::Black, Color::White),
        phase_briefing: on(Color::Black, Color::Yellow).add_modifier(BOLD),
        phase_running: on(Color::White, Color::Red).add_modifier(BOLD),
        phase_accounting: on(Color::Black, Color::Cyan).add_modifier(BOLD),
        phase_ended: on(Color::Black, Color::Green).add_modifier(BOLD),
        title_bar: on(Color::White, Color::Blue),
        title: on(Color::White, Color::Blue).add_modifier(BOLD),
        tab_active: with(Modifier::REVERSED).add_modifier(BOLD),
        tab: fg(Color::Gray),
        heading: fg(Color::Cyan).add_modifier(BOLD),
        label: fg(Color::Gray),
        withdrawn: fg(Color::DarkGray).add_modifier(Modifier::CROSSED_OUT),
        note: with(Modifier::ITALIC),
        prompt: fg(Color::Yellow),
        search_hit: fg(Color::Yellow),
        bar: fg(Color::Blue),
        bar_over: fg(Color::Red),
        plan: fg(Color::Gray),
        chart_label: fg(Color::White),
        marker: fg(Color::Red),
        hold_coordinator: fg(Color::Yellow),
        hold_congestion: fg(Color::LightRed),
        hold_marshal_absent: fg(Color::Magenta),
        hold_blocked: fg(Color::DarkGray),
    };

    /// No colour (`NO_COLOR`): what was a colour becomes bold, reverse or
    /// underline where it carries meaning, and nothing where it was only
    /// decoration (the words and symbols say the same).
    pub const MONO: Self = Self {
        plain: Style::new(),
        emphasis: with(BOLD),
        muted: Style::new(),
        ok: Style::new(),
        ok_strong: with(BOLD),
        warning: with(Modifier::UNDERLINED),
        danger: with(BOLD),
        danger_note: Style::new(),
        alarm: with(Modifier::REVERSED).add_modifier(BOLD),
        held: with(Modifier::REVERSED).add_modifier(BOLD),
        error: with(Modifier::REVERSED),
        selected: with(Modifier::REVERSED),
        focus: with(BOLD),
        focus_strong: with(BOLD),
        key_cap: with(Modifier::REVERSED),
        help_key: with(BOLD),
        key_hint: Style::new(),
        input: with(Modifier::REVERSED),
        field: with(Modifier::UNDERLINED),
        confirm_border: with(BOLD),
        rehearsal: with(BOLD),
        delay: Style::new(),
        waiting: Style::new(),
        released: with(Modifier::UNDERLINED),
        out: Style::new(),
        accounted: with(BOLD),
        qr: Self::COLOUR.qr,
        phase_briefing: with(Modifier::REVERSED).add_modifier(BOLD),
        phase_running: with(Modifier::REVERSED).add_modifier(BOLD),
        phase_accounting: with(Modifier::REVERSED).add_modifier(BOLD),
        phase_ended: with(Modifier::REVERSED).add_modifier(BOLD),
        title_bar: with(Modifier::REVERSED),
        title: with(Modifier::REVERSED).add_modifier(BOLD),
        tab_active: with(Modifier::REVERSED).add_modifier(BOLD),
        tab: Style::new(),
        heading: with(BOLD),
        label: Style::new(),
        withdrawn: with(Modifier::CROSSED_OUT),
        note: with(Modifier::ITALIC),
        prompt: with(BOLD),
        search_hit: with(Modifier::UNDERLINED),
        bar: Style::new(),
        bar_over: with(BOLD),
        plan: Style::new(),
        chart_label: Style::new(),
        marker: with(BOLD),
        hold_coordinator: Style::new(),
        hold_congestion: Style::new(),
        hold_marshal_absent: Style::new(),
        hold_blocked: Style::new(),
    };

    /// The palette for a process whose `NO_COLOR` is `no_color` (set and
    /// not empty means no colour, as <https://no-color.org> says).
    #[must_use]
    pub fn for_no_color(no_color: Option<&std::ffi::OsStr>) -> &'static Self {
        if no_color.is_some_and(|v| !v.is_empty()) {
            &Self::MONO
        } else {
            &Self::COLOUR
        }
    }

    /// The badge of a drill phase.
    #[must_use]
    pub const fn phase(&self, p: Phase) -> Style {
        match p {
            Phase::Briefing => self.phase_briefing,
            Phase::Running => self.phase_running,
            Phase::Accounting => self.phase_accounting,
            Phase::Ended => self.phase_ended,
        }
    }

    /// The chart's shading of a hold.
    #[must_use]
    pub const fn hold(&self, r: ChartHold) -> Style {
        match r {
            ChartHold::Coordinator => self.hold_coordinator,
            ChartHold::Congestion => self.hold_congestion,
            ChartHold::MarshalAbsent => self.hold_marshal_absent,
            ChartHold::Blocked => self.hold_blocked,
        }
    }

    /// A panel's border: `focus` when it has the keyboard.
    #[must_use]
    pub const fn border(&self, focused: bool) -> Style {
        if focused { self.focus } else { self.plain }
    }

    /// A list's highlight: `selected` when it has the keyboard, else none.
    #[must_use]
    pub const fn highlight(&self, focused: bool) -> Style {
        if focused { self.selected } else { self.plain }
    }
}

static CURRENT: OnceLock<&'static Theme> = OnceLock::new();

/// Chooses the palette for the rest of the process (the binary does, once,
/// before drawing anything); a second call changes nothing.
pub fn init(theme: &'static Theme) {
    let _ = CURRENT.set(theme);
}

/// The palette in force: the one given to [`init`], else colour.
#[must_use]
pub fn current() -> &'static Theme {
    CURRENT.get().copied().unwrap_or(&Theme::COLOUR)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every style of a palette, for checks over all of them.
    // One line per field, destructured so that a new style cannot be missed.
    #[allow(clippy::too_many_lines)]
    fn styles(t: &Theme) -> Vec<Style> {
        let Theme {
            plain,
            emphasis,
            muted,
            ok,
            ok_strong,
            warning,
            danger,
            danger_note,
            alarm,
            held,
            error,
            selected,
            focus,
            focus_strong,
            key_cap,
            help_key,
            key_hint,
            input,
            field,
            confirm_border,
            rehearsal,
            delay,
            waiting,
            released,
            out,
            accounted,
            qr: _,
            phase_briefing,
            phase_running,
            phase_accounting,
            phase_ended,
            title_bar,
            title,
            tab_active,
            tab,
            heading,
            label,
            withdrawn,
            note,
            prompt,
            search_hit,
            bar,
            bar_over,
            plan,
            chart_label,
            marker,
            hold_coordinator,
            hold_congestion,
            hold_marshal_absent,
            hold_blocked,
        } = *t;
        vec![
            plain,
            emphasis,
            muted,
            ok,
            ok_strong,
            warning,
            danger,
            danger_note,
            alarm,
            held,
            error,
            selected,
            focus,
            focus_strong,
            key_cap,
            help_key,
            key_hint,
            input,
            field,
            confirm_border,
            rehearsal,
            delay,
            waiting,
            released,
            out,
            accounted,
            phase_briefing,
            phase_running,
            phase_accounting,
            phase_ended,
            title_bar,
            title,
            tab_active,
            tab,
            heading,
            label,
            withdrawn,
            note,
            prompt,
            search_hit,
            bar,
            bar_over,
            plan,
            chart_label,
            marker,
            hold_coordinator,
            hold_congestion,
            hold_marshal_absent,
            hold_blocked,
        ]
    }

    #[test]
    fn mono_has_no_colour_but_the_qr_code() {
        for s in styles(&Theme::MONO) {
            assert_eq!((s.fg, s.bg), (None, None), "{s:?}");
        }
        assert_eq!(Theme::MONO.qr, Theme::COLOUR.qr);
    }

    #[test]
    fn mono_keeps_what_must_stand_out_visible() {
        let m = Theme::MONO;
        for s in [m.danger, m.alarm, m.held, m.error, m.selected, m.key_cap] {
            assert_ne!(s, Style::new(), "{s:?}");
        }
    }

    #[rstest::rstest]
    #[case::unset(None, false)]
    #[case::empty(Some(""), false)]
    #[case::set(Some("1"), true)]
    fn no_color_is_set_and_not_empty(#[case] value: Option<&str>, #[case] mono: bool) {
        let t = Theme::for_no_color(value.map(std::ffi::OsStr::new));
        assert_eq!(*t == Theme::MONO, mono);
    }
}
