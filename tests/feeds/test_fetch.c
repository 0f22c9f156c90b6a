/* fetch: every curl option is checked (a refused one stops the transfer
 * before any connection, naming the option; a libcurl that cannot limit
 * transfers to http and https fetches nothing over the network), requests
 * run in parallel (more than FETCH_MAX_PARALLEL wait for a free transfer,
 * each is reported once), and cancellation stops a stalled batch at once.
 *
 * The seam: this executable defines curl_easy_setopt and curl_multi_setopt,
 * which the static feeds library then calls instead of libcurl's; they
 * record the options set and refuse the one under test, and forward the
 * others to libcurl (dlsym RTLD_NEXT). No real libcurl refuses
 * CURLOPT_PROTOCOLS_STR since 7.85; this is how that path runs at all. */
#define _GNU_SOURCE
#define CURL_DISABLE_TYPECHECK /* plain prototypes, to define them here */
#include <curl/curl.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "test.h"

#include "feedtest.h"
#include "vitrine/vclock.h"

#define MAX_RECORDED 64
#define NO_OPTION (-1)

static int refuse_easy = NO_OPTION;  /* the CURLoption refused, or NO_OPTION */
static int refuse_multi = NO_OPTION; /* the CURLMoption refused, or NO_OPTION */
static int recorded[MAX_RECORDED];   /* distinct easy options set, in order */
static int n_recorded;

static void record(int option)
{
    for (int i = 0; i < n_recorded; i++)
        if (recorded[i] == option)
            return;
    if (n_recorded < MAX_RECORDED)
        recorded[n_recorded++] = option;
}

/* The option's argument has the type its number says (curl.h CURLOPTTYPE_*). */
CURLcode curl_easy_setopt(CURL *curl, CURLoption option, ...)
{
    static CURLcode (*real)(CURL *, CURLoption, ...);
    if (!real)
        *(void **)&real = dlsym(RTLD_NEXT, "curl_easy_setopt");
    record((int)option);
    if ((int)option == refuse_easy)
        return CURLE_UNKNOWN_OPTION;
    va_list ap;
    va_start(ap, option);
    CURLcode rc;
    if (option < CURLOPTTYPE_OBJECTPOINT)
        rc = real(curl, option, va_arg(ap, long));
    else if (option < CURLOPTTYPE_FUNCTIONPOINT)
        rc = real(curl, option, va_arg(ap, void *));
    else if (option < CURLOPTTYPE_OFF_T)
        rc = real(curl, option, va_arg(ap, void (*)(void)));
    else if (option < CURLOPTTYPE_BLOB)
        rc = real(curl, option, va_arg(ap, curl_off_t));
    else
        rc = real(curl, option, va_arg(ap, void *));
    va_end(ap);
    return rc;
}

CURLMcode curl_multi_setopt(CURLM *multi, CURLMoption option, ...)
{
    static CURLMcode (*real)(CURLM *, CURLMoption, ...);
    if (!real)
        *(void **)&real = dlsym(RTLD_NEXT, "curl_multi_setopt");
    if ((int)option == refuse_multi)
        return CURLM_UNKNOWN_OPTION;
    va_list ap;
    va_start(ap, option);
    CURLMcode rc;
    if (option < CURLOPTTYPE_OBJECTPOINT)
        rc = real(multi, option, va_arg(ap, long));
    else if (option < CURLOPTTYPE_FUNCTIONPOINT)
        rc = real(multi, option, va_arg(ap, void *));
    else if (option < CURLOPTTYPE_OFF_T)
        rc = real(multi, option, va_arg(ap, void (*)(void)));
    else
        rc = real(multi, option, va_arg(ap, curl_off_t));
    va_end(ap);
    return rc;
}

/* Connections made to the listener since the last call. */
static int connections(int s)
{
    int n = 0, c;
    while ((c = accept(s, NULL, NULL)) >= 0) {
        close(c);
        n++;
    }
    CHECK(errno == EAGAIN || errno == EWOULDBLOCK);
    return n;
}

