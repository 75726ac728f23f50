# pyarrow as a peer of the CSV and Parquet cases (Bench rows named *.pyarrow): one case per process,
# like the Java cases, timed in-process (the interpreter and pyarrow's import are not in the time),
# warm-up runs first, then the best of N. Prints the same RESULT line as CaseMain.
#
# usage: pyarrow_peers.py CASE WORK_DIR ITERATIONS WARMUPS THREADS
import os
import resource
import sys
import time

import pyarrow as pa
import pyarrow.csv as csv
import pyarrow.parquet as pq

name, work, iterations, warmups, threads = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(
    sys.argv[5])
pa.set_cpu_count(threads)
pa.set_io_thread_count(threads)
data = os.path.join(work, "data")


def read_csv(path, compression=None):
    def run():
        if compression is None:
            return csv.read_csv(path).num_rows  # a .gz or .zst suffix is decompressed by pyarrow itself
        with pa.CompressedInputStream(pa.OSFile(path), compression) as stream:
            return csv.read_csv(stream).num_rows
    return run


def write_parquet():
    table = pq.read_table(os.path.join(data, "data.parquet"))
    out = os.path.join(work, "out-pyarrow", "out.parquet")
    os.makedirs(os.path.dirname(out), exist_ok=True)

    def run():
        pq.write_table(table, out, compression="snappy")
        return table.num_rows
    return run


cases = {
    "csv.pyarrow": lambda: read_csv(os.path.join(data, "data.csv")),
    "csvgz.pyarrow": lambda: read_csv(os.path.join(data, "data.csv.gz")),
    # .bgz is not a suffix pyarrow knows; BGZF is gzip members, which its gzip stream reads
    "csvbgz.pyarrow": lambda: read_csv(os.path.join(data, "data.csv.bgz"), "gzip"),
    "csvzst.pyarrow": lambda: read_csv(os.path.join(data, "data.csv.zst")),
    "parquet.pyarrow": lambda: (lambda: pq.read_table(os.path.join(data, "data.parquet")).num_rows),
    "writeparquet.pyarrow": write_parquet,
}
run = cases[name]()
best = None
first = None
check = None
best_cpu = -1
for i in range(warmups + iterations):
    cpu0 = time.process_time_ns()
    t0 = time.perf_counter_ns()
    value = run()
    t = time.perf_counter_ns() - t0
    cpu = time.process_time_ns() - cpu0  # all threads of the process, as CaseMain measures
    if check is not None and value != check:
        raise SystemExit(f"{name}: run {i} gave {value}, an earlier run {check}")
    check = value
    first = t if first is None else first
    if i >= warmups and (best is None or t < best):
        best = t
        best_cpu = cpu
peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
# no JVM heap: -1 leaves the column empty
print(f"RESULT\t{name}\t{best}\t{first}\t-1\t{peak_rss}\t{check}\t{best_cpu}", flush=True)
