//! "Did you mean": the known word nearest a misspelt one, when it is near enough, and the one
//! sentence for an unknown word (the macro's keywords and options, a file's keys).

/// The candidate within a small edit distance of `word`, if any: for the macro's words, a
/// file's keys and a policy's method names alike.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let limit = (word.len() / 3).max(1);
    candidates
        .iter()
        .map(|candidate| (edit_distance(word, candidate), *candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// The sentence for a word that is not one of `known`: the nearest known word when one is near,
/// or else all of them. `what` names the kind of word (an option, a setting, a file's key).
pub fn unknown_word(what: &str, word: &str, known: &[&str]) -> String {
    match did_you_mean(word, known) {
        Some(nearest) => format!("unknown {what} `{word}`; did you mean `{nearest}`?"),
        None => format!(
            "unknown {what} `{word}`; expected one of {}",
            known
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Levenshtein distance, counting an adjacent swap as one edit.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let substitution = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + substitution);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_near_misses_only() {
        assert_eq!(did_you_mean("alow", &["allow", "settings"]), Some("allow"));
        assert_eq!(
            did_you_mean("method", &["methods", "max_age"]),
            Some("methods")
        );
        assert_eq!(
            did_you_mean("hedaers", &["headers", "expose"]),
            Some("headers")
        );
        assert_eq!(did_you_mean("frobnicate", &["allow", "settings"]), None);
    }
}
