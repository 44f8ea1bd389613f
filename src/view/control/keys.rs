//! The viewer's keys and mouse, in one table: the input handlers look up
//! what a key does here, the help overlay lists it, and a test holds the
//! README's table to it.

use bevy::prelude::*;

/// What a key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    /// Pause or resume the simulation.
    Pause,
    /// The next speed up.
    Faster,
    /// The next speed down.
    Slower,
    /// Step to the next event (while paused).
    NextEvent,
    /// Restart from t = 0.
    Restart,
    /// Start the scenario's disruption of the key's position (1 the first).
    Disruption,
    /// Frame the line, or the whole region.
    Frame,
    /// Clear the selection.
    ClearSelection,
    /// Fold the HUD's panels away, and back.
    FoldPanels,
    /// Show or hide the help overlay.
    Help,
}

/// One row of the table: the keys (none for the mouse), how they are
/// written, what they do, and the action they ask for.
pub(crate) struct Binding {
    /// The keys that ask for it; empty for a mouse gesture.
    pub keys: &'static [KeyCode],
    /// How the help and the README write the keys or gesture.
    pub written: &'static str,
    /// What it does, in a few words.
    pub does: &'static str,
    /// What a key press asks for; `None` for a mouse gesture.
    pub action: Option<Action>,
}

/// Every key and gesture of the viewer, in the order the help lists them.
pub(crate) const KEYS: &[Binding] = &[
    Binding {
        keys: &[KeyCode::Space],
        written: "Space",
        does: "pause / resume",
        action: Some(Action::Pause),
    },
    Binding {
        keys: &[KeyCode::ArrowUp, KeyCode::Equal, KeyCode::NumpadAdd],
        written: "Up (or +)",
        does: "faster: 1x, 10x, 60x, 300x, 1,000x, 3,000x, 10,000x, 30,000x, as fast as possible",
        action: Some(Action::Faster),
    },
    Binding {
        keys: &[KeyCode::ArrowDown, KeyCode::Minus, KeyCode::NumpadSubtract],
        written: "Down (or -)",
        does: "slower",
        action: Some(Action::Slower),
    },
    Binding {
        keys: &[KeyCode::KeyN],
        written: "N",
        does: "next event (while paused)",
        action: Some(Action::NextEvent),
    },
    Binding {
        keys: &[KeyCode::KeyR],
        written: "R",
        does: "restart the simulation",
        action: Some(Action::Restart),
    },
    Binding {
        keys: &[
            KeyCode::Digit1,
            KeyCode::Digit2,
            KeyCode::Digit3,
            KeyCode::Digit4,
            KeyCode::Digit5,
            KeyCode::Digit6,
            KeyCode::Digit7,
            KeyCode::Digit8,
            KeyCode::Digit9,
        ],
        written: "1-9",
        does: "start that disruption of the scenario now (as its scenario entry would)",
        action: Some(Action::Disruption),
    },
    Binding {
        keys: &[],
        written: "left drag, right drag, wheel",
        does: "orbit, pan, zoom",
        action: None,
    },
    Binding {
        keys: &[KeyCode::KeyC],
        written: "C",
        does: "frame the line, or the whole region",
        action: Some(Action::Frame),
    },
    Binding {
        keys: &[],
        written: "click",
        does: "a station, bin, truck or supplier: its figures",
        action: None,
    },
    Binding {
        keys: &[KeyCode::Escape],
        written: "Esc",
        does: "clear the selection",
        action: Some(Action::ClearSelection),
    },
    Binding {
        keys: &[KeyCode::Tab],
        written: "Tab",
        does: "fold the HUD's status, chart and legend panels away, and back",
        action: Some(Action::FoldPanels),
    },
    Binding {
        keys: &[KeyCode::KeyH],
        written: "H",
        does: "help overlay",
        action: Some(Action::Help),
    },
];

/// The actions asked for this frame, each with the position of its key in
/// its row: several keys of one row (Up and +) ask once, except the digits,
/// each of which starts its own disruption.
pub(crate) fn pressed(keys: &ButtonInput<KeyCode>) -> Vec<(Action, usize)> {
    let mut out = Vec::new();
    for b in KEYS {
        let Some(action) = b.action else { continue };
        let mut hit = (0..b.keys.len()).filter(|&i| keys.just_pressed(b.keys[i]));
        if action == Action::Disruption {
            out.extend(hit.map(|i| (action, i)));
        } else if let Some(i) = hit.next() {
            out.push((action, i));
        }
    }
    out
}

/// Whether `action` was asked for this frame.
pub(crate) fn asked(keys: &ButtonInput<KeyCode>, action: Action) -> bool {
    KEYS.iter()
        .filter(|b| b.action == Some(action))
        .any(|b| keys.any_just_pressed(b.keys.iter().copied()))
}

/// The help overlay's text: a line per row of [`KEYS`].
pub(crate) fn help() -> String {
    KEYS.iter()
        .map(|b| format!("{}  {}", b.written, b.does))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readme_lists_every_key_as_the_viewer_does() {
        let readme = include_str!("../../../README.md");
        for b in KEYS {
            let row = format!("| {} | {} |", b.written, b.does);
            assert!(readme.contains(&row), "README.md lacks the row {row}");
        }
        let rows = readme
            .lines()
            .skip_while(|l| !l.starts_with("| key / mouse | does |"))
            .skip(2)
            .take_while(|l| l.starts_with('|'))
            .count();
        assert_eq!(rows, KEYS.len(), "README.md's key table has other rows");
    }

    #[test]
    fn a_key_asks_for_one_action_only() {
        let mut seen = Vec::new();
        for k in KEYS.iter().flat_map(|b| b.keys) {
            assert!(!seen.contains(k), "{k:?} is bound twice");
            seen.push(*k);
        }
    }
}
