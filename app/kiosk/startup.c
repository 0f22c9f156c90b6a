/* startup: implements startup.h with one SDL thread and a semaphore that
 * hands it the output size once the display is known. */
#include "startup.h"

#include <SDL2/SDL.h>
#include <stdlib.h>

#include "vitrine/datadir.h"
#include "vitrine/log.h"

struct startup {
    startup_job job;
    startup_result res;
    SDL_Thread *thread; /* NULL: the job runs on the caller's thread */
    SDL_sem *sized;     /* posted once width and height are set */
    int width, height;  /* 0: no layout (the display could not be opened) */
    bool size_given;
};

static void load(startup *s)
{
    const startup_job *j = &s->job;
    if (j->load && j->load(j->load_ctx, &s->res.m, &s->res.fs)) {
        feedstate_kind worst = feedstate_worst(&s->res.fs, FEEDSTATE_ALL);
        if (worst == FEEDSTATE_DEMO)
            log_info("kiosk", "bundled demo data first: no cached copy yet");
        else
            log_info("kiosk", "cached data first (%s)", feedstate_kind_name(worst));
        return;
    }
    char err[DATADIR_ERR_LEN];
    if (datadir_load_or_builtin(j->data_dir, &s->res.m, &s->res.fs, err) != DATADIR_OK) {
        log_error("kiosk", "no data to show: %s", err);
        s->res.m = NULL;
    }
}

/* First half: what needs no output size. */
static void prepare(startup *s)
{
    load(s);
    if (!s->res.m)
        return;
    s->res.st = stats_compute(s->res.m, s->job.today);
    if (!s->res.st)
        log_error("kiosk", "out of memory computing the statistics at start");
}

/* Second half, once the size is known. */
static void lay_out(startup *s)
{
    if (!s->res.st || s->width <= 0 || s->height <= 0)
        return;
    char err[DECK_ERR_LEN];
    s->res.laid_out = deck_update(s->job.deck, s->res.m, s->res.st, &s->res.fs, s->job.today,
                                  s->width, s->height, err) == DECK_OK;
    if (!s->res.laid_out)
        log_error("kiosk", "slides not laid out at start: %s", err);
}

static int run(void *arg)
{
    startup *s = arg;
    prepare(s);
    SDL_SemWait(s->sized);
    lay_out(s);
    return 0;
}

startup *startup_begin(const startup_job *job)
{
    startup *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->job = *job;
    s->sized = SDL_CreateSemaphore(0);
    s->thread = s->sized ? SDL_CreateThread(run, "vitrine-start", s) : NULL;
    if (!s->thread) {
        log_warn("kiosk", "no start-up thread (%s): loading first, then opening the display",
                 SDL_GetError());
        prepare(s);
    }
    return s;
}

void startup_lay_out_at(startup *s, int width, int height)
{
    if (s->size_given)
        return;
    s->size_given = true;
    s->width = width;
    s->height = height;
    if (s->thread)
        SDL_SemPost(s->sized);
    else
        lay_out(s);
}

void startup_finish(startup *s, startup_result *out)
{
    startup_lay_out_at(s, 0, 0); /* no size given: no layout, let it finish */
    if (s->thread)
        SDL_WaitThread(s->thread, NULL);
    if (s->sized)
        SDL_DestroySemaphore(s->sized);
    *out = s->res;
    free(s);
}
