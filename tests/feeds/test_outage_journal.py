#!/usr/bin/env python3
"""An outage in the journal: a few lines, not one per retry.

Runs the real kiosk (SDL's offscreen driver, tests/kiosk/kioskrun.py) with
the startups feed on the local feed server (feedserver.py, 127.0.0.1), a
retry every second or less (retry_min_s = retry_max_s = 1) and the outage
summary every SUMMARY_S seconds (VITRINE_OUTAGE_SUMMARY_S, a developer
setting: the feeds thread does not follow the kiosk's test clock). After a
good fetch the server answers HTTP 500 for many retries, then HTTP 404 for
a few, then the feed again. Of the many attempts, the journal's info and
warn lines about startups must be: the start of the outage, one line for
the change of cause, summaries at most every SUMMARY_S seconds (at least
one over the outage), and its end with its duration; every other attempt
is a debug line.

usage: test_outage_journal.py VITRINE EMULATOR FIXTURES KIOSK_TESTS_DIR
Exit 0 pass, 1 fail, 77 skipped."""
import json
import os
import re
import signal
import sys
import time

from feedserver import FeedServer

SUMMARY_S = 4  # the summary interval asked for
ATTEMPTS_500 = 12  # failed attempts with the first cause
ATTEMPTS_404 = 4  # then with the second
WAIT_S = 90.0  # bound on any wait (a sanitizer build, qemu); never reached when it works
POLL_S = 0.02
# The journal's seconds are whole: two summaries may be a second closer in
# real time than the interval.
SPACING_SLACK_S = 1.2
LINE = re.compile(r"^(debug|info|warn|error) feeds: \[startups\] (.*)$")


def attempts_seen(kiosk, since):
    """Failed attempts logged since the mark (one line each, any level)."""
    return sum(1 for line in kiosk.log()[since:]
               if LINE.match(line) and "keeping the last good copy" in line)


class Clocked:
    """The arrival time of each kiosk log line, polled."""

    def __init__(self, kiosk):
        self.kiosk, self.times = kiosk, []

    def poll(self):
        n = self.kiosk.mark()
        self.times.extend([time.monotonic()] * (n - len(self.times)))
        return n

    def until(self, what, pred):
        end = time.monotonic() + WAIT_S
        while time.monotonic() < end:
            self.poll()
            if pred():
                return
            if self.kiosk.proc.poll() is not None:
                raise self.failure("vitrine exited while waiting for %s" % what)
            time.sleep(POLL_S)
        raise self.failure("not seen within %.0f s: %s" % (WAIT_S, what))

    def failure(self, what):
        from kioskrun import Failure
        return Failure(what)


def scenario(binary, emulator, fixtures, tmp):
    from kioskrun import Failure, Kiosk, check
    config = os.path.join(tmp, "vitrine.json")
    with FeedServer(fixtures) as srv:
        feeds = {f: {"url": ""} for f in ("authors", "incubators", "defis", "personnes")}
        feeds["startups"] = {"url": srv.url("startups"), "retry_min_s": 1, "retry_max_s": 1,
                             "connect_timeout_s": 5, "timeout_s": 20}
        with open(config, "w") as f:
            json.dump({"cache_dir": os.path.join(tmp, "cache"), "status_file": "",
                       "feeds": feeds,
                       "kiosk": {"slide_duration_s": 30, "transition": "none"}}, f)
        os.environ["VITRINE_OUTAGE_SUMMARY_S"] = str(SUMMARY_S)  # kiosk_env copies os.environ
        kiosk = Kiosk(binary, emulator, tmp, ["--config", config, "--verbose"], echo=False)
        clock = Clocked(kiosk)
        try:
            kiosk.wait_for(r"feeds: \[startups\] new data", timeout=WAIT_S)
            start = clock.poll()
            srv.modes["startups"] = "500"
            kiosk.proc.send_signal(signal.SIGUSR1)
            clock.until("%d failed attempts" % ATTEMPTS_500,
                        lambda: attempts_seen(kiosk, start) >= ATTEMPTS_500)
            srv.modes["startups"] = "404"
            changed = clock.poll()
            clock.until("%d more failed attempts" % ATTEMPTS_404,
                        lambda: attempts_seen(kiosk, changed) >= ATTEMPTS_404)
            srv.modes["startups"] = "etag"
            clock.until("the end of the outage",
                        lambda: kiosk.find(r"\[startups\] refreshed again", start))
            end = clock.poll()
            lines = kiosk.log()
            said = [(clock.times[i], m.group(2)) for i in range(start, end)
                    for m in [LINE.match(lines[i])] if m and m.group(1) != "debug"]
            outage = [(t, text) for t, text in said if not text.startswith("new data")]
            texts = [text for _, text in outage]
            attempts = attempts_seen(kiosk, start)
            starts = [x for x in texts if x.startswith("HTTP 500; keeping the last good copy")]
            causes = [x for x in texts if "a new cause" in x]
            summaries = [(t, x) for t, x in outage if x.startswith("still failing since")]
            ends = [x for x in texts if re.match(
                r"refreshed again after \d+ failure\(s\) in \d+ (s|min)$", x)]
            check(attempts >= ATTEMPTS_500 + ATTEMPTS_404,
                  "%d failed attempts logged, expected at least %d" % (
                      attempts, ATTEMPTS_500 + ATTEMPTS_404))
            check(len(starts) == 1, "one line for the start, got %r" % texts)
            check(len(causes) == 1 and causes[0].startswith("HTTP 404 (a new cause; failing "
                                                            "since "),
                  "one line for the change of cause, got %r" % texts)
            check(len(ends) == 1, "one line for the end with its duration, got %r" % texts)
            check(summaries, "no summary over an outage of %.0f s (interval %d s): %r" % (
                outage[-1][0] - outage[0][0], SUMMARY_S, texts))
            check(all("attempts, last: HTTP" in x for _, x in summaries),
                  "a summary names its attempts and last cause: %r" % summaries)
            times = [outage[0][0]] + [t for t, _ in summaries]
            gaps = [b - a for a, b in zip(times, times[1:])]
            check(all(g >= SUMMARY_S - SPACING_SLACK_S for g in gaps),
                  "summaries closer than %d s: gaps %r" % (SUMMARY_S, gaps))
            check(len(texts) == len(starts) + len(causes) + len(summaries) + len(ends),
                  "other info lines during the outage: %r" % texts)
            rc, _ = kiosk.exit_time(signal.SIGTERM, timeout=WAIT_S)
            check(rc == 0, "SIGTERM: exit status %r" % rc)
        except Failure as e:
            raise Failure("%s\n  %s" % (e, "\n  ".join(
                line for line in kiosk.log() if "[startups]" in line)))
        finally:
            kiosk.close()
    return ("ok: %d failed attempts, %d journal lines (start, a new cause, %d summaries, end)"
            % (attempts, len(texts), len(summaries)))


def main():
    binary, emulator, fixtures, kiosk_tests = sys.argv[1:5]
    sys.path.insert(0, kiosk_tests)
    from kioskrun import run_in_tmp
    return run_in_tmp("vitrine-outage-",
                      lambda tmp: scenario(binary, emulator, fixtures, tmp))


if __name__ == "__main__":
    sys.exit(main())
