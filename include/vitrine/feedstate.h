/* feedstate: how current each feed's data is, as the screens show it
 * (footer date, stale / offline / demo badge). Filled by the feeds layer;
 * plain data, copied by value between threads. */
#ifndef VITRINE_FEEDSTATE_H
#define VITRINE_FEEDSTATE_H

#include <stdbool.h>
#include <stdint.h>

#include "vitrine/model.h"

#define FEEDSTATE_REASON_LEN 160

typedef enum {
    FEEDSTATE_MISSING = 0, /* no data at all (optional feed absent) */
    FEEDSTATE_FRESH,       /* last refresh succeeded (or 304) */
    FEEDSTATE_STALE,       /* cached data, refresh pending or overdue */
    FEEDSTATE_FAILING,     /* cached data, refreshes failing since failing_since */
    FEEDSTATE_OFFLINE,     /* --offline / --data: local files, no network */
    FEEDSTATE_DEMO,        /* bundled demo data stands in */
    FEEDSTATE_BUNDLED,     /* the real copy bundled with the program (EIG programme,
                              finished): dated by the copy, never refreshed */
    FEEDSTATE_HELD         /* cached data; the last body that came was held as
                              implausible (README "Cache") until the operator accepts it */
} feedstate_kind;

typedef struct {
    feedstate_kind kind;
    int64_t data_time;     /* unix seconds the data was fetched (or file mtime); 0 unknown */
    int64_t failing_since; /* unix seconds of the first failure in a row; 0 none */
    char reason[FEEDSTATE_REASON_LEN]; /* last failure, "" when none */
    bool unsaved;        /* the data shown is in memory only: the cache could not write it */
    int64_t held_at;     /* unix seconds a body held as implausible came; 0: none held */
    int64_t accepted_at; /* unix seconds the operator accepted the copy shown; 0: never */
} feedstate;

typedef struct {
    feedstate feeds[FEED_COUNT];
} feedstate_set;

/* A set of feeds as a bit mask: FEEDSTATE_MASK(FEED_AUTHORS) | ... */
#define FEEDSTATE_MASK(f) (1u << (unsigned)(f))
#define FEEDSTATE_ALL ((1u << FEED_COUNT) - 1u)

const char *feedstate_kind_name(feedstate_kind k); /* "fresh", "stale"... */
/* The oldest data_time among the feeds of mask that have data; 0 when
 * unknown. A bundled copy of a finished programme does not make the live
 * feeds beside it look old: its date counts only when the mask has no
 * other dated feed. */
int64_t feedstate_oldest(const feedstate_set *s, unsigned mask);
/* The worst kind among the feeds of mask that have data (demo > failing >
 * held > stale > offline > fresh, bundled), for the one badge a slide shows. */
feedstate_kind feedstate_worst(const feedstate_set *s, unsigned mask);

#endif
