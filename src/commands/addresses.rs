use clap::Args;

use crate::cli::Global;
use crate::client::Snow;
use crate::convert;
use crate::failure::Failure;
use crate::render;

/// `addresses`; its help is on [`crate::cli::Command::Addresses`].
#[derive(Args, Debug)]
pub struct AddressesArgs {}

pub async fn run(global: &Global, _args: &AddressesArgs) -> Result<i32, Failure> {
    let snow = Snow::connect(&global.settings()).await?;
    let addresses: Vec<_> = snow
        .describe_addresses()
        .await?
        .iter()
        .map(convert::address)
        .collect();
    let printed = super::output::print(global, "Addresses", &addresses, || {
        render::addresses(&addresses, global.output, &global.style())
    });
    Ok(super::output::exit_code(0, printed))
}
