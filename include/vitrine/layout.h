/* layout: rectangles in relative units and text fitting, as plain maths.
 * No SDL and no fonts: text is measured through a callback, so the fitting
 * rules are unit-tested with a fake measure.
 *
 * Text fitting, in this order (the rule of the screens):
 *   1. one line, shrinking from max_px down to min_px;
 *   2. wrapped on spaces (no-break spaces never break), again from max_px
 *      down to min_px, within max_lines and the box height;
 *   3. at min_px, the lines that fit: this is an overflow, reported in
 *      layout_text.overflow (tests fail on it). Every cut ends with an
 *      ellipsis: the last line when text is left after it, and a line whose
 *      one word is wider than the box (so no line is ever wider than it). */
#ifndef VITRINE_LAYOUT_H
#define VITRINE_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "vitrine/text.h"

#define LAYOUT_MAX_LINES 16
#define LAYOUT_LINE_BYTES 512         /* longest line measured at once */
#define LAYOUT_LINE_HEIGHT 1.25f      /* line box, as a multiple of the font size */
#define LAYOUT_REF_PX 96              /* size the fitter's estimates are measured at */
#define LAYOUT_WRAP_WORDS 128         /* word ends a line is searched among at once */
#define LAYOUT_ELLIPSIS TEXT_ELLIPSIS /* U+2026 */

typedef struct {
    float x, y, w, h;
} layout_rect;

layout_rect layout_inset(layout_rect r, float dx, float dy);
/* Cuts a band of height h (width w) off the top / bottom / left / right of
 * *r, plus gap, and returns the band. Never goes below zero size. */
layout_rect layout_cut_top(layout_rect *r, float h, float gap);
layout_rect layout_cut_bottom(layout_rect *r, float h, float gap);
layout_rect layout_cut_left(layout_rect *r, float w, float gap);
layout_rect layout_cut_right(layout_rect *r, float w, float gap);
/* Cell (col, row) of a cols x rows grid over r with gaps between cells. */
layout_rect layout_cell(layout_rect r, int cols, int rows, int col, int row, float gap);
/* Strict overlap (touching edges do not overlap). */
bool layout_overlaps(layout_rect a, layout_rect b);
/* inner lies within outer, with a half-pixel tolerance for rounding. */
bool layout_inside(layout_rect outer, layout_rect inner);

/* Width in pixels of s[0..len) in font `face` at `px` pixels. */
typedef int (*layout_measure_fn)(void *ctx, int face, int px, const char *s, size_t len);

typedef struct {
    int face;
    int max_px, min_px; /* min_px <= max_px */
    int max_lines;      /* >= 1 */
} layout_text_style;

typedef struct {
    size_t start, len; /* bytes of the source string */
    int width;         /* measured, ellipsis included */
    bool ellipsis;     /* draw LAYOUT_ELLIPSIS after the bytes */
} layout_line;

typedef struct {
    int px;     /* chosen font size */
    int line_h; /* line box height in pixels */
    size_t n_lines;
    layout_line lines[LAYOUT_MAX_LINES];
    int width, height; /* of the block */
    bool overflow;     /* did not fit at min_px: ellipsised */
    bool below_need;   /* layout_fit_text_need: surely below need_px */
} layout_text;

/* The stage: the part of a screen the slides are laid out in. Slides are
 * designed for 16:9 landscape and 9:16 portrait, and anything wider or
 * taller; a squarer screen (16:10, 4:3, 5:4, 3:4...) gets the largest such
 * area, centred, with bands around it (text would not fit its boxes at the
 * minimum size otherwise). */
typedef struct {
    int x, y, w, h;
} layout_stage;

layout_stage layout_stage_for(int screen_w, int screen_h);

void layout_fit_text(const char *s, float box_w, float box_h, const layout_text_style *st,
                     layout_measure_fn measure, void *ctx, layout_text *out);
/* layout_fit_text for a caller that only asks whether s fits at need_px or
 * more (an overflow or a smaller size is a no): when the estimates already
 * put every size the fit could confirm below need_px, it stops there,
 * having measured at the reference size only, and sets below_need (nothing
 * else is filled in); otherwise it is layout_fit_text. */
void layout_fit_text_need(const char *s, float box_w, float box_h, const layout_text_style *st,
                          int need_px, layout_measure_fn measure, void *ctx, layout_text *out);
int layout_line_height(int px);

#endif
