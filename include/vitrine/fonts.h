/* fonts: the two type faces of the screens (regular, bold), found at run
 * time among the Debian font packages (fonts-inter, then fonts-dejavu-core;
 * in the folder FONTS_DIR_ENV names when it is set, by file name),
 * measured and rasterised with SDL_ttf at any pixel size. Font files are read
 * once; a bounded set of (face, size) TTF_Font objects is kept open so that
 * repeated measurements at a size reuse SDL_ttf's glyph cache.
 *
 * No empty boxes: a character the face lacks (emoji, pictographs, scripts
 * Inter does not cover) is measured and drawn from the first fallback that
 * has it, DejaVu Sans (Greek, Cyrillic, Arabic, Hebrew, symbols) then
 * Symbola (fonts-symbola: monochrome emoji, drawn in the text's colour, so
 * the theme's contrast checks still hold), loaded only when a text needs
 * them, then WenQuanYi Micro Hei (fonts-wqy-microhei: Chinese, Japanese,
 * Korean). A stretch of characters no font has is replaced by a visible
 * placeholder ("[texte en chinois]", "[U+1F9CC]"), measured and drawn as
 * such, and fonts_missing counts its characters (the slides report them as
 * a layout problem).
 * Bytes that are not UTF-8 are drawn as U+FFFD, control characters as
 * spaces, and a text longer than FONTS_TEXT_MAX bytes is cut with an
 * ellipsis: measuring and drawing always see the same text. */
#ifndef VITRINE_FONTS_H
#define VITRINE_FONTS_H

#include <SDL2/SDL.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FONTS_ERR_LEN 256
#define FONTS_MAX_OPEN 6           /* open fonts, resized on demand (~250 KiB each) */
#define FONTS_MAX_PX 1024          /* larger sizes are clamped */
#define FONTS_TEXT_MAX 1024        /* longest string measured or drawn */
#define FONTS_FILE_MAX (16u << 20) /* font files larger than this are refused */
#define FONTS_MAX_RUNS 64 /* font changes in one text; past that, characters are left out */
#define FONTS_PATH_LEN 512
/* A folder holding the font files (Inter-Regular.otf, DejaVuSans.ttf, ...,
 * by Debian's file names), looked in instead of /usr/share/fonts: for tests
 * and for a screen whose fonts are not Debian's packages. */
#define FONTS_DIR_ENV "VITRINE_FONT_DIR"

typedef enum { FONTS_REGULAR, FONTS_BOLD, FONTS_FACE_COUNT } fonts_face;

typedef struct fonts fonts;

/* Finds and reads the font files; NULL with the paths tried in err. */
fonts *fonts_new(char err[FONTS_ERR_LEN]);
void fonts_free(fonts *f); /* accepts NULL */
/* Which files fonts_new would take, without opening them: line is one
 * sentence when a face of the screens stands in for Inter ("Inter Bold not
 * found; DejaVu Sans Bold stands in (install fonts-inter)"), "" when Inter
 * is there. False (line says what is missing) when a face has no file. */
bool fonts_substitutes(char line[FONTS_ERR_LEN]);

/* Width in pixels of s[0..len); a layout_measure_fn when ctx is a fonts*. */
int fonts_measure(void *ctx, int face, int px, const char *s, size_t len);
/* How much wider than Inter the face sets text (1 for Inter; DejaVu Sans
 * about 1.07, its bold 1.17): the layout's smallest size is Inter's
 * divided by it, so that the texts that fit in Inter fit in the face that
 * stands in (the same characters a line, a little smaller). */
float fonts_width_ratio(fonts *f, int face);
/* Anti-aliased rendering of s (NUL-terminated) in colour c; caller frees.
 * NULL when nothing is drawn (empty, or only characters no font has). */
SDL_Surface *fonts_render(fonts *f, int face, int px, const char *s, SDL_Color c);
/* Characters of s[0..len) that no font can draw in this face, left out of
 * what fonts_measure and fonts_render see (with the ones past
 * FONTS_MAX_RUNS); *first is the first of them (0 when none). Invisible
 * characters (joiners, variation selectors) are never missing: the run's
 * font shapes them, or they are left out. */
size_t fonts_missing(fonts *f, int face, int px, const char *s, size_t len, uint32_t *first);

#endif
