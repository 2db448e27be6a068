"""A Python process pool's cost per task: what ProcessPoolExecutor spends moving a trivial task to a worker
process and its result back (pickling, a pipe, a wake-up), with no work to hide it.

Prints ONE line of JSON for the Java results page:
{"script": "process_pool", "python": "3.11.7", "tasks": N, "workers": W, "startup_seconds": s,
 "seconds": s, "per_task_microseconds": us}
"""
import argparse
import json
import platform
import time
from concurrent.futures import ProcessPoolExecutor


def trivial(value):
    # Module level, as multiprocessing requires (the seed's troubleshooting note).
    return value


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, required=True)
    parser.add_argument("--workers", type=int, required=True)
    args = parser.parse_args()
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        # Python starts its workers lazily: one round of tasks brings every worker up before the clock starts.
        list(pool.map(trivial, range(args.workers * 4)))
        startup = time.perf_counter() - started
        started = time.perf_counter()
        futures = [pool.submit(trivial, i) for i in range(args.tasks)]
        total = sum(f.result() for f in futures)
        seconds = time.perf_counter() - started
    if total != args.tasks * (args.tasks - 1) // 2:
        raise SystemExit("wrong total %d" % total)
    print(json.dumps({"script": "process_pool", "python": platform.python_version(), "tasks": args.tasks,
                      "workers": args.workers, "startup_seconds": startup, "seconds": seconds,
                      "per_task_microseconds": seconds / args.tasks * 1e6}), flush=True)


if __name__ == "__main__":
    main()
