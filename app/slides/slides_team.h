/* slides_team: the incubator's team, pole by pole (local data): each person
 * as a card with an initials avatar, name and role. Poles flow down the
 * columns of as few pages as hold them, with cards as large as those pages
 * allow; a pole goes on over the next page, marked "(suite)", only when it
 * does not fit on one page. */
#ifndef VITRINE_SLIDES_TEAM_H
#define VITRINE_SLIDES_TEAM_H

#include <stdbool.h>
#include <stddef.h>

#include "canvas.h"
#include "frame.h"

#define SLIDES_TEAM_MAX_BLOCKS 8 /* pole parts per page */
#define SLIDES_TEAM_MAX_PAGES 32
#define SLIDES_TEAM_INITIALS_LEN 16

typedef struct {
    size_t pole, first, count; /* people first .. first+count-1 of the pole */
    bool continued;            /* the pole started on an earlier page */
} slides_team_block;

typedef struct {
    slides_team_block blocks[SLIDES_TEAM_MAX_BLOCKS];
    size_t n_blocks;
    float scale; /* of the cards and their text, >= 1 (same on every page) */
    /* Of the area's height: how far the columns run on every page (the
     * poles balanced over the pages), how much of it this page's tallest
     * column fills (the page's content centred in the area). */
    float fill, used;
} slides_team_page;

/* Plans the pages for slides of probe's size (probe is drawn on and may be
 * discarded). Returns the number of pages, 0 when there is no team. */
size_t slides_team_plan(canvas *probe, const frame_input *in, slides_team_page *pages,
                        size_t max_pages);
/* Draws page `index` (0-based) of `count`. */
bool slides_team(canvas *c, const frame_input *in, const slides_team_page *page, size_t index,
                 size_t count);
/* "Anne-Sophie Tranchet" -> "AT" (first letters of the first and last words). */
void slides_team_initials(const char *name, char out[SLIDES_TEAM_INITIALS_LEN]);

#endif
