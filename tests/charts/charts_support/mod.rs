//! Helpers for the chart tests: render through `svg::render`, pick SVG elements apart, and check that
//! every coordinate is a finite number inside a sane window.
#![allow(dead_code)]

pub mod crowded;
pub mod examples;

use segscope::charts::{palette, ChartError, Theme};
use std::collections::HashMap;

/// The SVG drawing area the tests draw on.
pub type Area<'a> = plotters::drawing::DrawingArea<plotters::prelude::SVGBackend<'a>, plotters::coord::Shift>;

/// One SVG element: its tag, attributes and (for `<text>`) its content.
#[derive(Debug, Clone)]
pub struct Element {
    pub tag: String,
    pub attrs: HashMap<String, String>,
    pub text: String,
}

impl Element {
    pub fn attr(&self, name: &str) -> &str {
        self.attrs.get(name).map(String::as_str).unwrap_or("")
    }
    pub fn num(&self, name: &str) -> f64 {
        self.attr(name).parse().unwrap_or(f64::NAN)
    }
}

/// Every element of the SVG, in document order.
pub fn elements(svg: &str) -> Vec<Element> {
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        if rest.starts_with('/') || rest.starts_with('?') || rest.starts_with('!') {
            continue;
        }
        let end = rest.find('>').expect("unclosed tag");
        let head = &rest[..end];
        let tag: String = head.chars().take_while(|c| c.is_alphanumeric()).collect();
        let mut attrs = HashMap::new();
        let mut a = &head[tag.len()..];
        while let Some(eq) = a.find("=\"") {
            let name = a[..eq].trim().to_string();
            let val_end = a[eq + 2..].find('"').expect("unterminated attribute");
            attrs.insert(name, a[eq + 2..eq + 2 + val_end].to_string());
            a = &a[eq + 2 + val_end + 1..];
        }
        rest = &rest[end + 1..];
        let mut text = String::new();
        if tag == "text" {
            let close = rest.find("</text>").unwrap_or(0);
            text = rest[..close].trim().to_string();
        }
        out.push(Element { tag, attrs, text });
    }
    out
}

/// The elements with tag `tag`.
pub fn tagged<'a>(els: &'a [Element], tag: &str) -> Vec<&'a Element> {
    els.iter().filter(|e| e.tag == tag).collect()
}

/// Filled elements of `tag` whose fill is `colour` (as plotters writes it: `#RRGGBB`) at full opacity.
pub fn filled<'a>(els: &'a [Element], tag: &str, colour: &str) -> Vec<&'a Element> {
    let colour = colour.to_uppercase();
    els.iter().filter(|e| e.tag == tag && e.attr("fill") == colour && e.attr("opacity") == "1").collect()
}

/// Stroked polylines in `colour`.
pub fn stroked<'a>(els: &'a [Element], colour: &str) -> Vec<&'a Element> {
    let colour = colour.to_uppercase();
    els.iter().filter(|e| e.tag == "polyline" && e.attr("stroke") == colour).collect()
}

/// `#RRGGBB` of segment `id`.
pub fn seg_hex(id: i32) -> String {
    palette::hex(palette::segment_colour(id)).to_uppercase()
}

/// All texts, in order.
pub fn texts(els: &[Element]) -> Vec<String> {
    els.iter().filter(|e| e.tag == "text").map(|e| e.text.clone()).collect()
}

/// True when some text equals `s` exactly (after XML unescaping of the usual entities).
pub fn has_text(els: &[Element], s: &str) -> bool {
    texts(els).iter().any(|t| unescape(t) == s)
}

/// True when some text contains `s`.
pub fn has_text_containing(els: &[Element], s: &str) -> bool {
    texts(els).iter().any(|t| unescape(t).contains(s))
}

