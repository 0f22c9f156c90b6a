/* kiosk: the event loop. Each turn: apply the schedule, advance the
 * playlist, redraw if something changed, then block until the next deadline
 * (slide change, end of a transition frame, schedule change, burn-in shift,
 * watchdog ping, at most KIOSK_MAX_WAIT_MS) or an event. A static or paused
 * slide therefore costs one wake-up a minute and no drawing.
 *
 * VITRINE_CLOCK_SCALE=N (a developer setting for the soak test, 1..1000)
 * runs the kiosk's clock N times faster: slides, transitions, the schedule,
 * the burn-in shift and the change of day follow it; waits are converted
 * back to real time. VITRINE_CLOCK_START=S (unix seconds) starts its wall
 * clock there (the soak test crosses midnight). */
#include "vitrine/kiosk.h"

#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "builder.h"
#include "displaycheck.h"
#include "overlay.h"
#include "overview.h"
#include "reader.h"
#include "screen.h"
#include "startup.h"
#include "vitrine/config.h"
#include "vitrine/datadir.h"
#include "vitrine/deck.h"
#include "vitrine/fmt.h"
#include "vitrine/layout.h"
#include "vitrine/log.h"
#include "vitrine/playlist.h"
#include "vitrine/posters.h"
#include "vitrine/schedule.h"
#include "vitrine/sigbridge.h"
#include "vitrine/stats.h"
#include "vitrine/status.h"
#include "vitrine/textalt.h"
#include "vitrine/vclock.h"
#include "waker.h"
#include "watchdog.h"

#define GATE_RETRY_MS 10      /* a slide change held back while new data is parsed */
#define PREPARE_LEAD_MS 1500  /* the next slide drawn ahead this long before its change */
#define PREPARE_SLICE_US 8000 /* in slices of about this much drawing */
#define CLOCK_SCALE_ENV "VITRINE_CLOCK_SCALE"
#define CLOCK_START_ENV "VITRINE_CLOCK_START"
#define STARTED_AT_STEP_S 2 /* a clock step, not the rounding of two whole seconds */
/* The marks over a slide without room for them: a strip of the stage
 * height / this. */
#define MARKS_FALLBACK_DIV 24

struct kiosk {
    kiosk_options opt;
    const config_kiosk *cfg; /* opt.settings, or the reloaded configuration's */
    config *reloaded;        /* the configuration SIGHUP read, when one is in use */
    vclock *clock;
    screen *scr;
    deck *deck;
    overlay *ov;
    overview *ovw;      /* G / Tab: every slide at once */
    int64_t ovw_key_ms; /* the last key with the overview open (it closes by itself) */
    bool ovw_pending;   /* thumbnails left to draw: another frame at once */
    playlist *pl;
    schedule *sch;
    keymap *km;
    sigbridge *sig;       /* opt.signals, else the kiosk's own */
    bool own_sig;         /* sig is the kiosk's to free */
    reader *reader;       /* SIGHUP's configuration file, --data DIR again */
    const char *data_who; /* who asked for the data dir's read in progress */
    watchdog *wd;
    waker *waker;             /* drivers whose SDL wait does not sleep (KMS/DRM) */
    atomic_bool data_pending; /* a wake-up for new data is queued, not yet handled */
    atomic_bool take_retry;   /* the wake-up could not be queued: take at the next turn */
    builder *builder;         /* the data on screen, its statistics and layouts (off this thread) */
    feedstate_set fs;
    vt_date today;
    int w, h;           /* output size */
    layout_stage stage; /* where the slides go in it (layout_stage_for) */
    Uint32 ev_signal, ev_data, ev_read, ev_build;
    bool sdl_up;
    bool running, dirty, help;
    bool presented; /* a first frame was presented (logged once) */
    bool blended;   /* the frame on screen is a transition's: one more frame ends it */
    bool gate_held; /* opt.gate, for a slide change and its transition */
    bool logged;
    size_t logged_slide, logged_pos, logged_count;
    int dx, dy;                  /* burn-in shift in use */
    unsigned long cycle;         /* the playlist's rotations, given to the deck */
    unsigned long posters_cycle; /* the rotation the posters folder was last looked at */
    announce_time local_now;     /* the minute the announcements' windows were last checked at */
    bool decoders;               /* posters_init succeeded: posters_quit at the end */
    char status_file[CONFIG_PATH_LEN], metrics_file[CONFIG_PATH_LEN]; /* "": none */
    char cache_dir[CONFIG_PATH_LEN]; /* the feeds' cache, for vitrine --accept; "": none */
    int64_t started_mono_ms;         /* system monotonic ms at start */
    int64_t started_at;              /* unix seconds: moved only by the clock stepped forward */
    uint64_t slide_changes;          /* slides shown (logged) since the start */
    bool status_paused;              /* the paused state the status files last got */
    bool status_failing[2]; /* the last write of the status, the metrics failed (logged once) */
    bool status_due;        /* what they show changed: written after the next frame */
    uint64_t metrics_key;   /* status_metrics_key of the metrics file last written */
    int64_t metrics_at;     /* when it was written (now_ms); < 0: never */
    bool metrics_changed;   /* something it says changed since: written at metrics_due_ms */
    /* The display thread's longest stretch busy without presenting a frame
     * or going back to wait (vitrine_display_busy_max_seconds). */
    int64_t busy_since_us, busy_max_us;
    bool preparing; /* a slide is being drawn into its texture, in slices */
    bool sliced;    /* a slice was drawn in this turn of the loop (one a turn) */
};

static int64_t now_ms(const kiosk *k)
{
    return vclock_mono_ms(k->clock);
}

/* The lobby's local time, to the minute (the announcements' windows); on
 * --now's day when it is given. */
static announce_time local_now(const kiosk *k)
{
    announce_time t = announce_local_time(vclock_wall_s(k->clock));
    return k->opt.now != DATE_NONE ? announce_time_at(k->opt.now, announce_minute_of_day(t)) : t;
}

/* SIGHUP, once the reader has read the configuration file again (or the
 * search order, which may find a file created since the start): its kiosk
 * settings replace the current ones unless they are bad. The feeds'
 * settings take effect at the next start. */
static bool reload_config(kiosk *k, config *c, config_status st, const char *err)
{
    if (!c || st == CONFIG_NOMEM || (c->invalid & CONFIG_PART_KIOSK)) {
        log_error("config", "%s; keeping the previous kiosk settings", err);
        free(c);
        return false;
    }
    if (st != CONFIG_OK)
        log_error("config", "%s; the feed settings are read at the next start", err);
    log_info("config", "%s: kiosk settings reloaded", *c->source ? c->source : "built-in defaults");
    free(k->reloaded); /* nothing keeps a pointer into it: the parts copy what they use */
    k->reloaded = c;
    k->cfg = &c->kiosk;
    builder_set_settings(k->builder, k->cfg->focus_incubator, &k->cfg->announcements);
    return true;
}

static void apply_config(kiosk *k)
{
    playlist_configure(k->pl, &k->cfg->playlist, now_ms(k));
    schedule_configure(k->sch, &k->cfg->schedule);
    keymap_set_allow_quit(k->km, k->cfg->allow_quit);
    k->dirty = true;
}

_Static_assert(DECK_MAX_SLIDES <= PLAYLIST_MAX_SLIDES, "every slide of a deck fits the playlist");

/* The shown slides' deck indices, in playlist order (the overview's cells). */
static size_t shown_slides(const kiosk *k, size_t out[PLAYLIST_MAX_SLIDES])
{
    playlist_view v;
    playlist_view_at(k->pl, now_ms(k), &v);
    size_t n = 0;
    for (size_t pos = 1; pos <= v.count && n < PLAYLIST_MAX_SLIDES; pos++)
        out[n++] = playlist_shown_at(k->pl, pos);
    return n;
}

