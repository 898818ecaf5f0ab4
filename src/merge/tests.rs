use super::{Further, scalar, set3};
use crate::store::StatusV1;

#[test]
fn the_further_status_wins_whichever_side_has_it() {
    assert_eq!(
        StatusV1::Done.max_with(StatusV1::InProgress),
        StatusV1::Done
    );
    assert_eq!(
        StatusV1::Todo.max_with(StatusV1::Reviewed),
        StatusV1::Reviewed
    );
    assert_eq!(StatusV1::Todo.max_with(StatusV1::Todo), StatusV1::Todo);
}

#[test]
fn a_value_one_side_changed_is_taken_from_it() {
    assert_eq!(scalar(&1, &1, &2), 2);
    assert_eq!(scalar(&1, &3, &1), 3);
    assert_eq!(scalar(&1, &3, &2), 3, "both changed: this side's");
}

#[test]
fn values_without_ids_merge_as_sets() {
    // 1 kept by both, 2 dropped there, 3 dropped here, 4 added here, 5 added there.
    let base = [1, 2, 3];
    assert_eq!(set3(&base, &[1, 2, 4], &[1, 3, 5]), [1, 4, 5]);
    assert_eq!(set3(&base, &base, &base), base);
    assert_eq!(set3(&[], &[7], &[7]), [7], "added on both sides once");
}
