/* span: bounds of JSON values found by a scan, records parsed one by one. */
#include "span.h"

#include <stdlib.h>
#include <string.h>

#include "vitrine/arena.h"

#define SPAN_FIRST_RECORDS 64 /* records room before the first growth */
#define SPAN_LONG_STRING 512  /* bytes of a string value cJSON does not copy itself */
#define SPAN_MAX_LONG 16      /* long strings of a record taken out of cJSON's way */

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
    const char *first = p + 1, *from = first;
    while (from < end) {
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

/* The bytes a container's scan stops at. */
static const bool structural[256] = {
    ['"'] = true, ['['] = true, [']'] = true, ['{'] = true, ['}'] = true};

/* The end of the value that starts at p (not blank): a string, a container
 * (brackets counted outside strings) or a scalar (up to the next
 * separator); NULL when it does not end before end or nests too deep.
 * *longest: the bytes of its longest string, quotes included (a record
 * without a long one is given to cJSON as it is, unscanned). */
static const char *skip_value(const char *p, const char *end, size_t *longest)
{
    *longest = 0;
    if (p >= end)
        return NULL;
    if (*p == '"') {
        const char *q = skip_string(p, end);
        *longest = q ? (size_t)(q - p) : 0;
        return q;
    }
    if (*p != '[' && *p != '{') {
        const char *q = p;
        while (q < end && *q && !blank(*q) && *q != ',' && *q != ':' && *q != ']' && *q != '}')
            q++;
        return q > p ? q : NULL;
    }
    int depth = 0;
    while (p < end) {
        while (p < end && !structural[(unsigned char)*p])
            p++; /* blanks, commas, colons, numbers: most bytes between strings */
        if (p == end)
            break;
        char c = *p;
        if (c == '"') {
            const char *q = skip_string(p, end);
            if (!q)
                return NULL;
            if ((size_t)(q - p) > *longest)
                *longest = (size_t)(q - p);
            p = q;
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

/* A container that does not end with the bracket it opened: closed before
 * its last byte (something follows it), closed by the other kind, or not
 * closed at all. */
static parse_status not_closed(const span *root, parse_result *res)
{
    const char *end = root->text + root->len;
    size_t longest;
    const char *v = skip_value(root->text, end, &longest);
    if (v && v < end)
        jsonx_reject(res, "trailing content after the JSON value, at byte %zu",
                     (size_t)(skip_blank(v, end) - root->doc));
    else if (v)
        jsonx_reject(res, "not valid JSON (error near byte %zu of %zu)",
                     (size_t)(end - 1 - root->doc), root->doc_len);
    else
        jsonx_reject(res, "not valid JSON (the %s opened at byte %zu is not closed)",
                     *root->text == '[' ? "array" : "object", (size_t)(root->text - root->doc));
    return PARSE_REJECTED;
}

parse_status span_root(const char *buf, size_t len, span *root, parse_result *res)
{
    parse_status st = jsonx_check_size(buf, len, res);
    if (st != PARSE_OK)
        return st;
    /* RFC 8259 8.1: a JSON text sent over a network has no byte order mark.
     * (cJSON skips one, so the small documents read as one tree, like the
     * configuration, take it; a feed's is said here, not taken for a value
     * that is no array.) */
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
        jsonx_reject(res, "starts with a byte order mark (EF BB BF), which JSON does not allow: "
                          "it must be saved as UTF-8 without BOM");
        return PARSE_REJECTED;
    }
    const char *end = buf + len;
    const char *p = skip_blank(buf, end);
    while (end > p && (blank(end[-1]) || end[-1] == '\0'))
        end--; /* blanks and NULs may follow the value */
    if (p == end)
        return jsonx_check_size(p, 0, res); /* blanks only: empty */
    /* Where the value really ends is checked by the walk of its elements
     * (a "[...] [...]" fails at the second bracket); here only that it
     * ends with the bracket it opened, or that a scalar is one. */
    *root = (span){p, (size_t)(end - p), buf, len};
    if (span_is_array(root) || span_is_object(root))
        return PARSE_OK;
    if (*p == '[' || *p == '{')
        return not_closed(root, res);
    jsonx_doc doc; /* a scalar: valid or not, the parsers want a container */
    size_t at;
    st = jsonx_parse_part(&doc, NULL, root->text, root->len, (size_t)(p - buf), len, &at, res);
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
    size_t longest;  /* the longest string of the last element (skip_value) */
    const char *doc; /* the document, for the elements' spans */
    size_t doc_len;
} walk;

static walk walk_start(const span *s)
{
    return (walk){s->text + 1, s->text + s->len - 1, span_is_object(s), true, 0, s->doc,
                  s->doc_len};
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
        *key = (span){w->p, (size_t)(k - w->p), w->doc, w->doc_len};
        w->p = skip_blank(k, w->end);
        if (w->p == w->end || *w->p != ':')
            return -1;
        w->p = skip_blank(w->p + 1, w->end);
    }
    const char *v = skip_value(w->p, w->end, &w->longest);
    if (!v)
        return -1;
    *val = (span){w->p, (size_t)(v - w->p), w->doc, w->doc_len};
    w->p = v;
    return 1;
}

/* The walk of whole stopped at at. The bracket that closes whole, where a
 * comma was expected, before whole's last byte: whole (the document's
 * value: the scan found the others' ends) ended there, and more follows. */
static parse_status malformed(const span *whole, const char *at, parse_result *res)
{
    const char *end = whole->text + whole->len;
    if (at < end - 1 && *at == (*whole->text == '[' ? ']' : '}'))
        jsonx_reject(res, "trailing content after the JSON value, at byte %zu",
                     (size_t)(skip_blank(at + 1, end) - whole->doc));
    else
        jsonx_reject(res, "not valid JSON (error near byte %zu of %zu)", (size_t)(at - whole->doc),
                     whole->doc_len);
    return PARSE_REJECTED;
}

/* s parsed alone, an error's byte counted from its document's start. */
static parse_status parse_span(const span *s, arena *nodes, jsonx_doc *doc, size_t *error_at,
                               parse_result *res)
{
    return jsonx_parse_part(doc, nodes, s->text, s->len, (size_t)(s->text - s->doc), s->doc_len,
                            error_at, res);
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
    size_t at;
    parse_status st = jsonx_parse_part(doc, NULL, rest, head + tail, (size_t)(obj->text - obj->doc),
                                       obj->doc_len, &at, res); /* strings are copied */
    free(rest);
    if (st == PARSE_REJECTED && at > head) /* after the cut: its byte in the document */
        jsonx_reject(res, "not valid JSON (error near byte %zu of %zu)",
                     (size_t)(to - obj->doc) + (at - head), obj->doc_len);
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

/* The 4 hex digits at p (before end) as a number in *v. */
static bool hex4(const char *p, const char *end, unsigned *v)
{
    *v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p + i < end ? p[i] : '\0';
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0)
            return false;
        *v = *v * 16 + (unsigned)d;
    }
    return true;
}

/* A "\uXXXX" surrogate escape at p: 1 alone, 2 with its pair (high then
 * low: one character), 0 none. */
static int surrogate_at(const char *p, const char *end)
{
    unsigned hi, lo;
    if (end - p < 6 || p[0] != '\\' || p[1] != 'u' || !hex4(p + 2, end, &hi) || hi < 0xD800 ||
        hi > 0xDFFF)
        return 0;
    bool paired = hi < 0xDC00 && end - p >= 12 && p[6] == '\\' && p[7] == 'u' &&
                  hex4(p + 8, end, &lo) && lo >= 0xDC00 && lo <= 0xDFFF;
    return paired ? 2 : 1;
}

/* jsonx_escape_fn: a lone surrogate escape becomes "\ufffd" (as long),
 * so that what is left for cJSON to judge is the rest of the JSON. */
static size_t lone_surrogate_to_fffd(char *p, const char *end, bool *changed)
{
    int kind = surrogate_at(p, end);
    if (kind == 1) {
        memcpy(p, "\\ufffd", 6);
        *changed = true;
    }
    return kind ? (size_t)kind * 6 : 2;
}

/* The record val, refused by cJSON at its byte at, a lone surrogate
 * escape: still valid JSON when a copy with each lone surrogate replaced
 * parses, and then skipped (*skipped) and named; otherwise the copy's
 * error rejects the document. */
static parse_status skip_surrogates(const span *key, const span *val, size_t at, size_t index,
                                    arena *nodes, bool *skipped, parse_result *res)
{
    char *copy = malloc(val->len);
    if (!copy)
        return jsonx_nomem(res);
    memcpy(copy, val->text, val->len);
    jsonx_rewrite_escapes(copy, val->len, lone_surrogate_to_fffd);
    jsonx_doc doc;
    size_t offset = (size_t)(val->text - val->doc), err_at;
    parse_status st =
        jsonx_parse_part(&doc, nodes, copy, val->len, offset, val->doc_len, &err_at, res);
    if (st == PARSE_OK) {
        const char *id = cJSON_IsObject(doc.root) ? jsonx_str(doc.root, "id") : NULL;
        int n = key ? (int)key->len - 2 : (int)strlen(id ? id : "?");
        jsonx_skip(res, "record %zu (\"%.*s\") has a lone surrogate escape (%.6s) at byte %zu",
                   index, n < 60 ? n : 60,
                   key  ? key->text + 1
                   : id ? id
                        : "?",
                   val->text + at, offset + at);
        *skipped = true;
    }
    jsonx_doc_free(&doc);
    free(copy);
    return st;
}

/* A long string value of a record, without escapes: its bytes between the
 * quotes ([from, from + len) of the record) and its rank among the
 * record's string values. */
typedef struct {
    size_t from, len, rank;
} long_string;

/* The long string values (at least SPAN_LONG_STRING bytes, no backslash)
 * of the record val, at most SPAN_MAX_LONG; 0 when it has none or when
 * its scan finds something odd (cJSON then judges the record as is). The
 * scan jumps from quote to quote: outside strings, a quote opens one. A
 * string followed by a colon is a key, any other one a value. */
static size_t find_long_strings(const span *val, long_string *out)
{
    const char *p = val->text, *end = val->text + val->len;
    size_t n = 0, rank = 0;
    while ((p = memchr(p, '"', (size_t)(end - p)))) {
        const char *q = skip_string(p, end);
        if (!q)
            return 0;
        const char *next = skip_blank(q, end);
        if (next == end || *next != ':') {
            size_t len = (size_t)(q - p) - 2;
            if (len >= SPAN_LONG_STRING && !memchr(p + 1, '\\', len)) {
                if (n == SPAN_MAX_LONG)
                    return n;
                out[n++] = (long_string){(size_t)(p + 1 - val->text), len, rank};
            }
            rank++;
        }
        p = q;
    }
    return n;
}

/* The record with each long string emptied ("" in place of its bytes),
 * in nodes; its length in *len. NULL when out of memory. */
static char *without_long_strings(const span *val, const long_string *ls, size_t n, arena *nodes,
                                  size_t *len)
{
    size_t cut = 0;
    for (size_t i = 0; i < n; i++)
        cut += ls[i].len;
    char *copy = arena_alloc(nodes, val->len - cut);
    if (!copy)
        return NULL;
    size_t from = 0, to = 0;
    for (size_t i = 0; i < n; i++) {
        memcpy(copy + to, val->text + from, ls[i].from - from);
        to += ls[i].from - from;
        from = ls[i].from + ls[i].len;
    }
    memcpy(copy + to, val->text + from, val->len - from);
    *len = val->len - cut;
    return copy;
}

/* The long strings' bytes put back into the emptied string values of the
 * tree at item (document order: cJSON keeps it), *rank counting them;
 * *next is the next long string to put back. False when out of memory. */
static bool put_back(cJSON *item, const span *val, const long_string *ls, size_t n, size_t *next,
                     size_t *rank, jsonx_doc *doc)
{
    for (; item && *next < n; item = item->next) {
        if (cJSON_IsString(item)) {
            const long_string *l = &ls[*next];
            if (*rank == l->rank) {
                if (!jsonx_set_string(doc, item, val->text + l->from, l->len))
                    return false;
                (*next)++;
            }
            (*rank)++;
        } else if (!put_back(item->child, val, ls, n, next, rank, doc)) {
            return false;
        }
    }
    return true;
}

/* The record val parsed by cJSON without the bytes of its long strings,
 * then given them back: the same tree as a parse of val, but cJSON's
 * string loop (byte by byte, twice) runs only on the short strings, and a
 * feed's long texts (a product's page in markdown: 80 % of
 * startups.json's bytes, and read by no parser) cost a copy. A string
 * without escapes is valid JSON whatever its bytes, so the record is valid
 * exactly when val is; false (doc empty) when it has no long string or
 * when anything goes otherwise: the caller then parses val itself, and
 * says its error exactly. */
static bool parse_lean(const span *val, size_t longest, arena *nodes, jsonx_doc *doc)
{
    long_string ls[SPAN_MAX_LONG];
    size_t n = longest >= SPAN_LONG_STRING + 2 ? find_long_strings(val, ls) : 0, len, at;
    char *copy = n ? without_long_strings(val, ls, n, nodes, &len) : NULL;
    if (!copy)
        return false;
    parse_result own;
    size_t offset = (size_t)(val->text - val->doc), next = 0, rank = 0;
    if (jsonx_parse_part(doc, nodes, copy, len, offset, val->doc_len, &at, &own) != PARSE_OK)
        return false;
    if (put_back(doc->root, val, ls, n, &next, &rank, doc) && next == n)
        return true;
    jsonx_doc_free(doc);
    return false;
}

/* One element parsed into nodes: its tree, named by its key (keyed lists);
 * *skipped when it is valid JSON that cJSON cannot hold (skip_surrogates). */
static parse_status parse_element(const span *key, const span *val, size_t longest, size_t index,
                                  arena *nodes, jsonx_doc *doc, bool *skipped, parse_result *res)
{
    size_t at;
    *skipped = false;
    parse_result own; /* a record skipped keeps the first skip's reason in res */
    own.error[0] = '\0';
    parse_status st =
        parse_lean(val, longest, nodes, doc) ? PARSE_OK : parse_span(val, nodes, doc, &at, &own);
    if (st == PARSE_REJECTED && surrogate_at(val->text + at, val->text + val->len) == 1)
        return skip_surrogates(key, val, at, index, nodes, skipped, res);
    if (st != PARSE_OK)
        memcpy(res->error, own.error, sizeof res->error);
    if (st != PARSE_OK || !key)
        return st;
    jsonx_doc name;
    st = parse_span(key, nodes, &name, &at, res);
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
        bool skipped = false, one = false;
        st = slot ? parse_element(w.keyed ? &k : NULL, &v, w.longest, index, nodes, &doc, &skipped,
                                  res)
                  : jsonx_nomem(res);
        if (st == PARSE_OK && !skipped &&
            !jsonx_record(m, slot, size, doc.root, index, fn, res, &one))
            st = PARSE_NOMEM;
        index++;
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
