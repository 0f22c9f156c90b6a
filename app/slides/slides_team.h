/* slides_team: the incubator's team, pole by pole (local data): each person
 * as a card with an initials avatar, name and role. The poles flow down the
 * columns of a page like a newspaper's, one after the other, so a page is
 * full and the team takes few pages; a pole goes on in the next column of
 * the same page, and goes on to the next page (under its name, marked
 * "(suite)") only when it does not fit on a page of its own. The columns
 * are balanced over the pages and stretched to the page's height, so no
 * band of the screen stays empty. */
#ifndef VITRINE_SLIDES_TEAM_H
#define VITRINE_SLIDES_TEAM_H

#include <stdbool.h>
#include <stddef.h>

#include "canvas.h"
#include "frame.h"

#define SLIDES_TEAM_MAX_BLOCKS 24 /* pole parts per page */
#define SLIDES_TEAM_MAX_PAGES 32
#define SLIDES_TEAM_INITIALS_LEN 16

typedef struct {
    size_t pole, first, count; /* people first .. first+count-1 of the pole */
    bool header;               /* the pole's name and mission above the cards */
    bool continued;            /* the pole started on an earlier page */
    int col;                   /* column of the page */
    float y;                   /* top, pixels from the top of the content area */
} slides_team_block;

typedef struct {
    slides_team_block blocks[SLIDES_TEAM_MAX_BLOCKS];
    size_t n_blocks;
    float bottom; /* lowest column end, pixels from the top of the content area */
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
