//! Compact serde for the report's big per-customer arrays (segment labels, row indices, map coordinates,
//! map ids, density bins). In binary formats — the MessagePack the worker posts to the UI thread — each array
//! is one block of little-endian bytes, which the UI thread copies instead of decoding value by value: a
//! 100k-row report decoded value by value kept the page's main thread busy for about 200 ms. In
//! human-readable formats (JSON) the arrays stay plain lists, with NaN written as `null`.
//!
//! Use with `#[serde(with = "wire::…")]`. Never changes a value: NaN and every bit of a float survive.
//! Writing picks the form by `is_human_readable`; reading accepts either form whatever the deserializer says,
//! because serde's buffering (internally tagged enums, `flatten`) reports every format as human-readable.

use serde::de::{Error as _, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::marker::PhantomData;

/// A fixed-width number packed little-endian. On little-endian machines (wasm32, x86, ARM) packing and
/// unpacking are one memory copy; elsewhere, one conversion per value.
trait Le: bytemuck::Pod {
    const WIDTH: usize = std::mem::size_of::<Self>();
    fn swap(self) -> Self;
}

macro_rules! le {
    ($($t:ty),*) => {$(
        impl Le for $t {
            fn swap(self) -> Self {
                <$t>::from_le_bytes(self.to_ne_bytes())
            }
        }
    )*};
}
le!(u8, u32, i32, f32);

/// `values` as little-endian bytes (borrowed when the machine is little-endian).
fn pack<T: Le>(values: &[T]) -> std::borrow::Cow<'_, [u8]> {
    if cfg!(target_endian = "little") {
        std::borrow::Cow::Borrowed(bytemuck::cast_slice(values))
    } else {
        let swapped: Vec<T> = values.iter().map(|v| v.swap()).collect();
        std::borrow::Cow::Owned(bytemuck::cast_slice(&swapped).to_vec())
    }
}

fn unpack<T: Le, E: serde::de::Error>(bytes: &[u8]) -> Result<Vec<T>, E> {
    if !bytes.len().is_multiple_of(T::WIDTH) {
        return Err(E::custom(format!(
            "a packed array of {}-byte numbers cannot be {} bytes long",
            T::WIDTH,
            bytes.len()
        )));
    }
    let mut out = vec![T::zeroed(); bytes.len() / T::WIDTH];
    bytemuck::cast_slice_mut::<T, u8>(&mut out).copy_from_slice(bytes);
    if cfg!(target_endian = "big") {
        out.iter_mut().for_each(|v| *v = v.swap());
    }
    Ok(out)
}

/// Reads a list in either form: a block of packed `B`s, or a sequence of `S`s; both converted to `O`.
/// The conversions are type parameters, not function pointers, so that they inline: through a pointer the
/// 6.8 MB part of a 200k-row report cost one indirect call per byte (12 ms natively, ~30–40 ms in wasm).
struct ListVisitor<B, S, O, FB, FI> {
    from_block: FB,
    from_item: FI,
    _types: PhantomData<(B, S, O)>,
}

impl<'de, B: Le, S: Deserialize<'de>, O, FB: Fn(B) -> O, FI: Fn(S) -> O> Visitor<'de>
    for ListVisitor<B, S, O, FB, FI>
{
    type Value = Vec<O>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a block of packed numbers or a list")
    }
    fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Vec<O>, E> {
        Ok(unpack::<B, E>(v)?.into_iter().map(&self.from_block).collect())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<O>, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 20));
        while let Some(x) = seq.next_element::<S>()? {
            out.push((self.from_item)(x));
        }
        Ok(out)
    }
}

fn read_list<'de, D: Deserializer<'de>, B: Le, S: Deserialize<'de>, O>(
    d: D,
    from_block: impl Fn(B) -> O,
    from_item: impl Fn(S) -> O,
) -> Result<Vec<O>, D::Error> {
    d.deserialize_any(ListVisitor { from_block, from_item, _types: PhantomData })
}

fn same<T>(x: T) -> T {
    x
}

/// `Vec<u8>`: a byte block in binary formats, a list of numbers in JSON.
pub mod bytes {
    use super::*;

    pub fn serialize<S: Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            v.serialize(s)
        } else {
            s.serialize_bytes(v)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        read_list::<D, u8, u8, u8>(d, same, same)
    }
}

/// `Vec<usize>` of row indices, packed as u32 (an index past u32::MAX is an error, never a wrapped value).
pub mod indices {
    use super::*;

    pub fn serialize<S: Serializer>(v: &[usize], s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            return v.serialize(s);
        }
        if v.iter().any(|&i| i > u32::MAX as usize) {
            return Err(serde::ser::Error::custom("a row index above 4294967295 cannot be packed"));
        }
        s.serialize_bytes(&pack(&v.iter().map(|&i| i as u32).collect::<Vec<_>>()))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<usize>, D::Error> {
        read_list::<D, u32, usize, usize>(d, |i| i as usize, same)
    }
}

