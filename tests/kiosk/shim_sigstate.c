/* A library preloaded into vitrine (LD_PRELOAD) by kiosk_early_signals.py.
 * The dynamic loader runs its constructor with the other libraries' ones
 * (after them: it is loaded before them and nothing depends on it), so
 * before the executable's own constructors (.init_array, run from
 * __libc_start_main) and main, and after the executable's .preinit_array,
 * which runs before every library's constructor. It writes which of the
 * kiosk's signals are blocked at that instant into the file named by
 * VITRINE_TEST_SIGSTATE, "SIGHUP 1 SIGINT 1 SIGTERM 1 SIGUSR1 1": a 1 here
 * means the executable blocked it in its .preinit_array, so before any
 * library's constructor ran; a 0, that a signal during those constructors
 * takes its default action. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#define SIGSTATE_ENV "VITRINE_TEST_SIGSTATE"

__attribute__((constructor)) static void record_blocked(void)
{
    const char *path = getenv(SIGSTATE_ENV);
    sigset_t now;
    if (!path || sigprocmask(SIG_BLOCK, NULL, &now) != 0)
        return;
    FILE *f = fopen(path, "w");
    if (!f)
        return;
    fprintf(f, "SIGHUP %d SIGINT %d SIGTERM %d SIGUSR1 %d\n", sigismember(&now, SIGHUP),
            sigismember(&now, SIGINT), sigismember(&now, SIGTERM), sigismember(&now, SIGUSR1));
    fclose(f);
}
