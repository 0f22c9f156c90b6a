/* span: a feed's record list walked one record at a time. A feed is tens of
 * thousands of records; as one cJSON tree it costs five to seven times its
 * bytes (a 64-byte node per value, a copy of every key), which is what set
 * the kiosk's memory peak when new data came in. Here the document is only
 * scanned for the bounds of its top-level values; each record is then
 * parsed alone by cJSON into a small arena that is emptied before the next
 * one, so the peak is the body plus one record's tree plus the model.
 *
 * The scan only finds where a value ends (strings with their escapes,
 * nesting): every record and every small part is still parsed, and so
 * checked, by cJSON, and the separators between them by the scan, so a
 * document is accepted exactly when it is valid JSON. A long string value
 * without escapes (any bytes but a quote or a backslash: valid JSON) is
 * given to cJSON emptied and its bytes copied into the tree afterwards,
 * the same tree at the cost of a copy (startups.json's pages in markdown
 * are 80 % of its bytes). */
#ifndef VITRINE_SPAN_H
#define VITRINE_SPAN_H

#include <stdbool.h>
#include <stddef.h>

#include "jsonx.h"

#define SPAN_MAX_DEPTH 1000 /* cJSON's own nesting limit */

/* The bytes of one JSON value of a document, and the whole document (an
 * error's byte is counted from its start). */
typedef struct {
    const char *text;
    size_t len;
    const char *doc;
    size_t doc_len;
} span;

/* The top-level value of buf (len bytes, no NUL needed): its bytes without
 * the blanks (and NULs) around them; PARSE_REJECTED when there are none or
 * too many, when buf starts with a byte order mark, or when something
 * follows the value. Whether it is one well-formed value is found by the
 * walk of its elements (span_split, span_records). */
parse_status span_root(const char *buf, size_t len, span *root, parse_result *res);
bool span_is_array(const span *s);
bool span_is_object(const span *s);
/* One walk over object obj: the value of its (first) member key in *value
 * when *found, and the other members as a cJSON tree in *rest (the rest of
 * a document, checked and read whole; none when key is absent: obj is
 * then a keyed list for span_records). PARSE_REJECTED when obj is not
 * well formed. */
parse_status span_split(const span *obj, const char *key, span *value, bool *found, jsonx_doc *rest,
                        parse_result *res);
/* jsonx_records over the elements of an array span, or the members of an
 * object span (each record then named by its key, rec->string), one
 * element's tree at a time. A record holding a lone surrogate escape
 * ("\ud800" without its pair: the JSON grammar allows it, but it is no
 * character, and cJSON refuses it) is skipped like a record of wrong
 * types, named with its byte; any other error rejects the document. */
parse_status span_records(model *m, const span *list, size_t size, jsonx_record_fn fn, void **out,
                          size_t *n, parse_result *res);

#endif
