use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use clap::Parser;
use snowball_local::{Config, DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, RateLimit, Regions};

/// A local AWS Snowball endpoint for tests, demos and CI pipelines.
///
/// Prints the URL it listens on as the first line of stdout, then serves until
/// interrupted. Point any AWS client at it with --endpoint-url.
///
/// Operations: CreateJob, DescribeJob, UpdateJob, ListJobs, CancelJob,
/// CreateCluster, DescribeCluster, UpdateCluster, ListClusters, ListClusterJobs,
/// CancelCluster, CreateAddress, DescribeAddress, DescribeAddresses (Smithy RPC
/// v2 CBOR and awsJson1_1).
///
/// Control API for tests, unsigned, under /_local/: journal, faults,
/// jobs[/ID], PUT jobs/ID/state, clusters[/ID], PUT clusters/ID/state (moves
/// its node jobs too), DELETE addresses/ID, POST seed. With a control token,
/// every control request must send `Authorization: Bearer TOKEN` (401
/// otherwise).
///
/// It listens on loopback unless told otherwise; beyond loopback (e.g.
/// --host 0.0.0.0 in a container) it needs a control token and a key pair of
/// its own (not the documentation's example keys, nor --no-auth).
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Address to listen on. Beyond loopback (127.0.0.0/8, ::1) it needs
    /// --control-token(-file) and --access-key/--secret-key of your own.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// Require this token on every control API request (/_local/), sent as
    /// `Authorization: Bearer TOKEN`: printable ASCII, at least 16
    /// characters (e.g. `openssl rand -hex 16`). Other users of the machine
    /// can see a command line; prefer --control-token-file.
    #[arg(
        long,
        value_name = "TOKEN",
        conflicts_with = "control_token_file",
        allow_hyphen_values = true
    )]
    control_token: Option<String>,
    /// As --control-token, read from this file (a trailing newline is not
    /// part of it).
    #[arg(long, value_name = "PATH")]
    control_token_file: Option<PathBuf>,
    /// Port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Load jobs, clusters and addresses from this YAML or JSON file
    /// ({Jobs: [JobMetadata...], Clusters: [ClusterMetadata...], Addresses:
    /// [Address...]}; node jobs are jobs with ClusterId).
    #[arg(long, value_name = "FILE")]
    seed: Option<PathBuf>,
    /// Start with a few pending demo jobs and addresses.
    #[arg(long)]
    demo: bool,
    /// Access key ID that requests must be signed with.
    #[arg(long, default_value = DEFAULT_ACCESS_KEY, conflicts_with = "no_auth")]
    access_key: String,
    /// Secret key that requests must be signed with.
    #[arg(long, default_value = DEFAULT_SECRET_KEY, conflicts_with = "no_auth", hide_default_value = false, allow_hyphen_values = true)]
    secret_key: String,
    /// Accept requests without checking SigV4 signatures.
    #[arg(long)]
    no_auth: bool,
    /// Accept only requests signed for this region (403 otherwise). By default
    /// any region is accepted: the signature is checked with whichever region
    /// the client signed for.
    #[arg(long, value_name = "REGION")]
    region: Option<String>,
    /// How long a new job stays editable (New) before it moves to
    /// PreparingAppliance; a new cluster (AwaitingQuorum) before it moves to
    /// Pending, its node jobs to PreparingAppliance.
    #[arg(long, default_value_t = snowball_model::facts::EDIT_WINDOW.into(), value_name = "DURATION")]
    edit_window: humantime::Duration,
    /// Keep jobs, clusters and addresses in this file across restarts: a log
    /// each change is written to before its reply is sent (so even kill -9
    /// loses nothing), compacted at start and as it grows. When it exists it
    /// wins: --demo and --seed only initialise a new one (or an empty file).
    /// One server per file: locked through PATH.lock, which names its PID. A
    /// symbolic link is followed; anything but a regular file is refused.
    #[arg(long, value_name = "PATH")]
    state_file: Option<PathBuf>,
    /// Close a connection that has not sent a request's headers this long after
    /// connecting or after its previous reply (idle keep-alive connections too),
    /// or whose request body is not complete this long after its headers.
    #[arg(long, default_value = "10s", value_parser = humantime::parse_duration, value_name = "DURATION")]
    header_timeout: Duration,
    /// Allow R Snowball calls a second on average, BURST at once (default: R
    /// rounded, at least 1): a token bucket. A call without a token gets 400
    /// ThrottlingException "Rate exceeded" and does not run. The control API
    /// is exempt.
    #[arg(long, value_name = "R[,BURST]", allow_hyphen_values = true)]
    rate_limit: Option<RateLimit>,
    /// Delay every Snowball API request this long before it is handled, as
    /// network latency would (e.g. 20ms).
    #[arg(long, default_value = "0s", value_parser = humantime::parse_duration, value_name = "DURATION")]
    latency: Duration,
}

