//! The Snowball API as data, shared by `snowjob` and `snowball-local` so that
//! neither keeps a copy: botocore's service model with the walk that checks a
//! value against it ([`shape`]), and the service's business facts that the
//! model does not state ([`facts`]), among them the kinds of order ([`order`]).

pub mod facts;
pub mod order;
pub mod shape;

pub use order::OrderKind;
pub use shape::{DecodeOptions, Invalid, Model, Shape, Wire, model};
