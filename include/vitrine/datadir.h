/* datadir: loads a data dir laid out like shared/data (betagouv/ and eig/ JSON files)
 * plus the local programme data into a new model. */
#ifndef VITRINE_DATADIR_H
#define VITRINE_DATADIR_H

#include "vitrine/feedstate.h"
#include "vitrine/model.h"

#define DATADIR_ERR_LEN 512
/* The date of the bundled EIG data: the programme site's last update,
 * 5 September 2022 (00:00 UTC, unix seconds). */
#define DATADIR_BUNDLED_EIG_TIME 1662336000

typedef enum { DATADIR_OK = 0, DATADIR_FAILED, DATADIR_NOMEM } datadir_status;

/* On success *out is a new model (caller frees with model_free); warnings
 * (skipped records) are logged. On failure *out is NULL and err holds one
 * line naming the file and the reason. */
datadir_status datadir_load(const char *dir, model **out, char err[DATADIR_ERR_LEN]);
/* The data built into the binary, for a feed with no other source:
 * - the bundled copy of the EIG programme (assets/eig: real data of the
 *   programme's site, Licence Ouverte, dated DATADIR_BUNDLED_EIG_DAY), marked
 *   m->bundled;
 * - else the demo copy (assets/demo: fictional), marked m->demo.
 * DATADIR_OK with nothing loaded when the feed has neither (optional). */
datadir_status datadir_load_builtin_feed(model *m, feed_id feed, char err[DATADIR_ERR_LEN]);
/* Every feed's built-in data and the local data: never fails except on
 * allocation failure. */
datadir_status datadir_load_builtin(model **out, char err[DATADIR_ERR_LEN]);
/* Feed states for data read with datadir_load (FEEDSTATE_OFFLINE, data
 * time = the file's mtime) or the built-in data (FEEDSTATE_BUNDLED, dated
 * by the copy; FEEDSTATE_DEMO); feeds the model did not load are
 * FEEDSTATE_MISSING. dir is NULL for the built-in data. */
void datadir_feedstates(const char *dir, const model *m, feedstate_set *out);
/* The data a screen starts with before any feed refresh: dir (local files,
 * offline) when given and readable, else the built-in data (the reason
 * is logged), so the screen is never blank; fs as datadir_feedstates gives
 * it. Fails only when even the built-in data cannot be built (out of memory);
 * then *out is NULL and err says why. */
datadir_status datadir_load_or_builtin(const char *dir, model **out, feedstate_set *fs,
                                       char err[DATADIR_ERR_LEN]);
/* Adds the embedded local programme data to m. */
datadir_status datadir_load_local(model *m, char err[DATADIR_ERR_LEN]);

#endif
