//! What sits on top of the dashboard: the key bar, the help, forms and
//! confirmations. Popups clear what is under them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};

use evacdrill_core::i18n::dashboard::{ActionName, Dash, FormText};
use evacdrill_core::i18n::width::width;

use super::centered;
use crate::tui::app::{App, Confirm, Notice};
use crate::tui::form::Form;
use crate::tui::keymap::{Action, Context, Key, Keymap};
use crate::tui::theme;
use crate::tui::view::Screen;

/// The name of an action in the user's language.
#[must_use]
pub fn action_name(a: Action, lang: evacdrill_core::i18n::Lang) -> String {
    let m = match a {
        Action::Help => ActionName::Help,
        Action::Quit => ActionName::Quit,
        Action::Up => ActionName::Up,
        Action::Down => ActionName::Down,
        Action::NextPanel => ActionName::NextPanel,
        Action::ChecklistOk => ActionName::ChecklistOk,
        Action::ChecklistFail => ActionName::ChecklistFail,
        Action::MarshalPost => ActionName::MarshalPost,
        Action::Start => ActionName::Start,
        Action::ReleaseEarly => ActionName::ReleaseEarly,
        Action::Hold => ActionName::Hold,
        Action::Resume => ActionName::Resume,
        Action::HoldAll => ActionName::HoldAll,
        Action::ResumeAll => ActionName::ResumeAll,
        Action::ClassPassed => ActionName::ClassPassed,
        Action::StairwellClear => ActionName::StairwellClear,
        Action::Congestion => ActionName::Congestion,
        Action::Blocked => ActionName::Blocked,
        Action::Problem => ActionName::Problem,
        Action::Headcount => ActionName::Headcount,
        Action::Correct => ActionName::Correct,
        Action::End => ActionName::End,
        Action::Posts => ActionName::Posts,
        Action::Close => ActionName::Close,
        Action::NextPost => ActionName::NextPost,
        Action::PrevPost => ActionName::PrevPost,
        Action::RevokePost => ActionName::RevokePost,
        Action::Yes => ActionName::Yes,
        Action::No => ActionName::No,
        Action::Submit => ActionName::Submit,
        Action::Cancel => ActionName::Cancel,
        Action::NextField => ActionName::NextField,
        Action::PrevField => ActionName::PrevField,
    };
    m.text(lang)
}

/// The keys of an overlay's `context`, from the keymap: "Esc close · …"
/// (the first key of each action, in the keymap's own order).
#[must_use]
pub fn hint(keymap: &Keymap, context: Context, lang: evacdrill_core::i18n::Lang) -> String {
    keymap
        .help(context)
        .into_iter()
        .map(|(action, _)| {
            let keys: Vec<String> = keymap
                .keys_in_order(context, action)
                .into_iter()
                .take(1)
                .map(Key::label)
                .collect();
            format!("{} {}", keys.join("/"), action_name(action, lang))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The key bar: the notice, else the actions of this phase with their keys.
pub struct KeyBar<'a>(pub &'a Screen<'a>);

impl Widget for KeyBar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let screen = self.0;
        let th = theme::current();
        let line = match &screen.app.notice {
            Some(Notice::Error(e)) => Line::styled(format!("✗ {e}"), th.error),
            Some(Notice::Info(i)) => Line::styled(format!("✓ {i}"), th.ok),
            None => {
                let mut spans = Vec::new();
                let mut used = 0;
                // Help first, what this phase is about next, leaving last.
                let mut entries = screen.app.keymap.help(App::context(screen.session));
                entries.retain(|(a, _)| !matches!(a, Action::Up | Action::Down));
                entries.sort_by_key(|(a, _)| match a {
                    Action::Start | Action::End => 0,
                    Action::Help => 1,
                    Action::Quit => 3,
                    Action::NextPanel => 4,
                    _ => 2,
                });
                for (action, keys) in entries {
                    let key = keys.first().map(|k| k.label()).unwrap_or_default();
                    let name = action_name(action, screen.app.lang);
                    let cost = width(&key) + width(&name) + 3;
                    if used + cost > area.width as usize {
                        break;
                    }
                    used += cost;
                    spans.push(Span::styled(format!(" {key}"), th.key_cap));
                    spans.push(Span::raw(format!(" {name} ")));
                }
                Line::from(spans)
            }
        };
        Paragraph::new(line).render(area, buf);
    }
}

/// The help: every action of this phase and its keys, from the keymap.
pub struct Help<'a>(pub &'a Screen<'a>);

impl Widget for Help<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let screen = self.0;
        let th = theme::current();
        let entries = screen.app.keymap.help(App::context(screen.session));
        let mut lines: Vec<Line> = entries
            .iter()
            .map(|(a, keys)| {
                let keys: Vec<String> = keys.iter().map(|k| k.label()).collect();
                Line::from(vec![
                    Span::styled(format!("{:>12}  ", keys.join(" / ")), th.help_key),
                    Span::raw(action_name(*a, screen.app.lang)),
                ])
            })
            .collect();
        lines.push(Line::from(""));
        lines.push(Line::styled(
            hint(&screen.app.keymap, Context::Help, screen.app.lang),
            th.muted,
        ));
        let h = lines.len() as u16 + 2;
        let popup = centered(area, 52, h);
        Clear.render(popup, buf);
        Paragraph::new(lines)
            .block(
                Block::bordered()
                    .border_type(BorderType::Double)
                    .title(format!(" {} ", Dash::Help.text(screen.app.lang))),
            )
            .render(popup, buf);
    }
}

