/* picture: a poster file (PNG or JPEG) decoded and scaled to fit a size,
 * refused whole when it cannot be shown whole, and refused before decoding
 * when decoding it would take more memory than allowed.
 *
 * The file is read through fileio_read (a regular file, at most
 * PICTURE_MAX_BYTES), its header through imagehead_read: a file that is not
 * a PNG or a JPEG, that is cut short, or that has a side above
 * PICTURE_MAX_SIDE (which could not be scaled) is refused before any
 * decoding. So is one whose decoded size would exceed the caller's
 * max_pixels (kiosk.poster_max_pixels): a PNG is decoded at its full size,
 * so a 115 KB PNG of 6300x6300 pixels (159 MB decoded) is refused with the
 * size to export it at; a JPEG is decoded by TurboJPEG at the smallest of
 * its scales (1/8, 2/8 ... 8/8) that still covers the fitted size, so a
 * 4000x3000 photo fitted to 1440x1080 is decoded at 3/8 (1500x1125) and the
 * full image never exists in memory; a JPEG in several scans (progressive)
 * keeps every coefficient while decoding, so its full size counts. And one
 * whose fitted picture would not fit in the caller's room (the posters'
 * budget) is PICTURE_NO_ROOM before decoding.
 *
 * SDL2_image decodes a PNG from memory, TurboJPEG a JPEG, as the kind the
 * header says (never guessed from the name). A decoded size that differs
 * from the header's is refused, and so is a JPEG whose data disagrees with
 * its header (data cut short or left over, corrupt): TurboJPEG stops at
 * libjpeg's first warning.
 *
 * The result is ARGB8888 at the largest size that fits fit_w x fit_h with
 * the image's aspect ratio (never stretched; small images are scaled up):
 * the only copy kept, never the file's size. Drawing it centred on the
 * background (the letterbox) is the caller's. Downscaling halves the image
 * with SDL_SoftStretchLinear (each 2x step is then the exact average of
 * 2x2 pixels) until it is within 2x of the target, then stretches once:
 * text and fine detail stay legible, without the moiré of one bilinear
 * step from far away.
 *
 * Thread-safety: touches no renderer and no window, only surfaces and a
 * TurboJPEG handle of its own per load, so it may run on a loader thread.
 * SDL2_image's lazy start (IMG_Init, a counter of its own) is not
 * thread-safe: picture_init must have returned, on the main thread, before
 * picture_load runs on another one. EXIF orientation is not applied
 * (TurboJPEG 2.1 does not read it). */
#ifndef VITRINE_PICTURE_H
#define VITRINE_PICTURE_H

#include <SDL2/SDL.h>
#include <stdbool.h>
#include <stddef.h>

#define PICTURE_ERR_LEN 512
#define PICTURE_MAX_PIXELS 40000000L /* the largest max_pixels: 160 MB decoded */
#define PICTURE_MIN_PIXELS 100000L   /* the smallest max_pixels */
#define PICTURE_BYTES_PER_PIXEL 4    /* ARGB8888 */
/* The setting a message names when max_pixels refuses a file. */
/* The setting a message names when max_pixels refuses a file. */
#define PICTURE_PIXELS_KEY "kiosk.poster_max_pixels"
#define PICTURE_MAX_BYTES ((size_t)64 << 20) /* larger files refused */
#define PICTURE_MAX_FIT PICTURE_MAX_PIXELS   /* fit_w x fit_h: at most this many pixels */
#define PICTURE_MAX_SIDE 65535L /* SDL_SoftStretchLinear's limit: wider or taller is refused */

typedef enum {
    PICTURE_OK = 0,
    PICTURE_REFUSED, /* not a file, not an image, cut short, too large, undecodable */
    PICTURE_NO_ROOM, /* its fitted picture would take more than the room given */
    PICTURE_NOMEM
} picture_status;

/* What a load may take. */
typedef struct {
    long max_pixels; /* decoded size allowed, PICTURE_MIN_PIXELS..PICTURE_MAX_PIXELS */
    size_t room;     /* bytes the fitted picture may take (SIZE_MAX: any) */
} picture_limits;

/* Starts SDL2_image's PNG and JPEG decoders (IMG_Init) once, on the main
 * thread, before any picture_load on another thread; false with
 * IMG_GetError() in err when one is missing. Pair with picture_quit. */
bool picture_init(char err[PICTURE_ERR_LEN]);
void picture_quit(void);

/* Loads path fitted into fit_w x fit_h (both > 0; a small picture at
 * twice its size, picture_small) within *lim. On
 * PICTURE_OK *out is a new surface the caller frees with SDL_FreeSurface;
 * otherwise *out is NULL and err holds one line naming the path and the
 * reason: "PATH: 6300x6300 pixels (39.7 megapixels decoded), more than the
 * 8.3 of kiosk.poster_max_pixels; export it at 1080x1080",
 * "PATH: not a PNG or JPEG image", "PATH: cut short: no PNG end chunk",
 * "PATH: cannot decode: <the decoder's reason>"; on PICTURE_NO_ROOM,
 * "PATH: 1440x1080 on screen (5.9 MiB)". */
picture_status picture_load(const char *path, int fit_w, int fit_h, const picture_limits *lim,
                            SDL_Surface **out, char err[PICTURE_ERR_LEN]);

/* A picture under half of fit_w x fit_h on both sides is small: it is
 * loaded at PICTURE_SMALL_ZOOM times its size, not fitted (more would be a
 * blur), so it touches neither side of the fit box. */
#define PICTURE_SMALL_ZOOM 2
bool picture_small(long w, long h, int fit_w, int fit_h);
/* The largest size that fits fit_w x fit_h with w:h's aspect ratio (each
 * side at least 1): what picture_load scales to. */
void picture_fit(long w, long h, int fit_w, int fit_h, int *out_w, int *out_h);

#endif
