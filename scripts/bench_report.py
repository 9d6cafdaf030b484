#!/usr/bin/env python3
"""Turns the JMH JSON results of scripts/bench.sh into the ratio table.

    python3 scripts/bench_report.py [--markdown FILE] RESULTS_DIR

RESULTS_DIR holds files named <suite>-<config>-<jdk>-r<round>.json (JMH's -rf json output):
  runtime-<jdk>-r<N>.json            KeyAccessBenchmark
  churn-noagent-<jdk>-r<N>.json      ThreadChurnBenchmark without the agent
  churn-agent-<jdk>-r<N>.json        ThreadChurnBenchmark with -javaagent (default options: mode=diagnose)
  churn-agentoff-<jdk>-r<N>.json     ThreadChurnBenchmark with -javaagent:...=mode=off (exit hooks only)

Every figure is compared with its baseline from the same round (same JDK, same time window). Within a
round a figure is its best measurement iteration (lowest ns/op, highest ops/s): on a shared machine, load
from elsewhere only ever adds time, so the least disturbed iteration is the closest to what the code
costs, and the same rule applies to the baseline. The ratio is the median over rounds of each round's
figure / baseline; the notes list each round's ratio, and the ratio computed from median iterations
instead (which includes the disturbance) for comparison. Score and baseline are medians over rounds.
For average-time results (ns/op) lower is better and a target is a maximum; for throughput (ops/s)
higher is better and a target is a minimum. Churn runs made with -prof io.localdrop.benchmarks.ProcessCpuProfiler
also give "(CPU time)" rows: operations per CPU-second of the whole JVM (1e9 / cpu.ns/op), a figure that
other processes' load does not inflate the way it swings wall-clock thread-start throughput.

Exit status: 0 all targets met, 3 a target was missed, 1 a figure with a target has no result.
"""
import argparse
import glob
import json
import os
import re
import sys
from collections import defaultdict

PKG = "io.localdrop.benchmarks."
FILE = re.compile(r"^(runtime|churn-noagent|churn-agent|churn-agentoff)-(\d+)-r(\d+)\.json$")

# (config, benchmark, variant) -> label, baseline key, target, comparison
RUNTIME_BASE = ("runtime", "KeyAccessBenchmark.threadLocalGet", None)
RUNTIME_ROWS = [
    ("ThreadLocal.get (baseline)", ("runtime", "KeyAccessBenchmark.threadLocalGet", None), None),
    ("OwnedKey.get", ("runtime", "KeyAccessBenchmark.ownedKeyGet", None), 1.10),
    ("OwnedKey.with", ("runtime", "KeyAccessBenchmark.ownedKeyWith", None), None),
    ("OwnedKey.tryWith", ("runtime", "KeyAccessBenchmark.ownedKeyTryWith", None), None),
    ("ScopedKey.get (in a binding)", ("runtime", "KeyAccessBenchmark.scopedKeyGet", None), 1.25),
    ("ScopedKey.call + get (binds per op)", ("runtime", "KeyAccessBenchmark.scopedKeyRunAndGet", None), None),
]


def churn_rows(kind, jdk, cpu=False):
    bench = "ThreadChurnBenchmark." + kind + (":cpu" if cpu else "")
    who = kind + " threads" + (" [CPU time]" if cpu else "")
    base = ("churn-noagent", bench, "bare")
    agent_target = 0.95 if kind == "platform" else 0.90
    return base, [
        ("%s, no agent, no keys (baseline)" % who, base, None),
        ("%s, agent mode=off, no keys" % who, ("churn-agentoff", bench, "bare"), agent_target),
        ("%s, agent mode=off + 3 owned keys" % who, ("churn-agentoff", bench, "keys3"), 0.90),
        ("%s, agent (default: diagnose), no keys" % who, ("churn-agent", bench, "bare"), agent_target),
        ("%s, agent (default: diagnose) + 3 owned keys" % who, ("churn-agent", bench, "keys3"), 0.90),
        ("%s, no agent, wrap() + 3 keys (context)" % who, ("churn-noagent", bench, "wrap_keys3"), None),
    ]


