#!/usr/bin/env python3
"""The one report of localdrop's JMH runs: each figure as a ratio to its baseline from the same round.

    python3 scripts/bench_report.py [--markdown FILE] RESULTS_DIR

RESULTS_DIR holds JMH JSON results (-rf json), one file per JMH run, named
  runtime-<jdk>-r<N>.json            KeyAccessBenchmark (scripts/bench.sh)
  churn-noagent-<jdk>-r<N>.json      ThreadChurnBenchmark without the agent (scripts/bench.sh)
  churn-agent-<jdk>-r<N>.json        ... with -javaagent, default options (mode=diagnose)
  churn-agentoff-<jdk>-r<N>.json     ... with -javaagent:...=mode=off (exit hooks only)
  churn-emptyagent-<jdk>-r<N>.json   ... with an agent whose premain returns at once (the JVM's floor)
  <Benchmark>.<method>-<jdk>-r<N>.json   one method of benchmarks/.../diagnose (scripts/bench-diagnose.sh),
                                     JfrEventCostBenchmark included (the JFR events' cost)

The statistic, the same for every row (docs/benchmarks.md says why):
  - a fork's figure is the MEDIAN of its measurement iterations;
  - each round pairs a figure with its baseline measured in the same round (same JDK, same time window);
  - the ratio shown is the MEDIAN over rounds of the per-round ratios, each of which the notes list;
  - score and baseline columns are medians over rounds of the forks' figures;
  - the notes end with when the row's result files were written (UTC): a run with --only keeps the other
    benchmarks' files of an earlier run, whose rows then show their own, earlier time.
For average and single-shot time lower is better and a target is a maximum; for throughput higher is better
and a target is a minimum. Churn runs made with -prof io.localdrop.benchmarks.ProcessCpuProfiler also give
"[CPU time]" rows: operations per CPU-second of the whole JVM (1e9 / cpu.ns/op), which other processes' load
does not inflate the way it swings wall-clock thread-start throughput.

Exit status: 0 all targets met, 3 a target was missed, 1 a figure with a target has no result.
"""
import argparse
import datetime
import glob
import json
import os
import re
import sys
from collections import defaultdict

PKG = "io.localdrop.benchmarks."
SUITE_FILE = re.compile(r"^(runtime|churn-noagent|churn-agent|churn-agentoff|churn-emptyagent)-(\d+)-r(\d+)\.json$")
DIAGNOSE_FILE = re.compile(r"^([A-Za-z]+Benchmark)\.([A-Za-z]+)-(\d+)-r(\d+)\.json$")


def runtime(method):
    return ("runtime", "KeyAccessBenchmark." + method, None)


def diagnose(benchmark, method):
    return ("diagnose", "diagnose.%s.%s" % (benchmark, method), None)


TL_GET = runtime("threadLocalGet")
SV_GET = runtime("scopedValueGet")
# (label, figure, baseline, target); a figure is (config, benchmark, variant)
RUNTIME_ROWS = [
    ("ThreadLocal.get (baseline)", TL_GET, TL_GET, None),
    ("OwnedKey.get", runtime("ownedKeyGet"), TL_GET, 1.03),
    ("OwnedKey.with", runtime("ownedKeyWith"), TL_GET, None),
    ("OwnedKey.tryWith", runtime("ownedKeyTryWith"), TL_GET, None),
    ("ScopedKey.get (in a binding)", runtime("scopedKeyGet"), TL_GET, 1.05),
    ("ScopedKey.call + get (binds per op)", runtime("scopedKeyRunAndGet"), TL_GET, None),
    ("anchor: Netty FastThreadLocal.get, plain thread", runtime("fastThreadLocalGet"), TL_GET, None),
    ("anchor: Netty FastThreadLocal.get, FastThreadLocalThread", runtime("fastThreadLocalGetOnFastThread"), TL_GET, None),
    ("anchor: ScopedValue.get (JDK 25)", SV_GET, TL_GET, None),
    ("ScopedKey.get / ScopedValue.get (JDK 25)", runtime("scopedKeyGet"), SV_GET, 1.10),
    ("OwnedKey.get / FastThreadLocal.get on its thread", runtime("ownedKeyGet"), runtime("fastThreadLocalGetOnFastThread"), None),
]

