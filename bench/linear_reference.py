"""How a trivially linear Python program grows on this machine: a yardstick for the first run's
growth (see "Known limits" in bench/README.md).

It makes N records (an id, a title and two ids of random other records), one pass that lists
what points at each record, one pass of lookups by id, and lets everything go: one pass per
record, like the first run of a brief, and like it with the cyclic collector paused. Each size
given runs once, in order, in a child process of its own; give the sizes twice over to
alternate them:

    python bench/linear_reference.py 100000 1000000 100000 1000000

prints each run's seconds and peak memory.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import subprocess
import sys
import time


def workload(count: int) -> float:
    """Seconds to build, index and free `count` linked records."""
    gc.disable()
    began = time.perf_counter()
    rng = random.Random(1)
    ids = [f"r-{number:07d}" for number in range(count)]
    records = [
        {
            "id": ids[number],
            "title": f"title of record {number} with some words",
            "links": [ids[rng.randrange(count)], ids[rng.randrange(count)]],
        }
        for number in range(count)
    ]
    position_of = {record["id"]: position for position, record in enumerate(records)}
    pointing: dict[str, list[int]] = {}
    for position, record in enumerate(records):
        for target in record["links"]:
            pointing.setdefault(target, []).append(position)
    sum(position_of[target] for record in records for target in record["links"])
    del records, position_of, pointing, ids
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="+", type=int, help="numbers of records, e.g. 100000")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        print(workload(arguments.counts[0]))
        return
    for count in arguments.counts:
        child = subprocess.Popen(
            [sys.executable, __file__, "--child", str(count)], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        seconds = float(child.stdout.read())
        child.stdout.close()
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        print(f"{count:>10,} records: {seconds:.2f} s, peak {usage.ru_maxrss // 1024} MiB")


if __name__ == "__main__":
    main()
