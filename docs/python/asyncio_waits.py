"""asyncio at scale: N coroutines each waiting DURATION seconds on one event loop, the wall time it takes and
the process's peak resident memory.

On Linux the peak comes from VmHWM in /proc/self/status, not from resource.getrusage: ru_maxrss survives execve,
so a python started by a JVM (vfork, then exec) reports the JVM's own peak when that is higher. VmHWM belongs to
the address space that exec created, this interpreter's alone. Elsewhere getrusage is the only source.

Prints ONE line of JSON for the Java results page:
{"script": "asyncio_waits", "python": "3.11.7", "waits": N, "duration_seconds": d, "seconds": s,
 "peak_rss_kib": k}
"""
import argparse
import asyncio
import json
import platform
import resource
import sys
import time


async def wait(duration, index):
    await asyncio.sleep(duration)
    return index


async def all_waits(count, duration):
    results = await asyncio.gather(*(wait(duration, i) for i in range(count)))
    return sum(results)


def peak_rss_kib():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # macOS reports bytes, Linux kibibytes


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--waits", type=int, required=True)
    parser.add_argument("--duration", type=float, required=True, help="seconds")
    args = parser.parse_args()
    started = time.perf_counter()
    total = asyncio.run(all_waits(args.waits, args.duration))
    seconds = time.perf_counter() - started
    if total != args.waits * (args.waits - 1) // 2:
        raise SystemExit("wrong total %d" % total)
    peak = peak_rss_kib()
    print(json.dumps({"script": "asyncio_waits", "python": platform.python_version(), "waits": args.waits,
                      "duration_seconds": args.duration, "seconds": seconds, "peak_rss_kib": peak}), flush=True)


if __name__ == "__main__":
    main()
