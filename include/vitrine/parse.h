/* parse: turns feed bytes into model records with cJSON.
 * Unknown fields are ignored; a missing optional field gets its default; a
 * record with wrong types is skipped and counted; a document that is not JSON
 * or lacks its top-level shape is rejected whole (PARSE_REJECTED) and the
 * model is left untouched. */
#ifndef VITRINE_PARSE_H
#define VITRINE_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "vitrine/model.h"

#define PARSE_MAX_BYTES ((size_t)64 << 20) /* larger feeds are rejected */
#define PARSE_ERR_LEN 256

typedef enum { PARSE_OK = 0, PARSE_REJECTED, PARSE_NOMEM } parse_status;

#define PARSE_MAX_FIELDS 4 /* fields the figures are built on, per feed */

/* One field of a feed's records that the figures are built on, as
 * parse_validate found it: how many records can be read for it (a dated
 * phase, a phase name of the vocabulary...) and how many of those spell it
 * as the vocabulary does (vocab.h; all of them for a field without one). */
typedef struct {
    const char *name; /* static, as the feed names it: "phases[].start" */
    const char *what; /* static: "a phase with a valid start date" */
    bool required;    /* a body where most records lack it is refused */
    size_t readable;
    size_t canonical;
} parse_field;

typedef struct {
    size_t records;    /* records kept */
    size_t skipped;    /* records skipped for wrong types */
    size_t incomplete; /* parse_validate: records kept without a required field */
    parse_field fields[PARSE_MAX_FIELDS]; /* parse_validate: the feed's fields */
    size_t n_fields;
    char error[PARSE_ERR_LEN]; /* reason when rejected, or first skip reason */
} parse_result;

/* Parses one feed's bytes (not NUL-terminated) into m, replacing what m held
 * for that feed. */
parse_status parse_feed(model *m, feed_id feed, const char *buf, size_t len, parse_result *res);
/* What the fetcher requires before it commits a body to the cache: valid
 * JSON, the feed's top level, at least one record, and most records
 * holding each required field (a product a dated phase named in the
 * vocabulary, a member a dated mission, a challenge its year, a person a
 * profile): a feed whose dates changed format parses, but every figure
 * built on it would be 0. The other fields (a product's incubator, a
 * member's status and domaine, a challenge's promotion) are only compared
 * with the last good copy's (guard.h).
 * res->fields tallies each field (the plausibility guard compares them
 * with the last good copy's), res->incomplete is the largest number of
 * records lacking one required field. */
parse_status parse_validate(feed_id feed, const char *buf, size_t len, parse_result *res);
/* Whether feed's records have fields the validation tallies (all but the
 * incubators and the announcements). */
bool parse_has_fields(feed_id feed);
/* res->fields for feed's records in m (a model feed was parsed into). */
void parse_tally_fields(const model *m, feed_id feed, parse_result *res);
/* The same, parsing into the caller's model m (new and empty: the caller
 * computes the body's figures from it, then frees it). */
parse_status parse_validate_into(model *m, feed_id feed, const char *buf, size_t len,
                                 parse_result *res);
/* Lets every parse tree live in one arena freed at once (jsonx.h: a feed
 * is hundreds of thousands of nodes). Call once, first thing in main
 * (cJSON's hooks are global and not thread-safe to set); without it parsing
 * works the same, with plain malloc. */
void parse_use_arenas(void);
/* Local programme data (assets/local/programme.json), see local.h. */
parse_status parse_local(model *m, const char *buf, size_t len, parse_result *res);

#endif
