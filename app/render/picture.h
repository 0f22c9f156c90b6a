/* picture: a poster file (PNG or JPEG) decoded and scaled to fit a size,
 * refused whole when it cannot be shown whole.
 *
 * The file is read through fileio_read (a regular file, at most
 * PICTURE_MAX_BYTES), its header through imagehead_read: a file that is not
 * a PNG or a JPEG, that is cut short, or that claims more than
 * PICTURE_MAX_PIXELS (or a side above PICTURE_MAX_SIDE, which could not be
 * scaled) is refused before any decoding, so a 1 MB PNG claiming
 * 20000x20000 pixels never allocates them. SDL2_image decodes it from
 * memory as the kind the header says (never guessed from the name), and a
 * decoded size that differs from the header's is refused too.
 *
 * The result is ARGB8888 at the largest size that fits fit_w x fit_h with
 * the image's aspect ratio (never stretched; small images are scaled up).
 * Drawing it centred on the background (the letterbox) is the caller's.
 * Downscaling halves the image with SDL_SoftStretchLinear (each 2x step is
 * then the exact average of 2x2 pixels) until it is within 2x of the
 * target, then stretches once: text and fine detail stay legible, without
 * the moiré of one bilinear step from far away.
 *
 * Thread-safety: touches no renderer and no window, only surfaces, so it may
 * run on a loader thread. SDL2_image's lazy start (IMG_Init, a counter of
 * its own) is not thread-safe: picture_init must have returned, on the
 * main thread, before picture_load runs on another one. EXIF orientation is
 * not applied. */
#ifndef VITRINE_PICTURE_H
#define VITRINE_PICTURE_H

#include <SDL2/SDL.h>
#include <stdbool.h>
#include <stddef.h>

#define PICTURE_ERR_LEN 512
#define PICTURE_MAX_PIXELS 40000000L         /* larger images are refused before decoding */
#define PICTURE_MAX_BYTES ((size_t)64 << 20) /* larger files refused */
#define PICTURE_MAX_FIT PICTURE_MAX_PIXELS   /* fit_w x fit_h: at most this many pixels */
#define PICTURE_MAX_SIDE 65535L /* SDL_SoftStretchLinear's limit: wider or taller is refused */

typedef enum {
    PICTURE_OK = 0,
    PICTURE_REFUSED, /* not a file, not an image, cut short, too large, undecodable */
    PICTURE_NOMEM
} picture_status;

/* Starts SDL2_image's PNG and JPEG decoders (IMG_Init) once, on the main
 * thread, before any picture_load on another thread; false with
 * IMG_GetError() in err when one is missing. Pair with picture_quit. */
bool picture_init(char err[PICTURE_ERR_LEN]);
void picture_quit(void);

/* Loads path fitted into fit_w x fit_h (both > 0). On PICTURE_OK *out is a
 * new surface the caller frees with SDL_FreeSurface; otherwise *out is NULL
 * and err holds one line naming the path and the reason:
 * "PATH: 20000x20000 pixels, more than the 40 megapixels a poster may have",
 * "PATH: not a PNG or JPEG image", "PATH: cut short: no PNG end chunk",
 * "PATH: cannot decode: <SDL2_image's reason>". */
picture_status picture_load(const char *path, int fit_w, int fit_h, SDL_Surface **out,
                            char err[PICTURE_ERR_LEN]);

/* The largest size that fits fit_w x fit_h with w:h's aspect ratio (each
 * side at least 1): what picture_load scales to. */
void picture_fit(long w, long h, int fit_w, int fit_h, int *out_w, int *out_h);

#endif
