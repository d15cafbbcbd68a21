//! The dashboard's forms: how each is laid out, and what it becomes when
//! saved. Validation here is about what was typed; the session still has the
//! last word on whether it makes sense.

use evacdrill_core::i18n::Lang;
use evacdrill_core::i18n::dashboard::FormText;
use evacdrill_core::script::{ClassId, StairwellId};
use evacdrill_core::session::{
    Amendment, ClassState, DrillTime, Headcount, Input, MarshalState, People, Phase, Place,
    ProblemCategory, ProblemReport, Replanner, Session, SessionKind, StartRecord,
};

use super::app::FormKind;
use super::form::{Field, Form};

/// What a saved form asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Built {
    Input(Input),
    /// A blocked stairwell: show the re-plan, then ask.
    PreviewBlocked {
        stairwell: StairwellId,
        note: String,
    },
}

const KINDS: [SessionKind; 4] = [
    SessionKind::Drill,
    SessionKind::Real,
    SessionKind::Test,
    SessionKind::Rehearsal,
];

const CATEGORIES: [(ProblemCategory, FormText); 7] = [
    (ProblemCategory::Congestion, FormText::CatCongestion),
    (ProblemCategory::FallOrInjury, FormText::CatFall),
    (ProblemCategory::BlockedExit, FormText::CatBlockedExit),
    (ProblemCategory::Lighting, FormText::CatLighting),
    (ProblemCategory::LateClass, FormText::CatLateClass),
    (ProblemCategory::Equipment, FormText::CatEquipment),
    (ProblemCategory::Other, FormText::CatOther),
];

/// The name of a session kind.
#[must_use]
pub fn kind_name(kind: SessionKind, lang: Lang) -> String {
    use evacdrill_core::i18n::dashboard::Dash;
    match kind {
        SessionKind::Drill => Dash::KindDrill,
        SessionKind::Real => Dash::KindReal,
        SessionKind::Test => Dash::KindTest,
        SessionKind::Rehearsal => Dash::KindRehearsal,
    }
    .text(lang)
}

fn unmanned(session: &Session) -> Vec<StairwellId> {
    session
        .stairwells()
        .iter()
        .filter(|s| s.marshal != MarshalState::AtPost)
        .map(|s| s.id.clone())
        .collect()
}

/// The start form: the facts a drill log records about the signal. A
/// rehearsal is recorded as one unless the coordinator changes it.
#[must_use]
pub fn start(session: &Session, rehearsal: bool, lang: Lang) -> Form {
    let t = |m: FormText| m.text(lang);
    let script = session.script();
    let staff: Vec<String> = script
        .stairwells
        .iter()
        .filter_map(|s| s.marshal.clone())
        .collect();
    let scenario = {
        use evacdrill_core::i18n::dashboard::Dash;
        use evacdrill_core::script::Scenario;
        match script.drill.scenario {
            Scenario::Fire => Dash::ScenarioFire,
            Scenario::Earthquake => Dash::ScenarioEarthquake,
            Scenario::Other => Dash::ScenarioOther,
        }
        .text(lang)
    };
    let kinds = KINDS.iter().map(|k| kind_name(*k, lang)).collect();
    let mut fields = vec![
        Field::choice(t(FormText::Kind), kinds, if rehearsal { 3 } else { 0 }),
        Field::text(t(FormText::Alarm), ""),
        Field::text(t(FormText::ConductedBy), ""),
        Field::text(t(FormText::Staff), &staff.join(", ")).with_hint(t(FormText::NamesHint)),
        Field::text(t(FormText::Weather), ""),
        Field::text(t(FormText::Conditions), &scenario),
    ];
    let missing = unmanned(session);
    let mut form_notes = Vec::new();
    if !missing.is_empty() {
        let ids: Vec<&str> = missing.iter().map(|s| s.0.as_str()).collect();
        form_notes.push(
            evacdrill_core::i18n::dashboard::Dash::StartBlocked {
                ids: ids.join(", "),
            }
            .text(lang),
        );
        fields.push(Field::text(t(FormText::Override), ""));
    }
    let mut form = Form::new(t(FormText::StartTitle), fields);
    form.notes = form_notes;
    form
}

/// A one-field form asking for a reason or a note.
#[must_use]
pub fn reason(title: String, lang: Lang) -> Form {
    Form::new(title, vec![Field::text(FormText::Reason.text(lang), "")])
}

