from benchmarks import recognizer


def test_memory_probe_measures_a_fresh_process_with_the_recognizer():
    figures = recognizer._probe(recognizer._CNN_PROBE)

    assert set(figures) == {"import_s", "load_s", "warm_s", "rss_kb", "peak_kb"}
    assert figures["peak_kb"] >= figures["rss_kb"] > 0


def test_figures_table_shows_targets_and_says_n_a_without_the_peer(capsys):
    probe = {"import_s": 0.5, "load_s": 0.1, "warm_s": 0.01, "rss_kb": 1, "peak_kb": 1}

    recognizer._print_figures([0.4, 0.5, 0.6], probe, None)

    out = capsys.readouterr().out
    assert "<= 1" in out and "<= 2" in out and "<= 150" in out
    median_row = next(line for line in out.splitlines() if line.startswith("median"))
    assert median_row.split()[-4:] == ["0.50", "n/a", "<=", "1"]
