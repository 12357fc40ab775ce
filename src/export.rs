//! "Export SVG": download a drawing as a standalone SVG file, with the page's styles copied
//! in, so it looks the same opened on its own or pasted into slides.

use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, CssStyleSheet, HtmlAnchorElement, Url};

/// Download the `<svg id=...>` now on the page as `file_name`.
pub fn download_svg(id: &str, file_name: &str) -> Result<(), String> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let svg = document.get_element_by_id(id).ok_or_else(|| format!("no #{id} on the page"))?;
    let text = standalone(&svg.outer_html(), &page_css(&document));
    let parts = js_sys::Array::of1(&text.into());
    let options = BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| "could not make the file")?;
    let url = Url::create_object_url_with_blob(&blob).map_err(|_| "could not make a link to the file")?;
    let a: HtmlAnchorElement = document.create_element("a").map_err(|_| "no <a>")?.unchecked_into();
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    let _ = Url::revoke_object_url(&url);
    Ok(())
}

/// Every CSS rule of the page's own style sheets (the drawing's classes and colours).
fn page_css(document: &web_sys::Document) -> String {
    let sheets = document.style_sheets();
    let mut css = String::new();
    for i in 0..sheets.length() {
        let Some(sheet) = sheets.get(i).and_then(|s| s.dyn_into::<CssStyleSheet>().ok()) else { continue };
        let Ok(rules) = sheet.css_rules() else { continue };
        for k in 0..rules.length() {
            if let Some(rule) = rules.get(k) {
                css.push_str(&rule.css_text());
                css.push('\n');
            }
        }
    }
    css
}

/// The SVG markup with a `<style>` holding `css` right after its opening tag, the XML
/// namespace declared, and a white background (a drawing on a dark slide stays readable).
pub fn standalone(svg: &str, css: &str) -> String {
    let Some(open_end) = svg.find('>') else { return svg.to_string() };
    let (open, rest) = svg.split_at(open_end);
    let ns = if open.contains("xmlns=") { "" } else { r#" xmlns="http://www.w3.org/2000/svg""# };
    let css = css.replace("]]>", "]]]]><![CDATA[>");
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{open}{ns} style=\"background:#fff\">\
         <style><![CDATA[\n{css}]]></style>{}",
        &rest[1..]
    )
}

#[cfg(test)]
mod tests {
    use super::standalone;

    #[test]
    fn the_style_goes_inside_the_svg_and_the_namespace_is_declared() {
        let out = standalone(r#"<svg id="network" viewBox="0 0 10 10"><circle r="1"></circle></svg>"#, ".node { fill: red }");
        assert!(out.starts_with("<?xml"));
        assert!(out.contains(r#"<svg id="network" viewBox="0 0 10 10" xmlns="http://www.w3.org/2000/svg" style="background:#fff"><style><![CDATA["#));
        assert!(out.contains(".node { fill: red }") && out.ends_with("<circle r=\"1\"></circle></svg>"));
    }
}
