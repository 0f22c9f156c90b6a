/* status: what a running kiosk tells the person responsible for it, as two
 * files rewritten at each slide change, feed event, pause or resume and
 * screen change: a JSON status file (status_file, read back by `vitrine
 * --status`) and a Prometheus text file (metrics_file, for node_exporter's
 * textfile collector). README "Status and metrics" documents both.
 *
 * JSON document (times are ISO 8601 UTC strings, "2026-12-01T09:12:30Z",
 * or null when unknown):
 *   {"pid", "version", "started_at", "updated_at", "cache_dir" (or null: --data),
 *    "slide": {"index" (1-based position among the shown slides), "count",
 *              "name"} or null (no slide has data),
 *    "paused", "screen": "on" | "off", "slide_changes",
 *    "feeds": {"startups": {"state", "fetched_at", "age_s", "failing_since",
 *                           "held_at", "accepted_at", "on_disk", "last_error"},
 *              ... every feed of FEED_COUNT}}
 * "state" is feedstate_kind_name: fresh, stale, failing, held, offline,
 * demo, bundled, missing; "fetched_at" is the feed's data_time (the last
 * successful contact: a 200 or a 304); "age_s" is updated_at minus
 * fetched_at, in seconds, and 0 rather than negative (a clock set back
 * since the fetch); "held_at" when a body held as implausible came (null:
 * none waits), "accepted_at" when the operator accepted the copy shown
 * (vitrine --accept); "last_error" is the feed's reason or null.
 *
 * Metrics: vitrine_build_info{version}, vitrine_start_time_seconds,
 * vitrine_feed_up{feed} (1 when the state is fresh or offline: the last
 * refresh or local read succeeded), vitrine_feed_age_seconds{feed} and
 * vitrine_feed_last_success_timestamp_seconds{feed} (only for feeds with a
 * known data time), vitrine_feed_held{feed}, vitrine_slide_changes_total, vitrine_screen_on,
 * vitrine_paused.
 *
 * Both files are written with fileio_write_atomic (mode 0644, the directory
 * created when missing): readers never see half a file, and only a regular
 * file (or a symbolic link to one) is replaced: a FIFO, a device or a
 * directory at the path is refused, one line naming it. No SDL; the
 * document is built with cJSON. */
#ifndef VITRINE_STATUS_H
#define VITRINE_STATUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vitrine/config.h"
#include "vitrine/feedstate.h"
#include "vitrine/textalt.h"

#define STATUS_ERR_LEN 512
#define STATUS_MAX_BYTES ((size_t)64 << 10) /* --status refuses a larger file */
#define STATUS_FILE_MODE 0644u              /* the operator and node_exporter read them */
#define STATUS_DIR_MODE 0755u
#define STATUS_FILE_NAME "status.json"
#define STATUS_UNIT_DIR "/run/vitrine" /* assets/vitrine.service's RuntimeDirectory= */
#define STATUS_MAX_PATHS 3             /* places --status looks at (status_find) */
#define STATUS_ALT_MAX_TEXTS 48        /* texts of "alt"; more: "texts_left_out" says how many */
#define STATUS_SLIDES_FILE "slides.json"

typedef struct {
    long pid;
    const char *version; /* borrowed */
    int64_t started_at;  /* unix seconds */
    int64_t now;         /* unix seconds: updated_at; ages are counted from it */
    bool has_slide;      /* false: no slide has data (the waiting message) */
    size_t slide_index;  /* 1-based position among the shown slides */
    size_t slide_count;
    const char *slide_name; /* borrowed */
    /* The slide on screen's text alternative (borrowed; NULL: not kept):
     * "alt" in "slide", its title, subtitle and first STATUS_ALT_MAX_TEXTS
     * texts (what a screen reader or a check needs, the file stays small). */
    const textalt_slide *alt;
    bool paused;
    bool screen_on;
    uint64_t slide_changes;    /* slides shown since the start, the first included */
    const char *cache_dir;     /* borrowed; NULL or "": none (--data) */
    double display_busy_max_s; /* the display thread's longest stretch without a frame or a wait */
    feedstate_set feeds;
} status_report;

/* What another command needs of the running kiosk (vitrine --accept). */
typedef struct {
    long pid;
    char cache_dir[CONFIG_PATH_LEN]; /* "" when the kiosk has none */
} status_kiosk;

