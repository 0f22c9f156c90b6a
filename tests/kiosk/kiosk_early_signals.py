#!/usr/bin/env python3
"""Signals in the first milliseconds of the kiosk's start-up are handled
like the later ones: never the signal's default action.

First, deterministically: vitrine started with shim_sigstate preloaded
(LD_PRELOAD), whose constructor runs with the shared libraries' ones, before
the executable's own constructors and main(), and writes which signals are
blocked at that instant: SIGTERM, SIGINT, SIGHUP and SIGUSR1 must all be.
Only the executable's .preinit_array, which runs before every library's
constructor, can have blocked them by then (blocked in main() only, as
before, the shim finds them all unblocked).

Then ROUNDS times for each of SIGTERM, SIGHUP and SIGUSR1: start the real
kiosk (SDL's offscreen driver), wait for the first instant its signals show
as blocked in /proc/PID/status (the .preinit_array, before any library's
constructor) and send the signal at once, or a few milliseconds later: the
signal lands in the libraries' constructors, the configuration read, SDL's
start, the start-up thread or the first frames. Then:
  SIGTERM: the process exits with status 0, not killed by the signal,
    within EXIT_WITHIN_S, through its own path (the log says "SIGTERM
    received", or the deadline's "exiting now");
  SIGHUP, SIGUSR1: the process is still running once the log shows the
    signal handled (kiosk settings reloaded; refresh requested), and a later
    SIGTERM ends it with status 0.

What no program can cover: a signal sent between the exec and the
.preinit_array reaches the dynamic loader while it maps and relocates the
~100 shared libraries SDL, curl and their dependencies need (a few
milliseconds; README "Signals"), and, in a sanitizer build, the
sanitizer's own start, whose .preinit_array entry comes first. Under an
emulator (qemu) the host process's signal state is the emulator's, and a
host library cannot be preloaded, so the test is skipped there.

usage: kiosk_early_signals.py VITRINE EMULATOR SHIM_SIGSTATE
Exit 0 pass, 1 fail, 77 skip."""
import os
import signal
import subprocess
import sys
import time

from kioskrun import SKIP, Failure, Kiosk, check, kiosk_env, run_in_tmp, write_config

ROUNDS = 12  # per signal: a few dozen starts in all
DELAYS_MS = (0, 0, 0, 0, 1, 2, 5, 10, 20, 50, 100, 200)  # after the signals are blocked
EXIT_WITHIN_S = 1.0
MAIN_WAIT_S = 30.0  # for the .preinit_array: the dynamic loader, a loaded machine
KIOSK_SIGNALS = ("SIGHUP", "SIGINT", "SIGTERM", "SIGUSR1")
HANDLED = {signal.SIGHUP: r"^info config: .*: kiosk settings reloaded$",
           signal.SIGUSR1: r"^info kiosk: refresh requested \(SIGUSR1\)$"}
HUP_BIT = 1 << (signal.SIGHUP - 1)


def blocked_before_constructors(binary, tmp, shim):
    """The signals blocked when shim_sigstate's constructor runs, before
    the executable's constructors and main(): "--version" is enough, the
    .preinit_array runs in every mode."""
    state = os.path.join(tmp, "sigstate")
    env = dict(kiosk_env(tmp), LD_PRELOAD=shim, VITRINE_TEST_SIGSTATE=state,
               # The shim comes before the sanitizer's runtime in the
               # library list, which it would otherwise refuse.
               ASAN_OPTIONS="detect_leaks=0:verify_asan_link_order=0")
    p = subprocess.run([binary, "--version"], env=env, capture_output=True, text=True, timeout=60)
    check(p.returncode == 0, "vitrine --version with the shim: exit %d: %s" % (p.returncode,
                                                                             p.stderr.strip()))
    check(os.path.exists(state), "the shim's constructor did not run (%s)" % p.stderr.strip())
    with open(state) as f:
        words = f.read().split()
    got = dict(zip(words[::2], words[1::2]))
    unblocked = [name for name in KIOSK_SIGNALS if got.get(name) != "1"]
    check(not unblocked, "not blocked by the .preinit_array: %s (the shim "
          "wrote %r)" % (", ".join(unblocked), " ".join(words)))


def signals_blocked(pid):
    """Waits (without sleeping: a signal sent late would not test the
    start) until process pid blocks SIGHUP: its .preinit_array ran."""
    end = time.monotonic() + MAIN_WAIT_S
    while time.monotonic() < end:
        try:
            with open("/proc/%d/status" % pid) as f:
                for line in f:
                    if line.startswith("SigBlk:"):
                        if int(line.split()[1], 16) & HUP_BIT:
                            return
                        break
        except OSError:
            raise Failure("vitrine ended before its signals were blocked")
    raise Failure("the signals were not blocked within %.0f s" % MAIN_WAIT_S)


def one_start(binary, tmp, config, sig, delay_ms, times):
    k = Kiosk(binary, "", tmp, ["--config", config, "--offline"], echo=False)
    what = "%s %d ms after the signals were blocked" % (sig.name, delay_ms)
    try:
        signals_blocked(k.proc.pid)
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
    if len(sys.argv) != 4:
        print(__doc__)
        return 2
    binary, emulator, shim = sys.argv[1:]
    if emulator.strip():
        print("SKIP: under an emulator /proc shows the emulator's signal state")
        return SKIP

    def body(tmp):
        config = os.path.join(tmp, "vitrine.json")
        write_config(config, os.path.join(tmp, "cache"))
        blocked_before_constructors(binary, tmp, shim)
        times = []
        for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGUSR1):
            for i in range(ROUNDS):
                one_start(binary, tmp, config, sig, DELAYS_MS[i % len(DELAYS_MS)], times)
        return ("%d passed, 0 failed: the signals blocked before any library's constructor; "
                "SIGTERM, SIGHUP and SIGUSR1 from that instant on (SIGTERM ended the kiosk in "
                "%.0f ms at most)" % (1 + 3 * ROUNDS, max(times) * 1e3))
    return run_in_tmp("vitrine-early-", body)


if __name__ == "__main__":
    sys.exit(main())
