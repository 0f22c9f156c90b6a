/* fetch: the downloads of the feeds, all at once: libcurl for http(s) URLs,
 * a plain read for a local path. The only module that includes curl.
 *
 * fetch_all runs a batch of requests in parallel through one curl multi
 * handle: each transfer has its own limits and ends on its own, so a stalled
 * or slow feed never delays another. A request starts when the caller's
 * ready hook says it is due, also while other transfers of the batch run: a
 * feed that falls due during another's stall starts at once. The batch
 * lasts while transfers run. The multi handle and its easy handles live as long as the fetch
 * value, so connections (and DNS answers) are reused from one batch to the
 * next while curl keeps them open, and transfers to one https host share one
 * HTTP/2 connection when the server offers it.
 *
 * HTTP transfers are conditional (If-None-Match / If-Modified-Since from the
 * validators given), accept compressed bodies, verify TLS, allow only http
 * and https (redirects too, at most FETCH_MAX_REDIRECTS), send a User-Agent
 * naming Vitrine and its version, and stop on the connect timeout, the
 * overall timeout, a speed below the low-speed limit, a body over
 * max_bytes (counted after decompression) or cancellation. Every curl option
 * is checked: a transfer whose options cannot all be set is not started and
 * fails with one line naming the option. When this libcurl cannot restrict
 * transfers to http and https, fetch_new logs it once (log_error) and every
 * http(s) request fails: nothing is fetched unrestricted.
 *
 * Cancellation: when the cancel flag becomes true, the transfers in progress
 * are aborted within FETCH_POLL_MS, at once after fetch_wake.
 *
 * A fetch value is used by one thread at a time (fetch_wake excepted). */
#ifndef VITRINE_FETCH_H
#define VITRINE_FETCH_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "vitrine/cachemeta.h"

#define FETCH_ERR_LEN 256
#define FETCH_VALIDATOR_LEN CACHEMETA_VALIDATOR_LEN /* kept in the cache's metadata */
#define FETCH_MAX_REDIRECTS 3L
#define FETCH_USER_AGENT "Vitrine/" VITRINE_VERSION " (lobby screen; +https://beta.gouv.fr)"
#define FETCH_MAX_PARALLEL 8 /* transfers at once; more requests wait for a free one */
#define FETCH_POLL_MS 200    /* longest wait before the cancel flag and the hooks are looked at */
#define FETCH_MAX_BATCH 32   /* requests of one fetch_all; more are logged and not fetched */

typedef struct {
    long connect_timeout_ms;
    long timeout_ms;
    long low_speed_limit_bps;
    long low_speed_time_s;
    size_t max_bytes;
} fetch_limits;

/* One download. The strings are borrowed for the length of the call. */
typedef struct {
    const char *url;           /* http(s) URL, or else a local path */
    const char *etag;          /* validators sent with an http(s) request; */
    const char *last_modified; /* NULL or "" for none */
    fetch_limits lim;
} fetch_request;

typedef enum {
    FETCH_OK = 0,       /* body holds a complete new body */
    FETCH_NOT_MODIFIED, /* 304: the cached copy is still current */
    FETCH_FAILED,       /* error holds one line: "HTTP 500", "timed out after..." */
    FETCH_CANCELLED,    /* the cancel flag was raised */
    FETCH_NOMEM
} fetch_status;

typedef struct {
    char *body; /* malloc'ed, NUL-terminated (FETCH_OK only) */
    size_t len;
    long http_code; /* 0 for a local file or no response */
    char etag[FETCH_VALIDATOR_LEN];
    char last_modified[FETCH_VALIDATOR_LEN];
    char error[FETCH_ERR_LEN];
} fetch_result;

/* Called on fetch_all's thread once per request, as soon as it ends (in
 * the order they end), with the index of the request. res is cleared
 * (fetch_result_clear) when the call returns: a callback that keeps the
 * body moves it out and sets res->body to NULL. No transfer makes progress
 * during the call. */
typedef void (*fetch_done_fn)(void *ctx, size_t index, fetch_status st, fetch_result *res);

/* What fetch_all calls back, on its thread, with ctx:
 * - ready(ctx, i, req): request i (0 <= i < n) starts now: fills *req and
 *   returns true; false while it is not due. Asked for every request not
 *   running, at each turn (at least every FETCH_POLL_MS while transfers
 *   run); a request reported may start again when ready says so. The
 *   strings of *req are borrowed until its done call;
 * - done: as above, once per start;
 * - tick(ctx) (may be NULL): after each wait, at least every FETCH_POLL_MS
 *   while transfers run (the feeds publish new data from there). */
typedef struct {
    bool (*ready)(void *ctx, size_t index, fetch_request *req);
    fetch_done_fn done;
    void (*tick)(void *ctx);
    void *ctx;
} fetch_hooks;

typedef struct fetch fetch;

/* cancel (borrowed, may be NULL) aborts the transfers in progress when it
 * becomes true. NULL with a reason in err when curl cannot start. */
fetch *fetch_new(const atomic_bool *cancel, char err[FETCH_ERR_LEN]);
void fetch_free(fetch *f); /* accepts NULL */

/* Runs requests 0..n-1, each as soon as ready says so, in parallel (local
 * paths are read, not transferred), and returns when no transfer runs and
 * none is ready: done has been called once per start. */
void fetch_all(fetch *f, size_t n, const fetch_hooks *h);
void fetch_result_clear(fetch_result *r);
/* Makes a fetch_all running on another thread look at the cancel flag now
 * rather than within FETCH_POLL_MS. Thread-safe; f must be alive. */
void fetch_wake(fetch *f);

#endif
