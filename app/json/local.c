/* local: reads assets/local/programme.json, the data taken from the seed
 * documents. The file ships with the program, so a wrong type here is a
 * packaging error: the document is rejected with the key that is wrong. */
#include "local.h"

#include <math.h>

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

/* A whole number in [lo, hi]: what a year or an amount in euros must be
 * before it is converted to an integer type. */
static bool whole_in(const cJSON *v, double lo, double hi)
{
    return cJSON_IsNumber(v) && isfinite(v->valuedouble) &&
           v->valuedouble == floor(v->valuedouble) && v->valuedouble >= lo && v->valuedouble <= hi;
}

static const char *copy_field(model *m, const cJSON *obj, const char *key)
{
    return jsonx_copy_trimmed(m->arena, jsonx_str(obj, key));
}

static void *alloc_array(model *m, const cJSON *arr, size_t elem, size_t *n)
{
    *n = 0;
    size_t cap = cJSON_IsArray(arr) ? (size_t)cJSON_GetArraySize(arr) : 0;
    return cap ? arena_alloc(m->arena, cap * elem) : NULL;
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
    const cJSON *holders = cJSON_GetObjectItemCaseSensitive(o, "holders");
    if (check_list(holders, "coaching_market.holders", res))
        return PARSE_REJECTED;
    mk->holders = alloc_array(m, holders, sizeof *mk->holders, &mk->n_holders);
    const cJSON *it;
    cJSON_ArrayForEach(it, holders)
    {
        if (!mk->holders)
            return jsonx_nomem(res);
        model_holder *h = &mk->holders[mk->n_holders++];
        h->name = copy_field(m, it, "name");
        h->detail = copy_field(m, it, "detail");
    }
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
    const cJSON *lines = cJSON_GetObjectItemCaseSensitive(o, "lines");
    if (check_list(lines, "coaching_budget.lines", res))
        return PARSE_REJECTED;
    b->lines = alloc_array(m, lines, sizeof *b->lines, &b->n_lines);
    const cJSON *it;
    cJSON_ArrayForEach(it, lines)
    {
        const cJSON *y = cJSON_GetObjectItemCaseSensitive(it, "year");
        const cJSON *ae = cJSON_GetObjectItemCaseSensitive(it, "ae_eur");
        const cJSON *cp = cJSON_GetObjectItemCaseSensitive(it, "cp_eur");
        if (!whole_in(y, 1, LOCAL_MAX_YEAR) || !whole_in(ae, 0, LOCAL_MAX_EUR) ||
            !whole_in(cp, 0, LOCAL_MAX_EUR)) {
            jsonx_reject(res,
                         "key \"coaching_budget.lines\": year, ae_eur, cp_eur must be "
                         "whole numbers (a year, euros up to %.0f)",
                         LOCAL_MAX_EUR);
            return PARSE_REJECTED;
        }
        if (!b->lines)
            return jsonx_nomem(res);
        b->lines[b->n_lines++] =
            (model_budget_line){(int)y->valuedouble, (long)ae->valuedouble, (long)cp->valuedouble};
    }
    return PARSE_OK;
}

static parse_status parse_team(model *m, const cJSON *arr, parse_result *res)
{
    if (!cJSON_IsArray(arr)) {
        jsonx_reject(res, "key \"team\": expected an array of poles");
        return PARSE_REJECTED;
    }
    m->local.poles = alloc_array(m, arr, sizeof *m->local.poles, &m->local.n_poles);
    const cJSON *it, *person;
    cJSON_ArrayForEach(it, arr)
    {
        if (!m->local.poles)
            return jsonx_nomem(res);
        model_pole *pole = &m->local.poles[m->local.n_poles++];
        pole->name = copy_field(m, it, "pole");
        pole->mission = copy_field(m, it, "mission");
        const cJSON *people = cJSON_GetObjectItemCaseSensitive(it, "people");
        if (check_list(people, "team.people", res))
            return PARSE_REJECTED;
        pole->people = alloc_array(m, people, sizeof *pole->people, &pole->n_people);
        cJSON_ArrayForEach(person, people)
        {
            if (!pole->people)
                return jsonx_nomem(res);
            model_teammate *t = &pole->people[pole->n_people++];
            t->name = copy_field(m, person, "name");
            t->role = copy_field(m, person, "role");
        }
    }
    return PARSE_OK;
}

static parse_status parse_figures(model *m, const cJSON *arr, parse_result *res)
{
    if (!cJSON_IsArray(arr)) {
        jsonx_reject(res, "key \"published_figures\": expected an array");
        return PARSE_REJECTED;
    }
    m->local.figures = alloc_array(m, arr, sizeof *m->local.figures, &m->local.n_figures);
    const cJSON *it;
    cJSON_ArrayForEach(it, arr)
    {
        if (!m->local.figures)
            return jsonx_nomem(res);
        const cJSON *year = cJSON_GetObjectItemCaseSensitive(it, "year");
        model_figure *f = &m->local.figures[m->local.n_figures++];
        f->group = copy_field(m, it, "group");
        f->value = copy_field(m, it, "value");
        f->label = copy_field(m, it, "label");
        f->source = copy_field(m, it, "source");
        f->year = whole_in(year, 1, LOCAL_MAX_YEAR) ? (int)year->valuedouble : 0;
    }
    return PARSE_OK;
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
        (st = parse_figures(m, cJSON_GetObjectItemCaseSensitive(root, "published_figures"), res))) {
        m->local = before;
        return st;
    }
    m->local.loaded = true;
    res->records = m->local.n_poles + m->local.n_figures;
    return PARSE_OK;
}
