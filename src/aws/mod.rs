//! The boundary to AWS: nothing else in snowjob builds a client or reads the
//! AWS configuration.

pub mod client;
pub mod config;
pub mod connect;
pub mod convert;
pub mod debug;
pub mod errors;
pub mod files;
pub mod order;
pub mod pace;
pub mod times;
pub mod transport;
