/* local: reads assets/local/programme.json, the data taken from the seed
 * documents. The file ships with the program, so a wrong type here is a
 * packaging error: the document is rejected with the key that is wrong. */
#include "local.h"

#include "jsonx.h"
#include "vitrine/text.h"

#define LOCAL_MAX_EUR 1e12 /* a budget line above a thousand billion euros is a typo */
#define LOCAL_MAX_YEAR 9999

/* A list of the file may be absent or null (empty); anything but an array is
 * a packaging error, reported with its key. */
static parse_status check_list(const cJSON *v, const char *key, parse_result *res)
{
    if (!v || cJSON_IsNull(v) || cJSON_IsArray(v))
        return PARSE_OK;
    jsonx_reject(res, "key \"%s\": expected an array", key);
    return PARSE_REJECTED;
}

static const char *copy_field(model *m, const cJSON *obj, const char *key)
{
    return jsonx_copy_trimmed(m->arena, jsonx_str(obj, key));
}

typedef parse_status (*item_fn)(model *m, void *item, const cJSON *it, parse_result *res);

/* The list v (absent or null: empty) into a new arena array of size-byte
 * items, each through fn; key names the list in messages. Not the feeds'
 * jsonx_records: a feed skips a bad record and goes on, while the shipped
 * programme data is rejected whole on the first bad item, with the reason
 * its item function gives (nested lists included). */
static parse_status read_list(model *m, const cJSON *v, const char *key, size_t size, item_fn fn,
                              void **out, size_t *n, parse_result *res)
{
    *out = NULL;
    *n = 0;
    if (check_list(v, key, res) != PARSE_OK)
        return PARSE_REJECTED;
    size_t cap = cJSON_IsArray(v) ? (size_t)cJSON_GetArraySize(v) : 0, k = 0;
    unsigned char *items = cap ? arena_alloc(m->arena, cap * size) : NULL;
    if (cap && !items)
        return jsonx_nomem(res);
    const cJSON *it;
    cJSON_ArrayForEach(it, v)
    {
        parse_status st = fn(m, items + k * size, it, res);
        if (st != PARSE_OK)
            return st;
        k++;
    }
    *out = items;
    *n = k;
    return PARSE_OK;
}

static parse_status parse_holder(model *m, void *item, const cJSON *it, parse_result *res)
{
    model_holder *h = item;
    h->name = copy_field(m, it, "name");
    h->detail = copy_field(m, it, "detail");
    return h->name && h->detail ? PARSE_OK : jsonx_nomem(res);
}

static parse_status parse_market(model *m, const cJSON *o, parse_result *res)
{
    model_market *mk = &m->local.market;
    if (!cJSON_IsObject(o)) {
        jsonx_reject(res, "key \"coaching_market\": expected an object");
        return PARSE_REJECTED;
    }
    mk->title = copy_field(m, o, "title");
    mk->notified = copy_field(m, o, "notified");
    mk->renewable_until = copy_field(m, o, "renewable_until");
    mk->scope = copy_field(m, o, "scope");
    mk->source = copy_field(m, o, "source");
    void *holders = NULL;
    parse_status st = mk->title && mk->notified && mk->renewable_until && mk->scope && mk->source
                          ? PARSE_OK
                          : jsonx_nomem(res);
    if (st == PARSE_OK)
        st = read_list(m, cJSON_GetObjectItemCaseSensitive(o, "holders"), "coaching_market.holders",
                       sizeof *mk->holders, parse_holder, &holders, &mk->n_holders, res);
    mk->holders = holders;
    return st;
}

static parse_status parse_budget_line(model *m, void *item, const cJSON *it, parse_result *res)
{
    (void)m;
    const cJSON *y = cJSON_GetObjectItemCaseSensitive(it, "year");
    const cJSON *ae = cJSON_GetObjectItemCaseSensitive(it, "ae_eur");
    const cJSON *cp = cJSON_GetObjectItemCaseSensitive(it, "cp_eur");
    if (!jsonx_whole(y, 1, LOCAL_MAX_YEAR) || !jsonx_whole(ae, 0, LOCAL_MAX_EUR) ||
        !jsonx_whole(cp, 0, LOCAL_MAX_EUR)) {
        jsonx_reject(res,
                     "key \"coaching_budget.lines\": year, ae_eur, cp_eur must be "
                     "whole numbers (a year, euros up to %.0f)",
                     LOCAL_MAX_EUR);
        return PARSE_REJECTED;
    }
    *(model_budget_line *)item = (model_budget_line){(int)y->valuedouble, (int64_t)ae->valuedouble,
                                                     (int64_t)cp->valuedouble};
    return PARSE_OK;
}

static parse_status parse_budget(model *m, const cJSON *o, parse_result *res)
{
    model_budget *b = &m->local.budget;
    if (!cJSON_IsObject(o)) {
        jsonx_reject(res, "key \"coaching_budget\": expected an object");
        return PARSE_REJECTED;
    }
    b->title = copy_field(m, o, "title");
    b->delegator = copy_field(m, o, "delegator");
    b->source = copy_field(m, o, "source");
    void *lines = NULL;
    parse_status st = b->title && b->delegator && b->source ? PARSE_OK : jsonx_nomem(res);
    if (st == PARSE_OK)
        st = read_list(m, cJSON_GetObjectItemCaseSensitive(o, "lines"), "coaching_budget.lines",
                       sizeof *b->lines, parse_budget_line, &lines, &b->n_lines, res);
    b->lines = lines;
    return st;
}

