/* guard: what a new body must pass before it replaces a feed's last good
 * copy (README "Cache").
 * - guard_examine: it parses (parse_validate: JSON, the feed's shape, at
 *   least one record, most records holding each required field), and its
 *   counts are taken: records, each field's readable and canonical records
 *   (parse.h), the headline figures at a date (headline.h).
 * - guard_compare: against the last good copy's counts, whatever url either
 *   came from: a field whose share of readable records, or of records
 *   spelled as before, falls more than GUARD_FIELD_MAX_DROP below the last
 *   good copy's; a headline figure that would fall to zero or under
 *   min_figure_percent of the last good copy's; fewer records than
 *   min_records_percent of its records. Such a body is implausible: held,
 *   not shown, with one line naming the field or the figure.
 * Parsing runs under the memory gate (memgate.h). No I/O: the parsed
 * model may be kept, so that a body is parsed once (snapshot.h). */
#ifndef VITRINE_GUARD_H
#define VITRINE_GUARD_H

#include <stddef.h>

#include "vitrine/cachemeta.h"
#include "vitrine/config.h"
#include "vitrine/date.h"
#include "vitrine/memgate.h"
#include "vitrine/model.h"

/* A field's share of readable (or canonically spelled) records may fall by
 * this much (0.10: ten points, 100 % -> 90 %) before the body is held: a
 * few records typed by hand pass, a change of form does not. */
#define GUARD_FIELD_MAX_DROP 0.10

typedef enum {
    GUARD_OK = 0,
    GUARD_MALFORMED,   /* not the feed's shape, or most records lack a required field */
    GUARD_IMPLAUSIBLE, /* well formed, but its counts collapse against the last good copy's */
    GUARD_NOMEM
} guard_status;

/* Parses body (len bytes) of feed and fills counts' records, fields and
 * figures (at today); its other members are left as they are. Otherwise
 * why says what is wrong. gate may be NULL. When parsed is not NULL and
 * the body is well formed, *parsed is the model it was parsed into (the
 * feed's part of a snapshot, model.h; the caller frees it), and records
 * it skipped are logged; else *parsed is NULL. */
guard_status guard_examine(feed_id feed, const char *body, size_t len, vt_date today, memgate *gate,
                           cachemeta *counts, model **parsed, char *why, size_t whysz);
/* GUARD_OK, or GUARD_IMPLAUSIBLE with the first field, figure or record
 * count that collapses in why. Counts good lacks (a copy cached before they
 * were kept) are not compared. */
guard_status guard_compare(const cachemeta *good, const cachemeta *next, const config_feed *cfg,
                           char *why, size_t whysz);

#endif
