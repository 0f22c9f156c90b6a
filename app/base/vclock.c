/* vclock: monotonic milliseconds and wall seconds, real, scaled or fake.
 * The fake clock keeps wall time as wall0 + elapsed / 1000 so both stay
 * exact; the scaled clock multiplies the real time elapsed since its
 * creation, so it starts at the real time and then runs faster. */
#include "vitrine/vclock.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PROC_STAT_MAX_BYTES 1024 /* /proc/self/stat is one short line */
#define STAT_STARTTIME_SPACES 20 /* starttime (field 22) is after the 20th space after "comm)" */

struct vclock {
    bool fake;
    int64_t scale;    /* system clock: 1, or faster */
    int64_t mono_ms;  /* fake: current time */
    int64_t start_ms; /* fake and scaled: monotonic time at creation */
    int64_t wall0_s;  /* fake and scaled: wall time at creation */
    bool wall_set;    /* scaled: wall0_s was given, not read from time() */
};

int64_t vclock_system_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * VCLOCK_MS_PER_S + ts.tv_nsec / VCLOCK_NS_PER_MS;
}

int64_t vclock_system_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

vclock *vclock_new_system(void)
{
    return vclock_new_scaled(1);
}

vclock *vclock_new_scaled(int64_t scale)
{
    vclock *c = vclock_new_scaled_at(scale, (int64_t)time(NULL));
    if (c)
        c->wall_set = false;
    return c;
}

vclock *vclock_new_scaled_at(int64_t scale, int64_t wall0_s)
{
    if (scale < 1 || scale > VCLOCK_SCALE_MAX)
        return NULL;
    vclock *c = calloc(1, sizeof *c);
    if (c)
        *c = (vclock){
            .scale = scale, .start_ms = vclock_system_ms(), .wall0_s = wall0_s, .wall_set = true};
    return c;
}

vclock *vclock_new_fake(int64_t mono_ms, int64_t wall_s)
{
    vclock *c = calloc(1, sizeof *c);
    if (c)
        *c = (vclock){
            .fake = true, .scale = 1, .mono_ms = mono_ms, .start_ms = mono_ms, .wall0_s = wall_s};
    return c;
}

void vclock_free(vclock *c)
{
    free(c);
}

int64_t vclock_mono_ms(const vclock *c)
{
    if (c->fake)
        return c->mono_ms;
    int64_t now = vclock_system_ms();
    return c->scale == 1 ? now : c->start_ms + (now - c->start_ms) * c->scale;
}

int64_t vclock_wall_s(const vclock *c)
{
    if (c->fake)
        return c->wall0_s + (c->mono_ms - c->start_ms) / VCLOCK_MS_PER_S;
    if (c->scale == 1 && !c->wall_set)
        return (int64_t)time(NULL); /* follows the system clock's corrections */
    return c->wall0_s + (vclock_mono_ms(c) - c->start_ms) / VCLOCK_MS_PER_S;
}

void vclock_advance(vclock *c, int64_t ms)
{
    if (c->fake && ms > 0)
        c->mono_ms += ms;
}

int64_t vclock_real_ms(const vclock *c, int64_t ms)
{
    if (ms <= 0)
        return 0;
    return (ms + c->scale - 1) / c->scale;
}

/* Field 22 of /proc/self/stat: clock ticks between boot and exec. The
 * command name (field 2) may hold spaces and parentheses, so fields are
 * counted from its last ')'. */
static long long process_start_ticks(void)
{
    /* Read directly: /proc files report a size of 0, so fileio_read would
     * read nothing. */
    char buf[PROC_STAT_MAX_BYTES];
    FILE *f = fopen("/proc/self/stat", "r");
    if (!f)
        return -1;
    size_t len = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[len] = '\0';
    char *p = strrchr(buf, ')');
    for (int field = 0; p && field < STAT_STARTTIME_SPACES; field++)
        p = strchr(p + 1, ' ');
    if (!p)
        return -1;
    char *end;
    long long ticks = strtoll(p + 1, &end, 10);
    return end == p + 1 || ticks < 0 ? -1 : ticks;
}

int64_t vclock_process_age_ms(void)
{
    long long ticks = process_start_ticks();
    long hz = sysconf(_SC_CLK_TCK);
    struct timespec boot;
    if (ticks < 0 || hz <= 0 || clock_gettime(CLOCK_BOOTTIME, &boot) != 0)
        return -1;
    int64_t now_ms = (int64_t)boot.tv_sec * VCLOCK_MS_PER_S + boot.tv_nsec / VCLOCK_NS_PER_MS;
    int64_t age = now_ms - (int64_t)(ticks * VCLOCK_MS_PER_S / hz);
    return age >= 0 ? age : -1;
}
