use clap::Args;

use crate::args::Global;
use crate::aws::client::Snow;
use crate::aws::convert;
use crate::failure::Failure;
use crate::output::render;

/// `addresses`; its help is the doc comment of its `Command` variant in `cli`.
#[derive(Args, Debug)]
pub struct AddressesArgs {}

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
