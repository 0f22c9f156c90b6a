/* parse: turns feed bytes into model records with cJSON.
 * Unknown fields are ignored; a missing optional field gets its default; a
 * record with wrong types is skipped and counted; a document that is not JSON
 * or lacks its top-level shape is rejected whole (PARSE_REJECTED) and the
 * model is left untouched. */
#ifndef VITRINE_PARSE_H
#define VITRINE_PARSE_H

#include <stddef.h>

#include "vitrine/model.h"

#define PARSE_MAX_BYTES ((size_t)64 << 20) /* larger feeds are rejected */
#define PARSE_ERR_LEN 256

typedef enum { PARSE_OK = 0, PARSE_REJECTED, PARSE_NOMEM } parse_status;

typedef struct {
    size_t records;            /* records kept */
    size_t skipped;            /* records skipped for wrong types */
    size_t incomplete;         /* parse_validate: records kept without what the figures need */
    char error[PARSE_ERR_LEN]; /* reason when rejected, or first skip reason */
} parse_result;

/* Parses one feed's bytes (not NUL-terminated) into m, replacing what m held
 * for that feed. */
parse_status parse_feed(model *m, feed_id feed, const char *buf, size_t len, parse_result *res);
/* What the fetcher requires before it commits a body to the cache: valid
 * JSON, the feed's top level, at least one record, and most records
 * holding what the statistics need (a product a dated phase, a member a
 * dated mission, a challenge its year, a person a profile): a feed whose
 * dates changed format parses, but every figure built on it would be 0.
 * res->incomplete counts the records that lack it. */
parse_status parse_validate(feed_id feed, const char *buf, size_t len, parse_result *res);
/* Lets every parse tree live in one arena freed at once (jsonx.h: a feed
 * is hundreds of thousands of nodes). Call once, first thing in main
 * (cJSON's hooks are global and not thread-safe to set); without it parsing
 * works the same, with plain malloc. */
void parse_use_arenas(void);
/* Local programme data (assets/local/programme.json), see local.h. */
parse_status parse_local(model *m, const char *buf, size_t len, parse_result *res);

#endif
