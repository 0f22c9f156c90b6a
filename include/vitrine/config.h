/* config: the configuration file (JSON), with built-in defaults for every
 * key: one parser, one table of keys, for the feeds and the kiosk alike.
 * No curl, no SDL.
 *
 * Search order when no --config FILE is given: ./vitrine.json,
 * $XDG_CONFIG_HOME/vitrine/vitrine.json (default ~/.config/...),
 * /etc/vitrine/vitrine.json, then the built-in defaults.
 *
 * Keys (all optional; README "Configuration file" and "Kiosk" list them
 * with their ranges):
 *   "cache_dir", "status_file", "metrics_file",
 *   "feeds": {"startups": {...}, "authors", "incubators",
 *   "defis", "personnes", "announcements"}, each feed with "url", "refresh_interval_s",
 *   "connect_timeout_s", "timeout_s", "low_speed_limit_bps",
 *   "low_speed_time_s", "max_bytes", "min_records_percent",
 *   "min_figure_percent", "retry_min_s", "retry_max_s";
 *   "kiosk": {"slide_duration_s", "transition", "transition_ms",
 *   "resume_after_s", "pause_timeout_s", "allow_quit", "playlist",
 *   "schedule", "wake_on_key_s", "burn_in_shift_px", "burn_in_period_s",
 *   "display_off_command", "display_on_command"};
 *   "focus_incubator", "announcements" (announce.h), "posters_dir".
 * Unknown keys are logged as warnings; a key of the wrong type or out of
 * range is an error naming the file and the key ("vitrine.json:
 * kiosk.playlist[2].duration_s: ..."). Relative paths (cache_dir,
 * status_file, metrics_file, local feed urls) are relative to the file's
 * directory.
 *
 * The file has two parts, the feeds' (cache_dir, status_file, metrics_file
 * and feeds: the top-level keys) and the kiosk's
 * (kiosk). A bad key makes the whole file invalid, and the part it is in
 * holds the defaults while the other part is read as written: a kiosk
 * started on a file with one typo keeps the rest of its settings. */
#ifndef VITRINE_CONFIG_H
#define VITRINE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "vitrine/announce.h"
#include "vitrine/feed.h"
#include "vitrine/playlist.h"
#include "vitrine/schedule.h"

#define CONFIG_ERR_LEN 512
#define CONFIG_PATH_LEN 1024               /* paths and urls, NUL included */
#define CONFIG_CMD_LEN 256                 /* display commands, NUL included */
#define CONFIG_MAX_BYTES ((size_t)1 << 20) /* a larger config file is refused */

/* Built-in defaults of the feeds (README "Configuration" lists them too);
 * the kiosk's are the playlist's and the schedule's. */
#define CONFIG_DEFAULT_BETAGOUV_API "https://beta.gouv.fr/api/v2.7/"
#define CONFIG_DEFAULT_REFRESH_S 900.0
#define CONFIG_DEFAULT_CONNECT_TIMEOUT_S 10.0
#define CONFIG_DEFAULT_TIMEOUT_S 120.0
#define CONFIG_DEFAULT_LOW_SPEED_BPS 100L
#define CONFIG_DEFAULT_LOW_SPEED_TIME_S 30L
/* The largest body of a feed: half as large again as the feeds of 2026
 * (startups 4.2 MB, authors 1.7 MB) and more, and what keeps the kiosk
 * within its 64 MiB while it takes a body that large, whatever its records
 * look like (README, "Budgets": 64.9 MiB for 8 MiB of small product
 * records, 60.6 MiB for 4 MiB of small member records, measured). */
#define CONFIG_DEFAULT_MAX_BYTES_STARTUPS ((long)6 << 20)
#define CONFIG_DEFAULT_MAX_BYTES ((long)4 << 20)
#define CONFIG_DEFAULT_MIN_RECORDS_PERCENT 50L
#define CONFIG_DEFAULT_MIN_FIGURE_PERCENT 50L
#define CONFIG_DEFAULT_RETRY_MIN_S 30.0
#define CONFIG_DEFAULT_RETRY_MAX_S 3600.0

typedef enum {
    CONFIG_URL_BUNDLED = 0, /* "": the copy embedded in the binary (demo data) */
    CONFIG_URL_HTTP,        /* http:// or https:// */
    CONFIG_URL_FILE         /* a local path (made absolute) */
} config_url_kind;

