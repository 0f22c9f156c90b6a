/* canvas: one slide as a display list. Slide builders place rectangles,
 * shapes and text in pixel coordinates computed from relative units; the
 * canvas fits every text (layout.h rules), keeps the result, and checks the
 * page: text that overflowed, text boxes that overlap, text outside the
 * slide, text colours not in the theme's contrast-checked pairs, characters
 * that no font has (one problem each: they are left out, see fonts.h).
 * Drawing the list later costs texture copies and a few meshes, no layout. */
#ifndef VITRINE_CANVAS_H
#define VITRINE_CANVAS_H

#include <SDL2/SDL.h>
#include <stdbool.h>
#include <stddef.h>

#include "vitrine/fonts.h"
#include "vitrine/layout.h"
#include "vitrine/textalt.h"
#include "vitrine/textcache.h"
#include "vitrine/theme.h"

#define CANVAS_MAX_OPS 2048 /* per slide: a power of two times CANVAS_FIRST_OPS */
#define CANVAS_FIRST_OPS 64
#define CANVAS_NAME_LEN 64
#define CANVAS_EXCERPT_LEN 84 /* bytes of a text quoted in a problem's log line */

typedef enum { CANVAS_LEFT, CANVAS_CENTER, CANVAS_RIGHT } canvas_align;
typedef enum { CANVAS_TOP, CANVAS_MIDDLE, CANVAS_BOTTOM } canvas_valign;

typedef struct {
    fonts_face face;
    float size;     /* largest size, fraction of the short side */
    float min_size; /* smallest, fraction; never below THEME_TEXT_MIN */
    int max_px;     /* > 0: also cap at this many pixels (shared sizes) */
    int max_lines;  /* 0 means 1 */
    canvas_align align;
    canvas_valign valign;
    theme_role fg, bg; /* bg: the fill the text sits on */
} canvas_style;

typedef struct canvas canvas;

typedef enum { CANVAS_OK = 0, CANVAS_FULL, CANVAS_NOMEM } canvas_status;

/* name is used in problem reports; f is borrowed for measurements. */
canvas *canvas_new(fonts *f, int width, int height, const char *name);
void canvas_free(canvas *c); /* accepts NULL */

int canvas_width(const canvas *c);
int canvas_height(const canvas *c);
float canvas_unit(const canvas *c); /* the short side, pixels */
bool canvas_portrait(const canvas *c);
/* size (fraction of the short side) in whole pixels, never below the
 * minimum text size. */
int canvas_px(const canvas *c, float size);
layout_rect canvas_bounds(const canvas *c);

void canvas_rect(canvas *c, layout_rect r, theme_role color);
void canvas_round_rect(canvas *c, layout_rect r, float radius, theme_role color);
/* Ring sector (see gfx_fill_ring); r_in 0 gives a pie slice. */
void canvas_ring(canvas *c, float cx, float cy, float r_in, float r_out, float a0, float a1,
                 theme_role color, unsigned edges);

/* A QR code for text (qr.h), the largest with whole pixels a module that
 * fits the square centred in box, quiet zone included and filled with the
 * background; modules in fg. Returns the square drawn (zero size when the
 * text cannot be encoded or the box is too small: a problem, logged). */
layout_rect canvas_qr(canvas *c, layout_rect box, const char *text, theme_role fg);
/* Draws image (borrowed: it must outlive the canvas) into r, scaled to
 * r's size: the caller keeps its aspect ratio (a poster is letterboxed,
 * never stretched). */
void canvas_image(canvas *c, layout_rect r, SDL_Surface *image);
/* Fits s into box and records it; returns the rectangle the text occupies
 * (zero height for an empty string). */
layout_rect canvas_text(canvas *c, layout_rect box, const char *s, const canvas_style *st);
/* As canvas_text, for free text of any length (a pitch, a list of names):
 * when s does not fit even at the minimum size, the longest start of it
 * that ends on a word and fits with an ellipsis is drawn instead. That cut
 * is the slide's choice, not an overflow: no problem is reported. */
layout_rect canvas_text_cut(canvas *c, layout_rect box, const char *s, const canvas_style *st);
/* The slide's text alternative, what a screen reader reads instead of
 * the picture: one line per text drawn (canvas_text, canvas_text_cut),
 * whole however it wrapped, in the order drawn; the lines begun while
 * canvas_read_tail is on come after all the others (the footer, drawn
 * first because the content sits above it). A builder shapes it with the
 * calls below; canvas_read_join and canvas_read_skip apply to the next
 * text drawn only. */
#define CANVAS_READ_MAX_LINES CANVAS_MAX_OPS /* more: CANVAS_FULL */
/* The next text continues the last line, after sep (not drawn): a figure
 * and its label, a bar's label and its value, on one line. */
/* The text alternative is kept only when asked for (the export): the
 * kiosk only draws. Off by default; set before the slide is built. */
void canvas_keep_text(canvas *c, bool on);
void canvas_read_join(canvas *c, const char *sep);
/* The next text is not read: a decoration (the initials in an avatar). */
void canvas_read_skip(canvas *c);
/* Adds s, which is not drawn, at the end of the last line: what the
 * picture alone says (a bar too short for its value, a QR code's link). */
void canvas_read_add(canvas *c, const char *s);
void canvas_read_tail(canvas *c, bool on);
size_t canvas_read_count(const canvas *c);
/* Line k (< canvas_read_count) in reading order: valid UTF-8, no control
 * character; lives as long as the canvas. */
const char *canvas_read_line(const canvas *c, size_t k);

