# One image for every Cloud Run service of Wild Workouts: FUNCTION_TARGET picks the entry point
# in functions/main.py (api, outbox_sweeper, one per push consumer, or monolith).
#
# Two stages. "web" builds the web app (web/, pinned by its lockfile) into static files; the final
# stage keeps only those files (web/dist, served by the API at /app/ and /docs) and the Python
# runtime: runtime dependencies only (requirements.txt: every package pinned with its hashes,
# installed with --require-hashes, wheels only); node, node_modules, dev and test
# tools, tests/, ops/ and infra/ stay out (see .dockerignore). Served by functions-framework's
# production server (gunicorn, one worker, THREADS threads), on $PORT as Cloud Run sets it, started
# through pipeline_kit/http/serve.py: functions-framework's CLI with gunicorn's request-line and
# header limits (its own CLI leaves the request line unlimited).

# Both base images are pinned by digest (the tag is kept for the reader): a tag moved to another
# build changes nothing here. To move on, look the new tag's digest up and change both.

# -- the web app ---------------------------------------------------------------------------------
FROM node:20.20.2-bookworm-slim@sha256:2cf067cfed83d5ea958367df9f966191a942351a2df77d6f0193e162b5febfc0 AS web

WORKDIR /src/web
# Dependencies first (a layer cached until the lockfile changes), then the sources.
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web/ ./
# The web's API types are checked against the OpenAPI document at its repository path.
COPY functions/wild_workouts/http/openapi.json /src/functions/wild_workouts/http/openapi.json
RUN npm run build

# -- the functions -------------------------------------------------------------------------------
FROM python:3.11-slim-bookworm@sha256:528257d48c1da0dcecc2e725d1ae34498d60c965f1241e39cd6a85a8859bdf84

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app/functions \
    PORT=8080 \
    FUNCTION_TARGET=api \
    WORKERS=1 \
    THREADS=8 \
    WEB_DIST_DIR=/app/web/dist

WORKDIR /app

# Bytecode is compiled at build time (pip compiles the dependencies, compileall the functions):
# with PYTHONDONTWRITEBYTECODE and a read-only, non-root app folder, a module without its .pyc
# would be compiled from source on every cold start.
COPY requirements.txt ./
RUN pip install --require-hashes --only-binary=:all: -r requirements.txt

RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app

COPY --chown=root:root functions/ ./functions/
RUN python -m compileall -q /app/functions

COPY --from=web --chown=root:root /src/web/dist/ ./web/dist/

USER 10001:10001

EXPOSE 8080

# Shell form through `sh -c` so $FUNCTION_TARGET and $PORT are read when the container starts;
# exec hands PID 1 to the server so Cloud Run's SIGTERM reaches gunicorn.
CMD ["sh", "-c", "exec python -m pipeline_kit.http.serve --source=/app/functions/main.py --target=\"${FUNCTION_TARGET}\" --host=0.0.0.0 --port=\"${PORT}\""]
