"""What each learner action costs the server, and how many learners a task serves.

Starts the app pinned to one core and Debian's chromium (one browser process,
loopback only) pinned to the other, opens N pages, and has each repeat K
rounds of what a learner does: draw the asked kana stroke by stroke, Check,
then New kana or Clear, and now and then a round on Read. The learners move
through each phase together, each starting at a random moment inside a short
window, so the server's CPU time read from /proc before and after a phase
belongs to that phase alone.

By hand: ``python -m benchmarks.load --learners 20 --rounds 3 --time-limit 300``.
Under ``make bench`` the same options come from KANA_LOAD_LEARNERS,
KANA_LOAD_ROUNDS and KANA_LOAD_TIME_LIMIT.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import random
import signal
import statistics
import sys
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.chromium import CHROMIUM, CHROMIUM_ARGS
from benchmarks.load_server import AppServer, Sample, free_port
from kana_app.memory import RECLAIM_INTERVAL_S

VIEWPORT = {"width": 1100, "height": 1000}
ACTION_TIMEOUT_MS = 90_000
# Streamlit keeps a closed session this long for a reconnect (120 s unless
# set); shorter here so that the run sees the memory after it is dropped.
SESSION_TTL_S = 15
# The allocator setting the Docker image runs the server with.
IMAGE_ENV = {"MALLOC_ARENA_MAX": "2"}
# A first visit makes the browser fetch and parse 3 MB of scripts; more than
# a few at once starve the browser's core and time out, which is not what the
# server does.
PAGE_LOADS_AT_ONCE = 2
SERVER_CPU = 0
BROWSER_CPU = 1

# Phases, in the order the table prints them.
PAGE_LOAD = "page load"
REVISIT = "return visit"
STROKE = "stroke"
CHECK = "Check"
NEW_KANA = "New kana"
CLEAR = "Clear"
SWITCH = "switch page"
READ_CHECK = "Read check"
PHASES = (PAGE_LOAD, REVISIT, STROKE, CHECK, NEW_KANA, CLEAR, SWITCH, READ_CHECK)

# How a learner behaves: after a verdict, New kana this often (else Clear and
# write the same kana again); a round on Read this often.
NEW_KANA_SHARE = 0.7
READ_ROUND_SHARE = 0.3

# The sizing model's assumptions (printed with its figures).
CHECK_INTERVAL_S = 10.0
TARGET_P95_S = 0.3
CHECKS_PER_PAGE_LOAD = 60  # one page load per ten minutes of practice
STROKE_RERUN_MS = 2.0  # a stroke costing less than this triggers no rerun
# One Streamlit process runs its scripts under one interpreter lock, so it
# uses about one core however many the task has.
PROCESS_CORES = 1.0
# The CPU share (of the task's vCPU, as ECS reports it) the scaling keeps.
SCALING_CPU_TARGET = 0.5
FARGATE_SIZES = ((0.25, 512), (0.5, 1024), (1.0, 2048), (2.0, 4096))
# Fargate on-demand, Linux/x86, us-east-1 (USD per hour).
PRICE_VCPU_HOUR = 0.04048
PRICE_GB_HOUR = 0.004445
HOURS_PER_MONTH = 730
MIB = 1024 * 1024


@dataclass
class Phase:
    """The measured figures of one kind of action."""

    name: str
    actions: int = 0
    cpu_s: float = 0.0
    wall_s: float = 0.0
    latencies_s: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def cpu_ms_per_action(self, idle_cpu_per_s: float) -> float | None:
        if not self.actions:
            return None
        busy = max(self.cpu_s - idle_cpu_per_s * self.wall_s, 0.0)
        return busy * 1000 / self.actions

    def latency_ms(self, quantile: float) -> float | None:
        if not self.latencies_s:
            return None
        ordered = sorted(self.latencies_s)
        index = min(len(ordered) - 1, math.ceil(quantile * len(ordered)) - 1)
        return ordered[max(index, 0)] * 1000


@dataclass
class LoadResult:
    """Everything one run measured."""

    learners: int
    rounds_done: int
    phases: dict[str, Phase]
    idle_cpu_per_s: float
    rss_before: int
    rss_live: int
    rss_closed: int
    rss_expired: int | None
    right: int
    wrong: int
    not_graded: int
    strokes_per_drawing: float
    elsewhere: tuple[str, ...] = ()  # requests to other hosts, refused

    @property
    def errors(self) -> int:
        return sum(len(phase.errors) for phase in self.phases.values())


@dataclass(frozen=True)
class Options:
    learners: int
    rounds: int
    time_limit_s: float
    spread_s: float
    expiry_wait_s: float
    seed: int
    debug_dir: Path | None = None


def parse_options(argv: Sequence[str] | None = None) -> Options:
    """Read the options from ``argv``, with defaults from the environment."""
    env = os.environ
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load")
    parser.add_argument(
        "--learners", type=int, default=int(env.get("KANA_LOAD_LEARNERS", 10))
    )
    parser.add_argument(
        "--rounds", type=int, default=int(env.get("KANA_LOAD_ROUNDS", 3))
    )
    parser.add_argument(
        "--time-limit",
        type=float,
        default=float(env.get("KANA_LOAD_TIME_LIMIT", 420)),
        help="seconds; no new round starts after it",
    )
    parser.add_argument(
        "--spread",
        type=float,
        default=1.0,
        help="seconds over which the learners start each action",
    )
    parser.add_argument(
        "--expiry-wait",
        type=float,
        default=float(env.get("KANA_LOAD_EXPIRY_WAIT", SESSION_TTL_S + 5)),
        help="seconds to wait after closing for Streamlit to drop the sessions "
        f"(kept {SESSION_TTL_S} s in this run); 0 skips that reading",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--debug-dir",
        type=Path,
        help="save a screenshot and the error of every failed action here",
    )
    args = parser.parse_args(argv)
    if args.learners < 1 or args.rounds < 0 or args.time_limit <= 0:
        parser.error("--learners must be >= 1, --rounds >= 0, --time-limit > 0")
    return Options(
        args.learners,
        args.rounds,
        args.time_limit,
        args.spread,
        args.expiry_wait,
        args.seed,
        args.debug_dir,
    )


def run(argv: Sequence[str] | None = None) -> None:
    """Run the load test and print its table and the sizing derived from it."""
    options = parse_options([] if argv is None else argv)
    result = measure(options)
    print_report(result)


def measure(options: Options) -> LoadResult:
    """Start the app and the browser, run the learners, stop everything."""
    own_cpus = os.sched_getaffinity(0)
    pinned = {SERVER_CPU, BROWSER_CPU} <= own_cpus
    server = AppServer(
        cpu=SERVER_CPU if pinned else None,
        env={
            **IMAGE_ENV,
            "STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL": str(SESSION_TTL_S),
        },
    )
    # `timeout` and CI stop a run with SIGTERM: unwind as on Ctrl-C, so the
    # browser and the server started here are stopped too.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.start()
        print(f"App PID {server.pid} serving {server.url}", flush=True)
        if pinned:
            # The browser and its driver inherit this, so their load stays
            # off the server's core.
            os.sched_setaffinity(0, {BROWSER_CPU})
        else:
            print("Cores 0 and 1 are not both free: server and browser share.")
        return asyncio.run(_drive(server, options))
    except Exception:
        print("The app's log, last lines:\n" + server.log_text()[-3000:])
        raise
    finally:
        signal.signal(signal.SIGTERM, previous)
        os.sched_setaffinity(0, own_cpus)
        server.stop()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


async def _drive(server: AppServer, options: Options) -> LoadResult:
    from playwright.async_api import Request, async_playwright, expect

    from benchmarks.load_client import Learner

    expect.set_options(timeout=ACTION_TIMEOUT_MS)
    deadline = time.monotonic() + options.time_limit_s
    phases = {name: Phase(name) for name in PHASES}
    rng = random.Random(options.seed)

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, args=_chromium_args()
        )
        elsewhere: list[str] = []

        def note_elsewhere(request: Request) -> None:
            if not request.url.startswith((server.url, "data:", "blob:")):
                elsewhere.append(request.url)

        async def new_learner(number: int) -> Learner:
            context = await browser.new_context(viewport=VIEWPORT, base_url=server.url)
            context.on("request", note_elsewhere)
            context.set_default_timeout(ACTION_TIMEOUT_MS)
            return Learner(context, number, options.seed * 1000 + number)

        # The first session loads the recognizer and imports the pages; that
        # happens once per process and is not what each learner costs.
        warm = await new_learner(-1)
        await warm.open("/write")
        await warm.draw()
        await warm.check_drawing()
        await warm.switch_to("Read")
        await warm.check_reading()
        await warm.close()
        await asyncio.sleep(1.0)
        before = server.sample()

        learners = [await new_learner(number) for number in range(options.learners)]
        await _phase(
            server,
            phases[PAGE_LOAD],
            learners,
            Learner.open,
            options,
            rng,
            at_once=PAGE_LOADS_AT_ONCE,
        )
        idle_at_start = await _idle_rate(server)

        rounds_done = 0
        strokes: list[int] = []
        for _ in range(options.rounds):
            if time.monotonic() > deadline:
                break
            await _round(server, phases, learners, options, rng, strokes)
            rounds_done += 1

        live = server.sample()
        idle_cpu_per_s = (idle_at_start + await _idle_rate(server)) / 2
        # Last, as the old tabs' sessions stay in memory for a while.
        if time.monotonic() <= deadline:
            await _phase(
                server,
                phases[REVISIT],
                learners,
                Learner.revisit,
                options,
                rng,
                at_once=PAGE_LOADS_AT_ONCE,
            )
        right = sum(learner.right for learner in learners)
        wrong = sum(learner.wrong for learner in learners)
        not_graded = sum(learner.not_graded for learner in learners)
        for learner in learners:
            await learner.close()
        await asyncio.sleep(3.0)
        closed = server.sample()

        expired = None
        if options.expiry_wait_s > 0:
            await asyncio.sleep(options.expiry_wait_s)
            # Streamlit drops expired sessions when it stores the next one
            # that disconnects: a short visit makes it do so.
            probe = await new_learner(-2)
            await probe.open("/read")
            await probe.close()
            # The server looks for ended sessions this often, then reclaims.
            await asyncio.sleep(RECLAIM_INTERVAL_S + 3.0)
            expired = server.sample()
        await browser.close()

    return LoadResult(
        learners=options.learners,
        rounds_done=rounds_done,
        phases=phases,
        idle_cpu_per_s=idle_cpu_per_s,
        rss_before=before.rss_bytes,
        rss_live=live.rss_bytes,
        rss_closed=closed.rss_bytes,
        rss_expired=None if expired is None else expired.rss_bytes,
        right=right,
        wrong=wrong,
        not_graded=not_graded,
        strokes_per_drawing=statistics.mean(strokes) if strokes else 0.0,
        elsewhere=tuple(elsewhere),
    )


def _chromium_args() -> list[str]:
    """Return the browser's flags: headless, and no host but loopback.

    Playwright's request routing would switch the browser's HTTP cache off,
    and a return visit would cost the server what a first one does. So the
    browser refuses other hosts itself: names resolve to nothing, and any
    other address goes to a proxy port where nothing listens.
    """
    return [
        *CHROMIUM_ARGS,
        f"--proxy-server=http://127.0.0.1:{free_port()}",
        "--proxy-bypass-list=127.0.0.1",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ]


async def _round(server, phases, learners, options, rng, strokes) -> None:
    """One round: every learner writes and checks, some go on to Read."""
    from benchmarks.load_client import Learner

    drawn = await _phase(server, phases[STROKE], learners, Learner.draw, options, rng)
    strokes.extend(drawn)
    await _phase(server, phases[CHECK], learners, Learner.check_drawing, options, rng)

    moving_on = [learner for learner in learners if rng.random() < NEW_KANA_SHARE]
    again = [learner for learner in learners if learner not in moving_on]
    await _phase(server, phases[NEW_KANA], moving_on, Learner.new_kana, options, rng)
    await _phase(server, phases[CLEAR], again, Learner.clear, options, rng)

    readers = [learner for learner in learners if rng.random() < READ_ROUND_SHARE]
    if not readers:
        return
    to_read = lambda learner: learner.switch_to("Read")
    to_write = lambda learner: learner.switch_to("Write")
    await _phase(server, phases[SWITCH], readers, to_read, options, rng)
    await _phase(
        server, phases[READ_CHECK], readers, Learner.check_reading, options, rng
    )
    await _phase(server, phases[SWITCH], readers, to_write, options, rng)


async def _phase(
    server: AppServer,
    phase: Phase,
    learners: Sequence,
    action: Callable[..., Awaitable[float | int]],
    options: Options,
    rng: random.Random,
    *,
    at_once: int | None = None,
) -> list[int]:
    """Run ``action`` for every learner at once; add its figures to ``phase``.

    Returns the integer results (strokes drawn); float results are latencies.
    """
    active = [learner for learner in learners if not getattr(learner, "broken", False)]
    if not active:
        return []
    delays = [rng.uniform(0, options.spread_s) for _ in active]
    gate = asyncio.Semaphore(at_once or len(active))

    async def one(learner, delay: float) -> float | int | None:
        await asyncio.sleep(delay)
        try:
            async with gate:
                return await action(learner)
        except Exception as error:  # noqa: BLE001 - every failure is a figure
            learner.broken = True
            first_line = (str(error).strip().splitlines() or [type(error).__name__])[0]
            phase.errors.append(f"learner {learner.number}: {first_line[:160]}")
            if options.debug_dir is not None:
                await learner.save_evidence(options.debug_dir, phase.name, error)
            return None

    start: Sample = server.sample()
    results = await asyncio.gather(*(one(l, d) for l, d in zip(active, delays)))
    end: Sample = server.sample()

    phase.cpu_s += end.cpu_s - start.cpu_s
    phase.wall_s += end.wall_s - start.wall_s
    # Progress on stderr: a run with many learners takes minutes.
    print(
        f"  {phase.name}: {len(active)} learners, {end.wall_s - start.wall_s:.0f} s",
        file=sys.stderr,
        flush=True,
    )
    counts = []
    for value in results:
        if isinstance(value, int):
            counts.append(value)
            phase.actions += value
        elif isinstance(value, float):
            phase.latencies_s.append(value)
            phase.actions += 1
    return counts


async def _idle_rate(server: AppServer, seconds: float = 5.0) -> float:
    """Return the server's CPU seconds per second with every page open and idle.

    Streamlit polls its config and secrets files five times a second; that
    and the websockets' pings go on whatever the learners do. /proc counts in
    10 ms ticks, so the window is long enough to tell 2 ms/s apart.
    """
    start = server.sample()
    await asyncio.sleep(seconds)
    end = server.sample()
    return (end.cpu_s - start.cpu_s) / (end.wall_s - start.wall_s)


# The sizing model -----------------------------------------------------------


@dataclass(frozen=True)
class Demand:
    """What one active learner asks of the server per Check cycle."""

    cpu_s: float  # server CPU seconds per cycle
    requests: float  # script runs per cycle

    @property
    def mean_service_s(self) -> float:
        return self.cpu_s / self.requests


def learner_demand(cpu_ms: dict[str, float | None], strokes_per_kana: float) -> Demand:
    """Turn per-action CPU into one learner's demand per Check cycle.

    A cycle is: the strokes of one kana, one Check, one New kana or Clear, and
    a share of a page load. Strokes count as script runs only if they cost
    enough to be one.
    """
    check = cpu_ms.get(CHECK) or 0.0
    after = cpu_ms.get(NEW_KANA) or cpu_ms.get(CLEAR) or 0.0
    page = cpu_ms.get(PAGE_LOAD) or 0.0
    stroke = cpu_ms.get(STROKE) or 0.0

    cpu = check + after + page / CHECKS_PER_PAGE_LOAD
    requests = 2 + 1 / CHECKS_PER_PAGE_LOAD
    if stroke >= STROKE_RERUN_MS:
        cpu += stroke * strokes_per_kana
        requests += strokes_per_kana
    return Demand(cpu / 1000, requests)


def learners_per_task(demand: Demand, vcpu: float) -> int:
    """Return the active learners one task serves with p95 under the target.

    M/M/1: the process is one server of capacity ``c`` cores, requests arrive
    at n * requests / interval per second, each needs mean_service_s of CPU;
    the response time is exponential with rate mu - lambda, so its 95th
    percentile is ln(20) / (mu - lambda).
    """
    cores = min(vcpu, PROCESS_CORES)
    mu = cores / demand.mean_service_s
    rate_per_learner = demand.requests / CHECK_INTERVAL_S
    headroom = math.log(20) / TARGET_P95_S
    return max(0, math.floor((mu - headroom) / rate_per_learner))


def utilisation(demand: Demand, vcpu: float, learners: int) -> float:
    """Return the share of the task's usable CPU ``learners`` keep busy."""
    cores = min(vcpu, PROCESS_CORES)
    return learners * demand.cpu_s / CHECK_INTERVAL_S / cores


