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

char *jsonx_copy(arena *a, const char *s)
{
    /* text_clean: U+FFFD for invalid bytes (F5..FF, overlong forms,
     * surrogates, sequences cut short), spaces for control characters, and
     * an ellipsis where the cap cuts. */
    char buf[JSONX_MAX_STRING + 1];
    size_t n = text_clean(s, s ? strlen(s) : 0, buf, sizeof buf);
    return arena_strndup(a, buf, n);
}

/* s is what text_clean and text_trim would leave as it is: printable
 * ASCII, no space at either end, shorter than the cap (ids, dates,
 * statuses: most of a feed's strings); its length in *n. */
static bool plain(const char *s, size_t *n)
{
    size_t i = 0;
    for (; i < JSONX_MAX_STRING && s[i]; i++)
        if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] >= 0x7F)
            return false;
    *n = i;
    return i < JSONX_MAX_STRING && (i == 0 || (s[0] != ' ' && s[i - 1] != ' '));
}

char *jsonx_copy_trimmed(arena *a, const char *s)
{
    size_t n;
    if (s && plain(s, &n))
        return arena_strndup(a, s, n);
    /* Cleaned first, so that a string cut by the cap keeps its ellipsis. */
    char buf[JSONX_MAX_STRING + 1];
    text_clean(s, s ? strlen(s) : 0, buf, sizeof buf);
    n = text_trim(buf, buf, sizeof buf);
    return arena_strndup(a, buf, n);
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

parse_status jsonx_check_size(const char *buf, size_t len, parse_result *res)
{
    if (len > PARSE_MAX_BYTES) {
        jsonx_reject(res, "too large (%zu bytes, limit %zu)", len, (size_t)PARSE_MAX_BYTES);
        return PARSE_REJECTED;
    }
    if (!buf || len == 0) {
        jsonx_reject(res, "empty document");
        return PARSE_REJECTED;
    }
    return PARSE_OK;
}

/* buf into doc->root, in doc->nodes when set; buf's size checked. buf is
 * bytes [offset, offset + len) of a document of total bytes: an error's
 * byte is counted from that document's start, and *error_at is where in
 * buf cJSON stopped. */
static parse_status parse_tree(jsonx_doc *doc, const char *buf, size_t len, size_t offset,
                               size_t total, size_t *error_at, parse_result *res)
{
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
        *error_at = end && end >= buf ? (size_t)(end - buf) : 0;
        jsonx_reject(res, "not valid JSON (error near byte %zu of %zu)", offset + *error_at, total);
        jsonx_doc_free(doc);
        return PARSE_REJECTED;
    }
    for (const char *p = end; p && p < buf + len; p++) {
        if (*p != ' ' && *p != '\n' && *p != '\r' && *p != '\t' && *p != '\0') {
            *error_at = (size_t)(p - buf);
            jsonx_reject(res, "trailing content after the JSON value, at byte %zu",
                         offset + *error_at);
            jsonx_doc_free(doc);
            return PARSE_REJECTED;
        }
    }
    tree_arena = doc->nodes;
    bool marked = jsonx_mark_nuls(doc->root, buf, len);
    tree_arena = NULL;
    if (!marked) {
        jsonx_doc_free(doc);
        return jsonx_nomem(res);
    }
    return PARSE_OK;
}

/* The text "\u0000" in buf: maybe a NUL escape (or an escaped backslash
 * before "u0000"). memchr: almost no document has one. */
static bool has_nul_text(const char *buf, size_t len)
{
    for (const char *p = buf, *end = buf + len; (p = memchr(p, '\\', (size_t)(end - p)));)
        if (end - p >= 6 && memcmp(p, "\\u0000", 6) == 0)
            return true;
        else
            p++;
    return false;
}

size_t jsonx_rewrite_escapes(char *p, size_t len, jsonx_escape_fn fix)
{
    bool in_string = false;
    size_t rewritten = 0;
    for (const char *end = p + len; p < end;) {
        if (in_string && *p == '\\') {
            bool changed = false;
            size_t used = fix(p, end, &changed);
            rewritten += changed;
            p += used >= 2 ? used : 2; /* an escaped quote or backslash does not end it */
        } else {
            in_string ^= *p++ == '"';
        }
    }
    return rewritten;
}

