/* feeds: live data for the screens. Owns the cache, the fetcher and a
 * background thread; hands the main thread complete snapshots. SDL-free.
 *
 * Contract:
 * - feeds_new reads each feed's cached copy metadata (no network).
 * - feeds_load builds a snapshot synchronously from the cache (or the
 *   bundled demo data for feeds without a usable copy): the instant start-up
 *   path, and the final step of --dump-stats.
 * - feeds_refresh_all fetches every fetchable feed once, synchronously (for
 *   --dump-stats), all at once like the thread: it returns when the slowest
 *   transfer ends, each bounded by its feed's timeouts. Never with the
 *   thread running.
 * - feeds_start runs the fetch thread. It fetches each feed when it is due,
 *   in parallel with the transfers already running, over one pool of
 *   connections reused while they stay open: a stalled feed delays no other
 *   feed's transfer, nor its start. When data or a feed's state changed it
 *   stores a snapshot in a one-slot mailbox (a newer one replaces an
 *   untaken one), at the latest FEEDS_PUBLISH_WAIT_MS after the change
 *   while other transfers run, and calls notify(userdata) from the fetch
 *   thread, with no lock held: notify must be thread-safe and quick
 *   (kiosk_data_ready). R and SIGUSR1 (feeds_refresh_now) take effect
 *   during a running batch too.
 * - feeds_take never waits on the network or the disk: it moves the
 *   mailbox's content to the caller. *m is a new model the caller owns (free
 *   with model_free), or NULL when only the feed states changed.
 * - feeds_refresh_now wakes the thread to refresh every feed at once (R key,
 *   SIGUSR1; it only sets a flag, so it is safe from any thread). Requests
 *   made while a requested refresh is pending, within
 *   FEEDS_REQUEST_JOIN_MS of it, join it: a burst is one refresh.
 * - feeds_free stops the thread (the transfers in progress are aborted at
 *   once, stalled or not) and frees everything, including an untaken
 *   snapshot.
 * - offline: http(s) feeds are never fetched (no connection is opened);
 *   local-path feeds are still read. */
#ifndef VITRINE_FEEDS_H
#define VITRINE_FEEDS_H

#include <stdbool.h>
#include <stddef.h>

#include "vitrine/config.h"
#include "vitrine/feedstate.h"
#include "vitrine/memgate.h"
#include "vitrine/model.h"

#define FEEDS_ERR_LEN 512
#define FEEDS_LINE_LEN 400
/* While a batch of transfers runs, new data waits at most this long for
 * the other transfers before it is published (one snapshot for several
 * feeds that end close together; a stalled one does not hold it back). */
#define FEEDS_PUBLISH_WAIT_MS 3000
/* A refresh request within this time of a requested refresh still pending
 * joins it (a burst of R or SIGUSR1 is one refresh); a later one starts
 * another (a stalled feed never holds R back for long). */
#define FEEDS_REQUEST_JOIN_MS 1000

typedef struct feeds feeds;

typedef enum { FEEDS_OK = 0, FEEDS_FAILED, FEEDS_NOMEM } feeds_status;
typedef void (*feeds_notify_fn)(void *userdata);

/* cfg is copied. NULL with err set on allocation failure or when curl
 * cannot start; an unusable cache directory is logged, not fatal. */
feeds *feeds_new(const config *cfg, bool offline, char err[FEEDS_ERR_LEN]);
void feeds_free(feeds *f); /* accepts NULL */

feeds_status feeds_load(feeds *f, model **m, feedstate_set *fs, char err[FEEDS_ERR_LEN]);
void feeds_refresh_all(feeds *f);
feeds_status feeds_start(feeds *f, feeds_notify_fn notify, void *userdata, char err[FEEDS_ERR_LEN]);
/* The gate the fetch thread holds while it parses new data (memgate.h),
 * shared with the kiosk's transitions; borrowed, must outlive the thread.
 * Set before feeds_start. */
void feeds_set_gate(feeds *f, memgate *gate);
bool feeds_take(feeds *f, model **m, feedstate_set *fs);
void feeds_refresh_now(feeds *f);

/* True when every feed that has data has real data (fresh, cached or
 * local) and every required feed has data: --dump-stats exits 0. */
bool feeds_all_real(const feedstate_set *fs);
/* vitrine --accept FEED: the feed's held body in cache_dir (a body the
 * plausibility guard refused, README "Cache") becomes its last good copy,
 * marked accepted, durably; a kiosk running on that cache takes it at its
 * next refresh (SIGUSR1 makes that now). FEEDS_OK with one line in out
 * saying what was taken in; otherwise one line in err (no held body, a
 * damaged one, a cache that cannot be written). */
feeds_status feeds_accept(const char *cache_dir, feed_id feed, char out[FEEDS_LINE_LEN],
                          char err[FEEDS_ERR_LEN]);
/* One line describing a feed that is not fresh ("" for a fresh one), e.g.
 * "[startups] not refreshed (HTTP 500); cached copy of 2026-08-20 10:00 UTC". */
void feeds_describe(feed_id feed, const feedstate *st, char out[FEEDS_LINE_LEN]);

#endif
