//! A short noun for a column name, for segment names: "Annual Income (k$)" → "income",
//! "PURCHASES_FREQUENCY" → "purchases frequency", "CUST_ID" → none (identifiers never name a segment).
//!
//! The rule, in order: drop bracketed parts (units, ranges); split on anything that is not a letter or digit
//! and at camelCase boundaries; lowercase; refuse identifiers (a last word of id/ids/uuid/guid/identifier, or
//! the whole name "id", "index", "row"); drop "per <unit>" ("Visits Per Month" → "visits"); expand common
//! abbreviations (trx → transactions, qty → quantity, amt → amount, freq → frequency, prc/pct → percent,
//! cnt → count, bal → balance, avg → average); drop words that name an aggregation or a period rather than
//! the quantity (annual, monthly, total, score, number, average, …). If nothing is left, the words before
//! the last step are used, so "Score" stays "score".

/// Words dropped from nouns: periods, aggregations and fillers that say how, not what.
const STOP_WORDS: &[&str] = &[
    "annual", "annually", "yearly", "monthly", "weekly", "daily", "total", "sum", "score", "number", "num",
    "nb", "no", "average", "mean", "avg", "of", "the", "a", "an", "in", "k", "usd", "eur", "gbp",
];

/// Abbreviation → word.
const EXPANSIONS: &[(&str, &str)] = &[
    ("trx", "transactions"),
    ("txn", "transactions"),
    ("txns", "transactions"),
    ("qty", "quantity"),
    ("amt", "amount"),
    ("freq", "frequency"),
    ("prc", "percent"),
    ("pct", "percent"),
    ("perc", "percent"),
    ("cnt", "count"),
    ("bal", "balance"),
    ("cust", "customer"),
];

const ID_WORDS: &[&str] = &["id", "ids", "uuid", "guid", "identifier"];
const ID_NAMES: &[&str] = &["id", "index", "row", "rownum", "row number", "unnamed 0"];

/// Removes (…), […] and {…} parts, nested or not.
fn strip_brackets(name: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::with_capacity(name.len());
    for ch in name.chars() {
        match ch {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(ch),
            _ => {}
        }
    }
    out
}

/// Splits into lowercase words at non-alphanumerics and camelCase boundaries ("CustomerID" → customer, id;
/// "HTTPServer" → http, server).
fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for chunk in name.split(|c: char| !c.is_alphanumeric()).filter(|c| !c.is_empty()) {
        let chars: Vec<char> = chunk.chars().collect();
        let mut current = String::new();
        for (i, &c) in chars.iter().enumerate() {
            let prev = i.checked_sub(1).map(|p| chars[p]);
            let next = chars.get(i + 1).copied();
            let boundary = c.is_uppercase()
                && prev.is_some_and(|p| {
                    p.is_lowercase()
                        || p.is_ascii_digit()
                        || (p.is_uppercase() && next.is_some_and(char::is_lowercase))
                });
            if boundary && !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            current.extend(c.to_lowercase());
        }
        if !current.is_empty() {
            out.push(current);
        }
    }
    out
}

/// The field of a path-like name, as billing exports write them: "subscription[mrr]" → "mrr" (stripping the
/// brackets left "subscription" for both subscription[mrr] and subscription[plan_quantity]). Units written
/// after a space ("Weight [kg]") are not fields.
fn field_name(name: &str) -> &str {
    let t = name.trim();
    match (t.rfind('['), t.strip_suffix(']')) {
        (Some(open), Some(_)) if open > 0 && !t.contains(char::is_whitespace) => {
            let before = t[..open].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == ']') {
                return &t[open + 1..t.len() - 1];
            }
            t
        }
        _ => t,
    }
}

/// A word as the name wrote it when that is an acronym ("NPS", "MRR": 2 to 4 capitals) in a name that is
/// not all capitals anyway ("CASH_ADVANCE_TRX" stays lowercase) or is all short words ("MRR (USD)").
fn as_written(word: &str, name: &str) -> String {
    let tokens: Vec<&str> = name.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).collect();
    let mixed = name.chars().any(char::is_lowercase) || tokens.iter().all(|t| t.len() <= 4);
    let acronym = tokens.iter().any(|t| {
        t.eq_ignore_ascii_case(word)
            && (2..=4).contains(&t.len())
            && t.chars().all(|c| c.is_ascii_uppercase())
    });
    if mixed && acronym {
        word.to_ascii_uppercase()
    } else {
        word.to_string()
    }
}

/// True when the column name looks like an identifier ("CUST_ID", "CustomerID", "id").
pub fn is_identifier_name(name: &str) -> bool {
    let w = words(&strip_brackets(field_name(name)));
    let joined = w.join(" ");
    w.last().is_some_and(|l| ID_WORDS.contains(&l.as_str())) || ID_NAMES.contains(&joined.as_str())
}

/// The noun for a column name, or None for identifiers. Never empty: a name with no letters or digits gives
/// its trimmed self, or "feature".
///
/// ```
/// use segscope::engine::profile::feature_noun;
/// assert_eq!(feature_noun("Annual Income (k$)").as_deref(), Some("income"));
/// assert_eq!(feature_noun("Detergents_Paper").as_deref(), Some("detergents paper"));
/// assert_eq!(feature_noun("CUST_ID"), None);
/// ```
pub fn feature_noun(name: &str) -> Option<String> {
    noun_of(name, true)
}

