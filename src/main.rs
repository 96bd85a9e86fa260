//! snowjob: safely edit pending AWS Snow Family jobs.

use clap::Parser;

use snowjob::cli::{Cli, Command};
use snowjob::commands;
use snowjob::failure::{Failure, Kind};

fn main() {
    let cli = Cli::parse();
    // One thread is plenty for a few hundred concurrent HTTP calls, and starts fastest.
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: could not start the async runtime: {e}");
            std::process::exit(Kind::Unexpected.exit_code());
        }
    };
    let code = runtime.block_on(async {
        tokio::select! {
            result = run(&cli) => match result {
                Ok(code) => code,
                Err(failure) => {
                    eprintln!("error: {}", failure.message);
                    failure.exit_code()
                }
            },
            _ = tokio::signal::ctrl_c() => {
                eprintln!("interrupted; requests already sent may have been applied");
                Kind::Interrupted.exit_code()
            }
        }
    });
    // Do not wait for in-flight requests after an interrupt.
    runtime.shutdown_background();
    std::process::exit(code);
}

async fn run(cli: &Cli) -> Result<i32, Failure> {
    let g = &cli.global;
    match &cli.command {
        Command::Show(args) => commands::show::run(g, args).await,
        Command::List(args) => commands::list::run(g, args).await,
        Command::Addresses(args) => commands::addresses::run(g, args).await,
        Command::SetShipping(args) => commands::run_edit(g, &args.ids.jobs, args).await,
        Command::SetCapacity(args) => commands::run_edit(g, &args.ids.jobs, args).await,
        Command::AddS3Resource(args) => commands::run_edit(g, &args.ids.jobs, args).await,
        Command::RemoveS3Resource(args) => commands::run_edit(g, &args.ids.jobs, args).await,
        Command::SetNfsLimit(args) => commands::run_edit(g, &args.ids.jobs, args).await,
        Command::Apply(args) => commands::apply::run(g, args).await,
        Command::Completions(args) => commands::completions::run(args),
    }
}
