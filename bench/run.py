"""Measure briefcli against its targets, side by side, and print a Markdown report.

    python bench/run.py                      # bundled brief + generated 1k, 10k, 100k events
    python bench/run.py --sizes 1000,10000   # quicker
    python bench/run.py --quick              # 1k and 10k, 3 repeats

Every command runs as a child process with stdout to a pipe (read and counted, not shown).
A measurement is the median of `--repeat` runs after one warm-up run; runs of a command and
of its baseline alternate, so that load from other processes hits both alike. Long runs stop
repeating once a measurement has used `--budget` seconds (the table says how many runs each
median has). Peak memory is each child's own ru_maxrss, read with os.wait4.

Generated briefs go to bench/out/ (git-ignored) and are reused when their hints file is there.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BUNDLED = ROOT / "data" / "brief.yaml"
FALLBACK = ROOT / "tests" / "briefs" / "harbour.yaml"
DEFAULT_SIZES = (1000, 10_000, 100_000)
GIB = 1024**3


# ---------------------------------------------------------------- running one child


@dataclass
class Run:
    seconds: float
    maxrss: int  # bytes
    returncode: int
    stdout_bytes: int
    stderr: str


def run_once(argv: Sequence[str], env: dict[str, str]) -> Run:
    """Run a child to completion; wall time, its own peak RSS, exit code, output size."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=errors, env=env)
        assert child.stdout is not None
        size = 0
        while chunk := child.stdout.read(1 << 16):
            size += len(chunk)
        child.stdout.close()
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        message = errors.read().decode("utf-8", "replace").strip()
    return Run(seconds, usage.ru_maxrss * 1024, child.returncode, size, message[-500:])


def read_into_page_cache(brief: Path) -> None:
    """Read a generated brief and its source texts, a MiB at a time. Not whole: a child process
    reports as its peak memory at least this process's peak at the time it was started (Linux
    carries the high-water mark across fork and exec), so a 152 MB read here would show up as
    162 MiB in every later measurement."""
    for file in [brief, *(brief.parent / "sources" / brief.stem).glob("*.txt")]:
        with file.open("rb") as stream:
            while stream.read(1 << 20):
                pass


@dataclass
class Measure:
    label: str
    runs: list[Run] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.runs) and all(run.returncode == 0 for run in self.runs)

    @property
    def median(self) -> float:
        return statistics.median(run.seconds for run in self.runs) if self.runs else math.nan

    @property
    def peak(self) -> int:
        return max((run.maxrss for run in self.runs), default=0)

    @property
    def error(self) -> str:
        failed = next((run for run in self.runs if run.returncode != 0), None)
        return "" if failed is None else f"exit {failed.returncode}: {failed.stderr[:200]}"

    def cell(self) -> str:
        if not self.runs:
            return "–"
        if not self.ok:
            return "ERROR"
        return f"{_seconds(self.median)} ({len(self.runs)}×, {self.peak / 2**20:.0f} MiB)"


def _seconds(value: float) -> str:
    if math.isnan(value):
        return "–"
    return f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s"


Command = tuple[Sequence[str], Callable[[], dict[str, str]]]


class Bench:
    def __init__(self, repeat: int, budget: float, verbose: bool) -> None:
        self.repeat = repeat
        self.budget = budget
        self.verbose = verbose
        self.python = sys.executable
        self.briefcli = str(Path(sys.executable).with_name("briefcli"))
        if not Path(self.briefcli).exists():
            self.briefcli = shutil.which("briefcli") or "briefcli"
        self.scratch = Path(tempfile.mkdtemp(prefix="briefcli-bench-"))
        # As a user runs it: no briefcli settings, and bytecode cached (any value of
        # PYTHONDONTWRITEBYTECODE, even "0", would make every run compile changed modules).
        dropped = ("BRIEFCLI_BRIEF", "BRIEFCLI_NO_CACHE", "BRIEFCLI_CACHE_DIR")
        self.base_env = {
            key: value
            for key, value in os.environ.items()
            if key not in (*dropped, "PYTHONDONTWRITEBYTECODE")
        }

    def env(self, cache: Path | None = None) -> dict[str, str]:
        env = dict(self.base_env)
        env["BRIEFCLI_CACHE_DIR"] = str(cache or self.fresh_cache())
        return env

    def fresh_cache(self) -> Path:
        return Path(tempfile.mkdtemp(prefix="cache-", dir=self.scratch))

    def log(self, text: str) -> None:
        if self.verbose:
            sys.stderr.write(text + "\n")
            sys.stderr.flush()

    def compare(
        self, commands: Sequence[tuple[str, Command]], warm_up: bool = True
    ) -> list[Measure]:
        """Alternate the commands `repeat` times (after one warm-up each); one Measure each."""
        measures = [Measure(label) for label, _ in commands]
        if warm_up:
            for label, (argv, make_env) in commands:
                run = run_once(argv, make_env())
                self.log(f"  warm-up {label}: {run.seconds:.2f} s, exit {run.returncode}")
        started = time.perf_counter()
        for _ in range(self.repeat):
            for measure, (_, (argv, make_env)) in zip(measures, commands, strict=True):
                run = run_once(argv, make_env())
                measure.runs.append(run)
                self.log(
                    f"  {measure.label}: {run.seconds:.3f} s, {run.maxrss / 2**20:.0f} MiB, "
                    f"exit {run.returncode}"
                )
            if time.perf_counter() - started > self.budget:
                break
        return measures

    def close(self) -> None:
        shutil.rmtree(self.scratch, ignore_errors=True)


