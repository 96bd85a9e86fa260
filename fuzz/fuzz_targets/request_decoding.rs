//! snowball-local's request decoding and operations: any body, for every
//! operation and both protocols, gives a reply or an error, never a panic.
#![no_main]

use std::cell::RefCell;

use libfuzzer_sys::fuzz_target;
use snowball_model::{DecodeOptions, model};
use snowball_local::backend::store::Store;
use snowball_local::protocol::{self, Protocol};

const OPERATIONS: &[&str] = &[
    "CreateJob", "DescribeJob", "UpdateJob", "ListJobs", "CancelJob", "CreateAddress", "DescribeAddress", "DescribeAddresses",
    "CreateCluster", "DescribeCluster", "UpdateCluster", "ListClusters", "ListClusterJobs", "CancelCluster",
];

thread_local! {
    static STORE: RefCell<Store> = RefCell::new({
        let mut store = Store::new(3600.0);
        store.load(&snowball_local::backend::demo::seed(0.0), 0.0).expect("demo seed loads");
        store.load(&snowball_local::backend::demo::cluster_seed(0.0), 0.0).expect("cluster seed loads");
        store
    });
}

fuzz_target!(|data: &[u8]| {
    let (selector, body) = data.split_first().unwrap_or((&0, &[]));
    let operation = OPERATIONS[*selector as usize % OPERATIONS.len()];
    let protocol = if selector & 0x80 == 0 { Protocol::Cbor } else { Protocol::Json };
    let Ok(input) = protocol::decode_body(protocol, body) else { return };
    let shape = &model().operation(operation).expect("known operation").input;
    let Ok(decoded) = model().decode(shape, &input, DecodeOptions::default()) else { return };
    STORE.with(|store| {
        let output = store.borrow_mut().call(operation, &decoded, 1.0);
        if let (Ok(output), Some(out_shape)) = (output, &model().operation(operation).unwrap().output) {
            let _ = protocol::success(protocol, Some(out_shape), &output);
        }
    });
});
