"""Threads on CPU work in Python: the GIL lets one thread run Python code at a time, so no speedup.

Sums i*i for 0 <= i < SIZE split into one chunk per thread, for each worker count, and prints ONE line of
JSON for the Java results page (docs/src/main/java/dev/jconcurrency/docs/results/ResultsPage.java):
{"script": "threads_cpu", "python": "3.11.7", "size": N, "workers": [1, 2], "median_seconds": [..], "answer": ".."}
"""
import argparse
import json
import platform
import statistics
import time
from concurrent.futures import ThreadPoolExecutor


def sum_of_squares(start, stop):
    # Module level, plain loop: the same work as Java's Workloads.sumOfSquares(from, to).
    return sum(i * i for i in range(start, stop))


def timed_run(size, workers):
    bounds = [size * k // workers for k in range(workers + 1)]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        total = sum(pool.map(sum_of_squares, bounds[:-1], bounds[1:]))
    return time.perf_counter() - started, total


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--workers", required=True, help="comma-separated worker counts, e.g. 1,2,4")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    workers = [int(w) for w in args.workers.split(",")]
    samples = {count: [] for count in workers}
    answer = None
    timed_run(args.size, workers[0])  # warm-up, as the Java side does
    # Rounds of one run per worker count, as the Java side measures: competing load hits every count alike.
    for _ in range(args.runs):
        for count in workers:
            seconds, answer = timed_run(args.size, count)
            samples[count].append(seconds)
    medians = [statistics.median(samples[count]) for count in workers]
    print(json.dumps({"script": "threads_cpu", "python": platform.python_version(), "size": args.size,
                      "workers": workers, "median_seconds": medians, "answer": str(answer)}), flush=True)


if __name__ == "__main__":
    main()
