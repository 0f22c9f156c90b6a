/* fetch: a batch of transfers driven by one curl multi handle, with every
 * safety limit set (and checked) on each transfer, and plain reads for local
 * paths. The multi handle owns the connection and DNS caches; the easy
 * handles are kept between batches and reset before each transfer. */
#include "fetch.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "vitrine/config.h"
#include "vitrine/fileio.h"
#include "vitrine/log.h"

#define FETCH_INITIAL_CAP ((size_t)64 << 10)
#define FETCH_PROTOCOLS "http,https"
#define FETCH_PROTOCOLS_STR_SINCE 0x075500 /* 7.85.0 */

typedef struct {
    char *data;
    size_t len, cap, max;
    bool too_big;
} body_buf;

/* One transfer at a time: its easy handle (kept between transfers, so it
 * is created once) and what the transfer fills. */
typedef struct {
    CURL *easy;
    bool busy;        /* a transfer runs (the handle is in the multi handle) */
    size_t index;     /* of its request in the batch */
    bool conditional; /* validators were sent */
    size_t max_bytes;
    struct curl_slist *hdrs;
    body_buf body;
    fetch_result res;
    bool headers_done; /* the blank line that ends the (last) response's headers came */
    char errbuf[CURL_ERROR_SIZE];
} slot;

struct fetch {
    CURLM *multi;
    const atomic_bool *cancel;
    char refused[FETCH_ERR_LEN]; /* "": transfers may start; else why none may */
    slot slots[FETCH_MAX_PARALLEL];
};

/* One fetch_all call. */
typedef struct {
    fetch *f;
    size_t n;
    fetch_request reqs[FETCH_MAX_BATCH]; /* as ready() gave them, while they run */
    bool running[FETCH_MAX_BATCH];       /* started, not reported yet */
    size_t active;                       /* transfers running */
    const fetch_hooks *h;
    bool waiting; /* a request is due but no slot is free */
} batch;

/* A refused option names itself; SETOPT returns false from the caller. */
static bool option_refused(const char *name, CURLcode rc, char err[FETCH_ERR_LEN])
{
    snprintf(err, FETCH_ERR_LEN, "curl refused %s (%s)", name, curl_easy_strerror(rc));
    return false;
}

