//! The URL fragment that makes every moment a link: `#t=<µs>&z=<scenario>`.
//!
//! `t` is the virtual time shown (µs, so a link reopens the exact frame). `z` is the scenario
//! document (compact JSON) compressed with the browser's deflate-raw and written in base64url,
//! so it survives chat apps and course notes unescaped. A browser without CompressionStream
//! writes `j=` instead: the same JSON, base64url but not compressed. This module is pure text
//! handling (tested natively); the compression itself is in `compress.rs`.
//!
//! Every check happens before anything large is allocated: the fragment's length is capped, and
//! base64 decoding never yields more than 3/4 of it.

use consenso_core::scenario::limits::MAX_BYTES;
use consenso_core::sim::Time;

use crate::told::Told;

/// Longest fragment accepted, in characters (the decompressed size is capped separately, at
/// the scenario limit, while decompressing).
pub const MAX_FRAGMENT: usize = MAX_BYTES;

#[derive(Debug, PartialEq)]
pub enum Payload {
    /// deflate-raw bytes, to be inflated by the browser.
    Deflated(Vec<u8>),
    /// The scenario text itself.
    Plain(String),
}

#[derive(Debug, PartialEq)]
pub struct Fragment {
    pub at: Time,
    pub payload: Payload,
}

/// `location.hash` (with or without `#`) as a share link, `None` when there is no fragment, or
/// the reason it is refused.
pub fn parse(hash: &str) -> Option<Result<Fragment, Told>> {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    (!hash.is_empty()).then(|| parse_fields(hash))
}

fn parse_fields(hash: &str) -> Result<Fragment, Told> {
    if hash.len() > MAX_FRAGMENT {
        return Err(Told::key("share.too_long", [("n", hash.len().into()), ("max", MAX_FRAGMENT.into())]));
    }
    let (mut at, mut payload) = (0, None);
    for pair in hash.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "t" => at = value.parse().map_err(|_| part("t", Told::key("share.not_a_time", [("got", clip(value).into())])))?,
            "z" => payload = Some(Payload::Deflated(base64url_decode(value).map_err(|e| part("z", e))?)),
            "j" => {
                let bytes = base64url_decode(value).map_err(|e| part("j", e))?;
                let text = String::from_utf8(bytes).map_err(|_| part("j", Told::key("share.not_utf8", [])))?;
                payload = Some(Payload::Plain(text));
            }
            other => return Err(Told::key("share.unknown_part", [("got", clip(other).into())])),
        }
    }
    let payload = payload.ok_or(()).map_err(|_| Told::key("share.no_scenario", []))?;
    Ok(Fragment { at, payload })
}

/// The fragment (with its `#`) for a scenario shown at `at`.
pub fn format(at: Time, payload: &Payload) -> String {
    match payload {
        Payload::Deflated(bytes) => format!("#t={at}&z={}", base64url_encode(bytes)),
        Payload::Plain(text) => format!("#t={at}&j={}", base64url_encode(text.as_bytes())),
    }
}

/// A refused part of the fragment, named: `z: ...`.
fn part(name: &str, why: Told) -> Told {
    Told::key("share.refused", [("where", name.into()), ("why", why)])
}

fn clip(s: &str) -> String {
    s.chars().take(30).collect()
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// RFC 4648 §5 base64url without padding: a dozen lines instead of a crate.
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// The inverse of `base64url_encode`; padding `=` is tolerated, anything else is refused.
pub fn base64url_decode(text: &str) -> Result<Vec<u8>, Told> {
    let text = text.trim_end_matches('=');
    if text.len() % 4 == 1 {
        return Err(Told::key("share.cut_short", []));
    }
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    let (mut n, mut bits) = (0u32, 0);
    for c in text.bytes() {
        let v = ALPHABET.iter().position(|&a| a == c).ok_or_else(|| {
            Told::key("share.not_base64", [("got", char::from(c).escape_default().to_string().into())])
        })?;
        n = n << 6 | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((n >> bits) as u8);
        }
    }
    Ok(out)
}

// Native only: tests/wasm_share.rs includes this file to test the browser path.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips_every_length_and_byte() {
        let all: Vec<u8> = (0..=255).collect();
        for len in 0..=all.len() {
            let enc = base64url_encode(&all[..len]);
            assert!(enc.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "{enc}");
            assert_eq!(base64url_decode(&enc).unwrap(), &all[..len], "length {len}");
        }
        // RFC 4648 §10 test vectors (base64url differs from base64 only in '-' and '_').
        assert_eq!(base64url_encode(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64url_encode(b"fo"), "Zm8");
        assert_eq!(base64url_encode(&[0xfb, 0xff]), "-_8");
        assert_eq!(base64url_decode("Zm8=").unwrap(), b"fo");
    }

    #[test]
    fn bad_base64_is_named() {
        assert!(base64url_decode("ab+c").unwrap_err().en().contains("'+'"));
        assert!(base64url_decode("abcde").unwrap_err().en().contains("cut short"));
    }

    #[test]
    fn fragments_round_trip() {
        for payload in [Payload::Deflated(vec![1, 2, 250, 0]), Payload::Plain(r#"{"protocol":"ring"}"#.into())] {
            let text = format(1_234_567, &payload);
            assert!(text.starts_with("#t=1234567&"), "{text}");
            assert_eq!(parse(&text).unwrap().unwrap(), Fragment { at: 1_234_567, payload });
        }
        assert_eq!(parse(""), None);
        assert_eq!(parse("#"), None);
    }

    #[test]
    fn bad_fragments_are_refused_with_the_reason() {
        for (hash, says) in [
            ("#t=12", "no scenario"),
            ("#t=soon&z=AAAA", "t: 'soon'"),
            ("#t=1&z=AA*A", "z: '*'"),
            ("#t=1&j=_w", "UTF-8"),
            ("#section-2", "'section-2' is not part"),
        ] {
            let e = parse(hash).unwrap().unwrap_err().en();
            assert!(e.contains(says), "{hash}: {e}");
        }
        let huge = format!("#t=0&z={}", "A".repeat(MAX_FRAGMENT));
        assert!(parse(&huge).unwrap().unwrap_err().en().contains("limit"));
    }
}
