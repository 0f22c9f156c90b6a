/* builder: implements builder.h with one thread, started at the first
 * request, a condition variable for the requests and one slot for the
 * finished slides (the builder's deck itself, marked ready). */
#include "builder.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitrine/log.h"
#include "vitrine/vclock.h"

struct builder {
    builder_options opt;
    deck *deck; /* laid out by the thread; its slides are taken from it */
    pthread_t thread;
    bool started, inline_only; /* inline_only: no thread could be started */
    pthread_mutex_t lock;      /* everything below, up to the thread's own */
    pthread_cond_t wake, idle;
    bool stop, wanted, running;
    builder_input in;
    char why[BUILDER_WHY_LEN];
    model *new_m; /* set, not laid out yet */
    unsigned long new_gen;
    char focus[DECK_FOCUS_LEN];
    announce_list *ann;
    bool ready;              /* the deck holds finished slides */
    unsigned long ready_gen; /* the data they carry */
    unsigned long shown_gen; /* the data of the slides last taken */
    posters *p_input;        /* the newest set */
    posters *p_building;     /* the set the layout in progress shows */
    posters *p_ready;        /* the set the finished slides show */
    posters *p_shown;        /* the set the slides last taken show */
    double last_ms;
    /* The thread's own (the caller's thread when inline_only). */
    model *m;
    stats *st;
    vt_date st_day;
    unsigned long m_gen;
};

/* Frees a set of posters no slide shows or will show. Lock held. */
static void drop_unused(builder *b, posters *p)
{
    if (p && p != b->p_input && p != b->p_building && p != b->p_ready && p != b->p_shown)
        posters_free(p);
}

builder *builder_new(const builder_options *opt, model *m, stats *st, vt_date st_day,
                     char err[DECK_ERR_LEN])
{
    builder *b = calloc(1, sizeof *b);
    if (b)
        b->ann = calloc(1, sizeof *b->ann);
    if (!b || !b->ann) {
        snprintf(err, DECK_ERR_LEN, "builder: out of memory");
        free(b);
        return NULL;
    }
    bool locks = pthread_mutex_init(&b->lock, NULL) == 0;
    bool conds = locks && pthread_cond_init(&b->wake, NULL) == 0;
    if (conds && pthread_cond_init(&b->idle, NULL) != 0) {
        pthread_cond_destroy(&b->wake);
        conds = false;
    }
    if (!conds || !(b->deck = deck_new(NULL, err))) {
        if (!conds)
            snprintf(err, DECK_ERR_LEN, "builder: no lock");
        if (conds) {
            pthread_cond_destroy(&b->wake);
            pthread_cond_destroy(&b->idle);
        }
        if (locks)
            pthread_mutex_destroy(&b->lock);
        free(b->ann);
        free(b);
        return NULL;
    }
    deck_keep_text(b->deck, true); /* the status file's "alt" (kiosk.c) */
    b->opt = *opt;
    b->m = m, b->st = st, b->st_day = st_day;
    return b;
}

/* The statistics for the layout's day (a function of the data and the day
 * alone: computed again only when either changed). False: out of memory. */
static bool statistics_for(builder *b, vt_date today, const char *why)
{
    if (b->st && b->st_day == today)
        return true;
    stats *st = stats_compute(b->m, today);
    if (!st) {
        log_error("kiosk", "out of memory computing statistics (%s); keeping the slides", why);
        return false;
    }
    stats_free(b->st);
    b->st = st;
    b->st_day = today;
    return true;
}

/* One layout, outside the lock, with the inputs taken under it. */
static bool lay_out(builder *b, const builder_input *in, const char *why)
{
    int64_t t0 = vclock_system_us();
    if (!b->m || !statistics_for(b, in->today, why))
        return false;
    deck_set_time(b->deck, in->local_now);
    deck_set_cycle(b->deck, in->cycle);
    char err[DECK_ERR_LEN];
    deck_status st = deck_update(b->deck, b->m, b->st, &in->fs, in->today, in->w, in->h, err);
    double ms = (double)(vclock_system_us() - t0) / 1e3;
    pthread_mutex_lock(&b->lock);
    b->last_ms = ms;
    pthread_mutex_unlock(&b->lock);
    if (st != DECK_OK) {
        log_error("kiosk", "slides not rebuilt (%s): %s", why, err);
        return false;
    }
    log_debug("kiosk", "slides laid out (%s): %zu slides at %dx%d in %.1f ms", why,
              deck_count(b->deck), in->w, in->h, ms);
    return true;
}

/* Takes the request's inputs and lays out. Called and returns with the
 * lock held; releases it for the layout itself. */
static void run_one(builder *b)
{
    builder_input in = b->in;
    char why[BUILDER_WHY_LEN];
    memcpy(why, b->why, sizeof why);
    b->wanted = false;
    b->running = true;
    bool had_ready = b->ready;
    b->ready = false; /* the deck is the layout's now, not the loop's to take */
    if (b->new_m) {
        model_free(b->m); /* only this thread lays out from it */
        b->m = b->new_m;
        b->m_gen = b->new_gen;
        b->new_m = NULL;
        stats_free(b->st);
        b->st = NULL;
    }
    deck_set_focus(b->deck, b->focus);
    deck_set_announcements(b->deck, b->ann);
    b->p_building = b->p_input;
    deck_set_posters(b->deck, b->p_building);
    pthread_mutex_unlock(&b->lock);
    bool ok = lay_out(b, &in, why);
    pthread_mutex_lock(&b->lock);
    posters *built = b->p_building, *old = ok ? b->p_ready : NULL;
    b->p_building = NULL;
    if (ok) {
        b->p_ready = built;
        b->ready_gen = b->m_gen;
    }
    b->ready = ok || had_ready; /* a failed layout left the deck's slides as they were */
    drop_unused(b, ok ? old : built);
    b->running = false;
    pthread_cond_broadcast(&b->idle);
}