/* Hands the deck's slides to the playlist (after every deck_update). */
static void adopt_slides(kiosk *k)
{
    playlist_slide slides[PLAYLIST_MAX_SLIDES];
    size_t n = deck_count(k->deck);
    n = n < PLAYLIST_MAX_SLIDES ? n : PLAYLIST_MAX_SLIDES;
    for (size_t i = 0; i < n; i++)
        slides[i] = (playlist_slide){deck_slide_name(k->deck, i), deck_slide_has_data(k->deck, i),
                                     deck_slide_duration_ms(k->deck, i)};
    playlist_set_slides(k->pl, slides, n, now_ms(k));
    overlay_reset(k->ov);
    if (k->ovw && overview_is_open(k->ovw)) { /* new slides: new thumbnails and titles */
        size_t shown[PLAYLIST_MAX_SLIDES];
        overview_set_slides(k->ovw, shown, shown_slides(k, shown));
    }
    k->dirty = true;
}

/* Asks for the slides of the current data, date, size, configuration and
 * posters, laid out on the builder's thread; the loop takes them between
 * two frames (take_slides). */
static void rebuild(kiosk *k, const char *why)
{
    builder_input in = {k->fs, k->today, k->stage.w, k->stage.h, k->cycle, k->local_now};
    builder_request(k->builder, &in, why);
}

/* Finished slides replace those on screen, between two frames and never
 * during a transition (the loop waits for its end). */
static void take_slides(kiosk *k)
{
    bool new_data = false;
    if (!builder_take(k->builder, k->deck, &new_data))
        return;
    deck_set_time(k->deck, k->local_now); /* a minute may have passed meanwhile */
    if (!deck_states_need_layout(k->deck, &k->fs))
        deck_set_states(k->deck, &k->fs); /* states that came during the layout */
    adopt_slides(k);
    log_debug("kiosk", "slides taken: %zu slides at %dx%d, laid out in %.1f ms",
              deck_count(k->deck), k->stage.w, k->stage.h, builder_last_ms(k->builder));
    if (new_data)
        log_info("kiosk", "new data on screen (%s)",
                 feedstate_kind_name(feedstate_worst(&k->fs, FEEDSTATE_ALL)));
    k->status_due = true;
}

/* The posters folder looked at again (at start, each rotation, SIGHUP, a
 * new size): the reader scans it only when its files changed. */
static void look_at_posters(kiosk *k)
{
    reader_request_posters(k->reader, k->cfg, k->stage.w, k->stage.h);
}

/* A new scan of the posters: the slides show it from the next layout on,
 * and the builder frees the old set once no slide draws from it. */
static void swap_posters(kiosk *k, posters *p)
{
    builder_set_posters(k->builder, p);
    rebuild(k, "posters");
}

/* When the kiosk started, for the status files: the wall time at the
 * start, moved forward when the clock was since stepped forward by more
 * than STARTED_AT_STEP_S (a Pi without a real-time clock starts before NTP
 * sets it: its start was later than the clock said), never back (a clock
 * set back does not make the kiosk older, nor look like a restart). */
static int64_t started_at(kiosk *k, int64_t now_s)
{
    int64_t by_now = now_s - (vclock_system_ms() - k->started_mono_ms) / VCLOCK_MS_PER_S;
    if (by_now > k->started_at + STARTED_AT_STEP_S)
        k->started_at = by_now;
    return k->started_at;
}

/* One of the status files (status: 0, metrics: 1); a failure logged once
 * for each file, and once when writing it works again. */
static void publish_file(kiosk *k, const status_report *r, int which)
{
    static const char *const what[] = {"status", "metrics"};
    const char *path = which == 0 ? k->status_file : k->metrics_file;
    if (!*path)
        return;
    char err[STATUS_ERR_LEN];
    bool ok = status_write(r, which == 0 ? path : NULL, which == 1 ? path : NULL, err) == STATUS_OK;
    if (!ok && !k->status_failing[which])
        log_warn("kiosk", "%s file not written: %s (logged once; the kiosk goes on)", what[which],
                 err);
    else if (ok && k->status_failing[which])
        log_info("kiosk", "%s file written again", what[which]);
    k->status_failing[which] = !ok;
}

/* When the metrics file is due: STATUS_METRICS_MIN_INTERVAL_S after the
 * last write when what it says changed since, else the heartbeat. */
static int64_t metrics_due_ms(const kiosk *k)
{
    if (!*k->metrics_file)
        return INT64_MAX;
    if (k->metrics_at < 0)
        return 0;
    int64_t after = k->metrics_changed ? STATUS_METRICS_MIN_INTERVAL_S : STATUS_METRICS_HEARTBEAT_S;
    return k->metrics_at + after * VCLOCK_MS_PER_S;
}

/* The metrics file (persistent storage): when status.h's rule says so. */
static void publish_metrics(kiosk *k, const status_report *r)
{
    if (!*k->metrics_file)
        return;
    uint64_t key = status_metrics_key(r);
    k->metrics_changed |= key != k->metrics_key;
    int64_t now = now_ms(k);
    if (now < metrics_due_ms(k))
        return;
    publish_file(k, r, 1);
    k->metrics_key = key;
    k->metrics_at = now;
    k->metrics_changed = false;
}

/* The status file (a tmpfs), rewritten after the frame that follows
 * (status_due) a slide change, a feed event, a pause or resume, or a
 * screen change, and the metrics file when it is due. A failure never
 * stops the kiosk. */
static void publish_status(kiosk *k)
{
    playlist_view v;
    playlist_view_at(k->pl, now_ms(k), &v);
    k->status_paused = v.paused;
    if (!*k->status_file && !*k->metrics_file)
        return;
    int64_t now = (int64_t)time(NULL);
    status_report r = {.pid = (long)getpid(),
                       .version = VITRINE_VERSION,
                       .started_at = started_at(k, now),
                       .now = now,
                       .has_slide = v.has_slide,
                       .slide_index = v.position,
                       .slide_count = v.count,
                       .slide_name = v.has_slide ? playlist_slide_name(k->pl, v.slide) : NULL,
                       .paused = v.paused,
                       .screen_on = schedule_screen_on(k->sch),
                       .slide_changes = k->slide_changes,
                       .cache_dir = k->opt.data_dir ? NULL : k->cache_dir,
                       .display_busy_max_s = (double)k->busy_max_us / 1e6,
                       .feeds = k->fs};
    /* The slide on screen's text alternative (a few kilobytes, built for
     * this write only); without it when out of memory. */
    textalt *alt = v.has_slide ? textalt_new() : NULL;
    if (alt && deck_slide_alt(k->deck, v.slide, deck_slide_name(k->deck, v.slide), alt))
        r.alt = textalt_get(alt, 0);
    publish_file(k, &r, 0);
    publish_metrics(k, &r);
    textalt_free(alt);
}

/* THE place where a new snapshot replaces the one on screen: data taken
 * from the source after kiosk_data_ready, and a reload of --data DIR.
 * Takes ownership of m. */
static void swap_snapshot(kiosk *k, model *m, const feedstate_set *fs)
{
    if (!m) { /* only the feed states changed (a refresh failed, or a 304) */
        k->fs = *fs;
        if (deck_states_need_layout(k->deck, fs))
            rebuild(k, "feed states");
        else if (deck_set_states(k->deck, fs)) /* the footers' date and badge only */
            k->dirty = true;
        k->status_due = true;
        return;
    }
    builder_set_model(k->builder, m);
    k->fs = *fs;
    rebuild(k, "new data"); /* "new data on screen" once its slides are taken */
    k->status_due = true;
}

