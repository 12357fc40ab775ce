//! From two file texts (structure and one language) to a checked `Tour`. Every problem is
//! refused with a `TourError` naming the file and step; nothing here panics on bad input.

use consenso_core::Scenario;
use serde_json::Value;

use super::error::TourError;
use super::model::{Highlight, Step, Tour};
use super::parse::{document, Obj};
use super::scenario::{scenario_text, ScenarioRef};
use crate::i18n::Lang;

/// `tours/raft.json` (structure) or `tours/raft.pt.json` (texts), relative to the site root.
pub fn file_name(tour: &str, lang: Option<Lang>) -> String {
    match lang {
        None => format!("tours/{tour}.json"),
        Some(l) => format!("tours/{tour}.{}.json", l.code()),
    }
}

/// Check a tour's structure and one language's texts against each other and the simulator.
/// `tour` is the id the caller asked for (the file name's). Read straight from the two
/// documents into the `Tour`: no intermediate copy of either file.
pub fn load(tour: &str, lang: Lang, structure: &str, texts: &str) -> Result<Tour, TourError> {
    let (spec_file, text_file) = (file_name(tour, None), file_name(tour, Some(lang)));
    let (spec_doc, words_doc) = (document(&spec_file, structure)?, document(&text_file, texts)?);
    let spec = Obj::new(&spec_file, String::new(), &spec_doc, &["id", "protocol", "steps"])?;
    let words = Obj::new(&text_file, String::new(), &words_doc, &["title", "summary", "steps"])?;
    let (id, protocol, list) = (spec.text("id")?, spec.text("protocol")?, spec.list("steps")?);
    let (title, summary) = (words.text("title")?, words.text("summary")?);
    let texts = words.get("steps")?.as_object().ok_or_else(|| words.fail("steps", format_args!("expected an object {{\"step-id\": {{...}}}}")))?;
    if id != tour {
        return Err(TourError::at(&spec_file, "", format_args!("id is '{id}', but the file name says otherwise")));
    }
    if list.is_empty() {
        return Err(TourError::at(&spec_file, "", format_args!("a tour needs at least one step")));
    }
    let mut read = Vec::with_capacity(list.len());
    for (i, v) in list.iter().enumerate() {
        let s = Obj::new(&spec_file, format!("steps[{i}]"), v, &["id", "scenario", "pause_ms", "highlight", "expect_violation"])?;
        let id = s.text("id")?;
        check_step_id(&spec_file, id, read.iter().any(|(_, earlier)| *earlier == id))?;
        read.push((s, id));
    }
    if let Some(extra) = texts.keys().find(|k| !read.iter().any(|(_, id)| id == k)) {
        return Err(TourError::at(&text_file, "", format_args!("text for step '{extra}', which the tour does not have")));
    }
    check_title(&text_file, "(tour)", title)?;
    let mut steps = Vec::with_capacity(read.len());
    for (s, id) in &read {
        // Everything is checked on borrowed values first and copied into the step at the
        // end: an early refusal then has nothing of this step to drop.
        let Some(text) = texts.get(*id) else {
            let problem = format_args!("step '{id}' has no text; every step needs a title and text in every language");
            return Err(TourError::at(&text_file, "", problem));
        };
        let (title, paragraphs) = step_text(&Obj::new(&text_file, format!("steps.{id}"), text, &["title", "text"])?, id)?;
        let pause_ms = s.get("pause_ms")?.as_u64().ok_or_else(|| s.fail("pause_ms", format_args!("expected a whole number of ms, 0 or more")))?;
        let r = s.child("scenario", &["example", "inline", "patch", "add_events"])?;
        let r = ScenarioRef { example: r.opt_text("example")?, inline: r.opt("inline"), patch: r.opt("patch"), add_events: r.opt_list("add_events")? };
        let h = match s.opt("highlight") {
            Some(_) => highlight(&s.child("highlight", &["nodes", "message_kind", "invariant"])?)?,
            None => (&[][..], None, None),
        };
        let expect_violation = s.opt_text("expect_violation")?;
        let scenario = checked_scenario(&spec_file, id, protocol, r, pause_ms, h, expect_violation)?;
        let own = |t: Option<&str>| t.map(str::to_string);
        let highlight = Highlight { nodes: h.0.iter().map(|n| n.as_u64().unwrap_or(0) as u32).collect(), message_kind: own(h.1), invariant: own(h.2) };
        let paragraphs = paragraphs.iter().map(|p| p.as_str().unwrap_or("").to_string()).collect();
        let expect_violation = own(expect_violation);
        steps.push(Step { id: id.to_string(), title: title.to_string(), paragraphs, scenario, pause_ms, highlight, expect_violation });
    }
    let (id, protocol, title, summary) = (id.to_string(), protocol.to_string(), title.to_string(), summary.to_string());
    Ok(Tour { id, lang, protocol, title, summary, steps })
}