typedef enum {
    STATUS_OK = 0,
    STATUS_ABSENT,   /* no status file */
    STATUS_GONE,     /* the kiosk that wrote the file no longer runs */
    STATUS_INVALID,  /* not a status document */
    STATUS_IO_ERROR, /* cannot read or write the file */
    STATUS_NOMEM
} status_status;

/* The JSON document, newline-terminated; malloc'ed (caller frees), NULL on
 * allocation failure. */
char *status_to_json(const status_report *r);
/* The text alternative of a deck (vitrine --render-slides' slides.json):
 * {"slides": [{"file", "name", "title", "subtitle", "texts": [...],
 * "figures": [{"label", "value" (null when the chart shows only text),
 * "text", "box": [x, y, w, h] (pixels; w 0: not drawn)}]}]},
 * newline-terminated; malloc'ed (caller frees), NULL when out of memory. */
char *status_slides_to_json(const textalt *t);
/* Writes it to path (fileio_write_atomic); err names the file. */
status_status status_write_slides(const textalt *t, const char *path, char err[STATUS_ERR_LEN]);
/* The Prometheus text exposition; malloc'ed (caller frees), NULL on
 * allocation failure. */
char *status_to_metrics(const status_report *r);
/* The metrics file lives on persistent storage (a Pi's SD card): the kiosk
 * rewrites it when what it says changed, apart from the clock, the slide
 * counters and the busy time (status_metrics_key), at most once every
 * STATUS_METRICS_MIN_INTERVAL_S, and at least once every
 * STATUS_METRICS_HEARTBEAT_S (the slide counter and the updated time move:
 * a kiosk that stopped is seen). The status file, on a tmpfs, follows
 * every slide. */
#define STATUS_METRICS_MIN_INTERVAL_S 60
#define STATUS_METRICS_HEARTBEAT_S 3600
/* A fingerprint of what the metrics say but the time of writing, the ages
 * (derived from it), the slide counter and the busy time. */
uint64_t status_metrics_key(const status_report *r);

/* Writes the JSON document to status_path (fsynced: keep it on a tmpfs such
 * as /run) and the metrics to metrics_path (not fsynced: the collector needs
 * a whole file, not a durable one, and the SD card is spared a flush at
 * every slide); NULL or "" skips a file. Both are tried; on failure err
 * holds one line naming the file(s) and the reason. */
status_status status_write(const status_report *r, const char *status_path,
                           const char *metrics_path, char err[STATUS_ERR_LEN]);
/* The kiosk's default status file: $RUNTIME_DIRECTORY/status.json (systemd's
 * RuntimeDirectory=, first entry), else $XDG_RUNTIME_DIR/vitrine/status.json;
 * "" and false when neither is set (no status file: a guessable path in a
 * shared directory such as /tmp could be taken over by another user). */
bool status_default_path(char out[CONFIG_PATH_LEN]);
/* --status: the status file to read. configured is the configuration's
 * status_file: when it differs from status_default_path() it was set on
 * purpose and is the only place looked at ("" names none); otherwise (an
 * operator's shell has no RUNTIME_DIRECTORY) the first file found among
 * $RUNTIME_DIRECTORY/status.json, STATUS_UNIT_DIR/status.json and
 * $XDG_RUNTIME_DIR/vitrine/status.json. STATUS_ABSENT with one line in err
 * naming every place tried. */
status_status status_find(const char *configured, char path[CONFIG_PATH_LEN],
                          char err[STATUS_ERR_LEN]);
/* Reads the status file at path and checks that the kiosk that wrote it
 * still runs: kill(pid, 0) succeeds or fails with EPERM, and, where
 * /proc/<pid>/comm is readable, that process is a vitrine ("vitrine", or
 * the same program as the caller), so a reused pid is not taken for the
 * kiosk. STATUS_OK: *json is the file's text (caller frees). Otherwise
 * *json is NULL and err one line: the missing file's path (STATUS_ABSENT),
 * the pid that is gone and when the file was last updated (STATUS_GONE):
 * "has exited" when no process has it, "is now another program (NAME)"
 * when /proc names another program under it. */
status_status status_read_alive(const char *path, char **json, char err[STATUS_ERR_LEN]);
/* The running kiosk of the status file status_find finds for configured:
 * its pid and cache folder. Errors as status_find and status_read_alive. */
status_status status_running_kiosk(const char *configured, status_kiosk *out,
                                   char err[STATUS_ERR_LEN]);

#endif
