/* fonts: font discovery (fixed fontconfig paths of Debian 12), file bytes
 * kept in memory, a few TTF_Font resized on demand (each open font costs
 * ~250 KiB, measured: 48 of them were 11 MB of the kiosk's RSS; resizing
 * one avoids the open / close churn), and a memo of
 * measured widths: the layout measures the same strings at the same sizes
 * many times (footers on every slide, the bisection on sizes, every rebuild
 * after a refresh), and each TTF_SizeUTF8 shapes the text with HarfBuzz. */
#include "vitrine/fonts.h"

#include <SDL2/SDL_ttf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitrine/fileio.h"
#include "vitrine/hash.h"

/* Inter first (the screens' face), DejaVu Sans as the fallback that every
 * Debian image has. */
static const char *const candidates[FONTS_FACE_COUNT][4] = {
    [FONTS_REGULAR] = {"/usr/share/fonts/opentype/inter/Inter-Regular.otf",
                       "/usr/share/fonts/truetype/inter/Inter-Regular.ttf",
                       "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", NULL},
    [FONTS_BOLD] = {"/usr/share/fonts/opentype/inter/Inter-Bold.otf",
                    "/usr/share/fonts/truetype/inter/Inter-Bold.ttf",
                    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", NULL},
};

typedef struct {
    TTF_Font *font;
    int face, px;
    unsigned long used; /* LRU tick */
} open_font;

/* Measured widths by key (hash of face, size and bytes; 0 = empty slot).
 * A 64-bit hash over a few thousand strings: a collision is negligible, and
 * would only misplace one text. Fixed size: 16 KiB entries, 256 KiB. */
#define MEMO_SLOTS 16384 /* a power of two */
#define MEMO_PROBES 8

typedef struct {
    uint64_t key;
    int width;
} memo_entry;

struct fonts {
    memo_entry memo[MEMO_SLOTS];
    char *data[FONTS_FACE_COUNT];
    size_t size[FONTS_FACE_COUNT];
    const char *path[FONTS_FACE_COUNT];
    open_font open[FONTS_MAX_OPEN];
    unsigned long tick;
    bool ttf_started;
};

static bool load_face(fonts *f, int face, char err[FONTS_ERR_LEN])
{
    char ferr[FILEIO_ERR_LEN];
    for (int i = 0; candidates[face][i]; i++) {
        const char *p = candidates[face][i];
        if (fileio_exists(p) &&
            fileio_read(p, FONTS_FILE_MAX, &f->data[face], &f->size[face], ferr) == FILEIO_OK) {
            f->path[face] = p;
            return true;
        }
    }
    snprintf(err, FONTS_ERR_LEN, "fonts: no %s font found (tried %s, %s; install fonts-inter)",
             face == FONTS_BOLD ? "bold" : "regular", candidates[face][0], candidates[face][2]);
    return false;
}

fonts *fonts_new(char err[FONTS_ERR_LEN])
{
    fonts *f = calloc(1, sizeof *f);
    if (!f) {
        snprintf(err, FONTS_ERR_LEN, "fonts: out of memory");
        return NULL;
    }
    if (TTF_Init() != 0) {
        snprintf(err, FONTS_ERR_LEN, "fonts: TTF_Init: %s", TTF_GetError());
        free(f);
        return NULL;
    }
    f->ttf_started = true;
    for (int face = 0; face < FONTS_FACE_COUNT; face++) {
        if (!load_face(f, face, err)) {
            fonts_free(f);
            return NULL;
        }
    }
    return f;
}

void fonts_free(fonts *f)
{
    if (!f)
        return;
    for (int i = 0; i < FONTS_MAX_OPEN; i++)
        if (f->open[i].font)
            TTF_CloseFont(f->open[i].font);
    for (int face = 0; face < FONTS_FACE_COUNT; face++)
        free(f->data[face]);
    if (f->ttf_started)
        TTF_Quit(); /* reference-counted by SDL_ttf */
    free(f);
}

/* The open font for (face, px). A miss takes a free slot, else the least
 * recently used font of the same face, resized in place, else the least
 * recently used font, closed and reopened. */
static TTF_Font *font_at(fonts *f, int face, int px)
{
    if (face < 0 || face >= FONTS_FACE_COUNT)
        face = FONTS_REGULAR;
    px = px < 1 ? 1 : px > FONTS_MAX_PX ? FONTS_MAX_PX : px;
    open_font *empty = NULL, *same = NULL, *oldest = NULL;
    for (int i = 0; i < FONTS_MAX_OPEN; i++) {
        open_font *o = &f->open[i];
        if (!o->font) {
            empty = empty ? empty : o;
            continue;
        }
        if (o->face == face && o->px == px) {
            o->used = ++f->tick;
            return o->font;
        }
        if (o->face == face && (!same || o->used < same->used))
            same = o;
        if (!oldest || o->used < oldest->used)
            oldest = o;
    }
    open_font *slot = empty ? empty : same ? same : oldest;
    if (slot == same && TTF_SetFontSize(slot->font, px) != 0) {
        TTF_CloseFont(slot->font); /* not resizable: reopen below */
        slot->font = NULL;
    } else if (slot != same && slot->font) {
        TTF_CloseFont(slot->font);
        slot->font = NULL;
    }
    if (!slot->font) {
        SDL_RWops *rw = SDL_RWFromConstMem(f->data[face], (int)f->size[face]);
        slot->font = rw ? TTF_OpenFontRW(rw, 1, px) : NULL;
    }
    slot->face = face;
    slot->px = px;
    slot->used = ++f->tick;
    return slot->font;
}

/* A NUL-terminated copy of s[0..len) clipped to FONTS_TEXT_MAX bytes. */
static void copy_text(char out[FONTS_TEXT_MAX], const char *s, size_t len)
{
    if (len >= FONTS_TEXT_MAX)
        len = FONTS_TEXT_MAX - 1;
    memcpy(out, s, len);
    out[len] = '\0';
}

static uint64_t memo_key(int face, int px, const char *s, size_t len)
{
    uint64_t h = hash_fnv1a64(HASH_FNV1A64_BASIS, s, len);
    h ^= ((uint64_t)(unsigned)face << 56) ^ ((uint64_t)(unsigned)px << 32) ^ len;
    h *= 0x9e3779b97f4a7c15u; /* spread the size and face bits */
    return h ? h : 1;
}

/* The slot holding key, or the slot to fill (an empty one, else the first
 * probed: an old width is simply measured again when needed). */
static memo_entry *memo_slot(fonts *f, uint64_t key)
{
    size_t home = (size_t)(key >> 20) & (MEMO_SLOTS - 1);
    for (size_t i = 0; i < MEMO_PROBES; i++) {
        memo_entry *e = &f->memo[(home + i) & (MEMO_SLOTS - 1)];
        if (e->key == key || e->key == 0)
            return e;
    }
    return &f->memo[home];
}

int fonts_measure(void *ctx, int face, int px, const char *s, size_t len)
{
    fonts *f = ctx;
    char buf[FONTS_TEXT_MAX];
    int w = 0, h = 0;
    if (len == 0)
        return 0;
    copy_text(buf, s, len);
    len = strlen(buf); /* as clipped */
    uint64_t key = memo_key(face, px, buf, len);
    memo_entry *e = memo_slot(f, key);
    if (e->key == key)
        return e->width;
    TTF_Font *font = font_at(f, face, px);
    if (!font || TTF_SizeUTF8(font, buf, &w, &h) != 0)
        return 0;
    *e = (memo_entry){key, w};
    return w;
}

SDL_Surface *fonts_render(fonts *f, int face, int px, const char *s, SDL_Color c)
{
    TTF_Font *font = font_at(f, face, px);
    if (!font || !s || !*s)
        return NULL;
    return TTF_RenderUTF8_Blended(font, s, c);
}