void kiosk_set_source(kiosk *k, kiosk_refresh_fn refresh, kiosk_take_fn take, void *ctx)
{
    k->opt.refresh = refresh;
    k->opt.take = take;
    k->opt.refresh_ctx = ctx;
}

void kiosk_wake(kiosk *k)
{
    if (k->waker)
        waker_wake(k->waker);
}

static void wake_loop(void *ctx)
{
    kiosk_wake(ctx);
}

void kiosk_data_ready(kiosk *k)
{
    /* One wake-up in flight at most: data arriving meanwhile waits in the
     * source, and the one take gets the newest (one statistics and layout
     * run, not one per arrival). */
    if (atomic_exchange(&k->data_pending, true))
        return;
    SDL_Event ev = {0};
    ev.type = k->ev_data;
    if (SDL_PushEvent(&ev) < 1) { /* a full event queue: the loop's next turn takes it */
        atomic_store(&k->take_retry, true);
        log_warn("kiosk", "new data signalled without an event (%s)", SDL_GetError());
    }
    kiosk_wake(k);
}

/* The wake-up arrived: clear it first, so that data arriving during the
 * take posts a new one, then take the newest. */
static void take_data(kiosk *k)
{
    atomic_store(&k->data_pending, false);
    atomic_store(&k->take_retry, false);
    model *m = NULL;
    feedstate_set fs;
    if (k->opt.take && k->opt.take(k->opt.refresh_ctx, &m, &fs))
        swap_snapshot(k, m, &fs);
}

static void refresh(kiosk *k, const char *who)
{
    if (k->opt.refresh) {
        log_info("kiosk", "refresh requested (%s)", who);
        k->opt.refresh(k->opt.refresh_ctx);
        return;
    }
    if (!k->opt.data_dir) {
        log_info("kiosk", "refresh (%s): demo data, nothing to fetch", who);
        return;
    }
    k->data_who = who; /* read on the reader's thread; taken by take_reads */
    reader_request(k->reader, READER_DATA_DIR);
}

/* SIGHUP: systemd hears "reloading" now and "ready" once the file is read
 * and applied (take_reads). */
static void reload(kiosk *k)
{
    watchdog_reloading(k->wd, false);
    reader_request(k->reader, READER_CONFIG);
}

/* A read of the reader's has finished: its newest results. */
static void take_reads(kiosk *k)
{
    config *c = NULL;
    config_status cst;
    char cerr[CONFIG_ERR_LEN];
    if (reader_take_config(k->reader, &c, &cst, cerr)) {
        if (reload_config(k, c, cst, cerr)) {
            apply_config(k);
            rebuild(k, "configuration");
            look_at_posters(k); /* posters_dir may have changed */
        }
        watchdog_reloading(k->wd, true);
    }
    posters *p = NULL;
    if (reader_take_posters(k->reader, &p))
        swap_posters(k, p);
    model *m = NULL;
    feedstate_set fs;
    char derr[DATADIR_ERR_LEN];
    if (!reader_take_data(k->reader, &m, &fs, derr))
        return;
    if (m)
        swap_snapshot(k, m, &fs);
    else
        log_error("kiosk", "refresh (%s): %s; keeping the data on screen",
                  k->data_who ? k->data_who : "request", derr);
}

/* A slide change brings a second slide texture for its transition: the
 * fetch thread must not be parsing new data meanwhile (memgate.h). Held
 * from the change to the end of the transition. */
static bool gate_take(kiosk *k)
{
    if (!k->gate_held) {
        if (!memgate_try_enter(k->opt.gate))
            return false; /* never wait for the fetch thread */
        k->gate_held = true;
    }
    return true;
}

static void gate_release(kiosk *k)
{
    if (k->gate_held) {
        memgate_leave(k->opt.gate);
        k->gate_held = false;
    }
}

/* A key never waits for the fetch thread: when it is parsing new data (the
 * gate is taken), the slide changes at once without a transition, drawn
 * with one slide texture (the previous one dropped first), so the memory
 * peak memgate.h keeps apart does not happen either. */
static void move_now(kiosk *k, keymap_result r, int64_t now)
{
    bool gated = gate_take(k);
    bool moved = false;
    switch (r.action) {
    case KEYMAP_NEXT: moved = playlist_next(k->pl, now); break;
    case KEYMAP_PREV: moved = playlist_prev(k->pl, now); break;
    case KEYMAP_JUMP: moved = playlist_jump(k->pl, r.position, now); break;
    default: moved = playlist_home(k->pl, now); break;
    }
    if (moved && !gated) {
        playlist_end_transition(k->pl);
        deck_keep_only(k->deck, SIZE_MAX);
        log_debug("kiosk", "slide changed without a transition: new data is being read");
    }
    k->dirty |= moved;
}

static void close_overview(kiosk *k, const char *why)
{
    overview_close(k->ovw);
    k->ovw_pending = false;
    log_info("kiosk", "overview hidden%s", why);
    k->dirty = true;
}

/* Over the slide on screen, which stays (no transition under it): its
 * full-size texture goes, the overview's own takes its place. */
static void open_overview(kiosk *k, int64_t now)
{
    if (k->help) {
        k->help = false;
        log_info("kiosk", "help hidden");
    }
    playlist_end_transition(k->pl);
    playlist_view v;
    playlist_view_at(k->pl, now, &v);
    size_t shown[PLAYLIST_MAX_SLIDES];
    overview_open(k->ovw, shown, shown_slides(k, shown), v.position ? v.position - 1 : 0);
    deck_keep_only(k->deck, SIZE_MAX);
    k->ovw_key_ms = now;
    log_info("kiosk", "overview shown");
    k->dirty = true;
}

/* A presenter closed it: the slide stays for the idle delay, as after any
 * manual change (a jump to where it is), then rotation goes on. */
static void overview_done(kiosk *k, int64_t now)
{
    close_overview(k, "");
    playlist_view v;
    playlist_view_at(k->pl, now, &v);
    if (v.has_slide)
        playlist_jump(k->pl, v.position, now);
}

static void overview_action(kiosk *k, keymap_result r, int64_t now)
{
    static const grid_move_dir DIRS[] = {GRID_LEFT, GRID_RIGHT, GRID_UP, GRID_DOWN};
    switch (r.action) {
    case KEYMAP_OVERVIEW_LEFT:
    case KEYMAP_OVERVIEW_RIGHT:
    case KEYMAP_OVERVIEW_UP:
    case KEYMAP_OVERVIEW_DOWN:
        overview_move(k->ovw, DIRS[r.action - KEYMAP_OVERVIEW_LEFT]);
        k->dirty = true;
        break;
    case KEYMAP_OVERVIEW_SELECT: {
        size_t pos = overview_selected(k->ovw) + 1;
        close_overview(k, "");
        move_now(k, (keymap_result){KEYMAP_JUMP, pos}, now);
        break;
    }
    case KEYMAP_OVERVIEW_CLOSE: overview_done(k, now); break;
    default: /* KEYMAP_OVERVIEW */
        if (overview_is_open(k->ovw))
            overview_done(k, now);
        else
            open_overview(k, now);
        break;
    }
}

static void pin_action(kiosk *k, keymap_result r, int64_t now)
{
    playlist_view v;
    playlist_view_at(k->pl, now, &v);
    if (r.action == KEYMAP_PIN) {
        log_info("kiosk", "%s", playlist_toggle_pin(k->pl, now) ? "pinned" : "unpinned");
        k->dirty = true;
        return;
    }
    move_now(k, r, now); /* Home */
    if (v.pinned) {
        log_info("kiosk", "unpinned");
        k->dirty = true;
    }
}

