/* cachemeta: the first line of a cache file, JSON metadata describing the
 * body that follows it: where it came from (url, the server's ETag and
 * Last-Modified validators), when it was fetched, and its size and
 * checksum (XXH64, "xxh64"; FNV-1a, "fnv1a64", in the lines of older
 * versions, still read), so that a load can tell a complete copy from a
 * truncated or corrupt one. The feeds' cache (app/feeds/cache.c) writes and reads it;
 * this module only turns it into text and back. */
#ifndef VITRINE_CACHEMETA_H
#define VITRINE_CACHEMETA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vitrine/headline.h"
#include "vitrine/parse.h"

#define CACHEMETA_URL_LEN 1024
#define CACHEMETA_VALIDATOR_LEN 256 /* longer ETag / Last-Modified are not kept */
#define CACHEMETA_LINE_MAX 4096     /* bytes of the line, newline included */
#define CACHEMETA_FIELD_LEN 32      /* "relationships.incubators" and room */
#define CACHEMETA_REASON_LEN 160    /* why a body was held */

/* A field of the records and how many could be read (parse_field). */
typedef struct {
    char name[CACHEMETA_FIELD_LEN];
    size_t readable, canonical;
} cachemeta_field;

typedef struct {
    char url[CACHEMETA_URL_LEN];
    char etag[CACHEMETA_VALIDATOR_LEN];          /* "" when the server sent none */
    char last_modified[CACHEMETA_VALIDATOR_LEN]; /* "" when the server sent none */
    int64_t fetched_at;                          /* unix seconds the body was downloaded */
    size_t size;                                 /* body bytes */
    uint64_t hash;                               /* the body's checksum (cachemeta_checksum) */
    bool fnv1a;     /* hash is FNV-1a 64 (an older line), not XXH64 (hash.h) */
    size_t records; /* records the body held when validated; 0 unknown (older files) */
    /* What the plausibility guard compares a new body with (README
     * "Cache"); none in files written before they were kept. */
    cachemeta_field fields[PARSE_MAX_FIELDS];
    size_t n_fields;
    headline_set figures; /* computed when the body was validated */
    int64_t accepted_at;  /* unix seconds the operator took it in (--accept); 0: never */
    char held_reason[CACHEMETA_REASON_LEN]; /* a held body's: why; "" otherwise */
} cachemeta;

/* Copies res's fields into meta. */
void cachemeta_set_fields(cachemeta *meta, const parse_result *res);

typedef enum { CACHEMETA_OK = 0, CACHEMETA_INVALID } cachemeta_status;

/* Parses the len bytes of a line (no newline, no NUL needed) into *out;
 * CACHEMETA_INVALID with a reason in *why when it is not one of ours or a
 * number is out of range (*out then unchanged). */
cachemeta_status cachemeta_parse(const char *line, size_t len, cachemeta *out, const char **why);
/* The checksum of len bytes of body of meta's kind (meta->fnv1a): the one
 * a body described by meta must have. */
uint64_t cachemeta_checksum(const cachemeta *meta, const char *body, size_t len);
/* a and b describe the same bytes: the same size and checksum (of the same
 * kind: a body described by an older line is taken for another one). */
bool cachemeta_same_body(const cachemeta *a, const cachemeta *b);
/* The line for meta, without its newline; malloc'ed (caller frees), NULL on
 * allocation failure. */
char *cachemeta_print(const cachemeta *meta);

#endif
