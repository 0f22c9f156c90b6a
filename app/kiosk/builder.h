/* builder: the statistics and the layout of every slide, on a thread of
 * their own, so that the display thread only displays. At 1080p a layout
 * is tens of milliseconds here and four to eight times that on a
 * Raspberry Pi: done on the display thread it would freeze the screen,
 * in the middle of a transition when one runs.
 *
 * The builder owns the data on screen (the model and its statistics, the
 * posters) and a deck of its own, without a renderer, that it lays out
 * (deck.h: such a deck touches no SDL state but its fonts'). The display
 * thread asks for a layout with the inputs it has (builder_request; the
 * newest request wins, one layout runs at a time), and takes the finished
 * slides whole between two frames (builder_take: a few pointers moved).
 * Each finished layout posts an SDL event of the type given, then calls
 * wake. SDL-side (the deck); nothing here draws. */
#ifndef VITRINE_BUILDER_H
#define VITRINE_BUILDER_H

#include <SDL2/SDL.h>
#include <stdbool.h>

#include "vitrine/announce.h"
#include "vitrine/date.h"
#include "vitrine/deck.h"
#include "vitrine/feedstate.h"
#include "vitrine/model.h"
#include "vitrine/posters.h"
#include "vitrine/stats.h"

#define BUILDER_WHY_LEN 64

typedef void (*builder_wake_fn)(void *ctx);

typedef struct {
    Uint32 event_type;    /* posted after each layout */
    builder_wake_fn wake; /* then called with wake_ctx; may be NULL */
    void *wake_ctx;
} builder_options;

/* What a layout is for, besides the data: copied at each request. */
typedef struct {
    feedstate_set fs;
    vt_date today;
    int w, h;                /* the stage */
    unsigned long cycle;     /* the playlist's rotations (the spotlight's product) */
    announce_time local_now; /* the announcements' windows */
} builder_input;

typedef struct builder builder;

/* A builder owning m and st (the statistics of m for st_day; st may be
 * NULL: computed at the first layout). The thread starts at the first
 * request (or, when none can be started, layouts run on the caller's
 * thread, logged). NULL with a reason in err. */
builder *builder_new(const builder_options *opt, model *m, stats *st, vt_date st_day,
                     char err[DECK_ERR_LEN]);
/* Waits for the layout in progress and ends the thread: no event or wake
 * after it returns (call it before what wake uses goes). Later requests
 * are not laid out. Accepts NULL. */
void builder_stop(builder *b);
/* Stops the builder, then frees everything: call it after the deck the
 * slides were taken into is freed (it drew the posters). */
void builder_free(builder *b); /* accepts NULL */

/* Inputs for the next request, each taking effect at its layout: new data
 * (m, then the builder's; the statistics are computed again), the
 * configuration's focus incubator and announcements (copied), a new set
 * of posters (p, then the builder's: freed once no slide shows it). */
void builder_set_model(builder *b, model *m);
void builder_set_settings(builder *b, const char *focus, const announce_list *l);
void builder_set_posters(builder *b, posters *p);

/* Asks for a layout with in (copied) and the inputs set so far; why goes
 * to the log. Never waits: a layout in progress finishes, then the newest
 * request is laid out. */
void builder_request(builder *b, const builder_input *in, const char *why);
/* True when finished slides wait to be taken. */
bool builder_ready(builder *b);
/* On the display thread: moves the finished slides into d (deck_take).
 * *new_data is set when they carry data d had not shown. False when none
 * wait. */
bool builder_take(builder *b, deck *d, bool *new_data);
/* Waits until no request is pending or running (the start: the first frame
 * waits for its slides). */
void builder_wait(builder *b);
/* How long the last layout took, statistics included, in milliseconds. */
double builder_last_ms(builder *b);

#endif
