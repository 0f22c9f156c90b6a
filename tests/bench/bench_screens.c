/* bench_screens: times the screens on a data dir with SDL's software
 * renderer drawing into a memory surface (no display), as the kiosk draws:
 * - update: deck_update, every slide laid out and checked (new data, new
 *   day, new size), on a new deck (nothing measured yet); "again": a second
 *   deck_update of the same deck, as the kiosk's after a refresh (the
 *   fonts' memo of measured widths kept);
 * - states: deck_set_states after it, every feed with data now failing
 *   (a new badge on every slide with a feed): only the footers' state;
 * - cold: the first deck_draw of each slide after deck_update, with a new
 *   deck each run (fonts and text cache empty): the slide is rendered into
 *   its texture. The kiosk keeps three slide textures, so every slide change
 *   of a rotation costs a render like this one (with the text cache warm:
 *   "rotation");
 * - frame: a steady frame: clear, copy of the slide's texture, as between
 *   transitions; "fade": a transition frame (two copies, one blended).
 * Medians over --runs runs; one "name=value" line per figure (what
 * toolchain/bench.py reads), then one line per slide. --update-only times
 * the two deck_update alone (what callgrind is run on: the drawing is slow
 * under valgrind). A benchmark, not a test: nothing here has a time budget.
 *   bench_screens DATA_DIR [--runs N] [--size WxH] [--now YYYY-MM-DD]
 *                 [--update-only] */
#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "benchutil.h"

#include "vitrine/datadir.h"
#include "vitrine/deck.h"
#include "vitrine/memtune.h"
#include "vitrine/parse.h"
#include "vitrine/stats.h"

#define BENCH_DEFAULT_RUNS 5
#define BENCH_MAX_RUNS 100
#define BENCH_MAX_SLIDES 64
#define BENCH_FRAMES 60 /* steady frames timed per run */
#define BENCH_DEFAULT_NOW "2026-08-20"
#define BENCH_DEFAULT_W 1920
#define BENCH_DEFAULT_H 1080
#define BENCH_MAX_SIDE 8192
#define FADE_ALPHA 128

typedef struct {
    const char *dir;
    int runs, w, h;
    vt_date now;
    bool update_only; /* the two deck_update alone (for callgrind) */
} bench_args;

typedef struct {
    double update[BENCH_MAX_RUNS];
    double states[BENCH_MAX_RUNS];
    double update_again[BENCH_MAX_RUNS];
    double cold[BENCH_MAX_SLIDES][BENCH_MAX_RUNS];
    double rotation[BENCH_MAX_SLIDES][BENCH_MAX_RUNS];
    double frame[BENCH_MAX_RUNS];
    double fade[BENCH_MAX_RUNS];
    size_t n_slides;
    bool has_data[BENCH_MAX_SLIDES];
    char names[BENCH_MAX_SLIDES][DECK_ERR_LEN];
} bench_times;

/* Median of n values (sorts a copy). */
static bool parse_int(const char *s, long lo, long hi, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || *end || v < lo || v > hi)
        return false;
    *out = (int)v;
    return true;
}

static bool parse_size(const char *s, int *w, int *h)
{
    char *x = strchr(s, 'x');
    if (!x)
        return false;
    char wbuf[16];
    size_t n = (size_t)(x - s);
    if (n == 0 || n >= sizeof wbuf)
        return false;
    memcpy(wbuf, s, n);
    wbuf[n] = '\0';
    return parse_int(wbuf, 1, BENCH_MAX_SIDE, w) && parse_int(x + 1, 1, BENCH_MAX_SIDE, h);
}

