/* texttex: a line of text rendered once into a texture (texttex.h). */
#include "texttex.h"

texttex texttex_make(SDL_Renderer *r, fonts *f, int px, const char *s, SDL_Color c)
{
    texttex t = {0};
    SDL_Surface *surf = fonts_render(f, FONTS_REGULAR, px, s, c);
    if (!surf)
        return t;
    t.tex = SDL_CreateTextureFromSurface(r, surf);
    t.w = surf->w, t.h = surf->h;
    SDL_FreeSurface(surf);
    return t;
}

void texttex_free(texttex *t)
{
    if (t->tex)
        SDL_DestroyTexture(t->tex);
    *t = (texttex){0};
}

void texttex_draw(SDL_Renderer *r, const texttex *t, int x, int y)
{
    if (t->tex)
        SDL_RenderCopy(r, t->tex, NULL, &(SDL_Rect){x, y, t->w, t->h});
}
