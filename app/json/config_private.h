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

/* One numeric key: its range in the file's unit, and the field it fills. */
typedef enum { CONFIG_FIELD_LONG, CONFIG_FIELD_I64, CONFIG_FIELD_INT } config_field;

typedef struct {
    const char *name;
    double min, max;    /* in the file's unit */
    bool seconds;       /* seconds in the file, milliseconds in the field */
    bool whole;         /* a whole number (of the file's unit) */
    config_field field; /* the field's C type */
    size_t offset;      /* of the field, from the start of its struct */
} config_number;

/* Writes "origin: key: what" into the error buffer; returns false. */
bool config_fail(const config_ctx *x, const char *key, const char *what);
/* Reads item (named key in messages) as k describes into base + k->offset. */
bool config_read_number(const config_ctx *x, const cJSON *item, const char *key,
                        const config_number *k, void *base);
/* Adds the field k describes, in the file's unit, to obj. */
bool config_print_number(cJSON *obj, const config_number *k, const void *base);

/* The kiosk's part (config_kiosk.c): item is the "kiosk" value. On error
 * *out is unchanged. */
bool config_parse_kiosk(const config_ctx *x, const cJSON *item, config_kiosk *out);
/* Adds the "kiosk" object to root. */
bool config_print_kiosk(cJSON *root, const config_kiosk *k);

#endif
