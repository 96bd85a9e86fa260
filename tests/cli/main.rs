//! snowjob's integration tests, one binary so that the AWS SDK is linked once:
//! the built `snowjob` run against snowball-local on 127.0.0.1, checking what
//! was printed, what went over the wire and what the endpoint stored.

mod common;

mod apply;
mod cancel;
mod clusters;
mod conform;
mod depth;
mod docs;
mod edges;
mod edits;
mod error_format;
mod failures;
mod fates;
mod faults;
mod history;
mod interactive;
mod layers;
mod model;
mod plans;
mod properties;
mod reads;
mod scripting;
mod terminal;
mod throttling;
mod tls;