/// Step ids go into links (`&step=split-vote`), so they are words; and they key the texts,
/// so they are unique.
fn check_step_id(file: &str, id: &str, seen: bool) -> Result<(), TourError> {
    let problem = if id.is_empty() || id.len() > 40 || !id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
        "must be 1 to 40 lowercase letters, digits or '-'"
    } else if id.bytes().all(|b| b.is_ascii_digit()) {
        "must not be a number (a number in a link means the step's position)"
    } else if seen {
        "appears twice"
    } else {
        return Ok(());
    };
    Err(TourError::at(file, "", format_args!("step id '{id}' {problem}")))
}

fn check_title(file: &str, step: &str, title: &str) -> Result<(), TourError> {
    if title.trim().is_empty() {
        return Err(TourError::at(file, step, format_args!("the title is empty")));
    }
    Ok(())
}

/// One idea per step: a title and one or two short, non-empty paragraphs (strings).
fn step_text<'a>(t: &Obj<'a>, step: &str) -> Result<(&'a str, &'a [Value]), TourError> {
    let (title, list) = (t.text("title")?, t.list("text")?);
    if list.iter().any(|p| !p.is_string()) {
        return Err(t.fail("text", format_args!("expected a list of paragraphs (strings)")));
    }
    check_title(t.file, step, title)?;
    if !(1..=2).contains(&list.len()) {
        return Err(TourError::at(t.file, step, format_args!("has {} paragraphs; a step has one or two", list.len())));
    }
    if list.iter().any(|p| p.as_str().is_some_and(|p| p.trim().is_empty())) {
        return Err(TourError::at(t.file, step, format_args!("has an empty paragraph")));
    }
    Ok((title, list))
}

/// A step's highlight, as written: nodes (checked to be whole numbers here, and nodes of the
/// scenario by `checked_scenario`), message kind, invariant.
type HighlightRef<'a> = (&'a [Value], Option<&'a str>, Option<&'a str>);

fn highlight<'a>(o: &Obj<'a>) -> Result<HighlightRef<'a>, TourError> {
    let nodes = o.opt_list("nodes")?;
    if nodes.iter().any(|n| n.as_u64().is_none()) {
        return Err(o.fail("nodes", format_args!("expected node ids 1..=n")));
    }
    Ok((nodes, o.opt_text("message_kind")?, o.opt_text("invariant")?))
}

