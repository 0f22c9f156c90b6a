#!/usr/bin/env python3
"""Signals in the first milliseconds of the kiosk's start-up are handled
like the later ones: never the signal's default action.

ROUNDS times for each of SIGTERM, SIGHUP and SIGUSR1: start the real kiosk
(SDL's offscreen driver), wait for the first thing its main() does that
shows from outside (SIGPIPE ignored, in /proc/PID/status: the signals are
blocked just before it) and send the signal at once, or a few milliseconds
later: the signal lands in the configuration read, SDL's start, the start-up
thread or the first frames. Then:
  SIGTERM: the process exits with status 0, not killed by the signal,
    within EXIT_WITHIN_S, through its own path (the log says "SIGTERM
    received", or the deadline's "exiting now");
  SIGHUP, SIGUSR1: the process is still running once the log shows the
    signal handled (kiosk settings reloaded; refresh requested), and a later
    SIGTERM ends it with status 0.

What no program can cover: a signal sent between the exec and the start of
main() reaches the dynamic loader (it maps the ~100 shared libraries SDL,
curl and their dependencies need: tens of milliseconds) before any code of
vitrine runs. This test sends from main's first instant on. Under an
emulator (qemu) the host process's signal state is the emulator's, so the
test is skipped there.

usage: kiosk_early_signals.py VITRINE EMULATOR
Exit 0 pass, 1 fail, 77 skip."""
import os
import signal
import subprocess
import sys
import time

from kioskrun import SKIP, Failure, Kiosk, check, run_in_tmp, write_config

ROUNDS = 12  # per signal: a few dozen starts in all
DELAYS_MS = (0, 0, 0, 0, 1, 2, 5, 10, 20, 50, 100, 200)  # after main's first instant
EXIT_WITHIN_S = 1.0
MAIN_WAIT_S = 30.0  # for main() to start: the dynamic loader, a loaded machine
HANDLED = {signal.SIGHUP: r"^info config: .*: kiosk settings reloaded$",
           signal.SIGUSR1: r"^info kiosk: refresh requested \(SIGUSR1\)$"}
PIPE_BIT = 1 << (signal.SIGPIPE - 1)


def main_started(pid):
    """Waits (without sleeping: a signal sent late would not test the
    start) until process pid ignores SIGPIPE."""
    end = time.monotonic() + MAIN_WAIT_S
    while time.monotonic() < end:
        try:
            with open("/proc/%d/status" % pid) as f:
                for line in f:
                    if line.startswith("SigIgn:"):
                        if int(line.split()[1], 16) & PIPE_BIT:
                            return
                        break
        except OSError:
            raise Failure("vitrine ended before its main() ran")
    raise Failure("main() did not start within %.0f s" % MAIN_WAIT_S)


def one_start(binary, tmp, config, sig, delay_ms, times):
    k = Kiosk(binary, "", tmp, ["--config", config, "--offline"], echo=False)
    what = "%s %d ms after main started" % (sig.name, delay_ms)
    try:
        main_started(k.proc.pid)
        if delay_ms:
            time.sleep(delay_ms / 1e3)
        if sig == signal.SIGTERM:
            t0 = time.monotonic()
            k.proc.send_signal(sig)
            try:
                rc = k.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                raise Failure("%s: still running 10 s later" % what)
            took = time.monotonic() - t0
            k.reader.join(timeout=5)
            times.append(took)
            check(rc == 0, "%s: exit status %r (negative: killed by the signal)" % (what, rc))
            check(took < EXIT_WITHIN_S, "%s: took %.2f s to end the kiosk" % (what, took))
            check(k.find(r"^info kiosk: SIGTERM received$") or k.find(r"exiting now$"),
                  "%s: exited without saying why" % what)
            return
        k.proc.send_signal(sig)
        k.wait_for(HANDLED[sig])
        check(k.proc.poll() is None, "%s: the kiosk ended" % what)
        rc, _ = k.exit_time(signal.SIGTERM)
        check(rc == 0, "%s, then SIGTERM: exit status %r" % (what, rc))
    except Failure as e:
        sys.stderr.write("".join("  | %s\n" % line for line in k.log()))
        raise Failure(str(e)) from None
    finally:
        k.close()


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    binary, emulator = sys.argv[1:]
    if emulator.strip():
        print("SKIP: under an emulator /proc shows the emulator's signal state")
        return SKIP

    def body(tmp):
        config = os.path.join(tmp, "vitrine.json")
        write_config(config, os.path.join(tmp, "cache"))
        times = []
        for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGUSR1):
            for i in range(ROUNDS):
                one_start(binary, tmp, config, sig, DELAYS_MS[i % len(DELAYS_MS)], times)
        return ("%d passed, 0 failed: SIGTERM, SIGHUP and SIGUSR1 from main's first instant "
                "(SIGTERM ended the kiosk in %.0f ms at most)" % (3 * ROUNDS, max(times) * 1e3))
    return run_in_tmp("vitrine-early-", body)


if __name__ == "__main__":
    sys.exit(main())
