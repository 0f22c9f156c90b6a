/* picture: read, check the header, decode from memory, convert, fit
 * (picture.h). Every failing step frees what the steps before it built. */
#include "picture.h"

#include <SDL2/SDL_image.h>
#include <stdio.h>
#include <stdlib.h>

#include "vitrine/fileio.h"
#include "vitrine/imagehead.h"

#define PICTURE_FORMAT SDL_PIXELFORMAT_ARGB8888
#define PICTURE_IMG_FLAGS (IMG_INIT_PNG | IMG_INIT_JPG)
#define PICTURE_PATH_SHOWN 300 /* bytes of the path in a message */

bool picture_init(char err[PICTURE_ERR_LEN])
{
    if ((IMG_Init(PICTURE_IMG_FLAGS) & PICTURE_IMG_FLAGS) != PICTURE_IMG_FLAGS) {
        snprintf(err, PICTURE_ERR_LEN, "SDL2_image: no PNG or JPEG decoder: %s", IMG_GetError());
        return false;
    }
    return true;
}

void picture_quit(void)
{
    IMG_Quit();
}

void picture_fit(long w, long h, int fit_w, int fit_h, int *out_w, int *out_h)
{
    /* Compared as cross products in 64 bits: w * fit_h <= h * fit_w means
     * the height is the side that binds. Rounded to the nearest pixel. */
    long long lw = w, lh = h;
    if (lw * fit_h <= lh * fit_w) {
        *out_h = fit_h;
        *out_w = (int)((lw * fit_h * 2 + lh) / (lh * 2));
    } else {
        *out_w = fit_w;
        *out_h = (int)((lh * fit_w * 2 + lw) / (lw * 2));
    }
    if (*out_w < 1)
        *out_w = 1;
    if (*out_h < 1)
        *out_h = 1;
}

static picture_status refuse(char err[PICTURE_ERR_LEN], const char *path, const char *why)
{
    /* Both parts bounded: the line always fits, whatever the compiler
     * assumes of why's length (32-bit builds warn otherwise). */
    snprintf(err, PICTURE_ERR_LEN, "%.*s: %.200s", PICTURE_PATH_SHOWN, path, why);
    return PICTURE_REFUSED;
}

/* The file's bytes and its header, refused before any pixel exists. */
static picture_status read_checked(const char *path, char **buf, size_t *len, imagehead_info *info,
                                   char err[PICTURE_ERR_LEN])
{
    char ferr[FILEIO_ERR_LEN];
    fileio_status fs = fileio_read(path, PICTURE_MAX_BYTES, buf, len, ferr);
    if (fs != FILEIO_OK) {
        snprintf(err, PICTURE_ERR_LEN, "%s", ferr); /* names the path already */
        return fs == FILEIO_NOMEM ? PICTURE_NOMEM : PICTURE_REFUSED;
    }
    char herr[IMAGEHEAD_ERR_LEN];
    picture_status st = PICTURE_OK;
    if (imagehead_read((const unsigned char *)*buf, *len, info, herr) != IMAGEHEAD_OK) {
        st = refuse(err, path, herr);
    } else if (info->width > PICTURE_MAX_PIXELS / info->height) {
        char why[128];
        snprintf(why, sizeof why, "%ldx%ld pixels, more than the %ld megapixels a poster may have",
                 info->width, info->height, PICTURE_MAX_PIXELS / 1000000L);
        st = refuse(err, path, why);
    } else if (info->width > PICTURE_MAX_SIDE || info->height > PICTURE_MAX_SIDE) {
        char why[128];
        snprintf(why, sizeof why, "%ldx%ld pixels, a side longer than the %ld a poster may have",
                 info->width, info->height, PICTURE_MAX_SIDE);
        st = refuse(err, path, why);
    }
    if (st != PICTURE_OK) {
        free(*buf);
        *buf = NULL;
    }
    return st;
}

/* Decodes as the header's kind, from memory, to ARGB8888 at the header's
 * size. */
