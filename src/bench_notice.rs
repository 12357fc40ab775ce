//! `?bench` on the site every user downloads. The benchmark (src/bench.rs) is compiled only with
//! the cargo feature `bench`, into the page scripts/bench-web builds; this build says so in the
//! notice bar rather than ignoring the switch, and shows the linked run as usual.
//! (English only, like the bench page itself: the switch is a developer's.)

use crate::state::AppState;

pub const NOT_BUILT_IN: &str =
    "?bench: the benchmark is not part of this page. It is a separate build (cargo feature `bench`): run scripts/bench-web.";

/// The page's first state, told that the bench is missing when the link asks for it and this
/// build has none. A notice the state already carries is kept.
pub fn told_if_missing(state: AppState, asked: bool) -> AppState {
    if !asked || cfg!(feature = "bench") || state.notice.is_some() {
        return state;
    }
    AppState { notice: Some(NOT_BUILT_IN.into()), ..state }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bench_asked_of_a_build_without_it_gets_a_notice() {
        let state = told_if_missing(AppState::from_link("?bench"), true);
        let expected = if cfg!(feature = "bench") { None } else { Some(NOT_BUILT_IN) };
        assert_eq!(state.notice.as_deref(), expected);
        assert!(state.run.is_ok(), "the linked run still opens");
    }

    #[test]
    fn no_notice_unless_asked_and_an_earlier_one_is_kept() {
        assert!(told_if_missing(AppState::from_link(""), false).notice.is_none());
        let told = AppState { notice: Some("earlier".into()), ..AppState::from_link("?bench") };
        assert_eq!(told_if_missing(told, true).notice.as_deref(), Some("earlier"));
    }
}
