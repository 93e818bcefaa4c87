# One image for every role: api, worker, beat (compose.yaml picks the command).
# The same configuration as the tests: STUDIO_* environment variables only.
FROM python:3.11-slim-bookworm

# ffmpeg renders; the fonts draw CJK and emoji; espeak-ng is the offline voice-over
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      ffmpeg fonts-noto-cjk fonts-noto-color-emoji fonts-dejavu-core espeak-ng \
 && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 studio
WORKDIR /app
COPY . /app
# editable: built-in templates, plugins and samples are read from /app
RUN pip install --no-cache-dir -e . flower && rm -rf /app/.venv /app/.studio

USER studio
ENV STUDIO_HOME=/data \
    STUDIO_MEDIA_ROOT=/data/media \
    PYTHONUNBUFFERED=1
VOLUME /data
EXPOSE 8000

CMD ["studio", "serve", "--host", "0.0.0.0", "--no-worker"]
