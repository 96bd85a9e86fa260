use clap::Args;

use crate::args::Global;
use crate::aws::client::Snow;
use crate::aws::convert;
use crate::failure::Failure;
use crate::output::render;

/// List the account's shipping addresses, address ID first.
///
/// Their IDs are what --address-id and --forwarding-address-id take. Follows
/// every page of DescribeAddresses.
#[derive(Args, Debug)]
#[command(after_help = super::examples(EXAMPLES))]
pub struct AddressesArgs {}

impl super::Declared for AddressesArgs {
    const WHAT: super::What = super::What::Read;
}

pub async fn run(global: &Global, _args: &AddressesArgs) -> Result<i32, Failure> {
    let snow = Snow::connect(&global.settings()).await?;
    let addresses: Vec<_> = snow
        .describe_addresses()
        .await?
        .iter()
        .map(convert::json)
        .collect();
    let printed = super::ui::print::print(global, "Addresses", &addresses, || {
        render::addresses(&addresses, global.output, &global.style())
    });
    Ok(super::ui::print::exit_code(0, printed))
}

/// Shown at the end of `addresses --help`: (what, command).
pub const EXAMPLES: &[(&str, &str)] = &[
    ("The account's addresses, ID first", "snowjob addresses"),
    (
        "IDs and cities only",
        "snowjob addresses -o text --query '[].[AddressId, City]'",
    ),
];