static void handle_action(kiosk *k, keymap_result r)
{
    int64_t now = now_ms(k);
    playlist_touch(k->pl, now);
    bool ovw_open = overview_is_open(k->ovw);
    if (ovw_open)
        k->ovw_key_ms = now;
    if (ovw_open && (r.action == KEYMAP_NEXT || r.action == KEYMAP_PREV ||
                     r.action == KEYMAP_JUMP || r.action == KEYMAP_HOME || r.action == KEYMAP_HELP))
        close_overview(k, ""); /* the slides' own keys: back to the slides first */
    switch (r.action) {
    case KEYMAP_NEXT:
    case KEYMAP_PREV:
    case KEYMAP_JUMP: move_now(k, r, now); break;
    case KEYMAP_HOME:
    case KEYMAP_PIN: pin_action(k, r, now); break;
    case KEYMAP_OVERVIEW:
    case KEYMAP_OVERVIEW_LEFT:
    case KEYMAP_OVERVIEW_RIGHT:
    case KEYMAP_OVERVIEW_UP:
    case KEYMAP_OVERVIEW_DOWN:
    case KEYMAP_OVERVIEW_SELECT:
    case KEYMAP_OVERVIEW_CLOSE: overview_action(k, r, now); break;
    case KEYMAP_PAUSE:
        log_info("kiosk", "%s", playlist_toggle_pause(k->pl, now) ? "paused" : "resumed");
        k->dirty = true;
        break;
    case KEYMAP_REFRESH: refresh(k, "key R"); break;
    case KEYMAP_HELP:
    case KEYMAP_CLOSE_HELP:
        k->help = r.action == KEYMAP_HELP ? !k->help : false;
        log_info("kiosk", "help %s", k->help ? "shown" : "hidden");
        k->dirty = true;
        break;
    case KEYMAP_QUIT:
        log_info("kiosk", "quit key pressed: exiting");
        k->running = false;
        break;
    case KEYMAP_QUIT_LOCKED:
        log_info("kiosk", "quit key ignored: kiosk lock is on (kiosk.allow_quit is false)");
        break;
    case KEYMAP_NONE: break;
    }
}

static keymap_mode key_mode(const kiosk *k)
{
    if (overview_is_open(k->ovw))
        return KEYMAP_MODE_OVERVIEW;
    return k->help ? KEYMAP_MODE_HELP : KEYMAP_MODE_SLIDES;
}

static void handle_key(kiosk *k, const SDL_KeyboardEvent *key)
{
    int64_t now = now_ms(k);
    if (schedule_wake(k->sch, now)) {
        log_info("kiosk", "key pressed outside opening hours: screen on for a while");
        return; /* the key only wakes the screen */
    }
    SDL_Keycode sym = key->keysym.sym;
    if (key->repeat && sym != SDLK_RIGHT && sym != SDLK_LEFT && sym != SDLK_UP && sym != SDLK_DOWN)
        return; /* holding Space or Q must not toggle or count twice */
    unsigned mods = (key->keysym.mod & KMOD_CTRL) ? KEYMAP_MOD_CTRL : 0;
    handle_action(k, keymap_press(k->km, SDL_GetKeyName(sym), mods, key_mode(k), now));
}

static void handle_signal(kiosk *k, int signo)
{
    log_info("kiosk", "%s received", sigbridge_name(signo));
    if (signo == SIGTERM || signo == SIGINT)
        k->running = false;
    else if (signo == SIGHUP)
        reload(k);
    else if (signo == SIGUSR1)
        refresh(k, "SIGUSR1");
}

/* Reads the output size; true when it changed. */
static bool update_size(kiosk *k)
{
    bool changed = screen_update_size(k->scr, &k->w, &k->h);
    k->stage = layout_stage_for(k->w, k->h);
    return changed;
}

static void handle_window(kiosk *k, const SDL_WindowEvent *w)
{
    if (w->event == SDL_WINDOWEVENT_SIZE_CHANGED && update_size(k)) {
        rebuild(k, "new size");
        look_at_posters(k); /* fitted to the new stage */
    }
    k->dirty = true; /* exposed, restored, resized: the back buffer is gone */
}

static void handle_event(kiosk *k, const SDL_Event *ev)
{
    if (ev->type == k->ev_signal) {
        handle_signal(k, ev->user.code);
    } else if (ev->type == k->ev_data) {
        take_data(k);
    } else if (ev->type == k->ev_read) {
        take_reads(k);
    } else if (ev->type == k->ev_build) {
        /* Slides laid out: the loop's turn takes them when no transition runs. */
    } else if (ev->type == SDL_KEYDOWN) {
        handle_key(k, &ev->key);
    } else if (ev->type == SDL_WINDOWEVENT) {
        handle_window(k, &ev->window);
    } else if (ev->type == SDL_RENDER_TARGETS_RESET || ev->type == SDL_RENDER_DEVICE_RESET) {
        /* Every texture's content is gone (slides, text, overlays); the
         * display lists are not: draw them again. */
        size_t held = deck_textures(k->deck);
        deck_reset_textures(k->deck);
        overlay_reset(k->ov);
        overview_reset(k->ovw);
        k->dirty = true;
        log_info("kiosk", "renderer reset: %zu cached textures dropped (%zu left), redrawing", held,
                 deck_textures(k->deck));
    } else if (ev->type == SDL_QUIT) {
        if (k->cfg->allow_quit)
            k->running = false;
        log_info("kiosk", "window close %s",
                 k->cfg->allow_quit ? "requested: exiting" : "ignored: kiosk lock is on");
    }
}

/* The display thread starts working (a frame presented, a wait over). */
static void busy_begin(kiosk *k)
{
    k->busy_since_us = vclock_system_us();
}

/* It stops: about to present a frame or to wait. Real time, whatever the
 * kiosk's clock. */
static void busy_end(kiosk *k)
{
    /* Until the first frame nothing is on screen to stutter: the start has
     * a budget of its own (start to first frame). */
    if (!k->presented)
        return;
    int64_t busy = k->busy_since_us ? vclock_system_us() - k->busy_since_us : 0;
    if (busy > k->busy_max_us) {
        k->busy_max_us = busy;
        log_debug("kiosk", "display thread busy %.1f ms without a frame (the longest so far)",
                  (double)busy / 1e3);
    }
}

static float ease(int progress)
{
    float p = (float)progress / PLAYLIST_PROGRESS_MAX;
    return p * p * (3 - 2 * p); /* smoothstep: no jolt at either end */
}

static void draw_transition(kiosk *k, const playlist_view *v)
{
    float e = ease(v->progress);
    int x = k->stage.x + k->dx, y = k->stage.y + k->dy;
    if (v->transition == PLAYLIST_TRANSITION_SLIDE) {
        /* Slides move within the stage, not across the bands around it. */
        SDL_Renderer *r = screen_renderer(k->scr);
        SDL_RenderSetClipRect(r, &(SDL_Rect){x, y, k->stage.w, k->stage.h});
        int off = (int)(e * (float)k->stage.w) * v->direction;
        deck_draw(k->deck, v->from, x - off, y, 255);
        deck_draw(k->deck, v->slide, x - off + v->direction * k->stage.w, y, 255);
        SDL_RenderSetClipRect(r, NULL);
    } else {
        deck_draw(k->deck, v->from, x, y, 255);
        deck_draw(k->deck, v->slide, x, y, (Uint8)(e * 255.0f));
    }
}

