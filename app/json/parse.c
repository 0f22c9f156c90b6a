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

/* The worst spelling among a product's phase names (unknown with none). */
static vocab_match phase_names(const model_product *p)
{
    vocab_match worst = p->n_phases ? VOCAB_CANONICAL : VOCAB_UNKNOWN;
    for (size_t i = 0; i < p->n_phases; i++)
        worst = p->phases[i].spelled > worst ? p->phases[i].spelled : worst;
    return worst;
}

static bool has_dated_mission(const model_member *mb)
{
    for (size_t i = 0; i < mb->n_missions; i++)
        if (mb->missions[i].start != DATE_NONE)
            return true;
    return false;
}

static vocab_match mission_statuses(const model_member *mb)
{
    vocab_match worst = mb->n_missions ? VOCAB_CANONICAL : VOCAB_UNKNOWN;
    for (size_t i = 0; i < mb->n_missions; i++)
        worst = mb->missions[i].status_spelled > worst ? mb->missions[i].status_spelled : worst;
    return worst;
}

/* Adds field i of res (name, what, required at its first record). */
static void tally(parse_result *res, size_t i, const char *name, const char *what, bool required,
                  vocab_match m)
{
    parse_field *f = &res->fields[i];
    f->name = name;
    f->what = what;
    f->required = required;
    f->readable += m != VOCAB_UNKNOWN;
    f->canonical += m == VOCAB_CANONICAL;
    if (res->n_fields <= i)
        res->n_fields = i + 1;
}

static vocab_match yes(bool readable)
{
    return readable ? VOCAB_CANONICAL : VOCAB_UNKNOWN;
}

bool parse_has_fields(feed_id feed)
{
    return feed == FEED_STARTUPS || feed == FEED_AUTHORS || feed == FEED_DEFIS ||
           feed == FEED_PERSONNES;
}

void parse_tally_fields(const model *m, feed_id feed, parse_result *res)
{
    res->n_fields = 0;
    memset(res->fields, 0, sizeof res->fields);
    switch (feed) {
    case FEED_STARTUPS:
        for (size_t i = 0; i < m->n_products; i++) {
            const model_product *p = &m->products[i];
            tally(res, 0, "phases[].start", "a phase with a valid start date", true,
                  yes(has_dated_phase(p)));
            tally(res, 1, "phases[].name", "phase names of the vocabulary", true, phase_names(p));
            tally(res, 2, "relationships.incubators", "an incubator", false,
                  yes(p->n_incubators > 0));
        }
        break;
    case FEED_AUTHORS:
        for (size_t i = 0; i < m->n_members; i++) {
            const model_member *mb = &m->members[i];
            tally(res, 0, "missions[].start", "a mission with a valid start date", true,
                  yes(has_dated_mission(mb)));
            tally(res, 1, "missions[].status", "mission statuses of the vocabulary", false,
                  mission_statuses(mb));
            tally(res, 2, "domaine", "a domaine of the vocabulary", false, mb->domaine_spelled);
        }
        break;
    case FEED_DEFIS:
        for (size_t i = 0; i < m->n_defis; i++) {
            tally(res, 0, "year", "a year", true, yes(m->defis[i].year != 0));
            tally(res, 1, "promotion", "a promotion", false, yes(m->defis[i].promotion != NULL));
        }
        break;
    case FEED_PERSONNES:
        for (size_t i = 0; i < m->n_persons; i++)
            tally(res, 0, "profil", "a profil", true,
                  yes(m->persons[i].profil && *m->persons[i].profil));
        break;
    default: break; /* incubators: an id is enough; announcements: no figure */
    }
}

/* The required field most records lack, if any; *lacking: how many. */
static const parse_field *worst_required(const parse_result *res, size_t *lacking)
{
    const parse_field *worst = NULL;
    *lacking = 0;
    for (size_t i = 0; i < res->n_fields; i++) {
        const parse_field *f = &res->fields[i];
        if (f->required && res->records - f->readable > *lacking) {
            *lacking = res->records - f->readable;
            worst = f;
        }
    }
    return worst;
}

parse_status parse_validate_into(model *m, feed_id feed, const char *buf, size_t len,
                                 parse_result *res)
{
    parse_status st = parse_feed(m, feed, buf, len, res);
    const parse_field *worst = NULL;
    if (st == PARSE_OK) {
        parse_tally_fields(m, feed, res);
        worst = worst_required(res, &res->incomplete);
    }
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
        jsonx_reject(res, "%s: %zu of its %zu records lack %s (a change of form?)", worst->name,
                     res->incomplete, res->records, worst->what);
        st = PARSE_REJECTED;
    }
    return st;
}

parse_status parse_validate(feed_id feed, const char *buf, size_t len, parse_result *res)
{
    model *scratch = model_new();
    if (!scratch) {
        memset(res, 0, sizeof *res);
        return jsonx_nomem(res);
    }
    parse_status st = parse_validate_into(scratch, feed, buf, len, res);
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
