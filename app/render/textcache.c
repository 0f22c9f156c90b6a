/* textcache: a flat array of entries searched by hash; LRU eviction by tick.
 * 512 entries scanned linearly cost far less than one glyph rasterisation. */
#include "vitrine/textcache.h"

#include "vitrine/hash.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    SDL_Texture *tex;
    char *text;
    uint64_t hash;
    int face, px, w, h;
    theme_color fg;
    size_t bytes;
    uint64_t used; /* LRU tick: 64 bits, never wraps (32-bit long on armhf) */
} entry;

struct textcache {
    SDL_Renderer *r;
    fonts *fonts;
    entry entries[TEXTCACHE_MAX_ENTRIES];
    size_t bytes;
    uint64_t tick;
};

textcache *textcache_new(SDL_Renderer *r, fonts *f)
{
    textcache *tc = calloc(1, sizeof *tc);
    if (tc) {
        tc->r = r;
        tc->fonts = f;
    }
    return tc;
}

static void drop(textcache *tc, entry *e)
{
    if (!e->tex)
        return;
    SDL_DestroyTexture(e->tex);
    free(e->text);
    tc->bytes -= e->bytes;
    memset(e, 0, sizeof *e);
}

void textcache_clear(textcache *tc)
{
    for (size_t i = 0; tc && i < TEXTCACHE_MAX_ENTRIES; i++)
        drop(tc, &tc->entries[i]);
}

size_t textcache_count(const textcache *tc)
{
    size_t n = 0;
    for (size_t i = 0; tc && i < TEXTCACHE_MAX_ENTRIES; i++)
        n += tc->entries[i].tex != NULL;
    return n;
}

void textcache_free(textcache *tc)
{
    if (!tc)
        return;
    textcache_clear(tc);
    free(tc);
}

static uint64_t hash_key(int face, int px, theme_color fg, const char *s)
{
    unsigned char head[6] = {
        (unsigned char)face, (unsigned char)px, (unsigned char)(px >> 8), fg.r, fg.g, fg.b};
    return hash_fnv1a64_str(hash_fnv1a64(HASH_FNV1A64_BASIS, head, sizeof head), s);
}

static entry *find(textcache *tc, uint64_t h, int face, int px, theme_color fg, const char *s)
{
    for (size_t i = 0; i < TEXTCACHE_MAX_ENTRIES; i++) {
        entry *e = &tc->entries[i];
        if (e->tex && e->hash == h && e->face == face && e->px == px && e->fg.r == fg.r &&
            e->fg.g == fg.g && e->fg.b == fg.b && strcmp(e->text, s) == 0)
            return e;
    }
    return NULL;
}

/* Frees least recently used entries until `need` more bytes and one more
 * entry fit; returns a free slot. */
static entry *make_room(textcache *tc, size_t need)
{
    for (;;) {
        entry *lru = NULL, *empty = NULL;
        for (size_t i = 0; i < TEXTCACHE_MAX_ENTRIES; i++) {
            entry *e = &tc->entries[i];
            if (!e->tex)
                empty = empty ? empty : e;
            else if (!lru || e->used < lru->used)
                lru = e;
        }
        if (empty && tc->bytes + need <= TEXTCACHE_MAX_BYTES)
            return empty;
        if (!lru)
            return empty; /* nothing left to evict: one oversized entry */
        drop(tc, lru);
    }
}

SDL_Texture *textcache_get(textcache *tc, int face, int px, theme_color fg, const char *s, int *w,
                           int *h)
{
    *w = *h = 0;
    if (!s || !*s)
        return NULL;
    uint64_t hash = hash_key(face, px, fg, s);
    entry *e = find(tc, hash, face, px, fg, s);
    if (!e) {
        SDL_Surface *surf =
            fonts_render(tc->fonts, face, px, s, (SDL_Color){fg.r, fg.g, fg.b, 255});
        if (!surf)
            return NULL;
        size_t bytes = (size_t)surf->w * (size_t)surf->h * 4;
        char *copy = strdup(s);
        SDL_Texture *tex = copy ? SDL_CreateTextureFromSurface(tc->r, surf) : NULL;
        int sw = surf->w, sh = surf->h;
        SDL_FreeSurface(surf);
        if (!tex) {
            free(copy);
            return NULL;
        }
        SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
        e = make_room(tc, bytes);
        *e = (entry){tex, copy, hash, face, px, sw, sh, fg, bytes, 0};
        tc->bytes += bytes;
    }
    e->used = ++tc->tick;
    *w = e->w;
    *h = e->h;
    return e->tex;
}
