import numpy as np
import pytest

from benchmarks import zinnia_peer


def test_strokes_are_fitted_into_the_square_keeping_proportions():
    strokes = [
        np.array([[1000.0, 500.0], [1200.0, 500.0]]),
        np.array([[1100.0, 400.0], [1100.0, 600.0]]),
    ]

    fitted = zinnia_peer._fit_to_canvas(strokes)

    points = np.concatenate(fitted)
    assert points.min() >= 0 and points.max() <= zinnia_peer.CANVAS
    width, height = points.max(axis=0) - points.min(axis=0)
    assert width == height
    assert fitted[0][0].dtype.kind == "i"


def test_missing_zinnia_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(zinnia_peer.ctypes.util, "find_library", lambda name: None)

    with pytest.raises(zinnia_peer.ZinniaMissing, match="apt-get install zinnia-utils"):
        zinnia_peer.ZinniaRecognizer()
