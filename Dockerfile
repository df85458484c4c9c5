# The Kana web app: Streamlit on port 8501, recognizer model inside the image,
# nothing downloaded or written at run time (the root file system can be
# read-only). Build: docker build -t kana .
#
# BASE is pinned to one CPython patch release and Debian release; the image
# test swaps in a locally built stand-in of the same layout.
ARG BASE=python:3.11.13-slim-bookworm
FROM ${BASE}

# Optional: bake the Manga OCR backend in, e.g.
#   --build-arg MANGA_OCR_MODEL=kha-white/manga-ocr-base
# installs the manga-ocr extra (CPU torch) and downloads the weights now, at
# build time. Off by default: it adds more than 1 GB.
ARG MANGA_OCR_MODEL=""
ARG TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu
ARG RECOGNIZER=${MANGA_OCR_MODEL:+manga-ocr}

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PYTHONPATH=/app \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore \
    KANA_MANGA_OCR_DIR=/opt/manga-ocr

WORKDIR /app

# Dependencies first: this layer is rebuilt only when they change. The same
# step deletes what the app never runs, so it never reaches a layer: test
# suites, C headers and Cython sources, pyarrow's Flight RPC and S3 parts
# (network clients; pyarrow treats both as optional) and pydeck's Jupyter
# bundle. That is about 150 MB, and the image stays under 600 MB.
COPY requirements.txt setup.py ./
RUN set -eux; \
    pip install -r requirements.txt; \
    if [ -n "$MANGA_OCR_MODEL" ]; then \
        pip install --extra-index-url "$TORCH_INDEX_URL" ".[manga-ocr]"; \
        pip uninstall -y kana-app; \
        python -c "import sys; from huggingface_hub import snapshot_download; \
snapshot_download(repo_id=sys.argv[1], local_dir=sys.argv[2])" \
            "$MANGA_OCR_MODEL" "$KANA_MANGA_OCR_DIR"; \
    fi; \
    rm -rf /app/build /app/*.egg-info; \
    site="$(python -c 'import sysconfig; print(sysconfig.get_path("purelib"))')"; \
    find "$site" -depth -type d \( -name tests -o -name test \) -exec rm -rf {} +; \
    find "$site" -type f \( -name '*.pyx' -o -name '*.pxd' -o -name '*.pxi' \) -delete; \
    (cd "$site/pyarrow" && rm -rf include src _flight.*.so libarrow_flight.so* \
        libarrow_python_flight.so* _s3fs.*.so libarrow_s3.so*); \
    rm -rf "$site/pydeck/nbextension/static"; \
    python -c "import pyarrow, pyarrow.compute, pyarrow.fs, pandas, pydeck, streamlit"

# The stdlib ships without .pyc files and nothing can write them at run time
# on a read-only root, so compile them once here: start-up is faster.
RUN python -m compileall -q -j 0 \
        "$(python -c 'import sysconfig; print(sysconfig.get_path("stdlib"))')"

RUN useradd --uid 10001 --user-group --no-log-init --home-dir /home/kana \
        --create-home --shell /usr/sbin/nologin kana

COPY .streamlit/config.toml .streamlit/config.toml
COPY kana_app/ kana_app/
RUN python -m compileall -q kana_app

# Run time: nothing fetched, sent or written. Streamlit's welcome banner is
# hidden because printing it looks up the public IP (a request to
# checkip.amazonaws.com on every start) and its URLs are wrong in a container;
# onnxruntime 1.32 on Linux would otherwise store a device id and upload
# telemetry. Two malloc arenas instead of one per thread: Streamlit runs each
# click in a new thread, and per-thread arenas kept the freed memory of
# closed sessions (make bench: 4.4 MiB kept over 60 sessions, not 6.9).
ENV KANA_RECOGNIZER=${RECOGNIZER:-cnn} \
    ORT_DISABLE_TELEMETRY=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    HOME=/home/kana \
    STREAMLIT_SERVER_FILE_WATCHER_TYPE=none \
    STREAMLIT_CLIENT_SHOW_ERROR_DETAILS=none \
    STREAMLIT_LOGGER_HIDE_WELCOME_MESSAGE=true \
    MALLOC_ARENA_MAX=2

LABEL org.opencontainers.image.title="kana" \
      org.opencontainers.image.description="Learn, write and read the Japanese kana. Stroke data from KanjiVG (CC BY-SA 3.0, kanjivg.tagaini.net)."

USER kana
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"]
CMD ["streamlit", "run", "kana_app/server.py", \
     "--server.address=0.0.0.0", "--server.port=8501"]
