/* picture: real files written in a temporary directory (PNG and JPEG saved
 * by SDL2_image, random bytes named .png, a PNG cut in half, a PNG with a
 * damaged image stream, a 20000x20000 PNG "bomb" of about 1 MB) loaded and
 * fitted as the posters slide will. With --bomb-rss (a ctest of its own, a
 * fresh process): refusing the bomb costs no memory, the proof that it is
 * refused before decoding (decoding would take 1.6 GB). */
#include <SDL2/SDL_image.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "picture.h"
#include "test.h"

#define BOMB_SIDE 20000
#define BOMB_MAX_FILE (2L << 20) /* the bomb must stay a small file */
#define BOMB_MAX_RSS_KB (100L * 1024)

static char dir[64];

static void path_of(char *out, size_t outsz, const char *name)
{
    snprintf(out, outsz, "%s/%s", dir, name);
}

/* w x h, left half red, right half blue (opaque). */
static SDL_Surface *halves(int w, int h)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    CHECK(s != NULL);
    SDL_Rect left = {0, 0, w / 2, h}, right = {w / 2, 0, w - w / 2, h};
    SDL_FillRect(s, &left, SDL_MapRGB(s->format, 255, 0, 0));
    SDL_FillRect(s, &right, SDL_MapRGB(s->format, 0, 0, 255));
    return s;
}

static void save_png(SDL_Surface *s, const char *name)
{
    char path[128];
    path_of(path, sizeof path, name);
    CHECK(IMG_SavePNG(s, path) == 0);
    SDL_FreeSurface(s);
}

static void write_bytes(const char *name, const void *data, size_t len)
{
    char path[128];
    path_of(path, sizeof path, name);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        CHECK(fwrite(data, 1, len, f) == len);
        fclose(f);
    }
}

static unsigned char *slurp(const char *name, size_t *len)
{
    char path[128];
    path_of(path, sizeof path, name);
    FILE *f = fopen(path, "rb");
    CHECK(f != NULL);
    unsigned char *buf = malloc(1 << 20);
    CHECK(buf != NULL);
    *len = f && buf ? fread(buf, 1, 1 << 20, f) : 0;
    if (f)
        fclose(f);
    return buf;
}

static Uint32 pixel(SDL_Surface *s, int x, int y)
{
    return ((const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * s->pitch))[x];
}

static bool near(Uint32 argb, int r, int g, int b, int tol)
{
    int pr = (argb >> 16) & 0xFF, pg = (argb >> 8) & 0xFF, pb = argb & 0xFF;
    return abs(pr - r) <= tol && abs(pg - g) <= tol && abs(pb - b) <= tol;
}

static picture_status load(const char *name, int w, int h, SDL_Surface **out, char *err)
{
    char path[128];
    path_of(path, sizeof path, name);
    return picture_load(path, w, h, out, err);
}

/* The message is "PATH: why": checks why. */
static void check_refused(const char *name, int w, int h, const char *why)
{
    SDL_Surface *s = (SDL_Surface *)1;
    char err[PICTURE_ERR_LEN], want[PICTURE_ERR_LEN];
    CHECK_INT(load(name, w, h, &s, err), PICTURE_REFUSED);
    CHECK(s == NULL);
    path_of(want, sizeof want, name);
    size_t n = strlen(want);
    CHECK(strncmp(err, want, n) == 0 && strncmp(err + n, ": ", 2) == 0);
    if (strstr(err, why) != err + n + 2)
        fprintf(stderr, "  message: %s\n  wanted:  %s: %s...\n", err, want, why);
    CHECK(strstr(err, why) == err + n + 2);
}

static void wide_png_fits_the_width(void)
{
    save_png(halves(4000, 1000), "wide.png");
    SDL_Surface *s = NULL;
    char err[PICTURE_ERR_LEN];
    CHECK_INT(load("wide.png", 1920, 1080, &s, err), PICTURE_OK);
    if (!s)
        return;
    CHECK_INT(s->w, 1920);
    CHECK_INT(s->h, 480);
    CHECK_INT(s->format->format, SDL_PIXELFORMAT_ARGB8888);
    CHECK(near(pixel(s, 10, 10), 255, 0, 0, 0));
    CHECK(near(pixel(s, 900, 240), 255, 0, 0, 0));
    CHECK(near(pixel(s, 1020, 240), 0, 0, 255, 0));
    CHECK(near(pixel(s, 1919, 479), 0, 0, 255, 0));
    SDL_FreeSurface(s);
}

