#!/usr/bin/env python3
"""Summaries for benchmarks/load/profile.sh.

  profile_report.py inside METRICS_DIR RATE
      The switch's cumulative histograms (tatekae_auth_duration_seconds: frame decoded to answer
      flushed; tatekae_journal_commit_duration_seconds) over the scrapes whose request rate was
      within 5 % of RATE: the share of requests (commits) at or under each bucket; and, over the same
      window, the CPU of the switch, its child poster and the tester, and the machine's busy share.
  profile_report.py scrape URL METRICS_DIR PID
      Saves the switch's metrics page (URL) every 2 s as METRICS_DIR/<epoch seconds>.txt while process PID
      (the tester) runs, and beside it <epoch seconds>.cpu: the CPU ticks so far of the switch, its child
      poster, the tester and the machine (/proc). One process for the whole phase: a `curl` started
      every 2 s held a CPU for 3.5 ms at a time while the switch's I/O thread waited for it (perf sched,
      2026-12-07).
  profile_report.py perf STACKS
      `perf script` output of `perf record -g -e cpu-clock -a`: CPU share per thread, and the switch's
      I/O thread (tatekae-io-*) by the system call each sample was in (or Java).
  profile_report.py block EVENTS
      `perf script` output of `perf record -e block:block_rq_issue -e block:block_rq_complete -a`: what
      each task asked of the disk (writes, MB; kernel workers together), the time the device took for each
      journal commit of the switch's I/O thread (its write issued to the flush after it completed), each
      task's write latency, and every commit of 5 ms or more beside the writes of the half second before
      it. Unlike JFR, this sees the child poster's SQLite, whose I/O is native code.
"""
import bisect
import collections
import os
import re
import sys
import time
import urllib.request

HISTOGRAMS = ("tatekae_auth_duration_seconds", "tatekae_journal_commit_duration_seconds")
# Whose CPU the .cpu files count, by a word of their command line (the tester is the PID given).
PROCESSES = (("poster", "io.tatekae.app.PosterMain"), ("switch", "io.tatekae.app.Main"))


def scrape(path):
    buckets, frames = {}, None
    with open(path) as f:
        for line in f:
            m = re.match(r'(\w+)_bucket\{le="([^"]+)"\} (\S+)', line)
            if m and m.group(1) in HISTOGRAMS:
                buckets[(m.group(1), m.group(2))] = float(m.group(3))
            elif re.match(r"tatekae_frames_received(_total)? ", line):
                frames = float(line.split()[1])
    return buckets, frames


def inside(directory, rate):
    files = sorted(f for f in os.listdir(directory) if f.endswith(".txt"))
    scrapes = [(int(f[:-4]), *scrape(os.path.join(directory, f))) for f in files]
    scrapes = [s for s in scrapes if s[2] is not None]
    steady = [(a, b) for a, b in zip(scrapes, scrapes[1:])
              if b[0] > a[0] and abs((b[2] - a[2]) / (b[0] - a[0]) - rate) <= 0.05 * rate]
    if not steady:
        sys.exit("no scrapes at %d/s in %s" % (rate, directory))
    first, last = steady[0][0], steady[-1][1]
    print("the switch's own histograms at %d/s, %d s of the measured phase" % (rate, last[0] - first[0]))
    for name in HISTOGRAMS:
        bounds = sorted({le for (n, le) in last[1] if n == name}, key=lambda le: float("inf") if le == "+Inf" else float(le))
        total = last[1][(name, "+Inf")] - first[1][(name, "+Inf")]
        shares = ["<= %s s: %.2f %%" % (le, 100 * (last[1][(name, le)] - first[1][(name, le)]) / total)
                  for le in bounds[:7]]
        print("  %s (%d): %s" % (name, total, ", ".join(shares)))
    cpu_window(directory, first[0], last[0])


def process_ticks(pid):
    """utime + stime of a process so far, in clock ticks, or None once it is gone."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return None


def find_processes(known):
    """Adds to known (name -> pid) the processes of PROCESSES not in it yet, by their command lines."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/cmdline" % entry, "rb") as f:
                words = f.read().split(b"\0")
        except OSError:
            continue
        for name, main_class in PROCESSES:
            if main_class.encode() in words and name not in known:
                known[name] = int(entry)
                break


def cpu_counters(tester, known):
    """name -> ticks: the processes of PROCESSES (and name_pid: which process), the tester, and the machine's
    idle (with I/O wait) and steal time.
    Scans /proc only while one of them is not known yet (or is gone: a restarted child poster): a scan of
    every process's command line costs milliseconds of CPU the measured processes could be waiting for."""
    if len(known) < len(PROCESSES):
        find_processes(known)
    counters = {}
    for name, pid in list(known.items()):
        ticks = process_ticks(pid)
        if ticks is None:
            del known[name]
        else:
            counters[name] = ticks
            counters[name + "_pid"] = pid
    ticks = process_ticks(tester)
    if ticks is not None:
        counters["tester"] = ticks
    with open("/proc/stat") as f:
        cpu = [int(v) for v in f.readline().split()[1:]]
    counters["idle"] = cpu[3] + cpu[4]
    counters["steal"] = cpu[7]
    return counters


