/* parse: feed bytes -> model, dispatching to the feed's parser. */
#include "vitrine/parse.h"

#include <string.h>

#include "betagouv.h"
#include "eig.h"
#include "jsonx.h"
#include "local.h"

typedef parse_status (*feed_parser)(model *, const cJSON *, parse_result *);

static feed_parser parser_of(feed_id feed)
{
    switch (feed) {
    case FEED_STARTUPS: return betagouv_parse_startups;
    case FEED_AUTHORS: return betagouv_parse_authors;
    case FEED_INCUBATORS: return betagouv_parse_incubators;
    case FEED_DEFIS: return eig_parse_defis;
    case FEED_PERSONNES: return eig_parse_personnes;
    default: return NULL;
    }
}

static parse_status run(model *m, feed_parser fn, const char *buf, size_t len, parse_result *res)
{
    memset(res, 0, sizeof *res);
    if (!fn) {
        jsonx_reject(res, "unknown feed");
        return PARSE_REJECTED;
    }
    jsonx_doc doc;
    parse_status st = jsonx_parse(&doc, buf, len, res);
    if (st != PARSE_OK)
        return st;
    res->error[0] = '\0';
    st = fn(m, doc.root, res);
    jsonx_doc_free(&doc);
    return st;
}

parse_status parse_feed(model *m, feed_id feed, const char *buf, size_t len, parse_result *res)
{
    if (feed < 0 || feed >= FEED_COUNT) {
        memset(res, 0, sizeof *res);
        jsonx_reject(res, "unknown feed");
        return PARSE_REJECTED;
    }
    parse_status st = run(m, parser_of(feed), buf, len, res);
    if (st == PARSE_OK)
        m->loaded[feed] = true;
    return st;
}

parse_status parse_validate(feed_id feed, const char *buf, size_t len, parse_result *res)
{
    model *scratch = model_new();
    if (!scratch) {
        memset(res, 0, sizeof *res);
        return jsonx_nomem(res);
    }
    parse_status st = parse_feed(scratch, feed, buf, len, res);
    if (st == PARSE_OK && res->records == 0) {
        jsonx_reject(res, "no usable record (%zu skipped)", res->skipped);
        st = PARSE_REJECTED;
    }
    model_free(scratch);
    return st;
}

parse_status parse_local(model *m, const char *buf, size_t len, parse_result *res)
{
    return run(m, local_parse, buf, len, res);
}

void parse_use_arenas(void)
{
    jsonx_use_arenas();
}