static void small_png_is_scaled_up(void)
{
    save_png(halves(640, 360), "small.png");
    SDL_Surface *s = NULL;
    char err[PICTURE_ERR_LEN];
    CHECK_INT(load("small.png", 1920, 1080, &s, err), PICTURE_OK);
    if (!s)
        return;
    CHECK_INT(s->w, 1920);
    CHECK_INT(s->h, 1080);
    CHECK(near(pixel(s, 100, 540), 255, 0, 0, 0));
    CHECK(near(pixel(s, 1800, 540), 0, 0, 255, 0));
    SDL_FreeSurface(s);
    /* Portrait screen: the height of a landscape image is what binds. */
    CHECK_INT(load("small.png", 1080, 1920, &s, err), PICTURE_OK);
    if (s) {
        CHECK_INT(s->w, 1080);
        CHECK_INT(s->h, 608); /* 607.5, rounded */
        SDL_FreeSurface(s);
    }
}

static void fit_keeps_the_aspect_ratio(void)
{
    int w, h;
    picture_fit(4000, 1000, 1920, 1080, &w, &h);
    CHECK(w == 1920 && h == 480);
    picture_fit(1000, 2000, 1920, 1080, &w, &h);
    CHECK(w == 540 && h == 1080);
    picture_fit(1, 100000, 1920, 1080, &w, &h);
    CHECK(w == 1 && h == 1080); /* never 0 wide */
    picture_fit(2147483647L, 1, 3840, 2160, &w, &h);
    CHECK(w == 3840 && h == 1);
}

/* A 1-pixel checkerboard averages to grey: the halvings are box averages.
 * One bilinear step from 4000 to 1920 would sample it unevenly (moiré from
 * black to white). */
static void downscale_has_no_moire(void)
{
    SDL_Surface *c = SDL_CreateRGBSurfaceWithFormat(0, 4000, 1000, 32, SDL_PIXELFORMAT_ARGB8888);
    CHECK(c != NULL);
    if (!c)
        return;
    for (int y = 0; y < c->h; y++)
        for (int x = 0; x < c->w; x++)
            ((Uint32 *)((Uint8 *)c->pixels + (size_t)y * c->pitch))[x] =
                (x + y) % 2 ? 0xFFFFFFFFu : 0xFF000000u;
    save_png(c, "checker.png");
    SDL_Surface *s = NULL;
    char err[PICTURE_ERR_LEN];
    CHECK_INT(load("checker.png", 1920, 1080, &s, err), PICTURE_OK);
    if (!s)
        return;
    int off = 0;
    for (int y = 0; y < s->h; y++)
        for (int x = 0; x < s->w; x++)
            off += !near(pixel(s, x, y), 128, 128, 128, 2);
    CHECK_INT(off, 0);
    SDL_FreeSurface(s);
}

static void jpeg_loads(void)
{
    char path[128];
    path_of(path, sizeof path, "tall.jpg");
    SDL_Surface *src = halves(1000, 2000);
    int saved = IMG_SaveJPG(src, path, 95);
    SDL_FreeSurface(src);
    if (saved != 0) {
        fprintf(stderr, "SKIPPED jpeg_loads: IMG_SaveJPG: %s\n", IMG_GetError());
        return;
    }
    SDL_Surface *s = NULL;
    char err[PICTURE_ERR_LEN];
    CHECK_INT(load("tall.jpg", 1920, 1080, &s, err), PICTURE_OK);
    if (!s)
        return;
    CHECK_INT(s->w, 540);
    CHECK_INT(s->h, 1080);
    CHECK(near(pixel(s, 100, 540), 255, 0, 0, 24)); /* JPEG: close, not exact */
    CHECK(near(pixel(s, 440, 540), 0, 0, 255, 24));
    SDL_FreeSurface(s);
    /* The same bytes named .png: the header decides, not the name. */
    size_t len;
    unsigned char *bytes = slurp("tall.jpg", &len);
    write_bytes("jpeg-named.png", bytes, len);
    CHECK_INT(load("jpeg-named.png", 192, 108, &s, err), PICTURE_OK);
    CHECK(s && s->w == 54 && s->h == 108);
    SDL_FreeSurface(s);
    /* Cut short: refused, whole or not at all. */
    write_bytes("cut.jpg", bytes, len - 100);
    check_refused("cut.jpg", 1920, 1080, "cut short: no JPEG end marker");
    free(bytes);
}

