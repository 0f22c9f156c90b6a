/* announcejson: the announcements' JSON (announce.h), one reader for both
 * places they come from: the configuration's top-level "announcements"
 * and the body of the announcements feed, each a JSON array of
 * {"title", "text", "from", "to", "url" (optional), "duration_s"
 * (optional), "when" (optional: the event's own date or date-time, apart
 * from the display window), "color" (optional: a theme poster fill)}. A bad entry is skipped and
 * counted, its first fault kept as one line naming its index and key; the others are kept. Nothing
 * of an entry names a local file or a command: the url is only drawn as a QR code, and must be
 * http:// or https://. */
#ifndef VITRINE_ANNOUNCEJSON_H
#define VITRINE_ANNOUNCEJSON_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "vitrine/announce.h"

#define ANNOUNCEJSON_ERR_LEN 256

typedef struct {
    size_t bad;                       /* entries skipped */
    size_t left_out;                  /* good entries beyond ANNOUNCE_MAX */
    char first[ANNOUNCEJSON_ERR_LEN]; /* the first bad entry's fault: "announcements[1].to: ..." */
} announcejson_report;

/* arr into *out (emptied first). key names the list in messages
 * ("announcements"). log_each: one warning per bad entry and per unknown
 * key, prefixed with origin (the configuration; the feed logs its own
 * summary). False when arr is not an array (rep->first says so). */
bool announcejson_read(const cJSON *arr, const char *origin, const char *key, bool log_each,
                       announce_list *out, announcejson_report *rep);
/* The list as the array announcejson_read reads; NULL when out of memory. */
cJSON *announcejson_print(const announce_list *l);

#endif
