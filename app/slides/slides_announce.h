/* slides_announce: the operator's own slides: an announcement (announce.h)
 * in the house style, and a poster (an image shown whole, letterboxed on
 * the theme's background). */
#ifndef VITRINE_SLIDES_ANNOUNCE_H
#define VITRINE_SLIDES_ANNOUNCE_H

#include <SDL2/SDL.h>
#include <stdbool.h>
#include <stddef.h>

#include "canvas.h"
#include "frame.h"
#include "vitrine/announce.h"

#define SLIDES_ANNOUNCE_WINDOW_LEN 160

/* The title, the text fitted to the stage, a QR code of the url when there
 * is one, the window's dates in the footer. */
bool slides_announce(canvas *c, const frame_input *in, const announce *a);
/* image: borrowed, must outlive the canvas; NULL: no slide. */
bool slides_poster(canvas *c, SDL_Surface *image);
/* The window as the footer says it: "Du 7 décembre 2026 au 9 décembre
 * 2026", "Le 7 décembre 2026, de 9 h à 18 h 30" (exposed for tests). */
void slides_announce_window(const announce *a, char out[SLIDES_ANNOUNCE_WINDOW_LEN]);

#endif