/* The slide's title and subtitle (frame_begin), for its text alternative
 * (textalt.h); "" until set. Kept only with canvas_keep_text. */
void canvas_read_heading(canvas *c, const char *title, const char *subtitle);
const char *canvas_read_title(const canvas *c);
const char *canvas_read_subtitle(const canvas *c);
/* A figure behind a chart (textalt_figure: label, value, the text drawn
 * for it, the box it was drawn in, zero width when not drawn); value NAN
 * when the chart has only its text (a big figure). Kept only with
 * canvas_keep_text; at most CANVAS_READ_MAX_LINES (more: CANVAS_FULL). */
void canvas_read_figure(canvas *c, const char *label, double value, const char *text,
                        layout_rect box);
size_t canvas_read_figures(const canvas *c);
const textalt_figure *canvas_read_figure_at(const canvas *c, size_t k); /* k < the count */

/* Every text below is measured, drawn and read as shown: in French
 * typography (typo.h), whoever wrote it. */
/* Fits without recording (to size things before placing them). The
 * result's lines index the text as shown, not s: use its sizes. */
layout_text canvas_fit(canvas *c, layout_rect box, const char *s, const canvas_style *st);
/* canvas_fit for a caller that only asks whether s fits at need_px or more:
 * .below_need when the estimates already say no (see layout_text_style). */
layout_text canvas_fit_need(canvas *c, layout_rect box, const char *s, const canvas_style *st,
                            int need_px);
/* Width of s on one line at px in face. */
int canvas_measure(canvas *c, fonts_face face, int px, const char *s);

/* Runs the page checks (overlaps, bounds); call once when the slide is
 * complete. Returns the number of problems, each logged with the slide name. */
size_t canvas_finish(canvas *c);
size_t canvas_problems(const canvas *c);
/* A hash of everything the list draws (set by canvas_finish): two canvases
 * with the same fingerprint draw the same pixels, so a slide texture drawn
 * from one serves the other (deck_take keeps it). */
uint64_t canvas_fingerprint(const canvas *c);
/* Measures with f from now on (a slide laid out on another thread, taken
 * by the deck on screen: its state part is recorded again with the
 * screen's fonts, never with the thread's). */
void canvas_use_fonts(canvas *c, fonts *f);
int canvas_smallest_px(const canvas *c); /* 0 when no text */
/* CANVAS_OK, or why the slide is incomplete (logged once, with its name):
 * CANVAS_FULL, more than CANVAS_MAX_OPS operations; CANVAS_NOMEM. */
canvas_status canvas_check(const canvas *c);
const char *canvas_name(const canvas *c);

/* The state part: what shows the feeds' state (the footer's date and
 * badge), kept apart from the rest of the slide so that a change of state
 * records it again and lays nothing else out. It is drawn after the rest,
 * its texts are read after the others (tail lines included), and its
 * problems, smallest text and status count with the slide's. area is where
 * it goes (reserved by the builder at the widest it can need), tag what it
 * shows (the frame's feed mask; 0: the slide has no state part). */
void canvas_state_area(canvas *c, layout_rect area, unsigned tag);
unsigned canvas_state_tag(const canvas *c, layout_rect *area);
/* A new empty canvas to record a state part in: c's fonts, size, name and
 * text alternative setting. NULL when out of memory (c is then incomplete,
 * CANVAS_NOMEM, like any recording that runs out of memory). */
canvas *canvas_state_begin(canvas *c);
/* Makes st (from canvas_state_begin; taken, NULL: none) c's state part in
 * place of the previous one, which is freed. Its texts are checked against
 * the slide's (canvas_finish's checks) once the slide is finished. Returns
 * true when it draws or reads differently from the one it replaces. */
bool canvas_state_end(canvas *c, canvas *st);
/* The k-th line of text drawn (the state part's aside): its text, size in
 * pixels, line box and colour; NULL past the last (tests: the type scale). */
const char *canvas_text_op(const canvas *c, size_t k, int *px, layout_rect *box, theme_role *fg);
/* A place the slide leaves free of anything drawn, for the marks the
 * kiosk draws over it (pause, pin), where a builder says: area. room is
 * the builder's own note of the room it had (the frame: the footer's row
 * beside the source), kept with it for the next choice of area (a change
 * of state). canvas_marks is false when area is empty. */
void canvas_set_marks(canvas *c, layout_rect room, layout_rect area);
bool canvas_marks(const canvas *c, layout_rect *room, layout_rect *area);
/* Operations recorded, the state part's apart (tests). */
size_t canvas_ops(const canvas *c);

/* Replays the list with its top-left corner at (x, y). */
void canvas_draw(const canvas *c, SDL_Renderer *r, textcache *tc, int x, int y);
/* Replays the list from operation first on, stopping before an operation
 * once vclock_system_us() reaches until_us (one at least); returns where
 * it stopped: canvas_ops(c) when the whole list (state part included) is
 * drawn. A slide drawn ahead in slices (deck_prepare). */
size_t canvas_draw_part(const canvas *c, SDL_Renderer *r, textcache *tc, int x, int y, size_t first,
                        int64_t until_us);
/* The list scaled into dst (the slide's aspect) of the current target: a
 * thumbnail drawn at its own size, text rendered small (or greeked below
 * CANVAS_THUMB_MIN_PX), so it costs a fraction of a full-size render.
 * From operation first on, stopping like canvas_draw_part. */
#define CANVAS_THUMB_MIN_PX 6.0f
size_t canvas_draw_thumb(const canvas *c, SDL_Renderer *r, textcache *tc, SDL_Rect dst,
                         size_t first, int64_t until_us);

#endif