/// `Vec<i32>` (segment labels).
pub mod i32s {
    use super::*;

    pub fn serialize<S: Serializer>(v: &[i32], s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            v.serialize(s)
        } else {
            s.serialize_bytes(&pack(v))
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<i32>, D::Error> {
        read_list::<D, i32, i32, i32>(d, same, same)
    }
}

/// Named `f32` axes that may hold NaN (a missing feature value): bytes in binary formats; in JSON, which has
/// no NaN, NaN is written as `null` and read back as NaN.
pub mod axes {
    use super::*;

    pub fn serialize<S: Serializer>(axes: &[(String, Vec<f32>)], s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            let out: Vec<(&str, Vec<Option<f32>>)> = axes
                .iter()
                .map(|(name, v)| (name.as_str(), v.iter().map(|x| (!x.is_nan()).then_some(*x)).collect()))
                .collect();
            return out.serialize(s);
        }
        let out: Vec<(&str, Block)> = axes.iter().map(|(name, v)| (name.as_str(), Block(pack(v)))).collect();
        out.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(String, Vec<f32>)>, D::Error> {
        let axes: Vec<(String, Values)> = Vec::deserialize(d)?;
        Ok(axes.into_iter().map(|(n, v)| (n, v.0)).collect())
    }

    /// One axis's values, in either form.
    struct Values(Vec<f32>);

    impl<'de> Deserialize<'de> for Values {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            read_list::<D, f32, Option<f32>, f32>(d, same, |x| x.unwrap_or(f32::NAN)).map(Values)
        }
    }
}

/// A byte block, written as such.
struct Block<'a>(std::borrow::Cow<'a, [u8]>);

impl Serialize for Block<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.0)
    }
}

/// Many short strings (the map's customer ids) in one text and the end offset of each: two allocations
/// instead of one per string, on both sides of the wire. In binary formats it is written as the text and a
/// block of u32 offsets; in JSON as a plain list of strings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PackedStrings {
    text: String,
    ends: Vec<u32>,
}

impl PackedStrings {
    /// String `i`, if there is one.
    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)? as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        self.text.get(start..end)
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Every string, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// Appends `s` (as an empty string once the text would pass 4 GB in all; the map holds a few MB of ids).
    pub fn push(&mut self, s: &str) {
        if self.text.len() + s.len() <= u32::MAX as usize {
            self.text.push_str(s);
        }
        self.ends.push(self.text.len() as u32);
    }

    fn from_parts<E: serde::de::Error>(text: String, ends: Vec<u32>) -> Result<Self, E> {
        let mut start = 0u32;
        for &end in &ends {
            if end < start || !text.is_char_boundary(end as usize) || end as usize > text.len() {
                return Err(E::custom(format!("packed strings: bad offset {end} into {} bytes", text.len())));
            }
            start = end;
        }
        Ok(PackedStrings { text, ends })
    }
}

impl<S: AsRef<str>> FromIterator<S> for PackedStrings {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Self {
        let mut out = PackedStrings::default();
        for s in iter {
            out.push(s.as_ref());
        }
        out
    }
}

impl Serialize for PackedStrings {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.collect_seq(self.iter())
        } else {
            (self.text.as_str(), Block(pack(&self.ends))).serialize(s)
        }
    }
}

impl<'de> Deserialize<'de> for PackedStrings {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(PackedStringsVisitor)
    }
}

struct PackedStringsVisitor;

impl<'de> Visitor<'de> for PackedStringsVisitor {
    type Value = PackedStrings;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of strings, or a text and a block of offsets")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<PackedStrings, A::Error> {
        // The packed form is exactly [text, block]; a list holds only texts.
        let mut out = PackedStrings::default();
        let mut held: Option<String> = None;
        while let Some(piece) = seq.next_element::<Piece>()? {
            match (piece, held.take()) {
                (Piece::Block(ends), Some(text)) if out.is_empty() => {
                    let out = PackedStrings::from_parts(text, unpack(&ends)?)?;
                    if seq.next_element::<Piece>()?.is_some() {
                        return Err(A::Error::custom("packed strings: more after the offsets"));
                    }
                    return Ok(out);
                }
                (Piece::Block(_), _) => {
                    return Err(A::Error::custom("packed strings: a block among the strings"))
                }
                (Piece::Text(t), previous) => {
                    if let Some(p) = previous {
                        out.push(&p);
                    }
                    held = Some(t);
                }
            }
        }
        if let Some(p) = held {
            out.push(&p);
        }
        Ok(out)
    }
}

/// A text or a byte block.
enum Piece {
    Text(String),
    Block(Vec<u8>),
}