#define SETOPT(handle, option, value)                                                              \
    do {                                                                                           \
        CURLcode setopt_rc_ = curl_easy_setopt((handle), (option), (value));                       \
        if (setopt_rc_ != CURLE_OK)                                                                \
            return option_refused(#option, setopt_rc_, err);                                       \
    } while (0)

/* http and https only, redirects included; false (err set) when this
 * libcurl cannot say so: then nothing may be fetched. */
static bool restrict_protocols(CURL *c, char err[FETCH_ERR_LEN])
{
#if LIBCURL_VERSION_NUM >= FETCH_PROTOCOLS_STR_SINCE
    SETOPT(c, CURLOPT_PROTOCOLS_STR, FETCH_PROTOCOLS);
    SETOPT(c, CURLOPT_REDIR_PROTOCOLS_STR, FETCH_PROTOCOLS);
#else
    SETOPT(c, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
    SETOPT(c, CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    return true;
}

/* Checks, once, what every transfer needs of this libcurl; f->refused says
 * why nothing may be fetched. False when out of memory. */
static bool check_curl(fetch *f)
{
    CURLMcode mc = curl_multi_setopt(f->multi, CURLMOPT_PIPELINING, (long)CURLPIPE_MULTIPLEX);
    if (mc != CURLM_OK) {
        snprintf(f->refused, sizeof f->refused,
                 "not fetched: curl refused CURLMOPT_PIPELINING (%s)", curl_multi_strerror(mc));
    } else {
        if (!(f->slots[0].easy = curl_easy_init()))
            return false;
        char why[FETCH_ERR_LEN];
        if (!restrict_protocols(f->slots[0].easy, why))
            snprintf(f->refused, sizeof f->refused,
                     "not fetched: %.180s, so transfers cannot be limited to http and https", why);
    }
    if (*f->refused)
        log_error("fetch", "%s; no feed is fetched over the network", f->refused);
    return true;
}

fetch *fetch_new(const atomic_bool *cancel, char err[FETCH_ERR_LEN])
{
    /* Reference-counted by curl; balanced in fetch_free. */
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        snprintf(err, FETCH_ERR_LEN, "fetch: curl_global_init failed");
        return NULL;
    }
    fetch *f = calloc(1, sizeof *f);
    if (f)
        f->multi = curl_multi_init();
    if (!f || !f->multi || !check_curl(f)) {
        snprintf(err, FETCH_ERR_LEN, "fetch: cannot create a curl handle");
        fetch_free(f);
        if (!f)
            curl_global_cleanup();
        return NULL;
    }
    f->cancel = cancel;
    return f;
}

void fetch_free(fetch *f)
{
    if (!f)
        return;
    for (int i = 0; i < FETCH_MAX_PARALLEL; i++) {
        slot *s = &f->slots[i]; /* never busy outside fetch_all */
        curl_easy_cleanup(s->easy);
        curl_slist_free_all(s->hdrs);
        free(s->body.data);
    }
    curl_multi_cleanup(f->multi);
    free(f);
    curl_global_cleanup();
}

void fetch_wake(fetch *f)
{
    curl_multi_wakeup(f->multi);
}

void fetch_result_clear(fetch_result *r)
{
    free(r->body);
    memset(r, 0, sizeof *r);
}

static bool cancelled(const fetch *f)
{
    return f->cancel && atomic_load(f->cancel);
}

static size_t on_body(char *ptr, size_t size, size_t nmemb, void *userdata)
{
    body_buf *b = userdata;
    size_t n = size * nmemb;
    if (n > b->max - b->len) {
        b->too_big = true;
        return 0; /* makes curl stop with CURLE_WRITE_ERROR */
    }
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : FETCH_INITIAL_CAP;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->data, cap);
        if (!p)
            return 0;
        b->data = p;
        b->cap = cap;
    }
    memcpy(b->data + b->len, ptr, n);
    b->len += n;
    b->data[b->len] = '\0';
    return n;
}

/* Copies a header value without surrounding blanks and CR/LF. */
static void header_value(const char *v, size_t n, char out[FETCH_VALIDATOR_LEN])
{
    while (n > 0 && (*v == ' ' || *v == '\t'))
        v++, n--;
    while (n > 0 && (v[n - 1] == '\r' || v[n - 1] == '\n' || v[n - 1] == ' '))
        n--;
    if (n >= FETCH_VALIDATOR_LEN)
        n = 0; /* too long to keep: behave as if absent */
    memcpy(out, v, n);
    out[n] = '\0';
}

static size_t on_header(char *line, size_t size, size_t nmemb, void *userdata)
{
    slot *s = userdata;
    fetch_result *r = &s->res;
    size_t n = size * nmemb;
    static const char etag[] = "etag:", lm[] = "last-modified:";
    if (n >= 5 && strncmp(line, "HTTP/", 5) == 0) {
        r->etag[0] = r->last_modified[0] = '\0'; /* a new response (redirect) */
        s->headers_done = false;
    } else if (n <= 2 && (line[0] == '\r' || line[0] == '\n')) {
        s->headers_done = true;
    } else if (n > sizeof etag - 1 && strncasecmp(line, etag, sizeof etag - 1) == 0) {
        header_value(line + sizeof etag - 1, n - (sizeof etag - 1), r->etag);
    } else if (n > sizeof lm - 1 && strncasecmp(line, lm, sizeof lm - 1) == 0) {
        header_value(line + sizeof lm - 1, n - (sizeof lm - 1), r->last_modified);
    }
    return n;
}

/* Appends line; on failure frees the whole list and returns NULL. */
static struct curl_slist *append_header(struct curl_slist *h, const char *line)
{
    struct curl_slist *n = curl_slist_append(h, line);
    if (!n)
        curl_slist_free_all(h);
    return n;
}

static struct curl_slist *request_headers(const char *etag, const char *last_modified)
{
    char line[FETCH_VALIDATOR_LEN + 32];
    struct curl_slist *h = append_header(NULL, "Accept: application/json");
    if (h && etag && *etag) {
        snprintf(line, sizeof line, "If-None-Match: %s", etag);
        h = append_header(h, line);
    }
    if (h && last_modified && *last_modified) {
        snprintf(line, sizeof line, "If-Modified-Since: %s", last_modified);
        h = append_header(h, line);
    }
    return h;
}

