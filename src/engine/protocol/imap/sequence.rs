//! UID sets (RFC 3501 9, `sequence-set`): compact ranges like `1:5,7,9:12`, split so that no
//! command line grows past what servers accept (RFC 7162 3.2.4 recommends 8 KB at most).

/// Sorts and compacts `uids` into sets of at most `max_len` bytes each.
pub fn compress_limited(uids: &[u32], max_len: usize) -> Vec<String> {
    let mut sorted = uids.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut sets = Vec::new();
    let mut current = String::new();
    let mut i = 0;
    while i < sorted.len() {
        let start = sorted[i];
        let mut end = start;
        while i + 1 < sorted.len() && sorted[i + 1] == end + 1 {
            i += 1;
            end = sorted[i];
        }
        let part = if start == end { start.to_string() } else { format!("{start}:{end}") };
        if !current.is_empty() && current.len() + 1 + part.len() > max_len {
            sets.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(',');
        }
        current.push_str(&part);
        i += 1;
    }
    if !current.is_empty() {
        sets.push(current);
    }
    sets
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_compacted_and_split() {
        assert_eq!(compress_limited(&[9, 1, 2, 3, 5, 10, 11, 3], 100), vec!["1:3,5,9:11"]);
        assert_eq!(compress_limited(&[], 100), Vec::<String>::new());
        let many: Vec<u32> = (1..=10_000).step_by(2).collect();
        let sets = compress_limited(&many, 200);
        assert!(sets.iter().all(|s| s.len() <= 200));
        let total: usize = sets.iter().map(|s| s.split(',').count()).sum();
        assert_eq!(total, 5_000);
    }
}
