/* textcache: every (face, size, colour, string) rendered once into an
 * SDL_Texture and reused, in a least-recently-used cache bounded both in
 * entries and in texture bytes. Clear it when the renderer loses its
 * textures (SDL_RENDER_TARGETS_RESET / SDL_RENDER_DEVICE_RESET). */
#ifndef VITRINE_TEXTCACHE_H
#define VITRINE_TEXTCACHE_H

#include <SDL2/SDL.h>
#include <stddef.h>

#include "vitrine/fonts.h"
#include "vitrine/theme.h"

#define TEXTCACHE_MAX_ENTRIES 512
#define TEXTCACHE_MAX_BYTES ((size_t)1 << 20)

typedef struct textcache textcache;

/* r and f are borrowed and must outlive the cache. NULL on allocation failure. */
textcache *textcache_new(SDL_Renderer *r, fonts *f);
void textcache_free(textcache *tc); /* accepts NULL */
/* The texture for s, rendered on first use; NULL for an empty string or on
 * failure. Owned by the cache: valid until the next textcache_get. */
SDL_Texture *textcache_get(textcache *tc, int face, int px, theme_color fg, const char *s, int *w,
                           int *h);
void textcache_clear(textcache *tc);
/* Textures the cache holds (tests: a renderer reset must leave none). */
size_t textcache_count(const textcache *tc);

#endif
