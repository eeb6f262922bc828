# One image for every Cloud Run service of Wild Workouts: FUNCTION_TARGET picks the entry point
# in functions/main.py (api, outbox_sweeper, one per push consumer, or monolith).
#
# Runtime dependencies only (requirements.txt, pinned); dev and test tools, tests/, ops/ and
# infra/ stay out (see .dockerignore). Served by functions-framework's production server
# (gunicorn, one worker, THREADS threads), on $PORT as Cloud Run sets it.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app/functions \
    PORT=8080 \
    FUNCTION_TARGET=api \
    WORKERS=1 \
    THREADS=8

WORKDIR /app

# Bytecode is compiled at build time (pip compiles the dependencies, compileall the functions):
# with PYTHONDONTWRITEBYTECODE and a read-only, non-root app folder, a module without its .pyc
# would be compiled from source on every cold start.
COPY requirements.txt ./
RUN pip install -r requirements.txt

RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app

COPY --chown=root:root functions/ ./functions/
RUN python -m compileall -q /app/functions

USER 10001:10001

EXPOSE 8080

# Shell form through `sh -c` so $FUNCTION_TARGET and $PORT are read when the container starts;
# exec hands PID 1 to the server so Cloud Run's SIGTERM reaches gunicorn.
CMD ["sh", "-c", "exec functions-framework --source=/app/functions/main.py --target=\"${FUNCTION_TARGET}\" --host=0.0.0.0 --port=\"${PORT}\""]
