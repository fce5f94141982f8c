//! TEMPORARY STAND-IN (replaced by the UID set helpers).
pub fn compress_limited(uids: &[u32], _max: usize) -> Vec<String> {
    if uids.is_empty() { vec![] } else { vec![uids.iter().map(|u| u.to_string()).collect::<Vec<_>>().join(",")] }
}