/* Where the pause and pin marks go over slide i: the room its footer
 * leaves free, else (a poster) the screen's band under the stage when
 * there is one, else the stage's bottom right corner, a strip of
 * MARKS_FALLBACK_DIV of its height. */
static SDL_Rect marks_area(const kiosk *k, size_t i)
{
    int x = k->stage.x + k->dx, y = k->stage.y + k->dy;
    SDL_Rect r;
    if (deck_slide_marks(k->deck, i, &r))
        return (SDL_Rect){r.x + x, r.y + y, r.w, r.h};
    int strip = k->stage.h / MARKS_FALLBACK_DIV;
    int below = k->h - (k->stage.y + k->stage.h);
    if (below >= strip)
        return (SDL_Rect){x, k->stage.y + k->stage.h + (below - strip) / 2 + k->dy, k->stage.w,
                          strip};
    return (SDL_Rect){x + k->stage.w / 2, y + k->stage.h - strip * 3 / 2,
                      k->stage.w / 2 - strip / 2, strip};
}

static void render(kiosk *k, const playlist_view *v)
{
    SDL_Renderer *r = screen_renderer(k->scr);
    SDL_SetRenderDrawColor(r, 0, 0, 0, 255);
    SDL_RenderClear(r);
    k->ovw_pending = false;
    bool blended = false;
    if (schedule_screen_on(k->sch)) {
        if (overview_is_open(k->ovw)) {
            k->ovw_pending = overview_draw(
                k->ovw, (SDL_Rect){k->stage.x + k->dx, k->stage.y + k->dy, k->stage.w, k->stage.h});
        } else if (v->has_slide && v->animating) {
            draw_transition(k, v);
            blended = true;
        } else if (v->has_slide) {
            deck_draw(k->deck, v->slide, k->stage.x + k->dx, k->stage.y + k->dy, 255);
        } else {
            overlay_draw_message(k->ov, "Vitrine",
                                 "Aucune diapositive \u00e0 afficher pour l\u2019instant : "
                                 "les donn\u00e9es arrivent.",
                                 k->w, k->h, k->dx, k->dy);
        }
        if (v->has_slide && !overview_is_open(k->ovw))
            overlay_draw_marks(k->ov, marks_area(k, v->slide), v->paused, v->pinned);
        if (k->help)
            overlay_draw_help(k->ov, k->km, k->cfg->playlist.resume_after_ms / VCLOCK_MS_PER_S,
                              k->w, k->h, k->dx, k->dy);
    }
    k->blended = blended;
    busy_end(k);
    SDL_RenderPresent(r);
    busy_begin(k);
    log_debug("kiosk", "frame presented%s", k->ovw_pending ? " (overview still drawing)" : "");
    if (!k->presented) {
        k->presented = true;
        log_info("kiosk", "first frame after %lld ms (since the process started)",
                 (long long)vclock_process_age_ms());
    }
}

static void log_slide(kiosk *k, const playlist_view *v)
{
    bool publish = v->paused != k->status_paused; /* Space, or the pause timeout */
    if (!v->has_slide) {
        if (k->logged || k->logged_count == 0) {
            log_warn("kiosk", "no slide has data: showing a waiting message");
            publish = true;
        }
        k->logged = false;
        k->logged_count = SIZE_MAX;
    } else if (!k->logged || k->logged_slide != v->slide || k->logged_pos != v->position ||
               k->logged_count != v->count) {
        log_info("kiosk", "slide %zu/%zu %s", v->position, v->count,
                 playlist_slide_name(k->pl, v->slide));
        if (!k->logged || k->logged_slide != v->slide) /* not a new count after new data */
            k->slide_changes++;
        k->logged = true;
        k->logged_slide = v->slide, k->logged_pos = v->position, k->logged_count = v->count;
        publish = true;
    }
    if (publish)
        k->status_due = true;
}

static void apply_schedule(kiosk *k, int64_t now, schedule_time *t)
{
    schedule_local_time(vclock_wall_s(k->clock), t);
    schedule_change ch = schedule_step(k->sch, t, now);
    if (ch == SCHEDULE_SAME)
        return;
    bool on = ch == SCHEDULE_TURN_ON;
    log_info("kiosk", "screen %s by schedule", on ? "on" : "off");
    screen_set_power(k->scr, on, on ? k->cfg->display_on_cmd : k->cfg->display_off_cmd);
    k->dirty = true;
    k->status_due = true;
}

/* Milliseconds until the next announcement comes or goes (at the
 * start of its minute), or PLAYLIST_NO_DEADLINE. */
static int64_t edge_wait_ms(const kiosk *k)
{
    announce_time edge = deck_next_edge(k->deck);
    if (edge == INT64_MAX)
        return PLAYLIST_NO_DEADLINE;
    int64_t into_minute_s = vclock_wall_s(k->clock) % 60;
    int64_t s = (edge - k->local_now) * 60 - into_minute_s;
    return s > 0 ? s * VCLOCK_MS_PER_S : 0;
}

/* Shortly before an automatic slide change, the next slide is drawn into
 * its texture while the screen rests (a stretch of its own), so that the
 * change only blends two textures. It holds the second texture, and so
 * the memory gate, a little earlier than the transition would (never
 * waiting for it: a parse in progress, no preparation). Returns the next
 * slide prepared, or SIZE_MAX. */
static bool rotating(const kiosk *k, const playlist_view *v)
{
    return v->has_slide && !v->animating && !v->paused && !v->pinned && v->count >= 2 &&
           !overview_is_open(k->ovw);
}

/* How long before a change the next slide is drawn: PREPARE_LEAD_MS, or
 * the last quarter of a shorter slide (the rest of it with one texture). */
static int64_t prepare_lead_ms(const kiosk *k)
{
    int64_t quarter = k->cfg->playlist.default_duration_ms / 4;
    return quarter < PREPARE_LEAD_MS ? quarter : PREPARE_LEAD_MS;
}

static size_t next_prepared(kiosk *k, const playlist_view *v, int64_t wait)
{
    if (!rotating(k, v) || wait > prepare_lead_ms(k))
        return SIZE_MAX;
    size_t next = playlist_shown_at(k->pl, v->position % v->count + 1);
    /* The fetch thread waits to parse: it goes first (the gate is left). */
    if (next == v->slide || memgate_waiting(k->opt.gate) || !gate_take(k))
        return SIZE_MAX;
    if (k->sliced)
        return next; /* one slice a turn: this one is drawn already */
    int ready = deck_prepare(k->deck, next, PREPARE_SLICE_US);
    k->preparing = ready == 0; /* more slices: the loop comes back at once */
    return ready < 0 ? SIZE_MAX : next;
}

/* A due slide change waits for the next slide's texture, drawn meanwhile
 * in slices (a few frames at most), when it was not drawn ahead (new
 * slides taken just before the change, or the fetch thread went first):
 * the transition's first frame then only blends, like the others. */
static bool next_ready(kiosk *k, int64_t now)
{
    playlist_view cur;
    playlist_view_at(k->pl, now, &cur);
    if (!rotating(k, &cur))
        return true;
    size_t next = playlist_shown_at(k->pl, cur.position % cur.count + 1);
    if (next == cur.slide)
        return true;
    int ready = deck_prepare(k->deck, next, PREPARE_SLICE_US);
    k->preparing = ready == 0;
    k->sliced = true;
    return ready != 0;
}

/* At rest, a slide on screen without its texture (new slides taken, feed
 * states redrawn) is drawn into it in slices, and the frame is presented
 * once it is whole: meanwhile the screen keeps showing the last frame. */