DIAGNOSE_ROWS = [
    ("diagnose: rewritten get / plain get", diagnose("SiteHookBenchmark", "rewrittenGet"),
     diagnose("SiteHookBenchmark", "plainGet"), 1.15),
    ("diagnose: rewritten set / plain set", diagnose("SiteHookBenchmark", "rewrittenSet"),
     diagnose("SiteHookBenchmark", "plainSet"), 1.30),
    ("diagnose: rewritten set of a ThreadLocal found leaking / plain set (its stores recorded)",
     diagnose("SiteHookBenchmark", "rewrittenSetOfALeak"), diagnose("SiteHookBenchmark", "plainSet"), None),
    ("diagnose: pool throughput, agent / none", diagnose("PoolThroughputBenchmark", "withAgent"),
     diagnose("PoolThroughputBenchmark", "withoutAgent"), 0.97),
    ("diagnose: pool throughput, agent / none (operations per CPU-second: higher is better)",
     diagnose("PoolThroughputBenchmark", "withAgent:cpu"), diagnose("PoolThroughputBenchmark", "withoutAgent:cpu"), None),
    ("diagnose: pool tasks drained by one worker that never waits, agent / none (the agent's cost per task)",
     diagnose("PoolDrainBenchmark", "withAgent"), diagnose("PoolDrainBenchmark", "withoutAgent"), None),
    ("diagnose: loading every class, agent / none", diagnose("ClassLoadingBenchmark", "withAgent"),
     diagnose("ClassLoadingBenchmark", "withoutAgent"), 1.05),
    ("diagnose: loading every class, agent / none (loads per CPU-second: higher is better)", diagnose("ClassLoadingBenchmark", "withAgent:cpu"),
     diagnose("ClassLoadingBenchmark", "withoutAgent:cpu"), None),
    ("anchor: loading every class, empty transformer / none (loads per CPU-second; the floor)",
     diagnose("ClassLoadingBenchmark", "withEmptyTransformer:cpu"), diagnose("ClassLoadingBenchmark", "withoutAgent:cpu"), None),
    ("diagnose: loading every class, agent / empty transformer (loads per CPU-second; localdrop's own share)",
     diagnose("ClassLoadingBenchmark", "withAgent:cpu"), diagnose("ClassLoadingBenchmark", "withEmptyTransformer:cpu"), None),
]


def jfr_rows(op, what, cpu=False):
    """The JFR events' cost (JfrEventCostBenchmark): the agent against none, and each recording against none.
    With cpu, the same from ProcessCpuProfiler's figures (operations per CPU-second: higher is better)."""
    fig = lambda config: diagnose("JfrEventCostBenchmark", op + config + (":cpu" if cpu else ""))
    what += " [CPU time]" if cpu else ""
    return [
        ("jfr: %s, agent, no recording / no agent" % what, fig("NoRecording"), fig("WithoutAgent"), None),
        ("jfr: %s, recording, io.localdrop off / no recording" % what, fig("RecordingEventsOff"), fig("NoRecording"), None),
        ("jfr: %s, recording, io.localdrop on / no recording" % what, fig("RecordingEventsOn"), fig("NoRecording"), None),
        ("jfr: %s, recording, io.localdrop on / off" % what, fig("RecordingEventsOn"), fig("RecordingEventsOff"), None),
    ]


DIAGNOSE_ROWS += [row for cpu in (False, True)
                  for row in jfr_rows("set", "rewritten set", cpu) + jfr_rows("taskEnd", "task end recording a finding", cpu)]


def churn_rows(kind, cpu=False):
    bench = "ThreadChurnBenchmark." + kind + (":cpu" if cpu else "")
    who = kind + " threads" + (" [CPU time]" if cpu else "")
    bare = ("churn-noagent", bench, "bare")
    wrapped = ("churn-noagent", bench, "wrap_keys3")
    floor = ("churn-emptyagent", bench, "bare")
    return [
        ("%s, no agent, no keys (baseline)" % who, bare, bare, None),
        ("%s, agent mode=off, no keys" % who, ("churn-agentoff", bench, "bare"), bare, 0.95),
        ("%s, agent (default: diagnose), no keys" % who, ("churn-agent", bench, "bare"), bare, 0.95),
        ("%s, empty -javaagent (the JVM's floor), no keys" % who, floor, bare, None),
        ("%s, agent mode=off / empty agent (localdrop's own share)" % who, ("churn-agentoff", bench, "bare"), floor, None),
        ("%s, agent (default) / empty agent (localdrop's own share)" % who, ("churn-agent", bench, "bare"), floor, None),
        ("%s, no agent, wrap() + 3 keys (second baseline)" % who, wrapped, bare, None),
        ("%s, agent mode=off + 3 owned keys / wrap() + 3 keys" % who, ("churn-agentoff", bench, "keys3"), wrapped, 1.00),
        ("%s, agent (default) + 3 owned keys / wrap() + 3 keys" % who, ("churn-agent", bench, "keys3"), wrapped, 1.00),
    ]


