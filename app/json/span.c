/* span: bounds of JSON values found by a scan, records parsed one by one. */
#include "span.h"

#include <stdlib.h>
#include <string.h>

#include "vitrine/arena.h"

#define SPAN_FIRST_RECORDS 64 /* records room before the first growth */

static bool blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static const char *skip_blank(const char *p, const char *end)
{
    while (p < end && blank(*p))
        p++;
    return p;
}

/* The end of the string that starts at p (a '"'); NULL when it does not
 * end. Strings are most of a feed's bytes: memchr finds each quote, and an
 * odd run of backslashes before it means it is escaped. Its content is
 * checked by cJSON, not here. */
static const char *skip_string(const char *p, const char *end)
{
    const char *first = p + 1;
    for (const char *from = first; from < end;) {
        const char *q = memchr(from, '"', (size_t)(end - from));
        if (!q)
            return NULL;
        size_t slashes = 0;
        while (q - (ptrdiff_t)slashes > first && q[-1 - (ptrdiff_t)slashes] == '\\')
            slashes++;
        if (slashes % 2 == 0)
            return q + 1;
        from = q + 1;
    }
    return NULL;
}

/* The end of the value that starts at p (not blank): a string, a container
 * (brackets counted outside strings) or a scalar (up to the next
 * separator); NULL when it does not end before end or nests too deep. */
static const char *skip_value(const char *p, const char *end)
{
    if (p >= end)
        return NULL;
    if (*p == '"')
        return skip_string(p, end);
    if (*p != '[' && *p != '{') {
        const char *q = p;
        while (q < end && *q && !blank(*q) && *q != ',' && *q != ':' && *q != ']' && *q != '}')
            q++;
        return q > p ? q : NULL;
    }
    int depth = 0;
    while (p < end) {
        char c = *p;
        if (c == '"') {
            if (!(p = skip_string(p, end)))
                return NULL;
            continue;
        }
        if ((c == '[' || c == '{') && ++depth > SPAN_MAX_DEPTH)
            return NULL;
        if ((c == ']' || c == '}') && --depth == 0)
            return p + 1;
        p++;
    }
    return NULL;
}

parse_status span_root(const char *buf, size_t len, span *root, parse_result *res)
{
    parse_status st = jsonx_check_size(buf, len, res);
    if (st != PARSE_OK)
        return st;
    const char *end = buf + len;
    const char *p = skip_blank(buf, end);
    while (end > p && (blank(end[-1]) || end[-1] == '\0'))
        end--; /* blanks and NULs may follow the value */
    if (p == end)
        return jsonx_check_size(p, 0, res); /* blanks only: empty */
    /* Where the value really ends is checked by the walk of its elements
     * (a "[...] [...]" fails at the second bracket); here only that it
     * ends with the bracket it opened, or that a scalar is one. */
    *root = (span){p, (size_t)(end - p)};
    if (span_is_array(root) || span_is_object(root))
        return PARSE_OK;
    if (*p == '[' || *p == '{') {
        jsonx_reject(res, "not valid JSON (the %s opened at byte %zu is not closed)",
                     *p == '[' ? "array" : "object", (size_t)(p - buf));
        return PARSE_REJECTED;
    }
    jsonx_doc doc; /* a scalar: valid or not, the parsers want a container */
    st = jsonx_parse(&doc, root->text, root->len, res);
    jsonx_doc_free(&doc);
    return st;
}

/* The scan counts brackets of both kinds together: the closing one must
 * match the opening one ("[...}" is neither). */
bool span_is_array(const span *s)
{
    return s->len >= 2 && s->text[0] == '[' && s->text[s->len - 1] == ']';
}

bool span_is_object(const span *s)
{
    return s->len >= 2 && s->text[0] == '{' && s->text[s->len - 1] == '}';
}

/* A walk over the elements of a container: one element, its key for an
 * object's members. */
typedef struct {
    const char *p, *end; /* the next byte; the container's closing bracket */
    bool keyed, first;
} walk;

static walk walk_start(const span *s)
{
    return (walk){s->text + 1, s->text + s->len - 1, span_is_object(s), true};
}

/* 1: the next element in *key (keyed walks) and *val; 0: the end; -1:
 * malformed, w->p at the error. */
static int walk_next(walk *w, span *key, span *val)
{
    w->p = skip_blank(w->p, w->end);
    if (w->p == w->end)
        return 0; /* "[]", "{}", or after the last element */
    if (!w->first) {
        if (*w->p != ',')
            return -1;
        w->p = skip_blank(w->p + 1, w->end);
    }
    w->first = false;
    if (w->keyed) {
        const char *k = w->p < w->end && *w->p == '"' ? skip_string(w->p, w->end) : NULL;
        if (!k)
            return -1;
        *key = (span){w->p, (size_t)(k - w->p)};
        w->p = skip_blank(k, w->end);
        if (w->p == w->end || *w->p != ':')
            return -1;
        w->p = skip_blank(w->p + 1, w->end);
    }
    const char *v = skip_value(w->p, w->end);
    if (!v)
        return -1;
    *val = (span){w->p, (size_t)(v - w->p)};
    w->p = v;
    return 1;
}

