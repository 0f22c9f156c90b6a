/* testdeck: a deck (include/vitrine/deck.h) for the kiosk's own tests only,
 * standing in for the screens layer: five slides, each a full-screen colour
 * with its number drawn as white squares in the top-left corner. "charlie"
 * never has data (the playlist must skip it); "echo" has data only when the
 * model holds products (demo data here has none, a --data fixture has). */
#include <stdio.h>
#include <stdlib.h>

#include "vitrine/deck.h"

#define TESTDECK_SLIDES 5

static const char *const NAMES[TESTDECK_SLIDES] = {"alpha", "bravo", "charlie", "delta", "echo"};
static const char *const TITLES[TESTDECK_SLIDES] = {"Alpha", "Bravo", "Charlie", "Delta", "Echo"};
static const SDL_Color COLOURS[TESTDECK_SLIDES] = {{200, 40, 40, 255},
                                                   {40, 160, 60, 255},
                                                   {120, 120, 120, 255},
                                                   {40, 70, 200, 255},
                                                   {200, 140, 20, 255}};

struct deck {
    SDL_Renderer *r;
    int w, h;
    bool has_products;
};

deck *deck_new(SDL_Renderer *r, char err[DECK_ERR_LEN])
{
    deck *d = calloc(1, sizeof *d);
    if (!d)
        snprintf(err, DECK_ERR_LEN, "out of memory");
    else
        d->r = r;
    return d;
}

void deck_free(deck *d)
{
    free(d);
}

bool deck_update(deck *d, const model *m, const stats *s, const feedstate_set *fs, vt_date today,
                 int width, int height, char err[DECK_ERR_LEN])
{
    (void)s, (void)fs, (void)today, (void)err;
    d->w = width, d->h = height;
    d->has_products = m && m->n_products > 0;
    return true;
}

size_t deck_count(const deck *d)
{
    (void)d;
    return TESTDECK_SLIDES;
}

const char *deck_slide_name(const deck *d, size_t i)
{
    (void)d;
    return i < TESTDECK_SLIDES ? NAMES[i] : "";
}

const char *deck_slide_title(const deck *d, size_t i)
{
    (void)d;
    return i < TESTDECK_SLIDES ? TITLES[i] : "";
}

bool deck_slide_has_data(const deck *d, size_t i)
{
    return i != 2 && (i != 4 || d->has_products);
}

void deck_draw(deck *d, size_t i, int x, int y, Uint8 alpha)
{
    if (i >= TESTDECK_SLIDES)
        return;
    SDL_Color c = COLOURS[i];
    SDL_SetRenderDrawBlendMode(d->r, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(d->r, c.r, c.g, c.b, alpha);
    SDL_RenderFillRect(d->r, &(SDL_Rect){x, y, d->w, d->h});
    int sq = d->h / 20;
    SDL_SetRenderDrawColor(d->r, 255, 255, 255, alpha);
    for (size_t n = 0; n <= i; n++)
        SDL_RenderFillRect(d->r, &(SDL_Rect){x + sq + (int)n * sq * 2, y + sq, sq, sq});
}

size_t deck_overflows(const deck *d)
{
    (void)d;
    return 0;
}
