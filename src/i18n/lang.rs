//! The languages of the page and how one is chosen: `?lang=` first, then the browser's
//! preferences, then English. Pure functions over strings, so they are tested natively.

use std::fmt;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    #[default]
    En,
    Pt,
    Es,
}

impl Lang {
    /// Every language, in the order a picker lists them.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Pt, Lang::Es];

    /// The code used in `?lang=`, in file names (`tours/raft.pt.json`) and in `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Pt => "pt",
            Lang::Es => "es",
        }
    }

    /// The language's name in itself: a picker shows these whatever the page's language is,
    /// so a reader who cannot read the current language still finds their own.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Pt => "Português",
            Lang::Es => "Español",
        }
    }

    /// A BCP 47 tag as browsers give it (`pt-BR`, `es-419`, `EN_us`): the primary subtag
    /// decides, because the tours are written once per language, not per region.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
        Lang::ALL.into_iter().find(|l| l.code().eq_ignore_ascii_case(primary))
    }

    /// The value of a `?lang=` parameter, refused with a message naming it when it is not
    /// a language of the page.
    pub fn from_query(value: &str) -> Result<Lang, crate::told::Told> {
        Lang::from_tag(value).ok_or_else(|| {
            let known: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
            crate::told::Told::key("link.no_lang", [("got", crate::link::clip(value)), ("langs", known.join(", ").into())])
        })
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The page's language: the `?lang=` value if it names one of ours, else the first of the
/// browser's preferred languages (`navigator.languages`, best first) that we have, else English.
/// An unknown `?lang=` falls through to the browser's choice rather than leaving the page
/// unreadable; the caller reports it with `Lang::from_query`'s message.
pub fn choose(query: Option<&str>, browser: &[&str]) -> Lang {
    query
        .and_then(Lang::from_tag)
        .or_else(|| browser.iter().find_map(|t| Lang::from_tag(t)))
        .unwrap_or_default()
}

/// The `lang` value of a `location.search` string, if present (`?a=1&lang=pt` → `pt`).
pub fn query_lang(search: &str) -> Option<&str> {
    let query = search.strip_prefix('?').unwrap_or(search);
    query.split('&').filter_map(|p| p.split_once('=')).find(|(k, _)| *k == "lang").map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_name_languages_by_their_primary_subtag() {
        assert_eq!(Lang::from_tag("pt-BR"), Some(Lang::Pt));
        assert_eq!(Lang::from_tag("es-419"), Some(Lang::Es));
        assert_eq!(Lang::from_tag("EN_us"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr-FR"), None);
        assert_eq!(Lang::from_tag(""), None);
        // "p" is not "pt": the whole primary subtag must match.
        assert_eq!(Lang::from_tag("p"), None);
    }

    #[test]
    fn the_link_wins_then_the_browser_then_english() {
        assert_eq!(choose(Some("es"), &["pt-BR", "en"]), Lang::Es);
        assert_eq!(choose(None, &["fr", "pt-BR", "es"]), Lang::Pt);
        assert_eq!(choose(Some("klingon"), &["es-AR"]), Lang::Es);
        assert_eq!(choose(None, &["fr", "de"]), Lang::En);
        assert_eq!(choose(None, &[]), Lang::En);
    }

    #[test]
    fn a_bad_query_value_is_named() {
        let e = Lang::from_query("fr").unwrap_err().en();
        assert!(e.contains("'fr'") && e.contains("en, pt, es"), "{e}");
        assert_eq!(Lang::from_query("pt"), Ok(Lang::Pt));
    }

    #[test]
    fn the_lang_parameter_is_found_in_a_query() {
        assert_eq!(query_lang("?scenario=ring-basic&lang=pt"), Some("pt"));
        assert_eq!(query_lang("lang=es"), Some("es"));
        assert_eq!(query_lang("?language=es"), None);
        assert_eq!(query_lang(""), None);
    }
}
