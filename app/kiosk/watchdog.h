/* watchdog: systemd notifications (READY, RELOADING, STOPPING, WATCHDOG)
 * when built with libsystemd; without it, or when the unit sets no
 * WatchdogSec, every call does nothing. The kiosk pings only after a frame
 * was really presented, and presents one at least every ping period, so a
 * renderer hung in the driver stops the pings and systemd restarts it. */
#ifndef VITRINE_WATCHDOG_H
#define VITRINE_WATCHDOG_H

#include <stdbool.h>
#include <stdint.h>

#define WATCHDOG_NO_DEADLINE INT64_MAX
#define WATCHDOG_PINGS_PER_INTERVAL 3

typedef struct watchdog watchdog;

watchdog *watchdog_new(void);    /* NULL on allocation failure */
void watchdog_free(watchdog *w); /* accepts NULL */
void watchdog_ready(watchdog *w);
void watchdog_reloading(watchdog *w, bool done);
void watchdog_stopping(watchdog *w);
/* Milliseconds until a frame must be presented to keep the pings going. */
int64_t watchdog_wait_ms(const watchdog *w, int64_t now_ms);
/* A frame was presented at now_ms: pings when a ping is due. */
void watchdog_frame(watchdog *w, int64_t now_ms);

#endif
