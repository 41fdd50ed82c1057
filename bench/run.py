"""Run every benchmark (bench/bench_*.py), print the figures and write var/bench.json.

`run.py reminders import` runs only the modules whose names contain those words. Each module
defines `run() -> list[dict]` with name, value, unit and, where an issue names
one, goal. Benchmarks use a fresh SQLite file under var/ with the demo centre loaded, and
DEBUG off, as production runs.
"""

import importlib
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qmr.settings")
os.environ.setdefault("SQLITE_PATH", str(ROOT / "var" / "bench.sqlite3"))
os.environ.setdefault("DEBUG", "false")


def main() -> None:
    import django
    from django.core.management import call_command

    Path(os.environ["SQLITE_PATH"]).unlink(missing_ok=True)  # a fresh database each run
    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    with open(os.devnull, "w") as quiet:
        call_command("load_demo", stdout=quiet)
    figures = []
    wanted = sys.argv[1:]
    for path in sorted((ROOT / "bench").glob("bench_*.py")):
        if wanted and not any(word in path.stem for word in wanted):
            continue
        module = importlib.import_module(f"bench.{path.stem}")
        figures += module.run()
    for f in figures:
        goal = f" (goal {f['goal']})" if "goal" in f else ""
        print(f"{f['name']:45} {f['value']:>10.3f} {f['unit']}{goal}")
    out = ROOT / "var" / "bench.json"
    if wanted and out.exists():  # a partial run updates its own figures and keeps the rest
        fresh = {f["name"] for f in figures}
        figures = [f for f in json.loads(out.read_text()) if f["name"] not in fresh] + figures
    out.write_text(json.dumps(figures, indent=2))
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
