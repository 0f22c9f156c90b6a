/* memgate: the two sides take turns, a waiting side is seen; no gate is
 * no constraint. A second
 * thread holds the gate while the test checks that the other side cannot
 * take it, then releases it. */
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <time.h>

#include "test.h"
#include "vitrine/memgate.h"

typedef struct {
    memgate *g;
    atomic_bool holding, release;
} holder;

static void *hold(void *arg)
{
    holder *h = arg;
    memgate_enter(h->g);
    atomic_store(&h->holding, true);
    while (!atomic_load(&h->release)) {
        struct timespec ms = {0, 1000000};
        nanosleep(&ms, NULL);
    }
    atomic_store(&h->holding, false); /* before leaving: the test checks it */
    memgate_leave(h->g);
    return NULL;
}

static void sides_take_turns(void)
{
    holder h = {memgate_new(), false, false};
    CHECK(h.g != NULL);
    pthread_t t;
    CHECK(pthread_create(&t, NULL, hold, &h) == 0);
    while (!atomic_load(&h.holding)) {
        struct timespec ms = {0, 1000000};
        nanosleep(&ms, NULL);
    }
    CHECK(!memgate_try_enter(h.g)); /* the other side holds it */
    atomic_store(&h.release, true);
    memgate_enter(h.g); /* waits for the release */
    CHECK(!atomic_load(&h.holding));
    memgate_leave(h.g);
    pthread_join(t, NULL);
    CHECK(memgate_try_enter(h.g));
    memgate_leave(h.g);
    memgate_free(h.g);
}

#define WAIT_POLLS 30000 /* 1 ms polls: a generous 30 s bound on a loaded machine */

/* Polls until the condition holds or the bound passes; false then. */
static bool nap(int *polls)
{
    struct timespec ms = {0, 1000000};
    nanosleep(&ms, NULL);
    return ++*polls < WAIT_POLLS;
}

/* A side waiting for the gate is seen (memgate_waiting), until it has it:
 * the kiosk lets the fetch thread parse before drawing ahead. */
static void a_waiting_side_goes_first(void)
{
    holder h = {memgate_new(), false, false};
    CHECK(h.g != NULL);
    memgate_enter(h.g);
    pthread_t t;
    CHECK(pthread_create(&t, NULL, hold, &h) == 0);
    int polls = 0;
    while (!memgate_waiting(h.g) && nap(&polls)) /* it says so while it waits */
        ;
    CHECK(memgate_waiting(h.g));
    memgate_leave(h.g);
    polls = 0;
    while (!atomic_load(&h.holding) && nap(&polls))
        ;
    CHECK(atomic_load(&h.holding));
    CHECK(!memgate_waiting(h.g));
    atomic_store(&h.release, true);
    pthread_join(t, NULL);
    CHECK(memgate_try_enter(h.g));
    memgate_leave(h.g);
    memgate_free(h.g);
}

static void no_gate_is_no_constraint(void)
{
    CHECK(memgate_try_enter(NULL));
    memgate_enter(NULL);
    memgate_leave(NULL);
    memgate_free(NULL);
}

int main(void)
{
    RUN(sides_take_turns);
    RUN(a_waiting_side_goes_first);
    RUN(no_gate_is_no_constraint);
    return test_report();
}
