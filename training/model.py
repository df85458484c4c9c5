"""The network: a small convolutional classifier sized for one CPU thread."""

from __future__ import annotations

import torch
from torch import nn


def _block(channels_in: int, channels_out: int) -> nn.Sequential:
    return nn.Sequential(
        nn.Conv2d(channels_in, channels_out, 3, padding=1, bias=False),
        nn.BatchNorm2d(channels_out),
        nn.ReLU(inplace=True),
    )


class KanaNet(nn.Module):
    """A strided stem and three 3x3 convolution stages, then two dense layers.

    About 6 million multiply-adds: a fraction of a millisecond on one core.
    """

    def __init__(self, num_classes: int, width: int = 16) -> None:
        super().__init__()
        w = width
        self.features = nn.Sequential(
            # A strided 5x5 stem: the 48-pixel grid keeps the detail of small
            # marks (dakuten) while the costly layers run at 24 pixels.
            nn.Conv2d(1, w, 5, stride=2, padding=2, bias=False),
            nn.BatchNorm2d(w),
            nn.ReLU(inplace=True),  # 24
            _block(w, 2 * w),
            nn.MaxPool2d(2),  # 12
            _block(2 * w, 4 * w),
            nn.MaxPool2d(2),  # 6
            _block(4 * w, 8 * w),
            nn.MaxPool2d(2),  # 3
        )
        self.classifier = nn.Sequential(
            nn.Flatten(),
            nn.Dropout(0.3),
            nn.Linear(8 * w * 9, 256),
            nn.ReLU(inplace=True),
            nn.Dropout(0.2),
            nn.Linear(256, num_classes),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(x))
