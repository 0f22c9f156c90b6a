/* picture: read, check the header, decode from memory, convert, fit
 * (picture.h). Every failing step frees what the steps before it built. */
#include "picture.h"

#include <SDL2/SDL_image.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <turbojpeg.h>

#include "vitrine/fileio.h"
#include "vitrine/imagehead.h"

#define PICTURE_FORMAT SDL_PIXELFORMAT_ARGB8888
#define PICTURE_IMG_FLAGS IMG_INIT_PNG /* JPEG: TurboJPEG, which needs no start */
/* TurboJPEG's name for ARGB8888 as it lies in memory. */
#if SDL_BYTEORDER == SDL_LIL_ENDIAN
#define PICTURE_TJ_FORMAT TJPF_BGRA
#else
#define PICTURE_TJ_FORMAT TJPF_ARGB
#endif
#define MEGA 1e6
#define PICTURE_PATH_SHOWN 300 /* bytes of the path in a message */

bool picture_init(char err[PICTURE_ERR_LEN])
{
    if ((IMG_Init(PICTURE_IMG_FLAGS) & PICTURE_IMG_FLAGS) != PICTURE_IMG_FLAGS) {
        snprintf(err, PICTURE_ERR_LEN, "SDL2_image: no PNG decoder: %s", IMG_GetError());
        return false;
    }
    return true;
}

void picture_quit(void)
{
    IMG_Quit();
}

