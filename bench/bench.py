#!/usr/bin/env python3
"""Benchmark snowjob against the AWS CLI and boto3 on snowball-local.

Run with `bench/run [SECTION...]` (builds release binaries first); sections:

- tools: one edit (describe + update of one job) per tool, a batch of 200 jobs,
  start-up, peak memory of an edit, binary size, and HTTP requests per edit,
  as a table with ratios and the targets (needs boto3 and the AWS CLI);
- state: 200 edits against snowball-local with --state-file on a 40-job and
  on a 4,000-job state, and their ratio (the cost of a change must not grow
  with the number of stored jobs);
- throttle: batches against snowball-local's --rate-limit (100 jobs at 20
  requests/s; 40 jobs at 4/s with 20 ms latency; 40 jobs at 2/s with
  --concurrency 256): wall time, failed jobs and the 2N/R floor;
- cost: `show` of one job over plain HTTP against `snowjob --version` (the
  cost of an edit is its requests, not start-up); no AWS CLI or boto3 needed;
- conform: a `conform` pass over 1,000 pending jobs that all conform (its
  requests, and its time against `show` of the same 1,000 IDs), and a pass
  over 100 pending jobs of which 50 drift at --rate-limit 20 (failed jobs,
  and its time against its requests / 20).

All five by default. SNOWBALL_LOCAL=path runs another snowball-local binary
(e.g. one built before a change; the throttle section needs --rate-limit),
SNOWJOB=path another snowjob.
Only 127.0.0.1 is contacted.
"""

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release")
SNOWJOB = os.environ.get("SNOWJOB", os.path.join(BIN, "snowjob"))
SERVER = os.environ.get("SNOWBALL_LOCAL", os.path.join(BIN, "snowball-local"))
ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
JOB = "JID00000000-0000-4000-8000-000000000001"
SPEEDS = ["NEXT_DAY", "SECOND_DAY"]

REPEATS = int(os.environ.get("BENCH_REPEATS", "30"))
CLI_REPEATS = int(os.environ.get("BENCH_CLI_REPEATS", "8"))
BATCH = 200
LATENCY_MS = 50
CLI_BATCH_SAMPLE = int(os.environ.get("BENCH_CLI_BATCH_SAMPLE", "5"))
STATE_SIZES = (40, 4000)
STATE_EDITS = 200
STATE_EDITED = 40  # jobs edited, each STATE_EDITS / STATE_EDITED times
STATE_REPEATS = int(os.environ.get("BENCH_STATE_REPEATS", "3"))
# (jobs, requests a second, latency in ms, --concurrency) for the throttled batches.
THROTTLED = ((100, 20, 0, 8), (40, 4, 20, 8), (40, 2, 0, 256))


def env_for(url, home):
    env = {
        "PATH": os.environ["PATH"],
        "HOME": home,
        "AWS_ACCESS_KEY_ID": ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        "AWS_REGION": "us-east-1",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ENDPOINT_URL": url,
        "AWS_CONFIG_FILE": os.path.join(home, "config"),
        "AWS_SHARED_CREDENTIALS_FILE": os.path.join(home, "credentials"),
        "AWS_EC2_METADATA_DISABLED": "true",
    }
    return env


def run(cmd, env, stdin=None, check=True):
    """Runs a command; returns (seconds, peak RSS in KiB), or with check=False
    (seconds, exit code, stderr)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if stdin:
        proc.stdin.write(stdin.encode())
        proc.stdin.close()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if not check:
        return elapsed, proc.returncode, err
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err}")
    return elapsed, usage.ru_maxrss


def control(url, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url + path, data=data, method=method, headers={"content-type": "application/json"})
    with urllib.request.urlopen(req) as reply:
        return json.loads(reply.read() or b"null")


def requests_made(url, action):
    control(url, "DELETE", "/_local/journal")
    action()
    return len(control(url, "GET", "/_local/journal"))


def stats(samples):
    samples = sorted(samples)
    q = lambda p: samples[min(len(samples) - 1, int(p * len(samples)))]
    return {"median": statistics.median(samples), "p10": q(0.10), "p90": q(0.90), "n": len(samples)}


def ms(s):
    return f"{s * 1000:.1f} ms"


BOTO3_ONE = """
import boto3, sys
c = boto3.client('snowball')
job = sys.argv[1]
current = c.describe_job(JobId=job)['JobMetadata']['ShippingDetails']['ShippingOption']
speed = 'SECOND_DAY' if current == 'NEXT_DAY' else 'NEXT_DAY'
c.update_job(JobId=job, ShippingOption=speed)
"""

BOTO3_BATCH = """
import boto3, sys
c = boto3.client('snowball')
for job in sys.stdin.read().split():
    current = c.describe_job(JobId=job)['JobMetadata']['ShippingDetails']['ShippingOption']
    speed = 'SECOND_DAY' if current == 'NEXT_DAY' else 'NEXT_DAY'
    c.update_job(JobId=job, ShippingOption=speed)
