/* fonts: the two type faces of the screens (regular, bold), found at run
 * time among the Debian font packages (fonts-inter, then fonts-dejavu-core),
 * measured and rasterised with SDL_ttf at any pixel size. Font files are read
 * once; a bounded set of (face, size) TTF_Font objects is kept open so that
 * repeated measurements at a size reuse SDL_ttf's glyph cache. */
#ifndef VITRINE_FONTS_H
#define VITRINE_FONTS_H

#include <SDL2/SDL.h>
#include <stddef.h>

#define FONTS_ERR_LEN 256
#define FONTS_MAX_OPEN 6           /* open fonts, resized on demand (~250 KiB each) */
#define FONTS_MAX_PX 1024          /* larger sizes are clamped */
#define FONTS_TEXT_MAX 1024        /* longest string measured or drawn */
#define FONTS_FILE_MAX (16u << 20) /* font files larger than this are refused */

typedef enum { FONTS_REGULAR, FONTS_BOLD, FONTS_FACE_COUNT } fonts_face;

typedef struct fonts fonts;

/* Finds and reads the font files; NULL with the paths tried in err. */
fonts *fonts_new(char err[FONTS_ERR_LEN]);
void fonts_free(fonts *f); /* accepts NULL */

/* Width in pixels of s[0..len); a layout_measure_fn when ctx is a fonts*. */
int fonts_measure(void *ctx, int face, int px, const char *s, size_t len);
/* Anti-aliased rendering of s (NUL-terminated) in colour c; caller frees. */
SDL_Surface *fonts_render(fonts *f, int face, int px, const char *s, SDL_Color c);

#endif
