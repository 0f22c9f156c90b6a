/* model: snapshot lifetime and feed metadata. */
#include "vitrine/model.h"

#include <stdlib.h>

static const struct {
    const char *name, *relpath;
    bool required;
} FEEDS[FEED_COUNT] = {
    [FEED_STARTUPS] = {"startups", "betagouv/startups.json", true},
    [FEED_AUTHORS] = {"authors", "betagouv/authors.json", true},
    [FEED_INCUBATORS] = {"incubators", "betagouv/incubators.json", false},
    [FEED_DEFIS] = {"defis", "eig/defis.json", true},
    [FEED_PERSONNES] = {"personnes", "eig/personnes.json", true},
};

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

const char *model_feed_name(feed_id f)
{
    return f >= 0 && f < FEED_COUNT ? FEEDS[f].name : "?";
}

const char *model_feed_relpath(feed_id f)
{
    return f >= 0 && f < FEED_COUNT ? FEEDS[f].relpath : "?";
}

bool model_feed_required(feed_id f) { return f >= 0 && f < FEED_COUNT && FEEDS[f].required; }