/// A control token file is read up to this many bytes.
const MAX_TOKEN_FILE: u64 = 4096;

/// Exits 2 as clap does for a bad argument, with `message`.
fn usage_error(message: impl std::fmt::Display) -> ! {
    use clap::CommandFactory;
    Args::command()
        .error(clap::error::ErrorKind::ValueValidation, message)
        .exit()
}

/// The control token the arguments give, checked (never quoted: a secret).
fn control_token(args: &Args) -> Option<String> {
    if let Some(token) = &args.control_token {
        if let Err(why) = snowball_local::check_control_token(token) {
            usage_error(format!("--control-token: {why}"));
        }
        return Some(token.clone());
    }
    let path = args.control_token_file.as_ref()?;
    let name = snowball_local::escaped(&path.display().to_string());
    let mut bytes = Vec::new();
    let read = std::fs::File::open(path).and_then(|file| {
        use std::io::Read;
        file.take(MAX_TOKEN_FILE + 1).read_to_end(&mut bytes)
    });
    if let Err(e) = read {
        usage_error(format!("--control-token-file {name}: cannot read it: {e}"));
    }
    if bytes.len() as u64 > MAX_TOKEN_FILE {
        usage_error(format!(
            "--control-token-file {name}: longer than {MAX_TOKEN_FILE} bytes; it should hold the token alone"
        ));
    }
    let Ok(text) = String::from_utf8(bytes) else {
        usage_error(format!(
            "--control-token-file {name}: not text; it should hold the token alone"
        ));
    };
    let token = text.trim_end_matches(['\n', '\r']);
    if let Err(why) = snowball_local::check_control_token(token) {
        usage_error(format!("--control-token-file {name}: {why}"));
    }
    Some(token.to_string())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let control_token = control_token(&args);
    let seed = match &args.seed {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            Some(snowball_local::parse_seed(&text).with_context(|| path.display().to_string())?)
        }
        None => None,
    };
    let config = Config {
        host: args.host,
        port: args.port,
        credentials: (!args.no_auth).then_some((args.access_key, args.secret_key)),
        region: args.region.map_or(Regions::Any, Regions::Only),
        edit_window: args.edit_window.into(),
        demo: args.demo,
        seed,
        state_file: args.state_file,
        header_timeout: args.header_timeout,
        rate_limit: args.rate_limit,
        latency: args.latency,
        control_token,
    };
    // Checked before binding (the host as it resolves), and again with the
    // address bound.
    let resolved = snowball_local::resolve(&config.host, config.port);
    if let Err(why) = snowball_local::check_exposure(&config, &resolved) {
        usage_error(why);
    }
    let listener = tokio::net::TcpListener::bind((config.host.as_str(), config.port))
        .await
        .with_context(|| {
            format!(
                "binding {}:{}",
                snowball_local::escaped(&config.host),
                config.port
            )
        })?;
    let addr = listener.local_addr()?;
    if let Err(why) = snowball_local::check_exposure(&config, &[addr.ip()]) {
        usage_error(why);
    }
    let shared = snowball_local::build_state(&config)?;
    {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        writeln!(out, "http://{addr}")?;
        out.flush()?;
    }
    snowball_local::serve(listener, shared, shutdown_signal()).await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("SIGTERM handler");
        tokio::select! {
            _ = ctrl_c => {},
            _ = term.recv() => {},
        }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
}
