//! The messages between the pipeline worker and the members of its worker pool (other instances of the same
//! worker). Small JSON text; the rows travel beside it as a transferred `Float64Array` (and labels as an
//! `Int32Array`), never through JSON.

use crate::engine::choose_k::{ChooseKParams, ScoredK};
use crate::engine::cluster::kmeans::{KMeansParams, Restarts};
use crate::engine::pipeline::AlgorithmConfig;
use serde::{Deserialize, Serialize};

/// Pipeline worker → pool member. A `Setup` is followed by any number of jobs on its data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ToMember {
    /// Keep these rows (`cols` columns, beside the message) for a sweep over k with these settings.
    SweepSetup { algorithm: Box<AlgorithmConfig>, params: ChooseKParams, seed: u64, cols: usize },
    /// Fit and score one k of the sweep.
    SweepK { k: usize },
    /// Keep these scored rows (features and labels beside the message) for a silhouette.
    SilhouetteSetup { cols: usize, rows: Vec<usize>, n: usize },
    /// Score the silhouette of scored rows `lo..hi` (the values come back beside the reply).
    SilhouetteRange { lo: usize, hi: usize },
    /// Keep these rows (`cols` columns, beside the message) for the restarts of a k-means fit.
    KMeansSetup { params: Box<KMeansParams>, cols: usize },
    /// Run restarts `lo..hi` of the fit (the best one's labels come back beside the reply).
    KMeansRestarts { lo: usize, hi: usize },
}

/// Pool member → pipeline worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FromMember {
    /// The setup is kept.
    Ready,
    Scored {
        scored: Box<ScoredK>,
    },
    /// The silhouette values are beside the message.
    Values,
    /// The restarts run, without the best one's labels: they are beside the message.
    Restarts {
        part: Box<Restarts>,
    },
    Failed {
        message: String,
    },
}

/// The first element of every pool message, so that a worker tells them from the UI's.
pub const POOL_TAG: &str = "pool";

pub fn encode<T: Serialize>(msg: &T) -> String {
    serde_json::to_string(msg).unwrap_or_default()
}

pub fn decode<T: for<'de> Deserialize<'de>>(text: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|e| format!("bad pool message: {e}"))
}