# ---------------------------------------------------------------- targets and report


@dataclass
class Target:
    name: str
    value: float
    limit: float
    note: str = ""

    @property
    def passed(self) -> bool:
        return not math.isnan(self.value) and self.value <= self.limit

    def row(self) -> str:
        status = "PASS" if self.passed else ("ERROR" if math.isnan(self.value) else "FAIL")
        unit = "GiB" if "memory" in self.name else "×"
        value = "–" if math.isnan(self.value) else f"{self.value:.2f}{unit}"
        return f"| {self.name} | {value} | ≤ {self.limit:g}{unit} | **{status}** | {self.note} |"


def ratio(a: Measure, b: Measure) -> float:
    if not (a.ok and b.ok):
        return math.nan
    return a.median / b.median


@dataclass
class Queries:
    actor: str
    trace: tuple[str, str]
    search: str
    claim: str  # a claim id, for `sources --claim`

    @property
    def first_name(self) -> str:
        """The first word of the person's name: in a generated brief, a first name that many
        people share, so that a search for it has thousands of candidate fields."""
        return self.actor.split()[0]

    @property
    def common_word(self) -> str:
        """A word of the brief's commonest kind of event: in a generated brief of 100,000
        events, tens of thousands of titles say "meets", and no record matches it well."""
        return "meeting"

    def listed(self) -> str:
        """The lookups, for the report."""
        return (
            f"Lookups: `actor {self.actor}`, `trace {' '.join(self.trace)}`, "
            f"`search {self.search}`, `search {self.first_name}`, "
            f"`search {self.common_word}`, `sources --claim {self.claim}`."
        )


# Run in a child (bench/ does not import briefcli): print a uniquely resolved person, the two
# actors farthest apart within 4 hops, and a word of the person's name, as JSON.
_PICK_QUERIES = """
import json, sys
from pathlib import Path
from briefcli import queries
from briefcli.brief import loader
from briefcli.store.loaded import LoadedBrief
checked, problems = loader.check_files([Path(sys.argv[1])])
if checked is None or problems:
    sys.exit(f"{sys.argv[1]}: does not validate ({len(problems)} problems)")
loaded = LoadedBrief.of(checked)
index = loaded.index
actors = loaded.brief.actors
people = [a for a in actors if a.kind == "person"] or list(actors)
actor = next((a for a in people if index.names.resolve(a.name).actor is not None), actors[0])
best = (0, actor.id, actor.id)
for other in actors:
    if other.id != actor.id:
        try:
            found = queries.trace(index, actor, other)
        except queries.LookupProblem:
            continue
        if found.length > best[0]:
            best = (found.length, actor.id, other.id)
words = [w for w in actor.name.split() if len(w) > 3]
claim = loaded.brief.claims[len(loaded.brief.claims) // 2].id
print(json.dumps([actor.name, [best[1], best[2]], words[-1] if words else actor.name, claim]))
"""


