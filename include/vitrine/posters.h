/* posters: the operator's folder of posters (posters_dir), each a PNG or
 * JPEG file shown whole as a slide. A scan reads and decodes every file
 * (picture.h: refused before decoding when its decoded size would pass
 * max_pixels, refused when it is not a whole image), fitted to the slide's
 * size, in file-name order; a file refused is logged with one line naming
 * it and left out. Only the fitted pictures are kept, and together they
 * take at most max_bytes: the posters that would pass it are left out,
 * before decoding, named in one line. A scan touches no renderer: it runs
 * on the kiosk's reader thread. A set is immutable once scanned.
 *
 * posters_signature lists the folder without reading a file (names, sizes,
 * modification times): the kiosk scans again only when it changed, so a
 * refused file is logged once per change, not at every playlist cycle. */
#ifndef VITRINE_POSTERS_H
#define VITRINE_POSTERS_H

#include <SDL2/SDL.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define POSTERS_MAX 32       /* files of a folder shown; more are logged and left out */
#define POSTERS_NAME_LEN 64  /* "poster-demo-day", NUL included */
#define POSTERS_FILE_LEN 256 /* a file name, NUL included; longer ones are left out */
#define POSTERS_PREFIX "poster"

#define POSTERS_ERR_LEN 512

typedef struct posters posters;

/* What a scan may take (kiosk.poster_max_pixels, kiosk.posters_max_bytes). */
typedef struct {
    long max_pixels;   /* a file decoded at more pixels is refused (picture.h) */
    int64_t max_bytes; /* the fitted pictures of the set, all together */
} posters_limits;

/* Starts the image decoders (SDL2_image's start is not thread-safe): on
 * the main thread, before any scan on another one. False with the reason
 * in err; each poster is then refused with its own line. Pair with
 * posters_quit. */
bool posters_init(char err[POSTERS_ERR_LEN]);
void posters_quit(void);

/* A signature of dir's files, of the fit size and of the limits; 0 when
 * dir is "" (one of its own for a folder that cannot be listed, and its
 * reason). */
uint64_t posters_signature(const char *dir, int fit_w, int fit_h, const posters_limits *lim);
/* The posters of dir fitted into fit_w x fit_h within *lim. An unreadable
 * folder is logged and gives an empty set. NULL only when out of memory.
 * The caller frees with posters_free. */
posters *posters_scan(const char *dir, int fit_w, int fit_h, const posters_limits *lim);
void posters_free(posters *p); /* accepts NULL */

size_t posters_count(const posters *p); /* 0 for NULL */
/* The slide's name, "poster-" and the file's name made a slug
 * ("Demo Day.png" -> "poster-demo-day"). */
const char *posters_name(const posters *p, size_t i);
const char *posters_file(const posters *p, size_t i); /* "Demo Day.png" */
/* The fitted image (owned by the set). */
SDL_Surface *posters_image(const posters *p, size_t i);
/* posters_signature of the folder as this set was scanned. */
uint64_t posters_signature_of(const posters *p);
/* True when poster i's file is small (under half the stage on both
 * sides: shown at twice its size, not fitted), with its size in pixels. */
bool posters_small(const posters *p, size_t i, int *w, int *h);
/* Bytes the set's pictures take (0 for NULL). */
int64_t posters_bytes(const posters *p);

#endif
