/* kioskconfig: the "kiosk" object of the configuration file (the feeds
 * layer reads the rest of the same JSON document). Every key has a default;
 * an unknown key is a warning; a bad value is an error naming the key, and
 * the caller keeps its previous configuration.
 *
 *   "kiosk": {
 *     "slide_duration_s": 12, "transition": "fade" | "slide" | "none",
 *     "transition_ms": 400, "resume_after_s": 30, "pause_timeout_s": 0,
 *     "allow_quit": false,
 *     "playlist": ["products-by-phase", {"slide": "team", "duration_s": 20,
 *                  "enabled": false}],
 *     "schedule": {"mon-fri": "08:00-20:00", "sat": ["10:00-12:00", "14:00-18:00"],
 *                  "sun": "off"},
 *     "wake_on_key_s": 300, "burn_in_shift_px": 4, "burn_in_period_s": 300,
 *     "display_off_command": "vcgencmd display_power 0",
 *     "display_on_command": "vcgencmd display_power 1"
 *   }
 */
#ifndef VITRINE_KIOSKCONFIG_H
#define VITRINE_KIOSKCONFIG_H

#include <cjson/cJSON.h>
#include <stdbool.h>

#include "vitrine/playlist.h"
#include "vitrine/schedule.h"

#define KIOSKCONFIG_ERR_LEN 512
#define KIOSKCONFIG_CMD_LEN 256
#define KIOSKCONFIG_MAX_BYTES (1024 * 1024) /* a configuration file is small */

typedef struct {
    playlist_config playlist;
    schedule_config schedule;
    bool allow_quit;                           /* false: the kiosk lock is on */
    char display_off_cmd[KIOSKCONFIG_CMD_LEN]; /* "" : blank frame only */
    char display_on_cmd[KIOSKCONFIG_CMD_LEN];
} kioskconfig;

typedef enum { KIOSKCONFIG_OK = 0, KIOSKCONFIG_INVALID } kioskconfig_status;

void kioskconfig_defaults(kioskconfig *c);
/* Parses a "kiosk" object (NULL: defaults). On error *out is unchanged and
 * err holds one line naming the key, e.g. "kiosk.playlist[2].duration_s: ...". */
kioskconfig_status kioskconfig_parse(const cJSON *kiosk, kioskconfig *out,
                                     char err[KIOSKCONFIG_ERR_LEN]);
/* Reads a configuration file and parses its "kiosk" object (absent: the
 * defaults). Errors start with the file name. */
kioskconfig_status kioskconfig_load(const char *path, kioskconfig *out,
                                    char err[KIOSKCONFIG_ERR_LEN]);

#endif
