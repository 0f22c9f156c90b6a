/* jsonx: typed, bounds-safe accessors over cJSON used by every parser.
 * Strings are copied into the model arena as sanitised UTF-8: invalid bytes
 * become U+FFFD, control characters become spaces, and the length is capped
 * so an absurd input cannot blow up memory or the screen. */
#ifndef VITRINE_JSONX_H
#define VITRINE_JSONX_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "vitrine/arena.h"
#include "vitrine/date.h"
#include "vitrine/parse.h"

#define JSONX_MAX_STRING 4096 /* bytes kept of one string field */

/* The string value of obj[key], NULL when missing or not a string. */
const char *jsonx_str(const cJSON *obj, const char *key);
/* Like jsonx_str but an absent field is allowed and a present field of
 * another type (except null) is a type error: *bad is set. */
const char *jsonx_opt_str(const cJSON *obj, const char *key, bool *bad);
/* obj[key] when it is an array; NULL when missing or null; *bad when it is
 * present with another type. */
const cJSON *jsonx_opt_array(const cJSON *obj, const char *key, bool *bad);
const cJSON *jsonx_opt_object(const cJSON *obj, const char *key, bool *bad);
vt_date jsonx_date(const cJSON *obj, const char *key);
/* v is a finite whole number in [lo, hi]: what a number of a document must
 * be before it is converted to an integer type. */
bool jsonx_whole(const cJSON *v, double lo, double hi);
/* Sanitised, capped copy into the arena; NULL only on allocation failure. */
char *jsonx_copy(arena *a, const char *s);
/* Same, with surrounding blanks removed. */
char *jsonx_copy_trimmed(arena *a, const char *s);
/* Copies every string element of arr (trimmed, non-blank) into a new
 * arena array; non-strings are ignored. false on allocation failure. */
bool jsonx_str_list(arena *a, const cJSON *arr, const char ***out, size_t *n);
/* Routes cJSON's allocations through jsonx, so that a feed's tree can live
 * in an arena (jsonx_parse): a feed is hundreds of thousands of nodes and
 * strings, allocated one by one and freed together, and malloc / free /
 * cJSON_Delete were a quarter of the parse time. Outside jsonx_parse the
 * hooks are plain malloc and free, so every other use of cJSON is
 * unchanged (cJSON_Print's buffer is still freed with free()). main calls
 * it once through parse_use_arenas, before any thread starts
 * (cJSON_InitHooks is not thread-safe); without it everything works, with
 * plain malloc. */
void jsonx_use_arenas(void);

/* A parsed document: the tree, and the arena holding it when jsonx_use_arenas
 * was called. Freed with jsonx_doc_free (never cJSON_Delete). */
typedef struct {
    cJSON *root;
    arena *nodes;  /* NULL: the tree was malloc'ed */
    bool borrowed; /* nodes is the caller's (jsonx_parse_in): freeing the doc leaves it */
} jsonx_doc;

/* PARSE_REJECTED with the reason when buf is empty or over PARSE_MAX_BYTES:
 * the first check of every parse. */
parse_status jsonx_check_size(const char *buf, size_t len, parse_result *res);
/* Parses len bytes (no NUL needed) into doc; otherwise PARSE_REJECTED (not
 * JSON, too large) or PARSE_NOMEM with a reason in res->error, doc->root
 * NULL and nothing to free. */
parse_status jsonx_parse(jsonx_doc *doc, const char *buf, size_t len, parse_result *res);
void jsonx_doc_free(jsonx_doc *doc); /* accepts an empty doc */
/* item (a string of doc's tree) holds the n bytes at s now (a NUL added),
 * allocated as cJSON allocates doc's strings. False when out of memory. */
bool jsonx_set_string(jsonx_doc *doc, cJSON *item, const char *s, size_t n);
/* The same for one part of a larger document (a record of a feed), with
 * the tree's nodes in the caller's arena (when arenas are on; else
 * malloc'ed and freed by jsonx_doc_free): for many small documents parsed
 * one after the other into one arena emptied in between. buf is bytes
 * [offset, offset + len) of a document of total bytes: an error's byte is
 * counted from that document's start; *error_at is where in buf cJSON
 * stopped (on PARSE_REJECTED). */
parse_status jsonx_parse_part(jsonx_doc *doc, arena *nodes, const char *buf, size_t len,
                              size_t offset, size_t total, size_t *error_at, parse_result *res);
/* A string's type flag beside cJSON's own (which end at cJSON_StringIsConst,
 * 512): the JSON string held a NUL escape ("\u0000"), where cJSON's C
 * string ends, so its valuestring is only what came before. A reader that
 * shows the text refuses it rather than cut it without a word. */
#define JSONX_HELD_NUL (1 << 12)
/* Marks JSONX_HELD_NUL on the strings of root, parsed by cJSON from the len
 * bytes of buf (jsonx_parse and jsonx_parse_part mark their trees; the
 * configuration, parsed by cJSON itself, calls it). Costs a search of
 * buf, and a second parse of a copy only when a NUL escape is there.
 * False only when out of memory. */
bool jsonx_mark_nuls(cJSON *root, const char *buf, size_t len);
/* Rewrites escapes of JSON text in place: fix(p, end, &changed) is called
 * at each backslash inside a string; it may rewrite the escape at p (as
 * long), sets *changed when it did, and returns the bytes the escape
 * covers (2 or more). Returns how many it rewrote. */
typedef size_t (*jsonx_escape_fn)(char *p, const char *end, bool *changed);
size_t jsonx_rewrite_escapes(char *p, size_t len, jsonx_escape_fn fix);
bool jsonx_held_nul(const cJSON *item);
/* Fills one record of a feed from rec (a JSON object): returns false only
 * when out of memory; sets *bad (and returns true) to skip the record. */
typedef bool (*jsonx_record_fn)(model *m, void *record, const cJSON *rec, bool *bad);
/* One record of a record loop: fills slot from rec with fn, or skips it
 * (counted in res; slot zeroed). *kept: it was kept. False only when out
 * of memory (res->error set). index and rec name it in the skip reason. */
bool jsonx_record(model *m, void *slot, size_t size, const cJSON *rec, size_t index,
                  jsonx_record_fn fn, parse_result *res, bool *kept);
/* The record loop of every feed parser: parses each element of list (an
 * array, or an object keyed by name) into a new arena array of size-byte
 * records, skipping (and counting in res, with the first reason) elements
 * that are not objects or that fn rejects. *out and *n: the records kept.
 * PARSE_OK, or PARSE_NOMEM with res->error set. */
parse_status jsonx_records(model *m, const cJSON *list, size_t size, jsonx_record_fn fn, void **out,
                           size_t *n, parse_result *res);
/* The loop of a record's own lists (a product's phases, a member's
 * missions): like jsonx_records, but an element that is not an object or
 * that fn rejects spoils the whole record (*bad). list may be NULL (empty).
 * False only when out of memory. */
bool jsonx_items(model *m, const cJSON *list, size_t size, jsonx_record_fn fn, void **out,
                 size_t *n, bool *bad);
void jsonx_reject(parse_result *res, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Records a skipped record: counts it and keeps the first reason. */
void jsonx_skip(parse_result *res, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Records an allocation failure; returns PARSE_NOMEM. */
parse_status jsonx_nomem(parse_result *res);

#endif
