#!/usr/bin/env bash
# From a fresh clone: build, start the bundled Snowball endpoint with demo jobs,
# show a pending job and the addresses, change its shipping and capacity, add a
# bucket and remove another, preview an edit, look at the history and undo the
# last edit, show the result, edit a pending cluster, preview cancelling a
# job, plan a change for review and submit it, keep the demo's orders to a
# fleet standard (conform), and stop the endpoint. Nothing here touches AWS.
set -euo pipefail
cd "$(dirname "$0")"

echo "==> Building snowjob and snowball-local (the first build compiles the AWS SDK: a few minutes)"
cargo build --bins --workspace
bin=${CARGO_TARGET_DIR:-target}/debug

# The endpoint's default key pair (AWS's documented example key) and a region;
# a temporary AWS config so nothing from this machine's ~/.aws is used.
aws_home=$(mktemp -d)
export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
export AWS_REGION=us-east-1
export AWS_CONFIG_FILE=$aws_home/config AWS_SHARED_CREDENTIALS_FILE=$aws_home/credentials
export AWS_EC2_METADATA_DISABLED=true
# The demo's edits go to a history of their own, not to yours.
export SNOWJOB_HISTORY=$aws_home/history.jsonl
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL_SNOWBALL

echo "==> Starting snowball-local --demo"
coproc ENDPOINT { exec "$bin/snowball-local" --demo --port 0; }
endpoint_pid=$ENDPOINT_PID
trap 'kill "$endpoint_pid" 2>/dev/null || true; rm -rf "$aws_home"' EXIT
read -r url <&"${ENDPOINT[0]}"
export AWS_ENDPOINT_URL=$url
echo "    listening on $url"

job=JID00000000-0000-4000-8000-000000000001
cluster=CID00000000-0000-4000-8000-000000000001
# Echo each command as it could be typed (quoting what the shell would split), then run it.
run() {
    printf '\n$ snowjob'
    for arg in "$@"; do
        if [[ $arg =~ ^[A-Za-z0-9_./:=,-]+$ ]]; then printf ' %s' "$arg"; else printf ' "%s"' "$arg"; fi
    done
    echo
    "$bin/snowjob" "$@"
}

run list
run show "$job"
run addresses -o text
run set-shipping "$job" --speed NEXT_DAY
run set-capacity "$job" --capacity T98
run add-s3-resource "$job" --bucket example-quickstart-bucket
run remove-s3-resource "$job" --bucket example-migration-archive
run --dry-run -o json set-nfs-limit "$job" --limit 20
run --dry-run -o json --query "[?Outcome=='planned'] | length(@)" set-nfs-limit "$job" --limit 20
run history "$job"
run undo "$job"
run show "$job"
run clusters
run set-shipping "$cluster" --speed EXPRESS
run show "$cluster"
run cancel JID00000000-0000-4000-8000-000000000002 --dry-run
# Change review: plan for review (nothing sent), then send exactly the plan.
run set-shipping JID00000000-0000-4000-8000-000000000003 --speed STANDARD --plan "$aws_home/plan.json"
run submit "$aws_home/plan.json"
run submit "$aws_home/plan.json" --cli-error-format json -o text
# Fleet standards: the demo's imports drift from the example standard (exit 7),
# one pass makes them conform, and a second check finds nothing to do.
set +e
run conform examples/standard.yaml --check
drift=$?
set -e
[ "$drift" -eq 7 ] || { echo "expected conform --check to exit 7 (drift), got $drift" >&2; exit 1; }
run conform examples/standard.yaml --yes
run conform examples/standard.yaml --check

echo
echo "==> Done; stopping the endpoint."
