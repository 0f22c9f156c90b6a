/* posterfiles: poster files made at run time (posterfiles.h). */
#include "posterfiles.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <turbojpeg.h>
#include <zlib.h>

#define PNG_MAX_FILE (4L << 20) /* a black PNG stays far below */
#define PNG_MAX_W 70000UL
#define PHOTO_QUALITY 90
#define PHOTO_NOISE 48 /* +-24 per channel: a photo's weight, not a flat area's */

static void put_be32(unsigned char *p, unsigned long v)
{
    p[0] = (unsigned char)(v >> 24), p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8), p[3] = (unsigned char)v;
}

static void chunk(FILE *f, const char *type, const unsigned char *data, size_t n)
{
    unsigned char be[4], c[4];
    put_be32(be, n);
    fwrite(be, 1, 4, f);
    fwrite(type, 1, 4, f);
    fwrite(data, 1, n, f);
    put_be32(c, crc32(crc32(0, (const Bytef *)type, 4), data, (uInt)n));
    fwrite(c, 1, 4, f);
}

/* The rows of a black w x h RGB image, deflated into idat (at most cap). */
static size_t deflate_black(unsigned long w, unsigned long h, unsigned char *idat, size_t cap)
{
    static unsigned char row[1 + 3 * PNG_MAX_W], out[1 << 16];
    z_stream z = {0};
    if (deflateInit(&z, Z_BEST_COMPRESSION) != Z_OK)
        return 0;
    size_t n = 0;
    for (unsigned long y = 0; y <= h; y++) {
        z.next_in = row;
        z.avail_in = y < h ? (uInt)(1 + 3 * w) : 0;
        int flush = y < h ? Z_NO_FLUSH : Z_FINISH;
        do {
            z.next_out = out;
            z.avail_out = sizeof out;
            deflate(&z, flush);
            size_t got = sizeof out - z.avail_out;
            if (n + got > cap) {
                deflateEnd(&z);
                return 0;
            }
            memcpy(idat + n, out, got);
            n += got;
        } while (z.avail_out == 0);
    }
    deflateEnd(&z);
    return n;
}

long posterfiles_black_png(const char *path, unsigned long w, unsigned long h)
{
    unsigned char *idat = w <= PNG_MAX_W ? malloc(PNG_MAX_FILE) : NULL;
    size_t n = idat ? deflate_black(w, h, idat, PNG_MAX_FILE) : 0;
    FILE *f = n ? fopen(path, "wb") : NULL;
    long size = -1;
    if (f) {
        unsigned char ihdr[13] = {0, 0, 0, 0, 0, 0, 0, 0, 8, 2, 0, 0, 0}; /* 8-bit RGB */
        put_be32(ihdr, w);
        put_be32(ihdr + 4, h);
        fwrite("\x89PNG\r\n\x1a\n", 1, 8, f);
        chunk(f, "IHDR", ihdr, sizeof ihdr);
        chunk(f, "IDAT", idat, n);
        chunk(f, "IEND", (const unsigned char *)"", 0);
        size = ftell(f);
        if (fclose(f) != 0)
            size = -1;
    }
    if (size < 0)
        fprintf(stderr, "posterfiles: %s: cannot write a %lux%lu PNG\n", path, w, h);
    free(idat);
    return size;
}

static long write_file(const char *path, const unsigned char *b, unsigned long len)
{
    FILE *f = fopen(path, "wb");
    bool ok = f && fwrite(b, 1, len, f) == len;
    if (f && fclose(f) != 0)
        ok = false;
    if (!ok)
        fprintf(stderr, "posterfiles: %s: cannot write\n", path);
    return ok ? (long)len : -1;
}

/* w x h RGB, left half red, right half blue, noise of +-noise/2. */
static unsigned char *halves_rgb(int w, int h, int noise)
{
    unsigned char *px = malloc((size_t)w * (size_t)h * 3);
    unsigned seed = 12345;
    for (int y = 0; px && y < h; y++)
        for (int x = 0; x < w; x++) {
            unsigned char *p = px + ((size_t)y * (size_t)w + (size_t)x) * 3;
            int base[3] = {x < w / 2 ? 220 : 20, 30, x < w / 2 ? 20 : 220};
            for (int c = 0; c < 3; c++) {
                seed = seed * 1103515245u + 12345u;
                int v = base[c] + (noise ? (int)((seed >> 16) % (unsigned)noise) - noise / 2 : 0);
                p[c] = (unsigned char)(v < 0 ? 0 : v > 255 ? 255 : v);
            }
        }
    return px;
}

/* A w x h JPEG of halves_rgb in *out (tjFree). */
static bool make_jpeg(int w, int h, int noise, unsigned char **out, unsigned long *len)
{
    unsigned char *px = halves_rgb(w, h, noise);
    tjhandle tj = tjInitCompress();
    bool ok = px && tj &&
              tjCompress2(tj, px, w, 0, h, TJPF_RGB, out, len, TJSAMP_420, PHOTO_QUALITY, 0) == 0;
    if (!ok)
        fprintf(stderr, "posterfiles: cannot make a %dx%d JPEG: %s\n", w, h,
                tj ? tjGetErrorStr2(tj) : "no TurboJPEG");
    if (tj)
        tjDestroy(tj);
    free(px);
    return ok;
}

long posterfiles_photo(const char *path, int w, int h)
{
    unsigned char *jpeg = NULL;
    unsigned long len = 0;
    long size = make_jpeg(w, h, PHOTO_NOISE, &jpeg, &len) ? write_file(path, jpeg, len) : -1;
    tjFree(jpeg);
    return size;
}

long posterfiles_liar(const char *path, int w, int h, int claim_w, int claim_h)
{
    unsigned char *jpeg = NULL;
    unsigned long len = 0;
    long size = -1;
    if (make_jpeg(w, h, 0, &jpeg, &len)) {
        /* The baseline frame header (FF C0): length (2), precision, then
         * height and width, big-endian. */
        for (unsigned long i = 0; i + 9 < len; i++)
            if (jpeg[i] == 0xFF && jpeg[i + 1] == 0xC0) {
                jpeg[i + 5] = (unsigned char)(claim_h >> 8), jpeg[i + 6] = (unsigned char)claim_h;
                jpeg[i + 7] = (unsigned char)(claim_w >> 8), jpeg[i + 8] = (unsigned char)claim_w;
                size = write_file(path, jpeg, len);
                break;
            }
    }
    tjFree(jpeg);
    return size;
}
