/* texttex: one line of text as a texture, for what the kiosk draws over
 * the slides (the help, the pause and pin marks, the waiting message, the
 * overview's titles). The slides have their own cache (textcache.h); these
 * are few, made once per size and kept by their owner. SDL-side. */
#ifndef VITRINE_TEXTTEX_H
#define VITRINE_TEXTTEX_H

#include <SDL2/SDL.h>

#include "vitrine/fonts.h"

typedef struct {
    SDL_Texture *tex; /* NULL: nothing to draw (empty text, or it could not be made) */
    int w, h;
} texttex;

/* s in the regular face at px pixels, colour c, with r; f borrowed for the
 * call. The caller frees it with texttex_free. */
texttex texttex_make(SDL_Renderer *r, fonts *f, int px, const char *s, SDL_Color c);
void texttex_free(texttex *t); /* leaves it empty; accepts an empty one */
/* Copies t with its top-left corner at (x, y), at its own size. */
void texttex_draw(SDL_Renderer *r, const texttex *t, int x, int y);

#endif