impl<'de> Deserialize<'de> for Piece {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct PieceVisitor;
        impl<'de> Visitor<'de> for PieceVisitor {
            type Value = Piece;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or a block of offsets")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Piece, E> {
                Ok(Piece::Text(v.to_string()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Piece, E> {
                Ok(Piece::Text(v))
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Piece, E> {
                Ok(Piece::Block(v.to_vec()))
            }
        }
        d.deserialize_any(PieceVisitor)
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    struct Sample {
        #[serde(with = "super::indices")]
        rows: Vec<usize>,
        #[serde(with = "super::i32s")]
        labels: Vec<i32>,
        #[serde(with = "super::axes")]
        axes: Vec<(String, Vec<f32>)>,
        ids: Option<super::PackedStrings>,
        #[serde(with = "super::bytes")]
        codes: Vec<u8>,
    }

    fn sample() -> Sample {
        Sample {
            rows: vec![0, 7, 4_000_000_000],
            labels: vec![-1, 0, 3],
            axes: vec![("PC1".into(), vec![1.5, f32::NAN, -0.0]), ("Spend".into(), vec![])],
            ids: Some(["C-1", "", "Zoë, \"x\""].into_iter().collect()),
            codes: vec![0, 255, 17],
        }
    }

    fn same(a: &Sample, b: &Sample) {
        assert_eq!((&a.rows, &a.labels, &a.ids, &a.codes), (&b.rows, &b.labels, &b.ids, &b.codes));
        for ((na, va), (nb, vb)) in a.axes.iter().zip(&b.axes) {
            assert_eq!(na, nb);
            let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(va), bits(vb), "every bit of every float survives, NaN too");
        }
    }

    #[test]
    fn messagepack_packs_arrays_as_byte_blocks_and_reads_them_back() {
        let s = sample();
        let bytes = rmp_serde::to_vec_named(&s).unwrap();
        let back: Sample = rmp_serde::from_slice(&bytes).unwrap();
        same(&s, &back);
        // Packed: 100k labels take 400 kB and a few bytes of header, not a list of 100k values.
        let big = Sample { labels: vec![-1; 100_000], ..sample() };
        let n = rmp_serde::to_vec_named(&big).unwrap().len();
        assert!((400_000..400_200).contains(&n), "{n} bytes");
        let none = Sample { ids: None, ..sample() };
        let back: Sample = rmp_serde::from_slice(&rmp_serde::to_vec_named(&none).unwrap()).unwrap();
        assert_eq!(back.ids, None);
    }

    #[test]
    fn json_keeps_plain_lists_with_nan_as_null() {
        let s = sample();
        let json = serde_json::to_string(&s).unwrap();
        assert!(json.contains(r#"["PC1",[1.5,null,-0.0]]"#), "{json}");
        assert!(json.contains(r#""labels":[-1,0,3]"#), "{json}");
        assert!(json.contains(r#""ids":["C-1","","Zoë, \"x\""]"#), "{json}");
        let back: Sample = serde_json::from_str(&json).unwrap();
        same(&s, &back);
    }

    #[test]
    fn buffered_formats_read_both_forms() {
        // serde buffers internally tagged enums and flattened structs and then calls every format
        // human-readable: the packed form must still read back (and JSON's lists too).
        #[derive(Debug, Serialize, Deserialize)]
        #[serde(tag = "type")]
        enum Tagged {
            Finished { sample: Sample },
        }
        #[derive(Debug, Serialize, Deserialize)]
        struct Flat {
            n: u32,
            #[serde(flatten)]
            sample: Sample,
        }
        let s = sample();
        let wire = rmp_serde::to_vec_named(&Tagged::Finished { sample: s.clone() }).unwrap();
        let Tagged::Finished { sample: back } = rmp_serde::from_slice(&wire).unwrap();
        same(&s, &back);
        let back: Flat =
            rmp_serde::from_slice(&rmp_serde::to_vec_named(&Flat { n: 1, sample: s.clone() }).unwrap())
                .unwrap();
        same(&s, &back.sample);
        let json = serde_json::to_string(&Tagged::Finished { sample: s.clone() }).unwrap();
        let Tagged::Finished { sample: back } = serde_json::from_str(&json).unwrap();
        same(&s, &back);
        let two = Sample { ids: Some(["a", "b"].into_iter().collect()), ..sample() };
        let back: Flat =
            serde_json::from_str(&serde_json::to_string(&Flat { n: 1, sample: two.clone() }).unwrap())
                .unwrap();
        same(&two, &back.sample);
    }

    #[test]
    fn a_truncated_block_is_an_error_not_a_panic() {
        #[derive(Serialize)]
        struct Raw {
            #[serde(with = "super::bytes")]
            labels: Vec<u8>,
        }
        #[derive(Debug, Deserialize)]
        struct Labels {
            #[serde(with = "super::i32s")]
            #[allow(dead_code)]
            labels: Vec<i32>,
        }
        let bytes = rmp_serde::to_vec_named(&Raw { labels: vec![1, 2, 3] }).unwrap();
        let err = rmp_serde::from_slice::<Labels>(&bytes).unwrap_err().to_string();
        assert!(err.contains("4-byte numbers cannot be 3 bytes long"), "{err}");
    }
}
