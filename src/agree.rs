//! Inter-annotator agreement: coefficients checked against published worked examples, and
//! their use on annotations (spans per label, tokens per layer, attributions, stances).

pub mod coefficients;
pub mod confusion;
pub mod measures;
pub mod parts;
pub mod progress;
