//! Where in a JSON document a deserialization error is, as a field path (`network.latency_ms`,
//! `events[3]`, `traitors.2`). serde_json says where it stopped (line and column); this scans
//! the text up to there and names the value it was in. The scan is written once; tracking the
//! path while deserializing (serde_path_to_error) costs code for every type deserialized, and
//! the web app's bundle paid for it once per protocol's params.

use serde::de::DeserializeOwned;

/// Deserialize `T` from JSON `text`; an error comes with the path it is at ("" for the
/// document itself) and serde's message without its " at line L column C".
pub(crate) fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, (String, String)> {
    serde_json::from_str(text).map_err(|e| (path_at(text, e.line(), e.column()), strip_position(&e.to_string())))
}

/// serde_json appends " at line L column C"; the field path already says where.
pub(crate) fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

enum Frame {
    /// An object; `key` is the member being read (`None` between members).
    Object { key: Option<String>, expect_key: bool },
    /// An array; `index` is the element being read, if one has started.
    Array { index: usize, started: bool },
}

/// The path of the value being read at 1-based `line`, `column` (a byte count, as serde_json
/// gives it): the text up to there is scanned and the open objects and arrays named.
fn path_at(text: &str, line: usize, column: usize) -> String {
    let line_start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    let mut end = (line_start + column).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let b = &text.as_bytes()[..end];
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'{' | b'[' => {
                start_value(&mut stack);
                stack.push(if b[i] == b'{' {
                    Frame::Object { key: None, expect_key: true }
                } else {
                    Frame::Array { index: 0, started: false }
                });
            }
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { key, expect_key }) => (*key, *expect_key) = (None, true),
                Some(Frame::Array { index, started }) => (*index, *started) = (*index + 1, false),
                None => {}
            },
            b':' => {
                if let Some(Frame::Object { expect_key, .. }) = stack.last_mut() {
                    *expect_key = false;
                }
            }
            b'"' => {
                let (s, next) = string(b, i + 1);
                match stack.last_mut() {
                    Some(Frame::Object { key, expect_key: true }) => *key = Some(s),
                    _ => start_value(&mut stack),
                }
                i = next;
                continue;
            }
            c if c.is_ascii_whitespace() => {}
            _ => {
                // A number or a literal: skip to its end.
                start_value(&mut stack);
                while i < b.len() && !matches!(b[i], b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r') {
                    i += 1;
                }
                continue;
            }
        }
        i += 1;
    }
    let mut path = String::new();
    for f in &stack {
        match f {
            Frame::Object { key: Some(k), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Array { index, started: true } => path.push_str(&format!("[{index}]")),
            _ => break,
        }
    }
    path
}

fn start_value(stack: &mut [Frame]) {
    if let Some(Frame::Array { started, .. }) = stack.last_mut() {
        *started = true;
    }
}

/// The string starting after the quote at `b[start - 1]` (escapes kept as written, which is
/// enough to name a field), and the index after its closing quote.
fn string(b: &[u8], start: usize) -> (String, usize) {
    let mut i = start;
    while i < b.len() && b[i] != b'"' {
        i += if b[i] == b'\\' { 2 } else { 1 };
    }
    let end = i.min(b.len());
    (String::from_utf8_lossy(&b[start..end]).into_owned(), end + 1)
}

#[cfg(test)]
mod tests {
    use super::path_at;

    /// The path at the end of `prefix`, scanned within `prefix + rest`.
    fn at(prefix: &str, rest: &str) -> String {
        path_at(&format!("{prefix}{rest}"), 1, prefix.len())
    }

    #[test]
    fn names_members_elements_and_nothing_at_the_top() {
        assert_eq!(at(r#"{"a": 1, "nodes": "five""#, "}"), "nodes");
        assert_eq!(at(r#"{"network": {"latency_ms": [1]"#, "}}"), "network.latency_ms");
        assert_eq!(at(r#"{"network": {"latency""#, ": 1}}"), "network.latency");
        assert_eq!(at(r#"{"e": [{"a": 1}, {"b": [2, "x""#, "]}]}"), "e[1].b[1]");
        assert_eq!(at(r#"{"t": {"2": "sneaky""#, "}}"), "t.2");
        assert_eq!(at(r#"{"a": {"b": 1}}"#, ""), "");
        assert_eq!(at(r#"{"a": {"b": 1}"#, "}"), "a");
        assert_eq!(at("{\"s\": \"x,\\\"]\", \"n\": -1", "}"), "n");
    }

    #[test]
    fn counts_columns_from_the_error_line() {
        let text = "{\n  \"nodes\": 5,\n  \"seed\": -1\n}";
        assert_eq!(path_at(text, 3, 12), "seed");
    }
}