static fetch_request request(const char *url, long timeout_ms)
{
    return (fetch_request){.url = url,
                           .etag = "\"v1\"",
                           .lim = {.connect_timeout_ms = 2000,
                                   .timeout_ms = timeout_ms,
                                   .low_speed_limit_bps = 1,
                                   .low_speed_time_s = 60,
                                   .max_bytes = 1 << 20}};
}

/* One request with a fetch of its own (made while refuse_* are refused). */
static fetch_status get_once(const char *url, fetch_result *res)
{
    char err[FETCH_ERR_LEN];
    fetch *f = fetch_new(NULL, err);
    CHECK(f != NULL);
    if (!f)
        return FETCH_NOMEM;
    fetch_request q = request(url, 2000);
    fetch_status st = feedtest_fetch(f, &q, res);
    fetch_free(f);
    return st;
}

static void every_option_is_checked(void)
{
    int s, port;
    s = feedtest_listener(&port);
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/x.json", port);
    n_recorded = 0;
    fetch_result res;
    CHECK_INT(get_once(url, &res), FETCH_FAILED); /* times out: records the options */
    fetch_result_clear(&res);
    CHECK_INT(connections(s), 1);
    CHECK(n_recorded >= 20); /* every limit, callback and header */
    int options[MAX_RECORDED], n = n_recorded;
    memcpy(options, recorded, sizeof options);
    for (int i = 0; i < n; i++) {
        refuse_easy = options[i];
        fetch_status st = get_once(url, &res);
        CHECK_INT(st, FETCH_FAILED);
        bool named = strstr(res.error, "curl refused CURLOPT_") != NULL;
        CHECK(named);
        if (!named)
            fprintf(stderr, "option %d refused: \"%s\"\n", options[i], res.error);
        CHECK_INT(connections(s), 0); /* never fetched with an option missing */
        fetch_result_clear(&res);
    }
    refuse_easy = NO_OPTION;
    close(s);
}

/* fetch_new's log line goes to stderr: captured in a file for a moment. */
static void capture_stderr(FILE *to, int *saved)
{
    fflush(stderr);
    *saved = dup(2);
    dup2(fileno(to), 2);
}

static void restore_stderr(int saved)
{
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
}

static int lines_with(FILE *f, const char *a, const char *b)
{
    char line[512];
    int n = 0;
    rewind(f);
    while (fgets(line, sizeof line, f))
        n += strstr(line, a) && strstr(line, b);
    return n;
}

static void no_protocol_limit_no_fetch(void)
{
    static const int limits[] = {CURLOPT_PROTOCOLS_STR, CURLOPT_REDIR_PROTOCOLS_STR};
    static const char *const names[] = {"CURLOPT_PROTOCOLS_STR", "CURLOPT_REDIR_PROTOCOLS_STR"};
    int s, port;
    s = feedtest_listener(&port);
    char url[64], local[] = "/tmp/vitrine-fetch-XXXXXX";
    snprintf(url, sizeof url, "http://127.0.0.1:%d/x.json", port);
    int fd = mkstemp(local);
    CHECK(fd >= 0 && write(fd, "[1]", 3) == 3);
    close(fd);
    for (int i = 0; i < 2; i++) {
        refuse_easy = limits[i];
        FILE *log = tmpfile();
        int saved;
        capture_stderr(log, &saved);
        char err[FETCH_ERR_LEN];
        fetch *f = fetch_new(NULL, err);
        restore_stderr(saved);
        CHECK(f != NULL); /* local paths are still read */
        CHECK_INT(lines_with(log, names[i], "no feed is fetched over the network"), 1);
        fclose(log);
        fetch_request q[3] = {request(url, 2000), request(local, 2000), request(url, 2000)};
        fetch_result res;
        for (int k = 0; k < 3; k += 2) {
            CHECK_INT(feedtest_fetch(f, &q[k], &res), FETCH_FAILED);
            CHECK(strstr(res.error, names[i]) && strstr(res.error, "http and https"));
            fetch_result_clear(&res);
        }
        CHECK_INT(feedtest_fetch(f, &q[1], &res), FETCH_OK);
        CHECK_INT(res.len, 3);
        fetch_result_clear(&res);
        CHECK_INT(connections(s), 0);
        fetch_free(f);
    }
    refuse_easy = NO_OPTION;
    refuse_multi = CURLMOPT_PIPELINING;
    fetch_result res;
    CHECK_INT(get_once(url, &res), FETCH_FAILED);
    CHECK(strstr(res.error, "CURLMOPT_PIPELINING") != NULL);
    fetch_result_clear(&res);
    CHECK_INT(connections(s), 0);
    refuse_multi = NO_OPTION;
    unlink(local);
    close(s);
}