def bundled_queries(bench: Bench, path: Path) -> Queries:
    """Lookups for a hand-written brief: a uniquely resolved person, two connected actors."""
    command = [bench.python, "-c", _PICK_QUERIES, str(path)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    actor, trace, search, claim = json.loads(done.stdout)
    return Queries(str(actor), (str(trace[0]), str(trace[1])), str(search), str(claim))


def generated(size: int, out: Path, seed: int, bench: Bench) -> tuple[Path, Queries]:
    path = out / f"brief-{size}.yaml"
    hints_path = out / f"brief-{size}.hints.json"
    if not (path.exists() and hints_path.exists()):
        bench.log(f"generating {path}")
        command = [bench.python, str(HERE / "generate.py"), "--events", str(size)]
        subprocess.run([*command, "--out", str(path), "--seed", str(seed)], check=True)
    hints: dict[str, Any] = json.loads(hints_path.read_text(encoding="utf-8"))
    trace = hints["trace"]
    return path, Queries(hints["actor"], (trace[0], trace[1]), hints["search"], hints["claim"])


def resolve_candidates(bench: Bench, path: Path, queries: Queries, env: dict[str, str]) -> Queries:
    """The first of the hints file's candidate names that resolves to one actor."""
    hints = json.loads(path.with_name(path.stem + ".hints.json").read_text(encoding="utf-8"))
    for name in hints.get("actor_candidates", [queries.actor]):
        run = run_once([bench.briefcli, "-b", str(path), "actor", name, "--json"], env)
        if run.returncode == 0:
            return Queries(name, queries.trace, queries.search, queries.claim)
        bench.log(f"  {name!r} does not resolve: {run.stderr[:200]}")
    return queries


# Commands that print every record, held to linear growth (with each size's warm cache).
FULL_LISTINGS = {
    "actors --json": ["actors", "--json"],
    "timeline --json": ["timeline", "--json"],
    "sources --json": ["sources", "--json"],
}


def measure_growth_side_by_side(
    bench: Bench, paths: dict[int, Path], sizes: list[int], warm_caches: dict[int, Path]
) -> dict[tuple[str, int, int], tuple[Measure, Measure]]:
    """The first run (`actors --json` with an empty cache), `validate` and the full listings
    (warm) of each two consecutive sizes, their runs alternating: the per-size measurements
    are minutes apart, and a machine shared with others changes speed over minutes, which
    would move the ratio (a listing's growth measured 9.3x in one run and 11.3x in the next)."""

    made: list[Path] = []

    def empty_cache() -> dict[str, str]:
        """An empty cache directory for each run; the earlier ones are removed (100k: 240 MB)."""
        for directory in made:
            shutil.rmtree(directory, ignore_errors=True)
        made[:] = [bench.fresh_cache()]
        return bench.env(made[0])

    def argv(name: str, path: Path) -> list[str]:
        if name == "validate":
            return [bench.briefcli, "validate", str(path)]
        return [bench.briefcli, "-b", str(path), "actors", "--json"]

    measured = {}
    for a, b in itertools.pairwise(sizes):
        for path in (paths[a], paths[b]):
            read_into_page_cache(path)
        for name in ("cold actors --json", "validate"):
            bench.log(f"growth {a}→{b}, side by side: {name}")
            small, big = bench.compare(
                [
                    (f"{name}, {a // 1000}k", (argv(name, paths[a]), empty_cache)),
                    (f"{name}, {b // 1000}k", (argv(name, paths[b]), empty_cache)),
                ],
                warm_up=False,
            )
            measured[name, a, b] = (small, big)
        for name, arguments in FULL_LISTINGS.items():
            bench.log(f"growth {a}→{b}, side by side: {name}")
            small, big = bench.compare(
                [
                    (
                        f"{name}, {size // 1000}k",
                        (
                            [bench.briefcli, "-b", str(paths[size]), *arguments],
                            partial(bench.env, warm_caches[size]),
                        ),
                    )
                    for size in (a, b)
                ]
            )
            measured[name, a, b] = (small, big)
    for directory in made:
        shutil.rmtree(directory, ignore_errors=True)
    return measured


def growth_ratio(small: Measure, big: Measure, factor: float) -> float:
    """The ratio of times per 10× the brief's size, the two briefs' sizes `factor` apart."""
    if not (small.ok and big.ok) or factor <= 1:
        return math.nan
    return float((big.median / small.median) ** (1 / math.log10(factor)))


# ---------------------------------------------------------------- authoring

# The sizes whose `add` and `import` are measured: the brief of 10,000 events. Smaller,
# start-up is most of every command (an add on the 1k brief is 0.2 s, its first run 0.3 s); an
# add at 100k would repeat the 100k first run's minutes.
AUTHORING_SIZES = (10_000,)
IMPORTED_ROWS = 200


def acled_rows(count: int) -> str:
    """An ACLED-style export of `count` protests, every row one that maps (docs/import.md)."""
    header = (
        "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
        "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,"
        "iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,"
        "source,source_scale,notes,fatalities,tags,timestamp"
    )
    towns = ["Nakuru", "Nairobi", "Kisumu", "Mombasa", "Eldoret"]
    outlets = ["Capital FM", "The Standard", "Daily Nation", "The Star"]
    rows = [header]
    for number in range(count):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=number % 300)
        town = towns[number % len(towns)]
        notes = (
            f"On {day:%-d %B %Y}, health workers held a peaceful demonstration in {town} over "
            f"delayed salaries (report {number})."
        )
        rows.append(
            f"BEN{number:05d},{day.isoformat()},2024,1,Demonstrations,Protests,Peaceful protest,"
            f"Protesters (Kenya),Health Workers (Kenya),Protesters,,,,Protesters only,,404,"
            f"Eastern Africa,Kenya,{town},,,{town},-0.2917,36.0644,1,"
            f'{outlets[number % len(outlets)]},National,"{notes}",0,,1712000000'
        )
    return "\n".join(rows) + "\n"