static bool current_unready(kiosk *k, const playlist_view *v)
{
    if (!k->presented || !v->has_slide || v->animating || overview_is_open(k->ovw))
        return false;
    int ready = deck_prepare(k->deck, v->slide, PREPARE_SLICE_US);
    k->preparing = ready == 0;
    k->sliced = true;
    return ready == 0;
}

/* Everything time-driven; returns how long the loop may sleep. */
static int64_t advance(kiosk *k, int64_t now, playlist_view *v)
{
    schedule_time t;
    apply_schedule(k, now, &t);
    vt_date today = date_local(vclock_wall_s(k->clock));
    if (k->opt.now == DATE_NONE && today != k->today) {
        char iso[DATE_ISO_LEN];
        date_format_iso(today, iso);
        log_info("kiosk", "new day: %s", iso);
        k->today = today;
        rebuild(k, "new day");
    }
    /* The announcements' windows, checked once a minute: one that starts or
     * ends comes or goes from the playlist. */
    announce_time local = local_now(k);
    if (local != k->local_now) {
        k->local_now = local;
        if (deck_set_time(k->deck, local))
            adopt_slides(k);
    }
    /* The overview holds the rotation (a presenter is choosing) but never
     * for ever: the kiosk runs unattended. */
    int64_t resume = k->cfg->playlist.resume_after_ms > 0 ? k->cfg->playlist.resume_after_ms
                                                          : PLAYLIST_DEFAULT_RESUME_MS;
    bool ovw_open = overview_is_open(k->ovw);
    if (ovw_open && now - k->ovw_key_ms >= resume) {
        char why[64];
        snprintf(why, sizeof why, " (no key for %lld s)", (long long)(resume / VCLOCK_MS_PER_S));
        close_overview(k, why);
        ovw_open = false;
    }
    /* A slide change is due: wait for the gate rather than change while
     * the fetch thread parses, and for the next slide's texture (a few
     * frames at most). */
    bool held_back =
        !ovw_open && playlist_wait_ms(k->pl, now) <= 0 && (!gate_take(k) || !next_ready(k, now));
    if (!held_back && !ovw_open)
        k->dirty |= playlist_tick(k->pl, now);
    playlist_view_at(k->pl, now, v);
    /* A new rotation: a new product in the spotlight, laid out once the
     * transition is over and while the spotlight is not on screen: that
     * slide alone (a few milliseconds; a whole layout on the builder's
     * thread at every rotation would churn a deck's memory each time). */
    if (v->cycle != k->cycle && v->has_slide && !v->animating &&
        strcmp(deck_slide_name(k->deck, v->slide), DECK_SPOTLIGHT) != 0) {
        k->cycle = v->cycle;
        deck_set_cycle(k->deck, k->cycle);
    }
    if (v->cycle != k->posters_cycle) { /* a new rotation: new posters? */
        k->posters_cycle = v->cycle;
        look_at_posters(k);
    }
    log_slide(k, v);
    int dx, dy;
    schedule_shift(k->sch, now, &dx, &dy);
    if (dx != k->dx || dy != k->dy) {
        k->dx = dx, k->dy = dy;
        k->dirty = true;
    }
    int64_t wait = ovw_open ? k->ovw_key_ms + resume - now : playlist_wait_ms(k->pl, now);
    int64_t s = schedule_wait_ms(k->sch, &t, now);
    int64_t w = watchdog_wait_ms(k->wd, now);
    wait = s < wait ? s : wait;
    wait = w < wait ? w : wait;
    int64_t edge = edge_wait_ms(k);
    wait = edge < wait ? edge : wait;
    int64_t metrics = metrics_due_ms(k) - now;
    if (metrics <= 0)
        k->status_due = true; /* a change held back, or the heartbeat */
    else
        wait = metrics < wait ? metrics : wait;
    /* The last transition frame still blends the two slides (its alpha
     * short of 255): the slide alone replaces it once the transition is
     * over, or a faint copy of the previous slide stays until the next. */
    if (w == 0 || v->animating || k->blended)
        k->dirty = true; /* a frame is due */
    if (held_back)
        wait = k->preparing ? 1 : GATE_RETRY_MS;
    return wait < KIOSK_MAX_WAIT_MS ? wait : KIOSK_MAX_WAIT_MS;
}

/* Blocks up to timeout_ms for one event. Where SDL's own wait does not
 * sleep (KMS/DRM), the waker sleeps until the deadline, an input device's
 * event or kiosk_wake, which every other thread calls after SDL_PushEvent
 * (not an SDL event watch: SDL calls those before the event is queued, so
 * the loop could wake, find nothing and sleep on it). */
static bool wait_event(kiosk *k, int64_t timeout_ms, SDL_Event *ev)
{
    if (timeout_ms <= 0)
        return SDL_PollEvent(ev);
    if (screen_can_block(k->scr) || !k->waker)
        return SDL_WaitEventTimeout(ev, (int)vclock_real_ms(k->clock, timeout_ms));
    int64_t end = now_ms(k) + timeout_ms;
    for (;;) {
        if (SDL_PollEvent(ev))
            return true;
        int64_t left = vclock_real_ms(k->clock, end - now_ms(k));
        if (left <= 0)
            return false;
        waker_wait(k->waker, left);
    }
}

/* The waker, for the drivers whose SDL_WaitEventTimeout polls. Without
 * it (no eventfd) SDL's own wait stands in: it polls, but it works. */
static void start_waker(kiosk *k)
{
    if (screen_can_block(k->scr))
        return;
    char err[WAKER_ERR_LEN];
    if (!(k->waker = waker_new(WAKER_INPUT_DIR, err))) {
        log_warn("kiosk", "%s; idle loop polling instead", err);
        return;
    }
    log_info("kiosk", "idle wake-ups: deadlines, %zu input device(s) of %s, other threads",
             waker_devices(k->waker), WAKER_INPUT_DIR);
}

/* While animating without vsync (e.g. Xvfb), keep to the display rate. */
static void pace(kiosk *k, int64_t frame_start)
{
    int64_t frame_ms = VCLOCK_MS_PER_S / screen_refresh_hz(k->scr);
    int64_t spent = vclock_real_ms(k->clock, now_ms(k) - frame_start);
    if (spent < frame_ms) {
        busy_end(k);
        SDL_Delay((Uint32)(frame_ms - spent));
        busy_begin(k);
    }
}

/* Finished slides, taken at rest: a transition in progress is never held
 * up by them (they wait for its last frame). */
static void take_slides_at_rest(kiosk *k, int64_t now)
{
    if (!builder_ready(k->builder))
        return;
    playlist_view v;
    playlist_view_at(k->pl, now, &v);
    if (!v.animating)
        take_slides(k);
}

