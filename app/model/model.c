/* model: a snapshot's lifetime: one arena, freed as a whole. */
#include "vitrine/model.h"

#include <stdlib.h>

model *model_new(void)
{
    model *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    if (!(m->arena = arena_new())) {
        free(m);
        return NULL;
    }
    return m;
}

void model_free(model *m)
{
    if (!m)
        return;
    arena_free(m->arena);
    free(m);
}