def load(results_dir):
    """{jdk: {round: {(config, benchmark, variant): (score, error, unit, mode)}}}, and the JVM versions."""
    data = defaultdict(lambda: defaultdict(dict))
    versions = {}
    for path in sorted(glob.glob(os.path.join(results_dir, "*.json"))):
        m = FILE.match(os.path.basename(path))
        if not m:
            continue
        config, jdk, rnd = m.group(1), m.group(2), int(m.group(3))
        try:
            with open(path) as f:
                entries = json.load(f)
        except (OSError, ValueError) as e:
            print("bench_report: cannot read %s: %s" % (path, e), file=sys.stderr)
            continue
        for e in entries:
            name = e["benchmark"]
            if name.startswith(PKG):
                name = name[len(PKG):]
            variant = (e.get("params") or {}).get("variant")
            pm = e["primaryMetric"]
            iterations = [x for fork in pm.get("rawData") or [] for x in fork] or [pm["score"]]
            # the least disturbed iteration: lowest time per op, or highest throughput
            best = max(iterations) if e["mode"] == "thrpt" else min(iterations)
            data[jdk][rnd][(config, name, variant)] = (best, median(iterations), pm["scoreUnit"], e["mode"])
            # ProcessCpuProfiler: CPU ns per operation, turned into operations per CPU-second so that, like
            # throughput, higher is better and the ratio reads the same way
            cpu = (e.get("secondaryMetrics") or {}).get("cpu.ns/op")
            if cpu:
                per_cpu_s = [1e9 / x for fork in cpu.get("rawData") or [] for x in fork if x > 0]
                if per_cpu_s:
                    data[jdk][rnd][(config, name + ":cpu", variant)] = (
                        max(per_cpu_s), median(per_cpu_s), "ops/cpu-s", "thrpt")
            versions[jdk] = "%s (%s)" % (e.get("jdkVersion", "?"), e.get("vmVersion", "?"))
    return data, versions


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def fmt(x):
    if x is None:
        return "n/a"
    if x >= 1000:
        return "{:,.0f}".format(x)
    return "%.3f" % x


def build_rows(data):
    rows = []
    worst = 0  # 0 ok, 3 missed, 1 missing
    for jdk in sorted(data, key=int):
        rounds = data[jdk]
        groups = []
        if any(k[0] == "runtime" for r in rounds.values() for k in r):
            groups.append((RUNTIME_BASE, RUNTIME_ROWS))
        kinds = ["platform"] + (["virtual"] if int(jdk) >= 21 else [])
        if any(k[0].startswith("churn") for r in rounds.values() for k in r):
            for kind in kinds:
                groups.append(churn_rows(kind, jdk))
            for kind in kinds:
                if any(k[1].endswith(kind + ":cpu") for r in rounds.values() for k in r):
                    groups.append(churn_rows(kind, jdk, cpu=True))
        for base_key, specs in groups:
            for label, key, target in specs:
                scores, bases, per_round, per_round_median = [], [], [], []
                unit = mode = None
                for rnd in sorted(rounds):
                    got, base = rounds[rnd].get(key), rounds[rnd].get(base_key)
                    if got:
                        scores.append(got[0])
                        unit, mode = got[2], got[3]
                    if base:
                        bases.append(base[0])
                    if got and base and base[0] > 0:
                        per_round.append(got[0] / base[0])
                        per_round_median.append(got[1] / base[1])
                score = median(scores) if scores else None
                baseline = median(bases) if bases else None
                ratio = median(per_round) if per_round else None
                higher_better = mode == "thrpt"
                if target is None:
                    tgt, ok = "-", ""
                elif ratio is None:
                    tgt = (">= %.2f" if key[0].startswith("churn") else "<= %.2f") % target
                    ok = "NO RESULT"
                    worst = 1
                else:
                    tgt = (">= %.2f" if higher_better else "<= %.2f") % target
                    met = ratio >= target if higher_better else ratio <= target
                    ok = "yes" if met else "NO"
                    if not met and worst == 0:
                        worst = 3
                notes = ""
                if per_round and key != base_key:
                    notes = "rounds: " + ", ".join("%.2f" % r for r in per_round)
                    notes += "; by median iteration: %.2f" % median(per_round_median)
                rows.append((label, jdk, fmt(score) + ("" if unit is None else " " + unit), fmt(baseline),
                             "n/a" if ratio is None else "%.3f" % ratio, tgt, ok, notes))
    return rows, worst


HEADER = ("benchmark", "JDK", "score", "baseline", "ratio", "target", "ok?", "notes")


def text_table(rows):
    widths = [max(len(str(r[i])) for r in rows + [HEADER]) for i in range(len(HEADER))]
    line = lambda r: " | ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip()
    out = [line(HEADER), "-+-".join("-" * w for w in widths)]
    out += [line(r) for r in rows]
    return "\n".join(out)


def markdown_table(rows):
    out = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("results_dir")
    ap.add_argument("--markdown", help="also write the table as Markdown to this file")
    args = ap.parse_args()
    if not os.path.isdir(args.results_dir):
        print("bench_report: results directory '%s' does not exist" % args.results_dir, file=sys.stderr)
        return 1
    data, versions = load(args.results_dir)
    if not data:
        print("bench_report: no JMH JSON results (runtime-*, churn-*) in '%s'" % args.results_dir, file=sys.stderr)
        return 1
    rows, worst = build_rows(data)
    print(text_table(rows))
    for jdk in sorted(versions, key=int):
        print("JDK %s = %s" % (jdk, versions[jdk]))
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(markdown_table(rows) + "\n\n")
            for jdk in sorted(versions, key=int):
                f.write("- JDK %s = %s\n" % (jdk, versions[jdk]))
    missed = sum(1 for r in rows if r[6] in ("NO", "NO RESULT"))
    if missed:
        print("%d target(s) missed or without a result" % missed)
    return worst


if __name__ == "__main__":
    sys.exit(main())
