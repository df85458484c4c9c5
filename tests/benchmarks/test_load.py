import math
import re
from pathlib import Path

import pytest

from benchmarks import load, load_server


def test_sizing_follows_the_mm1_formula():
    # 20 ms of CPU in 2 script runs per 10 s cycle, on half a core:
    # mu = 0.5 / 0.010 = 50/s, p95 needs mu - lambda >= ln(20) / 0.3 s,
    # and each learner adds 0.2 runs/s.
    demand = load.Demand(cpu_s=0.020, requests=2)

    expected = math.floor((50 - math.log(20) / 0.3) / 0.2)
    assert load.learners_per_task(demand, 0.5) == expected == 200


def test_one_process_gains_nothing_past_one_core():
    demand = load.Demand(cpu_s=0.030, requests=2)

    assert load.learners_per_task(demand, 2.0) == load.learners_per_task(demand, 1.0)
    assert load.learners_per_task(demand, 0.25) < load.learners_per_task(demand, 0.5)


def test_a_task_too_small_for_one_check_serves_nobody():
    demand = load.Demand(cpu_s=0.200, requests=1)

    assert load.learners_per_task(demand, 0.25) == 0


def test_strokes_count_only_when_they_rerun_the_page():
    quiet = load.learner_demand(
        {load.CHECK: 20.0, load.NEW_KANA: 10.0, load.STROKE: 0.4}, 3
    )
    rerunning = load.learner_demand(
        {load.CHECK: 20.0, load.NEW_KANA: 10.0, load.STROKE: 30.0}, 3
    )

    assert quiet.cpu_s == pytest.approx(0.030)
    assert rerunning.cpu_s == pytest.approx(0.120)
    assert rerunning.requests == pytest.approx(quiet.requests + 3)


@pytest.mark.slow
@pytest.mark.browser
def test_one_learner_one_round_reports_every_phase_without_errors(capsys):
    load.run(
        ["--learners", "1", "--rounds", "1", "--expiry-wait", "0", "--spread", "0"]
    )

    out = capsys.readouterr().out
    rows = {
        match["phase"]: match
        for match in re.finditer(
            r"^(?P<phase>[A-Za-z ]+?) +(?P<actions>\d+) +(?P<cpu>[\d.]+|-) "
            r"+(?P<p50>\d+|-) +(?P<p95>\d+|-) +(?P<errors>\d+)$",
            out,
            re.MULTILINE,
        )
    }
    for phase in (load.PAGE_LOAD, load.STROKE, load.CHECK, load.REVISIT):
        assert int(rows[phase]["actions"]) >= 1, out
        assert rows[phase]["cpu"] != "-", out
    assert rows[load.CHECK]["p95"] != "-", out
    assert all(row["errors"] == "0" for row in rows.values()), out
    assert "errors: 0" in out
    assert "per session" in out
    assert re.search(r"^ +0\.50 +1024 Mi +\d+ ", out, re.MULTILINE), out


def test_the_server_under_load_runs_with_the_images_allocator_settings():
    dockerfile = (Path(__file__).parents[2] / "Dockerfile").read_text()

    for name, value in load.IMAGE_ENV.items():
        assert re.search(rf"^\s*(ENV\s+)?{name}={value}\b", dockerfile, re.MULTILINE), (
            name
        )


def test_the_server_under_load_is_the_one_the_image_starts():
    dockerfile = (Path(__file__).parents[2] / "Dockerfile").read_text()

    assert f'"{load_server.APP}"' in dockerfile
