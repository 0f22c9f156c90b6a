/* model: a snapshot's lifetime: one arena, freed as a whole, and the
 * reference-counted parts it shares. */
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
    atomic_init(&m->refs, 1);
    return m;
}

model *model_ref(model *m)
{
    atomic_fetch_add_explicit(&m->refs, 1, memory_order_relaxed);
    return m;
}

void model_free(model *m)
{
    /* acq_rel: whatever another thread read of m happens before the free. */
    if (!m || atomic_fetch_sub_explicit(&m->refs, 1, memory_order_acq_rel) != 1)
        return;
    for (int i = 0; i < MODEL_PARTS; i++)
        model_free(m->parts[i]);
    arena_free(m->arena);
    free(m);
}

/* m keeps a reference to part in its slot. */
static void hold(model *m, int slot, model *part)
{
    model_free(m->parts[slot]); /* none in a new model */
    m->parts[slot] = model_ref(part);
}

void model_share_feed(model *m, feed_id feed, model *part)
{
    switch (feed) {
    case FEED_STARTUPS:
        m->products = part->products;
        m->n_products = part->n_products;
        m->incubators = part->incubators;
        m->n_incubators = part->n_incubators;
        break;
    case FEED_AUTHORS:
        m->members = part->members;
        m->n_members = part->n_members;
        break;
    case FEED_INCUBATORS:
        m->incubator_feed = part->incubator_feed;
        m->n_incubator_feed = part->n_incubator_feed;
        break;
    case FEED_DEFIS:
        m->defis = part->defis;
        m->n_defis = part->n_defis;
        break;
    case FEED_PERSONNES:
        m->persons = part->persons;
        m->n_persons = part->n_persons;
        break;
    case FEED_ANNOUNCEMENTS: m->announcements = part->announcements; break;
    default: return;
    }
    m->demo[feed] = part->demo[feed];
    m->bundled[feed] = part->bundled[feed];
    m->loaded[feed] = part->loaded[feed];
    hold(m, (int)feed, part);
}

void model_share_local(model *m, model *part)
{
    m->local = part->local;
    hold(m, MODEL_PART_LOCAL, part);
}

const model_context *model_local_context(const model_local *l, const char *slide)
{
    for (size_t i = 0; i < l->n_contexts; i++)
        if (strcmp(l->contexts[i].slide, slide) == 0)
            return &l->contexts[i];
    return NULL;
}
