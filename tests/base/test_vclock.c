/* test_vclock: the scaled clock that lets the soak test run the real kiosk
 * loop faster. It must run exactly `scale` times faster than the system
 * clock (bracketed by real readings, no timing budget), convert waits back
 * to real time without ever waking early, and refuse scales out of range.
 * Also: the process age behind "first frame after N ms" is known and
 * consistent with the monotonic clock. */
#include <stdlib.h>
#include <time.h>

#include "test.h"
#include "vitrine/date.h"
#include "vitrine/vclock.h"

#define SCALE 40
#define NAP_MS 30

static int64_t real_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void nap(void)
{
    struct timespec ts = {0, NAP_MS * 1000000L};
    nanosleep(&ts, NULL);
}

static void scaled_runs_faster(void)
{
    vclock *c = vclock_new_scaled(SCALE);
    CHECK(c != NULL);
    if (!c)
        return;
    int64_t r0 = real_ms(), s0 = vclock_mono_ms(c), w0 = vclock_wall_s(c);
    int64_t r0_after = real_ms();
    nap();
    int64_t r1_before = real_ms(), s1 = vclock_mono_ms(c), w1 = vclock_wall_s(c);
    int64_t r1 = real_ms();
    int64_t scaled = s1 - s0;
    /* Whole-millisecond readings: one ms of slack on each side. */
    CHECK(scaled >= (r1_before - r0_after - 1) * SCALE);
    CHECK(scaled <= (r1 - r0 + 1) * SCALE);
    CHECK(scaled >= NAP_MS * SCALE - SCALE);
    /* The wall clock follows: 30 ms x 40 = 1.2 s of scaled wall time. */
    CHECK(w1 - w0 >= scaled / 1000 - 1 && w1 - w0 <= scaled / 1000 + 1);
    vclock_free(c);
}

static void real_waits_round_up(void)
{
    vclock *c = vclock_new_scaled(SCALE);
    vclock *sys = vclock_new_system();
    vclock *fake = vclock_new_fake(0, 0);
    CHECK(c && sys && fake);
    if (c && sys && fake) {
        CHECK_INT(vclock_real_ms(c, 0), 0);
        CHECK_INT(vclock_real_ms(c, -5), 0);
        CHECK_INT(vclock_real_ms(c, 1), 1); /* never 0: that would be a busy loop */
        CHECK_INT(vclock_real_ms(c, SCALE), 1);
        CHECK_INT(vclock_real_ms(c, SCALE + 1), 2);
        CHECK_INT(vclock_real_ms(c, 60000), 60000 / SCALE);
        CHECK_INT(vclock_real_ms(sys, 1234), 1234);
        CHECK_INT(vclock_real_ms(fake, 1234), 1234);
    }
    vclock_free(c);
    vclock_free(sys);
    vclock_free(fake);
}

static void scale_range(void)
{
    CHECK(vclock_new_scaled(0) == NULL);
    CHECK(vclock_new_scaled(-3) == NULL);
    CHECK(vclock_new_scaled(VCLOCK_SCALE_MAX + 1) == NULL);
    vclock *one = vclock_new_scaled(1), *max = vclock_new_scaled(VCLOCK_SCALE_MAX);
    CHECK(one != NULL && max != NULL);
    if (one) { /* scale 1 is the system clock */
        int64_t a = real_ms(), m = vclock_mono_ms(one), b = real_ms();
        CHECK(m >= a && m <= b);
        CHECK(vclock_wall_s(one) - (int64_t)time(NULL) <= 1);
    }
    vclock_free(one);
    vclock_free(max);
    vclock_free(NULL);
}

/* A scaled clock can start its wall clock anywhere (the soak test starts
 * before midnight); the local date follows it, not the system's. */
static void scaled_wall_start(void)
{
    const int64_t before_midnight = INT64_C(1767225600) - 2; /* 2025-12-31 23:59:58 UTC */
    vclock *c = vclock_new_scaled_at(VCLOCK_SCALE_MAX, before_midnight);
    CHECK(c != NULL);
    if (!c)
        return;
    int64_t w0 = vclock_wall_s(c);
    CHECK(w0 >= before_midnight && w0 < before_midnight + 2);
    CHECK(setenv("TZ", "UTC", 1) == 0);
    tzset();
    CHECK_INT(date_local(w0), date_from_ymd(2025, 12, 31));
    nap(); /* NAP_MS real = NAP_MS seconds of this clock: past midnight */
    CHECK_INT(date_local(vclock_wall_s(c)), date_from_ymd(2026, 1, 1));
    vclock_free(c);
    vclock *one = vclock_new_scaled_at(1, 1000);
    CHECK(one != NULL && vclock_wall_s(one) < 1010); /* not time(NULL) */
    vclock_free(one);
}

static void process_age(void)
{
    int64_t a = vclock_process_age_ms();
    nap();
    int64_t b = vclock_process_age_ms();
    /* Known, plausible for a process that just started, and it advances
     * with real time (both readings share the same start tick). */
    CHECK(a >= 0 && a < 3600 * 1000);
    CHECK(b - a >= NAP_MS - 1);
}

int main(void)
{
    RUN(scaled_runs_faster);
    RUN(real_waits_round_up);
    RUN(scale_range);
    RUN(scaled_wall_start);
    RUN(process_age);
    return test_report();
}
