/* snapshot: builds one coherent model for the screens from each feed's last
 * good copy (in memory when the cache could not keep it, else on disk) when
 * it parses, else the bundled demo copy
 * (marked demo), plus the embedded local programme data. A cached copy that
 * no longer parses is logged and forgotten (never shown). */
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

/* On success *out is a new model (caller frees); otherwise err says why. */
snapshot_status snapshot_build(refresh_feed feeds[FEED_COUNT], const cache *c, model **out,
                               snapshot_origin *origin, char err[SNAPSHOT_ERR_LEN]);

#endif