/* Every option of one transfer; false with err naming the one refused. */
static bool set_options(slot *s, const fetch_request *q, char err[FETCH_ERR_LEN])
{
    CURL *c = s->easy;
    const fetch_limits *lim = &q->lim;
    /* Waiting for a connection that may multiplex only pays off where
     * HTTP/2 can be agreed before the request (TLS): on plain http it would
     * hold the other transfers until the first one's response starts. */
    long pipewait = strncasecmp(q->url, "https://", 8) == 0 ? 1L : 0L;
    curl_easy_reset(c);
    if (!restrict_protocols(c, err))
        return false;
    SETOPT(c, CURLOPT_URL, q->url);
    SETOPT(c, CURLOPT_FOLLOWLOCATION, 1L);
    SETOPT(c, CURLOPT_MAXREDIRS, FETCH_MAX_REDIRECTS);
    SETOPT(c, CURLOPT_ACCEPT_ENCODING, ""); /* every encoding curl decodes */
    SETOPT(c, CURLOPT_CONNECTTIMEOUT_MS, lim->connect_timeout_ms);
    SETOPT(c, CURLOPT_TIMEOUT_MS, lim->timeout_ms);
    SETOPT(c, CURLOPT_LOW_SPEED_LIMIT, lim->low_speed_limit_bps);
    SETOPT(c, CURLOPT_LOW_SPEED_TIME, lim->low_speed_time_s);
    SETOPT(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)lim->max_bytes);
    SETOPT(c, CURLOPT_SSL_VERIFYPEER, 1L);
    SETOPT(c, CURLOPT_SSL_VERIFYHOST, 2L);
    SETOPT(c, CURLOPT_USERAGENT, FETCH_USER_AGENT);
    SETOPT(c, CURLOPT_NOSIGNAL, 1L); /* no SIGALRM in a threaded program */
    SETOPT(c, CURLOPT_PIPEWAIT, pipewait);
    SETOPT(c, CURLOPT_HTTPHEADER, s->hdrs);
    SETOPT(c, CURLOPT_WRITEFUNCTION, on_body);
    SETOPT(c, CURLOPT_WRITEDATA, &s->body);
    SETOPT(c, CURLOPT_HEADERFUNCTION, on_header);
    SETOPT(c, CURLOPT_HEADERDATA, s);
    SETOPT(c, CURLOPT_ERRORBUFFER, s->errbuf);
    return true;
}

/* True when the transfer's last url (after redirects) is http(s): a
 * CURLE_UNSUPPORTED_PROTOCOL there is a broken reply, not a refused
 * scheme. */
static bool http_url(CURL *easy)
{
    char *url = NULL;
    if (curl_easy_getinfo(easy, CURLINFO_EFFECTIVE_URL, &url) != CURLE_OK || !url)
        return false;
    return strncasecmp(url, "http://", 7) == 0 || strncasecmp(url, "https://", 8) == 0;
}

static fetch_status transfer_failed(CURLcode rc, const slot *s, fetch_result *out)
{
    const char *why = *s->errbuf ? s->errbuf : curl_easy_strerror(rc);
    if (s->body.too_big || rc == CURLE_FILESIZE_EXCEEDED)
        snprintf(out->error, FETCH_ERR_LEN, "body larger than max_bytes (%zu), transfer stopped",
                 s->max_bytes);
    else if (rc == CURLE_UNSUPPORTED_PROTOCOL && !http_url(s->easy))
        snprintf(out->error, FETCH_ERR_LEN, "refused (only http and https are allowed): %.160s",
                 why);
    else if (rc == CURLE_UNSUPPORTED_PROTOCOL) /* curl's code for a reply with no status line */
        snprintf(out->error, FETCH_ERR_LEN, "not an HTTP response: %.160s", why);
    else if (rc == CURLE_WRITE_ERROR)
        snprintf(out->error, FETCH_ERR_LEN, "out of memory receiving the body");
    else if (rc == CURLE_OUT_OF_MEMORY && !s->headers_done)
        /* What curl 7.x answers, without a message, to one header line
         * over its limit (a larger total has a message of its own). */
        snprintf(out->error, FETCH_ERR_LEN,
                 "response refused: a header line larger than curl's limit (%d bytes)",
                 CURL_MAX_HTTP_HEADER);
    else
        snprintf(out->error, FETCH_ERR_LEN, "%s", why);
    return FETCH_FAILED;
}