typedef struct {
    int calls[2 * FETCH_MAX_PARALLEL];
    fetch_status st[2 * FETCH_MAX_PARALLEL];
    int64_t at_ms[2 * FETCH_MAX_PARALLEL]; /* when it was reported */
    char error[FETCH_ERR_LEN];
    int64_t t0_ms, ready_after_ms; /* late_request: request 1 falls due then */
    const fetch_request *q;        /* the requests, each given once */
    bool given[2 * FETCH_MAX_PARALLEL];
} tally;

static bool give(tally *t, size_t index, fetch_request *req)
{
    if (t->given[index])
        return false;
    t->given[index] = true;
    *req = t->q[index];
    return true;
}

static bool each_once(void *ctx, size_t index, fetch_request *req)
{
    return give(ctx, index, req);
}

static void count(void *ctx, size_t index, fetch_status st, fetch_result *res)
{
    tally *t = ctx;
    t->calls[index]++;
    t->st[index] = st;
    t->at_ms[index] = vclock_system_ms();
    snprintf(t->error, sizeof t->error, "%s", res->error);
}

static bool late_ready(void *ctx, size_t index, fetch_request *req)
{
    tally *t = ctx;
    if (index == 1 && vclock_system_ms() - t->t0_ms < t->ready_after_ms)
        return false;
    return give(t, index, req);
}

/* A request that falls due while another transfer stalls starts then, not
 * when the stalled one gives up (the kiosk's feeds fall due at their own
 * times). */
static void late_request(void)
{
    enum { STALL_MS = 3000, LATE_MS = 300, LATE_TIMEOUT_MS = 500 };
    int port, s = feedtest_listener(&port);
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/x.json", port);
    char err[FETCH_ERR_LEN];
    fetch *f = fetch_new(NULL, err);
    fetch_request q[2] = {request(url, STALL_MS), request(url, LATE_TIMEOUT_MS)};
    tally t = {.t0_ms = vclock_system_ms(), .ready_after_ms = LATE_MS, .q = q};
    fetch_hooks h = {.ready = late_ready, .done = count, .ctx = &t};
    fetch_all(f, 2, &h);
    CHECK_INT(t.calls[0], 1);
    CHECK_INT(t.calls[1], 1);
    int64_t late_end = t.at_ms[1] - t.t0_ms, stall_end = t.at_ms[0] - t.t0_ms;
    CHECK(late_end >= LATE_MS + LATE_TIMEOUT_MS - 50); /* it did wait for its time */
    CHECK(late_end < STALL_MS - 500);                  /* and not for the stall */
    CHECK(stall_end >= STALL_MS - 100);
    fetch_free(f);
    close(s);
}

