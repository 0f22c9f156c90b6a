/* jsonx: typed accessors over cJSON and sanitising string copies. */
#include "jsonx.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitrine/text.h"

const char *jsonx_str(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

const char *jsonx_opt_str(const cJSON *obj, const char *key, bool *bad)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (cJSON_IsString(v))
        return v->valuestring;
    if (v && !cJSON_IsNull(v))
        *bad = true;
    return NULL;
}

static const cJSON *opt_typed(const cJSON *obj, const char *key, bool *bad,
                              cJSON_bool (*is)(const cJSON *))
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v || cJSON_IsNull(v))
        return NULL;
    if (!is(v)) {
        *bad = true;
        return NULL;
    }
    return v;
}

const cJSON *jsonx_opt_array(const cJSON *obj, const char *key, bool *bad)
{
    return opt_typed(obj, key, bad, cJSON_IsArray);
}

const cJSON *jsonx_opt_object(const cJSON *obj, const char *key, bool *bad)
{
    return opt_typed(obj, key, bad, cJSON_IsObject);
}

vt_date jsonx_date(const cJSON *obj, const char *key)
{
    return date_parse(jsonx_str(obj, key));
}

bool jsonx_whole(const cJSON *v, double lo, double hi)
{
    return cJSON_IsNumber(v) && isfinite(v->valuedouble) &&
           v->valuedouble == floor(v->valuedouble) && v->valuedouble >= lo && v->valuedouble <= hi;
}

/* Length of a valid UTF-8 sequence at s (1..4), 0 if invalid. */
static size_t utf8_seq(const unsigned char *s)
{
    if (s[0] < 0x80)
        return 1;
    size_t n = s[0] >= 0xF0 && s[0] <= 0xF4  ? 4
               : s[0] >= 0xE0                ? 3
               : s[0] >= 0xC2 && s[0] < 0xE0 ? 2
                                             : 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if (n == 3 && ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0)))
        return 0; /* overlong, surrogate */
    if (n == 4 && ((s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90)))
        return 0;
    return n;
}

char *jsonx_copy(arena *a, const char *s)
{
    if (!s)
        s = "";
    char buf[JSONX_MAX_STRING + 4];
    size_t o = 0;
    const unsigned char *u = (const unsigned char *)s;
    while (*u && o < JSONX_MAX_STRING) {
        size_t n = utf8_seq(u);
        if (n == 0) {
            memcpy(buf + o, "\xEF\xBF\xBD", 3); /* U+FFFD */
            o += 3;
            u++;
        } else if (n == 1) {
            buf[o++] = *u < 0x20 || *u == 0x7F ? ' ' : (char)*u;
            u++;
        } else {
            memcpy(buf + o, u, n);
            o += n;
            u += n;
        }
    }
    return arena_strndup(a, buf, o);
}

char *jsonx_copy_trimmed(arena *a, const char *s)
{
    char buf[JSONX_MAX_STRING + 1];
    text_trim(s, buf, sizeof buf);
    return jsonx_copy(a, buf);
}

bool jsonx_str_list(arena *a, const cJSON *arr, const char ***out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (!cJSON_IsArray(arr))
        return true;
    size_t cap = (size_t)cJSON_GetArraySize(arr);
    if (cap == 0)
        return true;
    const char **list = arena_alloc(a, cap * sizeof *list);
    if (!list)
        return false;
    const cJSON *it;
    cJSON_ArrayForEach(it, arr)
    {
        if (!cJSON_IsString(it) || text_is_blank(it->valuestring))
            continue;
        if (!(list[*n] = jsonx_copy_trimmed(a, it->valuestring)))
            return false;
        (*n)++;
    }
    *out = list;
    return true;
}

/* While jsonx_parse runs on a thread, that thread's cJSON allocations come
 * from the document's arena, and cJSON's frees (of a partial tree, on a
 * syntax error) are no-ops: the arena goes as a whole. At any other time
 * (configuration files, printed JSON, other threads' trees) they are plain
 * malloc and free. The parse touches no other tree, so a free during it is
 * always of its own nodes. */
#define JSONX_TREE_BLOCK ((size_t)1 << 20) /* mapped on its own: see memtune.h */

static bool arenas_on;
static _Thread_local arena *tree_arena; /* set during jsonx_parse only */
/* An allocation of the tree failed: cJSON reports it as a syntax error, the
 * parse as what it is. Set during jsonx_parse only. */
static _Thread_local bool tree_nomem;

static void *hook_malloc(size_t n)
{
    void *p = tree_arena ? arena_alloc(tree_arena, n) : malloc(n);
    if (!p)
        tree_nomem = true;
    return p;
}

