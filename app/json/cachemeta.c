/* cachemeta: the cache file's metadata line, with cJSON. Numbers are
 * checked to be whole and in range before they are converted, so a line
 * edited by hand or damaged on disk is rejected, never misread. */
#include "vitrine/cachemeta.h"

#include "jsonx.h"
#include "vitrine/hash.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CACHEMETA_FORMAT "vitrine-cache-1"
#define HASH_HEX_LEN 16
#define MAX_EXACT 9007199254740992.0 /* 2^53: larger doubles skip whole numbers */

static void copy_field(const cJSON *obj, const char *key, char *out, size_t outsz)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    snprintf(out, outsz, "%s",
             cJSON_IsString(v) && strlen(v->valuestring) < outsz ? v->valuestring : "");
}

static bool hex_hash(const cJSON *v, uint64_t *out)
{
    if (!cJSON_IsString(v) || strlen(v->valuestring) != HASH_HEX_LEN ||
        strspn(v->valuestring, "0123456789abcdefABCDEF") != HASH_HEX_LEN)
        return false;
    *out = (uint64_t)strtoull(v->valuestring, NULL, 16);
    return true;
}

void cachemeta_set_fields(cachemeta *meta, const parse_result *res)
{
    meta->n_fields = 0;
    for (size_t i = 0; i < res->n_fields && i < PARSE_MAX_FIELDS; i++) {
        cachemeta_field *f = &meta->fields[meta->n_fields++];
        snprintf(f->name, sizeof f->name, "%s", res->fields[i].name);
        f->readable = res->fields[i].readable;
        f->canonical = res->fields[i].canonical;
    }
}

/* "fields": {"name": [readable, canonical], ...}; anything malformed is
 * left out (the guard then has nothing to compare it with). */
static void read_fields(const cJSON *obj, cachemeta *out, double max_size)
{
    const cJSON *f;
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(obj, "fields"))
    {
        const cJSON *r = cJSON_GetArrayItem(f, 0), *c = cJSON_GetArrayItem(f, 1);
        if (out->n_fields >= PARSE_MAX_FIELDS || !f->string ||
            strlen(f->string) >= CACHEMETA_FIELD_LEN || !jsonx_whole(r, 0, max_size) ||
            !jsonx_whole(c, 0, max_size))
            continue;
        cachemeta_field *cf = &out->fields[out->n_fields++];
        snprintf(cf->name, sizeof cf->name, "%s", f->string);
        cf->readable = (size_t)r->valuedouble;
        cf->canonical = (size_t)c->valuedouble;
    }
}

/* "figures": {"products.total": 661, ...}; whole numbers only. */
static void read_figures(const cJSON *obj, cachemeta *out)
{
    const cJSON *f;
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(obj, "figures"))
    {
        if (f->string && jsonx_whole(f, 0, (double)LONG_MAX / 2))
            headline_put(&out->figures, f->string, (long)f->valuedouble);
    }
}