"""


def start_server(*args):
    """snowball-local on a free port: (process, URL)."""
    server = subprocess.Popen([SERVER, "--port", "0", *args],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    url = server.stdout.readline().strip()
    if not url.startswith("http://"):
        server.kill()
        sys.exit(f"{SERVER} {' '.join(args)} did not start")
    return server, url


def stop(server):
    server.terminate()
    server.wait()


def seed_file(directory, jobs, speed=lambda i: "SECOND_DAY"):
    """A seed of `jobs` pending jobs, each the size of a real one (job i
    shipping `speed(i)`); returns (path, IDs)."""
    ids = [f"JID{uuid.uuid4()}" for _ in range(jobs)]
    doc = {"Jobs": [{
        "JobId": job, "JobType": "IMPORT", "SnowballType": "EDGE",
        "Description": f"bench job {i}",
        "RoleARN": "arn:aws:iam::123456789012:role/snowball-import",
        "KmsKeyARN": "arn:aws:kms:us-east-1:123456789012:key/abcd1234-a123-456a-a12b-a123b4cd56ef",
        "AddressId": "ADID00000000-0000-4000-8000-000000000001",
        "ShippingDetails": {"ShippingOption": speed(i)},
        "Resources": {"S3Resources": [{"BucketArn": f"arn:aws:s3:::bench-bucket-{i}"}]},
        "Notification": {"SnsTopicARN": "arn:aws:sns:us-east-1:123456789012:snow",
                         "JobStatesToNotify": ["InTransitToCustomer", "Complete"], "NotifyAll": False},
    } for i, job in enumerate(ids)]}
    path = os.path.join(directory, f"seed-{jobs}.json")
    with open(path, "w") as f:
        json.dump(doc, f)
    return path, ids


def bench_state():
    """200 edits (UpdateJob through snowjob) with --state-file, per state size."""
    results = {}
    for size in STATE_SIZES:
        samples = []
        for _ in range(STATE_REPEATS):
            with tempfile.TemporaryDirectory() as d:
                seed, ids = seed_file(d, size)
                server, url = start_server("--seed", seed, "--state-file", os.path.join(d, "state.json"))
                try:
                    env = env_for(url, d)
                    edited = "\n".join(ids[:STATE_EDITED]) + "\n"
                    control(url, "DELETE", "/_local/journal")
                    elapsed = 0.0
                    for i in range(STATE_EDITS // STATE_EDITED):
                        # Every pass flips every job's speed: each edit is a real change.
                        cmd = [SNOWJOB, "set-shipping", "-", "--speed", SPEEDS[i % 2], "-q"]
                        elapsed += run(cmd, env, stdin=edited)[0]
                    updates = [e for e in control(url, "GET", "/_local/journal")
                               if e["operation"] == "UpdateJob" and e["status"] == 200]
                    if len(updates) != STATE_EDITS:
                        sys.exit(f"expected {STATE_EDITS} updates, the journal has {len(updates)}")
                    samples.append(elapsed)
                finally:
                    stop(server)
        results[size] = stats(samples)
    small, large = (results[n]["median"] for n in STATE_SIZES)
    print(f"{STATE_EDITS} edits with --state-file ({SERVER}):")
    for size in STATE_SIZES:
        print(f"  {size:>5} jobs: {results[size]['median']:.3f} s (median of {results[size]['n']})")
    ratio = large / small
    print(f"  ratio: {ratio:.2f}x")
    print(f"{'met    ' if ratio <= 2 else 'MISSED '} {STATE_EDITS} edits on a {STATE_SIZES[1]}-job state within 2x of a {STATE_SIZES[0]}-job state")
    print()
    return {"edits": STATE_EDITS, **{f"{n}_jobs": results[n] for n in STATE_SIZES}, "ratio": ratio}


def bench_throttle():
    """A batch of set-shipping against a rate-limited endpoint."""
    results = []
    for jobs, rate, latency, concurrency in THROTTLED:
        with tempfile.TemporaryDirectory() as d:
            seed, ids = seed_file(d, jobs)
            server, url = start_server("--seed", seed, "--rate-limit", str(rate), "--latency", f"{latency}ms")
            try:
                env = env_for(url, d)
                cmd = [SNOWJOB, "set-shipping", "-", "--speed", "NEXT_DAY", "-q", "--concurrency", str(concurrency)]
                elapsed, code, err = run(cmd, env, stdin="\n".join(ids) + "\n", check=False)
                stored = control(url, "GET", "/_local/jobs")
                failed = sum(1 for j in stored if j["ShippingDetails"]["ShippingOption"] != "NEXT_DAY")
                journal = control(url, "GET", "/_local/journal")
                throttled = sum(1 for e in journal if e.get("fault") == "throttled")
            finally:
                stop(server)
        floor = 2 * jobs / rate
        results.append({"jobs": jobs, "rate": rate, "latency_ms": latency, "concurrency": concurrency,
                        "seconds": elapsed, "exit": code,
                        "failed_jobs": failed, "requests": len(journal), "throttled": throttled, "floor": floor})
    print("throttled batches (snowjob set-shipping):")
    for r in results:
        latency = f", {r['latency_ms']} ms latency" if r["latency_ms"] else ""
        print(f"  {r['jobs']} jobs at --rate-limit {r['rate']}{latency}, --concurrency {r['concurrency']}: {r['seconds']:.2f} s "
              f"(floor 2N/R = {r['floor']:.0f} s, target 1.25x = {1.25 * r['floor']:.1f} s), exit {r['exit']}, "
              f"{r['failed_jobs']} failed jobs, {r['requests']} requests ({r['throttled']} throttled)")
    for r in results:
        met = r["failed_jobs"] == 0 and r["seconds"] <= 1.25 * r["floor"]
        print(f"{'met    ' if met else 'MISSED '} {r['jobs']} jobs at {r['rate']}/s: 0 failed and within 1.25 x 2N/R")
    print()
    return results


def bench_cost():
    """`show` of one job over plain HTTP against `--version`, interleaved."""
    home = tempfile.mkdtemp()
    server, url = start_server("--demo")
    try:
        env = env_for(url, home)
        version, show = [], []
        for _ in range(REPEATS):
            version.append(run([SNOWJOB, "--version"], env)[0])
            show.append(run([SNOWJOB, "show", JOB, "-o", "json"], env)[0])
    finally:
        stop(server)
    version, show = stats(version), stats(show)
    ratio = show["median"] / version["median"]
    print("one show over plain HTTP against --version (medians):")
    print(f"  --version {ms(version['median'])}, show {ms(show['median'])}: {ratio:.2f}x")
    print(f"{'met    ' if ratio <= 2 else 'MISSED '} show within 2x of --version")
    print()
    return {"version": version, "show": show, "ratio": ratio}


CONFORM_JOBS = 1000
CONFORM_REPEATS = int(os.environ.get("BENCH_CONFORM_REPEATS", "5"))
# (pending jobs, of which drift, requests a second) for the rate-limited pass.
CONFORM_THROTTLED = (100, 50, 20)
STANDARD = """Name: bench
Select: {Kind: [job], JobType: [IMPORT]}
Set:
  ShippingOption: NEXT_DAY
  Notification: {SnsTopicARN: "arn:aws:sns:us-east-1:123456789012:snow"}
