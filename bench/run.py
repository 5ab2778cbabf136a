"""Runs every bench/bench_*.py script in turn; each prints its own figures (see the README)."""

import pathlib
import runpy

scripts = sorted(pathlib.Path(__file__).parent.glob("bench_*.py"))
if not scripts:
    print("Aucun benchmark pour le moment : ils arrivent avec le ticket « Performance ».")
for script in scripts:
    print(f"== {script.stem}")
    runpy.run_path(str(script), run_name="__main__")