/* The loop hears of finished slides. No lock held. */
static void announce_ready(builder *b)
{
    SDL_Event ev = {0};
    ev.type = b->opt.event_type;
    if (SDL_PushEvent(&ev) < 1)
        log_warn("kiosk", "slides laid out without an event (%s)", SDL_GetError());
    if (b->opt.wake)
        b->opt.wake(b->opt.wake_ctx);
}

static void *thread_main(void *arg)
{
    builder *b = arg;
    pthread_mutex_lock(&b->lock);
    while (!b->stop) {
        if (!b->wanted) {
            pthread_cond_wait(&b->wake, &b->lock);
            continue;
        }
        run_one(b);
        bool ready = b->ready;
        pthread_mutex_unlock(&b->lock);
        if (ready)
            announce_ready(b);
        pthread_mutex_lock(&b->lock);
    }
    pthread_mutex_unlock(&b->lock);
    return NULL;
}

/* The thread, at the first request. Lock held. */
static void start_thread(builder *b)
{
    if (b->started || b->inline_only || b->stop)
        return;
    if (pthread_create(&b->thread, NULL, thread_main, b) == 0) {
        b->started = true;
        return;
    }
    b->inline_only = true;
    log_warn("kiosk", "no layout thread: slides are laid out on the display's thread");
}

void builder_request(builder *b, const builder_input *in, const char *why)
{
    pthread_mutex_lock(&b->lock);
    b->in = *in;
    snprintf(b->why, sizeof b->why, "%s", why);
    b->wanted = true;
    start_thread(b);
    if (b->inline_only) {
        run_one(b);
        pthread_mutex_unlock(&b->lock);
        return;
    }
    pthread_cond_signal(&b->wake);
    pthread_mutex_unlock(&b->lock);
}

void builder_set_model(builder *b, model *m)
{
    pthread_mutex_lock(&b->lock);
    model_free(b->new_m); /* newer data replaces data not laid out yet */
    b->new_m = m;
    b->new_gen++;
    pthread_mutex_unlock(&b->lock);
}

void builder_set_settings(builder *b, const char *focus, const announce_list *l)
{
    pthread_mutex_lock(&b->lock);
    snprintf(b->focus, sizeof b->focus, "%s", focus ? focus : "");
    if (l)
        *b->ann = *l;
    else
        b->ann->n = 0;
    pthread_mutex_unlock(&b->lock);
}

void builder_set_posters(builder *b, posters *p)
{
    pthread_mutex_lock(&b->lock);
    posters *old = b->p_input;
    b->p_input = p;
    drop_unused(b, old);
    pthread_mutex_unlock(&b->lock);
}

bool builder_ready(builder *b)
{
    pthread_mutex_lock(&b->lock);
    bool ready = b->ready;
    pthread_mutex_unlock(&b->lock);
    return ready;
}

bool builder_take(builder *b, deck *d, bool *new_data)
{
    pthread_mutex_lock(&b->lock);
    bool took = b->ready && deck_take(d, b->deck) == DECK_OK;
    if (took) {
        *new_data = b->ready_gen != b->shown_gen;
        b->shown_gen = b->ready_gen;
        posters *old = b->p_shown;
        b->p_shown = b->p_ready;
        b->p_ready = NULL;
        drop_unused(b, old);
    }
    b->ready = false;
    pthread_mutex_unlock(&b->lock);
    return took;
}

void builder_wait(builder *b)
{
    pthread_mutex_lock(&b->lock);
    while (b->started && (b->wanted || b->running))
        pthread_cond_wait(&b->idle, &b->lock);
    pthread_mutex_unlock(&b->lock);
}

double builder_last_ms(builder *b)
{
    pthread_mutex_lock(&b->lock);
    double ms = b->last_ms;
    pthread_mutex_unlock(&b->lock);
    return ms;
}

void builder_stop(builder *b)
{
    if (!b)
        return;
    pthread_mutex_lock(&b->lock);
    b->stop = true;
    bool join = b->started;
    b->started = false;
    pthread_cond_signal(&b->wake);
    pthread_mutex_unlock(&b->lock);
    if (join)
        pthread_join(b->thread, NULL);
}

void builder_free(builder *b)
{
    if (!b)
        return;
    builder_stop(b);
    deck_free(b->deck);
    posters *sets[] = {b->p_input, b->p_building, b->p_ready, b->p_shown};
    for (size_t i = 0; i < sizeof sets / sizeof *sets; i++) {
        for (size_t j = 0; j < i; j++)
            if (sets[j] == sets[i])
                sets[i] = NULL; /* freed once */
        posters_free(sets[i]);
    }
    model_free(b->new_m);
    model_free(b->m);
    stats_free(b->st);
    pthread_cond_destroy(&b->wake);
    pthread_cond_destroy(&b->idle);
    pthread_mutex_destroy(&b->lock);
    free(b->ann);
    free(b);
}