"""


def bench_conform():
    """A conform pass that sends nothing, against show; a drifting one, rate-limited."""
    results = {}
    with tempfile.TemporaryDirectory() as d:
        standard = os.path.join(d, "standard.yaml")
        with open(standard, "w") as f:
            f.write(STANDARD)
        seed, ids = seed_file(d, CONFORM_JOBS, speed=lambda i: "NEXT_DAY")
        server, url = start_server("--seed", seed)
        try:
            env = env_for(url, d)
            control(url, "DELETE", "/_local/journal")
            run([SNOWJOB, "conform", standard, "-q", "-o", "json"], env)
            ops = [e["operation"] for e in control(url, "GET", "/_local/journal")]
            listed = [op for op in ops if op.startswith("List")]
            others = sorted(set(ops) - {"ListJobs", "ListClusters", "ListClusterJobs", "DescribeJob"})
            described = ops.count("DescribeJob")
            stdin = "\n".join(ids) + "\n"
            show, conform = [], []
            for _ in range(CONFORM_REPEATS):
                show.append(run([SNOWJOB, "show", "-", "-o", "json"], env, stdin=stdin)[0])
                conform.append(run([SNOWJOB, "conform", standard, "-q", "-o", "json"], env)[0])
        finally:
            stop(server)
    show, conform = stats(show), stats(conform)
    ratio = conform["median"] / show["median"]
    results["all_conform"] = {"jobs": CONFORM_JOBS, "list_requests": len(listed), "describe_job": described,
                              "other_requests": others, "show": show, "conform": conform, "ratio": ratio}

    jobs, drifting, rate = CONFORM_THROTTLED
    with tempfile.TemporaryDirectory() as d:
        standard = os.path.join(d, "standard.yaml")
        with open(standard, "w") as f:
            f.write(STANDARD)
        seed, ids = seed_file(d, jobs, speed=lambda i: "SECOND_DAY" if i < drifting else "NEXT_DAY")
        server, url = start_server("--seed", seed, "--rate-limit", str(rate))
        try:
            env = env_for(url, d)
            elapsed, code, _ = run([SNOWJOB, "conform", standard, "-q", "-o", "json", "--yes"], env, check=False)
            stored = control(url, "GET", "/_local/jobs")
            failed = sum(1 for j in stored if j["ShippingDetails"]["ShippingOption"] != "NEXT_DAY")
            journal = control(url, "GET", "/_local/journal")
            answered = [e for e in journal if e.get("fault") != "throttled"]
            updates = sum(1 for e in answered if e["operation"] == "UpdateJob")
        finally:
            stop(server)
    floor = len(answered) / rate
    results["drifting"] = {"jobs": jobs, "drifting": drifting, "rate": rate, "seconds": elapsed, "exit": code,
                           "failed_jobs": failed, "requests": len(answered), "updates": updates, "floor": floor}

    a, t = results["all_conform"], results["drifting"]
    print("conform passes:")
    print(f"  {a['jobs']} pending jobs, all conforming: {a['list_requests']} list pages + {a['describe_job']} DescribeJob"
          f" (other requests: {', '.join(a['other_requests']) or 'none'}); "
          f"pass {ms(a['conform']['median'])} against show of the same IDs {ms(a['show']['median'])}: {a['ratio']:.2f}x")
    print(f"  {t['jobs']} pending jobs, {t['drifting']} drifting, --rate-limit {t['rate']}: {t['seconds']:.2f} s "
          f"(requests / R = {t['requests']} / {t['rate']} = {t['floor']:.1f} s, target 1.25x = {1.25 * t['floor']:.1f} s), "
          f"exit {t['exit']}, {t['failed_jobs']} failed jobs, {t['updates']} UpdateJob")
    only = a["describe_job"] == a["jobs"] and not a["other_requests"]
    print(f"{'met    ' if only else 'MISSED '} a conforming pass sends the list pages and one DescribeJob per job, nothing else")
    print(f"{'met    ' if a['ratio'] <= 1.25 else 'MISSED '} a conforming pass within 1.25x of show of the same jobs")
    met = t["failed_jobs"] == 0 and t["seconds"] <= 1.25 * t["floor"]
    print(f"{'met    ' if met else 'MISSED '} {t['jobs']} jobs, {t['drifting']} drifting at {t['rate']}/s: 0 failed and within 1.25x of requests / R")
    print()
    return results


SECTIONS = ("tools", "state", "throttle", "cost", "conform")


def main():
    sections = sys.argv[1:] or list(SECTIONS)
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        sys.exit(f"unknown section(s) {', '.join(sorted(unknown))}: expected {', '.join(SECTIONS)}")
    results = {}
    if "tools" in sections:
        results.update(bench_tools())
    if "state" in sections:
        results["state_file"] = bench_state()
    if "throttle" in sections:
        results["throttled"] = bench_throttle()
    if "cost" in sections:
        results["show_cost"] = bench_cost()
    if "conform" in sections:
        results["conform"] = bench_conform()
    out = os.environ.get("BENCH_JSON")
    if out:
        with open(out, "w") as f:
            json.dump(results, f, indent=2)


def bench_tools():
    home = tempfile.mkdtemp()
    server, url = start_server("--demo")
    try:
        env = env_for(url, home)
        seeded = control(url, "POST", "/_local/seed", {
            "Jobs": [{"JobType": "IMPORT", "SnowballType": "EDGE", "ShippingDetails": {"ShippingOption": "SECOND_DAY"}}
                     for _ in range(BATCH)]})
        batch_ids = seeded["JobIds"]
        results = {}

        # One edit. Every run flips the job's speed, so every run really updates.
        flips = iter(range(10**9))

        def next_speed():
            return SPEEDS[next(flips) % 2]

        def snowjob_one(_):
            return run([SNOWJOB, "set-shipping", JOB, "--speed", next_speed(), "-q"], env)

        def cli_one(_):
            t1, m1 = run(["aws", "snowball", "describe-job", "--job-id", JOB], env)
            t2, m2 = run(["aws", "snowball", "update-job", "--job-id", JOB, "--shipping-option", next_speed()], env)
            return t1 + t2, max(m1, m2)

        def boto3_one(i):
            return run([sys.executable, "-c", BOTO3_ONE, JOB], env)

        snowjob_one(0)  # warm the page cache
        one = {
            "snowjob": [snowjob_one(i) for i in range(REPEATS)],
            "aws cli": [cli_one(i) for i in range(CLI_REPEATS)],
            "boto3": [boto3_one(i) for i in range(CLI_REPEATS)],
        }
        for tool, runs in one.items():
            results[tool] = {"one": stats([t for t, _ in runs]), "rss_kib": max(m for _, m in runs)}

        # Requests per edit (each a real change: the boto3 script flips the speed itself).
        # Requests per edit: an edit that surely changes the job.
        def other_speed():
            shown = subprocess.run([SNOWJOB, "show", JOB, "-o", "json"], env=env,
                                   capture_output=True, text=True, check=True).stdout
            current = json.loads(shown)[0]["ShippingDetails"]["ShippingOption"]
            return SPEEDS[1] if current == SPEEDS[0] else SPEEDS[0]
        speed = other_speed()
        results["snowjob"]["requests"] = requests_made(
            url, lambda: run([SNOWJOB, "set-shipping", JOB, "--speed", speed, "-q"], env))
        results["aws cli"]["requests"] = requests_made(url, lambda: cli_one(0))
        results["boto3"]["requests"] = requests_made(url, lambda: boto3_one(0))

        # A batch of 200 jobs.
        ids = "\n".join(batch_ids) + "\n"
        def snowjob_batch(concurrency):
            speed = next_speed()
            return run([SNOWJOB, "set-shipping", "-", "--speed", speed, "-q", "--concurrency", str(concurrency)], env, stdin=ids)[0]

        results["snowjob"]["batch"] = stats([snowjob_batch(32) for _ in range(5)])
        results["snowjob"]["batch_default_concurrency"] = stats([snowjob_batch(8) for _ in range(3)])
        results["snowjob"]["batch_requests"] = requests_made(url, lambda: snowjob_batch(32))

        # The same batch with 50 ms of latency on every call, at the default
        # concurrency: its floor is 200 jobs x 2 requests x 50 ms / 8 = 2.5 s.
        def with_latency():
            control(url, "POST", "/_local/faults",
                    {"operation": "*", "count": BATCH * 2, "kind": "delay", "ms": LATENCY_MS})
            try:
                return snowjob_batch(8)
            finally:
                control(url, "DELETE", "/_local/faults")
        results["snowjob"]["batch_latency"] = stats([with_latency() for _ in range(3)])
        sample = [cli_one(i)[0] for i in range(CLI_BATCH_SAMPLE)]
        results["aws cli"]["batch"] = {"median": statistics.median(sample) * BATCH, "extrapolated_from": CLI_BATCH_SAMPLE}
        results["boto3"]["batch"] = stats([run([sys.executable, "-c", BOTO3_BATCH], env, stdin=ids)[0] for _ in range(2)])

        # Start-up, size.
        results["snowjob"]["version"] = stats([run([SNOWJOB, "--version"], env)[0] for _ in range(REPEATS)])
        results["snowjob"]["help"] = stats([run([SNOWJOB, "--help"], env)[0] for _ in range(REPEATS)])
        results["snowjob"]["binary_bytes"] = os.path.getsize(SNOWJOB)
    finally:
        stop(server)

    report(results)
    print()
    return results


def report(r):
    s, c, b = r["snowjob"], r["aws cli"], r["boto3"]
    one = s["one"]["median"]
    rows = [
        ("one edit, median (p10-p90)", *(f"{ms(x['one']['median'])} ({ms(x['one']['p10'])}-{ms(x['one']['p90'])})" for x in (s, c, b))),
        ("  snowjob is faster by", "", f"{c['one']['median'] / one:.0f}x", f"{b['one']['median'] / one:.0f}x"),
        ("HTTP requests per edit", str(s["requests"]), str(c["requests"]), str(b["requests"])),
        ("peak memory of an edit", *(f"{x['rss_kib'] / 1024:.1f} MiB" for x in (s, c, b))),
        (f"{BATCH} jobs, one command", f"{ms(s['batch']['median'])} (--concurrency 32)",
         f"{c['batch']['median']:.0f} s (from {c['batch']['extrapolated_from']} runs)", f"{b['batch']['median']:.2f} s"),
        (f"{BATCH} jobs, default --concurrency 8", ms(s["batch_default_concurrency"]["median"]), "", ""),
        (f"HTTP requests for {BATCH} jobs", str(s["batch_requests"]), "", ""),
        (f"{BATCH} jobs, {LATENCY_MS} ms latency, --concurrency 8",
         f"{s['batch_latency']['median']:.2f} s (floor {BATCH * 2 * LATENCY_MS / 8 / 1000:.1f} s)", "", ""),
        ("start-up: --version / --help", f"{ms(s['version']['median'])} / {ms(s['help']['median'])}", "", ""),
        ("release binary", f"{s['binary_bytes'] / 1e6:.1f} MB", "", ""),
    ]
    widths = [max(len(row[i]) for row in rows + [("", "snowjob", "aws cli", "boto3")]) for i in range(4)]
    line = lambda row: "  ".join(cell.ljust(w) for cell, w in zip(row, widths))
    print(line(("", "snowjob", "aws cli", "boto3")))
    print(line(tuple("-" * w for w in widths)))
    for row in rows:
        print(line(row))
    print()
    targets = [
        ("one edit >= 30x faster than the AWS CLI", c["one"]["median"] / one >= 30),
        ("one edit >= 10x faster than boto3", b["one"]["median"] / one >= 10),
        (f"{BATCH} jobs in under 2 s", s["batch"]["median"] < 2.0),
        ("peak memory under 30 MB", s["rss_kib"] * 1024 < 30e6),
        ("start-up under 20 ms", s["version"]["median"] < 0.020),
    ]
    for name, met in targets:
        print(f"{'met    ' if met else 'MISSED '} {name}")


if __name__ == "__main__":
    main()
