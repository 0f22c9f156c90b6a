/* kiosk: the full-screen runtime. Owns the window, the deck, the playlist,
 * the schedule and the event loop; sleeps until the next deadline and
 * redraws only when something changed. SDL-side; main.c wires it.
 *
 * Data comes in through two doors: at start (the load hook, else --data DIR,
 * else the bundled demo data), prepared on a start-up thread while the
 * display opens, and later from a source (the feeds layer): its thread only
 * signals kiosk_data_ready, and the kiosk's loop takes the newest data with
 * the source's take hook, so data arriving faster than the kiosk lays it out
 * coalesces. R and SIGUSR1 call the source's refresh hook. Key presses never
 * wait on the source.
 *
 * The loop sleeps until its next deadline, an input event or another
 * thread's event (kiosk_wake), on every video driver (waker.h where SDL's
 * wait polls).
 * It refuses to run on a video driver that shows nothing unless
 * SDL_VIDEODRIVER asked for it (displaycheck.h).
 *
 * The loop's thread reads no local file: the start-up thread reads the
 * first data, the reader's thread the configuration again (SIGHUP) and
 * --data DIR again (R, SIGUSR1). Only kiosk_new reads two, before the
 * window opens: the font files of the deck (fonts.h: fixed system paths). */
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
 * kiosk thread: it must not block; the source calls kiosk_data_ready when
 * new data is there. */
typedef void (*kiosk_refresh_fn)(void *ctx);

/* Takes the source's newest data: *m a new model the kiosk owns, or NULL
 * when only the feed states changed; *fs the states. False when nothing is
 * waiting. Runs on the kiosk thread: must not block on the network or the
 * disk (the feeds layer's feeds_take only moves a pointer under a lock). */
typedef bool (*kiosk_take_fn)(void *ctx, model **m, feedstate_set *fs);

/* Provides the first data: fills *m (the kiosk takes it) and *fs, or
 * returns false (the kiosk then shows --data DIR or the demo data). Runs
 * once, on the start-up thread, during kiosk_new: it must not touch SDL. */
typedef bool (*kiosk_load_fn)(void *ctx, model **m, feedstate_set *fs);

typedef struct {
    bool windowed;
    int width, height;    /* --size; 0: native / default window */
    const char *data_dir; /* --data DIR; NULL: demo data until feeds arrive */
    const config_kiosk
        *settings; /* the "kiosk" object of the configuration (borrowed: must outlive the kiosk) */
    const char *config_path;  /* read again on SIGHUP; NULL: the search order */
    vt_date now;              /* --now; DATE_NONE: today, following the clock */
    kiosk_refresh_fn refresh; /* NULL: reload --data DIR */
    kiosk_take_fn take;       /* NULL: no source */
    void *refresh_ctx;        /* the source's, for refresh and take */
    kiosk_load_fn load;       /* NULL: --data DIR, else the demo data */
    void *load_ctx;
    memgate *gate; /* borrowed, may be NULL: held for each slide transition */
    /* borrowed, may be NULL: main's signal bridge (sigbridge.h), keeping
     * the signals that come before the loop runs; the kiosk attaches its
     * loop to it and detaches in kiosk_free. NULL: the kiosk blocks the
     * signals and starts its own, without SIGTERM's deadline (tests that
     * run a kiosk in their own process). */
    struct sigbridge *signals;
    /* status.h's files, rewritten at each slide change, feed event, pause
     * and screen change (copied; NULL or "": none). */
    const char *status_file, *metrics_file;
    const char *cache_dir; /* the feeds' cache folder, said in the status file; NULL: none */
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

/* Sets the data source once it runs (refresh: R key and SIGUSR1; take:
 * after kiosk_data_ready). Call before kiosk_run. */
void kiosk_set_source(kiosk *k, kiosk_refresh_fn refresh, kiosk_take_fn take, void *ctx);

/* Thread-safe: wakes the loop after another thread's SDL_PushEvent, on the
 * drivers where SDL's own wait cannot be woken (KMS/DRM). */
void kiosk_wake(kiosk *k);

/* Thread-safe and cheap: the source has new data (or new feed states).
 * The kiosk's loop wakes and takes it once, however many calls came
 * before it did. */
void kiosk_data_ready(kiosk *k);

#endif
