//! The selection of a windowed list: where a movement key takes it and which rows stay in view.
//! Shared by the lists whose rows are fetched a window at a time (今日, 回访, 预警).

use crate::tui::action::Action;

/// The selection after a movement action over `total` rows with pages of `page` rows; `None`
/// when `action` is not a movement (the screen handles it).
pub fn moved(selected: usize, action: Action, total: usize, page: usize) -> Option<usize> {
    let last = total.saturating_sub(1);
    let page = page.max(1);
    Some(match action {
        Action::Up => selected.saturating_sub(1),
        Action::Down => (selected + 1).min(last),
        Action::PageUp => selected.saturating_sub(page),
        Action::PageDown => (selected + page).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        _ => return None,
    })
}

/// The first visible row of a window of `height` rows that keeps `selected` in view, moving
/// `offset` as little as possible and never past the last full window of `total` rows.
pub fn keep_in_view(selected: usize, offset: usize, height: usize, total: usize) -> usize {
    if height == 0 {
        return selected;
    }
    let offset = if selected < offset {
        selected
    } else if selected >= offset + height {
        selected + 1 - height
    } else {
        offset
    };
    offset.min(total.saturating_sub(height))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_within_the_list() {
        assert_eq!(moved(3, Action::Up, 10, 4), Some(2));
        assert_eq!(moved(0, Action::Up, 10, 4), Some(0));
        assert_eq!(moved(9, Action::Down, 10, 4), Some(9));
        assert_eq!(moved(3, Action::PageDown, 10, 4), Some(7));
        assert_eq!(moved(8, Action::PageDown, 10, 4), Some(9));
        assert_eq!(moved(5, Action::PageUp, 10, 4), Some(1));
        assert_eq!(moved(5, Action::Bottom, 10, 4), Some(9));
        assert_eq!(moved(5, Action::Top, 10, 4), Some(0));
        assert_eq!(moved(0, Action::Bottom, 0, 4), Some(0), "an empty list");
        assert_eq!(moved(5, Action::Open, 10, 4), None);
    }

    #[test]
    fn keeps_the_selection_in_view() {
        assert_eq!(keep_in_view(5, 0, 4, 10), 2);
        assert_eq!(keep_in_view(1, 3, 4, 10), 1);
        assert_eq!(keep_in_view(4, 3, 4, 10), 3, "already visible: no move");
        assert_eq!(keep_in_view(9, 8, 4, 10), 6, "never past the last full window");
        assert_eq!(keep_in_view(7, 0, 0, 10), 7);
    }
}