static void hook_free(void *ptr)
{
    if (!tree_arena)
        free(ptr);
}

void jsonx_use_arenas(void)
{
    cJSON_Hooks hooks = {hook_malloc, hook_free};
    cJSON_InitHooks(&hooks);
    arenas_on = true;
}

parse_status jsonx_parse(jsonx_doc *doc, const char *buf, size_t len, parse_result *res)
{
    doc->root = NULL;
    doc->nodes = NULL;
    if (len > PARSE_MAX_BYTES) {
        jsonx_reject(res, "too large (%zu bytes, limit %zu)", len, (size_t)PARSE_MAX_BYTES);
        return PARSE_REJECTED;
    }
    if (!buf || len == 0) {
        jsonx_reject(res, "empty document");
        return PARSE_REJECTED;
    }
    if (arenas_on && !(doc->nodes = arena_new_blocks(JSONX_TREE_BLOCK)))
        return jsonx_nomem(res);
    const char *end = NULL;
    tree_arena = doc->nodes;
    tree_nomem = false;
    doc->root = cJSON_ParseWithLengthOpts(buf, len, &end, 0);
    tree_arena = NULL;
    if (!doc->root && tree_nomem) {
        jsonx_doc_free(doc);
        return jsonx_nomem(res);
    }
    if (!doc->root) {
        size_t at = end && end >= buf ? (size_t)(end - buf) : 0;
        jsonx_reject(res, "not valid JSON (error near byte %zu of %zu)", at, len);
        jsonx_doc_free(doc);
        return PARSE_REJECTED;
    }
    for (const char *p = end; p && p < buf + len; p++) {
        if (*p != ' ' && *p != '\n' && *p != '\r' && *p != '\t' && *p != '\0') {
            jsonx_reject(res, "not valid JSON (trailing data at byte %zu)", (size_t)(p - buf));
            jsonx_doc_free(doc);
            return PARSE_REJECTED;
        }
    }
    return PARSE_OK;
}

void jsonx_doc_free(jsonx_doc *doc)
{
    if (doc->nodes)
        arena_free(doc->nodes); /* the whole tree at once */
    else
        cJSON_Delete(doc->root);
    doc->root = NULL;
    doc->nodes = NULL;
}

/* Records a skipped record: counts it and keeps the first reason. */
__attribute__((format(printf, 2, 3))) static void skip(parse_result *res, const char *fmt, ...)
{
    if (res->skipped++ == 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(res->error, sizeof res->error, fmt, ap);
        va_end(ap);
    }
}

/* What a skip message calls a record: its key, else its id. */
static const char *record_label(const cJSON *rec)
{
    const char *id = rec->string ? rec->string : jsonx_str(rec, "id");
    return id ? id : "?";
}

parse_status jsonx_records(model *m, const cJSON *list, size_t size, jsonx_record_fn fn, void **out,
                           size_t *n, parse_result *res)
{
    size_t cap = (size_t)cJSON_GetArraySize(list), index = 0, kept = 0;
    unsigned char *records = cap ? arena_alloc(m->arena, cap * size) : NULL;
    *out = NULL;
    *n = 0;
    if (cap && !records)
        return jsonx_nomem(res);
    const cJSON *rec;
    cJSON_ArrayForEach(rec, list)
    {
        unsigned char *slot = records + kept * size;
        bool bad = !cJSON_IsObject(rec);
        if (!bad && !fn(m, slot, rec, &bad))
            return jsonx_nomem(res);
        if (bad) {
            memset(slot, 0, size); /* what fn wrote before it gave up */
            skip(res, "record %zu (\"%s\") has wrong types", index, record_label(rec));
        } else {
            kept++;
        }
        index++;
    }
    *out = records;
    *n = kept;
    res->records += kept;
    return PARSE_OK;
}

bool jsonx_items(model *m, const cJSON *list, size_t size, jsonx_record_fn fn, void **out,
                 size_t *n, bool *bad)
{
    size_t cap = (size_t)cJSON_GetArraySize(list);
    unsigned char *items = cap ? arena_alloc(m->arena, cap * size) : NULL;
    *out = items;
    *n = 0;
    if (cap && !items)
        return false;
    const cJSON *it;
    cJSON_ArrayForEach(it, list)
    {
        if (!cJSON_IsObject(it))
            *bad = true;
        else if (!fn(m, items + *n * size, it, bad))
            return false;
        if (*bad)
            return true;
        (*n)++;
    }
    return true;
}

void jsonx_reject(parse_result *res, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(res->error, sizeof res->error, fmt, ap);
    va_end(ap);
}

parse_status jsonx_nomem(parse_result *res)
{
    jsonx_reject(res, "out of memory");
    return PARSE_NOMEM;
}