pub fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Panics unless every numeric attribute is finite and within a window around the canvas, and no text
/// says NaN or inf.
pub fn assert_sane(svg: &str, width: u32, height: u32) {
    let els = elements(svg);
    let lim = 4.0 * width.max(height) as f64;
    for e in &els {
        for (k, v) in &e.attrs {
            let numeric: Vec<f64> = match k.as_str() {
                "x" | "y" | "x1" | "y1" | "x2" | "y2" | "cx" | "cy" | "r" | "width" | "height" => {
                    vec![v.parse::<f64>().unwrap_or(f64::NAN)]
                }
                "points" => v
                    .split_whitespace()
                    .flat_map(|p| p.split(','))
                    .map(|n| n.parse::<f64>().unwrap_or(f64::NAN))
                    .collect(),
                _ => continue,
            };
            for n in numeric {
                assert!(n.is_finite() && n.abs() <= lim, "<{} {k}=\"{v}\"> is not a sane coordinate", e.tag);
            }
        }
        if e.tag == "text" {
            let t = e.text.to_lowercase();
            assert!(!t.contains("nan") && !t.contains("inf"), "text shows a non-number: {:?}", e.text);
        }
    }
}

/// Renders with both themes at scale 1 and 2, checks each is sane, and returns the light scale-1 SVG.
pub fn render_all<F>(width: u32, height: u32, draw: F) -> String
where
    F: Fn(&Area<'_>, &Theme) -> Result<(), ChartError>,
{
    let mut first = None;
    for theme in [Theme::light(1.0), Theme::dark(1.0), Theme::light(2.0), Theme::dark(2.0)] {
        let (w, h) = ((width as f64 * theme.scale) as u32, (height as f64 * theme.scale) as u32);
        let svg = segscope::charts::svg::render(w, h, |a| draw(a, &theme)).expect("chart draws");
        assert_sane(&svg, w, h);
        let bg = palette::hex(theme.background).to_uppercase();
        assert!(svg.contains(&format!("fill=\"{bg}\"")), "theme background {bg} is painted");
        first.get_or_insert(svg);
    }
    first.unwrap_or_default()
}

/// Renders once with the light theme at scale 1.
pub fn render_light<F>(width: u32, height: u32, draw: F) -> String
where
    F: FnOnce(&Area<'_>, &Theme) -> Result<(), ChartError>,
{
    let theme = Theme::light(1.0);
    let svg = segscope::charts::svg::render(width, height, |a| draw(a, &theme)).expect("chart draws");
    assert_sane(&svg, width, height);
    svg
}

/// Asserts the chart was drawn as the friendly "No data" panel.
pub fn assert_no_data(svg: &str) {
    let els = elements(svg);
    assert!(has_text(&els, "No data"), "expected a No data message, got texts {:?}", texts(&els));
}

/// The points of a `<polyline>`.
pub fn points(e: &Element) -> Vec<(f64, f64)> {
    e.attr("points")
        .split_whitespace()
        .filter_map(|p| {
            let (x, y) = p.split_once(',')?;
            Some((x.parse().ok()?, y.parse().ok()?))
        })
        .collect()
}

/// Elements of `tag` whose fill is `colour` at opacity `opacity` (as written, e.g. "0.35").
pub fn filled_with<'a>(els: &'a [Element], tag: &str, colour: &str, opacity: &str) -> Vec<&'a Element> {
    let colour = colour.to_uppercase();
    els.iter().filter(|e| e.tag == tag && e.attr("fill") == colour && e.attr("opacity") == opacity).collect()
}

/// The first `<text>` equal to `s`.
pub fn text_el<'a>(els: &'a [Element], s: &str) -> &'a Element {
    els.iter()
        .find(|e| e.tag == "text" && unescape(&e.text) == s)
        .unwrap_or_else(|| panic!("no text {s:?} in {:?}", texts(els)))
}

/// `#RRGGBB` of a plotters colour.
pub fn hex(c: plotters::style::RGBColor) -> String {
    palette::hex(c).to_uppercase()
}
