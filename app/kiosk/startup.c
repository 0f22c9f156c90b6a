/* startup: implements startup.h with one SDL thread. */
#include "vitrine/startup.h"

#include <SDL2/SDL.h>
#include <stdlib.h>

#include "vitrine/kioskdata.h"
#include "vitrine/log.h"

struct startup {
    startup_job job;
    startup_result res;
    SDL_Thread *thread; /* NULL: the job already ran on the caller's thread */
};

static void load(startup *s)
{
    const startup_job *j = &s->job;
    if (j->load && j->load(j->load_ctx, &s->res.m, &s->res.fs)) {
        feedstate_kind worst = feedstate_worst(&s->res.fs, FEEDSTATE_ALL);
        if (worst == FEEDSTATE_DEMO)
            log_info("kiosk", "demo data until feeds arrive");
        else
            log_info("kiosk", "cached data first (%s)", feedstate_kind_name(worst));
        return;
    }
    char err[DATADIR_ERR_LEN];
    if (kioskdata_load(j->data_dir, &s->res.m, &s->res.fs, err) != DATADIR_OK) {
        log_error("kiosk", "no data to show: %s", err);
        s->res.m = NULL;
    }
}

static int run(void *arg)
{
    startup *s = arg;
    const startup_job *j = &s->job;
    load(s);
    if (!s->res.m)
        return 0;
    s->res.st = stats_compute(s->res.m, j->today);
    if (!s->res.st) {
        log_error("kiosk", "out of memory computing the statistics at start");
        return 0;
    }
    char err[DECK_ERR_LEN];
    s->res.laid_out =
        deck_update(j->deck, s->res.m, s->res.st, &s->res.fs, j->today, j->width, j->height, err);
    if (!s->res.laid_out)
        log_error("kiosk", "slides not laid out at start: %s", err);
    return 0;
}

startup *startup_begin(const startup_job *job)
{
    startup *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->job = *job;
    s->thread = SDL_CreateThread(run, "vitrine-start", s);
    if (!s->thread) {
        log_warn("kiosk", "no start-up thread (%s): loading first, then opening the display",
                 SDL_GetError());
        run(s);
    }
    return s;
}

void startup_finish(startup *s, startup_result *out)
{
    if (s->thread)
        SDL_WaitThread(s->thread, NULL);
    *out = s->res;
    free(s);
}
