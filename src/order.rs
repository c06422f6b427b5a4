//! One sort for the crate's keyed sorts.
//!
//! Every `sort_by`/`sort_by_key` closure instantiates the standard library's
//! sort afresh, about 5 KB of `.wasm` each. Sorting `(key, index)` pairs
//! through one instantiation and then permuting in place costs a few hundred
//! bytes per call site instead (see DESIGN.md, "Size").

/// Sorts `v` by `key`, ascending and stable (equal keys keep their order).
pub(crate) fn sort_by_key<T>(v: &mut [T], key: impl Fn(&T) -> u64) {
    let mut order: Vec<(u64, usize)> = v.iter().map(key).zip(0..).collect();
    // (key, index) pairs are distinct, so an unstable sort is stable here.
    order.sort_unstable();
    // Position `i` must receive the element now at `order[i].1`: follow each
    // cycle of that permutation with swaps, marking visited slots.
    for i in 0..order.len() {
        let mut j = i;
        while let Some(slot) = order.get_mut(j) {
            let from = std::mem::replace(&mut slot.1, usize::MAX);
            if from == usize::MAX || from == i {
                break;
            }
            v.swap(j, from);
            j = from;
        }
    }
}

/// Sorts `v` by `key`, largest first; equal keys keep their order.
pub(crate) fn sort_by_key_desc<T>(v: &mut [T], key: impl Fn(&T) -> u64) {
    sort_by_key(v, |x| !key(x));
}

/// A key ordering floats as [`f32::total_cmp`] does.
pub(crate) fn f32_key(x: f32) -> u64 {
    let b = x.to_bits();
    u64::from(if b >> 31 == 1 { !b } else { b | 1 << 31 })
}

/// A key ordering `(a, b)` pairs lexicographically (each saturating at
/// `u32::MAX`, far beyond any offset the input bound allows).
pub(crate) fn pair_key(a: usize, b: usize) -> u64 {
    let clamp = |x: usize| u64::from(u32::try_from(x).unwrap_or(u32::MAX));
    clamp(a) << 32 | clamp(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_like_the_standard_library() {
        // A fixed pseudo-random sequence with many repeated keys.
        let mut v: Vec<(u8, u32)> = (0..2000u32)
            .map(|i| ((i.wrapping_mul(2_654_435_761) >> 24) as u8 % 17, i))
            .collect();
        let mut want = v.clone();
        want.sort_by_key(|x| x.0);
        sort_by_key(&mut v, |x| u64::from(x.0));
        assert_eq!(v, want);
        let mut w = v.clone();
        sort_by_key_desc(&mut w, |x| u64::from(x.0));
        // Descending and stable: equal keys stay in ascending index order.
        let mut want_desc = v.clone();
        want_desc.sort_by_key(|x| std::cmp::Reverse(x.0));
        assert_eq!(w, want_desc);
        let mut empty: Vec<u8> = Vec::new();
        sort_by_key(&mut empty, |&x| u64::from(x));
        assert!(empty.is_empty());
    }

    #[test]
    fn float_keys_follow_total_cmp() {
        let xs = [
            f32::NEG_INFINITY,
            -2.5,
            -0.0,
            0.0,
            1e-30,
            0.5,
            3.0,
            f32::INFINITY,
            f32::NAN,
        ];
        for a in xs {
            for b in xs {
                assert_eq!(f32_key(a).cmp(&f32_key(b)), a.total_cmp(&b), "{a} {b}");
            }
        }
        assert!(pair_key(1, 9) < pair_key(2, 0));
        assert!(pair_key(2, 0) < pair_key(2, 1));
    }
}
