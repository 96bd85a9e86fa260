//! What an edit is: the per-job pipeline, patches and their report, the checks
//! of a patch against the job it changes, patch files, undo, plans and fleet standards. No output; the
//! network only through `aws`.

pub mod checks;
pub mod compare;
pub mod patch;
pub mod patch_file;
pub mod pipeline;
pub mod plan;
pub mod standard;
pub mod stop;
pub mod undo;