static parse_status malformed(const span *whole, const char *at, parse_result *res)
{
    jsonx_reject(res, "not valid JSON (error near byte %zu of a %zu-byte value)",
                 (size_t)(at - whole->text), whole->len);
    return PARSE_REJECTED;
}

static bool named(const span *k, const char *key)
{
    size_t n = strlen(key); /* keys compared as written: ours have no escapes */
    return k->len == n + 2 && memcmp(k->text + 1, key, n) == 0;
}

/* obj without [from, to), as a cJSON tree. */
static parse_status parse_without(const span *obj, const char *from, const char *to, jsonx_doc *doc,
                                  parse_result *res)
{
    size_t head = (size_t)(from - obj->text), tail = obj->len - (size_t)(to - obj->text);
    char *rest = malloc(head + tail);
    if (!rest)
        return jsonx_nomem(res);
    memcpy(rest, obj->text, head);
    memcpy(rest + head, to, tail);
    parse_status st = jsonx_parse(doc, rest, head + tail, res); /* strings are copied */
    free(rest);
    return st;
}

parse_status span_split(const span *obj, const char *key, span *value, bool *found, jsonx_doc *rest,
                        parse_result *res)
{
    *rest = (jsonx_doc){0};
    *found = false;
    walk w = walk_start(obj);
    span k = {0}, v = {0};
    const char *from = NULL, *to = NULL, *prev_end = NULL;
    bool first = false, widened = false;
    int r;
    while ((r = walk_next(&w, &k, &v)) == 1) {
        if (!*found && named(&k, key)) {
            /* ", "key": v" after another member; "key": v, before the next
             * one when it is the first: one comma goes with it. */
            *found = true;
            *value = v;
            first = !prev_end;
            from = first ? k.text : prev_end;
            to = v.text + v.len;
        } else if (*found && first && !widened) {
            to = k.text;
            widened = true;
        }
        prev_end = v.text + v.len;
    }
    if (r < 0)
        return malformed(obj, w.p, res);
    if (!*found)
        return PARSE_OK; /* its members are the caller's records */
    return parse_without(obj, from, to, rest, res);
}

/* One element parsed into nodes: its tree, named by its key (keyed lists). */
static parse_status parse_element(const span *key, const span *val, arena *nodes, jsonx_doc *doc,
                                  parse_result *res)
{
    parse_status st = jsonx_parse_in(doc, nodes, val->text, val->len, res);
    if (st != PARSE_OK || !key)
        return st;
    jsonx_doc name;
    st = jsonx_parse_in(&name, nodes, key->text, key->len, res);
    if (st == PARSE_OK && cJSON_IsString(name.root)) {
        /* Moved, so that each tree is freed once when arenas are off. */
        doc->root->string = name.root->valuestring;
        name.root->valuestring = NULL;
    }
    jsonx_doc_free(&name);
    if (st != PARSE_OK)
        jsonx_doc_free(doc);
    return st;
}

/* Room for one more record in *buf (malloc'ed, doubled when full). */
static unsigned char *grow(unsigned char **buf, size_t *cap, size_t used, size_t size)
{
    if (used == *cap) {
        size_t more = *cap ? *cap * 2 : SPAN_FIRST_RECORDS;
        unsigned char *p = more <= SIZE_MAX / size ? realloc(*buf, more * size) : NULL;
        if (!p)
            return NULL;
        *buf = p;
        *cap = more;
    }
    unsigned char *slot = *buf + used * size;
    memset(slot, 0, size);
    return slot;
}

/* The kept records, moved into the model's arena. */
static parse_status keep(model *m, unsigned char *buf, size_t kept, size_t size, void **out,
                         size_t *n, parse_result *res)
{
    void *records = kept ? arena_alloc(m->arena, kept * size) : NULL;
    if (kept && !records)
        return jsonx_nomem(res);
    if (kept)
        memcpy(records, buf, kept * size); /* what they point to is in the arena already */
    *out = records;
    *n = kept;
    res->records += kept;
    return PARSE_OK;
}

parse_status span_records(model *m, const span *list, size_t size, jsonx_record_fn fn, void **out,
                          size_t *n, parse_result *res)
{
    arena *nodes = arena_new();
    if (!nodes)
        return jsonx_nomem(res);
    unsigned char *buf = NULL;
    size_t cap = 0, index = 0, kept = 0;
    walk w = walk_start(list);
    span k = {0}, v = {0};
    int r;
    parse_status st = PARSE_OK;
    while (st == PARSE_OK && (r = walk_next(&w, &k, &v)) == 1) {
        unsigned char *slot = grow(&buf, &cap, kept, size);
        jsonx_doc doc = {0};
        st = slot ? parse_element(w.keyed ? &k : NULL, &v, nodes, &doc, res) : jsonx_nomem(res);
        bool one = false;
        if (st == PARSE_OK && !jsonx_record(m, slot, size, doc.root, index++, fn, res, &one))
            st = PARSE_NOMEM;
        kept += one;
        jsonx_doc_free(&doc);
        arena_reset(nodes); /* the next record reuses this one's memory */
    }
    arena_free(nodes);
    if (st == PARSE_OK && r < 0)
        st = malformed(list, w.p, res);
    if (st == PARSE_OK)
        st = keep(m, buf, kept, size, out, n, res);
    free(buf);
    return st;
}
