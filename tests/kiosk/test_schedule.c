/* test_schedule: opening hours, transitions, wake on key and burn-in shift
 * against explicit local times and a fake monotonic clock. */
#include <stdlib.h>

#include "test.h"
#include "vitrine/schedule.h"

#define MIN(h, m) ((h)*60 + (m))

static void office_hours(schedule_config *cfg)
{
    schedule_config_defaults(cfg);
    cfg->enabled = true;
    for (int d = 0; d < 5; d++) { /* Mon-Fri 08:00-20:00 */
        cfg->ranges[d][0] = (schedule_range){MIN(8, 0), MIN(20, 0)};
        cfg->n_ranges[d] = 1;
    }
    cfg->ranges[5][0] = (schedule_range){MIN(10, 0), MIN(12, 0)}; /* Sat 2 ranges */
    cfg->ranges[5][1] = (schedule_range){MIN(14, 0), MIN(24, 0)};
    cfg->n_ranges[5] = 2;
}

static void test_is_open(void)
{
    schedule_config cfg;
    office_hours(&cfg);
    CHECK(!schedule_is_open(&cfg, &(schedule_time){0, MIN(7, 59), 59}));
    CHECK(schedule_is_open(&cfg, &(schedule_time){0, MIN(8, 0), 0}));
    CHECK(schedule_is_open(&cfg, &(schedule_time){4, MIN(19, 59), 0}));
    CHECK(!schedule_is_open(&cfg, &(schedule_time){4, MIN(20, 0), 0}));
    CHECK(!schedule_is_open(&cfg, &(schedule_time){5, MIN(13, 0), 0}));
    CHECK(schedule_is_open(&cfg, &(schedule_time){5, MIN(23, 59), 0}));
    CHECK(!schedule_is_open(&cfg, &(schedule_time){6, MIN(12, 0), 0}));
    schedule_config always;
    schedule_config_defaults(&always);
    CHECK(schedule_is_open(&always, &(schedule_time){6, 0, 0}));
    CHECK_INT(schedule_seconds_to_change(&always, &(schedule_time){6, 0, 0}), SCHEDULE_NO_DEADLINE);
}

static void test_seconds_to_change(void)
{
    schedule_config cfg;
    office_hours(&cfg);
    /* Monday 07:59:30 -> opens in 30 s */
    CHECK_INT(schedule_seconds_to_change(&cfg, &(schedule_time){0, MIN(7, 59), 30}), 30);
    /* Monday 12:00:00 -> closes at 20:00 */
    CHECK_INT(schedule_seconds_to_change(&cfg, &(schedule_time){0, MIN(12, 0), 0}), 8 * 3600);
    /* Friday 20:00 -> Saturday 10:00 */
    CHECK_INT(schedule_seconds_to_change(&cfg, &(schedule_time){4, MIN(20, 0), 0}), 14 * 3600);
    /* Saturday 23:00 (open until midnight) -> Sunday 00:00 */
    CHECK_INT(schedule_seconds_to_change(&cfg, &(schedule_time){5, MIN(23, 0), 0}), 3600);
    /* Sunday 00:00 -> Monday 08:00, across the week boundary */
    CHECK_INT(schedule_seconds_to_change(&cfg, &(schedule_time){6, 0, 0}), 32 * 3600);
    schedule_config closed;
    schedule_config_defaults(&closed);
    closed.enabled = true;
    CHECK_INT(schedule_seconds_to_change(&closed, &(schedule_time){2, 0, 0}), SCHEDULE_NO_DEADLINE);
}

static void test_steps_and_wake(void)
{
    schedule_config cfg;
    office_hours(&cfg);
    cfg.wake_ms = 300000;
    schedule *s = schedule_new(&cfg);
    schedule_time night = {0, MIN(22, 0), 0}, day = {1, MIN(9, 0), 0};
    CHECK(schedule_screen_on(s));
    CHECK_INT(schedule_step(s, &night, 0), SCHEDULE_TURN_OFF); /* starts closed */
    CHECK(!schedule_screen_on(s));
    CHECK_INT(schedule_step(s, &night, 1000), SCHEDULE_SAME);
    CHECK(schedule_wake(s, 2000));
    CHECK_INT(schedule_step(s, &night, 2000), SCHEDULE_TURN_ON);
    CHECK_INT(schedule_wait_ms(s, &night, 2000) <= 300000, 1);
    CHECK(!schedule_wake(s, 100000)); /* already on: extends */
    CHECK_INT(schedule_step(s, &night, 302000), SCHEDULE_SAME);
    CHECK_INT(schedule_step(s, &night, 400000), SCHEDULE_TURN_OFF);
    CHECK_INT(schedule_step(s, &day, 500000), SCHEDULE_TURN_ON);
    CHECK(!schedule_wake(s, 600000)); /* open: a key is just a key */
    CHECK_INT(schedule_step(s, &(schedule_time){1, MIN(20, 0), 0}, 700000), SCHEDULE_TURN_OFF);
    schedule_free(s);

    schedule *open = schedule_new(&cfg);
    CHECK_INT(schedule_step(open, &day, 0), SCHEDULE_SAME);
    CHECK(schedule_screen_on(open));
    schedule_free(open);
    schedule_free(NULL);
}

static void test_burn_in_shift(void)
{
    schedule_config cfg;
    schedule_config_defaults(&cfg);
    cfg.shift_px = 3;
    cfg.shift_period_ms = 60000;
    schedule *s = schedule_new(&cfg);
    int dx, dy, moves = 0, last_dx = 0, last_dy = 0;
    for (int64_t t = 0; t < 20 * 60000; t += 60000) {
        schedule_shift(s, t, &dx, &dy);
        CHECK(abs(dx) <= 3 && abs(dy) <= 3);
        moves += dx != last_dx || dy != last_dy;
        last_dx = dx, last_dy = dy;
    }
    CHECK(moves >= 15);
    schedule_shift(s, 59999, &dx, &dy);
    CHECK(dx == 0 && dy == 0);
    schedule_time t = {0, 0, 0};
    CHECK_INT(schedule_wait_ms(s, &t, 59000), 1000); /* next shift */
    cfg.shift_px = 0;
    schedule_configure(s, &cfg);
    schedule_shift(s, 60000, &dx, &dy);
    CHECK(dx == 0 && dy == 0);
    CHECK_INT(schedule_wait_ms(s, &t, 59000), SCHEDULE_NO_DEADLINE);
    schedule_free(s);
}

static void test_local_time(void)
{
    setenv("TZ", "UTC", 1);
    schedule_time t;
    schedule_local_time(1700000000, &t); /* 2023-11-14 22:13:20 UTC, a Tuesday */
    CHECK_INT(t.weekday, 1);
    CHECK_INT(t.minute, MIN(22, 13));
    CHECK_INT(t.second, 20);
}

int main(void)
{
    RUN(test_is_open);
    RUN(test_seconds_to_change);
    RUN(test_steps_and_wake);
    RUN(test_burn_in_shift);
    RUN(test_local_time);
    return test_report();
}