/// The problem form; `place` indexes [`places`].
#[must_use]
pub fn problem(session: &Session, place: usize, lang: Lang) -> Form {
    let t = |m: FormText| m.text(lang);
    let cats = CATEGORIES.iter().map(|(_, n)| n.text(lang)).collect();
    let names = places(session)
        .into_iter()
        .map(|p| place_name(&p, session, lang))
        .collect();
    Form::new(
        t(FormText::ProblemTitle),
        vec![
            Field::choice(t(FormText::Category), cats, 0),
            Field::choice(t(FormText::Place), names, place),
            Field::text(t(FormText::Text), ""),
        ],
    )
}

/// Every place a problem can be logged at: nowhere in particular, each
/// stairwell, each floor with classes, each class.
#[must_use]
pub fn places(session: &Session) -> Vec<Place> {
    let script = session.script();
    let mut out = vec![Place::Unspecified];
    out.extend(
        script
            .stairwells
            .iter()
            .map(|s| Place::Stairwell(s.id.clone())),
    );
    let mut floors: Vec<i32> = script.classes.iter().map(|c| c.floor).collect();
    floors.sort_unstable();
    floors.dedup();
    out.extend(floors.into_iter().map(Place::Floor));
    out.extend(script.classes.iter().map(|c| Place::Class(c.id.clone())));
    out
}

/// How a place reads.
#[must_use]
pub fn place_name(place: &Place, session: &Session, lang: Lang) -> String {
    match place {
        Place::Unspecified => FormText::Nowhere.text(lang),
        Place::Stairwell(id) => FormText::StairN { id: id.0.clone() }.text(lang),
        Place::Floor(n) => FormText::FloorN { n: *n }.text(lang),
        Place::Class(id) => session
            .script()
            .class(id)
            .map_or_else(|| id.0.clone(), |c| c.name.clone()),
    }
}

fn expected(session: &Session, class: &ClassId) -> u32 {
    session.script().class(class).map_or(0, |c| c.headcount)
}

/// The headcount form of `class`: expected shown, present filled in with it.
#[must_use]
pub fn headcount(session: &Session, class: &ClassId, lang: Lang) -> Form {
    let t = |m: FormText| m.text(lang);
    let name = session
        .script()
        .class(class)
        .map_or_else(|| class.0.clone(), |c| c.name.clone());
    let n = expected(session, class);
    let mut form = Form::new(
        t(FormText::HeadcountTitle { class: name }),
        vec![
            Field::number(t(FormText::Present), n),
            Field::number(t(FormText::Missing), 0),
            Field::text(t(FormText::MissingNames), "").with_hint(t(FormText::NamesHint)),
            Field::number(t(FormText::Injured), 0),
            Field::text(t(FormText::InjuredNames), "").with_hint(t(FormText::NamesHint)),
        ],
    );
    form.notes.push(t(FormText::Expected { n }));
    form
}

/// Fills a headcount form with a recorded headcount (for a correction).
pub fn prefill_headcount(form: &mut Form, h: &Headcount) {
    use super::form::Value;
    let set = |form: &mut Form, i: usize, v: String| {
        if let Some(f) = form.fields.get_mut(i) {
            f.value = match f.value {
                Value::Number(_) => Value::Number(v),
                _ => Value::Text(v),
            };
        }
    };
    set(form, 0, h.present.to_string());
    set(form, 1, h.missing.count.to_string());
    set(form, 2, h.missing.names.join(", "));
    set(form, 3, h.injured.count.to_string());
    set(form, 4, h.injured.names.join(", "));
}

/// Whether the drill can end complete: every class counted, every used
/// stairwell reported clear.
#[must_use]
pub fn complete(session: &Session) -> bool {
    session
        .classes()
        .iter()
        .all(|c| matches!(c.state, ClassState::Accounted { .. }))
        && session
            .stairwells()
            .iter()
            .all(|s| !s.used || s.cleared.is_some() || s.blocked)
}

fn number(form: &Form, i: usize, lang: Lang) -> Result<u32, String> {
    form.number(i).ok_or_else(|| {
        FormText::NotANumber {
            field: form
                .fields
                .get(i)
                .map_or_else(String::new, |f| f.label.clone()),
        }
        .text(lang)
    })
}

fn required(form: &Form, i: usize, lang: Lang) -> Result<String, String> {
    let text = form.text(i);
    if text.is_empty() {
        Err(FormText::Required {
            field: form
                .fields
                .get(i)
                .map_or_else(String::new, |f| f.label.clone()),
        }
        .text(lang))
    } else {
        Ok(text)
    }
}

fn headcount_of(
    form: &Form,
    class: &ClassId,
    session: &Session,
    lang: Lang,
) -> Result<Headcount, String> {
    Ok(Headcount {
        class: class.clone(),
        expected: Some(expected(session, class)),
        present: number(form, 0, lang)?,
        missing: People {
            count: number(form, 1, lang)?,
            names: form.names(2),
        },
        injured: People {
            count: number(form, 3, lang)?,
            names: form.names(4),
        },
    })
}

