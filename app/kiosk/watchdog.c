/* watchdog: sd_notify wrapper. VITRINE_HAVE_SYSTEMD is defined by the build
 * when libsystemd is found (an optional dependency). */
#include "watchdog.h"

#include <stdlib.h>

#include "vitrine/log.h"
#include "vitrine/vclock.h"

#ifdef VITRINE_HAVE_SYSTEMD
#include <systemd/sd-daemon.h>
#endif

struct watchdog {
    int64_t period_ms; /* 0: disabled */
    int64_t last_ping_ms;
};

static void notify(const char *state)
{
#ifdef VITRINE_HAVE_SYSTEMD
    sd_notify(0, state);
#else
    (void)state;
#endif
}

watchdog *watchdog_new(void)
{
    watchdog *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
#ifdef VITRINE_HAVE_SYSTEMD
    uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
        w->period_ms = (int64_t)(usec / VCLOCK_US_PER_MS / WATCHDOG_PINGS_PER_INTERVAL);
        if (w->period_ms < 1)
            w->period_ms = 1;
        log_info("watchdog", "systemd watchdog every %lld ms, pinged after each frame",
                 (long long)(usec / VCLOCK_US_PER_MS));
    }
#endif
    return w;
}

void watchdog_free(watchdog *w)
{
    free(w);
}

void watchdog_ready(watchdog *w)
{
    (void)w;
    notify("READY=1");
}

void watchdog_reloading(watchdog *w, bool done)
{
    (void)w;
    notify(done ? "READY=1" : "RELOADING=1");
}

void watchdog_stopping(watchdog *w)
{
    (void)w;
    notify("STOPPING=1");
}

int64_t watchdog_wait_ms(const watchdog *w, int64_t now_ms)
{
    if (!w->period_ms)
        return WATCHDOG_NO_DEADLINE;
    int64_t due = w->last_ping_ms + w->period_ms;
    return due > now_ms ? due - now_ms : 0;
}

void watchdog_frame(watchdog *w, int64_t now_ms)
{
    if (!w->period_ms || now_ms < w->last_ping_ms + w->period_ms)
        return;
    w->last_ping_ms = now_ms;
    notify("WATCHDOG=1");
}
