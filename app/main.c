/* main: wires the modules together for each mode. No logic of its own. */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

#include "vitrine/cli.h"
#include "vitrine/config.h"
#include "vitrine/datadir.h"
#include "vitrine/deck.h"
#include "vitrine/export.h"
#include "vitrine/feeds.h"
#include "vitrine/fonts.h"
#include "vitrine/kiosk.h"
#include "vitrine/log.h"
#include "vitrine/memgate.h"
#include "vitrine/memtune.h"
#include "vitrine/parse.h"
#include "vitrine/sigbridge.h"
#include "vitrine/stats.h"
#include "vitrine/statsjson.h"
#include "vitrine/status.h"
#include "vitrine/textalt.h"

enum { EXIT_BAD_INPUT = 2, EXIT_DEMO = 3 };

/* Prints the statistics of m as JSON; EXIT_SUCCESS or EXIT_FAILURE. */
static int print_stats(const model *m, vt_date now)
{
    stats *s = stats_compute(m, now != DATE_NONE ? now : date_today());
    char *json = s ? statsjson_print(s) : NULL;
    int rc = EXIT_SUCCESS;
    if (json) {
        fputs(json, stdout);
        fputc('\n', stdout);
    } else {
        fprintf(stderr, "vitrine: out of memory computing statistics\n");
        rc = EXIT_FAILURE;
    }
    free(json);
    stats_free(s);
    return rc;
}

static int dump_data_dir(const cli_options *opt)
{
    char err[DATADIR_ERR_LEN];
    model *m = NULL;
    if (datadir_load(opt->data_dir, &m, err) != DATADIR_OK) {
        fprintf(stderr, "vitrine: %s\n", err);
        return EXIT_BAD_INPUT;
    }
    int rc = print_stats(m, opt->now);
    model_free(m);
    return rc;
}

/* Refreshes every feed once (unless offline), then prints the statistics
 * of the best data available, one stderr line per feed not refreshed. */
static int dump_feeds(const cli_options *opt)
{
    config cfg;
    char err[CONFIG_ERR_LEN];
    if (config_load(opt->config, &cfg, err) != CONFIG_OK) {
        fprintf(stderr, "vitrine: %s\n", err);
        return EXIT_BAD_INPUT;
    }
    if (!opt->verbose) /* the summary lines below say it all */
        log_set_level(LOG_WARN);
    char ferr[FEEDS_ERR_LEN];
    feeds *f = feeds_new(&cfg, opt->offline, ferr);
    model *m = NULL;
    feedstate_set fs;
    if (f)
        feeds_refresh_all(f);
    if (!f || feeds_load(f, &m, &fs, ferr) != FEEDS_OK) {
        fprintf(stderr, "vitrine: %s\n", ferr);
        feeds_free(f);
        return EXIT_FAILURE;
    }
    for (int i = 0; i < FEED_COUNT; i++) {
        char line[FEEDS_LINE_LEN];
        feeds_describe((feed_id)i, &fs.feeds[i], line);
        if (*line)
            fprintf(stderr, "vitrine: %s\n", line);
    }
    int rc = print_stats(m, opt->now);
    model_free(m);
    feeds_free(f);
    if (rc == EXIT_SUCCESS && !feeds_all_real(&fs)) {
        fprintf(stderr, "vitrine: exit status 3: the bundled demo data stood in for a feed, or a "
                        "required feed has no data\n");
        rc = EXIT_DEMO;
    }
    return rc;
}

static int dump_stats(const cli_options *opt)
{
    return opt->data_dir ? dump_data_dir(opt) : dump_feeds(opt);
}

/* The playlist's slide names against the deck's: the kiosk would only log
 * and skip an unknown one, which --check-config is there to catch. */
static bool playlist_names_known(const config *cfg)
{
    const playlist_config *pl = &cfg->kiosk.playlist;
    for (size_t i = 0; i < pl->n_entries; i++)
        if (!deck_knows_slide(pl->entries[i].name)) {
            fprintf(stderr,
                    "vitrine: %s: kiosk.playlist[%zu].slide: no slide named '%s' (the names are "
                    "those of --render-slides' files: overview, team-1...)\n",
                    *cfg->source ? cfg->source : "configuration", i, pl->entries[i].name);
            return false;
        }
    return true;
}

