"""Train the kana CNN and export it: ``python -m training.train`` (``make train``).

Synthesizes the training set (see training.dataset), trains KanaNet with a
fixed seed, exports ONNX plus labels.json into kana_app/recognition/models/,
then measures it on the held-out sets and writes the model card.
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

from kana_app.config import MODEL_DIR
from kana_app.recognition.preprocess import INPUT_SIZE
from training.dataset import REJECT, build, plan_labels, shape_classes
from training.fonts import HELD_OUT_FONTS, TRAINING_FONTS, check_fonts
from training.model import KanaNet

logger = logging.getLogger(__name__)

SEED = 20260714
# ONNX opset 17 is well inside what onnxruntime 1.32 runs.
OPSET = 17
RUNS_DIR = Path(__file__).parent / "runs"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--per-class", type=int, default=900, help="samples per kana shape"
    )
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--reject-share", type=float, default=0.04)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    parser.add_argument("--no-card", action="store_true", help="skip held-out figures")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")

    check_fonts(TRAINING_FONTS + HELD_OUT_FONTS)
    torch.manual_seed(SEED)
    torch.set_num_threads(args.threads)
    started = time.perf_counter()
    classes = shape_classes()

    labels = plan_labels(args.per_class, args.reject_share, SEED)
    logger.info("Synthesizing %d samples for %d classes", len(labels), len(classes))
    images = build(labels, SEED, workers=args.workers)
    synth_minutes = (time.perf_counter() - started) / 60
    logger.info("Synthesized in %.1f min", synth_minutes)

    # A validation slice from the same generator watches for under-fitting only;
    # generalisation is judged on the held-out sets, which it never draws.
    val_labels = plan_labels(max(4, args.per_class // 20), args.reject_share, SEED + 1)
    val_images = build(val_labels, SEED + 1, workers=args.workers)

    model = KanaNet(len(classes))
    history = _fit(model, images, labels, val_images, val_labels, args.epochs)
    args.out.mkdir(parents=True, exist_ok=True)
    _export(model, classes, args.out)
    minutes = (time.perf_counter() - started) / 60
    logger.info("Trained and exported in %.1f min", minutes)

    summary = {
        "samples": int(len(labels)),
        "per_class": args.per_class,
        "epochs": args.epochs,
        "minutes": round(minutes, 1),
        "synth_minutes": round(synth_minutes, 1),
        "validation_top1": history[-1]["val_top1"],
        "history": history,
        "seed": SEED,
    }
    RUNS_DIR.mkdir(exist_ok=True)
    (RUNS_DIR / "summary.json").write_text(
        json.dumps(summary, indent=2), encoding="utf-8"
    )
    if not args.no_card:
        from training.model_card import write_model_card

        write_model_card(args.out, summary)


def _fit(
    model: nn.Module,
    images: np.ndarray,
    labels: np.ndarray,
    val_images: np.ndarray,
    val_labels: np.ndarray,
    epochs: int,
    batch_size: int = 128,
) -> list[dict[str, float]]:
    x = torch.from_numpy(images).unsqueeze(1)
    y = torch.from_numpy(labels.astype(np.int64))
    steps = epochs * -(-len(x) // batch_size)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=1e-4)
    schedule = torch.optim.lr_scheduler.OneCycleLR(
        optimizer, max_lr=3e-3, total_steps=steps, pct_start=0.15
    )
    loss_fn = nn.CrossEntropyLoss(label_smoothing=0.05)
    generator = torch.Generator().manual_seed(SEED)
    history = []

    for epoch in range(epochs):
        model.train()
        order = torch.randperm(len(x), generator=generator)
        total, correct, loss_sum = 0, 0, 0.0
        for start in range(0, len(x), batch_size):
            index = order[start : start + batch_size]
            batch = _jitter(x[index].float() / 255.0, generator)
            logits = model(batch)
            loss = loss_fn(logits, y[index])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            schedule.step()
            loss_sum += float(loss.detach()) * len(index)
            correct += int((logits.argmax(1) == y[index]).sum())
            total += len(index)
        val_top1 = _accuracy(model, val_images, val_labels)
        history.append(
            {
                "epoch": epoch + 1,
                "loss": round(loss_sum / total, 4),
                "train_top1": round(correct / total, 4),
                "val_top1": round(val_top1, 4),
            }
        )
        logger.info("epoch %s", history[-1])
    return history


def _jitter(batch: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
    """Shift the whole batch by up to one pixel, so off-by-one crops do not matter."""
    dy, dx = torch.randint(-1, 2, (2,), generator=generator).tolist()
    return torch.roll(batch, shifts=(dy, dx), dims=(2, 3))


@torch.no_grad()
def _accuracy(model: nn.Module, images: np.ndarray, labels: np.ndarray) -> float:
    model.eval()
    x = torch.from_numpy(images).unsqueeze(1).float() / 255.0
    predictions = torch.cat(
        [model(x[i : i + 1024]).argmax(1) for i in range(0, len(x), 1024)]
    )
    return float((predictions.numpy() == labels).mean())


def _export(model: nn.Module, classes: list[str], out: Path) -> None:
    model.eval()
    dummy = torch.zeros(1, 1, INPUT_SIZE, INPUT_SIZE)
    path = out / "kana_cnn.onnx"
    torch.onnx.export(
        model,
        (dummy,),
        str(path),
        input_names=["ink"],
        output_names=["logits"],
        opset_version=OPSET,
        dynamic_axes={"ink": {0: "batch"}, "logits": {0: "batch"}},
        dynamo=False,
    )
    labels = {"classes": classes, "reject": REJECT, "input_size": INPUT_SIZE}
    (out / "labels.json").write_text(
        json.dumps(labels, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    logger.info("Wrote %s (%.2f MB)", path, path.stat().st_size / 1e6)


if __name__ == "__main__":
    main()