static bool parse_args(int argc, char **argv, bench_args *a)
{
    *a = (bench_args){
        NULL, BENCH_DEFAULT_RUNS, BENCH_DEFAULT_W, BENCH_DEFAULT_H, date_parse(BENCH_DEFAULT_NOW),
        false};
    for (int i = 1; i < argc; i++) {
        bool more = i + 1 < argc;
        if (strcmp(argv[i], "--runs") == 0 && more) {
            if (!parse_int(argv[++i], 1, BENCH_MAX_RUNS, &a->runs))
                return false;
        } else if (strcmp(argv[i], "--size") == 0 && more) {
            if (!parse_size(argv[++i], &a->w, &a->h))
                return false;
        } else if (strcmp(argv[i], "--update-only") == 0) {
            a->update_only = true;
        } else if (strcmp(argv[i], "--now") == 0 && more) {
            if ((a->now = date_parse(argv[++i])) == DATE_NONE)
                return false;
        } else if (!a->dir && argv[i][0] != '-') {
            a->dir = argv[i];
        } else {
            return false;
        }
    }
    return a->dir != NULL;
}

/* One frame as the kiosk draws it between transitions (kiosk.c render). */
static double time_frame(SDL_Renderer *r, deck *d, size_t slide, size_t from)
{
    double t0 = now_ms();
    SDL_SetRenderDrawColor(r, 0, 0, 0, 255);
    SDL_RenderClear(r);
    if (from != slide)
        deck_draw(d, from, 0, 0, 255);
    deck_draw(d, slide, 0, 0, from != slide ? FADE_ALPHA : 255);
    SDL_RenderPresent(r);
    return now_ms() - t0;
}

/* One run with a new deck: update, cold pass, rotation pass, frames. */
static bool run_once(SDL_Renderer *r, const bench_args *a, const model *m, const stats *s,
                     const feedstate_set *fs, int run, bench_times *t)
{
    char err[DECK_ERR_LEN];
    deck *d = deck_new(r, err);
    if (!d) {
        fprintf(stderr, "bench_screens: %s\n", err);
        return false;
    }
    double t0 = now_ms();
    bool ok = deck_update(d, m, s, fs, a->now, a->w, a->h, err) == DECK_OK;
    t->update[run] = now_ms() - t0;
    size_t n = deck_count(d);
    if (!ok || n == 0 || n > BENCH_MAX_SLIDES) {
        fprintf(stderr, "bench_screens: deck_update: %s (%zu slides)\n", ok ? "" : err, n);
        deck_free(d);
        return false;
    }
    t0 = now_ms();
    ok = deck_update(d, m, s, fs, a->now, a->w, a->h, err) == DECK_OK;
    t->update_again[run] = now_ms() - t0;
    if (!ok || deck_count(d) != n) {
        fprintf(stderr, "bench_screens: deck_update again: %s\n", ok ? "other slides" : err);
        deck_free(d);
        return false;
    }
    t->n_slides = n;
    if (a->update_only) {
        deck_free(d);
        return true;
    }
    feedstate_set failing = *fs;
    for (int f = 0; f < FEED_COUNT; f++)
        if (failing.feeds[f].kind != FEEDSTATE_MISSING &&
            failing.feeds[f].kind != FEEDSTATE_BUNDLED)
            failing.feeds[f].kind = FEEDSTATE_FAILING;
    t0 = now_ms();
    deck_set_states(d, &failing);
    t->states[run] = now_ms() - t0;
    deck_set_states(d, fs); /* back: the rest is timed as before */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < n; i++) {
            snprintf(t->names[i], sizeof t->names[i], "%s", deck_slide_name(d, i));
            t->has_data[i] = deck_slide_has_data(d, i);
            double ms = t->has_data[i] ? time_frame(r, d, i, i) : 0;
            (pass == 0 ? t->cold : t->rotation)[i][run] = ms;
        }
    }
    double frames[BENCH_FRAMES], fades[BENCH_FRAMES];
    for (int f = 0; f < BENCH_FRAMES; f++) {
        frames[f] = time_frame(r, d, 0, 0);
        fades[f] = time_frame(r, d, 1 % n, 0);
    }
    t->frame[run] = median(frames, BENCH_FRAMES);
    t->fade[run] = median(fades, BENCH_FRAMES);
    deck_free(d);
    return true;
}

