/* snapshot: builds one coherent model for the screens from each feed's last
 * good copy when it parses, else the bundled demo copy (marked demo), plus
 * the embedded local programme data. Each is parsed once and shared
 * (model.h): a feed's last good copy is the part its refresh keeps
 * (refresh_parsed: the new body the guard parsed, or the cached copy read
 * and parsed at its first snapshot), the built-in copies and the local
 * data are kept in snapshot_parts; a snapshot only points into them, so a
 * feed that did not change is neither read, nor parsed, nor held twice. A
 * cached copy that no longer parses is logged and forgotten (never shown). */
#ifndef VITRINE_SNAPSHOT_H
#define VITRINE_SNAPSHOT_H

#include <stdbool.h>

#include "cache.h"
#include "refresh.h"
#include "vitrine/model.h"

#define SNAPSHOT_ERR_LEN 512

typedef struct {
    refresh_shown shown[FEED_COUNT]; /* where each feed's data came from */
} snapshot_origin;

typedef enum {
    SNAPSHOT_OK = 0,
    SNAPSHOT_NOMEM,
    SNAPSHOT_BROKEN /* the embedded local programme data is missing or rejected */
} snapshot_status;

/* The built-in copies a snapshot shows (kept while one is shown) and the
 * local programme data, parsed once. Zeroed to start. */
typedef struct {
    model *builtin[FEED_COUNT]; /* owned references; NULL: not parsed (or not shown) */
    model *local;               /* owned reference; NULL: not parsed yet */
} snapshot_parts;

/* Releases the parts (the snapshots that share them keep them alive). */
void snapshot_parts_release(snapshot_parts *p);

/* On success *out is a new model (caller frees, from any thread);
 * otherwise err says why. */
snapshot_status snapshot_build(refresh_feed feeds[FEED_COUNT], const cache *c,
                               snapshot_parts *parts, model **out, snapshot_origin *origin,
                               char err[SNAPSHOT_ERR_LEN]);

#endif
