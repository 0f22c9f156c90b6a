/* fetch: libcurl easy transfers with every safety limit set on each call
 * (curl_easy_reset keeps the connection cache, so refreshes reuse
 * connections), and plain reads for local paths. */
#include "fetch.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "vitrine/config.h"
#include "vitrine/fileio.h"

#define FETCH_INITIAL_CAP ((size_t)64 << 10)
#define FETCH_PROTOCOLS "http,https"

struct fetch {
    CURL *curl;
    const atomic_bool *cancel;
};

typedef struct {
    char *data;
    size_t len, cap, max;
    bool too_big;
} body_buf;

fetch *fetch_new(const atomic_bool *cancel, char err[FETCH_ERR_LEN])
{
    /* Reference-counted by curl; balanced in fetch_free. */
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        snprintf(err, FETCH_ERR_LEN, "fetch: curl_global_init failed");
        return NULL;
    }
    fetch *f = calloc(1, sizeof *f);
    if (f)
        f->curl = curl_easy_init();
    if (!f || !f->curl) {
        snprintf(err, FETCH_ERR_LEN, "fetch: cannot create a curl handle");
        free(f);
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
    curl_easy_cleanup(f->curl);
    free(f);
    curl_global_cleanup();
}

void fetch_result_clear(fetch_result *r)
{
    free(r->body);
    memset(r, 0, sizeof *r);
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
    fetch_result *r = userdata;
    size_t n = size * nmemb;
    static const char etag[] = "etag:", lm[] = "last-modified:";
    if (n >= 5 && strncmp(line, "HTTP/", 5) == 0) {
        r->etag[0] = r->last_modified[0] = '\0'; /* a new response (redirect) */
    } else if (n > sizeof etag - 1 && strncasecmp(line, etag, sizeof etag - 1) == 0) {
        header_value(line + sizeof etag - 1, n - (sizeof etag - 1), r->etag);
    } else if (n > sizeof lm - 1 && strncasecmp(line, lm, sizeof lm - 1) == 0) {
        header_value(line + sizeof lm - 1, n - (sizeof lm - 1), r->last_modified);
    }
    return n;
}

static int on_progress(void *userdata, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                       curl_off_t ulnow)
{
    (void)dltotal;
    (void)dlnow;
    (void)ultotal;
    (void)ulnow;
    const atomic_bool *cancel = userdata;
    return cancel && atomic_load(cancel) ? 1 : 0;
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

static void set_options(fetch *f, const char *url, const fetch_limits *lim, struct curl_slist *hdrs,
                        body_buf *b, fetch_result *out, char *errbuf)
{
    CURL *c = f->curl;
    curl_easy_reset(c);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, FETCH_PROTOCOLS);
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, FETCH_PROTOCOLS);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, FETCH_MAX_REDIRECTS);
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, ""); /* every encoding curl decodes */
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, lim->connect_timeout_ms);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, lim->timeout_ms);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, lim->low_speed_limit_bps);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, lim->low_speed_time_s);
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)lim->max_bytes);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(c, CURLOPT_USERAGENT, FETCH_USER_AGENT);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L); /* no SIGALRM in a threaded program */
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, b);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, out);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, (void *)f->cancel);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
}

static fetch_status transfer_failed(CURLcode rc, const body_buf *b, const char *errbuf, size_t max,
                                    fetch_result *out)
{
    if (rc == CURLE_ABORTED_BY_CALLBACK) {
        snprintf(out->error, FETCH_ERR_LEN, "cancelled");
        return FETCH_CANCELLED;
    }
    if (b->too_big || rc == CURLE_FILESIZE_EXCEEDED)
        snprintf(out->error, FETCH_ERR_LEN, "body larger than max_bytes (%zu), transfer stopped",
                 max);
    else if (rc == CURLE_UNSUPPORTED_PROTOCOL)
        snprintf(out->error, FETCH_ERR_LEN, "refused (only http and https are allowed): %.160s",
                 *errbuf ? errbuf : curl_easy_strerror(rc));
    else if (rc == CURLE_WRITE_ERROR)
        snprintf(out->error, FETCH_ERR_LEN, "out of memory receiving the body");
    else
        snprintf(out->error, FETCH_ERR_LEN, "%s", *errbuf ? errbuf : curl_easy_strerror(rc));
    return FETCH_FAILED;
}

static fetch_status fetch_http(fetch *f, const char *url, const char *etag,
                               const char *last_modified, const fetch_limits *lim,
                               fetch_result *out)
{
    struct curl_slist *hdrs = request_headers(etag, last_modified);
    if (!hdrs) {
        snprintf(out->error, FETCH_ERR_LEN, "out of memory");
        return FETCH_NOMEM;
    }
    body_buf b = {.max = lim->max_bytes};
    char errbuf[CURL_ERROR_SIZE] = "";
    set_options(f, url, lim, hdrs, &b, out, errbuf);
    CURLcode rc = curl_easy_perform(f->curl);
    curl_easy_getinfo(f->curl, CURLINFO_RESPONSE_CODE, &out->http_code);
    curl_slist_free_all(hdrs);
    fetch_status st;
    bool conditional = (etag && *etag) || (last_modified && *last_modified);
    if (rc != CURLE_OK) {
        st = transfer_failed(rc, &b, errbuf, lim->max_bytes, out);
    } else if (out->http_code == 304 && conditional) {
        st = FETCH_NOT_MODIFIED;
    } else if (out->http_code != 200) {
        snprintf(out->error, FETCH_ERR_LEN, "HTTP %ld", out->http_code);
        st = FETCH_FAILED;
    } else {
        out->body = b.data ? b.data : calloc(1, 1);
        out->len = b.len;
        b.data = NULL;
        st = out->body ? FETCH_OK : FETCH_NOMEM;
    }
    free(b.data);
    return st;
}

static fetch_status fetch_file(const char *path, const fetch_limits *lim, fetch_result *out)
{
    char err[FILEIO_ERR_LEN];
    if (fileio_read(path, lim->max_bytes, &out->body, &out->len, err) != FILEIO_OK) {
        snprintf(out->error, FETCH_ERR_LEN, "%s", err);
        return FETCH_FAILED;
    }
    return FETCH_OK;
}

fetch_status fetch_get(fetch *f, const char *url, const char *etag, const char *last_modified,
                       const fetch_limits *lim, fetch_result *out)
{
    memset(out, 0, sizeof *out);
    if (f->cancel && atomic_load(f->cancel)) {
        snprintf(out->error, FETCH_ERR_LEN, "cancelled");
        return FETCH_CANCELLED;
    }
    return config_url_is_http(url) ? fetch_http(f, url, etag, last_modified, lim, out)
                                   : fetch_file(url, lim, out);
}
