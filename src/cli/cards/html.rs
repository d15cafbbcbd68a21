//! The cards as one printable HTML page, every label in both languages.
//!
//! The language of the command comes first and the other follows in smaller
//! type: a card may be handed to a substitute teacher who reads only one of
//! them. Everything from the script is escaped.

use std::fmt::Write;

use evacdrill_core::i18n::Lang;
use evacdrill_core::i18n::cards::CardText;
use evacdrill_core::release::rule;
use evacdrill_core::script::{Gate, Script};
use evacdrill_core::session::{DrillTime, Schedule};

use crate::report::html::escape as esc;
use crate::server::{PostLink, qr_svg};

const STYLE: &str = r"
@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
body { font: 11pt/1.35 system-ui, 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif; color: #000; margin: 0; }
h1 { font-size: 16pt; margin: 0 0 4mm; }
.o { color: #444; font-size: .85em; font-weight: normal; }
.card { border: .6mm solid #000; border-radius: 2mm; padding: 5mm; margin: 0 0 6mm; break-inside: avoid; }
.marshal { break-after: page; }
.card h2 { font-size: 15pt; margin: 0 0 2mm; }
.rule { border-left: 2mm solid #000; padding: 1mm 3mm; margin: 3mm 0; }
table { border-collapse: collapse; width: 100%; margin: 3mm 0; }
th, td { border: .3mm solid #000; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.blank { min-width: 22mm; }
.phone { display: flex; gap: 4mm; align-items: center; margin-top: 3mm; }
.url { font-family: monospace; font-size: 9pt; word-break: break-all; }
.rosters { display: grid; grid-template-columns: 1fr 1fr; gap: 5mm; }
.roster { margin: 0; }
.roster td.blank { height: 9mm; }
.roster h2 { font-size: 13pt; }
";

/// A label in `lang`, then in the other language, smaller.
fn bi(m: &CardText, lang: Lang) -> String {
    let other = match lang {
        Lang::En => Lang::ZhCn,
        Lang::ZhCn => Lang::En,
    };
    format!(
        "{} <span class=\"o\">{}</span>",
        esc(&m.text(lang)),
        esc(&m.text(other))
    )
}

/// `m:ss` after the signal.
fn mmss(ms: u64) -> String {
    let s = DrillTime(ms).ms().div_ceil(1000);
    format!("{}:{:02}", s / 60, s % 60)
}

/// The whole page: a card per stairwell, then a roster per class.
#[must_use]
pub fn render(script: &Script, schedule: &Schedule, links: &[PostLink], lang: Lang) -> String {
    let mut h = String::new();
    let title = CardText::Title {
        drill: script.drill.name.clone(),
    };
    let _ = write!(
        h,
        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>\n<h1>{}</h1>\n<p>{}</p>\n",
        lang.tag(),
        esc(&title.text(lang)),
        bi(&title, lang),
        bi(&CardText::Intro, lang),
    );
    for s in &script.stairwells {
        marshal_card(&mut h, script, schedule, s, links, lang);
    }
    h.push_str("<div class=\"rosters\">\n");
    for c in &script.classes {
        roster(&mut h, script, schedule, c, lang);
    }
    h.push_str("</div>\n");
    if let Some(link) = links.iter().find(|l| l.post == "assembly") {
        let _ = write!(
            h,
            "<div class=\"card\"><h2>{}</h2>",
            bi(&CardText::AssemblyPhone, lang)
        );
        phone(&mut h, link, lang);
        h.push_str("</div>\n");
    }
    h.push_str("</body></html>\n");
    h
}

fn marshal_card(
    h: &mut String,
    script: &Script,
    schedule: &Schedule,
    s: &evacdrill_core::script::Stairwell,
    links: &[PostLink],
    lang: Lang,
) {
    let _ = write!(
        h,
        "<section class=\"card marshal\"><h2>{}</h2><p>{}</p>",
        bi(
            &CardText::MarshalCard {
                id: s.id.0.clone(),
                name: s.name.clone()
            },
            lang
        ),
        bi(
            &CardText::Marshal {
                name: s.marshal.clone().unwrap_or_else(|| "________".to_owned())
            },
            lang
        ),
    );
    let gate = match s.gate {
        Gate::Time => CardText::GateTime,
        Gate::Clear => CardText::GateClear,
    };
    let _ = write!(h, "<p class=\"rule\">{}</p>", bi(&gate, lang));
    // Metering at the stair heads: the plan's robustness control relies on
    // it where it chooses it (docs/flow-model.md, *Robustness*), the
    // rehearsal's teachers do it everywhere, and it is the safe habit.
    let _ = write!(h, "<p class=\"rule\">{}</p>", bi(&CardText::Metering, lang));
    let mut releases: Vec<_> = schedule
        .releases
        .iter()
        .filter(|r| r.stairwell == s.id)
        .collect();
    releases.sort_by_key(|r| r.at);
    let _ = write!(
        h,
        "<table><tr><th class=\"n\">{}</th><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th>{}</th><th>{}</th></tr>",
        bi(&CardText::ColOrder, lang),
        bi(&CardText::ColClass, lang),
        bi(&CardText::ColFloor, lang),
        bi(&CardText::ColPeople, lang),
        bi(&CardText::ColRelease, lang),
        bi(&CardText::ColPace, lang),
        bi(&CardText::ColTeacher, lang),
        bi(&CardText::ColPassed, lang),
    );
    // A release group (release::rule::same_group) shares its number: the
    // classes a clear gate lets go together, and waits for together.
    let mut group = 0;
    for (i, r) in releases.iter().enumerate() {
        if i == 0 || !rule::same_group(releases[i - 1], r) {
            group += 1;
        }
        let Some(c) = script.class(&r.class) else {
            continue;
        };
        let pace = r.pace.map_or_else(
            || CardText::PaceDoor.text(lang),
            |p| {
                CardText::PaceValue {
                    pps: format!("{:.1}", p.0),
                }
                .text(lang)
            },
        );
        let _ = write!(
            h,
            "<tr><td class=\"n\">{}</td><td>{} {}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\"><b>{}</b></td><td class=\"n\">{}</td><td>{}</td><td class=\"blank\"></td></tr>",
            group,
            esc(&c.id.0),
            esc(&c.name),
            c.floor,
            c.headcount,
            mmss(r.at.ms()),
            esc(&pace),
            esc(c.teacher.as_deref().unwrap_or("")),
        );
    }
    let _ = write!(
        h,
        "</table><p class=\"o\">{}</p><p>{}: ________</p><p>{}</p><p>{}</p>",
        esc(&CardText::ReleaseNote.text(lang)),
        bi(&CardText::Clear, lang),
        bi(&CardText::Report, lang),
        bi(&CardText::Rules, lang),
    );
    if let Some(link) = links
        .iter()
        .find(|l| l.post == format!("stairwell:{}", s.id))
    {
        phone(h, link, lang);
    }
    h.push_str("</section>\n");
}

fn phone(h: &mut String, link: &PostLink, lang: Lang) {
    let svg = qr_svg(&link.url, 40).unwrap_or_default();
    let _ = write!(
        h,
        "<div class=\"phone\">{svg}<div>{}<div class=\"url\">{}</div></div></div>",
        bi(&CardText::Phone, lang),
        esc(&link.url)
    );
}

fn roster(
    h: &mut String,
    script: &Script,
    schedule: &Schedule,
    c: &evacdrill_core::script::Class,
    lang: Lang,
) {
    let via = schedule
        .release(&c.id)
        .map_or_else(|| c.stairwell.0.clone(), |r| r.stairwell.0.clone());
    let place = script.drill.assembly_point.clone().unwrap_or_default();
    let _ = write!(
        h,
        "<section class=\"card roster\"><h2>{}</h2><p>{} · {} · {}</p>",
        bi(
            &CardText::Roster {
                class: format!("{} {}", c.id, c.name)
            },
            lang
        ),
        esc(&CardText::Grade {
            grade: c.grade,
            floor: c.floor
        }
        .text(lang)),
        esc(&CardText::Via { id: via }.text(lang)),
        esc(&CardText::Assembly { place }.text(lang)),
    );
    let teacher = c.teacher.as_deref().unwrap_or("");
    let _ = write!(
        h,
        "<table><tr><th>{}</th><td>{}</td></tr><tr><th>{}</th><td class=\"n\"><b>{}</b></td></tr>",
        bi(&CardText::ColTeacher, lang),
        esc(teacher),
        bi(&CardText::Expected, lang),
        c.headcount,
    );
    for m in [
        CardText::Present,
        CardText::Missing,
        CardText::Injured,
        CardText::Names,
        CardText::Counted,
        CardText::Signed,
    ] {
        let _ = write!(
            h,
            "<tr><th>{}</th><td class=\"blank\"></td></tr>",
            bi(&m, lang)
        );
    }
    h.push_str("</table></section>\n");
}

#[cfg(test)]
mod tests {
    use evacdrill_core::i18n::Lang;
    use evacdrill_core::script::check_str;

    use super::render;
    use crate::server::PostLink;

    #[test]
    fn a_card_per_marshal_a_roster_per_class_both_languages_and_qr_when_served() {
        let script = check_str(include_str!("../../../drills/demo.toml"))
            .script
            .unwrap();
        let schedule = evacdrill_core::plan::replan::initial(&script, None, Lang::En).unwrap();
        let links = vec![PostLink {
            post: "stairwell:A".into(),
            name: "A".into(),
            url: "http://192.168.8.20:8686/p/0123456789ABCDEF0123456789ABCDEF".into(),
        }];
        let html = render(&script, &schedule, &links, Lang::ZhCn);
        assert_eq!(html.matches("class=\"card marshal\"").count(), 3);
        assert_eq!(
            html.matches("class=\"card roster\"").count(),
            script.classes.len()
        );
        assert!(html.contains("放行方式：确认通过") && html.contains("Gate: clear"));
        assert_eq!(html.matches("<svg").count(), 1, "only the served post");
        assert!(html.contains("0123456789ABCDEF0123456789ABCDEF"));
        for external in ["src=\"http", "href=\"http", "@import", "url("] {
            assert!(!html.contains(external), "{external}");
        }
        let first = schedule
            .releases
            .iter()
            .filter(|r| r.stairwell.0 == "A")
            .map(|r| r.at.ms())
            .max()
            .unwrap();
        assert!(
            html.contains(&super::mmss(first)),
            "the last release time is printed"
        );
    }

    #[test]
    fn script_text_is_escaped() {
        let text = include_str!("../../../drills/demo.toml").replacen(
            "name = \"教学楼每月疏散演练\"",
            "name = \"<b>x</b>\"",
            1,
        );
        let script = check_str(&text).script.unwrap();
        let schedule = evacdrill_core::plan::replan::initial(&script, None, Lang::En).unwrap();
        let html = render(&script, &schedule, &[], Lang::En);
        assert!(html.contains("&lt;b&gt;x&lt;/b&gt;") && !html.contains("<b>x</b>"));
    }
}