def learners_at_cpu(demand: Demand, vcpu: float, share: float) -> int:
    """Return the learners that keep ``share`` of the task's vCPU busy."""
    return math.floor(share * vcpu * CHECK_INTERVAL_S / demand.cpu_s)


def monthly_cost(vcpu: float, memory_mib: int) -> float:
    """Return one task's on-demand Fargate price for a month, in USD."""
    hourly = vcpu * PRICE_VCPU_HOUR + memory_mib / 1024 * PRICE_GB_HOUR
    return hourly * HOURS_PER_MONTH


# The report -------------------------------------------------------------------


def _fmt(value: float | None, spec: str = ".1f") -> str:
    return "-" if value is None else format(value, spec)


def print_report(result: LoadResult) -> None:
    """Print the per-phase table, memory, and the sizing derived from them."""
    idle = result.idle_cpu_per_s
    print(
        f"{result.learners} learners, {result.rounds_done} rounds; server on core "
        f"{SERVER_CPU}, browser on core {BROWSER_CPU}; idle server "
        f"{idle * 1000:.1f} ms CPU/s with every page open (subtracted)"
    )
    header = (
        f"{'phase':<12} {'actions':>7} {'CPU ms/action':>13} "
        f"{'p50 ms':>7} {'p95 ms':>7} {'errors':>6}"
    )
    print(header)
    print("-" * len(header))
    cpu_ms: dict[str, float | None] = {}
    for phase in result.phases.values():
        cpu_ms[phase.name] = phase.cpu_ms_per_action(idle)
        print(
            f"{phase.name:<12} {phase.actions:>7} "
            f"{_fmt(cpu_ms[phase.name]):>13} {_fmt(phase.latency_ms(0.5), '.0f'):>7} "
            f"{_fmt(phase.latency_ms(0.95), '.0f'):>7} {len(phase.errors):>6}"
        )
    print(
        "(p50/p95: click to verdict for Check and Read check; click to a clean "
        "canvas for New kana and Clear; navigation to a settled page otherwise)"
    )
    for phase in result.phases.values():
        for error in phase.errors[:3]:
            print(f"  error in {phase.name}: {error}")

    per_session = (result.rss_live - result.rss_before) / result.learners
    print(
        f"server RSS: {result.rss_before / MIB:.1f} MiB before, "
        f"{result.rss_live / MIB:.1f} MiB with {result.learners} sessions live "
        f"({per_session / MIB:.2f} MiB per session), "
        f"{result.rss_closed / MIB:.1f} MiB just after they closed"
    )
    if result.rss_expired is not None:
        # Every learner had two sessions: the first tab and the return visit.
        opened = 2 * result.learners
        kept = (result.rss_expired - result.rss_before) / opened
        returned = result.rss_live - result.rss_expired
        print(
            f"server RSS once Streamlit dropped all {opened} closed sessions: "
            f"{result.rss_expired / MIB:.1f} MiB ({returned / MIB:.1f} MiB "
            f"returned since they were live; {kept / MIB:.2f} MiB kept per "
            "session opened, which later sessions reuse)"
        )
    print(
        f"Write verdicts: {result.right} right, {result.wrong} wrong, "
        f"{result.not_graded} not graded; "
        f"requests to other hosts (refused): {len(result.elsewhere)}; "
        f"{result.strokes_per_drawing:.1f} strokes per drawing; "
        f"errors: {result.errors}"
    )

    print_sizing(cpu_ms, result.strokes_per_drawing or 3.0, result)


