"""The Manga OCR backend, loaded through manga_ocr's own code from a tiny model.

The model is randomly initialised and a few kilobytes big; its output bias is
set so that it always reads the kanji 力, which the backend must map to the
kana that looks like it.
"""

import socket
from pathlib import Path

import pytest
import torch
import transformers
from PIL import Image, ImageDraw

from kana_app.recognition import evaluate, recognize, service
from kana_app.recognition.manga_ocr import MangaOcrBackend, check_weights

# Importing transformers and generating with it takes tens of seconds here.
pytestmark = pytest.mark.slow

VOCABULARY = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *"カ力ロ口かへヘりリ一ー"]
READ_AS = "力"
HIRAGANA = frozenset(chr(code) for code in range(0x3041, 0x3097))
KATAKANA = frozenset(chr(code) for code in range(0x30A1, 0x30FB)) | {"ー"}


def _save_tiny_model(folder: Path) -> None:
    folder.mkdir()
    vocab_file = folder / "vocab.txt"
    vocab_file.write_text("\n".join(VOCABULARY) + "\n", encoding="utf-8")
    tokenizer = transformers.BertJapaneseTokenizer(
        str(vocab_file),
        do_lower_case=False,
        word_tokenizer_type="basic",
        subword_tokenizer_type="character",
    )
    tokenizer.save_pretrained(folder)
    transformers.ViTImageProcessor(size={"height": 32, "width": 32}).save_pretrained(
        folder
    )

    encoder = transformers.ViTConfig(
        image_size=32,
        patch_size=16,
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
    )
    decoder = transformers.BertConfig(
        vocab_size=len(VOCABULARY),
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        # manga_ocr generates up to 300 tokens and this model never stops early.
        max_position_embeddings=320,
        is_decoder=True,
        add_cross_attention=True,
    )
    config = transformers.VisionEncoderDecoderConfig.from_encoder_decoder_configs(
        encoder, decoder
    )
    config.decoder_start_token_id = tokenizer.cls_token_id
    config.pad_token_id = tokenizer.pad_token_id
    config.eos_token_id = tokenizer.sep_token_id

    torch.manual_seed(0)
    model = transformers.VisionEncoderDecoderModel(config=config)
    generation = model.generation_config
    generation.decoder_start_token_id = tokenizer.cls_token_id
    generation.pad_token_id = tokenizer.pad_token_id
    generation.eos_token_id = tokenizer.sep_token_id
    with torch.no_grad():
        # Every token is READ_AS, whatever the image.
        bias = model.decoder.cls.predictions.decoder.bias
        bias[VOCABULARY.index(READ_AS)] = 20.0
    model.save_pretrained(folder)


@pytest.fixture(scope="module")
def model_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("manga-ocr") / "weights"
    _save_tiny_model(folder)
    return folder


@pytest.fixture
def offline(monkeypatch):
    """Fail any attempt to open a network connection."""

    def refuse(*args, **kwargs):
        raise AssertionError("Manga OCR tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture
def backend(model_folder, offline):
    return MangaOcrBackend(model_folder)


def _drawn_ka() -> Image.Image:
    image = Image.new("L", (64, 64), 255)
    draw = ImageDraw.Draw(image)
    draw.line([(10, 20), (54, 20), (48, 58)], fill=0, width=5)
    draw.line([(30, 6), (16, 60)], fill=0, width=5)
    return image


def test_reading_of_a_kanji_ranks_its_katakana_lookalike_first(backend):
    guesses = backend.rank(_drawn_ka(), KATAKANA)

    assert guesses[0].kana == "カ"
    assert guesses[0].probability > 0.5
    assert {guess.kana for guess in guesses} <= KATAKANA


def test_ranking_is_sorted_and_keeps_the_reading_s_probability(backend):
    guesses = backend.rank(_drawn_ka(), KATAKANA | HIRAGANA)

    probabilities = [guess.probability for guess in guesses]
    assert probabilities == sorted(probabilities, reverse=True)
    assert 0.9 < sum(probabilities) <= 1.0 + 1e-6
    assert [guess.kana for guess in guesses[:2]] == ["カ", "か"]


def test_empty_allowed_means_every_class(backend):
    guesses = backend.rank(_drawn_ka(), frozenset())

    assert guesses[0].kana == "カ"
    assert {guess.kana for guess in guesses} <= backend.classes


def test_recognize_uses_the_backend_chosen_by_the_environment(
    model_folder, offline, monkeypatch
):
    monkeypatch.setenv("KANA_RECOGNIZER", "manga-ocr")
    monkeypatch.setenv("KANA_MANGA_OCR_DIR", str(model_folder))
    monkeypatch.setattr(service, "_backend", None)

    result = recognize(_drawn_ka(), KATAKANA)

    assert service.get_backend().name == "manga-ocr"
    assert result.is_kana
    assert result.guesses[0].kana == "カ"


def test_same_reading_maps_to_hiragana_when_only_hiragana_is_allowed(backend):
    assert backend.rank(_drawn_ka(), HIRAGANA)[0].kana == "か"


def test_reading_that_maps_to_no_allowed_kana_gives_no_guess(backend):
    guesses = backend.rank(_drawn_ka(), frozenset({"ん"}))

    assert sum(guess.probability for guess in guesses) < 0.01


def test_text_comes_from_manga_ocr_itself(backend):
    assert backend.read_text(_drawn_ka()).startswith(READ_AS)


def test_backend_describes_itself(backend):
    assert backend.name == "manga-ocr"
    assert {"カ", "か", "ロ", "ー", "ヘ", "へ", "リ", "り"} <= backend.classes
    assert backend.classes <= KATAKANA | HIRAGANA


def test_weights_are_loaded_once_per_process(model_folder, offline):
    first = MangaOcrBackend(model_folder)
    second = MangaOcrBackend(model_folder / ".." / model_folder.name)

    assert first._reader is second._reader


def test_missing_folder_names_the_folder(tmp_path):
    folder = tmp_path / "no-weights-here"

    with pytest.raises(FileNotFoundError, match="no-weights-here"):
        MangaOcrBackend(folder)


def test_incomplete_folder_names_what_is_missing(model_folder, tmp_path):
    partial = tmp_path / "partial"
    partial.mkdir()
    (partial / "config.json").write_bytes((model_folder / "config.json").read_bytes())

    with pytest.raises(FileNotFoundError, match="preprocessor_config.json") as error:
        check_weights(partial)
    assert "model.safetensors" in str(error.value)
    assert str(partial) in str(error.value)


def test_evaluate_command_runs_on_manga_ocr(model_folder, offline, monkeypatch, capsys):
    folder = model_folder.parent / "drawn"
    folder.mkdir()
    _drawn_ka().save(folder / "ka.png")
    _drawn_ka().save(folder / "ro.png")
    (folder / "labels.csv").write_text("file,char\nka.png,カ\nro.png,ロ\n")
    monkeypatch.setenv("KANA_RECOGNIZER", "cnn")
    monkeypatch.setenv("KANA_MANGA_OCR_DIR", str(model_folder))
    monkeypatch.setattr(service, "_backend", None)

    assert evaluate.main([str(folder), "--backend", "manga-ocr"]) == 0

    out = capsys.readouterr().out
    assert "ロ -> カ: 1" in out
    assert out.splitlines()[-1].startswith("top1=0.5000 n=2 ")