static void broken_files_are_refused(void)
{
    unsigned char noise[4096];
    srand(7);
    for (size_t i = 0; i < sizeof noise; i++)
        noise[i] = (unsigned char)rand();
    noise[0] = 0x01; /* not by chance a PNG or JPEG signature */
    write_bytes("noise.png", noise, sizeof noise);
    check_refused("noise.png", 1920, 1080, "not a PNG or JPEG image");
    write_bytes("notes.png", "not an image\n", 13);
    check_refused("notes.png", 1920, 1080, "text, not a PNG or JPEG image");

    save_png(halves(300, 200), "whole.png");
    size_t len;
    unsigned char *png = slurp("whole.png", &len);
    write_bytes("half.png", png, len / 2);
    check_refused("half.png", 1920, 1080, "cut short: ");
    /* Structure whole, image stream damaged: only the decoder can tell. */
    for (size_t i = len / 2; i < len / 2 + 16; i++)
        png[i] ^= 0x5A;
    write_bytes("damaged.png", png, len);
    check_refused("damaged.png", 1920, 1080, "cannot decode: ");
    free(png);

    check_refused("absent.png", 1920, 1080, "No such file or directory");
    char sub[128];
    path_of(sub, sizeof sub, "folder.png");
    CHECK(mkdir(sub, 0700) == 0);
    check_refused("folder.png", 1920, 1080, "not a regular file");
    check_refused("whole.png", 0, 1080, "cannot fit into 0x1080 pixels");
    check_refused("whole.png", 100000, 100000, "cannot fit into 100000x100000 pixels");
}

static void chunk(FILE *f, const char *type, const unsigned char *data, size_t n)
{
    unsigned char be[4] = {(unsigned char)(n >> 24), (unsigned char)(n >> 16),
                           (unsigned char)(n >> 8), (unsigned char)n};
    fwrite(be, 1, 4, f);
    fwrite(type, 1, 4, f);
    fwrite(data, 1, n, f);
    uLong crc = crc32(crc32(0, (const Bytef *)type, 4), data, (uInt)n);
    unsigned char c[4] = {(unsigned char)(crc >> 24), (unsigned char)(crc >> 16),
                          (unsigned char)(crc >> 8), (unsigned char)crc};
    fwrite(c, 1, 4, f);
}

/* A valid w x h RGB PNG of black rows; at 20000x20000, 1.2 GB of pixel
 * data that deflate packs into about 1 MB. Returns the file's size. */
static long make_black_png(const char *name, unsigned long w, unsigned long h)
{
    static unsigned char row[1 + 3 * 70000], out[1 << 16];
    size_t row_len = 1 + 3 * w;
    CHECK(row_len <= sizeof row);
    unsigned char *idat = malloc(BOMB_MAX_FILE);
    z_stream z = {0};
    CHECK(idat != NULL && deflateInit(&z, Z_BEST_COMPRESSION) == Z_OK);
    size_t n = 0;
    for (unsigned long y = 0; y <= h; y++) {
        z.next_in = row;
        z.avail_in = y < h ? (uInt)row_len : 0;
        int flush = y < h ? Z_NO_FLUSH : Z_FINISH;
        do {
            z.next_out = out;
            z.avail_out = sizeof out;
            deflate(&z, flush);
            size_t got = sizeof out - z.avail_out;
            CHECK(n + got <= (size_t)BOMB_MAX_FILE);
            if (n + got <= (size_t)BOMB_MAX_FILE)
                memcpy(idat + n, out, got);
            n += got;
        } while (z.avail_out == 0);
    }
    deflateEnd(&z);
    char path[128];
    path_of(path, sizeof path, name);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f && idat) {
        fwrite("\x89PNG\r\n\x1a\n", 1, 8, f);
        unsigned char ihdr[13] = {(unsigned char)(w >> 24),
                                  (unsigned char)(w >> 16),
                                  (unsigned char)(w >> 8),
                                  (unsigned char)w,
                                  (unsigned char)(h >> 24),
                                  (unsigned char)(h >> 16),
                                  (unsigned char)(h >> 8),
                                  (unsigned char)h,
                                  8,
                                  2,
                                  0,
                                  0,
                                  0};
        chunk(f, "IHDR", ihdr, sizeof ihdr);
        chunk(f, "IDAT", idat, n);
        chunk(f, "IEND", (const unsigned char *)"", 0);
    }
    long size = f ? ftell(f) : 0;
    if (f)
        fclose(f);
    free(idat);
    return size;
}