/* A bad announcement is only skipped by the kiosk (the others are
 * shown); --check-config is there to catch it. */
static bool announcements_good(const config *cfg)
{
    size_t bad = cfg->kiosk.announcements_bad;
    if (bad)
        fprintf(stderr, "vitrine: %s (%zu bad announcement%s: the kiosk would skip %s)\n",
                cfg->kiosk.announcements_error, bad, bad > 1 ? "s" : "", bad > 1 ? "them" : "it");
    return bad == 0;
}

/* posters_dir may be a stick plugged in later: a warning, not an error. */
static void posters_dir_readable(const config *cfg)
{
    const char *dir = cfg->kiosk.posters_dir;
    struct stat st;
    if (*dir && (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)))
        log_warn("main", "%s: posters_dir %s: %s (no posters shown until it is one)",
                 *cfg->source ? cfg->source : "configuration", dir,
                 stat(dir, &st) != 0 ? strerror(errno) : "not a folder");
}

static int load_offline_snapshot(const cli_options *opt, const config *cfg, model **m,
                                 feedstate_set *fs);

/* focus_incubator against the data the screens would show (--data, else
 * the cache): unknown is an error naming the closest ids; with no real
 * startups data yet it cannot be checked, which one warning says. */
static int check_focus(const cli_options *opt, const config *cfg)
{
    const char *id = cfg->kiosk.focus_incubator,
               *file = *cfg->source ? cfg->source : "configuration";
    model *m = NULL;
    feedstate_set fs;
    if (!*id)
        return EXIT_SUCCESS;
    int rc = load_offline_snapshot(opt, cfg, &m, &fs);
    if (rc != EXIT_SUCCESS)
        return rc;
    if (!m->loaded[FEED_STARTUPS] || m->demo[FEED_STARTUPS]) {
        log_warn("main",
                 "%s: focus_incubator '%s' not checked: no data of the startups feed yet "
                 "(the kiosk checks it when the data comes)",
                 file, id);
    } else if (!stats_incubator_known(m, id)) {
        const char *near[3] = {"", "", ""};
        size_t n = stats_incubator_closest(m, id, near, 3);
        fprintf(
            stderr,
            "vitrine: %s: focus_incubator: no incubator '%s' in the data (closest: %s%s%s%s%s)\n",
            file, id, near[0], n > 1 ? ", " : "", near[1], n > 2 ? ", " : "", near[2]);
        rc = EXIT_BAD_INPUT;
    }
    model_free(m);
    return rc;
}

static int check_config(const cli_options *opt)
{
    config cfg;
    char err[CONFIG_ERR_LEN];
    if (config_load(opt->config, &cfg, err) != CONFIG_OK) {
        fprintf(stderr, "vitrine: %s\n", err);
        return EXIT_BAD_INPUT;
    }
    if (!playlist_names_known(&cfg) || !announcements_good(&cfg))
        return EXIT_BAD_INPUT;
    posters_dir_readable(&cfg);
    int focus = check_focus(opt, &cfg);
    if (focus != EXIT_SUCCESS)
        return focus;
    char *json = config_to_json(&cfg);
    if (!json) {
        fprintf(stderr, "vitrine: out of memory\n");
        return EXIT_FAILURE;
    }
    char warned[64] = "";
    if (log_warnings())
        snprintf(warned, sizeof warned, "; %u warning(s) above", log_warnings());
    fprintf(stderr, "vitrine: configuration OK (%s)%s\n",
            *cfg.source ? cfg.source : "built-in defaults: no configuration file found", warned);
    fputs(json, stdout);
    fputc('\n', stdout);
    free(json);
    return EXIT_SUCCESS;
}

/* One line when Inter is missing and which font stands in (the slides
 * then look different; the layout fits them all the same). */
