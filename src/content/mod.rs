//! Stage 1: the content folder → a typed [`Programme`] plus diagnostics.

pub mod duration;
pub mod front_matter;
pub mod load;
mod model;
pub(crate) mod names;
pub mod rhythm;
pub mod slug;
pub(crate) mod yaml;

pub use load::load;
pub use model::*;