static parse_status parse_teammate(model *m, void *item, const cJSON *it, parse_result *res)
{
    model_teammate *t = item;
    t->name = copy_field(m, it, "name");
    t->role = copy_field(m, it, "role");
    return t->name && t->role ? PARSE_OK : jsonx_nomem(res);
}

static parse_status parse_pole(model *m, void *item, const cJSON *it, parse_result *res)
{
    model_pole *pole = item;
    pole->name = copy_field(m, it, "pole");
    pole->mission = copy_field(m, it, "mission");
    void *people = NULL;
    parse_status st = pole->name && pole->mission ? PARSE_OK : jsonx_nomem(res);
    if (st == PARSE_OK)
        st = read_list(m, cJSON_GetObjectItemCaseSensitive(it, "people"), "team.people",
                       sizeof *pole->people, parse_teammate, &people, &pole->n_people, res);
    pole->people = people;
    return st;
}

static parse_status parse_team(model *m, const cJSON *arr, parse_result *res)
{
    if (!cJSON_IsArray(arr)) {
        jsonx_reject(res, "key \"team\": expected an array of poles");
        return PARSE_REJECTED;
    }
    void *poles;
    parse_status st = read_list(m, arr, "team", sizeof *m->local.poles, parse_pole, &poles,
                                &m->local.n_poles, res);
    m->local.poles = poles;
    return st;
}

static parse_status parse_figure(model *m, void *item, const cJSON *it, parse_result *res)
{
    model_figure *f = item;
    const cJSON *year = cJSON_GetObjectItemCaseSensitive(it, "year");
    f->group = copy_field(m, it, "group");
    f->value = copy_field(m, it, "value");
    f->label = copy_field(m, it, "label");
    f->source = copy_field(m, it, "source");
    f->year = jsonx_whole(year, 1, LOCAL_MAX_YEAR) ? (int)year->valuedouble : 0;
    return f->group && f->value && f->label && f->source ? PARSE_OK : jsonx_nomem(res);
}

static parse_status parse_figures(model *m, const cJSON *arr, parse_result *res)
{
    if (!cJSON_IsArray(arr)) {
        jsonx_reject(res, "key \"published_figures\": expected an array");
        return PARSE_REJECTED;
    }
    void *figures;
    parse_status st = read_list(m, arr, "published_figures", sizeof *m->local.figures, parse_figure,
                                &figures, &m->local.n_figures, res);
    m->local.figures = figures;
    return st;
}

static parse_status parse_step(model *m, void *item, const cJSON *it, parse_result *res)
{
    model_step *st = item;
    st->when = copy_field(m, it, "when");
    st->what = copy_field(m, it, "what");
    if (!st->when || !st->what)
        return jsonx_nomem(res);
    if (!*st->when || !*st->what) {
        jsonx_reject(res, "key \"contexts.timeline\": each step needs a \"when\" and a \"what\"");
        return PARSE_REJECTED;
    }
    return PARSE_OK;
}

static parse_status parse_context(model *m, void *item, const cJSON *it, parse_result *res)
{
    model_context *cx = item;
    cx->slide = copy_field(m, it, "slide");
    cx->about = copy_field(m, it, "about");
    if (!cx->slide || !cx->about)
        return jsonx_nomem(res);
    if (!*cx->slide) {
        jsonx_reject(res, "key \"contexts\": each context needs a \"slide\"");
        return PARSE_REJECTED;
    }
    void *steps = NULL;
    parse_status st =
        read_list(m, cJSON_GetObjectItemCaseSensitive(it, "timeline"), "contexts.timeline",
                  sizeof *cx->steps, parse_step, &steps, &cx->n_steps, res);
    cx->steps = steps;
    return st;
}

/* Optional: absent or null is no context. */
static parse_status parse_contexts(model *m, const cJSON *arr, parse_result *res)
{
    void *contexts;
    parse_status st = read_list(m, arr, "contexts", sizeof *m->local.contexts, parse_context,
                                &contexts, &m->local.n_contexts, res);
    m->local.contexts = contexts;
    return st;
}

parse_status local_parse(model *m, const cJSON *root, parse_result *res)
{
    if (!cJSON_IsObject(root)) {
        jsonx_reject(res, "expected an object");
        return PARSE_REJECTED;
    }
    /* A rejected document leaves the model as it was (parse.h): what the
     * parsers below already wrote is rolled back; their arena copies are
     * simply not referenced. */
    const model_local before = m->local;
    parse_status st;
    if ((st = parse_market(m, cJSON_GetObjectItemCaseSensitive(root, "coaching_market"), res)) ||
        (st = parse_budget(m, cJSON_GetObjectItemCaseSensitive(root, "coaching_budget"), res)) ||
        (st = parse_team(m, cJSON_GetObjectItemCaseSensitive(root, "team"), res)) ||
        (st = parse_figures(m, cJSON_GetObjectItemCaseSensitive(root, "published_figures"), res)) ||
        (st = parse_contexts(m, cJSON_GetObjectItemCaseSensitive(root, "contexts"), res))) {
        m->local = before;
        return st;
    }
    m->local.loaded = true;
    res->records = m->local.n_poles + m->local.n_figures;
    return PARSE_OK;
}
