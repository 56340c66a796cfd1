//! Stage 1: the content folder → a typed [`Programme`] plus diagnostics.

pub mod audience;
pub(crate) mod dates;
pub mod duration;
pub mod front_matter;
pub mod load;
mod model;
pub(crate) mod names;
pub mod rhythm;
pub(crate) mod scaffold;
pub mod slug;
pub(crate) mod yaml;
pub(crate) mod yaml_mistakes;

pub use audience::{view, Audience, View, MIN_GROUP};
pub use load::load;
pub use model::*;
