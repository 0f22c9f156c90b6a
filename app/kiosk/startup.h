/* startup: the kiosk's first data and first slides, prepared on a thread of
 * their own while the main thread opens the display (on X11 that is about
 * 100 ms, mostly SDL waiting for a window manager; on KMS/DRM a mode set).
 * Loads the data (the caller's loader, else --data DIR, else the bundled
 * demo) and computes the statistics while SDL starts, then lays the slides
 * out at the output size expected once SDL knows the display. SDL-side
 * (the deck); nothing here draws.
 *
 * While a job runs it owns the deck and its fonts: the caller must not
 * touch either until startup_finish. */
#ifndef VITRINE_STARTUP_H
#define VITRINE_STARTUP_H

#include <stdbool.h>

#include "vitrine/date.h"
#include "vitrine/deck.h"
#include "vitrine/feedstate.h"
#include "vitrine/model.h"
#include "vitrine/stats.h"

/* Fills *m (then owned by the caller) and *fs; false when there is nothing
 * to show (the job falls back to data_dir, then to the demo data). */
typedef bool (*startup_load_fn)(void *ctx, model **m, feedstate_set *fs);

typedef struct {
    startup_load_fn load; /* NULL: data_dir, else the demo data */
    void *load_ctx;
    const char *data_dir; /* --data DIR or NULL */
    vt_date today;
    deck *deck; /* borrowed; laid out at the size startup_lay_out_at gives */
} startup_job;

typedef struct {
    model *m;  /* owned by the caller; NULL: no data at all (no memory) */
    stats *st; /* owned by the caller; NULL: not computed */
    feedstate_set fs;
    bool laid_out; /* the deck holds slides for m, st, fs at the size given */
} startup_result;

typedef struct startup startup;

/* Starts the job on a new thread (or runs its loading here when no thread
 * can be created). Needs no SDL_Init: start it first, so the data loads
 * while SDL starts. Never NULL unless out of memory (then nothing was
 * started). The job is copied. */
startup *startup_begin(const startup_job *job);
/* The output size to lay the slides out at, once known (the job waits for
 * it after loading); once per job, later calls are ignored. */
void startup_lay_out_at(startup *s, int width, int height);
/* Waits for the job (without a size given: no layout), hands over its
 * result and frees s. */
void startup_finish(startup *s, startup_result *out);

#endif
