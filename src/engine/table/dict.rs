//! A string interner for text columns: every distinct cell text is stored once in one arena, and each row
//! keeps a `u32` code. Codes are given in order of first appearance, so the result never depends on hashing.

use std::hash::Hasher;

use hashbrown::HashTable;
use rustc_hash::FxHasher;

/// Distinct strings with their counts, in order of first appearance.
#[derive(Debug, Clone, Default)]
pub(crate) struct Interner {
    arena: String,
    ends: Vec<usize>,
    counts: Vec<u64>,
    table: HashTable<u32>,
}

fn hash(s: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(s.as_bytes());
    h.write_u8(0xff);
    h.finish()
}

impl Interner {
    /// The code of `s`, adding it when new; counts one occurrence.
    pub fn intern(&mut self, s: &str) -> u32 {
        let h = hash(s);
        let (arena, ends) = (&self.arena, &self.ends);
        let get = |code: u32| -> &str {
            let i = code as usize;
            let start = if i == 0 { 0 } else { ends[i - 1] };
            &arena[start..ends[i]]
        };
        if let Some(&code) = self.table.find(h, |&c| get(c) == s) {
            self.counts[code as usize] += 1;
            return code;
        }
        let code = self.ends.len() as u32;
        self.arena.push_str(s);
        self.ends.push(self.arena.len());
        self.counts.push(1);
        let (arena, ends) = (&self.arena, &self.ends);
        self.table.insert_unique(h, code, |&c| {
            let i = c as usize;
            let start = if i == 0 { 0 } else { ends[i - 1] };
            hash(&arena[start..ends[i]])
        });
        code
    }

    /// Number of distinct strings.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// The string of `code`.
    pub fn get(&self, code: u32) -> &str {
        let i = code as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.arena[start..self.ends[i]]
    }

    /// How many times the string of `code` was interned.
    pub fn count(&self, code: u32) -> u64 {
        self.counts[code as usize]
    }

    /// All strings in code order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.ends.len() as u32).map(|c| self.get(c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_in_first_appearance_order_with_counts() {
        let mut d = Interner::default();
        let codes: Vec<u32> = ["b", "a", "b", "", "a", "b"].iter().map(|s| d.intern(s)).collect();
        assert_eq!(codes, vec![0, 1, 0, 2, 1, 0]);
        assert_eq!(d.len(), 3);
        assert_eq!(d.get(0), "b");
        assert_eq!(d.get(2), "");
        assert_eq!(d.count(0), 3);
        assert_eq!(d.iter().collect::<Vec<_>>(), vec!["b", "a", ""]);
    }

    #[test]
    fn many_strings() {
        let mut d = Interner::default();
        for i in 0..10_000 {
            assert_eq!(d.intern(&i.to_string()), i);
        }
        for i in 0..10_000 {
            assert_eq!(d.intern(&i.to_string()), i);
            assert_eq!(d.count(i), 2);
        }
    }
}
