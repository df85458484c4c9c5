"""Golden outputs: fixed drawings against expected.json.

After a deliberate change to the model or preprocessing, rewrite the expected
file with ``python tests/recognition/golden/regenerate.py`` and review its diff.
"""

import importlib.util
import json
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"
_spec = importlib.util.spec_from_file_location("golden_cases", GOLDEN / "regenerate.py")
golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(golden)
EXPECTED = json.loads((GOLDEN / "expected.json").read_text(encoding="utf-8"))


def test_every_case_has_an_expected_output():
    assert set(EXPECTED) == set(golden.CASES)


@pytest.mark.parametrize("name", sorted(golden.CASES))
def test_recognizer_output_matches_golden(name):
    expected = EXPECTED[name]

    actual = golden.run_case(name)

    assert actual["is_kana"] == expected["is_kana"]
    assert actual["reason"] == expected["reason"]
    assert [k for k, _ in actual["guesses"]] == [k for k, _ in expected["guesses"]]
    for (_, got), (_, want) in zip(actual["guesses"], expected["guesses"], strict=True):
        assert got == pytest.approx(want, abs=0.01)
