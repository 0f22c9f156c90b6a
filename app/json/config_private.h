/* config_private.h: what the two files of the config module share
 * (config.c: the document, the feeds' part, loading and printing;
 * config_kiosk.c: the kiosk's part). Not part of the public API. */
#ifndef VITRINE_CONFIG_PRIVATE_H
#define VITRINE_CONFIG_PRIVATE_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "vitrine/config.h"

#define CONFIG_KEY_LEN 256 /* "feeds.personnes.low_speed_limit_bps", "kiosk.playlist[63].slide" */

/* Where a message goes: the document's name and the error buffer. */
typedef struct {
    const char *origin;
    char *err; /* CONFIG_ERR_LEN bytes */
} config_ctx;

#define CONFIG_DAY_S 86400.0

/* One key of the file and the field it fills: a number of a C type (its
 * range in the file's unit), a boolean, a string (into a char array), or a
 * key with its own reader and printer. The tables of config.c and
 * config_kiosk.c describe every key with these. */
typedef enum {
    CONFIG_LONG,
    CONFIG_I64,
    CONFIG_INT,
    CONFIG_BOOL,
    CONFIG_TEXT,  /* size: the char array's size */
    CONFIG_CUSTOM /* parse and print */
} config_type;

typedef bool (*config_parse_fn)(const config_ctx *x, const cJSON *item, const char *key,
                                void *base);
typedef bool (*config_print_fn)(cJSON *obj, const char *name, const void *base);

typedef struct {
    const char *name;
    config_type type;
    size_t offset;   /* of the field, from the start of its struct */
    double min, max; /* numbers, in the file's unit */
    bool seconds;    /* numbers: seconds in the file, milliseconds in the field */
    bool whole;      /* numbers: a whole number of the file's unit */
    size_t size;     /* CONFIG_TEXT */
    config_parse_fn parse;
    config_print_fn print;
} config_key;

/* The name of names[0..n) (and of keys[0..nk), and also when not NULL)
 * closest to a mistyped name: at most CONFIG_SUGGEST_EDITS edits away;
 * NULL when none is. */
#define CONFIG_SUGGEST_EDITS 2
const char *config_closest(const char *name, const char *const *names, size_t n,
                           const config_key *keys, size_t nk, const char *also);
/* Logs the one warning of an unknown key (full path in key), with the
 * closest known name when there is one. */
void config_warn_unknown(const char *origin, const char *key, const char *closest);
/* Writes "origin: key: what" into the error buffer; returns false. */
bool config_fail(const config_ctx *x, const char *key, const char *what);
/* The k of keys[0..n) named name; NULL when none. */
const config_key *config_find(const config_key *keys, size_t n, const char *name);
/* Reads item (named key in messages) as k describes into base. */
bool config_read(const config_ctx *x, const cJSON *item, const char *key, const config_key *k,
                 void *base);
/* Adds the field k describes, in the file's unit, to obj. */
bool config_print(cJSON *obj, const config_key *k, const void *base);

/* The kiosk's part (config_kiosk.c): item is the "kiosk" value, read into
 * *out (a copy: on error it is partly written). */
bool config_parse_kiosk(const config_ctx *x, const cJSON *item, config_kiosk *out);
/* Adds the "kiosk" object to root. */
bool config_print_kiosk(cJSON *root, const config_kiosk *k);

#endif
