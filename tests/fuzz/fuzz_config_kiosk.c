/* fuzz_config_kiosk: the kiosk part of the configuration parser
 * (config_parse, the "kiosk" object) on arbitrary bytes, read both as a
 * whole configuration file and as the kiosk object itself. Whatever the
 * input, a bad kiosk part holds the defaults (the kiosk keeps its previous
 * settings on SIGHUP) with a one-line error; a good one has every value in
 * its documented range, and the playlist and the schedule built from it run
 * through a simulated week without breaking their own invariants. */
#include <stdlib.h>
#include <string.h>

#include "config_compare.h"
#include "fuzz.h"
#include "vitrine/config.h"
#include "vitrine/log.h"
#include "vitrine/playlist.h"
#include "vitrine/schedule.h"
#include "vitrine/vclock.h"

/* The documented ranges (README "Kiosk", config_kiosk.c), in milliseconds. */
#define MS_PER_S VCLOCK_MS_PER_S
#define SLIDE_MIN_MS (1 * MS_PER_S)
#define SLIDE_MAX_MS (3600 * MS_PER_S)
#define TRANSITION_MAX_MS 2000
#define IDLE_MAX_MS (86400LL * MS_PER_S)
#define SHIFT_MAX_PX 32
#define SHIFT_PERIOD_MIN_MS (10 * MS_PER_S)

/* The simulated run: a week in steps that visit every kind of deadline. */
#define SIM_START_WALL_S 1704067200LL /* Monday 2024-01-01 00:00 UTC */
#define SIM_STEPS 2000
#define SIM_MAX_STEP_MS (60LL * 60 * MS_PER_S)
static const char *const SLIDE_NAMES[] = {"overview", "products-by-phase", "team-1", "team-2",
                                          "eig"};
#define N_SLIDES (sizeof SLIDE_NAMES / sizeof *SLIDE_NAMES)
#define KEY_EVERY 16 /* one input byte in 16 stands for each kind of key */

static bool nul_within(const char *s, size_t n)
{
    return memchr(s, '\0', n) != NULL;
}

static void check_ranges(const config_kiosk *c)
{
    const playlist_config *p = &c->playlist;
    FUZZ_CHECK(p->default_duration_ms >= SLIDE_MIN_MS && p->default_duration_ms <= SLIDE_MAX_MS);
    FUZZ_CHECK(p->transition_ms >= 0 && p->transition_ms <= TRANSITION_MAX_MS);
    FUZZ_CHECK(p->transition >= PLAYLIST_TRANSITION_NONE &&
               p->transition <= PLAYLIST_TRANSITION_SLIDE);
    FUZZ_CHECK(p->resume_after_ms >= MS_PER_S && p->resume_after_ms <= IDLE_MAX_MS);
    FUZZ_CHECK(p->pause_timeout_ms >= 0 && p->pause_timeout_ms <= IDLE_MAX_MS);
    FUZZ_CHECK(p->n_entries <= PLAYLIST_MAX_SLIDES);
    for (size_t i = 0; i < p->n_entries; i++) {
        const playlist_entry *e = &p->entries[i];
        FUZZ_CHECK(nul_within(e->name, sizeof e->name) && e->name[0] != '\0');
        FUZZ_CHECK(e->duration_ms == 0 ||
                   (e->duration_ms >= SLIDE_MIN_MS && e->duration_ms <= SLIDE_MAX_MS));
    }
    const schedule_config *s = &c->schedule;
    for (int d = 0; d < SCHEDULE_DAYS; d++) {
        FUZZ_CHECK(s->n_ranges[d] >= 0 && s->n_ranges[d] <= SCHEDULE_MAX_RANGES);
        for (int r = 0; r < s->n_ranges[d]; r++) {
            const schedule_range *rg = &s->ranges[d][r];
            FUZZ_CHECK(rg->start_min >= 0 && rg->start_min < rg->end_min &&
                       rg->end_min <= SCHEDULE_MINUTES_PER_DAY);
        }
    }
    FUZZ_CHECK(s->shift_px >= 0 && s->shift_px <= SHIFT_MAX_PX);
    FUZZ_CHECK(s->shift_period_ms >= SHIFT_PERIOD_MIN_MS && s->shift_period_ms <= IDLE_MAX_MS);
    FUZZ_CHECK(s->wake_ms >= 0 && s->wake_ms <= IDLE_MAX_MS);
    FUZZ_CHECK(nul_within(c->display_off_cmd, sizeof c->display_off_cmd));
    FUZZ_CHECK(nul_within(c->display_on_cmd, sizeof c->display_on_cmd));
}

