/* vclock: the kiosk's time source. Monotonic time is whole milliseconds in a
 * 64-bit integer (no float seconds: exact after years of uptime, overflows
 * after 292 million years); wall-clock seconds feed the display schedule.
 * A fake clock can be injected so the playlist and the schedule are tested
 * through weeks of simulated time in a few milliseconds. */
#ifndef VITRINE_VCLOCK_H
#define VITRINE_VCLOCK_H

#include <stdint.h>

typedef struct vclock vclock;

/* CLOCK_MONOTONIC and time(). NULL only on allocation failure. */
vclock *vclock_new_system(void);
/* A fake clock starting at mono_ms and wall_s (unix seconds); it moves only
 * through vclock_advance, and its wall clock moves with it. */
vclock *vclock_new_fake(int64_t mono_ms, int64_t wall_s);
void vclock_free(vclock *c); /* accepts NULL */

int64_t vclock_mono_ms(const vclock *c);
int64_t vclock_wall_s(const vclock *c);
/* Moves a fake clock forward by ms (>= 0); no effect on the system clock. */
void vclock_advance(vclock *c, int64_t ms);

#endif
