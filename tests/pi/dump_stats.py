#!/usr/bin/env python3
"""Runs the real vitrine executable (under qemu in a cross build) on the
hand-made fixtures and checks what a person gets: the figures worked out by
hand, or one error line naming the missing file.

Follows the convention of tests/CMakeLists.txt (vitrine_script_test): the
first two arguments are the executable and the emulator command line (empty
on a native build).

  dump_stats.py EXE EMULATOR figures DATA_DIR EXPECTED_JSON
      exit 0, the figures as expected
  dump_stats.py EXE EMULATOR missing DATA_DIR
      exit 2, one line naming the missing file
"""
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

AS_OF = "2024-12-31"
RUN_TIMEOUT_S = 120  # generous: qemu-user is 5 to 10 times slower than native
EXIT_BAD_INPUT = 2
FLOAT_TOLERANCE = 1e-9


# The command that starts vitrine: [emulator..., exe], set by main().
VITRINE_CMD = []


def vitrine(*args):
    cmd = VITRINE_CMD + list(args)
    return subprocess.run(cmd, capture_output=True, text=True, timeout=RUN_TIMEOUT_S)


def differences(got, want, path, exact_keys):
    """Lists where got differs from want. Extra keys are allowed in the
    top-level sections (the contract allows them), not inside a map of
    counts, where an extra key is a wrong figure."""
    if isinstance(want, dict):
        if not isinstance(got, dict):
            return [f"{path}: {got!r}, want an object"]
        out = []
        if exact_keys:
            out += [f"{path}.{k}: unexpected" for k in sorted(set(got) - set(want))]
        for k, v in want.items():
            if k not in got:
                out.append(f"{path}.{k}: missing")
            else:
                out += differences(got[k], v, f"{path}.{k}", path.count(".") >= 1)
        return out
    if isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            return [f"{path}: {got!r}, want {want!r}"]
        out = []
        for i, (g, w) in enumerate(zip(got, want)):
            out += differences(g, w, f"{path}[{i}]", True)
        return out
    if isinstance(want, float) or isinstance(got, float):
        ok = isinstance(got, (int, float)) and abs(got - want) <= FLOAT_TOLERANCE
    else:
        ok = got == want and type(got) is type(want)
    return [] if ok else [f"{path}: {got!r}, want {want!r}"]


def check_figures(data_dir, expected_path):
    with open(expected_path, encoding="utf-8") as f:
        want = json.load(f)
    r = vitrine("--dump-stats", "--data", data_dir, "--now", AS_OF)
    if r.returncode != 0:
        return [f"exit {r.returncode}, want 0; stderr: {r.stderr.strip()}"]
    try:
        got = json.loads(r.stdout)
    except json.JSONDecodeError as e:
        return [f"stdout is not JSON: {e}"]
    return differences(got, want, "$", False)


def check_missing_feed(data_dir):
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, "data")
        shutil.copytree(data_dir, copy)
        os.remove(os.path.join(copy, "betagouv", "authors.json"))
        r = vitrine("--dump-stats", "--data", copy, "--now", AS_OF)
    lines = r.stderr.strip().splitlines()
    out = []
    if r.returncode != EXIT_BAD_INPUT:
        out.append(f"exit {r.returncode}, want {EXIT_BAD_INPUT}")
    if len(lines) != 1 or "authors.json" not in lines[0]:
        out.append(f"stderr should be one line naming authors.json, got {r.stderr!r}")
    if r.stdout:
        out.append(f"stdout should be empty, got {r.stdout[:80]!r}")
    return out


def main(argv):
    if len(argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    exe, emulator, mode, args = argv[1], argv[2], argv[3], argv[4:]
    VITRINE_CMD[:] = shlex.split(emulator) + [exe]
    if mode == "figures" and len(args) == 2:
        problems = check_figures(*args)
    elif mode == "missing" and len(args) == 1:
        problems = check_missing_feed(*args)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    for p in problems:
        print(f"FAIL {p}", file=sys.stderr)
    print(f"{0 if problems else 1} passed, {1 if problems else 0} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
