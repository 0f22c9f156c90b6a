/* betagouv: parsers for the beta.gouv.fr API feeds.
 * startups.json is JSON:API: {"data": [{id, attributes, relationships}],
 * "included": [{id, type: "incubator", attributes: {title}}]}. v2.7 lists
 * co-incubators in relationships.incubators; v2.5/v2.6 only have
 * relationships.incubator and prefix incubator ids with "/incubateurs/". */
#include "betagouv.h"

#include <string.h>

#include "jsonx.h"
#include "vitrine/text.h"
#include "vitrine/vocab.h"

/* value (trimmed) in field's vocabulary: its canonical spelling when it is
 * a known word in any case or accents, else a copy as written; *spelled
 * says which. NULL only when out of memory. */
static const char *vocab_value(model *m, vocab_field field, const char *value, vocab_match *spelled)
{
    char word[VOCAB_WORD_MAX];
    *spelled = VOCAB_UNKNOWN;
    if (strlen(value) < sizeof word) {
        text_trim(value, word, sizeof word);
        const char *known = vocab_lookup(field, word, spelled);
        if (known)
            return known;
    }
    return jsonx_copy_trimmed(m->arena, value);
}

/* "/incubateurs/dinum" -> "dinum" (v2.5/v2.6 ids); other ids unchanged. */
static const char *strip_incubator_prefix(const char *id)
{
    static const char *const prefixes[] = {"/incubateurs/", "incubateurs/"};
    for (size_t i = 0; id && i < 2; i++) {
        size_t n = strlen(prefixes[i]);
        if (strncmp(id, prefixes[i], n) == 0 && id[n])
            return id + n;
    }
    return id;
}

/* jsonx_record_fn: one phase, one event of a product. */
static bool parse_phase(model *m, void *item, const cJSON *it, bool *bad)
{
    (void)bad;
    model_phase *ph = item;
    const char *name = jsonx_str(it, "name");
    ph->spelled = VOCAB_UNKNOWN;
    ph->name = text_is_blank(name) ? "unknown" : vocab_value(m, VOCAB_PHASE, name, &ph->spelled);
    ph->start = jsonx_date(it, "start");
    return ph->name != NULL;
}

static bool parse_event(model *m, void *item, const cJSON *it, bool *bad)
{
    (void)bad;
    model_event *ev = item;
    const char *name = jsonx_str(it, "name");
    ev->name = jsonx_copy_trimmed(m->arena, name ? name : "");
    ev->date = jsonx_date(it, "date");
    return ev->name != NULL;
}

/* Adds id (prefix stripped) to the product's incubators unless present. */
static bool add_incubator(model *m, model_product *p, const char *id, size_t cap)
{
    if (text_is_blank(id) || p->n_incubators >= cap)
        return true;
    char *copy = jsonx_copy_trimmed(m->arena, strip_incubator_prefix(id));
    if (!copy)
        return false;
    for (size_t i = 0; i < p->n_incubators; i++)
        if (strcmp(p->incubators[i], copy) == 0)
            return true;
    p->incubators[p->n_incubators++] = copy;
    return true;
}

static bool parse_relationships(model *m, model_product *p, const cJSON *rel)
{
    const cJSON *many = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(rel, "incubators"), "data");
    size_t cap = (cJSON_IsArray(many) ? (size_t)cJSON_GetArraySize(many) : 0) + 1;
    p->incubators = arena_alloc(m->arena, cap * sizeof *p->incubators);
    if (!p->incubators)
        return false;
    const cJSON *it;
    if (cJSON_IsArray(many)) {
        cJSON_ArrayForEach(it, many)
        {
            if (!add_incubator(m, p, jsonx_str(it, "id"), cap))
                return false;
        }
    }
    if (p->n_incubators == 0) {
        const cJSON *one = cJSON_GetObjectItemCaseSensitive(
            cJSON_GetObjectItemCaseSensitive(rel, "incubator"), "data");
        if (!add_incubator(m, p, jsonx_str(one, "id"), cap))
            return false;
    }
    return true;
}

