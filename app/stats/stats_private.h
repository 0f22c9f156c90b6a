/* stats_private.h: what the files of the stats module share (stats.c:
 * products and builders; stats_community.c: members and coaches;
 * stats_eig.c: the EIG programme). Not part of the public API. */
#ifndef VITRINE_STATS_PRIVATE_H
#define VITRINE_STATS_PRIVATE_H

#include "vitrine/stats.h"
#include "vitrine/strmap.h"

#define STATS_MAX_YEARS 128 /* distinct years kept per series */
#define STATS_KEY_MAX 512   /* bytes of a normalised key */

/* Non-zero entries of m, sorted by key, into out (arrays in a). */
bool stats_counts_finish(arena *a, const strmap *m, stats_counts *out);
/* Copies s into the arena once; the pool maps each copy to itself. */
const char *stats_intern(arena *a, strmap *pool, const char *s);
const char *stats_or_unknown(const char *s);

bool stats_compute_community(const model *m, stats *s, vt_date d);
bool stats_compute_eig(const model *m, stats *s);

#endif