static void warn_fonts(void)
{
    char line[FONTS_ERR_LEN];
    if (fonts_substitutes(line) && *line)
        log_warn("fonts", "%s", line);
}

/* --status: the running kiosk's status file, printed as it is; exit 1 with
 * one line when no kiosk runs. Only a bad feeds part of the configuration
 * (where status_file is) is an error: the kiosk part does not matter here. */
static int show_status(const cli_options *opt)
{
    config cfg;
    char cerr[CONFIG_ERR_LEN], err[STATUS_ERR_LEN], path[CONFIG_PATH_LEN];
    if (!opt->verbose) /* unknown keys: --check-config says it */
        log_set_level(LOG_ERROR);
    if (config_load(opt->config, &cfg, cerr) != CONFIG_OK && (cfg.invalid & CONFIG_PART_FEEDS)) {
        fprintf(stderr, "vitrine: %s\n", cerr);
        return EXIT_BAD_INPUT;
    }
    char line[FONTS_ERR_LEN]; /* this host's fonts, whether a kiosk runs or not */
    if (!fonts_substitutes(line))
        fprintf(stderr, "error fonts: %s\n", line);
    else if (*line)
        fprintf(stderr, "warn fonts: %s\n", line);
    char *json = NULL;
    status_status st = status_find(cfg.status_file, path, err);
    if (st == STATUS_OK)
        st = status_read_alive(path, &json, err);
    if (st != STATUS_OK) {
        fprintf(stderr, "vitrine: %s\n", err);
        return EXIT_FAILURE;
    }
    fputs(json, stdout);
    free(json);
    return EXIT_SUCCESS;
}

/* --accept FEED: the feed's held body becomes its last good copy in the
 * cache of the running kiosk (its status file names it), else of the
 * configuration; the kiosk is asked to refresh (SIGUSR1), which takes it. */
static int accept_held(const cli_options *opt)
{
    feed_id feed;
    if (!feed_by_name(opt->accept, &feed)) {
        fprintf(stderr,
                "vitrine: --accept: no feed named '%s' (startups, authors, incubators, defis, "
                "personnes, announcements)\n",
                opt->accept);
        return EXIT_BAD_INPUT;
    }
    config cfg;
    char cerr[CONFIG_ERR_LEN], serr[STATUS_ERR_LEN], ferr[FEEDS_ERR_LEN], line[FEEDS_LINE_LEN];
    if (!opt->verbose) /* the lines below say it all; unknown keys: --check-config */
        log_set_level(LOG_ERROR);
    if (config_load(opt->config, &cfg, cerr) != CONFIG_OK && (cfg.invalid & CONFIG_PART_FEEDS)) {
        fprintf(stderr, "vitrine: %s\n", cerr);
        return EXIT_BAD_INPUT;
    }
    status_kiosk k = {0};
    bool running = status_running_kiosk(cfg.status_file, &k, serr) == STATUS_OK;
    const char *dir = running && *k.cache_dir ? k.cache_dir : cfg.cache_dir;
    if (feeds_accept(dir, feed, line, ferr) != FEEDS_OK) {
        fprintf(stderr, "vitrine: %s\n", ferr);
        return EXIT_FAILURE;
    }
    printf("vitrine: %s\n", line);
    if (running && kill((pid_t)k.pid, SIGUSR1) == 0)
        printf("vitrine: the running kiosk (pid %ld) shows it now\n", k.pid);
    else if (running)
        printf("vitrine: the running kiosk (pid %ld) could not be told (%s): it shows it at its "
               "next refresh\n",
               k.pid, strerror(errno));
    else
        printf("vitrine: no kiosk running here: it is shown at the next start\n");
    return EXIT_SUCCESS;
}

enum { RENDER_DEFAULT_W = 1920, RENDER_DEFAULT_H = 1080, NOON_MINUTE = 12 * 60 };

/* The data a screen mode shows without touching the network: a data dir
 * (--data), else the cached feeds of cfg (read by the caller), else the
 * built-in data. On success *m is the caller's. */