static void more_requests_than_transfers(void)
{
    enum { N = FETCH_MAX_PARALLEL + 2, TIMEOUT_MS = 1000 };
    int s, port;
    s = feedtest_listener(&port);
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/x.json", port);
    char err[FETCH_ERR_LEN];
    fetch *f = fetch_new(NULL, err);
    fetch_request q[N];
    for (int i = 0; i < N; i++)
        q[i] = request(url, TIMEOUT_MS);
    tally t = {0};
    int64_t t0 = vclock_system_ms();
    t.q = q;
    fetch_hooks h = {.ready = each_once, .done = count, .ctx = &t};
    fetch_all(f, N, &h);
    int64_t ms = vclock_system_ms() - t0;
    for (int i = 0; i < N; i++) {
        CHECK_INT(t.calls[i], 1);
        CHECK_INT(t.st[i], FETCH_FAILED);
    }
    CHECK(strstr(t.error, "timed out") != NULL);
    /* Two waves of parallel timeouts; one after the other would take N. */
    CHECK(ms >= 2 * TIMEOUT_MS - 100);
    CHECK(ms < 4 * TIMEOUT_MS);
    CHECK_INT(connections(s), N);
    fetch_free(f);
    close(s);
}

typedef struct {
    fetch *f;
    const fetch_request *q;
    tally *t;
} job;

static void *run_batch(void *arg)
{
    job *j = arg;
    j->t->q = j->q;
    fetch_hooks h = {.ready = each_once, .done = count, .ctx = j->t};
    fetch_all(j->f, 3, &h);
    return NULL;
}

#define REQUESTS_WITHIN_MS 10000 /* an upper bound: the requests come long before */

/* Accepts n connections on the listener s and waits until each has sent
 * its request: the transfers are then waiting for an answer (the
 * condition itself, not a delay). Fills fds (closed by the caller);
 * returns how many did. */
static int await_requests(int s, int n, int *fds)
{
    int got = 0, sent = 0;
    int64_t t0 = vclock_system_ms();
    while (sent < n && vclock_system_ms() - t0 < REQUESTS_WITHIN_MS) {
        int c = got < n ? accept(s, NULL, NULL) : -1;
        if (c >= 0)
            fds[got++] = c;
        sent = 0;
        for (int i = 0; i < got; i++) {
            char b;
            sent += recv(fds[i], &b, 1, MSG_PEEK | MSG_DONTWAIT) == 1;
        }
        if (c < 0)
            usleep(1000);
    }
    return sent;
}

/* A batch of stalled transfers stops as soon as cancel is raised: at once
 * with fetch_wake, within FETCH_POLL_MS without it. */
static void cancel_stops_a_stalled_batch(void)
{
    int s, port;
    s = feedtest_listener(&port);
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/x.json", port);
    for (int wake = 0; wake < 2; wake++) {
        atomic_bool cancel;
        atomic_init(&cancel, false);
        char err[FETCH_ERR_LEN];
        fetch *f = fetch_new(&cancel, err);
        fetch_request q[3] = {request(url, 60000), request(url, 60000), request(url, 60000)};
        tally t = {0};
        job j = {f, q, &t};
        pthread_t th;
        CHECK(pthread_create(&th, NULL, run_batch, &j) == 0);
        int fds[3];
        CHECK_INT(await_requests(s, 3, fds), 3); /* connected, waiting for an answer */
        int64_t t0 = vclock_system_ms();
        atomic_store(&cancel, true);
        if (wake)
            fetch_wake(f);
        pthread_join(th, NULL);
        int64_t ms = vclock_system_ms() - t0;
        CHECK(ms < (wake ? 100 : FETCH_POLL_MS + 300));
        for (int i = 0; i < 3; i++) {
            CHECK_INT(t.calls[i], 1);
            CHECK_INT(t.st[i], FETCH_CANCELLED);
        }
        for (int i = 0; i < 3; i++)
            close(fds[i]);
        CHECK_INT(connections(s), 0); /* no other connection than the three */
        fetch_free(f);
    }
    close(s);
}

int main(void)
{
    RUN(every_option_is_checked);
    RUN(no_protocol_limit_no_fetch);
    RUN(more_requests_than_transfers);
    RUN(late_request);
    RUN(cancel_stops_a_stalled_batch);
    return test_report();
}