bool picture_small(long w, long h, int fit_w, int fit_h)
{
    return w * 2 < fit_w && h * 2 < fit_h;
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

/* A PNG, from memory, to ARGB8888 at the header's size. */
static picture_status decode_png(const char *path, const char *buf, size_t len,
                                 const imagehead_info *info, SDL_Surface **out,
                                 char err[PICTURE_ERR_LEN])
{
    SDL_RWops *rw = SDL_RWFromConstMem(buf, (int)len); /* len <= PICTURE_MAX_BYTES */
    if (!rw)
        return PICTURE_NOMEM;
    SDL_Surface *img = IMG_LoadTyped_RW(rw, 1, "PNG");
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

/* The smallest of TurboJPEG's scales at or under 1 whose output still
 * covers w_min x h_min (1/1 when none does: the picture is scaled up). */
static tjscalingfactor jpeg_scale(long w, long h, int w_min, int h_min)
{
    tjscalingfactor best = {1, 1};
    int n = 0;
    const tjscalingfactor *sf = tjGetScalingFactors(&n);
    for (int i = 0; sf && i < n; i++) {
        bool down = sf[i].num <= sf[i].denom,
             smaller = sf[i].num * best.denom < best.num * sf[i].denom;
        if (down && smaller && TJSCALED((int)w, sf[i]) >= w_min && TJSCALED((int)h, sf[i]) >= h_min)
            best = sf[i];
    }
    return best;
}

/* The JPEG's own reason, the file named by the caller; a warning too
 * (TJFLAG_STOPONWARNING): data cut short, left over or corrupt. */
static picture_status jpeg_refuse(tjhandle tj, const char *path, char err[PICTURE_ERR_LEN])
{
    char why[256];
    bool warning = tjGetErrorCode(tj) == TJERR_WARNING;
    snprintf(why, sizeof why, "cannot decode%s: %s",
             warning ? " (its data disagrees with its header)" : "", tjGetErrorStr2(tj));
    return refuse(err, path, why);
}

/* A JPEG, from memory, by TurboJPEG at scale sf, to ARGB8888. */
static picture_status decode_jpeg(const char *path, const char *buf, size_t len,
                                  const imagehead_info *info, tjscalingfactor sf, SDL_Surface **out,
                                  char err[PICTURE_ERR_LEN])
{
    tjhandle tj = tjInitDecompress();
    if (!tj)
        return PICTURE_NOMEM;
    const unsigned char *jpeg = (const unsigned char *)buf;
    int w = 0, h = 0, subsamp = 0, colorspace = 0;
    picture_status st = PICTURE_OK;
    if (tjDecompressHeader3(tj, jpeg, (unsigned long)len, &w, &h, &subsamp, &colorspace) != 0) {
        st = jpeg_refuse(tj, path, err);
    } else if (w != info->width || h != info->height) {
        char why[160];
        snprintf(why, sizeof why, "the decoder reads %dx%d pixels, its header says %ldx%ld", w, h,
                 info->width, info->height);
        st = refuse(err, path, why);
    } else if (colorspace == TJCS_CMYK || colorspace == TJCS_YCCK) {
        st = refuse(err, path, "a CMYK JPEG: export it in RGB");
    }
    int sw = TJSCALED(w, sf), sh = TJSCALED(h, sf);
    SDL_Surface *img = NULL;
    if (st == PICTURE_OK) {
        img = SDL_CreateRGBSurfaceWithFormat(0, sw, sh, 32, PICTURE_FORMAT);
        st = img ? PICTURE_OK : PICTURE_NOMEM;
    }
    if (st == PICTURE_OK && tjDecompress2(tj, jpeg, (unsigned long)len, img->pixels, sw, img->pitch,
                                          sh, PICTURE_TJ_FORMAT, TJFLAG_STOPONWARNING) != 0)
        st = jpeg_refuse(tj, path, err);
    tjDestroy(tj);
    if (st != PICTURE_OK) {
        SDL_FreeSurface(img);
        img = NULL;
    }
    *out = img;
    return st;
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

/* The largest size within max_pixels with w:h's aspect ratio, and no
 * larger than fit_w x fit_h: what to export a refused file at. */
static void export_size(long w, long h, int fit_w, int fit_h, long max_pixels, int *ew, int *eh)
{
    picture_fit(w, h, fit_w, fit_h, ew, eh);
    while ((long long)*ew * *eh > max_pixels && *ew > 1 && *eh > 1)
        picture_fit(w, h, *ew - 1, *eh - 1, ew, eh);
}

/* Refused before decoding when the decoded image would pass max_pixels:
 * a PNG or a JPEG in several scans at its full size, a JPEG otherwise at
 * its scale. */
static picture_status check_decoded_size(const char *path, const imagehead_info *info,
                                         tjscalingfactor sf, int fit_w, int fit_h, long max_pixels,
                                         char err[PICTURE_ERR_LEN])
{
    bool scaled = info->kind == IMAGEHEAD_JPEG && !info->multi_scan;
    long dw = scaled ? TJSCALED((int)info->width, sf) : info->width;
    long dh = scaled ? TJSCALED((int)info->height, sf) : info->height;
    if ((long long)dw * dh <= max_pixels)
        return PICTURE_OK;
    int ew, eh;
    export_size(info->width, info->height, fit_w, fit_h, max_pixels, &ew, &eh);
    char how[64] = "";
    if (scaled && (sf.num != 1 || sf.denom != 1))
        snprintf(how, sizeof how, " at %d/%d", sf.num, sf.denom);
    else if (info->kind == IMAGEHEAD_JPEG)
        snprintf(how, sizeof how, ", a progressive JPEG decoded whole");
    char why[256];
    snprintf(why, sizeof why,
             "%ldx%ld pixels (%.1f megapixels decoded%s), more than the %.1f of %s; export it "
             "at %dx%d",
             info->width, info->height, (double)dw * (double)dh / MEGA, how,
             (double)max_pixels / MEGA, PICTURE_PIXELS_KEY, ew, eh);
    return refuse(err, path, why);
}

/* Decodes, frees the file's bytes (*buf), then fits: *out at w x h. */
static picture_status decode_fit(const char *path, char **buf, size_t len,
                                 const imagehead_info *info, tjscalingfactor sf, int w, int h,
                                 SDL_Surface **out, char err[PICTURE_ERR_LEN])
{
    SDL_Surface *img = NULL;
    picture_status st = info->kind == IMAGEHEAD_PNG
                            ? decode_png(path, *buf, len, info, &img, err)
                            : decode_jpeg(path, *buf, len, info, sf, &img, err);
    free(*buf); /* not held while scaling */
    *buf = NULL;
    if (st != PICTURE_OK)
        return st;
    bool nomem = false;
    *out = fit(img, w, h, &nomem);
    if (*out)
        return PICTURE_OK;
    if (nomem)
        return PICTURE_NOMEM;
    char why[256];
    snprintf(why, sizeof why, "cannot scale to %dx%d: %s", w, h, SDL_GetError());
    return refuse(err, path, why);
}

picture_status picture_load(const char *path, int fit_w, int fit_h, const picture_limits *lim,
                            SDL_Surface **out, char err[PICTURE_ERR_LEN])
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
    int w, h;
    if (picture_small(info.width, info.height, fit_w, fit_h))
        w = (int)info.width * PICTURE_SMALL_ZOOM, h = (int)info.height * PICTURE_SMALL_ZOOM;
    else
        picture_fit(info.width, info.height, fit_w, fit_h, &w, &h);
    size_t bytes = (size_t)w * (size_t)h * PICTURE_BYTES_PER_PIXEL;
    tjscalingfactor sf = {1, 1}; /* a PNG is decoded whole */
    if (info.kind == IMAGEHEAD_JPEG)
        sf = jpeg_scale(info.width, info.height, w, h);
    if (bytes > lim->room) {
        snprintf(err, PICTURE_ERR_LEN, "%.*s: %dx%d on screen (%.1f MiB)", PICTURE_PATH_SHOWN, path,
                 w, h, (double)bytes / (1 << 20));
        st = PICTURE_NO_ROOM;
    } else {
        st = check_decoded_size(path, &info, sf, fit_w, fit_h, lim->max_pixels, err);
    }
    if (st == PICTURE_OK)
        st = decode_fit(path, &buf, len, &info, sf, w, h, out, err);
    free(buf);
    if (st == PICTURE_NOMEM)
        snprintf(err, PICTURE_ERR_LEN, "%.*s: not enough memory for its %ldx%ld pixels",
                 PICTURE_PATH_SHOWN, path, info.width, info.height);
    return st;
}