int kiosk_run(kiosk *k)
{
    k->running = true;
    k->dirty = true;
    watchdog_ready(k->wd);
    /* Data queued before the loop (the cached feeds) goes on the first
     * frame: no flash of the start-up data, and the slides are laid out
     * once, not twice, before it (start-up time). */
    SDL_Event queued;
    while (k->running && SDL_PollEvent(&queued))
        handle_event(k, &queued);
    /* The first frame shows the newest slides: those laid out for the
     * queued data, or at the window's real size. */
    builder_wait(k->builder);
    take_slides(k);
    look_at_posters(k);
    busy_begin(k);
    while (k->running) {
        int64_t start = now_ms(k);
        screen_reap(k->scr);
        take_slides_at_rest(k, start);
        playlist_view v;
        k->preparing = k->sliced = false;
        int64_t wait = advance(k, start, &v);
        if (k->dirty && current_unready(k, &v)) {
            wait = 1; /* the next slice after a frame's time to others */
        } else if (k->dirty) {
            render(k, &v);
            watchdog_frame(k->wd, now_ms(k));
            k->dirty = k->ovw_pending; /* thumbnails left: the next frame at once */
            if (v.animating || k->ovw_pending)
                pace(k, start);
        }
        if (k->status_due) { /* after the frame: a file write never delays it */
            k->status_due = false;
            publish_status(k);
        }
        if (!v.animating) { /* at rest: one slide texture, the gate free, */
            size_t next = next_prepared(k, &v, wait); /* or two just before a change */
            if (v.has_slide)
                deck_keep_two(k->deck, overview_is_open(k->ovw) ? SIZE_MAX : v.slide, next);
            if (next == SIZE_MAX)
                gate_release(k);
            if (next == SIZE_MAX && rotating(k, &v) && wait > prepare_lead_ms(k))
                wait -= prepare_lead_ms(k); /* awake in time to prepare it */
            if (k->preparing)
                wait = 1; /* a frame's time to others, then the next slice */
        }
        SDL_Event ev;
        int64_t timeout = v.animating || (k->dirty && !k->preparing) ? 0 : wait;
        if (timeout > 0)
            busy_end(k);
        bool got = wait_event(k, timeout, &ev);
        if (timeout > 0)
            busy_begin(k);
        if (got) {
            do
                handle_event(k, &ev);
            while (k->running && SDL_PollEvent(&ev));
        }
        if (atomic_load(&k->take_retry))
            take_data(k);
    }
    gate_release(k); /* the fetch thread may be waiting for it to stop */
    watchdog_stopping(k->wd);
    log_info("kiosk", "stopped");
    return EXIT_SUCCESS;
}

/* Set while SDL's display is open, for display_gone: an exit handler takes
 * no argument, so this one fact is process-wide (like the logger's level). */
static atomic_bool display_open;
static atomic_flag display_gone_registered = ATOMIC_FLAG_INIT;

/* Xlib ends the process itself, exit(1) from inside SDL's calls, when the
 * X server goes away or the window is destroyed under the kiosk (its
 * handlers print "XIO: fatal IO error" or "X Error ... BadWindow" and
 * exit; SDL has no hook for it): the line the journal shows for it is the
 * kiosk's, before the process ends. Nothing else calls exit() while the
 * display is open (main returns; the signal deadline uses _exit). */
static void display_gone(void)
{
    if (atomic_load(&display_open))
        log_error("kiosk", "the display is gone (its X server closed the connection, or the "
                           "window was destroyed): the process ends");
}

static void display_opened(void)
{
    if (!atomic_flag_test_and_set(&display_gone_registered) && atexit(display_gone) != 0)
        log_warn("kiosk", "no exit handler: a display that goes away ends the kiosk unexplained");
    atomic_store(&display_open, true);
}

/* Never run unseen (displaycheck.h): a fallback to a driver that shows
 * nothing is an error that names what was tried; systemd restarts the
 * kiosk and the journal says why. */
static bool start_sdl(kiosk *k, char err[KIOSK_ERR_LEN])
{
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    char why[DISPLAYCHECK_LINE_LEN];
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        displaycheck_explain(DISPLAYCHECK_DRI_DIR, why);
        snprintf(err, KIOSK_ERR_LEN, "cannot open the display (%.100s): %.380s", SDL_GetError(),
                 why);
        return false;
    }
    k->sdl_up = true;
    display_opened();
    const char *driver = SDL_GetCurrentVideoDriver();
    if (displaycheck_invisible(driver, SDL_getenv("SDL_VIDEODRIVER"))) {
        displaycheck_explain(DISPLAYCHECK_DRI_DIR, why);
        snprintf(err, KIOSK_ERR_LEN,
                 "no usable display, SDL fell back to its invisible '%.16s' driver: %.360s "
                 "(SDL_VIDEODRIVER=offscreen runs without a screen on purpose)",
                 driver, why);
        return false;
    }
    k->ev_signal = SDL_RegisterEvents(4);
    if (k->ev_signal == (Uint32)-1) {
        snprintf(err, KIOSK_ERR_LEN, "no SDL user events left");
        return false;
    }
    k->ev_data = k->ev_signal + 1;
    k->ev_read = k->ev_signal + 2;
    k->ev_build = k->ev_signal + 3;
    return true;
}

/* Takes what the start-up thread prepared. Slides laid out at another size
 * than the window really has (high DPI, a window manager) are laid out
 * again by kiosk_run (k->st left NULL). */
static bool adopt_startup(kiosk *k, const startup_result *res, int laid_w, int laid_h,
                          char err[KIOSK_ERR_LEN])
{
    k->fs = res->fs;
    if (!res->m) {
        stats_free(res->st);
        snprintf(err, KIOSK_ERR_LEN, "no data to show, not even the demo data (out of memory)");
        return false;
    }
    builder_options bo = {k->ev_build, wake_loop, k};
    char e[DECK_ERR_LEN];
    /* The start-up thread computed the statistics for today. */
    if (!(k->builder = builder_new(&bo, res->m, res->st, k->today, e))) {
        model_free(res->m);
        stats_free(res->st);
        snprintf(err, KIOSK_ERR_LEN, "%s", e);
        return false;
    }
    builder_set_settings(k->builder, k->cfg->focus_incubator, &k->cfg->announcements);
    if (!res->laid_out || k->stage.w != laid_w || k->stage.h != laid_h) {
        log_debug("kiosk", "slides laid out at %dx%d, the stage is %dx%d", laid_w, laid_h,
                  k->stage.w, k->stage.h);
        rebuild(k, "start");
        return true;
    }
    adopt_slides(k);
    return true;
}

/* The display side of the start: SDL, the window, the renderer. Runs while
 * the start-up thread loads the data; gives it the expected output size as
 * soon as SDL knows the display. */
static bool open_display(kiosk *k, startup *start, int *w, int *h, char err[KIOSK_ERR_LEN])
{
    if (!start_sdl(k, err))
        return false;
    screen_options so = {k->opt.windowed, k->opt.width, k->opt.height};
    screen_expected_size(&so, w, h);
    layout_stage st = layout_stage_for(*w, *h);
    *w = st.w, *h = st.h;
    startup_lay_out_at(start, *w, *h);
    char e[SCREEN_ERR_LEN];
    if (!(k->scr = screen_new(&so, e))) {
        snprintf(err, KIOSK_ERR_LEN, "%s", e);
        return false;
    }
    return true;
}

/* What needs the renderer, and the signal thread, once the start-up thread
 * is done (the overlay draws with the deck's fonts: not while that thread
 * lays the deck out). */
static bool finish_parts(kiosk *k, char err[KIOSK_ERR_LEN])
{
    char e[DECK_ERR_LEN];
    if (deck_attach(k->deck, screen_renderer(k->scr), e) != DECK_OK) {
        snprintf(err, KIOSK_ERR_LEN, "%s", e);
        return false;
    }
    if (!(k->ov = overlay_new(screen_renderer(k->scr), deck_fonts(k->deck))) ||
        !(k->ovw = overview_new(screen_renderer(k->scr), deck_fonts(k->deck), k->deck))) {
        snprintf(err, KIOSK_ERR_LEN, "out of memory");
        return false;
    }
    char perr[POSTERS_ERR_LEN];
    k->decoders = posters_init(perr); /* before the reader's thread scans */
    if (!k->decoders)
        log_warn("kiosk", "image decoders not started (%s): posters will be refused", perr);
    start_waker(k); /* before the signal and reader threads, which wake it */
    reader_options ro = {.config_path = k->opt.config_path,
                         .data_dir = k->opt.data_dir,
                         .gate = k->opt.gate,
                         .event_type = k->ev_read,
                         .wake = wake_loop,
                         .wake_ctx = k};
    if (!(k->reader = reader_new(&ro))) {
        snprintf(err, KIOSK_ERR_LEN, "out of memory");
        return false;
    }
    /* The signals that came during start-up go to the loop now. */
    sigbridge_attach(k->sig, k->ev_signal, wake_loop, k);
    update_size(k);
    return true;
}