/* A jsonx_record_fn: one product of startups.json's "data". */
static bool parse_product(model *m, void *record, const cJSON *rec, bool *bad)
{
    model_product *p = record;
    const char *id = jsonx_str(rec, "id");
    const cJSON *attrs = cJSON_GetObjectItemCaseSensitive(rec, "attributes");
    if (text_is_blank(id) || !cJSON_IsObject(attrs)) {
        *bad = true;
        return true;
    }
    const char *name = jsonx_opt_str(attrs, "name", bad);
    const char *pitch = jsonx_opt_str(attrs, "pitch", bad);
    const cJSON *phases = jsonx_opt_array(attrs, "phases", bad);
    const cJSON *events = jsonx_opt_array(attrs, "events", bad);
    const cJSON *rel = jsonx_opt_object(rec, "relationships", bad);
    if (*bad)
        return true;
    p->id = jsonx_copy_trimmed(m->arena, id);
    p->name = jsonx_copy_trimmed(m->arena, text_is_blank(name) ? id : name);
    p->pitch = jsonx_copy_trimmed(m->arena, pitch);
    const char *repo = jsonx_str(attrs, "repository");
    const char *stats_url = jsonx_str(attrs, "stats_url");
    p->repository = repo ? jsonx_copy_trimmed(m->arena, repo) : NULL;
    p->stats_url = stats_url ? jsonx_copy_trimmed(m->arena, stats_url) : NULL;
    if (!p->id || !p->name || !p->pitch || (repo && !p->repository) || (stats_url && !p->stats_url))
        return false;
    void *list;
    if (!jsonx_items(m, phases, sizeof *p->phases, parse_phase, &list, &p->n_phases, bad))
        return false;
    p->phases = list;
    if (!jsonx_items(m, events, sizeof *p->events, parse_event, &list, &p->n_events, bad))
        return false;
    p->events = list;
    /* Sponsors only label the spotlight: a list of another shape is left
     * out rather than costing the product its place in the figures. */
    if (!jsonx_str_list(m->arena, cJSON_GetObjectItemCaseSensitive(attrs, "sponsors"), &p->sponsors,
                        &p->n_sponsors))
        return false;
    return *bad || parse_relationships(m, p, rel);
}

static parse_status parse_included(model *m, const cJSON *inc)
{
    /* A refresh replaces the titles of the previous document. */
    m->incubators = NULL;
    m->n_incubators = 0;
    if (!cJSON_IsArray(inc))
        return PARSE_OK; /* optional: titles fall back to ids */
    size_t cap = (size_t)cJSON_GetArraySize(inc);
    m->incubators = cap ? arena_alloc(m->arena, cap * sizeof *m->incubators) : NULL;
    if (cap && !m->incubators)
        return PARSE_NOMEM;
    const cJSON *it;
    cJSON_ArrayForEach(it, inc)
    {
        const char *id = jsonx_str(it, "id");
        const char *type = jsonx_str(it, "type");
        const char *title = jsonx_str(cJSON_GetObjectItemCaseSensitive(it, "attributes"), "title");
        if (text_is_blank(id) || (type && strcmp(type, "incubator") != 0))
            continue;
        model_incubator *mi = &m->incubators[m->n_incubators++];
        mi->id = jsonx_copy_trimmed(m->arena, strip_incubator_prefix(id));
        /* As published (metrics.md: the title comes from the entry). */
        mi->title = text_is_blank(title) ? mi->id : jsonx_copy(m->arena, title);
        if (!mi->id || !mi->title)
            return PARSE_NOMEM;
    }
    return PARSE_OK;
}

parse_status betagouv_parse_startups(model *m, const span *root, parse_result *res)
{
    span data;
    bool found = false;
    jsonx_doc rest = {0};
    parse_status st =
        span_is_object(root) ? span_split(root, "data", &data, &found, &rest, res) : PARSE_OK;
    if (st == PARSE_OK && (!found || !span_is_array(&data))) {
        jsonx_reject(res, "expected an object with a \"data\" array");
        st = PARSE_REJECTED;
    }
    void *products;
    size_t n;
    if (st == PARSE_OK)
        st = span_records(m, &data, sizeof(model_product), parse_product, &products, &n, res);
    if (st == PARSE_OK &&
        parse_included(m, cJSON_GetObjectItemCaseSensitive(rest.root, "included")) != PARSE_OK)
        st = jsonx_nomem(res);
    jsonx_doc_free(&rest);
    if (st == PARSE_OK) {
        m->products = products;
        m->n_products = n;
    }
    return st;
}

/* --- authors.json: [{id, fullname, role, domaine, missions: [...]}] --- */

