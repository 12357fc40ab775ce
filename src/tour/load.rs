//! From two file texts (structure and one language) to a checked `Tour`. Every problem is
//! refused with a `TourError` naming the file and step; nothing here panics on bad input.

use consenso_core::Scenario;

use super::error::TourError;
use super::parse;
use super::model::{StepSpec, StepText, Tour, TourSpec, TourTexts, Step};
use super::scenario::{scenario_text, Problem};
use crate::i18n::Lang;

/// `tours/raft.json` (structure) or `tours/raft.pt.json` (texts), relative to the site root.
pub fn file_name(tour: &str, lang: Option<Lang>) -> String {
    match lang {
        None => format!("tours/{tour}.json"),
        Some(l) => format!("tours/{tour}.{}.json", l.code()),
    }
}

/// Check a tour's structure and one language's texts against each other and the simulator.
/// `tour` is the id the caller asked for (the file name's).
pub fn load(tour: &str, lang: Lang, structure: &str, texts: &str) -> Result<Tour, TourError> {
    let spec_file = file_name(tour, None);
    let text_file = file_name(tour, Some(lang));
    let spec: TourSpec = parse::spec(&spec_file, structure)?;
    let words: TourTexts = parse::texts(&text_file, texts)?;
    if spec.id != tour {
        return Err(TourError::in_file(&spec_file, &format!("id is '{}', but the file name says otherwise", spec.id)));
    }
    if spec.steps.is_empty() {
        return Err(TourError::in_file(&spec_file, "a tour needs at least one step"));
    }
    check_step_ids(&spec_file, &spec.steps)?;
    if let Some(extra) = words.steps.keys().find(|k| !spec.steps.iter().any(|s| &s.id == *k)) {
        return Err(TourError::in_file(&text_file, &format!("text for step '{extra}', which the tour does not have")));
    }
    check_title(&text_file, "(tour)", &words.title)?;
    let mut steps = Vec::with_capacity(spec.steps.len());
    for s in &spec.steps {
        let text = words.steps.get(&s.id).ok_or_else(|| {
            let problem = format!("step '{}' has no text; every step needs a title and text in every language", s.id);
            TourError::in_file(&text_file, &problem)
        })?;
        check_text(&text_file, &s.id, text)?;
        let scenario = checked_scenario(&spec_file, &spec.protocol, s)?;
        steps.push(Step {
            id: s.id.clone(),
            title: text.title.clone(),
            paragraphs: text.text.clone(),
            scenario,
            pause_ms: s.pause_ms,
            highlight: s.highlight.clone(),
            expect_violation: s.expect_violation.clone(),
        });
    }
    Ok(Tour { id: spec.id, lang, protocol: spec.protocol, title: words.title, summary: words.summary, steps })
}

/// Step ids go into links (`&step=split-vote`), so they are words; and they key the texts,
/// so they are unique.
fn check_step_ids(file: &str, steps: &[StepSpec]) -> Result<(), TourError> {
    for (i, s) in steps.iter().enumerate() {
        let bad = |problem| Err(TourError::in_file(file, &format!("step id '{}' {problem}", s.id)));
        if s.id.is_empty() || s.id.len() > 40 || !s.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
            return bad("must be 1 to 40 lowercase letters, digits or '-'");
        }
        if s.id.bytes().all(|b| b.is_ascii_digit()) {
            return bad("must not be a number (a number in a link means the step's position)");
        }
        if steps[..i].iter().any(|o| o.id == s.id) {
            return bad("appears twice");
        }
    }
    Ok(())
}

fn check_title(file: &str, step: &str, title: &str) -> Result<(), TourError> {
    if title.trim().is_empty() {
        return Err(TourError::at_step(file, step, "the title is empty"));
    }
    Ok(())
}

/// One idea per step: a title and one or two short, non-empty paragraphs.
fn check_text(file: &str, step: &str, t: &StepText) -> Result<(), TourError> {
    check_title(file, step, &t.title)?;
    let problem = if !(1..=2).contains(&t.text.len()) {
        Some(format!("has {} paragraphs; a step has one or two", t.text.len()))
    } else if t.text.iter().any(|p| p.trim().is_empty()) {
        Some("has an empty paragraph".to_string())
    } else {
        None
    };
    match problem {
        Some(problem) => Err(TourError::at_step(file, step, &problem)),
        None => Ok(()),
    }
}

/// The step's scenario text, refused unless the core accepts it, it runs the tour's protocol,
/// the pause is within it, and the highlights name nodes and invariants that exist.
fn checked_scenario(file: &str, protocol: &str, s: &StepSpec) -> Result<String, TourError> {
    let fail = |problem: &str| TourError::at_step(file, &s.id, problem);
    let text = scenario_text(&s.scenario).map_err(|p| match p {
        Problem::Source => fail("scenario needs exactly one of \"example\" (a catalog id) or \"inline\""),
        Problem::UnknownExample(example) => fail(&format!("example '{example}' is not in the catalog (src/catalog.rs)")),
        Problem::Other(problem) => fail(&format!("scenario refused: {problem}")),
    })?;
    let refused = |problem: String| fail(&format!("scenario refused: {problem}"));
    let scenario = Scenario::parse(&text).map_err(|e| refused(e.to_string()))?;
    if scenario.protocol != protocol {
        return Err(refused(format!("it runs {}, but the tour is about {protocol}", scenario.protocol)));
    }
    let sim = consenso_core::build(&scenario).map_err(|e| refused(e.to_string()))?;
    if s.pause_ms > scenario.duration_ms {
        return Err(fail(&format!("pause_ms {} is beyond the scenario's duration_ms {}", s.pause_ms, scenario.duration_ms)));
    }
    if let Some(&node) = s.highlight.nodes.iter().find(|&&n| n == 0 || n > scenario.nodes) {
        return Err(fail(&format!("highlight node {node} does not exist; nodes are 1..={}", scenario.nodes)));
    }
    let known: Vec<String> = sim.invariants().iter().map(|i| i.name.to_string()).collect();
    for name in s.highlight.invariant.iter().chain(&s.expect_violation) {
        if !known.contains(name) {
            return Err(fail(&format!("'{name}' is not an invariant of this protocol; known: {}", known.join(", "))));
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
