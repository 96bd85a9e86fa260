//! What the endpoint knows: jobs and addresses and what each operation does
//! to them, the demo data, and the state file that keeps them across restarts.

pub mod demo;
pub mod state;
pub mod store;