static int load_offline_snapshot(const cli_options *opt, const config *cfg, model **m,
                                 feedstate_set *fs)
{
    char err[DATADIR_ERR_LEN];
    if (opt->data_dir) {
        datadir_status st = datadir_load(opt->data_dir, m, err);
        if (st != DATADIR_OK) {
            fprintf(stderr, "vitrine: %s\n", err);
            return st == DATADIR_NOMEM ? EXIT_FAILURE : EXIT_BAD_INPUT;
        }
        datadir_feedstates(opt->data_dir, *m, fs);
        return EXIT_SUCCESS;
    }
    char ferr[FEEDS_ERR_LEN];
    feeds *f = feeds_new(cfg, true, ferr);
    bool ok = f && feeds_load(f, m, fs, ferr) == FEEDS_OK;
    feeds_free(f);
    if (!ok) {
        fprintf(stderr, "vitrine: %s\n", ferr);
        return EXIT_FAILURE;
    }
    return EXIT_SUCCESS;
}

/* DIR/slides.json, the text alternative of the PNGs written. */
static bool write_alt(const textalt *alt, const char *dir)
{
    char path[PATH_MAX], err[STATUS_ERR_LEN];
    int n = snprintf(path, sizeof path, "%s/%s", dir, STATUS_SLIDES_FILE);
    if (n < 0 || (size_t)n >= sizeof path) {
        fprintf(stderr, "vitrine: %.400s: path too long\n", dir);
        return false;
    }
    if (status_write_slides(alt, path, err) != STATUS_OK) {
        fprintf(stderr, "vitrine: %s\n", err);
        return false;
    }
    return true;
}

/* --render-slides: the offline snapshot, then the PNG export. Prints one
 * summary line on stdout. */
static int render_slides(const cli_options *opt)
{
    char err[EXPORT_ERR_LEN], cerr[CONFIG_ERR_LEN];
    model *m = NULL;
    feedstate_set fs;
    /* Read once: the feeds' part for the cache, the kiosk's for the focus
     * incubator (with --data too). */
    config cfg;
    if (config_load(opt->config, &cfg, cerr) != CONFIG_OK) {
        fprintf(stderr, "vitrine: %s\n", cerr);
        return EXIT_BAD_INPUT;
    }
    int loaded = load_offline_snapshot(opt, &cfg, &m, &fs);
    if (loaded != EXIT_SUCCESS)
        return loaded;
    warn_fonts();
    vt_date now = opt->now != DATE_NONE ? opt->now : date_today();
    stats *s = stats_compute(m, now);
    /* --now's day at its time (noon for a date alone), else this minute. */
    announce_time local =
        opt->now != DATE_NONE
            ? announce_time_at(opt->now, opt->now_minute >= 0 ? opt->now_minute : NOON_MINUTE)
            : announce_local_time((int64_t)time(NULL));
    export_content content = {cfg.kiosk.focus_incubator,
                              &cfg.kiosk.announcements,
                              cfg.kiosk.posters_dir,
                              local,
                              {(long)cfg.kiosk.poster_max_pixels, cfg.kiosk.posters_max_bytes},
                              textalt_new()};
    int w = opt->width ? opt->width : RENDER_DEFAULT_W,
        h = opt->height ? opt->height : RENDER_DEFAULT_H;
    export_report rep;
    int rc = EXIT_SUCCESS;
    if (!s || !content.alt) {
        fprintf(stderr, "vitrine: out of memory computing statistics\n");
        rc = EXIT_FAILURE;
    } else if (export_slides(m, s, &fs, now, &content, w, h, opt->render_dir, &rep, err) !=
               EXPORT_OK) {
        fprintf(stderr, "vitrine: %s\n", err);
        rc = EXIT_FAILURE;
    } else if (!write_alt(content.alt, opt->render_dir)) {
        rc = EXIT_FAILURE;
    } else {
        printf("vitrine: wrote %zu of %zu slides (%dx%d) to %s, %zu layout problem(s), "
               "smallest text %d px\n",
               rep.written, rep.slides, w, h, opt->render_dir, rep.overflows, rep.smallest_px);
    }
    textalt_free(content.alt);
    stats_free(s);
    model_free(m);
    return rc;
}