/* Some input bytes are keys: the presenter's actions between deadlines. */
static void press_key(playlist *p, schedule *s, uint8_t b, int64_t now)
{
    switch (b % KEY_EVERY) {
    case 0: playlist_next(p, now); break;
    case 1: playlist_prev(p, now); break;
    case 2: playlist_toggle_pause(p, now); break;
    case 3: playlist_jump(p, b % (N_SLIDES + 2), now); break;
    case 4: playlist_home(p, now); break;
    case 5: schedule_wake(s, now); break;
    default: break;
    }
}

/* Drives the playlist and the schedule the way the kiosk loop does, with
 * step lengths drawn from the input, and checks what they report. */
static void simulate(const config_kiosk *c, const uint8_t *data, size_t size)
{
    playlist *p = playlist_new(&c->playlist);
    schedule *s = schedule_new(&c->schedule);
    FUZZ_CHECK(p && s);
    playlist_slide slides[N_SLIDES];
    for (size_t i = 0; i < N_SLIDES; i++)
        slides[i] = (playlist_slide){SLIDE_NAMES[i], i != 2, 0}; /* team-1 has no data */
    int64_t now = 0;
    playlist_set_slides(p, slides, N_SLIDES, now);
    playlist_view first;
    playlist_view_at(p, now, &first);
    for (size_t step = 0; step < SIM_STEPS; step++) {
        uint8_t b = size ? data[step % size] : 0;
        press_key(p, s, b, now);
        schedule_time t;
        schedule_local_time(SIM_START_WALL_S + now / MS_PER_S, &t);
        schedule_step(s, &t, now);
        playlist_tick(p, now);
        playlist_view v;
        playlist_view_at(p, now, &v);
        /* Whether any slide can be shown depends on the configuration only. */
        FUZZ_CHECK(v.has_slide == first.has_slide);
        FUZZ_CHECK(!v.has_slide || (v.slide < N_SLIDES && v.slide != 2));
        FUZZ_CHECK(!v.has_slide || (v.position >= 1 && v.position <= v.count));
        FUZZ_CHECK(v.progress >= 0 && v.progress <= PLAYLIST_PROGRESS_MAX);
        int dx, dy;
        schedule_shift(s, now, &dx, &dy);
        FUZZ_CHECK(dx >= -c->schedule.shift_px && dx <= c->schedule.shift_px);
        FUZZ_CHECK(dy >= -c->schedule.shift_px && dy <= c->schedule.shift_px);
        int64_t wait = playlist_wait_ms(p, now), swait = schedule_wait_ms(s, &t, now);
        FUZZ_CHECK(wait >= 0 && swait >= 0);
        /* Sleep until the nearest deadline, or less (a key, a late wake-up). */
        int64_t next = wait < swait ? wait : swait;
        if (next > SIM_MAX_STEP_MS || next == 0)
            next = next ? SIM_MAX_STEP_MS : 1 + b;
        now += b & 1 ? next : 1 + next * b / UINT8_MAX;
    }
    playlist_free(p);
    schedule_free(s);
}

/* Parses doc as a configuration file and checks its kiosk part. */
static void check_document(const char *doc, size_t len, const uint8_t *data, size_t size)
{
    config c, defaults;
    config_defaults(&defaults);
    config_defaults(&c);
    char err[CONFIG_ERR_LEN];
    memset(err, 'x', sizeof err); /* an error must write its own terminator */
    config_status st = config_parse(doc, len, "fuzz.json", "/srv", &c, err);
    FUZZ_CHECK(st == CONFIG_OK || st == CONFIG_INVALID);
    if (st != CONFIG_OK)
        FUZZ_CHECK(nul_within(err, sizeof err) && err[0] != '\0' && !strchr(err, '\n'));
    if (c.invalid & CONFIG_PART_KIOSK) {
        FUZZ_CHECK(same_kiosk(&c.kiosk, &defaults.kiosk));
        return;
    }
    check_ranges(&c.kiosk);
    simulate(&c.kiosk, data, size);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    log_set_level(LOG_QUIET); /* unknown keys and slides are warnings */
    static const char head[] = "{\"kiosk\": ", tail[] = "}";
    char *wrapped = malloc(sizeof head + size + sizeof tail);
    FUZZ_CHECK(wrapped != NULL);
    memcpy(wrapped, head, sizeof head - 1);
    memcpy(wrapped + sizeof head - 1, data, size);
    memcpy(wrapped + sizeof head - 1 + size, tail, sizeof tail - 1);
    check_document((const char *)data, size, data, size);
    check_document(wrapped, sizeof head - 1 + size + sizeof tail - 1, data, size);
    free(wrapped);
    return 0;
}