typedef struct {
    char url[CONFIG_PATH_LEN];
    config_url_kind url_kind;
    int64_t refresh_interval_ms; /* times in int64_t; the timeouts are curl's long */
    long connect_timeout_ms;
    long timeout_ms;
    long low_speed_limit_bps; /* abort below this many bytes/s ... */
    long low_speed_time_s;    /* ... sustained for this long */
    long max_bytes;           /* the transfer stops beyond this body size */
    long min_records_percent; /* a body with fewer records than this % of the last good
                                 copy's is held; 0: any number is accepted */
    long min_figure_percent;  /* a body that would bring a headline figure (headline.h) under
                                 this % of the last good copy's, or to 0, is held; 0: no check */
    int64_t retry_min_ms;     /* first back-off delay after a failure */
    int64_t retry_max_ms;     /* back-off cap */
} config_feed;

#define CONFIG_ID_LEN 128 /* an incubator id */

/* The "kiosk" object. */
typedef struct {
    playlist_config playlist;
    schedule_config schedule;
    bool allow_quit;                      /* false: the kiosk lock is on */
    char display_off_cmd[CONFIG_CMD_LEN]; /* "": blank frame only */
    char display_on_cmd[CONFIG_CMD_LEN];
    /* The top-level "focus_incubator": an incubator id of the feed whose own
     * slides are added and whose products the spotlight shows; "": none. */
    char focus_incubator[CONFIG_ID_LEN];
    /* The top-level "announcements": the good entries, in the file's order.
     * A bad entry is skipped (one warning line) and counted; --check-config
     * fails on any, with the first one's line. */
    announce_list announcements;
    size_t announcements_bad;
    char announcements_error[CONFIG_ERR_LEN];
    /* The top-level "posters_dir": a folder of PNG and JPEG posters (made
     * absolute); "": none. */
    char posters_dir[CONFIG_PATH_LEN];
    /* kiosk.poster_max_pixels: a poster whose decoded size would pass it is
     * refused before decoding; kiosk.posters_max_bytes: the posters' fitted
     * pictures all together (posters.h). */
    int64_t poster_max_pixels;
    int64_t posters_max_bytes;
} config_kiosk;

/* Their defaults fit a Raspberry Pi Zero 2 W (512 MB in all): a 3840x2160
 * image decoded (32 MiB for a moment), 8 full-screen posters at 1080p. */
#define CONFIG_POSTER_MAX_PIXELS (3840 * 2160)
#define CONFIG_POSTERS_MAX_BYTES ((int64_t)64 << 20)

/* The parts of the file (config.invalid). */
#define CONFIG_PART_FEEDS 1u /* cache_dir, status_file, metrics_file and feeds */
#define CONFIG_PART_KIOSK 2u /* kiosk */

typedef struct {
    char source[CONFIG_PATH_LEN]; /* the file read; "" for built-in defaults */
    char cache_dir[CONFIG_PATH_LEN];
    char status_file[CONFIG_PATH_LEN];  /* the kiosk's status (status.h); "": none */
    char metrics_file[CONFIG_PATH_LEN]; /* Prometheus text file; "": none (default) */
    config_feed feeds[FEED_COUNT];
    config_kiosk kiosk;
    unsigned invalid; /* CONFIG_PART_* left at their defaults by a bad key */
} config;

typedef enum { CONFIG_OK = 0, CONFIG_INVALID, CONFIG_NOMEM } config_status;

/* True for an http:// or https:// URL (CONFIG_URL_HTTP); anything else a
 * feed names is a local path. */
bool config_url_is_http(const char *url);
/* Built-in defaults; the cache dir comes from the environment:
 * $CACHE_DIRECTORY (systemd, first entry), else $XDG_CACHE_HOME/vitrine,
 * else $HOME/.cache/vitrine, else /var/cache/vitrine; the status file too
 * (status_default_path: $RUNTIME_DIRECTORY/status.json, else
 * $XDG_RUNTIME_DIR/vitrine/status.json, else none). No metrics file. */
void config_defaults(config *c);
/* Parses len bytes of JSON over c (normally the defaults). origin names the
 * document in messages; base_dir resolves relative paths (NULL: the current
 * directory). On CONFIG_INVALID err holds one line naming origin and the
 * first bad key of each bad part, and c->invalid the parts that kept what c
 * held. Uses about 16 KiB of stack (a copy of c). */
config_status config_parse(const char *json, size_t len, const char *origin, const char *base_dir,
                           config *c, char err[CONFIG_ERR_LEN]);
/* Reads path (NULL: the search order above) into c over the defaults. An
 * explicit path that cannot be read is an error (both parts invalid); with
 * no file found, c holds the defaults. */
config_status config_load(const char *path, config *c, char err[CONFIG_ERR_LEN]);
/* The effective configuration, both parts, as a JSON document that
 * config_parse accepts (malloc'ed, caller frees); NULL on allocation
 * failure. */
char *config_to_json(const config *c);

#endif