/* The feeds layer as the kiosk's data source: the fetch thread's notify
 * only wakes the kiosk, whose loop then takes the newest snapshot. */
typedef struct {
    feeds *f;
    kiosk *k;
} feeds_bridge;

static void bridge_notify(void *ctx)
{
    kiosk_data_ready(((feeds_bridge *)ctx)->k);
}

static bool bridge_take(void *ctx, model **m, feedstate_set *fs)
{
    return feeds_take(((feeds_bridge *)ctx)->f, m, fs);
}

static void bridge_refresh(void *ctx)
{
    feeds_refresh_now(((feeds_bridge *)ctx)->f);
}

/* Live feeds for the kiosk, first half: the kiosk's load hook, run on its
 * start-up thread while the window opens. Reads the configuration's cache
 * (fresh parse memory is returned before the kiosk allocates its textures).
 * On failure f stays NULL and the demo data stands in. */
typedef struct {
    const config *cfg;
    bool offline;
    feeds *f;
} feeds_loader;

static bool load_feeds(void *ctx, model **m, feedstate_set *fs)
{
    feeds_loader *l = ctx;
    char ferr[FEEDS_ERR_LEN];
    feeds *f = feeds_new(l->cfg, l->offline, ferr);
    if (!f || feeds_load(f, m, fs, ferr) != FEEDS_OK) {
        log_error("main", "feeds: %s; showing the demo data", ferr);
        feeds_free(f);
        return false;
    }
    l->f = f;
    return true;
}

/* What a bad configuration file leaves at the defaults (config.h). */
static const char *defaults_note(unsigned invalid)
{
    switch (invalid & (CONFIG_PART_FEEDS | CONFIG_PART_KIOSK)) {
    case CONFIG_PART_FEEDS: return "the built-in feed settings apply; the kiosk settings are read";
    case CONFIG_PART_KIOSK: return "the built-in kiosk settings apply; the feed settings are read";
    default: return "the built-in settings apply";
    }
}

static int run_kiosk(const cli_options *opt)
{
    /* The signals blocked by main are waited for from now on: one that
     * comes during start-up reaches the loop once it runs, and SIGTERM's
     * deadline holds from here to the end (sigbridge.h). */
    char serr[SIGBRIDGE_ERR_LEN];
    sigbridge *sig = sigbridge_start(true, serr);
    if (!sig) {
        fprintf(stderr, "vitrine: %s\n", serr);
        return EXIT_FAILURE;
    }
    /* One configuration file, read once here: the feeds take their part,
     * the kiosk its "kiosk" object (and the file again on SIGHUP). A bad
     * part is reported and its defaults stand in: never a blank screen.
     * Read on this thread, before the kiosk exists (its settings are
     * needed to start): a small regular file (fileio_open_regular refuses
     * anything else without waiting), and SIGTERM's deadline still holds
     * if the read never returns. */
    config cfg;
    char cerr[CONFIG_ERR_LEN], ferr[FEEDS_ERR_LEN];
    if (config_load(opt->config, &cfg, cerr) != CONFIG_OK)
        log_error("main", "%s; %s", cerr, defaults_note(cfg.invalid));
    warn_fonts();
    /* --data DIR: the kiosk reads the files itself (R reloads them). */
    feeds_loader loader = {&cfg, opt->offline, NULL};
    /* Transitions and the fetch thread's parses take turns (memgate.h). */
    memgate *gate = memgate_new();
    kiosk_options ko = {.windowed = opt->windowed,
                        .width = opt->width,
                        .height = opt->height,
                        .data_dir = opt->data_dir,
                        .settings = &cfg.kiosk,
                        .config_path =
                            opt->config ? opt->config : (*cfg.source ? cfg.source : NULL),
                        .now = opt->now,
                        .load = opt->data_dir ? NULL : load_feeds,
                        .load_ctx = &loader,
                        .gate = gate,
                        .signals = sig,
                        .status_file = cfg.status_file,
                        .metrics_file = cfg.metrics_file,
                        .cache_dir = cfg.cache_dir};
    char err[KIOSK_ERR_LEN];
    kiosk *k = kiosk_new(&ko, err);
    feeds *f = loader.f; /* set on the start-up thread, which kiosk_new joined */
    if (!k) {
        fprintf(stderr, "vitrine: %s\n", err);
        feeds_free(f);
        memgate_free(gate);
        sigbridge_free(sig);
        return EXIT_FAILURE;
    }
    feeds_bridge bridge = {f, k};
    if (f) {
        feeds_set_gate(f, gate);
        kiosk_set_source(k, bridge_refresh, bridge_take, &bridge); /* before its first notify */
        if (feeds_start(f, bridge_notify, &bridge, ferr) != FEEDS_OK)
            log_error("main", "feeds: %s; no background refresh", ferr);
    }
    int rc = kiosk_run(k);
    feeds_free(f); /* stops the thread before the kiosk goes */
    kiosk_free(k);
    memgate_free(gate);
    sigbridge_free(sig); /* last: SIGTERM's deadline covers the joins above */
    return rc;
}

