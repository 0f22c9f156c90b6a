/* memgate: implements memgate.h with a pthread mutex. */
#include "vitrine/memgate.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

struct memgate {
    pthread_mutex_t lock;
    atomic_int waiting; /* threads blocked in memgate_enter */
};

memgate *memgate_new(void)
{
    memgate *g = malloc(sizeof *g);
    if (g && pthread_mutex_init(&g->lock, NULL) != 0) {
        free(g);
        g = NULL;
    }
    if (g)
        atomic_init(&g->waiting, 0);
    return g;
}

void memgate_free(memgate *g)
{
    if (!g)
        return;
    pthread_mutex_destroy(&g->lock);
    free(g);
}

void memgate_enter(memgate *g)
{
    if (!g)
        return;
    atomic_fetch_add(&g->waiting, 1);
    pthread_mutex_lock(&g->lock);
    atomic_fetch_sub(&g->waiting, 1);
}

bool memgate_try_enter(memgate *g)
{
    return !g || pthread_mutex_trylock(&g->lock) == 0;
}

bool memgate_waiting(memgate *g)
{
    return g && atomic_load(&g->waiting) > 0;
}

void memgate_leave(memgate *g)
{
    if (g)
        pthread_mutex_unlock(&g->lock);
}