/// What a saved form asks of the session; `Err` says what to fix in it.
pub fn build(kind: &FormKind, form: &Form, session: &Session, lang: Lang) -> Result<Built, String> {
    let input = match kind {
        FormKind::Start => {
            let record = StartRecord {
                kind: KINDS[form.choice(0).min(KINDS.len() - 1)],
                alarm: required(form, 1, lang)?,
                conducted_by: required(form, 2, lang)?,
                staff_on_duty: form.names(3),
                weather: form.text(4),
                conditions_simulated: form.text(5),
            };
            let override_reason = if form.fields.len() > 6 {
                Some(required(form, 6, lang)?)
            } else {
                None
            };
            Input::Start {
                record,
                override_reason,
            }
        }
        FormKind::Problem => {
            let place = places(session)
                .into_iter()
                .nth(form.choice(1))
                .unwrap_or(Place::Unspecified);
            Input::Problem(ProblemReport {
                category: CATEGORIES[form.choice(0).min(CATEGORIES.len() - 1)].0,
                place,
                text: required(form, 2, lang)?,
            })
        }
        FormKind::Headcount(class) => Input::Headcount(headcount_of(form, class, session, lang)?),
        FormKind::EndEarly => Input::EndEarly {
            reason: required(form, 0, lang)?,
        },
        FormKind::ChecklistFail(item) => Input::FailChecklist {
            item: *item,
            note: required(form, 0, lang)?,
        },
        FormKind::Congestion(id) => Input::Congestion {
            stairwell: id.clone(),
            note: form.text(0),
        },
        FormKind::Blocked(id) => {
            return Ok(Built::PreviewBlocked {
                stairwell: id.clone(),
                note: form.text(0),
            });
        }
        FormKind::Correct(seq) => {
            if form.fields.len() == 5 {
                let class = session
                    .classes()
                    .iter()
                    .find(|c| c.headcount.as_ref().is_some_and(|(s, _)| s == seq))
                    .map(|c| c.id.clone())
                    .ok_or_else(|| FormText::SelectEntry.text(lang))?;
                let amended = headcount_of(form, &class, session, lang)?;
                Input::Correct {
                    seq: *seq,
                    reason: FormText::HeadcountTitle { class: class.0 }.text(lang),
                    amendment: Amendment::Headcount(amended),
                }
            } else {
                Input::Correct {
                    seq: *seq,
                    reason: required(form, 0, lang)?,
                    amendment: Amendment::Withdraw,
                }
            }
        }
    };
    Ok(Built::Input(input))
}

/// The re-plan a blocked stairwell would cause, as lines to read before
/// confirming: which waiting classes move where, and when they go.
pub fn replan_preview(
    session: &Session,
    planner: &dyn Replanner,
    stairwell: &StairwellId,
    now: DrillTime,
    lang: Lang,
) -> Result<Vec<String>, String> {
    if session.phase() != Phase::Running {
        return Ok(Vec::new());
    }
    let mut blocked: Vec<StairwellId> = session
        .stairwells()
        .iter()
        .filter(|s| s.blocked)
        .map(|s| s.id.clone())
        .collect();
    blocked.push(stairwell.clone());
    let released: Vec<ClassId> = session
        .classes()
        .iter()
        .filter(|c| !matches!(c.state, ClassState::Waiting))
        .map(|c| c.id.clone())
        .collect();
    let next = planner
        .replan(
            session.script(),
            session.schedule(),
            &blocked,
            &released,
            now,
        )
        .map_err(|e| evacdrill_core::i18n::session::replan_error(&e, lang))?;
    let mut lines = Vec::new();
    for r in &next.releases {
        if released.contains(&r.class) {
            continue;
        }
        let before = session.schedule().release(&r.class);
        let moved = before.is_none_or(|b| b.stairwell != r.stairwell || b.at != r.at);
        if moved {
            let name = session
                .script()
                .class(&r.class)
                .map_or_else(|| r.class.0.clone(), |c| c.name.clone());
            lines.push(
                FormText::Moves {
                    class: name,
                    from: before.map_or_else(String::new, |b| b.stairwell.0.clone()),
                    to: r.stairwell.0.clone(),
                    at: super::widgets::mmss(r.at.max(now)),
                }
                .text(lang),
            );
        }
    }
    if lines.is_empty() {
        lines.push(FormText::NoMoves.text(lang));
    }
    Ok(lines)
}