def read_counters(path):
    with open(path) as f:
        return {name: int(value) for name, value in (line.split() for line in f if line.strip())}


def cpu_window(directory, start, end):
    """The CPU between two scrapes, in percent of one CPU (the machine's in percent of all its CPUs)."""
    paths = [os.path.join(directory, "%d.cpu" % t) for t in (start, end)]
    if end <= start or not all(os.path.exists(p) for p in paths):
        print("  (no CPU counters for this window)")
        return
    a, b = (read_counters(p) for p in paths)
    per_cpu_second = os.sysconf("SC_CLK_TCK") * (end - start) / 100
    shares = ["%s %.1f %%" % (name, (b[name] - a[name]) / per_cpu_second)
              if a.get(name + "_pid") == b.get(name + "_pid") else "%s restarted in the window" % name
              for name in ("switch", "poster", "tester") if name in a and name in b]
    # The machine's share from its idle and steal time, which a tickless kernel counts exactly; its
    # user and system ticks are sampled, and in this VM they fell ~20 % short of the wall clock.
    machine = per_cpu_second * 100 * os.cpu_count()
    idle, steal = b["idle"] - a["idle"], b["steal"] - a["steal"]
    print("  CPU over the same %d s, percent of one CPU: %s; the machine %.1f %% busy, %.1f %% steal (of all %d CPUs)"
          % (end - start, ", ".join(shares), 100 * (1 - (idle + steal) / machine), 100 * steal / machine,
             os.cpu_count()))


