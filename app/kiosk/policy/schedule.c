/* schedule: opening hours, screen on/off transitions, wake on key and the
 * burn-in shift. The time to the next change is found among the range
 * boundaries of the next 8 days, which is exact across midnight and week
 * boundaries. */
#include "vitrine/schedule.h"

#include "vitrine/vclock.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SECONDS_PER_MINUTE 60
#define SCAN_DAYS 8 /* one full week plus the rest of today */

struct schedule {
    schedule_config cfg;
    bool started;
    bool on;
    int64_t woken_until_ms; /* 0: not woken by a key */
};

/* Burn-in offsets, in units of shift_px: centre, then around a square. */
static const int SHIFT_PATTERN[][2] = {{0, 0},  {1, 0},   {1, 1},  {0, 1}, {-1, 1},
                                       {-1, 0}, {-1, -1}, {0, -1}, {1, -1}};
#define SHIFT_STEPS ((int64_t)(sizeof SHIFT_PATTERN / sizeof *SHIFT_PATTERN))

void schedule_config_defaults(schedule_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->shift_px = SCHEDULE_DEFAULT_SHIFT_PX;
    cfg->shift_period_ms = SCHEDULE_DEFAULT_SHIFT_PERIOD_MS;
    cfg->wake_ms = SCHEDULE_DEFAULT_WAKE_MS;
}

void schedule_local_time(int64_t wall_s, schedule_time *out)
{
    time_t t = (time_t)wall_s;
    struct tm tm;
    if (!localtime_r(&t, &tm)) {
        *out = (schedule_time){0, 0, 0};
        return;
    }
    out->weekday = (tm.tm_wday + 6) % 7; /* tm: 0 = Sunday */
    out->minute = tm.tm_hour * 60 + tm.tm_min;
    out->second = tm.tm_sec;
}

static bool open_at(const schedule_config *cfg, int weekday, int minute)
{
    for (int i = 0; i < cfg->n_ranges[weekday]; i++)
        if (minute >= cfg->ranges[weekday][i].start_min && minute < cfg->ranges[weekday][i].end_min)
            return true;
    return false;
}

bool schedule_is_open(const schedule_config *cfg, const schedule_time *t)
{
    return !cfg->enabled || open_at(cfg, t->weekday, t->minute);
}

/* Minutes from t to the first candidate boundary (a range start or end, or
 * a midnight) where the open state differs from now; -1 when none. The state
 * is constant between candidates, so the first change is one of them. */
static int64_t minutes_to_change(const schedule_config *cfg, const schedule_time *t, bool now_open)
{
    int64_t best = -1;
    for (int k = 0; k <= SCAN_DAYS && best < 0; k++) {
        int day = (t->weekday + k) % SCHEDULE_DAYS;
        for (int i = -1; i < 2 * cfg->n_ranges[day]; i++) {
            const schedule_range *r = &cfg->ranges[day][i < 0 ? 0 : i / 2];
            int b = i < 0 ? 0 : (i % 2 ? r->end_min : r->start_min);
            int64_t x = (int64_t)k * SCHEDULE_MINUTES_PER_DAY + b - t->minute;
            if (x <= 0 || (best >= 0 && x >= best))
                continue;
            int bday = (t->weekday + k + b / SCHEDULE_MINUTES_PER_DAY) % SCHEDULE_DAYS;
            if (open_at(cfg, bday, b % SCHEDULE_MINUTES_PER_DAY) != now_open)
                best = x;
        }
    }
    return best;
}

int64_t schedule_seconds_to_change(const schedule_config *cfg, const schedule_time *t)
{
    if (!cfg->enabled)
        return SCHEDULE_NO_DEADLINE;
    int64_t m = minutes_to_change(cfg, t, open_at(cfg, t->weekday, t->minute));
    if (m < 0)
        return SCHEDULE_NO_DEADLINE; /* always open or always closed */
    int64_t s = m * SECONDS_PER_MINUTE - t->second;
    return s > 0 ? s : 0;
}

schedule *schedule_new(const schedule_config *cfg)
{
    schedule *s = calloc(1, sizeof *s);
    if (s)
        s->cfg = *cfg;
    return s;
}

void schedule_free(schedule *s)
{
    free(s);
}

void schedule_configure(schedule *s, const schedule_config *cfg)
{
    s->cfg = *cfg;
}

schedule_change schedule_step(schedule *s, const schedule_time *t, int64_t now_ms)
{
    bool want = schedule_is_open(&s->cfg, t) || now_ms < s->woken_until_ms;
    if (!s->started) {
        s->started = true;
        s->on = want;
        return want ? SCHEDULE_SAME : SCHEDULE_TURN_OFF;
    }
    if (want == s->on)
        return SCHEDULE_SAME;
    s->on = want;
    return want ? SCHEDULE_TURN_ON : SCHEDULE_TURN_OFF;
}

bool schedule_screen_on(const schedule *s)
{
    return !s->started || s->on;
}

bool schedule_wake(schedule *s, int64_t now_ms)
{
    if (s->cfg.wake_ms <= 0)
        return false;
    bool was_off = s->started && !s->on;
    if (was_off || now_ms < s->woken_until_ms) /* off, or already woken: (re)start */
        s->woken_until_ms = now_ms + s->cfg.wake_ms;
    return was_off;
}

static int64_t min64(int64_t a, int64_t b)
{
    return a < b ? a : b;
}

int64_t schedule_wait_ms(const schedule *s, const schedule_time *t, int64_t now_ms)
{
    int64_t wait = SCHEDULE_NO_DEADLINE;
    int64_t secs = schedule_seconds_to_change(&s->cfg, t);
    if (secs != SCHEDULE_NO_DEADLINE)
        wait = secs * VCLOCK_MS_PER_S;
    if (s->woken_until_ms > now_ms)
        wait = min64(wait, s->woken_until_ms - now_ms);
    if (s->cfg.shift_px > 0 && s->cfg.shift_period_ms > 0 && schedule_screen_on(s))
        wait = min64(wait, s->cfg.shift_period_ms - now_ms % s->cfg.shift_period_ms);
    return wait;
}

void schedule_shift(const schedule *s, int64_t now_ms, int *dx, int *dy)
{
    *dx = *dy = 0;
    if (s->cfg.shift_px <= 0 || s->cfg.shift_period_ms <= 0 || now_ms < 0)
        return;
    int64_t step = (now_ms / s->cfg.shift_period_ms) % SHIFT_STEPS;
    *dx = SHIFT_PATTERN[step][0] * s->cfg.shift_px;
    *dy = SHIFT_PATTERN[step][1] * s->cfg.shift_px;
}
