/* fetch: one download of one feed, with libcurl for http(s) URLs or a plain
 * read for a local path. The only module that includes curl.
 *
 * HTTP transfers are conditional (If-None-Match / If-Modified-Since from the
 * validators given), accept compressed bodies, verify TLS, allow only http
 * and https (redirects too, at most FETCH_MAX_REDIRECTS), send a User-Agent
 * naming Vitrine and its version, and stop on the connect timeout, the
 * overall timeout, a speed below the low-speed limit, a body over
 * max_bytes (counted after decompression) or cancellation.
 *
 * A fetch value owns one curl handle (connection reuse between feeds) and is
 * used by one thread at a time. */
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

typedef struct {
    long connect_timeout_ms;
    long timeout_ms;
    long low_speed_limit_bps;
    long low_speed_time_s;
    size_t max_bytes;
} fetch_limits;

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

typedef struct fetch fetch;

/* cancel (borrowed, may be NULL) aborts a transfer in progress when it
 * becomes true. NULL with a reason in err when curl cannot start. */
fetch *fetch_new(const atomic_bool *cancel, char err[FETCH_ERR_LEN]);
void fetch_free(fetch *f); /* accepts NULL */

/* Fetches url; http(s) URLs use etag / last_modified (may be "" or NULL) as
 * validators; anything else is a local path read with the same size cap.
 * out is overwritten; release it with fetch_result_clear. */
fetch_status fetch_get(fetch *f, const char *url, const char *etag, const char *last_modified,
                       const fetch_limits *lim, fetch_result *out);
void fetch_result_clear(fetch_result *r);

#endif