/// Nouns for a run's feature names, one each and told apart: where columns shorten to one noun
/// ("MonthlyCharges" and "TotalCharges" both "charges", which named a segment "Very high charges · High
/// charges"), each keeps the words the short noun drops ("monthly charges", "total charges"), or failing
/// that its name as written. None for identifiers.
///
/// ```
/// use segscope::engine::profile::feature_nouns;
/// let nouns = feature_nouns(&["MonthlyCharges", "TotalCharges", "tenure"]);
/// assert_eq!(nouns[0].as_deref(), Some("monthly charges"));
/// assert_eq!(nouns[1].as_deref(), Some("total charges"));
/// assert_eq!(nouns[2].as_deref(), Some("tenure"));
/// ```
pub fn feature_nouns(names: &[&str]) -> Vec<Option<String>> {
    let short: Vec<Option<String>> = names.iter().map(|n| feature_noun(n)).collect();
    let shared = |nouns: &[Option<String>], i: usize| {
        nouns[i].is_some() && nouns.iter().enumerate().any(|(j, m)| j != i && *m == nouns[i])
    };
    let full: Vec<Option<String>> = (0..names.len())
        .map(|i| if shared(&short, i) { noun_of(names[i], false) } else { short[i].clone() })
        .collect();
    (0..names.len())
        .map(|i| if shared(&full, i) { Some(names[i].trim().to_string()) } else { full[i].clone() })
        .collect()
}

/// The noun for `name`; `short` drops the words of [`STOP_WORDS`] and a "per <unit>".
fn noun_of(name: &str, short: bool) -> Option<String> {
    if is_identifier_name(name) {
        return None;
    }
    let name = field_name(name);
    let stripped = strip_brackets(name);
    let mut w = words(&stripped);
    if w.is_empty() {
        w = words(name);
    }
    // "per <unit>" says how often, not what
    let mut kept = Vec::with_capacity(w.len());
    let mut skip_next = false;
    for word in &w {
        if skip_next {
            skip_next = false;
        } else if word == "per" && short {
            skip_next = true;
        } else {
            kept.push(word.clone());
        }
    }
    if kept.is_empty() {
        kept = w.clone();
    }
    let expanded: Vec<String> = kept
        .iter()
        .map(|x| EXPANSIONS.iter().find(|(a, _)| a == x).map_or_else(|| x.clone(), |(_, b)| b.to_string()))
        .collect();
    let content: Vec<String> =
        expanded.iter().filter(|x| !short || !STOP_WORDS.contains(&x.as_str())).cloned().collect();
    let chosen = if content.is_empty() { expanded } else { content };
    if chosen.is_empty() {
        let trimmed = name.trim();
        return Some(if trimmed.is_empty() { "feature".to_string() } else { trimmed.to_lowercase() });
    }
    Some(chosen.iter().map(|w| as_written(w, name)).collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn noun(s: &str) -> String {
        feature_noun(s).unwrap_or_else(|| "<none>".into())
    }

    #[test]
    fn nouns_of_real_column_names() {
        assert_eq!(noun("Annual Income (k$)"), "income");
        assert_eq!(noun("Spending Score (1-100)"), "spending");
        assert_eq!(noun("PURCHASES_FREQUENCY"), "purchases frequency");
        assert_eq!(noun("Detergents_Paper"), "detergents paper");
        assert_eq!(noun("CASH_ADVANCE_TRX"), "cash advance transactions");
        assert_eq!(noun("PRC_FULL_PAYMENT"), "percent full payment");
        assert_eq!(noun("Visits Per Month"), "visits");
        assert_eq!(noun("number_of_cds"), "cds");
        assert_eq!(noun("Age"), "age");
        assert_eq!(noun("totalSpendEUR"), "spend");
        assert_eq!(noun("HTTPServerHits"), "http server hits");
        // billing exports' field paths, and acronyms as written
        assert_eq!(noun("subscription[mrr]"), "mrr");
        assert_eq!(noun("subscription[plan_quantity]"), "plan quantity");
        assert_eq!(noun("Weight [kg]"), "weight");
        assert_eq!(feature_noun("subscription[plan_id]"), None);
        assert_eq!(noun("NPS"), "NPS");
        assert_eq!(noun("MRR (USD)"), "MRR");
        assert_eq!(noun("Logins last 30 days"), "logins last 30 days");
    }

    #[test]
    fn columns_that_shorten_alike_keep_their_words() {
        let names =
            ["Visits Per Month", "Visits per week", "Annual Income", "Income (k$)", "Spend", "Spend ($)"];
        let nouns = feature_nouns(&names);
        let nouns: Vec<_> = nouns.iter().map(|n| n.as_deref().unwrap()).collect();
        assert_eq!(
            nouns,
            ["visits per month", "visits per week", "annual income", "income", "Spend", "Spend ($)"]
        );
        assert_eq!(feature_nouns(&["CustomerID", "Age"]), [None, Some("age".to_string())]);
    }

    #[test]
    fn identifiers_never_name_anything() {
        for id in ["CUST_ID", "CustomerID", "customer_id", "id", "ID", "uuid", "Index"] {
            assert_eq!(feature_noun(id), None, "{id}");
        }
        assert!(feature_noun("Idle days").is_some());
    }

    #[test]
    fn degenerate_names_still_give_a_noun() {
        assert_eq!(noun("Score"), "score");
        assert_eq!(noun("Total"), "total");
        assert_eq!(noun("(k$)"), "k");
        assert_eq!(noun("$$$"), "$$$");
        assert_eq!(noun(""), "feature");
        assert_eq!(noun("per"), "per");
    }
}
