/* statsjson: stats -> the JSON contract of metrics.md (built with cJSON).
 * Maps hold only non-zero counts; rates are floats or null. */
#include "vitrine/statsjson.h"

#include <cjson/cJSON.h>
#include <stdio.h>

static cJSON *counts_obj(const stats_counts *c)
{
    cJSON *o = cJSON_CreateObject();
    for (size_t i = 0; o && i < c->n; i++)
        if (!cJSON_AddNumberToObject(o, c->items[i].key, (double)c->items[i].count)) {
            cJSON_Delete(o);
            return NULL;
        }
    return o;
}

static cJSON *years_obj(const stats_years *y)
{
    cJSON *o = cJSON_CreateObject();
    for (size_t i = 0; o && i < y->n; i++) {
        char key[16];
        snprintf(key, sizeof key, "%04d", y->items[i].year);
        if (!cJSON_AddNumberToObject(o, key, (double)y->items[i].count)) {
            cJSON_Delete(o);
            return NULL;
        }
    }
    return o;
}

static cJSON *rate_item(stats_rate r)
{
    return r.den ? cJSON_CreateNumber(stats_rate_value(r)) : cJSON_CreateNull();
}

/* Adds item to obj under key; on failure frees item and returns false. */
static bool put(cJSON *obj, const char *key, cJSON *item)
{
    if (!item)
        return false;
    if (!cJSON_AddItemToObject(obj, key, item)) {
        cJSON_Delete(item);
        return false;
    }
    return true;
}

static cJSON *phase_rates_obj(const stats_phase_rate *r, size_t n)
{
    cJSON *o = cJSON_CreateObject();
    for (size_t i = 0; o && i < n; i++)
        if (!put(o, r[i].phase, rate_item(r[i].rate))) {
            cJSON_Delete(o);
            return NULL;
        }
    return o;
}

static cJSON *incubators_obj(const stats *s)
{
    cJSON *o = cJSON_CreateObject();
    for (size_t i = 0; o && i < s->products.n_incubators; i++) {
        const stats_incubator *si = &s->products.by_incubator[i];
        cJSON *e = cJSON_CreateObject();
        if (!put(o, si->id, e) || !cJSON_AddStringToObject(e, "title", si->title) ||
            !cJSON_AddNumberToObject(e, "active", (double)si->active) ||
            !cJSON_AddNumberToObject(e, "total", (double)si->total)) {
            cJSON_Delete(o);
            return NULL;
        }
    }
    return o;
}

static cJSON *products_obj(const stats *s)
{
    cJSON *o = cJSON_CreateObject();
    size_t np = s->products.by_phase.n;
    if (!o || !cJSON_AddNumberToObject(o, "total", (double)s->products.total) ||
        !cJSON_AddNumberToObject(o, "active", (double)s->products.active) ||
        !put(o, "by_phase", counts_obj(&s->products.by_phase)) ||
        !put(o, "launched_by_year", years_obj(&s->products.launched_by_year)) ||
        !put(o, "national_impact_by_year", years_obj(&s->products.national_impact_by_year)) ||
        !cJSON_AddNumberToObject(o, "fast_laureates", (double)s->products.fast_laureates) ||
        !put(o, "by_incubator", incubators_obj(s)) ||
        !put(o, "perennisation_rate", rate_item(s->products.perennisation)) ||
        !put(o, "open_source_rate_by_phase", phase_rates_obj(s->products.open_source, np)) ||
        !put(o, "stats_page_rate_by_phase", phase_rates_obj(s->products.stats_page, np))) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

static cJSON *new_by_year_obj(const stats *s)
{
    cJSON *o = cJSON_CreateObject();
    for (size_t i = 0; o && i < s->community.n_new_by_year; i++) {
        char key[16];
        snprintf(key, sizeof key, "%04d", s->community.new_by_year[i].year);
        if (!put(o, key, counts_obj(&s->community.new_by_year[i].by_status))) {
            cJSON_Delete(o);
            return NULL;
        }
    }
    return o;
}

static cJSON *community_obj(const stats *s)
{
    cJSON *o = cJSON_CreateObject();
    if (!o || !cJSON_AddNumberToObject(o, "active", (double)s->community.active) ||
        !put(o, "by_domaine", counts_obj(&s->community.by_domaine)) ||
        !put(o, "by_status", counts_obj(&s->community.by_status)) ||
        !put(o, "new_by_year", new_by_year_obj(s)) ||
        !put(o, "retention_12m", rate_item(s->community.retention_12m))) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

static cJSON *coaching_obj(const stats *s)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *by = cJSON_AddObjectToObject(o, "by_employer");
    /* Extra key: the display name screens show for each employer key. */
    cJSON *names = cJSON_AddObjectToObject(o, "employer_names");
    bool ok = by && names &&
              cJSON_AddNumberToObject(o, "active_coaches", (double)s->coaching.active_coaches) &&
              cJSON_AddNumberToObject(o, "coached_products", (double)s->coaching.coached_products);
    for (size_t i = 0; ok && i < s->coaching.n_employers; i++) {
        const stats_employer *e = &s->coaching.by_employer[i];
        ok = cJSON_AddNumberToObject(by, e->key, (double)e->count) &&
             cJSON_AddStringToObject(names, e->key, e->display);
    }
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

static cJSON *promotions_arr(const stats *s)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; a && i < s->eig.n_promotions; i++) {
        const stats_promotion *p = &s->eig.promotions[i];
        cJSON *e = cJSON_CreateObject();
        if (e && !cJSON_AddItemToArray(a, e)) {
            cJSON_Delete(e);
            e = NULL;
        }
        if (!e || !cJSON_AddStringToObject(e, "promotion", p->promotion) ||
            !put(e, "year", p->year ? cJSON_CreateNumber(p->year) : cJSON_CreateNull()) ||
            !cJSON_AddNumberToObject(e, "projects", (double)p->projects) ||
            !cJSON_AddNumberToObject(e, "fellows", (double)p->fellows)) {
            cJSON_Delete(a);
            return NULL;
        }
    }
    return a;
}

static cJSON *eig_obj(const stats *s)
{
    cJSON *o = cJSON_CreateObject();
    if (!o || !cJSON_AddNumberToObject(o, "projects", (double)s->eig.projects) ||
        !cJSON_AddNumberToObject(o, "fellows", (double)s->eig.fellows) ||
        !cJSON_AddNumberToObject(o, "mentors", (double)s->eig.mentors) ||
        !cJSON_AddNumberToObject(o, "administrations", (double)s->eig.administrations) ||
        !put(o, "promotions", promotions_arr(s)) ||
        !put(o, "by_profile", counts_obj(&s->eig.by_profile)) ||
        !cJSON_AddNumberToObject(o, "fellows_in_several_promotions",
                                 (double)s->eig.fellows_in_several_promotions)) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

char *statsjson_print(const stats *s)
{
    char as_of[DATE_ISO_LEN];
    date_format_iso(s->as_of, as_of);
    cJSON *root = cJSON_CreateObject();
    char *out = NULL;
    if (root && cJSON_AddStringToObject(root, "as_of", as_of) &&
        put(root, "products", products_obj(s)) && put(root, "community", community_obj(s)) &&
        put(root, "coaching", coaching_obj(s)) && put(root, "eig", eig_obj(s)))
        out = cJSON_Print(root);
    cJSON_Delete(root);
    return out;
}