cachemeta_status cachemeta_parse(const char *line, size_t len, cachemeta *out, const char **why)
{
    cJSON *obj = cJSON_ParseWithLength(line, len);
    const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(obj, "format");
    const cJSON *size = cJSON_GetObjectItemCaseSensitive(obj, "size");
    const cJSON *at = cJSON_GetObjectItemCaseSensitive(obj, "fetched_at");
    const cJSON *records = cJSON_GetObjectItemCaseSensitive(obj, "records");
    double max_size = (double)SIZE_MAX < MAX_EXACT ? (double)SIZE_MAX : MAX_EXACT;
    uint64_t hash = 0;
    const cJSON *xxh = cJSON_GetObjectItemCaseSensitive(obj, "xxh64");
    bool fnv1a = !xxh; /* a line written before XXH64: FNV-1a */
    cachemeta_status st = CACHEMETA_INVALID;
    if (!cJSON_IsString(fmt) || strcmp(fmt->valuestring, CACHEMETA_FORMAT) != 0)
        *why = "bad metadata line";
    else if (!jsonx_whole(size, 0, max_size) || !jsonx_whole(at, 0, MAX_EXACT) ||
             !hex_hash(fnv1a ? cJSON_GetObjectItemCaseSensitive(obj, "fnv1a64") : xxh, &hash) ||
             (records && !jsonx_whole(records, 0, max_size)))
        *why = "incomplete metadata, or a number out of range";
    else
        st = CACHEMETA_OK;
    if (st == CACHEMETA_OK) {
        memset(out, 0, sizeof *out);
        copy_field(obj, "url", out->url, sizeof out->url);
        copy_field(obj, "etag", out->etag, sizeof out->etag);
        copy_field(obj, "last_modified", out->last_modified, sizeof out->last_modified);
        out->fetched_at = (int64_t)at->valuedouble;
        out->size = (size_t)size->valuedouble;
        out->hash = hash;
        out->fnv1a = fnv1a;
        out->records = records ? (size_t)records->valuedouble : 0; /* absent before 2026-12 */
        read_fields(obj, out, max_size);
        read_figures(obj, out);
        const cJSON *acc = cJSON_GetObjectItemCaseSensitive(obj, "accepted_at");
        out->accepted_at = jsonx_whole(acc, 0, MAX_EXACT) ? (int64_t)acc->valuedouble : 0;
        copy_field(obj, "held_reason", out->held_reason, sizeof out->held_reason);
    }
    cJSON_Delete(obj);
    return st;
}

/* The guard's counts, and the operator's acceptance or a held body's
 * reason when there is one. */
static bool add_checks(cJSON *h, const cachemeta *meta)
{
    cJSON *fields = cJSON_AddObjectToObject(h, "fields");
    bool ok = fields != NULL;
    for (size_t i = 0; ok && i < meta->n_fields; i++) {
        cJSON *pair = cJSON_AddArrayToObject(fields, meta->fields[i].name);
        ok = pair &&
             cJSON_AddItemToArray(pair, cJSON_CreateNumber((double)meta->fields[i].readable)) &&
             cJSON_AddItemToArray(pair, cJSON_CreateNumber((double)meta->fields[i].canonical));
    }
    cJSON *figures = ok ? cJSON_AddObjectToObject(h, "figures") : NULL;
    ok = figures != NULL;
    for (size_t i = 0; ok && i < meta->figures.n; i++)
        ok = cJSON_AddNumberToObject(figures, meta->figures.items[i].key,
                                     (double)meta->figures.items[i].value) != NULL;
    if (ok && meta->accepted_at)
        ok = cJSON_AddNumberToObject(h, "accepted_at", (double)meta->accepted_at) != NULL;
    if (ok && *meta->held_reason)
        ok = cJSON_AddStringToObject(h, "held_reason", meta->held_reason) != NULL;
    return ok;
}

uint64_t cachemeta_checksum(const cachemeta *meta, const char *body, size_t len)
{
    return meta->fnv1a ? hash_fnv1a64(HASH_FNV1A64_BASIS, body, len) : hash_xxh64(body, len);
}

bool cachemeta_same_body(const cachemeta *a, const cachemeta *b)
{
    return a->size == b->size && a->fnv1a == b->fnv1a && a->hash == b->hash;
}

char *cachemeta_print(const cachemeta *meta)
{
    char hash[HASH_HEX_LEN + 1];
    snprintf(hash, sizeof hash, "%016" PRIx64, meta->hash);
    cJSON *h = cJSON_CreateObject();
    bool ok = h && cJSON_AddStringToObject(h, "format", CACHEMETA_FORMAT) &&
              cJSON_AddStringToObject(h, "url", meta->url) &&
              cJSON_AddStringToObject(h, "etag", meta->etag) &&
              cJSON_AddStringToObject(h, "last_modified", meta->last_modified) &&
              cJSON_AddNumberToObject(h, "fetched_at", (double)meta->fetched_at) &&
              cJSON_AddNumberToObject(h, "size", (double)meta->size) &&
              cJSON_AddStringToObject(h, meta->fnv1a ? "fnv1a64" : "xxh64", hash) &&
              cJSON_AddNumberToObject(h, "records", (double)meta->records) && add_checks(h, meta);
    char *line = ok ? cJSON_PrintUnformatted(h) : NULL;
    cJSON_Delete(h);
    return line;
}
