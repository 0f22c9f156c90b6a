/* cachemeta: the cache file's metadata line, with cJSON. Numbers are
 * checked to be whole and in range before they are converted, so a line
 * edited by hand or damaged on disk is rejected, never misread. */
#include "vitrine/cachemeta.h"

#include "jsonx.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
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

cachemeta_status cachemeta_parse(const char *line, size_t len, cachemeta *out, const char **why)
{
    cJSON *obj = cJSON_ParseWithLength(line, len);
    const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(obj, "format");
    const cJSON *size = cJSON_GetObjectItemCaseSensitive(obj, "size");
    const cJSON *at = cJSON_GetObjectItemCaseSensitive(obj, "fetched_at");
    const cJSON *records = cJSON_GetObjectItemCaseSensitive(obj, "records");
    double max_size = (double)SIZE_MAX < MAX_EXACT ? (double)SIZE_MAX : MAX_EXACT;
    uint64_t hash = 0;
    cachemeta_status st = CACHEMETA_INVALID;
    if (!cJSON_IsString(fmt) || strcmp(fmt->valuestring, CACHEMETA_FORMAT) != 0)
        *why = "bad metadata line";
    else if (!jsonx_whole(size, 0, max_size) || !jsonx_whole(at, 0, MAX_EXACT) ||
             !hex_hash(cJSON_GetObjectItemCaseSensitive(obj, "fnv1a64"), &hash) ||
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
        out->records = records ? (size_t)records->valuedouble : 0; /* absent before 2026-12 */
    }
    cJSON_Delete(obj);
    return st;
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
              cJSON_AddStringToObject(h, "fnv1a64", hash) &&
              cJSON_AddNumberToObject(h, "records", (double)meta->records);
    char *line = ok ? cJSON_PrintUnformatted(h) : NULL;
    cJSON_Delete(h);
    return line;
}
