/* eig: parsers for the EIG programme files, converted from the site's YAML:
 * defis.json {"Name": {promotion, year, administration, eigs, mentors}} and
 * personnes.json {"Name": {profil, ...}}. Arrays of objects (with a "title"
 * or "name") are read too. */
#include "eig.h"

#include <stdio.h>

#include "jsonx.h"
#include "vitrine/text.h"

/* The record's name: its key in an object, else its title or name field. */
static const char *record_name(const cJSON *rec)
{
    if (rec->string)
        return rec->string;
    const char *t = jsonx_str(rec, "title");
    return t ? t : jsonx_str(rec, "name");
}

/* "promotion": 4 -> "4", "dig" -> "dig"; NULL when absent or odd. */
static const char *promotion_of(arena *a, const cJSON *rec, bool *bad)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(rec, "promotion");
    if (cJSON_IsString(v))
        return text_is_blank(v->valuestring) ? NULL : jsonx_copy_trimmed(a, v->valuestring);
    if (jsonx_whole(v, -1e9, 1e9)) {
        char buf[32];
        snprintf(buf, sizeof buf, "%.0f", v->valuedouble);
        return jsonx_copy(a, buf);
    }
    if (v && !cJSON_IsNull(v))
        *bad = true;
    return NULL;
}

/* "year": 2019 or "2019"; 0 when absent. */
static int year_of(const cJSON *rec, bool *bad)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(rec, "year");
    if (jsonx_whole(v, 1, 9999))
        return (int)v->valuedouble;
    if (cJSON_IsString(v)) {
        int y = 0, n = 0;
        if (sscanf(v->valuestring, "%4d%n", &y, &n) == 1 && v->valuestring[n] == '\0' && y > 0)
            return y;
        return 0;
    }
    if (v && !cJSON_IsNull(v) && !cJSON_IsNumber(v))
        *bad = true;
    return 0;
}

/* A jsonx_record_fn: one challenge. */
static bool parse_defi(model *m, void *record, const cJSON *rec, bool *bad)
{
    model_defi *d = record;
    const char *name = record_name(rec);
    const char *admin = jsonx_opt_str(rec, "administration", bad);
    const cJSON *eigs = jsonx_opt_array(rec, "eigs", bad);
    const cJSON *mentors = jsonx_opt_array(rec, "mentors", bad);
    if (text_is_blank(name))
        *bad = true;
    if (*bad)
        return true;
    d->name = jsonx_copy_trimmed(m->arena, name);
    d->promotion = promotion_of(m->arena, rec, bad);
    d->year = year_of(rec, bad);
    d->administration = text_is_blank(admin) ? NULL : jsonx_copy_trimmed(m->arena, admin);
    if (!d->name || (admin && !text_is_blank(admin) && !d->administration))
        return false;
    return jsonx_str_list(m->arena, eigs, &d->eigs, &d->n_eigs) &&
           jsonx_str_list(m->arena, mentors, &d->mentors, &d->n_mentors);
}

static bool is_collection(const span *root)
{
    return span_is_object(root) || span_is_array(root);
}

parse_status eig_parse_defis(model *m, const span *root, parse_result *res)
{
    if (!is_collection(root)) {
        jsonx_reject(res, "expected an object (or array) of challenges");
        return PARSE_REJECTED;
    }
    void *defis;
    size_t n;
    parse_status st = span_records(m, root, sizeof(model_defi), parse_defi, &defis, &n, res);
    if (st == PARSE_OK) {
        m->defis = defis;
        m->n_defis = n;
    }
    return st;
}

/* A jsonx_record_fn: one person. */
static bool parse_person(model *m, void *record, const cJSON *rec, bool *bad)
{
    model_person *p = record;
    const char *profil = jsonx_opt_str(rec, "profil", bad);
    const char *name = record_name(rec);
    if (*bad || text_is_blank(name)) {
        *bad = true;
        return true;
    }
    p->name = jsonx_copy_trimmed(m->arena, name);
    p->profil = jsonx_copy_trimmed(m->arena, profil);
    return p->name && p->profil;
}

parse_status eig_parse_personnes(model *m, const span *root, parse_result *res)
{
    if (!is_collection(root)) {
        jsonx_reject(res, "expected an object (or array) of people");
        return PARSE_REJECTED;
    }
    void *persons;
    size_t n;
    parse_status st = span_records(m, root, sizeof(model_person), parse_person, &persons, &n, res);
    if (st == PARSE_OK) {
        m->persons = persons;
        m->n_persons = n;
    }
    return st;
}
