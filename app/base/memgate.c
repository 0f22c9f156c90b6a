/* memgate: implements memgate.h with a pthread mutex. */
#include "vitrine/memgate.h"

#include <pthread.h>
#include <stdlib.h>

struct memgate {
    pthread_mutex_t lock;
};

memgate *memgate_new(void)
{
    memgate *g = malloc(sizeof *g);
    if (g && pthread_mutex_init(&g->lock, NULL) != 0) {
        free(g);
        g = NULL;
    }
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
    if (g)
        pthread_mutex_lock(&g->lock);
}

bool memgate_try_enter(memgate *g)
{
    return !g || pthread_mutex_trylock(&g->lock) == 0;
}

void memgate_leave(memgate *g)
{
    if (g)
        pthread_mutex_unlock(&g->lock);
}