static void bomb_is_refused_before_decoding(void)
{
    long size = make_black_png("bomb.png", BOMB_SIDE, BOMB_SIDE);
    fprintf(stderr, "  bomb: %dx%d pixels in %ld bytes\n", BOMB_SIDE, BOMB_SIDE, size);
    CHECK(size > 500000 && size < BOMB_MAX_FILE);
    check_refused("bomb.png", 1920, 1080,
                  "20000x20000 pixels, more than the 40 megapixels a poster may have");
    /* 14 megapixels, but too wide to scale: refused before decoding too. */
    CHECK(make_black_png("long.png", 70000, 200) > 0);
    check_refused("long.png", 1920, 1080,
                  "70000x200 pixels, a side longer than the 65535 a poster may have");
}

/* The loader thread of the kiosk: a load away from the main thread. */
static void *load_elsewhere(void *arg)
{
    SDL_Surface *s = NULL;
    char err[PICTURE_ERR_LEN];
    picture_status st = load("wide.png", 1280, 720, &s, err);
    *(bool *)arg = st == PICTURE_OK && s && s->w == 1280 && s->h == 320;
    SDL_FreeSurface(s);
    return NULL;
}

static void loads_on_another_thread(void)
{
    bool ok = false;
    pthread_t t;
    CHECK(pthread_create(&t, NULL, load_elsewhere, &ok) == 0);
    pthread_join(t, NULL);
    CHECK(ok);
}

static long max_rss_kb(void)
{
    struct rusage ru;
    return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : -1;
}

static void bomb_costs_no_memory(void)
{
    CHECK(make_black_png("bomb.png", BOMB_SIDE, BOMB_SIDE) > 0);
    long before = max_rss_kb();
    SDL_Surface *s = NULL;
    char err[PICTURE_ERR_LEN];
    CHECK_INT(load("bomb.png", 1920, 1080, &s, err), PICTURE_REFUSED);
    long after = max_rss_kb();
    fprintf(stderr, "  max RSS: %ld KB before the bomb, %ld KB after\n", before, after);
    CHECK(after > 0 && after < BOMB_MAX_RSS_KB);
    CHECK(after - before < 8 * 1024); /* the file itself (1 MB) and the message */
}

static void remove_dir(void)
{
    static const char *names[] = {"wide.png",       "small.png", "checker.png", "tall.jpg",
                                  "jpeg-named.png", "cut.jpg",   "noise.png",   "notes.png",
                                  "whole.png",      "half.png",  "damaged.png", "bomb.png",
                                  "long.png"};
    char path[128];
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        path_of(path, sizeof path, names[i]);
        unlink(path);
    }
    path_of(path, sizeof path, "folder.png");
    rmdir(path);
    rmdir(dir);
}

int main(int argc, char **argv)
{
    snprintf(dir, sizeof dir, "/tmp/vitrine-picture-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    char err[PICTURE_ERR_LEN];
    CHECK(picture_init(err));
    if (argc > 1 && strcmp(argv[1], "--bomb-rss") == 0) {
        RUN(bomb_costs_no_memory);
    } else {
        RUN(wide_png_fits_the_width);
        RUN(small_png_is_scaled_up);
        RUN(fit_keeps_the_aspect_ratio);
        RUN(downscale_has_no_moire);
        RUN(jpeg_loads);
        RUN(broken_files_are_refused);
        RUN(bomb_is_refused_before_decoding);
        RUN(loads_on_another_thread);
    }
    picture_quit();
    remove_dir();
    return test_report();
}
