/* vclock: monotonic milliseconds and wall seconds, real or fake. The fake
 * clock keeps wall time as wall0 + elapsed / 1000 so both stay exact. */
#include "vitrine/vclock.h"

#include <stdbool.h>
#include <stdlib.h>
#include <time.h>

#define MS_PER_S 1000
#define NS_PER_MS 1000000

struct vclock {
    bool fake;
    int64_t mono_ms; /* fake: current time */
    int64_t start_ms;
    int64_t wall0_s;
};

vclock *vclock_new_system(void)
{
    return calloc(1, sizeof(vclock));
}

vclock *vclock_new_fake(int64_t mono_ms, int64_t wall_s)
{
    vclock *c = calloc(1, sizeof *c);
    if (c)
        *c = (vclock){.fake = true, .mono_ms = mono_ms, .start_ms = mono_ms, .wall0_s = wall_s};
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
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * MS_PER_S + ts.tv_nsec / NS_PER_MS;
}

int64_t vclock_wall_s(const vclock *c)
{
    if (c->fake)
        return c->wall0_s + (c->mono_ms - c->start_ms) / MS_PER_S;
    return (int64_t)time(NULL);
}

void vclock_advance(vclock *c, int64_t ms)
{
    if (c->fake && ms > 0)
        c->mono_ms += ms;
}
