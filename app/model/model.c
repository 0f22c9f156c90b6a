/* model: a snapshot's lifetime: one arena, freed as a whole. */
#include "vitrine/model.h"

#include <stdlib.h>
#include <string.h>

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

const model_context *model_local_context(const model_local *l, const char *slide)
{
    for (size_t i = 0; i < l->n_contexts; i++)
        if (strcmp(l->contexts[i].slide, slide) == 0)
            return &l->contexts[i];
    return NULL;
}