/* What a finished transfer brought. */
static fetch_status outcome(slot *s, CURLcode rc)
{
    fetch_result *out = &s->res;
    if (curl_easy_getinfo(s->easy, CURLINFO_RESPONSE_CODE, &out->http_code) != CURLE_OK)
        out->http_code = 0;
    if (rc != CURLE_OK)
        return transfer_failed(rc, s, out);
    if (out->http_code == 304 && s->conditional)
        return FETCH_NOT_MODIFIED;
    if (out->http_code != 200) {
        snprintf(out->error, FETCH_ERR_LEN, "HTTP %ld", out->http_code);
        return FETCH_FAILED;
    }
    out->body = s->body.data ? s->body.data : calloc(1, 1);
    out->len = s->body.len;
    s->body.data = NULL;
    return out->body ? FETCH_OK : FETCH_NOMEM;
}

/* Hands a slot's outcome to the caller and frees the slot for the next
 * transfer (its easy handle stays). */
static void report(batch *b, slot *s, fetch_status st)
{
    if (s->busy) {
        curl_multi_remove_handle(b->f->multi, s->easy);
        s->busy = false;
        b->active--;
    }
    b->running[s->index] = false;
    b->h->done(b->h->ctx, s->index, st, &s->res);
    fetch_result_clear(&s->res);
    free(s->body.data);
    s->body = (body_buf){0};
    curl_slist_free_all(s->hdrs);
    s->hdrs = NULL;
}

/* Starts request i in the free slot s; false with s->res.error set (and
 * *st) when it cannot start. */
static bool start(batch *b, slot *s, size_t i, fetch_status *st)
{
    const fetch_request *q = &b->reqs[i];
    memset(&s->res, 0, sizeof s->res);
    s->body = (body_buf){.max = q->lim.max_bytes};
    s->errbuf[0] = '\0';
    s->headers_done = false;
    s->index = i;
    s->max_bytes = q->lim.max_bytes;
    s->conditional = (q->etag && *q->etag) || (q->last_modified && *q->last_modified);
    *st = FETCH_FAILED;
    if (*b->f->refused) {
        snprintf(s->res.error, FETCH_ERR_LEN, "%s", b->f->refused);
        return false;
    }
    if ((!s->easy && !(s->easy = curl_easy_init())) ||
        !(s->hdrs = request_headers(q->etag, q->last_modified))) {
        snprintf(s->res.error, FETCH_ERR_LEN, "out of memory");
        *st = FETCH_NOMEM;
        return false;
    }
    if (!set_options(s, q, s->res.error))
        return false;
    CURLMcode mc = curl_multi_add_handle(b->f->multi, s->easy);
    if (mc != CURLM_OK) {
        snprintf(s->res.error, FETCH_ERR_LEN, "curl_multi_add_handle: %s", curl_multi_strerror(mc));
        return false;
    }
    s->busy = true;
    b->active++;
    return true;
}

static slot *free_slot(fetch *f)
{
    for (int i = 0; i < FETCH_MAX_PARALLEL; i++)
        if (!f->slots[i].busy)
            return &f->slots[i];
    return NULL;
}

/* Asks the caller whether request i starts now (and what it is). */
static bool due(batch *b, size_t i)
{
    return !b->running[i] && b->h->ready(b->h->ctx, i, &b->reqs[i]);
}

static fetch_status read_file(const fetch_request *q, fetch_result *out)
{
    char err[FILEIO_ERR_LEN];
    if (fileio_read(q->url, q->lim.max_bytes, &out->body, &out->len, err) != FILEIO_OK) {
        snprintf(out->error, FETCH_ERR_LEN, "%s", err);
        return FETCH_FAILED;
    }
    return FETCH_OK;
}

