//! Embed mode and shareable settings: `?embed=1` hides the surrounding chrome for iframes, `?data=<relative
//! URL>` loads a CSV that ships beside the docs page (same origin only), and the URL hash carries the settings
//! (`#algo=gmm&k=5&features=Fresh,Milk&sample=1`) so a link or an iframe opens the same segmentation.

use crate::engine::pipeline::{AlgorithmConfig, PipelineConfig};
use crate::protocol::DataSource;
use leptos::prelude::*;

/// What the page URL asks for at start.
#[derive(Debug, Clone, Default)]
pub struct Startup {
    pub embed: bool,
    pub config: Option<PipelineConfig>,
    pub data: Option<DataSource>,
    /// True when the hash names a step to open (`step=segment`), so loading data does not switch steps.
    pub embed_step_fixed: bool,
    /// `?workers=N`: how many workers a run may split its heavy steps over (1 = none; default: per processor).
    pub workers: Option<usize>,
    /// The URL's hash when it has one (the app keeps its settings there, so a reload has it).
    pub hash: Option<String>,
    /// `?data=` named an address that could leave the page's origin: not requested, and said so.
    pub refused_data: Option<String>,
}

fn pairs(text: &str) -> Vec<(String, String)> {
    text.trim_start_matches(['?', '#'])
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            let decode = |s: &str| {
                js_sys::decode_uri_component(&s.replace('+', " "))
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_default()
            };
            (decode(k), decode(v))
        })
        .collect()
}

/// Settings from a URL hash, on top of `base`.
pub fn apply_hash(base: &PipelineConfig, hash: &str) -> (PipelineConfig, bool) {
    let mut config = base.clone();
    let mut sample = false;
    for (key, value) in pairs(hash) {
        match key.as_str() {
            "algo" => {
                let k = config.k();
                if let Some(a) = AlgorithmConfig::from_name(&value) {
                    config.algorithm = a;
                    if let Some(k) = k {
                        config.algorithm.set_k(k);
                    }
                }
            }
            "k" => {
                if let Ok(k) = value.parse::<usize>() {
                    if (1..=50).contains(&k) {
                        config.algorithm.set_k(k);
                    }
                }
            }
            "features" => {
                let list: Vec<String> =
                    value.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
                config.prep.features = (!list.is_empty()).then_some(list);
            }
            "seed" => {
                if let Ok(s) = value.parse() {
                    config.seed = s;
                }
            }
            "sample" => sample = value != "0",
            _ => {}
        }
    }
    (config, sample)
}

/// The hash that describes `config` (and the sample, when it is the data).
pub fn hash_of(config: &PipelineConfig, sample: bool) -> String {
    let mut parts = vec![format!("algo={}", config.algorithm.name().replace('-', "_"))];
    if let Some(k) = config.k() {
        parts.push(format!("k={k}"));
    }
    if let Some(f) = &config.prep.features {
        let list = f.join(",");
        let encoded = js_sys::encode_uri_component(&list).as_string().unwrap_or(list);
        parts.push(format!("features={encoded}"));
    }
    if config.seed != 0 {
        parts.push(format!("seed={}", config.seed));
    }
    if sample {
        parts.push("sample=1".into());
    }
    format!("#{}", parts.join("&"))
}

/// Reads the page URL.
pub fn startup() -> Startup {
    let Some(location) = web_sys::window().map(|w| w.location()) else { return Startup::default() };
    let search = location.search().unwrap_or_default();
    let hash = location.hash().unwrap_or_default();
    let query = pairs(&search);
    let embed = query.iter().any(|(k, v)| k == "embed" && v != "0");
    // The address is resolved as the browser will fetch it (backslashes, tabs and "//" included) and kept
    // only when it stays on this page's origin: `/\\example.com/x.csv` passed the text checks and left it.
    let origin = location.origin().unwrap_or_default();
    let base = location.href().unwrap_or_default();
    let asked = query.iter().find(|(k, _)| k == "data").map(|(_, v)| v.trim().to_string());
    let url_data = asked.as_deref().filter(|v| !v.is_empty()).and_then(|v| {
        let url = web_sys::Url::new_with_base(v, &base).ok()?;
        (!origin.is_empty() && url.origin() == origin).then(|| url.href())
    });
    let refused_data = asked.filter(|_| url_data.is_none());
    let (config, sample) = if hash.len() > 1 {
        apply_hash(&PipelineConfig::default(), &hash)
    } else {
        (PipelineConfig::default(), false)
    };
    let data = match (url_data, sample) {
        (Some(url), _) => Some(DataSource::Url { url }),
        (None, true) => Some(DataSource::Sample),
        _ => None,
    };
    let workers = query.iter().find(|(k, _)| k == "workers").and_then(|(_, v)| v.parse().ok());
    let has_hash = hash.len() > 1;
    Startup {
        embed,
        config: has_hash.then_some(config),
        data,
        embed_step_fixed: false,
        workers,
        hash: has_hash.then_some(hash),
        refused_data,
    }
}

/// Keeps the URL hash describing the current settings (without adding history entries).
pub fn keep_hash_in_sync(config: RwSignal<PipelineConfig>, data_name: RwSignal<Option<String>>) {
    Effect::new(move |_| {
        let sample = data_name.with(|n| n.as_deref() == Some(crate::SAMPLE_FILE_NAME));
        let hash = config.with(|c| hash_of(c, sample));
        let Some(window) = web_sys::window() else { return };
        let location = window.location();
        let base =
            format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(&format!("{base}{hash}")),
            );
        }
    });
}
