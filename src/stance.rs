//! The three labels of `../shared/ANNOTATION.md`.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Whether a unit of text pushes a dispute toward more confrontation, less, or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Stance {
    #[serde(rename = "escalatory")]
    Escalatory,
    #[serde(rename = "de-escalatory")]
    DeEscalatory,
    #[serde(rename = "neutral")]
    Neutral,
}

impl Stance {
    /// Every label, in the order used for score vectors and model columns.
    pub const ALL: [Stance; 3] = [Stance::Escalatory, Stance::DeEscalatory, Stance::Neutral];

    /// Position of this label in [`Stance::ALL`] (and in every score array).
    pub fn index(self) -> usize {
        match self {
            Stance::Escalatory => 0,
            Stance::DeEscalatory => 1,
            Stance::Neutral => 2,
        }
    }

    pub fn from_index(index: usize) -> Option<Stance> {
        Stance::ALL.get(index).copied()
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Escalatory => "escalatory",
            Stance::DeEscalatory => "de-escalatory",
            Stance::Neutral => "neutral",
        }
    }
}

impl fmt::Display for Stance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The label string was none of `escalatory`, `de-escalatory`, `neutral`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown label {0:?}: expected escalatory, de-escalatory or neutral")]
pub struct UnknownLabel(pub String);

impl FromStr for Stance {
    type Err = UnknownLabel;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "escalatory" => Ok(Stance::Escalatory),
            "de-escalatory" | "deescalatory" => Ok(Stance::DeEscalatory),
            "neutral" => Ok(Stance::Neutral),
            _ => Err(UnknownLabel(s.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip_through_strings_and_indices() {
        for label in Stance::ALL {
            assert_eq!(label.as_str().parse::<Stance>().unwrap(), label);
            assert_eq!(Stance::from_index(label.index()), Some(label));
            let json = serde_json::to_string(&label).unwrap();
            assert_eq!(json, format!("\"{}\"", label.as_str()));
        }
        assert!("hostile".parse::<Stance>().is_err());
    }
}
