//! Serde for `Vec<f64>` that may hold NaN (missing): JSON has no NaN, so NaN is written as `null` and read back.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Writes NaN as `null`.
pub(crate) fn serialize<S: Serializer>(v: &[f64], s: S) -> Result<S::Ok, S::Error> {
    let opt: Vec<Option<f64>> = v.iter().map(|x| (!x.is_nan()).then_some(*x)).collect();
    opt.serialize(s)
}

/// Reads `null` as NaN.
pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<f64>, D::Error> {
    let opt: Vec<Option<f64>> = Vec::deserialize(d)?;
    Ok(opt.into_iter().map(|x| x.unwrap_or(f64::NAN)).collect())
}

#[cfg(test)]
mod tests {
    #[derive(serde::Serialize, serde::Deserialize)]
    struct W {
        #[serde(with = "super")]
        v: Vec<f64>,
    }

    #[test]
    fn nan_round_trips_as_null() {
        let json = serde_json::to_string(&W { v: vec![1.0, f64::NAN] }).unwrap();
        assert_eq!(json, r#"{"v":[1.0,null]}"#);
        let w: W = serde_json::from_str(&json).unwrap();
        assert_eq!(w.v[0], 1.0);
        assert!(w.v[1].is_nan());
    }
}
