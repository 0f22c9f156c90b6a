/* vclock: the kiosk's time source. Monotonic time is whole milliseconds in a
 * 64-bit integer (no float seconds: exact after years of uptime, overflows
 * after 292 million years); wall-clock seconds feed the display schedule.
 * A fake clock can be injected so the playlist and the schedule are tested
 * through weeks of simulated time in a few milliseconds. A scaled clock is
 * the system clock running N times faster (the soak test runs the real
 * kiosk loop through days of rotation in minutes); the loop converts its
 * waits back to real time with vclock_real_ms. */
#ifndef VITRINE_VCLOCK_H
#define VITRINE_VCLOCK_H

#include <stdint.h>

#define VCLOCK_MS_PER_S 1000 /* the units of time, named once for every module */
#define VCLOCK_NS_PER_MS 1000000
#define VCLOCK_US_PER_MS 1000

typedef struct vclock vclock;

/* CLOCK_MONOTONIC in milliseconds: what the system clock's vclock_mono_ms
 * reads, for code that waits on the system clock itself (condition
 * variables, the fetch thread). */
int64_t vclock_system_ms(void);
/* The same in microseconds (durations of a few milliseconds: a layout, the
 * display thread's busy stretches). */
int64_t vclock_system_us(void);

/* CLOCK_MONOTONIC and time(). NULL only on allocation failure. */
vclock *vclock_new_system(void);
/* A fake clock starting at mono_ms and wall_s (unix seconds); it moves only
 * through vclock_advance, and its wall clock moves with it. */
vclock *vclock_new_fake(int64_t mono_ms, int64_t wall_s);
/* The system clock running `scale` times faster from now on (monotonic and
 * wall time alike), 1 <= scale <= VCLOCK_SCALE_MAX; NULL otherwise or on
 * allocation failure. Scale 1 is the system clock. */
#define VCLOCK_SCALE_MAX 1000
vclock *vclock_new_scaled(int64_t scale);
/* The same, with its wall clock starting at wall0_s instead of the real
 * time (the soak test starts just before midnight to cross it), even at
 * scale 1. */
vclock *vclock_new_scaled_at(int64_t scale, int64_t wall0_s);
void vclock_free(vclock *c); /* accepts NULL */

int64_t vclock_mono_ms(const vclock *c);
int64_t vclock_wall_s(const vclock *c);
/* Moves a fake clock forward by ms (>= 0); no effect on the system clock. */
void vclock_advance(vclock *c, int64_t ms);
/* How long to really wait (sleep, event timeout) for ms (>= 0) of this
 * clock to pass, rounded up so a deadline is never woken early: ms itself
 * for the system and fake clocks, ms / scale for a scaled one. */
int64_t vclock_real_ms(const vclock *c, int64_t ms);

/* Real milliseconds since this process started (exec), from the start time
 * Linux records in /proc/self/stat (resolution 1/CLK_TCK s, 10 ms); -1 when
 * unknown. For the kiosk's "first frame after N ms" line. */
int64_t vclock_process_age_ms(void);

#endif