def measure_authoring(bench: Bench, path: Path) -> list[Measure]:
    """`add event` and `import --from acled` of IMPORTED_ROWS rows on a copy of a generated
    brief whose cache entry is warm, alternating with the copy's first run (empty cache); the
    copy and its texts are put back before each run."""
    folder = bench.scratch / f"authoring-{path.stem}"
    shutil.copytree(path.parent / "sources" / path.stem, folder / "sources" / path.stem)
    brief = folder / path.name
    original = path.read_bytes()
    rows = folder / "protests.csv"
    rows.write_text(acled_rows(IMPORTED_ROWS), encoding="utf-8")
    warm = bench.fresh_cache()

    def put_back() -> None:
        brief.write_bytes(original)
        for text in (folder / "sources").glob("acled-*.txt"):
            text.unlink()

    def first_run_env() -> dict[str, str]:
        put_back()
        return bench.env()

    def warm_env() -> dict[str, str]:
        put_back()
        return bench.env(warm)

    cli = [bench.briefcli, "-b", str(brief)]
    run_once([*cli, "actors", "--json"], warm_env())  # the cache entry of the brief as it is
    add = ["add", "event", "Bench meeting", "--date", "2020-01-05", "--kind", "meeting"]
    imported = ["import", "--from", "acled", str(rows), "--into", str(brief)]
    measures = bench.compare(
        [
            ("first run", ([*cli, "actors", "--json"], first_run_env)),
            ("add event", ([*cli, *add], warm_env)),
            (f"import --from acled ({IMPORTED_ROWS} rows)", ([*cli, *imported], warm_env)),
        ]
    )
    put_back()
    return measures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark briefcli against its targets.")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument(
        "--sizes",
        default=",".join(str(size) for size in DEFAULT_SIZES),
        help="events in the generated briefs, comma-separated (default 1000,10000,100000)",
    )
    parser.add_argument("--quick", action="store_true", help="sizes 1000,10000 and 3 repeats")
    parser.add_argument(
        "--budget",
        type=float,
        default=240.0,
        help="stop repeating a measurement after this many seconds (default 240)",
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=HERE / "out", help="generated briefs")
    parser.add_argument("--report", type=Path, help="also write the Markdown report here")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in str(args.sizes).split(",") if size.strip()]
    repeat = args.repeat
    if args.quick:
        sizes, repeat = [1000, 10_000], min(repeat, 3)
    bench = Bench(max(1, repeat), args.budget, not args.quiet)
    try:
        report = measure_all(bench, sizes, args.out, args.seed)
    finally:
        bench.close()
    print(report)
    if args.report:
        args.report.write_text(report + "\n", encoding="utf-8")
    return 0


BASELINE = "CSafeLoader parse"
# Lookups answer a question about a few records: each must stay within 3x of the same lookup on
# the bundled brief. Full listings (`actors`, `timeline`, `sources` with no filter) print every
# record, so they grow with the brief: they are held to linear growth instead.
LOOKUPS = (
    "actor NAME",
    "trace A B",
    "search TEXT",
    "search FIRST_NAME",
    "search COMMON_WORD",
    "timeline --actor NAME",
    "sources --claim ID",
)


