"""Shared helpers for the CLI tests: run the real vitrine binary (through the
cross-compilation emulator when there is one) and read its results."""
import json
import os
import shlex
import subprocess
import sys

SKIP = 77  # CTest SKIP_RETURN_CODE


class Vitrine:
    def __init__(self, argv):
        """argv: [script, VITRINE_PATH, EMULATOR_OR_EMPTY, ...rest]"""
        self.binary = argv[1]
        self.emulator = shlex.split(argv[2]) if len(argv) > 2 and argv[2] else []
        self.rest = argv[3:]
        self.failures = 0
        self.checks = 0

    def run(self, *args, timeout=120, env=None):
        full_env = dict(os.environ)
        full_env.update(env or {})
        p = subprocess.run(self.emulator + [self.binary] + list(args), capture_output=True,
                           timeout=timeout, env=full_env)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")

    def dump(self, data_dir, now):
        rc, out, err = self.run("--dump-stats", "--data", data_dir, "--now", now)
        if rc != 0:
            raise AssertionError("dump-stats %s %s: exit %d: %s" % (data_dir, now, rc, err))
        return json.loads(out), err

    def check(self, cond, what):
        self.checks += 1
        if not cond:
            self.failures += 1
            print("FAIL:", what, file=sys.stderr)

    def report(self):
        print("%d passed, %d failed" % (self.checks - self.failures, self.failures))
        sys.exit(1 if self.failures else 0)
