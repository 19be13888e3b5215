//! Reading JSON and MessagePack through one type-erased deserializer, so that each type's `Deserialize` code
//! is compiled once, for `dyn erased_serde::Deserializer`, instead of once per format and wrapper.
//!
//! Why: serde monomorphises every derived visitor for every deserializer it meets. The app reads reports as
//! MessagePack and configs as JSON (with field paths in errors); compiled directly, rmp-serde's number and
//! option readers were instantiated for ~300 visitors and the decoding code was about half of the app's
//! wasm (`make size` before and after this module is in the README, "Sizes"). Through one erased
//! deserializer each visitor exists once and each format's readers exist once. The cost is a dynamic call per
//! value, which is small here: the large per-customer arrays travel as packed byte blocks.

use serde::de::{Deserialize, DeserializeOwned};

/// Reads MessagePack (as written by `rmp_serde::to_vec_named`).
pub fn from_msgpack<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Result<T, String> {
    let mut de = rmp_serde::Deserializer::from_read_ref(bytes);
    let mut erased = <dyn erased_serde::Deserializer>::erase(&mut de);
    erased_serde::deserialize(&mut erased).map_err(|e| e.to_string())
}

/// Reads JSON text; the whole text must be one value.
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    from_json_at(text).map_err(|(_, message)| message)
}

/// Reads JSON text; an error comes with the path of the field it is in (`.` for the top level), e.g.
/// `algorithm.n_clusters`.
pub fn from_json_at<T: DeserializeOwned>(text: &str) -> Result<T, (String, String)> {
    let mut json = serde_json::Deserializer::from_str(text);
    let mut track = serde_path_to_error::Track::new();
    let value = {
        let tracked = serde_path_to_error::Deserializer::new(&mut json, &mut track);
        let mut erased = <dyn erased_serde::Deserializer>::erase(tracked);
        erased_serde::deserialize(&mut erased)
    };
    let value = value.map_err(|e| (track.path().to_string(), e.to_string()))?;
    json.end().map_err(|e| (".".to_string(), e.to_string()))?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Inner {
        k: usize,
        #[serde(default)]
        eps: Option<f64>,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(tag = "kind", rename_all = "snake_case")]
    enum Outer {
        Fit { inner: Inner, values: Vec<f64> },
        Empty,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Wrapper {
        inner: Inner,
    }

    #[test]
    fn msgpack_round_trips_tagged_enums_and_nan() {
        let v = Outer::Fit { inner: Inner { k: 3, eps: Some(0.5) }, values: vec![1.0, f64::NAN, -0.0] };
        let bytes = rmp_serde::to_vec_named(&v).unwrap();
        let back: Outer = from_msgpack(&bytes).unwrap();
        let Outer::Fit { inner, values } = back else { panic!("wrong variant") };
        assert_eq!(inner, Inner { k: 3, eps: Some(0.5) });
        assert!(values[1].is_nan() && values[2].to_bits() == (-0.0f64).to_bits());
        assert_eq!(
            from_msgpack::<Outer>(&rmp_serde::to_vec_named(&Outer::Empty).unwrap()).unwrap(),
            Outer::Empty
        );
        assert!(from_msgpack::<Outer>(&bytes[..bytes.len() - 3]).is_err());
    }

    #[test]
    fn json_errors_name_the_field_and_the_position() {
        let ok: Outer = from_json(r#"{"kind":"fit","inner":{"k":2},"values":[]}"#).unwrap();
        assert_eq!(ok, Outer::Fit { inner: Inner { k: 2, eps: None }, values: vec![] });
        let (path, message) = from_json_at::<Wrapper>(r#"{"inner":{"k":"two"}}"#).unwrap_err();
        assert_eq!(path, "inner.k");
        assert!(message.contains("invalid type") && message.contains("column"), "{message}");
        let (path, message) = from_json_at::<Wrapper>(r#"{"inner":{"k":2,"epz":1}}"#).unwrap_err();
        assert_eq!(path, "inner.epz");
        assert!(message.contains("unknown field `epz`"), "{message}");
        // The same paths and messages as serde_path_to_error over serde_json directly.
        for text in [r#"{"inner":{"k":"two"}}"#, r#"{"inner":{"k":2,"epz":1}}"#, r#"{"inner":{"k":2}"#] {
            let direct =
                serde_path_to_error::deserialize::<_, Wrapper>(&mut serde_json::Deserializer::from_str(text))
                    .unwrap_err();
            let erased = from_json_at::<Wrapper>(text).unwrap_err();
            assert_eq!(erased, (direct.path().to_string(), direct.into_inner().to_string()));
        }
        assert!(from_json::<Outer>(r#"{"kind":"empty"} trailing"#).unwrap_err().contains("trailing"));
    }
}