def measure_all(bench: Bench, sizes: list[int], out: Path, seed: int) -> str:
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    brief = BUNDLED if BUNDLED.exists() else FALLBACK
    bundled_note = (
        "bundled brief data/brief.yaml"
        if brief == BUNDLED
        else "data/brief.yaml does not exist: tests/briefs/harbour.yaml stands in for it"
    )
    lines: list[str] = []
    targets: list[Target] = []
    cli = bench.briefcli
    py = bench.python

    # ------------------------------------------------------------ start-up
    bench.log(f"start-up on {brief}")
    small = bundled_queries(bench, brief)
    warm = bench.fresh_cache()
    run_once([cli, "-b", str(brief), "actors", "--json"], bench.env(warm))  # fill the cache

    def warm_env() -> dict[str, str]:
        return bench.env(warm)

    def lookup(path: Path, queries: Queries) -> dict[str, list[str]]:
        b = [cli, "-b", str(path)]
        return {
            "actors --json": [*b, "actors", "--json"],
            "actor NAME": [*b, "actor", queries.actor],
            "timeline --json": [*b, "timeline", "--json"],
            "trace A B": [*b, "trace", *queries.trace],
            "search TEXT": [*b, "search", queries.search],
            "search FIRST_NAME": [*b, "search", queries.first_name],
            "search COMMON_WORD": [*b, "search", queries.common_word],
            "sources --json": [*b, "sources", "--json"],
            "timeline --actor NAME": [*b, "timeline", "--actor", queries.actor, "--json"],
            "sources --claim ID": [*b, "sources", "--claim", queries.claim, "--json"],
        }

    small_cmds = lookup(brief, small)
    import_typer, actors_json, actor_table, help_text = bench.compare(
        [
            ("python -c 'import typer'", ([py, "-c", "import typer"], warm_env)),
            ("actors --json", (small_cmds["actors --json"], warm_env)),
            ("actor NAME", (small_cmds["actor NAME"], warm_env)),
            ("--help", ([cli, "--help"], warm_env)),
        ]
    )
    other_lookups = [name for name in small_cmds if name not in ("actors --json", "actor NAME")]
    small_lookups = dict(
        zip(
            other_lookups,
            bench.compare([(name, (small_cmds[name], warm_env)) for name in other_lookups]),
            strict=True,
        )
    )
    small_lookups["actor NAME"] = actor_table
    small_lookups["actors --json"] = actors_json
    lines += [
        f"## Start-up ({bundled_note}, warm cache)",
        "",
        small.listed(),
        "",
        "| command | median | vs `import typer` | peak RSS |",
        "| --- | --- | --- | --- |",
    ]
    for measure in (import_typer, actors_json, actor_table, help_text):
        lines.append(
            f"| `{measure.label}` | {_seconds(measure.median)} ({len(measure.runs)}×) "
            f"| {ratio(measure, import_typer):.2f}× | {measure.peak / 2**20:.0f} MiB |"
        )
    for name, lookup_measure in sorted(small_lookups.items()):
        if name in ("actor NAME", "actors --json"):
            continue
        lines.append(
            f"| `{name}` | {_seconds(lookup_measure.median)} ({len(lookup_measure.runs)}×) "
            f"| {ratio(lookup_measure, import_typer):.2f}× "
            f"| {lookup_measure.peak / 2**20:.0f} MiB |"
        )
    lines.append("")
    targets += [
        Target(
            "start-up: `actors --json` vs `import typer`", ratio(actors_json, import_typer), 1.5
        ),
        Target(
            "start-up: `actor NAME` (table) vs `import typer`",
            ratio(actor_table, import_typer),
            2.0,
        ),
        Target("start-up: `--help` vs `import typer`", ratio(help_text, import_typer), 2.5),
    ]
    for measure in (actors_json, actor_table, help_text, *small_lookups.values()):
        if not measure.ok:
            lines.append(f"- `{measure.label}` failed: {measure.error}")

    # ------------------------------------------------------------ generated briefs
    per_size: dict[int, dict[str, Measure]] = {}
    paths: dict[int, Path] = {}
    warm_caches: dict[int, Path] = {}  # each size's cache, filled by its first run
    for size in sizes:
        path, queries = generated(size, out, seed, bench)
        paths[size] = path
        megabytes = path.stat().st_size / 1e6
        bench.log(f"size {size}: {path} ({megabytes:.0f} MB)")
        parse_code = f"import yaml; yaml.load(open({str(path)!r}, 'rb'), Loader=yaml.CSafeLoader)"
        caches: list[Path] = []
        cmds = lookup(path, queries)

        def cold_env(caches: list[Path] = caches) -> dict[str, str]:
            caches.append(bench.fresh_cache())
            return bench.env(caches[-1])

        # Warm-up for the cold runs: the brief and its texts in the page cache (not the
        # briefcli cache: a cold run starts with an empty one).
        read_into_page_cache(path)
        parse, cold = bench.compare(
            [
                (BASELINE, ([py, "-c", parse_code], warm_env)),
                ("cold actors --json", (cmds["actors --json"], cold_env)),
            ],
            warm_up=False,
        )
        (validate,) = bench.compare(
            [("validate", ([cli, "validate", str(path)], warm_env))], warm_up=False
        )
        cache = warm_caches[size] = caches[-1]

        def cache_env(cache: Path = cache) -> dict[str, str]:
            return bench.env(cache)

        queries = resolve_candidates(bench, path, queries, cache_env())
        cmds = lookup(path, queries)
        measures = {BASELINE: parse, "cold actors --json": cold, "validate": validate}
        names = list(cmds)
        for name in names:
            (measures[name],) = bench.compare([(name, (cmds[name], cache_env))])
        per_size[size] = measures
        actors_count = json.loads((out / f"brief-{size}.hints.json").read_text(encoding="utf-8"))[
            "counts"
        ]["actors"]
        lines += [
            f"## {size:,} events ({megabytes:.0f} MB of YAML, {actors_count:,} actors)",
            "",
            queries.listed(),
            "",
            "| command | median (runs, peak RSS) | vs baseline | baseline |",
            "| --- | --- | --- | --- |",
            f"| `CSafeLoader parse` | {parse.cell()} | | |",
            f"| `actors --json`, cold cache | {cold.cell()} | {ratio(cold, parse):.2f}× | parse |",
            f"| `validate` | {validate.cell()} | {ratio(validate, cold):.2f}× | cold load |",
        ]
        for name in names:
            lines.append(
                f"| `{name}`, warm cache | {measures[name].cell()} "
                f"| {ratio(measures[name], small_lookups[name]):.2f}× | same on small brief |"
            )
        lines.append("")
        for measure in measures.values():
            if not measure.ok:
                lines.append(f"- `{measure.label}` failed: {measure.error}")
        tag = f"{size // 1000}k"
        targets.append(
            Target(f"{tag}: cold `actors --json` vs CSafeLoader parse", ratio(cold, parse), 1.2)
        )
        for name in LOOKUPS:
            targets.append(
                Target(
                    f"{tag}: warm `{name}` vs same on small brief",
                    ratio(measures[name], small_lookups[name]),
                    3.0,
                )
            )
        targets.append(Target(f"{tag}: `validate` vs cold load", ratio(validate, cold), 3.0))

    if per_size:
        largest = max(per_size)
        tag = f"{largest // 1000}k"
        note = "" if largest >= 100_000 else "target is for 100k; largest size run"
        cold_names = ("cold actors --json", "validate")
        warm_names = [n for n in per_size[largest] if n not in (*cold_names, BASELINE)]
        for group, names in (
            ("cold load and validate", list(cold_names)),
            ("warm lookups", warm_names),
        ):
            worst = max((per_size[largest][n] for n in names), key=lambda m: m.peak)
            targets.append(
                Target(
                    f"{tag}: peak memory, {group}",
                    worst.peak / GIB,
                    1.0,
                    f"max is `{worst.label}`; {note}".strip("; "),
                )
            )
        big = per_size[largest]
        targets.append(
            Target(
                f"{tag}: warm `trace A B` vs warm `actor NAME`",
                ratio(big["trace A B"], big["actor NAME"]),
                3.0,
                "" if largest >= 100_000 else "target is for the 10k-actor (100k-event) graph",
            )
        )

    # ------------------------------------------------------------ authoring
    authoring = [size for size in sizes if size in AUTHORING_SIZES]
    if authoring:
        lines += [
            "## Writing: `add` and `import` beside the first run",
            "",
            "Each on a copy of the generated brief, its cache entry warm (as after any command);"
            " the first run of the same copy with an empty cache alternates with them.",
            "",
            "| events | first run | `add event` | vs first run | "
            f"`import --from acled` ({IMPORTED_ROWS} rows) | vs first run |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
    for size in authoring:
        bench.log(f"add and import on the {size}-event brief")
        first, add, imported = measure_authoring(bench, paths[size])
        tag = f"{size // 1000}k"
        lines.append(
            f"| {size:,} | {first.cell()} | {add.cell()} | {ratio(add, first):.2f}× "
            f"| {imported.cell()} | {ratio(imported, first):.2f}× |"
        )
        for measure in (first, add, imported):
            if not measure.ok:
                lines.append(f"- `{measure.label}` failed: {measure.error}")
        targets += [
            Target(f"{tag}: `add event` vs first run", ratio(add, first), 0.5),
            Target(
                f"{tag}: `import --from acled` ({IMPORTED_ROWS} rows) vs first run",
                ratio(imported, first),
                2.0,
            ),
        ]
    if authoring:
        lines.append("")

    # ------------------------------------------------------------ growth
    ordered = sorted(per_size)
    side_by_side = measure_growth_side_by_side(bench, paths, ordered, warm_caches)
    if len(ordered) > 1:
        header = " | ".join(f"{a // 1000}k→{b // 1000}k" for a, b in itertools.pairwise(ordered))
        # Linear in the brief's size: its bytes, which grow a little faster than its events
        # (a larger brief's generated names are longer to stay distinct).
        bytes_of = {events: paths[events].stat().st_size for events in ordered}
        factors = [f"{bytes_of[b] / bytes_of[a]:.2f}×" for a, b in itertools.pairwise(ordered)]
        described = [
            f"{events // 1000}k events {bytes_of[events] / 1e6:.1f} MB" for events in ordered
        ]
        lines += [
            "## Growth: time ratio per 10× the brief's size in bytes (≤ 10× is linear or better)",
            "",
            f"Sizes: {', '.join(described)} ({', '.join(factors)} apart); each ratio is"
            " (larger time / smaller time) ** (1 / log10 of that factor).",
            "",
            f"| command | {' | '.join(f'{size // 1000}k' for size in ordered)} | {header} |",
            "| --- |" + " --- |" * (2 * len(ordered) - 1),
        ]
        for name in per_size[ordered[0]]:
            times = [_seconds(per_size[size][name].median) for size in ordered]
            ratios = []
            for a, b in itertools.pairwise(ordered):
                small_run, big_run = side_by_side.get(
                    (name, a, b), (per_size[a][name], per_size[b][name])
                )
                value = growth_ratio(small_run, big_run, bytes_of[b] / bytes_of[a])
                paired = " (side by side)" if (name, a, b) in side_by_side else ""
                ratios.append("–" if math.isnan(value) else f"{value:.1f}×{paired}")
                if name != BASELINE:  # PyYAML's growth is reported, not a target of ours
                    targets.append(
                        Target(f"growth {a // 1000}k→{b // 1000}k: `{name}`", value, 10.5)
                    )
            lines.append(f"| `{name}` | {' | '.join(times)} | {' | '.join(ratios)} |")
        lines += [
            "",
            "Side by side: the runs of the two sizes alternate (the times above are minutes",
            "apart, and this machine's speed drifts over minutes):",
            "",
            "| sizes | command | smaller (runs) | larger (runs) |",
            "| --- | --- | --- | --- |",
        ]
        for (name, a, b), (small_run, big_run) in side_by_side.items():
            lines.append(
                f"| {a // 1000}k→{b // 1000}k | `{name}` | {small_run.cell()} | {big_run.cell()} |"
            )
        lines.append("")

    passed = sum(target.passed for target in targets)
    lines = [
        "# briefcli benchmark",
        "",
        f"{dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; {platform.python_implementation()} "
        f"{platform.python_version()}; {platform.machine()}, nproc {os.cpu_count()}; "
        f"load average at the end {os.getloadavg()[0]:.2f}; {bench.repeat} repeats; "
        f"{time.perf_counter() - started:.0f} s in all.",
        "",
        f"## Targets: {passed} of {len(targets)} pass",
        "",
        "| target | measured | limit | result | note |",
        "| --- | --- | --- | --- | --- |",
        *(target.row() for target in targets),
        "",
        *lines,
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