static void report(const bench_args *a, bench_times *t)
{
    double cold[BENCH_MAX_SLIDES], rot[BENCH_MAX_SLIDES];
    int shown = 0;
    double cold_max = 0, rot_max = 0;
    for (size_t i = 0; i < t->n_slides; i++) {
        if (!t->has_data[i])
            continue;
        cold[shown] = median(t->cold[i], a->runs);
        rot[shown] = median(t->rotation[i], a->runs);
        cold_max = cold[shown] > cold_max ? cold[shown] : cold_max;
        rot_max = rot[shown] > rot_max ? rot[shown] : rot_max;
        shown++;
    }
    double update = median(t->update, a->runs);
    if (a->update_only) {
        printf("size=%dx%d\nruns=%d\nupdate_ms=%.2f\nupdate_again_ms=%.2f\n", a->w, a->h, a->runs,
               update, median(t->update_again, a->runs));
        return;
    }
    printf("size=%dx%d\nslides=%d\nruns=%d\n", a->w, a->h, shown, a->runs);
    printf("update_ms=%.2f\n", update);
    printf("states_ms=%.3f\n", median(t->states, a->runs));
    printf("update_again_ms=%.2f\n", median(t->update_again, a->runs));
    printf("cold_median_ms=%.2f\ncold_max_ms=%.2f\n", median(cold, shown), cold_max);
    printf("rotation_median_ms=%.2f\nrotation_max_ms=%.2f\n", median(rot, shown), rot_max);
    printf("cold_with_update_max_ms=%.2f\n", cold_max + update / shown);
    printf("frame_ms=%.2f\nfade_frame_ms=%.2f\n", median(t->frame, a->runs),
           median(t->fade, a->runs));
    for (size_t i = 0; i < t->n_slides; i++)
        if (t->has_data[i])
            printf("slide %-20s cold %7.2f ms  rotation %7.2f ms\n", t->names[i],
                   median(t->cold[i], a->runs), median(t->rotation[i], a->runs));
}

/* Loads the data dir and its statistics; false with a message. */
static bool load(const bench_args *a, model **m, stats **s, feedstate_set *fs)
{
    char err[DATADIR_ERR_LEN];
    if (datadir_load(a->dir, m, err) != DATADIR_OK) {
        fprintf(stderr, "bench_screens: %s\n", err);
        return false;
    }
    datadir_feedstates(a->dir, *m, fs);
    if (!(*s = stats_compute(*m, a->now))) {
        fprintf(stderr, "bench_screens: out of memory computing statistics\n");
        return false;
    }
    return true;
}

int main(int argc, char **argv)
{
    bench_args a;
    memtune_apply();
    parse_use_arenas();
    if (!parse_args(argc, argv, &a)) {
        fprintf(stderr,
                "usage: bench_screens DATA_DIR [--runs 1..%d] [--size WxH] "
                "[--now YYYY-MM-DD] [--update-only]\n",
                BENCH_MAX_RUNS);
        return 2;
    }
    model *m = NULL;
    stats *s = NULL;
    feedstate_set fs;
    static bench_times t; /* large: not on the stack */
    SDL_Surface *surf = NULL;
    SDL_Renderer *r = NULL;
    int rc = 1;
    if (!load(&a, &m, &s, &fs) || TTF_Init() != 0)
        goto out;
    surf = SDL_CreateRGBSurfaceWithFormat(0, a.w, a.h, 32, SDL_PIXELFORMAT_ARGB8888);
    r = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;
    if (!r) {
        fprintf(stderr, "bench_screens: no software renderer: %s\n", SDL_GetError());
        goto out;
    }
    for (int run = 0; run < a.runs; run++)
        if (!run_once(r, &a, m, s, &fs, run, &t))
            goto out;
    report(&a, &t);
    rc = 0;
out:
    if (r)
        SDL_DestroyRenderer(r);
    SDL_FreeSurface(surf);
    if (TTF_WasInit())
        TTF_Quit();
    SDL_Quit();
    stats_free(s);
    model_free(m);
    return rc;
}