static picture_status decode(const char *path, const char *buf, size_t len,
                             const imagehead_info *info, SDL_Surface **out,
                             char err[PICTURE_ERR_LEN])
{
    SDL_RWops *rw = SDL_RWFromConstMem(buf, (int)len); /* len <= PICTURE_MAX_BYTES */
    if (!rw)
        return PICTURE_NOMEM;
    SDL_Surface *img = IMG_LoadTyped_RW(rw, 1, info->kind == IMAGEHEAD_PNG ? "PNG" : "JPG");
    if (!img) {
        char why[256];
        snprintf(why, sizeof why, "cannot decode: %s", IMG_GetError());
        return refuse(err, path, why);
    }
    if (img->w != info->width || img->h != info->height) {
        char why[160];
        snprintf(why, sizeof why, "decoded as %dx%d pixels, its header says %ldx%ld", img->w,
                 img->h, info->width, info->height);
        SDL_FreeSurface(img);
        return refuse(err, path, why);
    }
    *out = SDL_ConvertSurfaceFormat(img, PICTURE_FORMAT, 0);
    SDL_FreeSurface(img);
    return *out ? PICTURE_OK : PICTURE_NOMEM;
}

/* src stretched to w x h into a new surface; src is freed either way. */
static SDL_Surface *stretch(SDL_Surface *src, int w, int h, bool *nomem)
{
    SDL_Surface *dst = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, PICTURE_FORMAT);
    SDL_BlendMode mode;
    if (dst && SDL_GetSurfaceBlendMode(src, &mode) == 0)
        SDL_SetSurfaceBlendMode(dst, mode); /* a PNG's transparency stays */
    *nomem = dst == NULL;
    if (dst && SDL_SoftStretchLinear(src, NULL, dst, NULL) != 0) {
        SDL_FreeSurface(dst);
        dst = NULL;
    }
    SDL_FreeSurface(src);
    return dst;
}

/* Halvings while the half still covers the target (each an exact 2x2 box
 * average), then one bilinear step of less than 2x, or any upscale. */
static SDL_Surface *fit(SDL_Surface *img, int w, int h, bool *nomem)
{
    while (img && img->w / 2 >= w && img->h / 2 >= h)
        img = stretch(img, img->w / 2, img->h / 2, nomem);
    if (img && (img->w != w || img->h != h))
        img = stretch(img, w, h, nomem);
    return img;
}

picture_status picture_load(const char *path, int fit_w, int fit_h, SDL_Surface **out,
                            char err[PICTURE_ERR_LEN])
{
    *out = NULL;
    err[0] = '\0';
    if (fit_w <= 0 || fit_h <= 0 || fit_w > PICTURE_MAX_FIT / fit_h) {
        char why[96];
        snprintf(why, sizeof why, "cannot fit into %dx%d pixels", fit_w, fit_h);
        return refuse(err, path, why);
    }
    char *buf;
    size_t len;
    imagehead_info info;
    picture_status st = read_checked(path, &buf, &len, &info, err);
    if (st != PICTURE_OK)
        return st;
    SDL_Surface *img = NULL;
    st = decode(path, buf, len, &info, &img, err);
    free(buf);
    int w, h;
    picture_fit(info.width, info.height, fit_w, fit_h, &w, &h);
    bool nomem = false;
    if (st == PICTURE_OK) {
        *out = fit(img, w, h, &nomem);
        st = *out ? PICTURE_OK : nomem ? PICTURE_NOMEM : PICTURE_REFUSED;
        if (st == PICTURE_REFUSED) {
            char why[256];
            snprintf(why, sizeof why, "cannot scale to %dx%d: %s", w, h, SDL_GetError());
            refuse(err, path, why);
        }
    }
    if (st == PICTURE_NOMEM)
        snprintf(err, PICTURE_ERR_LEN, "%.*s: not enough memory for its %ldx%ld pixels",
                 PICTURE_PATH_SHOWN, path, info.width, info.height);
    return st;
}
