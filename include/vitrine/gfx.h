/* gfx: the few drawing primitives the slides need, over SDL_Renderer.
 * Curves are anti-aliased: shapes are triangle meshes (SDL_RenderGeometry)
 * with a one-pixel feathered rim whose alpha falls to zero, so edges blend
 * into the background instead of stair-stepping, on any renderer backend. */
#ifndef VITRINE_GFX_H
#define VITRINE_GFX_H

#include <SDL2/SDL.h>
#include <stdbool.h>

#include "vitrine/theme.h"

#define GFX_FEATHER 1.0f     /* width of the anti-aliasing rim, pixels */
#define GFX_ARC_STEP 3.0f    /* pixels of arc per mesh segment */
#define GFX_MAX_SEGMENTS 720 /* per arc */

/* Which edges of a ring sector get the rim (a shared edge must not). */
enum {
    GFX_EDGE_INNER = 1,
    GFX_EDGE_OUTER = 2,
    GFX_EDGE_START = 4,
    GFX_EDGE_END = 8,
    GFX_EDGE_ALL = 15
};

/* Axis-aligned rectangle, edges snapped to whole pixels (no rim needed). */
void gfx_fill_rect(SDL_Renderer *r, float x, float y, float w, float h, theme_color c);
/* Ring sector between radii r_in (0: a pie slice) and r_out, angles a0 to a1
 * in radians clockwise from 12 o'clock. False on allocation failure. */
bool gfx_fill_ring(SDL_Renderer *r, float cx, float cy, float r_in, float r_out, float a0, float a1,
                   theme_color c, unsigned edges);
/* Rectangle with rounded corners of the given radius. */
bool gfx_fill_round_rect(SDL_Renderer *r, float x, float y, float w, float h, float radius,
                         theme_color c);

#endif