def running(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def scrape_while_running(url, directory, pid):
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # the switch is local: no proxy
    known = {}
    while running(pid):
        try:
            with direct.open(url, timeout=2) as page:
                body = page.read()
            counters = cpu_counters(pid, known)
            stamp = int(time.time())
            with open(os.path.join(directory, "%d.txt" % stamp), "wb") as f:
                f.write(body)
            with open(os.path.join(directory, "%d.cpu" % stamp), "w") as f:
                f.write("".join("%s %d\n" % item for item in sorted(counters.items())))
        except OSError:
            pass  # the switch is starting or stopping: the next scrape tries again
        time.sleep(2)


def perf(path):
    with open(path) as f:
        samples = [s for s in f.read().split("\n\n") if s.strip()]
    threads, io = collections.Counter(), collections.Counter()
    for sample in samples:
        lines = sample.strip().split("\n")
        header = re.match(r"\s*(.*?)\s+\d+(/\d+)?\s+\[\d+\]", lines[0])
        thread = header.group(1) if header else lines[0].split()[0]
        threads[thread] += 1
        if thread.startswith("tatekae-io"):
            calls = re.findall(r"__x64_sys_(\w+)", sample)
            io["system call " + calls[-1] if calls else "Java (and the JVM)"] += 1
    total = sum(threads.values())
    print("CPU samples by thread (%d samples; 100 %% = every CPU of the machine)" % total)
    for thread, n in threads.most_common(12):
        print("  %5.1f %%  %s" % (100 * n / total, thread))
    io_total = sum(io.values())
    print("the switch's I/O thread by where it was (%d samples)" % io_total)
    for where, n in io.most_common(10):
        print("  %5.1f %%  %s" % (100 * n / io_total, where))


BLOCK_EVENT = re.compile(r"\s([\d.]+):\s+block:block_rq_(issue|complete):\s+\S+\s+(\S+)\s+(?:\d+\s+)?\(\)\s*(\d+)"
                         r"\s*\+\s*(\d+).*\[(.*)\]\s*$")
SLOW_COMMIT_SECONDS = 0.005


def block_events(path):
    """(seconds, 'issue' | 'complete', rwbs, sector, sectors, task) in time order; kernel workers as 'kworker'."""
    events = []
    with open(path) as f:
        for line in f:
            m = BLOCK_EVENT.search(line)
            if m:
                task = m.group(6).strip()
                events.append((float(m.group(1)), m.group(2), m.group(3), int(m.group(4)), int(m.group(5)),
                               "kworker" if task.startswith("kworker") else task))
    return events


def journal_commits(events):
    """Per write of the I/O thread: when it was issued, its write completed, the next flush was issued and completed."""
    commits, current, in_flight = [], None, {}
    for t, kind, rwbs, sector, sectors, task in events:
        if rwbs == "FF":
            if current and "written" in current and kind == "issue" and "flush_issued" not in current:
                current["flush_issued"] = t
            elif current and "flush_issued" in current and kind == "complete" and "flushed" not in current:
                current["flushed"] = t
        elif kind == "issue":
            in_flight[sector] = task
            if task.startswith("tatekae-io") and rwbs.startswith("W"):
                current = {"issued": t, "sector": sector}
                commits.append(current)
        elif in_flight.pop(sector, None) is not None and current and sector == current["sector"] \
                and "written" not in current:
            current["written"] = t
    return [c for c in commits if "flushed" in c]


def percentiles(seconds):
    xs = sorted(seconds)
    if not xs:
        return "none"
    n = len(xs)
    return "n %6d  p50 %7.3f  p99 %7.3f  p99.9 %8.3f  max %8.3f ms" % (
        n, 1e3 * xs[n // 2], 1e3 * xs[int(n * 0.99)], 1e3 * xs[int(n * 0.999)], 1e3 * xs[-1])


def block(path):
    events = block_events(path)
    if not events:
        sys.exit("no block events in " + path)
    asked = collections.defaultdict(lambda: [0, 0])
    issued, latencies, flushes, pending_flushes, in_flight = {}, collections.defaultdict(list), [], [], []
    for t, kind, rwbs, sector, sectors, task in events:
        if rwbs == "FF" and kind == "issue":
            flushes.append([t, None])
            pending_flushes.append(flushes[-1])
        elif rwbs == "FF":
            if pending_flushes:
                pending_flushes.pop()[1] = t  # one flush is in flight at a time: the latest one issued completed
        elif kind == "issue":
            asked[(task, rwbs)][0] += 1
            asked[(task, rwbs)][1] += sectors * 512
            issued[sector] = (t, task)
        elif sector in issued:
            started, task = issued.pop(sector)
            latencies[task].append(t - started)
        in_flight.append(len(issued) + len(pending_flushes))
    print("block events over %.1f s" % (events[-1][0] - events[0][0]))
    print("what each task asked of the disk (requests, MB; flushes below)")
    for (task, rwbs), (n, size) in sorted(asked.items(), key=lambda kv: -kv[1][1])[:12]:
        print("  %-18s %-4s %8d %8.1f MB" % (task, rwbs, n, size / 1e6))
    print("flush requests: %d (%.0f/s)" % (len(flushes), len(flushes) / max(1e-9, events[-1][0] - events[0][0])))
    print("  issue to completion", percentiles([done - t for t, done in flushes if done is not None]))
    print("write latency by task (issue to completion)")
    for task, xs in sorted(latencies.items(), key=lambda kv: -len(kv[1]))[:6]:
        print("  %-18s %s" % (task, percentiles(xs)))
    commits = journal_commits(events)
    print("the device's part of each journal commit (the I/O thread's write issued to its flush completed)")
    print("  whole                ", percentiles([c["flushed"] - c["issued"] for c in commits]))
    print("  write                ", percentiles([c["written"] - c["issued"] for c in commits]))
    print("  write done to flush  ", percentiles([c["flush_issued"] - c["written"] for c in commits]))
    print("  flush                ", percentiles([c["flushed"] - c["flush_issued"] for c in commits]))
    slow_commits(events, in_flight, commits)


def slow_commits(events, in_flight, commits):
    """in_flight[i]: the requests issued and not yet completed after events[i] (those issued before the trace not counted)."""
    slow = [c for c in commits if c["flushed"] - c["issued"] >= SLOW_COMMIT_SECONDS]
    print("journal commits of %d ms or more: %d (the writes of the 500 ms before each, and the most requests in flight)"
          % (SLOW_COMMIT_SECONDS * 1e3, len(slow)))
    times = [e[0] for e in events]
    for c in slow[:20]:
        written, most = collections.Counter(), 0
        for i in range(bisect.bisect_left(times, c["issued"] - 0.5), bisect.bisect_right(times, c["flushed"])):
            t, kind, rwbs, sector, sectors, task = events[i]
            most = max(most, in_flight[i])
            if kind == "issue" and rwbs != "FF":
                written[task] += sectors * 512
        print("  %.3f s: %6.1f ms, at most %3d in flight; %s" % (
            c["issued"] - events[0][0], 1e3 * (c["flushed"] - c["issued"]), most,
            ", ".join("%s %.1f MB" % (task, size / 1e6) for task, size in written.most_common(4))))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "inside":
        inside(sys.argv[2], int(sys.argv[3]))
    elif len(sys.argv) == 5 and sys.argv[1] == "scrape":
        scrape_while_running(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif len(sys.argv) == 3 and sys.argv[1] == "perf":
        perf(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == "block":
        block(sys.argv[2])
    else:
        sys.exit(__doc__)