def load(results_dir):
    """{jdk: {round: {(config, benchmark, variant): (figure, unit, mode)}}}, and the JVM versions."""
    data = defaultdict(lambda: defaultdict(dict))
    versions = {}
    for path in sorted(glob.glob(os.path.join(results_dir, "*.json"))):
        base = os.path.basename(path)
        suite, diag = SUITE_FILE.match(base), DIAGNOSE_FILE.match(base)
        if suite:
            config, jdk, rnd = suite.group(1), suite.group(2), int(suite.group(3))
        elif diag:
            config, jdk, rnd = "diagnose", diag.group(3), int(diag.group(4))
        else:
            continue
        try:
            with open(path) as f:
                entries = json.load(f)
        except (OSError, ValueError) as e:
            print("bench_report: cannot read %s: %s" % (path, e), file=sys.stderr)
            continue
        written = os.path.getmtime(path)
        for e in entries:
            name = e["benchmark"]
            if name.startswith(PKG):
                name = name[len(PKG):]
            variant = (e.get("params") or {}).get("variant")
            pm = e["primaryMetric"]
            iterations = [x for fork in pm.get("rawData") or [] for x in fork] or [pm["score"]]
            data[jdk][rnd][(config, name, variant)] = (median(iterations), pm["scoreUnit"], e["mode"], written)
            # ProcessCpuProfiler: CPU ns per operation, turned into operations per CPU-second so that, like
            # throughput, higher is better and the ratio reads the same way
            cpu = (e.get("secondaryMetrics") or {}).get("cpu.ns/op")
            if cpu:
                per_cpu_s = [1e9 / x for fork in cpu.get("rawData") or [] for x in fork if x > 0]
                if per_cpu_s:
                    data[jdk][rnd][(config, name + ":cpu", variant)] = (median(per_cpu_s), "ops/cpu-s", "thrpt", written)
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


def when(stamps):
    """The UTC time span of result files' modification times: '2026-12-04 18:05-18:40 UTC'."""
    if not stamps:
        return ""
    first, last = (datetime.datetime.fromtimestamp(t, datetime.timezone.utc) for t in (min(stamps), max(stamps)))
    day = first.strftime("%Y-%m-%d ")
    if first.date() != last.date():
        return "measured %s%s - %s UTC" % (day, first.strftime("%H:%M"), last.strftime("%Y-%m-%d %H:%M"))
    return "measured %s%s-%s UTC" % (day, first.strftime("%H:%M"), last.strftime("%H:%M"))


def specs_for(jdk, rounds):
    present = {k for r in rounds.values() for k in r}
    specs = []
    if any(k[0] == "runtime" for k in present):
        specs += [s for s in RUNTIME_ROWS if int(jdk) >= 25 or SV_GET not in (s[1], s[2])]
    if any(k[0].startswith("churn") for k in present):
        kinds = ["platform"] + (["virtual"] if int(jdk) >= 21 else [])
        for kind in kinds:
            specs += churn_rows(kind)
        for kind in kinds:
            if any(k[1].endswith(kind + ":cpu") for k in present):
                specs += churn_rows(kind, cpu=True)
    if any(k[0] == "diagnose" for k in present):
        specs += [s for s in DIAGNOSE_ROWS if s[1] in present or s[2] in present]
    return specs


def build_rows(data):
    rows = []
    worst = 0  # 0 ok, 3 missed, 1 missing
    for jdk in sorted(data, key=int):
        rounds = data[jdk]
        for label, key, base_key, target in specs_for(jdk, rounds):
            scores, bases, per_round, stamps = [], [], [], []
            unit = mode = None
            for rnd in sorted(rounds):
                got, base = rounds[rnd].get(key), rounds[rnd].get(base_key)
                if got:
                    scores.append(got[0])
                    unit, mode = got[1], got[2]
                    stamps.append(got[3])
                if base:
                    bases.append(base[0])
                    stamps.append(base[3])
                if got and base and base[0] > 0:
                    per_round.append(got[0] / base[0])
            score = median(scores) if scores else None
            baseline = median(bases) if bases else None
            ratio = median(per_round) if per_round else None
            higher_better = mode == "thrpt" if mode else key[0].startswith("churn")
            if target is None:
                tgt, ok = "-", ""
            else:
                tgt = (">= %.2f" if higher_better else "<= %.2f") % target
                if ratio is None:
                    ok = "NO RESULT"
                    worst = 1
                else:
                    met = ratio >= target if higher_better else ratio <= target
                    ok = "yes" if met else "NO"
                    if not met and worst == 0:
                        worst = 3
            notes = "rounds: " + ", ".join("%.2f" % r for r in per_round) if per_round and key != base_key else ""
            notes = "; ".join(n for n in (notes, when(stamps)) if n)
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
        print("bench_report: no JMH JSON results (runtime-*, churn-*, <Benchmark>.<method>-*) in '%s'"
              % args.results_dir, file=sys.stderr)
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
