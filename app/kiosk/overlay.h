/* overlay: what the kiosk draws over the slides: the help overlay listing
 * every key (from keymap, in French; opaque over a dimmed screen, so no
 * slide shows through its text), the discreet pause and pin marks, and the
 * message shown when no slide has data. Text textures are made once per
 * output size and kept until the size or the text changes. SDL-side. */
#ifndef VITRINE_OVERLAY_H
#define VITRINE_OVERLAY_H

#include <SDL2/SDL.h>
#include <stdbool.h>
#include <stdint.h>

#include "vitrine/fonts.h"
#include "vitrine/keymap.h"

typedef struct overlay overlay;

#define OVERLAY_MAX_LINES 16 /* lines of the help; more are logged and left out */

/* Draws with r and the text of f (both borrowed, outliving the overlay).
 * NULL only on allocation failure. */
overlay *overlay_new(SDL_Renderer *r, fonts *f);
void overlay_free(overlay *o); /* accepts NULL */
/* Drops cached textures (output size changed, render targets reset). */
void overlay_reset(overlay *o);

/* resume_s: seconds after which rotation resumes by itself. */
void overlay_draw_help(overlay *o, const keymap *k, int64_t resume_s, int w, int h, int dx, int dy);
/* The pause mark (a square with two bars) and the pin's pill
 * ("épinglée"), side by side, right-aligned in area and sized from its
 * height: a place the slide leaves free (deck_slide_marks), so that they
 * never cover what it shows. Nothing is drawn outside area. */
void overlay_draw_marks(overlay *o, SDL_Rect area, bool paused, bool pinned);
/* Centred two-line message on a dark background (no slide to show). */
void overlay_draw_message(overlay *o, const char *title, const char *line, int w, int h, int dx,
                          int dy);

#endif
