import sys

import benchmarks
from benchmarks import __main__ as bench


def test_known_sections_run_first_in_their_order():
    names = bench.section_names()

    assert names[0] == "recognizer"
    assert names.index("recognizer") < names.index("strokes")
    assert "zinnia_peer" in names


def test_a_new_section_plugs_in_by_existing(tmp_path, monkeypatch, capsys):
    (tmp_path / "extra.py").write_text(
        "def run():\n    print('extra figures: 42')\n", encoding="utf-8"
    )
    (tmp_path / "broken.py").write_text(
        "def run():\n    raise RuntimeError('no data')\n", encoding="utf-8"
    )
    monkeypatch.setattr(benchmarks, "__path__", [str(tmp_path)])
    for name in ("benchmarks.extra", "benchmarks.broken"):
        monkeypatch.delitem(sys.modules, name, raising=False)

    assert bench.section_names() == ["broken", "extra"]
    assert bench.main() == 1

    captured = capsys.readouterr()
    assert "=== extra ===" in captured.out
    assert "extra figures: 42" in captured.out
    assert "RuntimeError: no data" in captured.err
    assert "Sections that failed: broken" in captured.err


def test_module_without_run_is_not_a_section(tmp_path, monkeypatch, capsys):
    (tmp_path / "helpers.py").write_text("VALUE = 1\n", encoding="utf-8")
    monkeypatch.setattr(benchmarks, "__path__", [str(tmp_path)])
    monkeypatch.delitem(sys.modules, "benchmarks.helpers", raising=False)

    assert bench.main() == 0

    assert "helpers" not in capsys.readouterr().out
