import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from kana_app.kana.strokes import VIEWBOX, stroke_points
from kana_app.recognition import evaluate, service
from kana_app.recognition.service import Guess

SUMMARY = re.compile(r"^top1=(\d\.\d{4}) n=(\d+) ms_per_image=(\d+\.\d{3})$")
ROOT = Path(__file__).resolve().parents[2]


def _save_png(path: Path, kana: str, size: int = 128) -> None:
    image = Image.new("RGB", (size, size), "white")
    draw = ImageDraw.Draw(image)
    scale = size / VIEWBOX
    for stroke in stroke_points(kana):
        draw.line([tuple(p) for p in stroke * scale], fill="navy", width=6)
    image.save(path)


def _save_json(path: Path, kana: str) -> None:
    # Another coordinate range than the 109 box, as a tablet would give.
    strokes = [(stroke * 4 + 30).round(1).tolist() for stroke in stroke_points(kana)]
    path.write_text(json.dumps(strokes), encoding="utf-8")


def _make_folder(folder: Path, samples: list[tuple[str, str]]) -> Path:
    folder.mkdir(exist_ok=True)
    rows = ["file,char,writer"]
    for name, kana in samples:
        if name.endswith(".json"):
            _save_json(folder / name, kana)
        else:
            _save_png(folder / name, kana)
        rows.append(f"{name},{kana},someone")
    (folder / "labels.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


FIXTURE = [
    ("so.png", "ソ"),
    ("n.json", "ン"),
    ("shi.png", "シ"),
    ("hira_shi.json", "し"),
    ("ka.png", "か"),
]


class ShapeBlindBackend:
    """Reads every drawing as the first allowed kana of its preference."""

    name = "shape-blind"
    classes = frozenset("ソンシしか")
    PREFERENCE = "ソしか"

    def __init__(self) -> None:
        self.allowed_seen: list[frozenset[str]] = []

    def rank(self, image, allowed):
        self.allowed_seen.append(allowed)
        for kana in self.PREFERENCE:
            if kana in allowed:
                return [Guess(kana, 0.9)]
        return []


@pytest.fixture
def shape_blind(monkeypatch):
    backend = ShapeBlindBackend()
    monkeypatch.setattr(service, "_backend", backend)
    return backend


@pytest.fixture
def fixture_folder(tmp_path):
    return _make_folder(tmp_path / "drawn", FIXTURE)


def test_last_line_is_the_summary(fixture_folder, shape_blind, capsys):
    assert evaluate.main([str(fixture_folder)]) == 0

    lines = capsys.readouterr().out.strip().splitlines()
    top1, count, _ = SUMMARY.match(lines[-1]).groups()
    # ソ and し are read right, ン, シ and か are not.
    assert (top1, count) == ("0.4000", "5")


def test_worst_classes_and_confusions_are_printed(fixture_folder, shape_blind, capsys):
    evaluate.main([str(fixture_folder)])

    out = capsys.readouterr().out
    assert "Worst classes" in out
    assert "  ン -> ソ: 1" in out
    assert "  シ -> ソ: 1" in out
    assert "  か -> し: 1" in out


def test_each_sample_is_restricted_to_its_label_s_script(fixture_folder, shape_blind):
    samples, problems = evaluate.load_samples(fixture_folder)
    report, skipped = evaluate.evaluate(samples)

    assert problems == [] and skipped == []
    assert report.readings == ["ソ", "ソ", "ソ", "し", "し"]
    # The warm-up drawing is recognized among every kana, then one per sample.
    assert shape_blind.allowed_seen[-1] == frozenset("しか")
    assert shape_blind.allowed_seen[-3] == frozenset("ソンシ")


def test_script_any_allows_both_scripts(fixture_folder, shape_blind):
    samples, _ = evaluate.load_samples(fixture_folder)
    report, _ = evaluate.evaluate(samples, "any")

    assert report.readings == ["ソ"] * 5
    assert shape_blind.allowed_seen[-1] == frozenset("ソンシしか")


def test_named_script_leaves_out_the_other_script(fixture_folder, shape_blind):
    samples, _ = evaluate.load_samples(fixture_folder)
    report, skipped = evaluate.evaluate(samples, "hiragana")

    assert report.labels == ["し", "か"]
    assert len(skipped) == 3


def test_strokes_and_images_are_read(fixture_folder):
    samples, _ = evaluate.load_samples(fixture_folder)

    by_file = {sample.file: sample.drawing for sample in samples}
    assert isinstance(by_file["so.png"], Image.Image)
    assert by_file["n.json"][0].shape[1] == 2
    assert by_file["n.json"][0].max() > VIEWBOX


def test_bad_file_is_skipped_with_its_name(fixture_folder, shape_blind, capsys):
    (fixture_folder / "broken.png").write_bytes(b"not a picture")
    (fixture_folder / "flat.json").write_text("[[1, 2, 3]]", encoding="utf-8")
    with (fixture_folder / "labels.csv").open("a", encoding="utf-8") as f:
        f.write("broken.png,ソ,x\nflat.json,ソ,x\nmissing.png,ソ,x\n")

    assert evaluate.main([str(fixture_folder)]) == 0

    captured = capsys.readouterr()
    assert "skipped broken.png: not an image" in captured.err
    assert "skipped flat.json: expected a list of strokes" in captured.err
    assert "skipped missing.png: no such file" in captured.err
    assert captured.out.strip().splitlines()[-1].startswith("top1=0.4000 n=5 ")


def test_label_the_recognizer_cannot_output_is_skipped(tmp_path, shape_blind, capsys):
    folder = _make_folder(tmp_path / "odd", [("so.png", "ソ"), ("a.png", "あ")])
    (folder / "labels.csv").write_text(
        "file,char\nso.png,ソ\na.png,あ\nso.png,x\n", encoding="utf-8"
    )

    assert evaluate.main([str(folder)]) == 0

    captured = capsys.readouterr()
    assert "a.png: the recognizer has no class 'あ'" in captured.err
    assert "so.png: the recognizer has no class 'x'" in captured.err
    assert captured.out.strip().splitlines()[-1].startswith("top1=1.0000 n=1 ")


def test_missing_folder_says_so(tmp_path, capsys):
    assert evaluate.main([str(tmp_path / "nowhere")]) == 2

    assert "nowhere does not exist" in capsys.readouterr().err


def test_missing_labels_file_says_what_to_add(tmp_path, capsys):
    assert evaluate.main([str(tmp_path)]) == 2

    assert "labels.csv is missing" in capsys.readouterr().err


def test_labels_without_the_columns_names_them(tmp_path, capsys):
    (tmp_path / "labels.csv").write_text("path,kana\na.png,あ\n", encoding="utf-8")

    assert evaluate.main([str(tmp_path)]) == 2

    assert "needs the columns file and char" in capsys.readouterr().err


@pytest.mark.parametrize(
    "content", [b"file,char\n\xff.png,\xe3\x81\x82\n", b"\xfffile,char\n"]
)
def test_labels_that_are_not_utf8_say_so(tmp_path, capsys, content):
    (tmp_path / "labels.csv").write_bytes(content)

    assert evaluate.main([str(tmp_path)]) == 2

    assert "is not UTF-8 text" in capsys.readouterr().err


def test_a_file_given_as_the_folder_says_so(tmp_path, capsys):
    (tmp_path / "a.png").write_bytes(b"")

    assert evaluate.main([str(tmp_path / "a.png")]) == 2

    assert "is a file: give the folder" in capsys.readouterr().err


def test_labels_csv_that_is_a_folder_says_so(tmp_path, capsys):
    (tmp_path / "labels.csv").mkdir()

    assert evaluate.main([str(tmp_path)]) == 2

    assert "labels.csv is not a file" in capsys.readouterr().err


def test_nothing_to_evaluate_fails(tmp_path, shape_blind, capsys):
    (tmp_path / "labels.csv").write_text("file,char\n", encoding="utf-8")

    assert evaluate.main([str(tmp_path)]) == 1

    assert "no sample" in capsys.readouterr().err


def test_command_runs_the_default_recognizer(fixture_folder):
    result = subprocess.run(
        [sys.executable, "-m", "kana_app.recognition.evaluate", str(fixture_folder)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert SUMMARY.match(last).group(2) == "5"


def test_command_reports_a_missing_folder_without_traceback(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "kana_app.recognition.evaluate", str(tmp_path / "x")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )

    assert result.returncode == 2
    assert result.stderr.startswith("error: Folder ")
    assert "Traceback" not in result.stderr


def test_manga_ocr_without_weights_names_the_folder(
    fixture_folder, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("KANA_RECOGNIZER", "cnn")
    monkeypatch.setenv("KANA_MANGA_OCR_DIR", str(tmp_path / "no-weights"))
    monkeypatch.setattr(service, "_backend", None)

    assert evaluate.main([str(fixture_folder), "--backend", "manga-ocr"]) == 2

    assert "no-weights does not exist" in capsys.readouterr().err