def print_sizing(
    cpu_ms: dict[str, float | None], strokes_per_kana: float, result: LoadResult
) -> None:
    """Print learners per Fargate task size and the cost per 1,000 learners."""
    demand = learner_demand(cpu_ms, strokes_per_kana)
    print(
        f"\nSizing: an active learner checks a kana every {CHECK_INTERVAL_S:.0f} s "
        f"and presses New kana or Clear after each, opens the page once per "
        f"{CHECKS_PER_PAGE_LOAD} Checks; that is {demand.cpu_s * 1000:.1f} ms of "
        f"server CPU in {demand.requests:.2f} script runs per cycle. M/M/1 queue, "
        f"p95 response under {TARGET_P95_S * 1000:.0f} ms; one Streamlit process "
        f"uses at most {PROCESS_CORES:.0f} core."
    )
    print(
        f"{'task vCPU':>9} {'memory':>8} {'learners':>8} {'CPU busy':>8} "
        f"{'at ' + format(SCALING_CPU_TARGET, '.0%') + ' CPU':>10} "
        f"{'USD/month':>9} {'USD per 1,000 learners/month':>28}"
    )
    session_mib = max((result.rss_live - result.rss_before) / result.learners, 0) / MIB
    for vcpu, memory_mib in FARGATE_SIZES:
        learners = learners_per_task(demand, vcpu)
        needed_mib = result.rss_before / MIB + learners * session_mib
        cost = monthly_cost(vcpu, memory_mib)
        per_thousand = math.ceil(1000 / learners) * cost if learners else None
        fits = "" if needed_mib <= memory_mib * 0.8 else " (memory short)"
        at_target = learners_at_cpu(demand, vcpu, SCALING_CPU_TARGET)
        print(
            f"{vcpu:>9.2f} {memory_mib:>6} Mi {learners:>8} "
            f"{utilisation(demand, vcpu, learners):>8.0%} "
            f"{min(at_target, learners):>10} {cost:>9.2f} "
            f"{_fmt(per_thousand, ',.0f'):>28}{fits}"
        )
    print(
        f"(Fargate on-demand Linux/x86 us-east-1: ${PRICE_VCPU_HOUR}/vCPU-h, "
        f"${PRICE_GB_HOUR}/GB-h, {HOURS_PER_MONTH} h a month, learners active "
        "around the clock; load balancer and data transfer not included; "
        f"'at {SCALING_CPU_TARGET:.0%} CPU': learners when ECS reports that CPU "
        "use, never more than the p95 figure)"
    )


if __name__ == "__main__":
    run(sys.argv[1:])
