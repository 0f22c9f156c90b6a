/* feed: the table of the six feeds. */
#include "vitrine/feed.h"

#include <string.h>

static const struct {
    const char *name, *relpath;
    bool required;
} FEEDS[FEED_COUNT] = {
    [FEED_STARTUPS] = {"startups", "betagouv/startups.json", true},
    [FEED_AUTHORS] = {"authors", "betagouv/authors.json", true},
    [FEED_INCUBATORS] = {"incubators", "betagouv/incubators.json", false},
    [FEED_DEFIS] = {"defis", "eig/defis.json", true},
    [FEED_PERSONNES] = {"personnes", "eig/personnes.json", true},
    [FEED_ANNOUNCEMENTS] = {"announcements", "announcements.json", false},
};

const char *feed_name(feed_id f)
{
    return f >= 0 && f < FEED_COUNT ? FEEDS[f].name : "?";
}

const char *feed_relpath(feed_id f)
{
    return f >= 0 && f < FEED_COUNT ? FEEDS[f].relpath : "?";
}

bool feed_required(feed_id f)
{
    return f >= 0 && f < FEED_COUNT && FEEDS[f].required;
}

bool feed_is_eig(feed_id f)
{
    return f == FEED_DEFIS || f == FEED_PERSONNES;
}

bool feed_has_figures(feed_id f)
{
    return f >= 0 && f < FEED_COUNT && f != FEED_ANNOUNCEMENTS;
}

bool feed_by_name(const char *name, feed_id *out)
{
    for (int f = 0; name && f < FEED_COUNT; f++)
        if (strcmp(name, FEEDS[f].name) == 0) {
            *out = (feed_id)f;
            return true;
        }
    return false;
}
