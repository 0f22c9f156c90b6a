/* feed: the six feeds a snapshot is made of, their stable names and where
 * each sits in a data dir (laid out like shared/data). feed_id indexes the
 * per-feed arrays of every layer (model, feed states, configuration). */
#ifndef VITRINE_FEED_H
#define VITRINE_FEED_H

#include <stdbool.h>

typedef enum {
    FEED_STARTUPS,
    FEED_AUTHORS,
    FEED_INCUBATORS,
    FEED_DEFIS,
    FEED_PERSONNES,
    FEED_ANNOUNCEMENTS, /* the operator's announcements (announce.h): no statistics */
    FEED_COUNT
} feed_id;

/* "startups", "authors", "incubators", "defis", "personnes"; "?" out of range. */
const char *feed_name(feed_id f);
/* The feed named name ("startups"...); false when none is. */
bool feed_by_name(const char *name, feed_id *out);
/* Path of a feed inside a data dir: "betagouv/startups.json"... */
const char *feed_relpath(feed_id f);
/* A required feed must be present in a data dir (incubators is optional). */
bool feed_required(feed_id f);
/* The EIG programme's feeds (defis, personnes): finished, their real data is
 * built into the program (assets/eig). */
bool feed_is_eig(feed_id f);
/* A feed the statistics are computed from (all but the announcements):
 * only those count in --dump-stats' exit status. */
bool feed_has_figures(feed_id f);

#endif
