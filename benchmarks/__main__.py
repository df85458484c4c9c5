"""Run every benchmark section: ``python -m benchmarks`` (``make bench``).

A section is any module of this package with a ``run()`` function; the known
ones run in ``ORDER``, any other after them in name order.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time
import traceback

import benchmarks

ORDER = ("recognizer", "strokes", "load")


def section_names() -> list[str]:
    """Return the section modules of this package, in the order they run."""
    found = [
        info.name
        for info in pkgutil.iter_modules(benchmarks.__path__)
        if not info.name.startswith("_")
    ]
    known = [name for name in ORDER if name in found]
    return known + sorted(name for name in found if name not in ORDER)


def main() -> int:
    failed = []
    for name in section_names():
        module = importlib.import_module(f"benchmarks.{name}")
        run = getattr(module, "run", None)
        if not callable(run):
            continue

        print(f"\n=== {name} ===", flush=True)
        started = time.perf_counter()
        try:
            run()
        except Exception:
            # One broken section must not hide the others' figures.
            traceback.print_exc()
            failed.append(name)
        print(f"({name}: {time.perf_counter() - started:.0f} s)", flush=True)

    if failed:
        print(f"\nSections that failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
