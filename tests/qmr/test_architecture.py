"""Apps depend one way (qmr <- registrations <- assessment <- verification; appeals on top),
and docker-compose.yml describes the production shape."""

import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_imports_point_one_way():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_compose_file_has_the_production_services_with_health_checks():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) >= {"web", "worker", "beat", "postgres", "redis"}
    assert "gunicorn" in " ".join(services["web"]["command"])
    assert "worker" in services["worker"]["command"]
    assert "beat" in services["beat"]["command"]
    for name in ("web", "postgres", "redis", "worker"):
        assert "test" in services[name]["healthcheck"], name
    web_env = services["web"]["environment"]
    for key in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS"):
        assert key in web_env
    assert services["web"]["depends_on"]["postgres"]["condition"] == "service_healthy"
