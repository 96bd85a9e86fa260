//! The HTTP side: connections, timeouts, signatures, the control API under
//! `/_local/` with its faults and journal, and one request's way through.

pub mod control;
pub mod server;
pub mod sigv4;