/* Reports request i without a transfer: a local read. */
static void report_now(batch *b, size_t i)
{
    fetch_result res = {0};
    fetch_status st = FETCH_FAILED;
    if (cancelled(b->f))
        st = FETCH_CANCELLED, snprintf(res.error, FETCH_ERR_LEN, "cancelled");
    else
        st = read_file(&b->reqs[i], &res);
    b->h->done(b->h->ctx, i, st, &res);
    fetch_result_clear(&res);
}

/* Starts the requests that are due: local paths are read, http(s) ones
 * handed to curl while a slot is free. */
static void start_due(batch *b)
{
    b->waiting = false;
    for (size_t i = 0; i < b->n; i++) {
        slot *s = free_slot(b->f);
        if (!s) { /* asked again when a transfer ends */
            b->waiting = true;
            return;
        }
        if (!due(b, i))
            continue;
        if (!config_url_is_http(b->reqs[i].url)) {
            report_now(b, i);
            continue;
        }
        b->running[i] = true;
        fetch_status st;
        if (!start(b, s, i, &st))
            report(b, s, st);
    }
}

/* Reports every transfer running as cancelled (requests not started are
 * not reported). */
static void cancel_all(batch *b)
{
    for (int i = 0; i < FETCH_MAX_PARALLEL; i++) {
        slot *s = &b->f->slots[i];
        if (s->busy) {
            snprintf(s->res.error, FETCH_ERR_LEN, "cancelled");
            report(b, s, FETCH_CANCELLED);
        }
    }
}

/* The multi handle itself failed: every transfer running fails. */
static void fail_running(batch *b, CURLMcode mc)
{
    for (int i = 0; i < FETCH_MAX_PARALLEL; i++) {
        slot *s = &b->f->slots[i];
        if (s->busy) {
            snprintf(s->res.error, FETCH_ERR_LEN, "curl: %s", curl_multi_strerror(mc));
            report(b, s, mc == CURLM_OUT_OF_MEMORY ? FETCH_NOMEM : FETCH_FAILED);
        }
    }
}

static slot *slot_of(fetch *f, const CURL *easy)
{
    for (int i = 0; i < FETCH_MAX_PARALLEL; i++)
        if (f->slots[i].busy && f->slots[i].easy == easy)
            return &f->slots[i];
    return NULL;
}

/* Reports the transfers that ended; true when any did. */
static bool reap(batch *b)
{
    bool any = false;
    int left;
    CURLMsg *m;
    while ((m = curl_multi_info_read(b->f->multi, &left))) {
        slot *s = m->msg == CURLMSG_DONE ? slot_of(b->f, m->easy_handle) : NULL;
        if (!s)
            continue;
        CURLcode rc = m->data.result; /* m dies with curl_multi_remove_handle */
        report(b, s, outcome(s, rc));
        any = true;
    }
    return any;
}

/* Moves the transfers on, then waits for the network, a timer of curl's,
 * fetch_wake or FETCH_POLL_MS, whichever comes first. */
static void drive(batch *b)
{
    int running;
    CURLMcode mc = curl_multi_perform(b->f->multi, &running);
    bool ended = mc == CURLM_OK && reap(b);
    bool waiting = ended && b->waiting; /* a slot may have freed for it */
    if (mc == CURLM_OK && b->active && !waiting)
        mc = curl_multi_poll(b->f->multi, NULL, 0, FETCH_POLL_MS, NULL);
    if (mc != CURLM_OK)
        fail_running(b, mc);
}

void fetch_all(fetch *f, size_t n, const fetch_hooks *h)
{
    batch b = {.f = f, .n = n < FETCH_MAX_BATCH ? n : FETCH_MAX_BATCH, .h = h};
    if (n > FETCH_MAX_BATCH)
        log_error("fetch", "%zu requests in one batch: the last %zu are not fetched (at most %d)",
                  n, n - FETCH_MAX_BATCH, FETCH_MAX_BATCH);
    for (;;) {
        if (cancelled(f)) {
            cancel_all(&b);
            return;
        }
        start_due(&b); /* local reads and failed starts are reported at once */
        if (!b.active)
            return; /* nothing runs, nothing is due */
        drive(&b);
        if (h->tick)
            h->tick(h->ctx);
    }
}
