/* overview: every shown slide as a grid of thumbnails with its title under
 * it (whole, on up to OVERVIEW_LABEL_LINES lines; a poster's made from its
 * file name, filetitle.h), over the whole stage, for a presenter choosing
 * what to show (G or Tab). The grid and the titles show at once; the
 * thumbnails are drawn at their size into one stage-sized texture, in
 * slices of OVERVIEW_SLICE_US a frame (overview_draw says when some are
 * left), so a key never waits for them and all show within a few frames.
 * That texture lives while the overview is open and the slides and the
 * size stay the same: it is dropped when it closes (memory: one
 * full-screen texture, like a transition's second one). The selection is
 * drawn over it each frame. SDL-side; the layout and the moves are
 * grid.h's. */
#ifndef VITRINE_OVERVIEW_H
#define VITRINE_OVERVIEW_H

#include <SDL2/SDL.h>
#include <stdbool.h>
#include <stddef.h>

#include "vitrine/deck.h"
#include "vitrine/fonts.h"
#include "vitrine/grid.h"

#define OVERVIEW_SLICE_US 6000 /* thumbnail drawing a frame: a key waits a frame at most */
#define OVERVIEW_LABEL_LINES 2 /* a thumbnail's title: whole, on up to this many lines */

typedef struct overview overview;

/* Draws with r, f and d (borrowed, outliving the overview). NULL only on
 * allocation failure. */
overview *overview_new(SDL_Renderer *r, fonts *f, deck *d);
void overview_free(overview *o); /* accepts NULL */

/* Opens on these slides (deck indices, in playlist order; at most
 * GRID_MAX_CELLS are shown), the selection on position `selected`
 * (0-based), which is also marked as the slide on screen. */
void overview_open(overview *o, const size_t *slides, size_t n, size_t selected);
/* The deck's slides changed while open: thumbnails and titles drawn again,
 * the selection kept when it is still a cell. */
void overview_set_slides(overview *o, const size_t *slides, size_t n);
void overview_close(overview *o); /* drops its textures */
bool overview_is_open(const overview *o);
/* Drops the textures but stays open (render targets reset). */
void overview_reset(overview *o);

void overview_move(overview *o, grid_move_dir dir);
size_t overview_selected(const overview *o); /* 0-based position */

/* Draws the overview over stage (the current render target's stage, with
 * the burn-in shift), and the next slice of thumbnails. True while
 * thumbnails are left to draw (the caller draws another frame). */
bool overview_draw(overview *o, SDL_Rect stage);

#endif
