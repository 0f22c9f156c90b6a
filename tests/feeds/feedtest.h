/* feedtest.h: what the feeds tests share (header-only, static): a local
 * listener that never answers, and one request fetched or one feed
 * refreshed on its own, the way the fetch thread does it for many. Needs
 * test.h first. */
#ifndef VITRINE_FEEDTEST_H
#define VITRINE_FEEDTEST_H

#include <fcntl.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "fetch.h"
#include "refresh.h"

/* A listener on 127.0.0.1 that accepts (the kernel does) and never
 * answers; non-blocking, so a test can count its connections. */
static inline int feedtest_listener(int *port)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t alen = sizeof a;
    CHECK(bind(s, (struct sockaddr *)&a, sizeof a) == 0 && listen(s, 32) == 0);
    CHECK(getsockname(s, (struct sockaddr *)&a, &alen) == 0);
    CHECK(fcntl(s, F_SETFL, O_NONBLOCK) == 0);
    *port = ntohs(a.sin_port);
    return s;
}

typedef struct {
    const fetch_request *req;
    bool given;
    fetch_status st;
    fetch_result *out;
} feedtest_one;

static inline bool feedtest_give(void *ctx, size_t index, fetch_request *req)
{
    (void)index;
    feedtest_one *o = ctx;
    if (o->given)
        return false;
    *req = *o->req;
    o->given = true;
    return true;
}

static inline void feedtest_keep(void *ctx, size_t index, fetch_status st, fetch_result *res)
{
    (void)index;
    feedtest_one *o = ctx;
    o->st = st;
    *o->out = *res; /* the body moves to the caller */
    res->body = NULL;
}

/* req alone through fetch_all; *out is the caller's (fetch_result_clear). */
static inline fetch_status feedtest_fetch(fetch *f, const fetch_request *req, fetch_result *out)
{
    memset(out, 0, sizeof *out);
    snprintf(out->error, FETCH_ERR_LEN, "cancelled");
    feedtest_one o = {req, false, FETCH_CANCELLED, out};
    fetch_hooks h = {.ready = feedtest_give, .done = feedtest_keep, .ctx = &o};
    fetch_all(f, 1, &h);
    return o.st;
}

/* One feed refreshed now: refresh_start, the fetch, refresh_finish. */
static inline bool feedtest_refresh(refresh_feed *r, fetch *f, cache *c, int64_t now_s,
                                    bool *data_changed)
{
    fetch_request req = refresh_start(r, c, now_s);
    fetch_result res;
    fetch_status st = feedtest_fetch(f, &req, &res);
    bool shown = refresh_finish(r, c, st, &res, now_s, data_changed);
    fetch_result_clear(&res);
    return shown;
}

#endif
