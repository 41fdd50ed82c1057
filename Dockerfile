# Production image: the same code for web, worker and beat (see docker-compose.yml).
FROM python:3.12-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN apt-get update && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu curl \
      postgresql-client \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml ./
COPY . .
RUN pip install --no-cache-dir .
RUN useradd --create-home qmr && mkdir -p /app/var && chown -R qmr /app/var
USER qmr
EXPOSE 8000
CMD ["gunicorn", "qmr.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
