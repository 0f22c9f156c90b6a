/* schedule: when the screen is on. Opening hours per weekday (local time),
 * the "screen off by schedule" / "screen on by schedule" transitions, a
 * temporary wake-up when someone presses a key outside opening hours, and the
 * small periodic shift of the whole picture against burn-in. Pure logic on
 * local times and monotonic milliseconds: no SDL, tested with a fake clock. */
#ifndef VITRINE_SCHEDULE_H
#define VITRINE_SCHEDULE_H

#include <stdbool.h>
#include <stdint.h>

#define SCHEDULE_DAYS 7
#define SCHEDULE_MAX_RANGES 4 /* opening ranges per day */
#define SCHEDULE_MINUTES_PER_DAY 1440
#define SCHEDULE_DEFAULT_SHIFT_PX 4
#define SCHEDULE_DEFAULT_SHIFT_PERIOD_MS (5 * 60 * 1000)
#define SCHEDULE_DEFAULT_WAKE_MS (5 * 60 * 1000)
#define SCHEDULE_NO_DEADLINE INT64_MAX

/* [start, end) in minutes since local midnight; end <= 1440. */
typedef struct {
    int start_min;
    int end_min;
} schedule_range;

typedef struct {
    bool enabled;                                              /* false: always on */
    schedule_range ranges[SCHEDULE_DAYS][SCHEDULE_MAX_RANGES]; /* 0 = Monday */
    int n_ranges[SCHEDULE_DAYS];
    int shift_px;            /* burn-in: largest offset in pixels; 0 = none */
    int64_t shift_period_ms; /* time between two offsets */
    int64_t wake_ms;         /* a key outside opening hours: on for this long */
} schedule_config;

/* A local time: weekday 0 = Monday .. 6 = Sunday. */
typedef struct {
    int weekday;
    int minute; /* 0..1439 */
    int second; /* 0..59 (60 on a leap second) */
} schedule_time;

typedef enum { SCHEDULE_SAME, SCHEDULE_TURN_OFF, SCHEDULE_TURN_ON } schedule_change;

typedef struct schedule schedule;

void schedule_config_defaults(schedule_config *cfg);
/* Local time of a unix time (localtime_r, honours TZ). */
void schedule_local_time(int64_t wall_s, schedule_time *out);
bool schedule_is_open(const schedule_config *cfg, const schedule_time *t);
/* Seconds until schedule_is_open changes, or SCHEDULE_NO_DEADLINE. */
int64_t schedule_seconds_to_change(const schedule_config *cfg, const schedule_time *t);

schedule *schedule_new(const schedule_config *cfg); /* NULL on allocation failure */
void schedule_free(schedule *s);                    /* accepts NULL */
void schedule_configure(schedule *s, const schedule_config *cfg);
/* Compares the wanted state with the screen's; the first call reports
 * TURN_OFF when starting outside opening hours, SAME otherwise. */
schedule_change schedule_step(schedule *s, const schedule_time *t, int64_t now_ms);
bool schedule_screen_on(const schedule *s);
/* A key was pressed: when the screen is off, keeps it on for wake_ms.
 * True when this woke the screen (the key should do nothing else). */
bool schedule_wake(schedule *s, int64_t now_ms);
/* Milliseconds until schedule_step or the shift may change something. */
int64_t schedule_wait_ms(const schedule *s, const schedule_time *t, int64_t now_ms);
/* Burn-in offset at now_ms; |dx|, |dy| <= shift_px. */
void schedule_shift(const schedule *s, int64_t now_ms, int *dx, int *dy);

#endif
