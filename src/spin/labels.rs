//! The label sets of SemEval-2023 Task 3 (Piskorski et al., 2023): 23
//! persuasion techniques in 6 families, 14 frames, 3 genres — names exactly as
//! the task's files spell them.

// No indexing (the parent module allows it; this one keeps the crate's rule).
#![cfg_attr(not(test), deny(clippy::indexing_slicing))]

/// The six technique families.
pub const FAMILIES: [&str; 6] = [
    "Attack_on_Reputation",
    "Justification",
    "Simplification",
    "Distraction",
    "Call",
    "Manipulative_Wording",
];

/// The 23 techniques and the index of their family in [`FAMILIES`].
pub const TECHNIQUES: [(&str, usize); 23] = [
    ("Name_Calling-Labeling", 0),
    ("Guilt_by_Association", 0),
    ("Doubt", 0),
    ("Appeal_to_Hypocrisy", 0),
    ("Questioning_the_Reputation", 0),
    ("Flag_Waving", 1),
    ("Appeal_to_Authority", 1),
    ("Appeal_to_Popularity", 1),
    ("Appeal_to_Values", 1),
    ("Appeal_to_Fear-Prejudice", 1),
    ("Causal_Oversimplification", 2),
    ("False_Dilemma-No_Choice", 2),
    ("Consequential_Oversimplification", 2),
    ("Straw_Man", 3),
    ("Red_Herring", 3),
    ("Whataboutism", 3),
    ("Slogans", 4),
    ("Conversation_Killer", 4),
    ("Appeal_to_Time", 4),
    ("Loaded_Language", 5),
    ("Obfuscation-Vagueness-Confusion", 5),
    ("Exaggeration-Minimisation", 5),
    ("Repetition", 5),
];

/// The 14 frames (subtask 2).
pub const FRAMES: [&str; 14] = [
    "Economic",
    "Capacity_and_resources",
    "Morality",
    "Fairness_and_equality",
    "Legality_Constitutionality_and_jurisprudence",
    "Policy_prescription_and_evaluation",
    "Crime_and_punishment",
    "Security_and_defense",
    "Health_and_safety",
    "Quality_of_life",
    "Cultural_identity",
    "Public_opinion",
    "Political",
    "External_regulation_and_reputation",
];

/// The 3 genres (subtask 1).
pub const GENRES: [&str; 3] = ["opinion", "reporting", "satire"];

/// Index of a technique by name.
pub fn technique(name: &str) -> Option<usize> {
    TECHNIQUES.iter().position(|(n, _)| *n == name)
}

/// The family of technique `i`.
pub fn family_of(i: usize) -> &'static str {
    TECHNIQUES
        .get(i)
        .and_then(|t| FAMILIES.get(t.1))
        .copied()
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_family_has_techniques_and_names_are_unique() {
        for (f, name) in FAMILIES.iter().enumerate() {
            assert!(TECHNIQUES.iter().any(|t| t.1 == f), "{name}");
        }
        let mut names: Vec<&str> = TECHNIQUES.iter().map(|t| t.0).collect();
        names.extend(FRAMES);
        names.extend(GENRES);
        let n = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), n);
        assert_eq!(technique("Doubt"), Some(2));
        assert_eq!(family_of(19), "Manipulative_Wording");
    }
}
