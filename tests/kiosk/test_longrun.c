/* test_longrun: the playlist and the schedule driven the way the kiosk loop
 * drives them (sleep until the next deadline, wake a little late), through
 * three weeks of simulated time on a fake clock that starts near 2^60 ms.
 * Rotation must not drift, deadlines must stay consistent, and the screen
 * must go off and on exactly at the opening hours. */
#include <stdlib.h>

#include "test.h"
#include "vitrine/playlist.h"
#include "vitrine/schedule.h"
#include "vitrine/vclock.h"

#define DAY_MS (86400LL * 1000)
#define WEEKS 3
#define MONDAY_2024_01_01 1704067200LL /* unix seconds, 00:00 UTC */
#define MAX_LATE_MS 30
#define LOOP_CAP_MS 60000 /* the kiosk wakes at least once a minute */
#define START_MS (1LL << 60)

static const playlist_slide SLIDES[] = {{"a", true, 0}, {"b", true, 0}, {"c", true, 0}};

static void office_hours(schedule_config *cfg)
{
    schedule_config_defaults(cfg);
    cfg->enabled = true;
    for (int d = 0; d < 5; d++) {
        cfg->ranges[d][0] = (schedule_range){8 * 60, 20 * 60};
        cfg->n_ranges[d] = 1;
    }
}

static int64_t min64(int64_t a, int64_t b)
{
    return a < b ? a : b;
}

typedef struct {
    long changes, turn_on, turn_off, misplaced;
    int64_t worst_wait_error;
} run_result;

/* Runs the loop; every `press_every` wake-ups (0: never) presses Next. */
static run_result run(vclock *clk, playlist *p, schedule *s, int64_t span_ms, long press_every)
{
    run_result r = {0};
    int64_t end = vclock_mono_ms(clk) + span_ms;
    long turns = 0;
    while (vclock_mono_ms(clk) < end) {
        int64_t now = vclock_mono_ms(clk);
        schedule_time t;
        schedule_local_time(vclock_wall_s(clk), &t);
        schedule_change ch = schedule_step(s, &t, now);
        if (ch != SCHEDULE_SAME) {
            bool on = ch == SCHEDULE_TURN_ON;
            r.turn_on += on;
            r.turn_off += !on;
            int want = on ? 8 * 60 : 20 * 60;
            r.misplaced += r.turn_on + r.turn_off > 1 && (t.minute != want || t.second > 1);
        }
        r.changes += playlist_tick(p, now);
        if (press_every && ++turns % press_every == 0)
            r.changes += playlist_next(p, now);
        int64_t wait = min64(playlist_wait_ms(p, now), schedule_wait_ms(s, &t, now));
        wait = min64(wait, LOOP_CAP_MS);
        if (wait < 0)
            r.worst_wait_error = wait;
        /* while a transition runs the loop draws frames at ~60 Hz */
        vclock_advance(clk, (wait == 0 ? 16 : wait) + rand() % (MAX_LATE_MS + 1));
    }
    return r;
}

static void test_three_weeks_no_drift(void)
{
    setenv("TZ", "UTC", 1);
    srand(42);
    vclock *clk = vclock_new_fake(START_MS, MONDAY_2024_01_01);
    playlist_config pc;
    playlist_config_defaults(&pc);
    playlist *p = playlist_new(&pc);
    playlist_set_slides(p, SLIDES, 3, START_MS);
    schedule_config sc;
    office_hours(&sc);
    schedule *s = schedule_new(&sc);

    run_result r = run(clk, p, s, WEEKS * 7 * DAY_MS, 0);
    long expected = (long)(WEEKS * 7 * DAY_MS / PLAYLIST_DEFAULT_DURATION_MS);
    CHECK(r.changes >= expected - 1 && r.changes <= expected);
    CHECK_INT(r.turn_off, 1 + WEEKS * 5); /* starts closed at Monday 00:00 */
    CHECK_INT(r.turn_on, WEEKS * 5);
    CHECK_INT(r.misplaced, 0);
    CHECK_INT(r.worst_wait_error, 0);

    /* The next deadline is still on the 12 s grid after three weeks. */
    int64_t now = vclock_mono_ms(clk);
    while (playlist_wait_ms(p, now) == 0) { /* let a running transition end */
        vclock_advance(clk, 16);
        now = vclock_mono_ms(clk);
        playlist_tick(p, now);
    }
    int64_t next = now + playlist_wait_ms(p, now);
    CHECK_INT((next - START_MS) % PLAYLIST_DEFAULT_DURATION_MS, 0);
    playlist_free(p);
    schedule_free(s);
    vclock_free(clk);
}

static void test_week_with_presses_keeps_deadlines(void)
{
    srand(7);
    vclock *clk = vclock_new_fake(START_MS, MONDAY_2024_01_01);
    playlist_config pc;
    playlist_config_defaults(&pc);
    playlist *p = playlist_new(&pc);
    playlist_set_slides(p, SLIDES, 3, START_MS);
    schedule_config sc;
    office_hours(&sc);
    schedule *s = schedule_new(&sc);
    run_result r = run(clk, p, s, 7 * DAY_MS, 997);
    CHECK_INT(r.worst_wait_error, 0);
    CHECK_INT(r.misplaced, 0);
    CHECK_INT(r.turn_on, 5);
    /* Manual presses hold slides for 30 s, so fewer automatic changes. */
    CHECK(r.changes > 7 * DAY_MS / 30000 && r.changes < 7 * DAY_MS / 12000);
    int64_t now = vclock_mono_ms(clk);
    int64_t wait = playlist_wait_ms(p, now);
    CHECK(wait >= 0 && wait <= PLAYLIST_DEFAULT_RESUME_MS);
    playlist_free(p);
    schedule_free(s);
    vclock_free(clk);
}

int main(void)
{
    RUN(test_three_weeks_no_drift);
    RUN(test_week_with_presses_keeps_deadlines);
    return test_report();
}