/// The step's scenario text, refused unless the core accepts it, it runs the tour's protocol,
/// the pause is within it, and the highlights name nodes and invariants that exist.
fn checked_scenario(
    file: &str,
    step: &str,
    protocol: &str,
    r: ScenarioRef,
    pause_ms: u64,
    (nodes, _, invariant): HighlightRef,
    expect_violation: Option<&str>,
) -> Result<String, TourError> {
    let text = scenario_text(r).map_err(|problem| TourError::at(file, step, format_args!("{problem}")))?;
    let refused = |problem: &dyn std::fmt::Display| TourError::at(file, step, format_args!("scenario refused: {problem}"));
    let scenario = Scenario::parse(&text).map_err(|e| refused(&e))?;
    if scenario.protocol != protocol {
        return Err(refused(&format_args!("it runs {}, but the tour is about {protocol}", scenario.protocol)));
    }
    let sim = consenso_core::build(&scenario).map_err(|e| refused(&e))?;
    if pause_ms > scenario.duration_ms {
        let problem = format_args!("pause_ms {pause_ms} is beyond the scenario's duration_ms {}", scenario.duration_ms);
        return Err(TourError::at(file, step, problem));
    }
    if let Some(node) = nodes.iter().filter_map(Value::as_u64).find(|&n| n == 0 || n > u64::from(scenario.nodes)) {
        let problem = format_args!("highlight node {node} does not exist; nodes are 1..={}", scenario.nodes);
        return Err(TourError::at(file, step, problem));
    }
    let known: Vec<&str> = sim.invariants().iter().map(|i| i.name).collect();
    for name in invariant.into_iter().chain(expect_violation) {
        if !known.contains(&name) {
            let problem = format_args!("'{name}' is not an invariant of this protocol; known: {}", known.join(", "));
            return Err(TourError::at(file, step, problem));
        }
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = r#"{"id": "t", "protocol": "ring", "steps": [
        {"id": "one", "scenario": {"example": "ring-basic"}, "pause_ms": 500, "highlight": {"nodes": [2], "invariant": "Agreement"}},
        {"id": "two", "scenario": {"example": "ring-partition"}, "pause_ms": 2100, "expect_violation": "Unique leader"}]}"#;
    const TEXTS: &str = r#"{"title": "T", "summary": "S", "steps": {
        "one": {"title": "One", "text": ["a"]}, "two": {"title": "Two", "text": ["b", "c"]}}}"#;

    /// Load with one substring of the structure (or texts) replaced; the error's message.
    fn refused(spec_from: &str, spec_to: &str, texts_from: &str, texts_to: &str) -> String {
        let (spec, texts) = (SPEC.replacen(spec_from, spec_to, 1), TEXTS.replacen(texts_from, texts_to, 1));
        assert!(spec != SPEC || texts != TEXTS, "the replacement changed nothing");
        load("t", Lang::Pt, &spec, &texts).unwrap_err().to_string()
    }

    #[test]
    fn a_good_tour_loads() {
        let t = load("t", Lang::Pt, SPEC, TEXTS).unwrap();
        assert_eq!((t.title.as_str(), t.steps.len(), t.steps[1].paragraphs.len()), ("T", 2, 2));
        assert_eq!(t.steps[1].expect_violation.as_deref(), Some("Unique leader"));
    }

    #[test]
    fn every_problem_is_named_with_its_file_and_step() {
        let cases = [
            (refused("", "", r#""two": {"title": "Two", "text": ["b", "c"]}"#, r#""zwei": {"title": "Two", "text": ["b"]}"#), "tours/t.pt.json: text for step 'zwei'"),
            (refused("", "", r#", "two": {"title": "Two", "text": ["b", "c"]}"#, ""), "tours/t.pt.json: step 'two' has no text"),
            (refused("ring-partition", "ring-nope", "", ""), "step 'two': example 'ring-nope' is not in the catalog"),
            (refused("\"pause_ms\": 500", "\"pause_ms\": 5000", "", ""), "step 'one': pause_ms 5000 is beyond the scenario's duration_ms 2000"),
            (refused("\"nodes\": [2]", "\"nodes\": [9]", "", ""), "step 'one': highlight node 9 does not exist; nodes are 1..=5"),
            (refused("\"Unique leader\"", "\"Leader Uniqueness\"", "", ""), "step 'two': 'Leader Uniqueness' is not an invariant of this protocol; known: Unique leader, Agreement"),
            (refused("\"invariant\": \"Agreement\"", "\"invariant\": \"IC1\"", "", ""), "'IC1' is not an invariant"),
            (refused("\"protocol\": \"ring\"", "\"protocol\": \"raft\"", "", ""), "step 'one': scenario refused: it runs ring, but the tour is about raft"),
            (refused("{\"example\": \"ring-basic\"}", "{}", "", ""), "step 'one': scenario needs exactly one of"),
            (refused("{\"example\": \"ring-basic\"}", "{\"example\": \"ring-basic\", \"patch\": {\"nodes\": 1}}", "", ""), "step 'one': scenario refused: nodes: 1 is out of range"),
            (refused("\"id\": \"t\"", "\"id\": \"u\"", "", ""), "tours/t.json: id is 'u'"),
            (refused("\"id\": \"two\"", "\"id\": \"one\"", "", ""), "step id 'one' appears twice"),
            (refused("\"id\": \"two\"", "\"id\": \"Two Words\"", "", ""), "step id 'Two Words' must be 1 to 40 lowercase"),
            (refused("\"id\": \"two\"", "\"id\": \"7\"", "", ""), "step id '7' must not be a number"),
            (refused("", "", "[\"b\", \"c\"]", "[\"b\", \"c\", \"d\"]"), "step 'two': has 3 paragraphs; a step has one or two"),
            (refused("", "", "[\"a\"]", "[\" \"]"), "step 'one': has an empty paragraph"),
            (refused("", "", "\"title\": \"One\"", "\"title\": \"\""), "step 'one': the title is empty"),
            (refused("\"pause_ms\": 500", "\"pause_ms\": -1", "", ""), "tours/t.json: steps[0].pause_ms: expected a whole number of ms"),
            (refused("\"pause_ms\": 500", "\"pause_ms\": 500, \"colour\": 1", "", ""), "tours/t.json: steps[0].colour: unknown field; expected one of id, scenario"),
            (refused("", "", "\"summary\": \"S\",", ""), "tours/t.pt.json: summary: missing field"),
            (refused("\"steps\": [", "\"steps\": [] , \"x\": [", "", ""), "tours/t.json: x: unknown field"),
        ];
        for (got, want) in cases {
            assert!(got.contains(want), "expected {want:?} in {got:?}");
        }
        let no_steps = load("t", Lang::En, r#"{"id": "t", "protocol": "ring", "steps": []}"#, TEXTS).unwrap_err();
        assert_eq!(no_steps.to_string(), "tours/t.json: a tour needs at least one step");
    }
}
