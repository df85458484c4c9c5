"""Speed, memory and accuracy figures, printed by `python -m benchmarks`."""
