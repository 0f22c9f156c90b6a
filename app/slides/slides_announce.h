/* slides_announce: the operator's own slides: an announcement (announce.h)
 * designed as an event poster, and a poster (an image shown whole,
 * letterboxed on the theme's background). */
#ifndef VITRINE_SLIDES_ANNOUNCE_H
#define VITRINE_SLIDES_ANNOUNCE_H

#include <SDL2/SDL.h>
#include <stdbool.h>
#include <stddef.h>

#include "canvas.h"
#include "frame.h"
#include "vitrine/announce.h"

#define SLIDES_ANNOUNCE_WHEN_LEN 160

/* An event poster on a fill of the theme (a->color, blue by default): the
 * title the largest text, the event's date ("when") large under it, the
 * text fitted down to the smallest body size (cut with an ellipsis, and a
 * log line, only beyond), a QR code of the url with its host on a white
 * card. The display window is not shown: a visitor would read it as the
 * event's date. */
bool slides_announce(canvas *c, const frame_input *in, const announce *a);
/* image: borrowed, must outlive the canvas; NULL: no slide. Letterboxed.
 * small_w > 0: the file is small (posters_small), small_w x small_h
 * pixels: the image (at twice that) is centred, never enlarged further,
 * with a line saying it is small and the size to export it at. */
bool slides_poster(canvas *c, SDL_Surface *image, int small_w, int small_h);
/* The event's date as the poster says it: "jeudi 10 décembre, 14 h 30";
 * the year only when it is not today's; "" when a has no "when". */
void slides_announce_when(const announce *a, vt_date today, char out[SLIDES_ANNOUNCE_WHEN_LEN]);

#endif
