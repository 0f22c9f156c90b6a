/* parse: feed bytes -> model, dispatching to the feed's parser. */
#include "vitrine/parse.h"

#include <stdio.h>
#include <string.h>

#include "announcejson.h"
#include "betagouv.h"
#include "eig.h"
#include "jsonx.h"
#include "local.h"
#include "span.h"

/* A feed's parser walks its records one by one (span.h); the local
 * programme data is small and read as one tree. */
typedef parse_status (*feed_parser)(model *, const span *, parse_result *);

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
    span root;
    parse_status st = span_root(buf, len, &root, res);
    if (st != PARSE_OK)
        return st;
    res->error[0] = '\0';
    return fn(m, &root, res);
}

/* A small document read as one tree: the local programme data, the
 * announcements. */
typedef parse_status (*tree_parser)(model *, const cJSON *, parse_result *);

static parse_status run_tree(model *m, tree_parser fn, const char *buf, size_t len,
                             parse_result *res)
{
    memset(res, 0, sizeof *res);
    jsonx_doc doc;
    parse_status st = jsonx_parse(&doc, buf, len, res);
    if (st != PARSE_OK)
        return st;
    res->error[0] = '\0';
    st = fn(m, doc.root, res);
    jsonx_doc_free(&doc);
    return st;
}

/* The announcements feed: its bad entries skipped and counted like a
 * feed's bad records. */
static parse_status announcements_tree(model *m, const cJSON *root, parse_result *res)
{
    parse_status st = PARSE_OK;
    announce_list *l = arena_alloc(m->arena, sizeof *l);
    announcejson_report rep;
    if (!l) {
        st = jsonx_nomem(res);
    } else if (!announcejson_read(root, NULL, "announcements", false, l, &rep)) {
        jsonx_reject(res, "%s", rep.first);
        st = PARSE_REJECTED;
    } else {
        m->announcements = l;
        res->records = l->n;
        res->skipped = rep.bad;
        snprintf(res->error, sizeof res->error, "%s", rep.first);
    }
    return st;
}

parse_status parse_feed(model *m, feed_id feed, const char *buf, size_t len, parse_result *res)
{
    if (feed < 0 || feed >= FEED_COUNT) {
        memset(res, 0, sizeof *res);
        jsonx_reject(res, "unknown feed");
        return PARSE_REJECTED;
    }
    parse_status st = feed == FEED_ANNOUNCEMENTS ? run_tree(m, announcements_tree, buf, len, res)
                                                 : run(m, parser_of(feed), buf, len, res);
    if (st == PARSE_OK)
        m->loaded[feed] = true;
    return st;
}

static bool has_dated_phase(const model_product *p)
{
    for (size_t i = 0; i < p->n_phases; i++)
        if (p->phases[i].start != DATE_NONE)
            return true;
    return false;
}

static bool has_dated_mission(const model_member *mb)
{
    for (size_t i = 0; i < mb->n_missions; i++)
        if (mb->missions[i].start != DATE_NONE)
            return true;
    return false;
}

/* Records of feed in m that lack what the statistics need; *what names it. */
static size_t count_incomplete(const model *m, feed_id feed, const char **what)
{
    size_t n = 0;
    switch (feed) {
    case FEED_STARTUPS:
        *what = "a phase with a valid start date";
        for (size_t i = 0; i < m->n_products; i++)
            n += !has_dated_phase(&m->products[i]);
        return n;
    case FEED_AUTHORS:
        *what = "a mission with a valid start date";
        for (size_t i = 0; i < m->n_members; i++)
            n += !has_dated_mission(&m->members[i]);
        return n;
    case FEED_DEFIS:
        *what = "a year";
        for (size_t i = 0; i < m->n_defis; i++)
            n += m->defis[i].year == 0;
        return n;
    case FEED_PERSONNES:
        *what = "a profil";
        for (size_t i = 0; i < m->n_persons; i++)
            n += !m->persons[i].profil || !*m->persons[i].profil;
        return n;
    default: *what = ""; return 0; /* incubators: an id is enough */
    }
}

parse_status parse_validate(feed_id feed, const char *buf, size_t len, parse_result *res)
{
    model *scratch = model_new();
    if (!scratch) {
        memset(res, 0, sizeof *res);
        return jsonx_nomem(res);
    }
    parse_status st = parse_feed(scratch, feed, buf, len, res);
    const char *what = "";
    if (st == PARSE_OK)
        res->incomplete = count_incomplete(scratch, feed, &what);
    /* No announcement today is an empty array; only one whose every
     * entry is bad is refused (the last good copy stays). */
    bool may_be_empty = feed == FEED_ANNOUNCEMENTS && res->skipped == 0;
    if (st == PARSE_OK && res->records == 0 && !may_be_empty) {
        char first[PARSE_ERR_LEN];
        snprintf(first, sizeof first, "%s", res->error);
        if (res->skipped)
            jsonx_reject(res, "no usable record (%zu skipped; the first: %.180s)", res->skipped,
                         first);
        else
            jsonx_reject(res, "no usable record");
        st = PARSE_REJECTED;
    } else if (st == PARSE_OK && res->incomplete > res->records / 2) {
        jsonx_reject(res, "%zu of its %zu records lack %s (a date format change?)", res->incomplete,
                     res->records, what);
        st = PARSE_REJECTED;
    }
    model_free(scratch);
    return st;
}

parse_status parse_local(model *m, const char *buf, size_t len, parse_result *res)
{
    return run_tree(m, local_parse, buf, len, res);
}

void parse_use_arenas(void)
{
    jsonx_use_arenas();
}
