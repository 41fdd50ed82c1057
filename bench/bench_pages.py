"""Home page and people list against a trivial view (/healthz/) through the same middleware,
timed in one run, interleaved so machine noise hits all three alike."""

import statistics
import time

from django.test import Client

from qmr.models import Centre, User

ROUNDS = 300


def _time(client: Client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, (url, response.status_code)
    return elapsed


def run() -> list[dict]:
    centre = Centre.objects.get(number="48213")
    client = Client(HTTP_HOST="localhost")
    client.force_login(User.objects.get(email="quality@brookfield.example"))
    urls = {"trivial": "/healthz/", "home": "/", "people_list": f"/centres/{centre.pk}/people/"}
    samples: dict[str, list[float]] = {k: [] for k in urls}
    for _ in range(20):  # warm up caches and connections
        for url in urls.values():
            _time(client, url)
    for _ in range(ROUNDS):
        for key, url in urls.items():
            samples[key].append(_time(client, url))
    median = {k: statistics.median(v) for k, v in samples.items()}
    figures = [{"name": "trivial_view.median_ms", "value": median["trivial"] * 1000, "unit": "ms"}]
    for key in ("home", "people_list"):
        figures += [
            {"name": f"{key}.median_ms", "value": median[key] * 1000, "unit": "ms"},
            {"name": f"{key}.ratio_to_trivial_view", "value": median[key] / median["trivial"],
             "unit": "x"},
        ]
    return figures