/* The signals blocked as early as the executable can: the functions of its
 * .preinit_array run once the dynamic loader has mapped and relocated the
 * shared libraries, before any library's constructor and before main (which
 * came 2 to 5 ms later, more on a loaded machine). Only the loader's own
 * work comes first (~25 ms on a PC: symbol lookups across ~100 libraries),
 * and in a sanitizer build the sanitizer's start, whose entry comes first:
 * a signal then still takes its default action (README "Signals"). */
static void block_at_exec(int argc, char **argv, char **envp)
{
    (void)argc;
    (void)argv;
    (void)envp;
    sigbridge_block();
}
__attribute__((section(".preinit_array"),
               used)) static void (*preinit_block)(int, char **, char **) = block_at_exec;

int main(int argc, char **argv)
{
    /* First of all: SIGTERM, SIGINT, SIGHUP and SIGUSR1 wait for the kiosk
     * (its signal thread, started by run_kiosk) instead of ending the
     * process by their default action, however early they come; blocked
     * before any thread starts, so every thread inherits the mask. Done by
     * block_at_exec already; again here for a start that skipped it (what
     * it reports is what the mask is). */
    bool blocked = sigbridge_block();
    cli_options opt;
    char err[CLI_ERR_LEN];
    /* A peer that hangs up (a feed server mid-body under TLS, a closed
     * stdout pipe) must be an error value, never the default SIGPIPE death;
     * set before any thread starts, so every thread inherits it. */
    signal(SIGPIPE, SIG_IGN);
    memtune_apply();
    parse_use_arenas();
    if (cli_parse(argc, argv, &opt, err) != CLI_OK) {
        fprintf(stderr, "vitrine: %s\n", err);
        return EXIT_BAD_INPUT;
    }
    if (opt.verbose)
        log_set_level(LOG_DEBUG);
    /* The other modes are commands: a signal ends them by its default
     * action (a pending one now), whatever a read of theirs is doing. */
    if (opt.mode != CLI_MODE_KIOSK)
        sigbridge_unblock();
    else if (!blocked)
        log_warn("main", "signals not blocked at start: one that comes before the kiosk listens "
                         "takes its default action");
    switch (opt.mode) {
    case CLI_MODE_HELP: fputs(cli_usage(), stdout); return EXIT_SUCCESS;
    case CLI_MODE_VERSION: printf("vitrine %s\n", VITRINE_VERSION); return EXIT_SUCCESS;
    case CLI_MODE_DUMP_STATS: return dump_stats(&opt);
    case CLI_MODE_CHECK_CONFIG: return check_config(&opt);
    case CLI_MODE_RENDER: return render_slides(&opt);
    case CLI_MODE_STATUS: return show_status(&opt);
    case CLI_MODE_ACCEPT: return accept_held(&opt);
    case CLI_MODE_KIOSK: return run_kiosk(&opt);
    default:
        fprintf(stderr, "vitrine: this mode is not available in this build\n");
        return EXIT_BAD_INPUT;
    }
}