/* Opens the display while a start-up thread loads the data, computes the
 * statistics and lays the slides out (start-up time: on two cores, the
 * data side and the display side take about as long as each other). */
static bool open_parts(kiosk *k, char err[KIOSK_ERR_LEN])
{
    char e[DECK_ERR_LEN];
    if (!(k->deck = deck_new(NULL, e))) {
        snprintf(err, KIOSK_ERR_LEN, "%s", e);
        return false;
    }
    deck_keep_text(k->deck, true); /* the status file's "alt" */
    deck_set_focus(k->deck, k->cfg->focus_incubator);
    deck_set_announcements(k->deck, &k->cfg->announcements);
    k->local_now = local_now(k);
    deck_set_time(k->deck, k->local_now);
    startup_job job = {k->opt.load, k->opt.load_ctx, k->opt.data_dir, k->today, k->deck};
    startup *start = startup_begin(&job);
    if (!start) {
        snprintf(err, KIOSK_ERR_LEN, "out of memory");
        return false;
    }
    int w = 0, h = 0;
    bool ok = open_display(k, start, &w, &h, err);
    startup_result res;
    startup_finish(start, &res); /* the deck and its fonts are ours again */
    if (!ok || !finish_parts(k, err)) {
        model_free(res.m);
        stats_free(res.st);
        return false;
    }
    return adopt_startup(k, &res, w, h, err);
}

/* A whole number from the environment variable name within [lo, hi];
 * false when unset; a bad value is logged and ignored. */
static bool env_number(const char *name, long long lo, long long hi, long long *out)
{
    const char *v = getenv(name);
    if (!v || !*v)
        return false;
    char *end;
    errno = 0;
    long long n = strtoll(v, &end, 10);
    if (errno || *end || n < lo || n > hi) {
        log_error("kiosk", "%s=%s: not a whole number from %lld to %lld; ignored", name, v, lo, hi);
        return false;
    }
    *out = n;
    return true;
}

/* The system clock, or a faster one, or one starting at another time, when
 * CLOCK_SCALE_ENV / CLOCK_START_ENV ask for it (the soak test). */
static vclock *new_clock(void)
{
    long long scale = 1, start = 0;
    bool scaled = env_number(CLOCK_SCALE_ENV, 1, VCLOCK_SCALE_MAX, &scale);
    bool started = env_number(CLOCK_START_ENV, 0, INT32_MAX * 4LL, &start);
    if (scale > 1)
        log_warn("kiosk", "clock running %lld times faster (%s, for tests)", scale,
                 CLOCK_SCALE_ENV);
    if (started) {
        log_warn("kiosk", "clock starting at %lld (%s, for tests)", start, CLOCK_START_ENV);
        return vclock_new_scaled_at(scale, start);
    }
    return scaled ? vclock_new_scaled(scale) : vclock_new_system();
}

/* With no session bus in the environment (a kiosk under systemd, CI),
 * libdbus "autolaunches" one for SDL's input methods: it forks the process
 * to run dbus-launch, a stray daemon per start where it is installed, and a
 * fork of a threaded process, whose child can deadlock on an allocator lock
 * before its exec, leaving the kiosk waiting for it: a start that never
 * opened its window, seen under AddressSanitizer. An address that cannot be
 * connected to fails at once instead. Set before any thread starts. */
static void no_bus_autolaunch(void)
{
    if (!getenv("DBUS_SESSION_BUS_ADDRESS") &&
        setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/vitrine-no-session-bus", 0))
        log_warn("kiosk", "DBUS_SESSION_BUS_ADDRESS not set: a session bus may be autolaunched");
}

kiosk *kiosk_new(const kiosk_options *opt, char err[KIOSK_ERR_LEN])
{
    no_bus_autolaunch();
    kiosk *k = calloc(1, sizeof *k);
    char se[SIGBRIDGE_ERR_LEN] = "out of memory";
    /* Without main's bridge (tests), the kiosk's own, listening from here,
     * without SIGTERM's deadline (sigbridge.h). */
    if (k && !(k->sig = opt->signals)) {
        if (sigbridge_block())
            k->sig = sigbridge_start(false, se);
        else
            snprintf(se, sizeof se, "cannot block the signals");
        k->own_sig = true;
    }
    if (!k || !k->sig) {
        snprintf(err, KIOSK_ERR_LEN, "cannot start: %s", k ? se : "out of memory");
        free(k);
        return NULL;
    }
    k->opt = *opt;
    k->cfg = opt->settings;
    k->started_mono_ms = vclock_system_ms();
    k->metrics_at = -1;
    k->started_at = (int64_t)time(NULL);
    snprintf(k->status_file, sizeof k->status_file, "%s", opt->status_file ? opt->status_file : "");
    snprintf(k->metrics_file, sizeof k->metrics_file, "%s",
             opt->metrics_file ? opt->metrics_file : "");
    snprintf(k->cache_dir, sizeof k->cache_dir, "%s", opt->cache_dir ? opt->cache_dir : "");
    if (!*k->status_file)
        log_info("kiosk", "no status file (status_file \"\", or RUNTIME_DIRECTORY and "
                          "XDG_RUNTIME_DIR both unset): vitrine --status will not find this kiosk");
    atomic_init(&k->data_pending, false);
    atomic_init(&k->take_retry, false);
    k->clock = new_clock();
    k->pl = playlist_new(&k->cfg->playlist);
    k->sch = schedule_new(&k->cfg->schedule);
    k->km = keymap_new(k->cfg->allow_quit);
    k->wd = watchdog_new();
    if (k->clock)
        k->today = opt->now != DATE_NONE ? opt->now : date_local(vclock_wall_s(k->clock));
    if (!k->clock || !k->pl || !k->sch || !k->km || !k->wd)
        snprintf(err, KIOSK_ERR_LEN, "out of memory");
    else if (open_parts(k, err))
        return k;
    kiosk_free(k);
    return NULL;
}

void kiosk_free(kiosk *k)
{
    if (!k)
        return;
    /* The threads that post events go before SDL: the signals' (only
     * detached when it is main's, which keeps it until the end) and the
     * reader (a read that does not return holds this join: SIGTERM's
     * deadline ends the program then, sigbridge.h). */
    if (k->own_sig)
        sigbridge_free(k->sig);
    else
        sigbridge_detach(k->sig);
    reader_free(k->reader);
    builder_stop(k->builder); /* it wakes the loop too */
    waker_free(k->waker);
    overlay_free(k->ov); /* draws with the deck's fonts: goes first */
    overview_free(k->ovw);
    deck_free(k->deck);
    builder_free(k->builder); /* its posters after the slides that drew from them */
    if (k->decoders)
        posters_quit();
    screen_free(k->scr);
    free(k->reloaded);
    playlist_free(k->pl);
    schedule_free(k->sch);
    keymap_free(k->km);
    watchdog_free(k->wd);
    vclock_free(k->clock);
    if (k->sdl_up) {
        atomic_store(&display_open, false);
        SDL_Quit();
    }
    free(k);
}