/* jsonx_escape_fn: "\u0000" becomes "\u0001". */
static size_t nul_to_one(char *p, const char *end, bool *changed)
{
    if (end - p >= 6 && memcmp(p, "\\u0000", 6) == 0) {
        p[5] = '1';
        *changed = true;
    }
    return 2;
}

/* a and b: the same document, b with its NUL escapes replaced; a string
 * of a that differs from b's was cut at a NUL. */
static void mark_cut(cJSON *a, const cJSON *b)
{
    for (; a && b; a = a->next, b = b->next) {
        if (cJSON_IsString(a) && a->valuestring && b->valuestring &&
            strcmp(a->valuestring, b->valuestring) != 0)
            a->type |= JSONX_HELD_NUL;
        mark_cut(a->child, b->child);
    }
}

bool jsonx_mark_nuls(cJSON *root, const char *buf, size_t len)
{
    if (!has_nul_text(buf, len))
        return true;
    char *copy = malloc(len);
    if (!copy)
        return false;
    memcpy(copy, buf, len);
    if (jsonx_rewrite_escapes(copy, len, nul_to_one)) {
        /* In the document's arena when it has one (tree_arena): freed with
         * it. The copy is as valid as buf: only memory can fail it. */
        cJSON *other = cJSON_ParseWithLength(copy, len);
        if (!other) {
            free(copy);
            return false;
        }
        mark_cut(root, other);
        cJSON_Delete(other);
    }
    free(copy);
    return true;
}

bool jsonx_held_nul(const cJSON *item)
{
    return item && (item->type & JSONX_HELD_NUL);
}

parse_status jsonx_parse(jsonx_doc *doc, const char *buf, size_t len, parse_result *res)
{
    *doc = (jsonx_doc){0};
    size_t at;
    parse_status st = jsonx_check_size(buf, len, res);
    if (st != PARSE_OK)
        return st;
    if (arenas_on && !(doc->nodes = arena_new_blocks(JSONX_TREE_BLOCK)))
        return jsonx_nomem(res);
    return parse_tree(doc, buf, len, 0, len, &at, res);
}

parse_status jsonx_parse_part(jsonx_doc *doc, arena *nodes, const char *buf, size_t len,
                              size_t offset, size_t total, size_t *error_at, parse_result *res)
{
    *doc = (jsonx_doc){.nodes = arenas_on ? nodes : NULL, .borrowed = arenas_on && nodes};
    *error_at = 0;
    parse_status st = jsonx_check_size(buf, len, res);
    return st != PARSE_OK ? st : parse_tree(doc, buf, len, offset, total, error_at, res);
}

bool jsonx_set_string(jsonx_doc *doc, cJSON *item, const char *s, size_t n)
{
    char *copy = doc->nodes ? arena_strndup(doc->nodes, s, n) : malloc(n + 1);
    if (!copy)
        return false;
    if (!doc->nodes) { /* a malloc'ed tree: cJSON_Delete frees its strings */
        memcpy(copy, s, n);
        copy[n] = '\0';
        cJSON_free(item->valuestring);
    }
    item->valuestring = copy;
    return true;
}

void jsonx_doc_free(jsonx_doc *doc)
{
    if (doc->borrowed)
        ; /* the caller empties its arena */
    else if (doc->nodes)
        arena_free(doc->nodes); /* the whole tree at once */
    else
        cJSON_Delete(doc->root);
    *doc = (jsonx_doc){0};
}

void jsonx_skip(parse_result *res, const char *fmt, ...)
{
    if (res->skipped++ == 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(res->error, sizeof res->error, fmt, ap);
        va_end(ap);
    }
}

static const char *record_label(const cJSON *rec)
{
    const char *id = rec->string ? rec->string : jsonx_str(rec, "id");
    return id ? id : "?";
}

bool jsonx_record(model *m, void *slot, size_t size, const cJSON *rec, size_t index,
                  jsonx_record_fn fn, parse_result *res, bool *kept)
{
    bool bad = !cJSON_IsObject(rec);
    *kept = false;
    if (!bad && !fn(m, slot, rec, &bad)) {
        jsonx_nomem(res);
        return false;
    }
    if (bad) {
        memset(slot, 0, size); /* what fn wrote before it gave up */
        jsonx_skip(res, "record %zu (\"%s\") has wrong types", index, record_label(rec));
    } else {
        *kept = true;
    }
    return true;
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
        bool one = false;
        if (!jsonx_record(m, records + kept * size, size, rec, index++, fn, res, &one))
            return PARSE_NOMEM;
        kept += one;
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