/// A form being filled in.
pub struct FormView<'a> {
    pub form: &'a Form,
    pub lang: evacdrill_core::i18n::Lang,
    /// The form's keys, from the keymap.
    pub hint: String,
}

impl Widget for FormView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let form = self.form;
        let th = theme::current();
        let mut lines: Vec<Line> = form
            .notes
            .iter()
            .map(|n| Line::styled(n.clone(), th.warning))
            .collect();
        if !lines.is_empty() {
            lines.push(Line::from(""));
        }
        let label_w = form
            .fields
            .iter()
            .map(|f| width(&f.label))
            .max()
            .unwrap_or(0);
        for (i, field) in form.fields.iter().enumerate() {
            let focused = i == form.focus;
            let pad = " ".repeat(label_w.saturating_sub(width(&field.label)));
            let value_style = if focused { th.input } else { th.field };
            let cursor = if focused { "▏" } else { "" };
            lines.push(Line::from(vec![
                Span::styled(if focused { "▶ " } else { "  " }, th.focus),
                Span::raw(format!("{pad}{}: ", field.label)),
                Span::styled(format!("{}{cursor}", field.shown()), value_style),
            ]));
            if focused && let Some(hint) = &field.hint {
                lines.push(Line::styled(
                    format!("  {}  {hint}", " ".repeat(label_w)),
                    th.muted,
                ));
            }
        }
        if let Some(e) = &form.error {
            lines.push(Line::from(""));
            lines.push(Line::styled(format!("✗ {e}"), th.error));
        }
        lines.push(Line::from(""));
        lines.push(Line::styled(
            format!("{} · {}", self.hint, FormText::Choose.text(self.lang)),
            th.muted,
        ));
        let w = area.width.saturating_sub(4).min(76);
        let h = (lines.len() as u16 + 2).min(area.height);
        let popup = centered(area, w, h);
        Clear.render(popup, buf);
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(
                Block::bordered()
                    .border_type(BorderType::Double)
                    .title(format!(" {} ", form.title)),
            )
            .render(popup, buf);
    }
}

/// A yes/no question.
pub struct ConfirmView<'a> {
    pub confirm: &'a Confirm,
    pub lang: evacdrill_core::i18n::Lang,
    /// The question's keys, from the keymap.
    pub hint: String,
}

impl Widget for ConfirmView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        let th = theme::current();
        let (question, extra): (String, &[String]) = match self.confirm {
            Confirm::Quit => (FormText::ConfirmQuit.text(lang), &[]),
            Confirm::End => (FormText::ConfirmEnd.text(lang), &[]),
            Confirm::Revoke { name, .. } => (
                FormText::ConfirmRevoke { name: name.clone() }.text(lang),
                &[],
            ),
            Confirm::Blocked {
                stairwell, preview, ..
            } => (
                FormText::ConfirmBlocked {
                    id: stairwell.0.clone(),
                }
                .text(lang),
                preview.as_slice(),
            ),
        };
        let mut lines = vec![Line::styled(question, th.emphasis), Line::from("")];
        lines.extend(extra.iter().map(|l| Line::from(format!("  {l}"))));
        if !extra.is_empty() {
            lines.push(Line::from(""));
        }
        lines.push(Line::styled(self.hint, th.muted));
        let w = area.width.saturating_sub(4).min(76);
        let h = (lines.len() as u16 + 4).min(area.height);
        let popup = centered(area, w, h);
        Clear.render(popup, buf);
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(
                Block::bordered()
                    .border_type(BorderType::Double)
                    .border_style(th.confirm_border),
            )
            .render(popup, buf);
    }
}

/// One phone post's link and QR code, drawn black on white with its quiet
/// zone so that a phone scans it from a dark terminal.
pub struct PostsView<'a> {
    pub post: &'a crate::tui::app::PostView,
    pub lang: evacdrill_core::i18n::Lang,
    /// The view's keys, from the keymap.
    pub hint: String,
}

impl Widget for PostsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let qr_w = self.post.qr.iter().map(|l| width(l)).max().unwrap_or(0) as u16;
        let w = (qr_w + 4)
            .max(width(&self.post.url) as u16 + 4)
            .min(area.width);
        let h = (self.post.qr.len() as u16 + 6).min(area.height);
        let popup = centered(area, w, h);
        Clear.render(popup, buf);
        let th = theme::current();
        let mut lines = vec![Line::styled(self.post.url.clone(), th.emphasis)];
        lines.extend(self.post.qr.iter().map(|l| Line::styled(l.clone(), th.qr)));
        lines.push(Line::styled(self.hint, th.muted));
        Paragraph::new(lines)
            .centered()
            .block(Block::bordered().border_type(BorderType::Double).title(
                format!(" {} ", Dash::PostsTitle { name: self.post.name.clone() }.text(self.lang)),
            ))
            .render(popup, buf);
    }
}
