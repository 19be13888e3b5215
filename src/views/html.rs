//! The self-contained HTML report: summary, charts as inline SVG, segment profiles, settings and data notes.
//! No script, no external file: it opens offline and prints well.

use super::{charts, format};
use crate::charts::{ChartSpec, Theme};
use crate::engine::pipeline::Report;

const STYLE: &str = "
body{font:14px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1f2328;margin:0;background:#fff}
main{max-width:1000px;margin:0 auto;padding:32px 24px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 8px;border-bottom:1px solid #dde1e6;padding-bottom:4px}
.muted{color:#5b636e}.kpis{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}
.wide{overflow-x:auto}.wide tbody th{min-width:16em}
.kpi{border:1px solid #dde1e6;border-radius:10px;padding:8px 14px}.kpi b{display:block;font-size:20px}
table{border-collapse:collapse;width:100%;font-size:13px;margin:8px 0}th,td{border-bottom:1px solid #e4e7eb;padding:6px 8px;text-align:left;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}.swatch{display:inline-block;width:10px;height:10px;border-radius:3px;margin-right:6px}
figure{margin:16px 0;break-inside:avoid}figure svg{max-width:100%;height:auto}pre{background:#f6f8fa;padding:12px;border-radius:8px;overflow:auto;font-size:12px;white-space:pre-wrap}
@media print{main{padding:0}h2{break-after:avoid}table,figure{break-inside:avoid}}
";

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn figure(spec: Option<ChartSpec>, width: u32, height: u32) -> String {
    let Some(spec) = spec else { return String::new() };
    match spec.to_svg(width, height, &Theme::light(1.0)) {
        Ok(svg) => {
            format!("<figure>{svg}<figcaption class=\"muted\">{}</figcaption></figure>", esc(spec.title()))
        }
        Err(e) => format!("<p class=\"muted\">{}: {}</p>", esc(spec.title()), esc(&e.to_string())),
    }
}

/// True when the source column `name` is one the segments were found on (as itself, one-hot levels or a
/// k-prototypes category).
fn used(r: &Report, name: &str) -> bool {
    let name = crate::engine::pipeline::shown_values::source_column(name);
    let level = format!("{name}_");
    r.features.iter().chain(&r.categorical_features).any(|f| f == name || f.starts_with(&level))
}

/// What a yes/no or 0/1 feature's segment mean is a share of ("yes", "1"): `None` for other features.
fn share_of(r: &Report, feature: &str) -> Option<&'static str> {
    use crate::engine::table::ColumnKind;
    let c = r.data.columns.iter().find(|c| c.name == feature)?;
    match c.kind {
        ColumnKind::Boolean => Some("yes"),
        ColumnKind::Integer | ColumnKind::Numeric
            if c.distinct == 2 && c.min == Some(0.0) && c.max == Some(1.0) =>
        {
            Some("1")
        }
        _ => None,
    }
}

/// Each segment's size, the mean of every numeric feature used (a share for yes/no and 0/1 columns) and the
/// most common level of every category used (a CRM export's 38 columns made the table three screens wide,
/// most of them not segmented on).
fn profiles_table(r: &Report) -> String {
    let Some(first) = r.profiles.segments.first() else { return String::new() };
    let in_use = |f: &str| used(r, f);
    let numeric: Vec<usize> =
        (0..first.numeric.len()).filter(|&j| in_use(&first.numeric[j].feature)).collect();
    let numeric = if numeric.is_empty() { (0..first.numeric.len()).collect() } else { numeric };
    let categories: Vec<usize> =
        (0..first.categorical.len()).filter(|&j| in_use(&first.categorical[j].feature)).collect();
    // a scrolling box is focusable, so keyboards can scroll it
    let mut h =
        String::from("<div class=\"wide\" tabindex=\"0\" role=\"region\" aria-label=\"Segments table\">");
    h += "<table><thead><tr><th>Segment</th>";
    h += "<th class=\"num\">Customers</th><th class=\"num\">Share</th>";
    let shares: Vec<Option<&str>> = numeric.iter().map(|&j| share_of(r, &first.numeric[j].feature)).collect();
    for (&j, share) in numeric.iter().zip(&shares) {
        let what = share.map_or("mean".to_string(), |s| format!("share of {s}"));
        h += &format!("<th class=\"num\">{} ({what})</th>", esc(&first.numeric[j].feature));
    }
    for &j in &categories {
        h += &format!("<th>{} (most common)</th>", esc(&first.categorical[j].feature));
    }
    h += "</tr></thead><tbody>";
    for s in &r.profiles.segments {
        let colour = crate::charts::palette::hex(crate::charts::palette::segment_colour(charts::colour_of(
            r, s.label,
        )));
        h += &format!(
            "<tr><th><span class=\"swatch\" style=\"background:{colour}\"></span>{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td>",
            esc(&s.name),
            format::thousands(s.size as f64),
            format::percent(s.share)
        );
        for (n, share) in numeric.iter().zip(&shares).filter_map(|(&j, sh)| Some((s.numeric.get(j)?, sh))) {
            let mean = n.mean.unwrap_or(f64::NAN);
            let text =
                if share.is_some() { format::percent(mean) } else { format::feature_value(&n.feature, mean) };
            h += &format!("<td class=\"num\">{text}</td>");
        }
        for c in categories.iter().filter_map(|&j| s.categorical.get(j)) {
            let top = c.levels.iter().max_by(|a, b| a.share.total_cmp(&b.share));
            let text = top.map(|l| format!("{} {}", l.level, format::percent(l.share))).unwrap_or_default();
            h += &format!("<td>{}</td>", esc(&text));
        }
        h += "</tr>";
    }
    h + "</tbody></table></div>"
}

/// The report as one HTML document.
pub fn report_html(r: &Report) -> String {
    let mut body = format!(
        "<h1>Customer segments: {}</h1><p class=\"muted\">{} segments ({}) among {} of {} customers, on {} features. Made with segscope, entirely in the browser.</p>",
        esc(r.source()),
        r.n_clusters,
        esc(&r.algorithm),
        format::thousands(r.n_used as f64),
        format::thousands(r.n_rows as f64),
        r.n_features()
    );
    body += &format!(
        "<div class=\"kpis\"><div class=\"kpi\"><b>{}</b>segments</div><div class=\"kpi\"><b>{}</b>silhouette</div><div class=\"kpi\"><b>{}</b>Davies–Bouldin</div><div class=\"kpi\"><b>{}</b>Calinski–Harabasz</div></div>",
        r.n_clusters,
        format::metric(r.metrics.silhouette, 3),
        format::metric(r.metrics.davies_bouldin, 3),
        format::metric(r.metrics.calinski_harabasz, 1)
    );
    body += "<h2>Segments</h2>";
    body += "<ul>";
    for s in &r.profiles.segments {
        let traits = s.distinguishing.iter().take(3).map(|d| d.phrase.clone()).collect::<Vec<_>>().join("; ");
        body += &format!(
            "<li><b>{}</b> — {} customers ({}). {}</li>",
            esc(&s.name),
            format::thousands(s.size as f64),
            format::percent(s.share),
            esc(&traits)
        );
    }
    body += "</ul>";
    body += &profiles_table(r);
    body += &figure(Some(charts::sizes(r)), 860, 320);
    body += &figure(charts::profile_heatmap(r), 860, 360);
    body += &figure(super::category_shares::category_heatmap(r).map(|(spec, _)| spec), 860, 360);
    body += &figure(Some(charts::map(r, r.map.default_axes.0, r.map.default_axes.1)), 860, 480);
    body += "<h2>Quality and choice of k</h2>";
    if let Some(s) = &r.sweep {
        body += &format!("<p>Suggested k = {}: {}</p>", s.suggestion.k, esc(&s.suggestion.reason));
    }
    body += &figure(r.sweep.as_ref().and_then(charts::ksweep), 900, 560);
    body += &figure(charts::silhouette(r), 860, 400);
    body += &figure(charts::importance(r), 860, 360);
    if let Some(summary) = super::consensus::summary(r) {
        body += &format!("<h2>Consensus and stability</h2><p>{}</p>", esc(&summary));
        body += &format!("<p class=\"muted\">{}</p>", esc(super::consensus::STABILITY_HELP));
        body += &figure(super::consensus::stability_chart(r), 860, 320);
    }
    if let Some((counts, grid)) = charts::rfm_charts(r) {
        body += "<h2>RFM and lifetime value</h2>";
        body += &figure(Some(counts), 860, 360);
        body += &figure(Some(grid), 600, 420);
        if let Some((hist, alive)) = charts::lifetime_charts(r) {
            body += &figure(hist, 860, 320);
            body += &figure(Some(alive), 860, 400);
        }
        for n in super::explore::lifetime_notes(r) {
            body += &format!("<p class=\"muted\">{}</p>", esc(&n));
        }
    }
    body += "<h2>Data and preparation</h2><ul>";
    body += &format!("<li>{}</li>", esc(&r.data.mode_note));
    for n in r.data.notes.iter().chain(r.prep.entries.iter().map(|e| &e.sentence)).chain(r.notes.iter()) {
        body += &format!("<li>{}</li>", esc(n));
    }
    body += "</ul>";
    body += &format!("<h2>Settings</h2><p class=\"muted\">Re-run with <code>segscope run FILE.csv --config pipeline.json</code> using this config:</p><pre>{}</pre>", esc(&r.config.to_json()));
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Segments: {}</title><style>{STYLE}</style></head><body><main>{body}</main></body></html>",
        esc(r.source())
    )
}

#[cfg(test)]
mod tests {
    use crate::engine::pipeline::{run, EvaluationConfig, PipelineConfig};
    use crate::engine::progress::Silent;

    #[test]
    fn the_segment_table_has_the_columns_segmented_on_with_each_categorys_most_common_level() {
        let mut config = PipelineConfig {
            evaluation: EvaluationConfig { sweep: None, selection: None, ..EvaluationConfig::default() },
            ..PipelineConfig::default()
        };
        config.prep.features = Some(vec!["Channel".into(), "Fresh".into(), "Milk".into()]);
        let bytes = include_bytes!("../../public/sample/wholesale_customers.csv");
        let r = run(bytes, "wholesale_customers.csv", &config, &mut Silent).unwrap();
        let html = super::report_html(&r);
        let table = &html[html.find("<table>").unwrap()..html.find("</table>").unwrap()];
        assert!(table.contains("Fresh (mean)") && table.contains("Milk (mean)"), "{table}");
        assert!(!table.contains("Grocery (mean)"), "a column not segmented on: {table}");
        assert!(
            table.contains("Channel (most common)") && !table.contains("Region (most common)"),
            "{table}"
        );
        // the category shares chart, with Channel's levels only
        assert!(html.contains("Categories by segment") && html.contains("Channel: 1"));
        assert!(!html.contains("Region: 1"));
    }

    #[test]
    fn yes_no_and_zero_one_columns_show_shares_not_means() {
        let mut csv = String::from("id,spend,member,senior\n");
        for i in 0..60 {
            let member = if i % 3 == 0 { "yes" } else { "no" };
            csv += &format!("{i},{},{member},{}\n", 10 + (i * 37) % 200, i % 2);
        }
        let config = PipelineConfig {
            evaluation: EvaluationConfig { sweep: None, selection: None, ..EvaluationConfig::default() },
            ..PipelineConfig::default()
        };
        let r = run(csv.as_bytes(), "people.csv", &config, &mut Silent).unwrap();
        let html = super::report_html(&r);
        let table = &html[html.find("<table>").unwrap()..html.find("</table>").unwrap()];
        assert!(table.contains("spend (mean)"), "{table}");
        assert!(table.contains("member (share of yes)") && table.contains("senior (share of 1)"), "{table}");
        assert!(table.contains("%</td>"), "{table}");
    }
}