/* A jsonx_record_fn: one mission of a member. */
static bool parse_mission(model *m, void *item, const cJSON *it, bool *bad)
{
    model_mission *mi = item;
    const char *status = jsonx_opt_str(it, "status", bad);
    const char *employer = jsonx_opt_str(it, "employer", bad);
    const cJSON *startups = jsonx_opt_array(it, "startups", bad);
    if (*bad)
        return true;
    mi->start = jsonx_date(it, "start");
    mi->end = jsonx_date(it, "end");
    mi->status = vocab_value(m, VOCAB_STATUS, status ? status : "", &mi->status_spelled);
    mi->employer = jsonx_copy_trimmed(m->arena, employer);
    return mi->status && mi->employer &&
           jsonx_str_list(m->arena, startups, &mi->startups, &mi->n_startups);
}

/* A jsonx_record_fn: one member of authors.json. */
static bool parse_member(model *m, void *record, const cJSON *rec, bool *bad)
{
    model_member *mb = record;
    const char *id = jsonx_str(rec, "id");
    if (text_is_blank(id)) {
        *bad = true;
        return true;
    }
    const char *fullname = jsonx_opt_str(rec, "fullname", bad);
    const char *role = jsonx_opt_str(rec, "role", bad);
    const char *domaine = jsonx_opt_str(rec, "domaine", bad);
    const cJSON *missions = jsonx_opt_array(rec, "missions", bad);
    const cJSON *startups = jsonx_opt_array(rec, "startups", bad);
    if (*bad)
        return true;
    char decoded[JSONX_MAX_STRING];
    text_html_decode(domaine ? domaine : "", decoded, sizeof decoded);
    mb->id = jsonx_copy_trimmed(m->arena, id);
    mb->fullname = jsonx_copy_trimmed(m->arena, text_is_blank(fullname) ? id : fullname);
    mb->role = jsonx_copy_trimmed(m->arena, role);
    mb->domaine = vocab_value(m, VOCAB_DOMAINE, decoded, &mb->domaine_spelled);
    if (!mb->id || !mb->fullname || !mb->role || !mb->domaine ||
        !jsonx_str_list(m->arena, startups, &mb->startups, &mb->n_startups))
        return false;
    void *list;
    bool ok =
        jsonx_items(m, missions, sizeof *mb->missions, parse_mission, &list, &mb->n_missions, bad);
    mb->missions = list;
    return ok;
}

parse_status betagouv_parse_authors(model *m, const span *root, parse_result *res)
{
    if (!span_is_array(root)) {
        jsonx_reject(res, "expected an array of members");
        return PARSE_REJECTED;
    }
    void *members;
    size_t n;
    parse_status st = span_records(m, root, sizeof(model_member), parse_member, &members, &n, res);
    if (st == PARSE_OK) {
        m->members = members;
        m->n_members = n;
    }
    return st;
}

/* --- incubators.json: {id: {title?, startups...}} or JSON:API {data} --- */

/* A jsonx_record_fn: one incubator, keyed by its id or with an "id". */
static bool parse_feed_incubator(model *m, void *record, const cJSON *rec, bool *bad)
{
    model_incubator *mi = record;
    const char *id = rec->string ? rec->string : jsonx_str(rec, "id");
    if (text_is_blank(id)) {
        *bad = true;
        return true;
    }
    const char *title = jsonx_str(rec, "title");
    if (!title)
        title = jsonx_str(cJSON_GetObjectItemCaseSensitive(rec, "attributes"), "title");
    mi->id = jsonx_copy_trimmed(m->arena, strip_incubator_prefix(id));
    mi->title = text_is_blank(title) ? mi->id : jsonx_copy_trimmed(m->arena, title);
    return mi->id && mi->title;
}

parse_status betagouv_parse_incubators(model *m, const span *root, parse_result *res)
{
    if (!span_is_object(root)) {
        jsonx_reject(res, "expected an object of incubators");
        return PARSE_REJECTED;
    }
    span data;
    bool found;
    jsonx_doc rest;
    parse_status st = span_split(root, "data", &data, &found, &rest, res);
    jsonx_doc_free(&rest);                    /* checked only */
    bool api = found && span_is_array(&data); /* JSON:API; else keyed by id */
    /* A refresh replaces the previous list. */
    void *list;
    size_t n;
    if (st == PARSE_OK)
        st = span_records(m, api ? &data : root, sizeof(model_incubator), parse_feed_incubator,
                          &list, &n, res);
    if (st == PARSE_OK) {
        m->incubator_feed = list;
        m->n_incubator_feed = n;
    }
    return st;
}
