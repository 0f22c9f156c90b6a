/* kiosk: the full-screen runtime. Owns the window, the deck, the playlist,
 * the schedule and the event loop; sleeps until the next deadline and
 * redraws only when something changed. SDL-side; main.c wires it.
 *
 * Data comes in through two doors: at start (the load hook, else --data DIR,
 * else the bundled demo data), prepared on a start-up thread while the
 * display opens, and later through kiosk_post_snapshot, which the feeds
 * layer calls from its thread. R and SIGUSR1 call the refresh hook. */
#ifndef VITRINE_KIOSK_H
#define VITRINE_KIOSK_H

#include <stdbool.h>

#include "vitrine/config.h"
#include "vitrine/date.h"
#include "vitrine/feedstate.h"
#include "vitrine/memgate.h"
#include "vitrine/model.h"

#define KIOSK_ERR_LEN 512
#define KIOSK_MAX_WAIT_MS 60000 /* wake at least once a minute (date, schedule) */

/* Asks the data source for fresh data now (R key, SIGUSR1). Runs on the
 * kiosk thread: it must not block; new data comes back through
 * kiosk_post_snapshot. */
typedef void (*kiosk_refresh_fn)(void *ctx);

/* Provides the first data: fills *m (the kiosk takes it) and *fs, or
 * returns false (the kiosk then shows --data DIR or the demo data). Runs
 * once, on the start-up thread, during kiosk_new: it must not touch SDL. */
typedef bool (*kiosk_load_fn)(void *ctx, model **m, feedstate_set *fs);

typedef struct {
    bool windowed;
    int width, height;            /* --size; 0: native / default window */
    const char *data_dir;         /* --data DIR; NULL: demo data until feeds arrive */
    const config_kiosk *settings; /* the "kiosk" object of the configuration (copied) */
    const char *config_path;      /* read again on SIGHUP; NULL: the search order */
    vt_date now;                  /* --now; DATE_NONE: today, following the clock */
    kiosk_refresh_fn refresh;     /* NULL: reload --data DIR */
    void *refresh_ctx;
    kiosk_load_fn load; /* NULL: --data DIR, else the demo data */
    void *load_ctx;
    memgate *gate; /* borrowed, may be NULL: held for each slide transition */
} kiosk_options;

typedef struct kiosk kiosk;

/* Opens the display and loads the first data. NULL with one line in err
 * when the display cannot be opened. A bad configuration or data dir is
 * logged and replaced (defaults, demo data): the screen never stays blank. */
kiosk *kiosk_new(const kiosk_options *opt, char err[KIOSK_ERR_LEN]);
/* Runs until SIGTERM / SIGINT, or a quit key when the configuration allows
 * it. Returns the exit status (0). */
int kiosk_run(kiosk *k);
void kiosk_free(kiosk *k); /* accepts NULL */

/* Sets the refresh hook (R key, SIGUSR1) once the data source is running.
 * Call before kiosk_run. */
void kiosk_set_refresh(kiosk *k, kiosk_refresh_fn fn, void *ctx);

/* Thread-safe: hands a complete snapshot to the kiosk, which takes
 * ownership of m (freed on failure too). fs is copied. m NULL: only the
 * feed states changed; the data on screen stays and the badges follow fs. */
bool kiosk_post_snapshot(kiosk *k, model *m, const feedstate_set *fs);

#endif
