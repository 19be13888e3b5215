//! When two columns name the customer, the one that groups the other is the person: Olist's
//! `customer_unique_id` over its `customer_id`, which is new with every order (so every customer had one).

use std::collections::HashMap;

use super::detect::{distinct_non_missing, MIN_REPEATED_SHARE};
use crate::engine::table::{is_id_name, is_place_or_contact_code, Column, ColumnKind};

/// When `chosen`'s ids hardly repeat (a new one with each order), the finest of `others` (id columns:
/// identifiers or named like ids, not a zip code or phone) that `chosen` determines row by row with fewer
/// distinct ids: several of `chosen`'s ids are then one customer in it. `None` otherwise: a customer id that
/// repeats stays, whatever groups it (a customer group id).
pub(super) fn grouping_key<'t>(
    chosen: &Column,
    others: impl Iterator<Item = &'t Column>,
) -> Option<&'t Column> {
    let (finer, present) = distinct_non_missing(chosen);
    if (present - finer) as f64 >= MIN_REPEATED_SHARE * present as f64 {
        return None;
    }
    others
        .filter(|c| c.kind == ColumnKind::Identifier || is_id_name(&c.name))
        .filter(|c| !is_place_or_contact_code(&c.name))
        .filter_map(|c| Some((c, distinct_non_missing(c).0)).filter(|&(_, n)| n > 1 && n < finer))
        .filter(|(c, _)| determines(chosen, c))
        .max_by_key(|&(_, n)| n)
        .map(|(c, _)| c)
}

/// True when every id of `fine` comes with one id of `coarse` on every row where both are present.
fn determines(fine: &Column, coarse: &Column) -> bool {
    let mut seen: HashMap<String, String> = HashMap::new();
    (0..fine.len().min(coarse.len())).filter(|&i| !fine.is_missing(i) && !coarse.is_missing(i)).all(|i| {
        let key = coarse.display(i);
        seen.entry(fine.display(i)).or_insert_with(|| key.clone()) == &key
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::table::{ColumnData, ColumnRole};

    fn ids(name: &str, values: &[&str]) -> Column {
        let data = ColumnData::Texts(values.iter().map(|v| Some(v.to_string())).collect());
        Column { name: name.into(), kind: ColumnKind::Identifier, role: ColumnRole::Feature, data }
    }

    #[test]
    fn the_column_that_groups_the_chosen_one_is_the_customer() {
        // Olist: a customer_id per order, the person in customer_unique_id (a group of customers groups too,
        // but more coarsely)
        let per_order = ids("customer_id", &["a", "b", "c", "d", "e"]);
        let person = ids("customer_unique_id", &["p", "p", "q", "r", "r"]);
        let group = ids("customer_group_id", &["n", "n", "n", "s", "s"]);
        let cols = [group, person.clone()];
        assert_eq!(
            grouping_key(&per_order, cols.iter()).map(|c| c.name.as_str()),
            Some("customer_unique_id")
        );
        // a column the chosen one does not determine (its one repeated id in two households) is no grouping
        let names: Vec<String> = (0..40).map(|i| format!("c{i}")).chain(["c0".into()]).collect();
        let almost_unique = ids("customer_id", &names.iter().map(String::as_str).collect::<Vec<_>>());
        let mut homes: Vec<&str> = (0..41).map(|i| if i % 2 == 0 { "h" } else { "k" }).collect();
        homes[40] = "k";
        assert!(grouping_key(&almost_unique, [ids("household_id", &homes)].iter()).is_none());
        homes[40] = "h";
        assert!(grouping_key(&almost_unique, [ids("household_id", &homes)].iter()).is_some());
        // a customer id that repeats is the customer, whatever groups it
        let repeat = ids("customer_id", &["a", "a", "b", "c", "c"]);
        let group = ids("customer_group_id", &["g", "g", "g", "h", "h"]);
        assert!(grouping_key(&repeat, [group].iter()).is_none());
        // the chosen column already groups: nothing coarser among ids
        assert!(grouping_key(&person, [per_order].iter()).is_none());
    }
}
