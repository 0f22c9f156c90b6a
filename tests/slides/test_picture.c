/* picture: real files written in a temporary directory (PNG and JPEG saved
 * by SDL2_image, random bytes named .png, a PNG cut in half, a PNG with a
 * damaged image stream, a 20000x20000 PNG "bomb" of about 1 MB, a 6300x6300
 * PNG of 115 KB, a 4000x3000 JPEG photo and JPEGs whose header lies about
 * their size, made by posterfiles.c) loaded and fitted as the posters slide
 * will, and a posters folder scanned within its memory budget. With
 * --bomb-rss (a ctest of its own, a fresh process): refusing the bomb and
 * the 6300x6300 PNG costs no memory, the proof that they are refused before
 * decoding (decoding would take 1.6 GB and 159 MB). With --photo-rss: the
 * photo is decoded at the scale the screen needs, never whole (48 MB). */
#include <SDL2/SDL_image.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "picture.h"
#include "posterfiles.h"
#include "test.h"
#include "vitrine/posters.h"

#define BOMB_SIDE 20000
#define BOMB_MAX_FILE (2L << 20) /* the bomb must stay a small file */
#define BOMB_MAX_RSS_KB (100L * 1024)
#define BUDGET_PIXELS (3840L * 2160L)        /* kiosk.poster_max_pixels' default */
#define PHOTO_MAX_RSS_GROWTH_KB (24L * 1024) /* decoded whole: 48 MB and more */
static const picture_limits LIMITS = {BUDGET_PIXELS, SIZE_MAX};

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
    return picture_load(path, w, h, &LIMITS, out, err);
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

/* A picture under half the stage on both sides is loaded at twice its
 * size, no more (picture_small); one that reaches half a side is fitted. */
static void small_png_at_twice_its_size(void)
{
    save_png(halves(640, 360), "small.png");
    SDL_Surface *s = NULL;
    char err[PICTURE_ERR_LEN];
    CHECK_INT(load("small.png", 1920, 1080, &s, err), PICTURE_OK);
    if (!s)
        return;
    CHECK_INT(s->w, 1280);
    CHECK_INT(s->h, 720);
    CHECK(near(pixel(s, 100, 360), 255, 0, 0, 0));
    CHECK(near(pixel(s, 1200, 360), 0, 0, 255, 0));
    SDL_FreeSurface(s);
    CHECK(picture_small(640, 360, 1920, 1080));
    CHECK(!picture_small(960, 360, 1920, 1080));
    CHECK(!picture_small(640, 540, 1920, 1080));
    /* Portrait screen: 640 is over half its width, so the picture is
     * fitted, and the height of a landscape image is what binds. */
    CHECK_INT(load("small.png", 1080, 1920, &s, err), PICTURE_OK);
    if (s) {
        CHECK_INT(s->w, 1080);
        CHECK_INT(s->h, 608); /* 607.5, rounded */
        SDL_FreeSurface(s);
    }
    save_png(halves(960, 540), "half.png");
    CHECK_INT(load("half.png", 1920, 1080, &s, err), PICTURE_OK);
    if (s) {
        CHECK_INT(s->w, 1920);
        CHECK_INT(s->h, 1080);
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

static long make_black_png(const char *name, unsigned long w, unsigned long h)
{
    char path[128];
    path_of(path, sizeof path, name);
    return posterfiles_black_png(path, w, h);
}

static void bomb_is_refused_before_decoding(void)
{
    long size = make_black_png("bomb.png", BOMB_SIDE, BOMB_SIDE);
    fprintf(stderr, "  bomb: %dx%d pixels in %ld bytes\n", BOMB_SIDE, BOMB_SIDE, size);
    CHECK(size > 500000 && size < BOMB_MAX_FILE);
    check_refused("bomb.png", 1920, 1080,
                  "20000x20000 pixels (400.0 megapixels decoded), more than the 8.3 of "
                  "kiosk.poster_max_pixels; export it at 1080x1080");
    /* 14 megapixels, but too wide to scale: refused before decoding too. */
    CHECK(make_black_png("long.png", 70000, 200) > 0);
    check_refused("long.png", 1920, 1080,
                  "70000x200 pixels, a side longer than the 65535 a poster may have");
}

/* 3000x3000: 9 megapixels decoded, over the default budget; a budget of
 * 10 takes it. The line says what to export it at. */
static void png_over_the_budget_is_refused(void)
{
    CHECK(make_black_png("nine.png", 3000, 3000) > 0);
    check_refused("nine.png", 1920, 1080,
                  "3000x3000 pixels (9.0 megapixels decoded), more than the 8.3 of "
                  "kiosk.poster_max_pixels; export it at 1080x1080");
    check_refused("nine.png", 4096, 4096,
                  "3000x3000 pixels (9.0 megapixels decoded), more than the 8.3 of "
                  "kiosk.poster_max_pixels; export it at 2880x2880");
    char path[128], err[PICTURE_ERR_LEN];
    path_of(path, sizeof path, "nine.png");
    picture_limits more = {10000000L, SIZE_MAX};
    SDL_Surface *s = NULL;
    CHECK_INT(picture_load(path, 1920, 1080, &more, &s, err), PICTURE_OK);
    CHECK(s && s->w == 1080 && s->h == 1080);
    SDL_FreeSurface(s);
}

/* 6300x6300 in about 115 KB: under the former 40 megapixels cap. */
static void big_png_is_refused(void)
{
    long size = make_black_png("big.png", 6300, 6300);
    CHECK(size > 50000 && size < 200000);
    check_refused("big.png", 1920, 1080,
                  "6300x6300 pixels (39.7 megapixels decoded), more than the 8.3 of "
                  "kiosk.poster_max_pixels; export it at 1080x1080");
}

/* A phone's 4000x3000 photo on a 1080p stage: decoded at 3/8 (1500x1125),
 * kept at 1440x1080. */
static void photo_is_decoded_at_scale(void)
{
    char path[128], err[PICTURE_ERR_LEN];
    path_of(path, sizeof path, "photo.jpg");
    CHECK(posterfiles_photo(path, 4000, 3000) > 1000000);
    SDL_Surface *s = NULL;
    CHECK_INT(load("photo.jpg", 1920, 1080, &s, err), PICTURE_OK);
    if (!s) {
        fprintf(stderr, "  %s\n", err);
        return;
    }
    CHECK_INT(s->w, 1440);
    CHECK_INT(s->h, 1080);
    CHECK_INT(s->format->format, SDL_PIXELFORMAT_ARGB8888);
    CHECK(near(pixel(s, 300, 540), 220, 30, 20, 16)); /* the noise averages out */
    CHECK(near(pixel(s, 1140, 540), 20, 30, 220, 16));
    CHECK_INT(pixel(s, 700, 100) >> 24, 0xFF); /* opaque */
    SDL_FreeSurface(s);
    /* Its scale is what counts against the budget. */
    picture_limits small = {1000000L, SIZE_MAX};
    CHECK_INT(picture_load(path, 1920, 1080, &small, &s, err), PICTURE_REFUSED);
    CHECK(strstr(err, ": 4000x3000 pixels (1.7 megapixels decoded at 3/8), more than the 1.0 of "
                      "kiosk.poster_max_pixels; export it at ") != NULL);
    /* A small stage: decoded at 1/8 (500x375), fitted to 192x144. */
    CHECK_INT(load("photo.jpg", 192, 108, &s, err), PICTURE_OK);
    CHECK(s && s->w == 144 && s->h == 108);
    SDL_FreeSurface(s);
}

/* A JPEG whose frame header says more than its data holds (old decoders
 * then made up the rest at the size claimed), or less (data left over). */
static void lying_jpegs_are_refused(void)
{
    char path[128];
    path_of(path, sizeof path, "liar-big.jpg");
    CHECK(posterfiles_liar(path, 400, 300, 6000, 4500) > 0);
    check_refused("liar-big.jpg", 1920, 1080,
                  "cannot decode (its data disagrees with its header): ");
    path_of(path, sizeof path, "liar-small.jpg");
    CHECK(posterfiles_liar(path, 400, 300, 100, 100) > 0);
    check_refused("liar-small.jpg", 1920, 1080,
                  "cannot decode (its data disagrees with its header): ");
}

/* No room left in the posters' budget: said before decoding, with the
 * size it would take. */
static void no_room_is_said(void)
{
    save_png(halves(960, 640), "room.png"); /* not small: fitted */
    char path[128], err[PICTURE_ERR_LEN], want[PICTURE_ERR_LEN];
    path_of(path, sizeof path, "room.png");
    picture_limits full = {BUDGET_PIXELS, 1000};
    SDL_Surface *s = (SDL_Surface *)1;
    CHECK_INT(picture_load(path, 1920, 1080, &full, &s, err), PICTURE_NO_ROOM);
    CHECK(s == NULL);
    snprintf(want, sizeof want, "%s: 1620x1080 on screen (6.7 MiB)", path);
    CHECK_STR(err, want);
}

/* stderr while f runs, into out. */
static void capture_stderr(void (*f)(void *), void *arg, char *out, size_t outsz)
{
    char path[128];
    path_of(path, sizeof path, "stderr.txt");
    fflush(stderr);
    int saved = dup(2), fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    CHECK(saved >= 0 && fd >= 0);
    dup2(fd, 2);
    f(arg);
    fflush(stderr);
    dup2(saved, 2);
    close(fd);
    close(saved);
    FILE *in = fopen(path, "r");
    size_t n = in ? fread(out, 1, outsz - 1, in) : 0;
    out[n] = '\0';
    if (in)
        fclose(in);
    unlink(path);
    fputs(out, stderr);
}

typedef struct {
    const char *dir;
    posters *set;
} scan_args;

static void scan_in_budget(void *arg)
{
    scan_args *a = arg;
    posters_limits lim = {BUDGET_PIXELS, (int64_t)20 << 20};
    a->set = posters_scan(a->dir, 1920, 1080, &lim);
}

/* 20 MiB for the set at 1080p: two full-screen posters (7.9 MiB each), not
 * a third; a portrait one (2.5 MiB) still fits after it. */
static void posters_keep_to_their_budget(void)
{
    char set[128];
    path_of(set, sizeof set, "set");
    CHECK(mkdir(set, 0700) == 0);
    save_png(halves(960, 540), "set/01-a.png"); /* half the stage: fitted, not small */
    save_png(halves(960, 540), "set/02-b.png");
    save_png(halves(960, 540), "set/03-c.png");
    save_png(halves(540, 960), "set/04-d.png");
    char log[4096];
    scan_args a = {set, NULL};
    capture_stderr(scan_in_budget, &a, log, sizeof log);
    CHECK_INT(posters_count(a.set), 3);
    CHECK_STR(posters_file(a.set, 0), "01-a.png");
    CHECK_STR(posters_file(a.set, 1), "02-b.png");
    CHECK_STR(posters_file(a.set, 2), "04-d.png");
    CHECK(posters_bytes(a.set) <= (int64_t)20 << 20);
    CHECK_INT(posters_bytes(a.set), (1920 * 1080 * 2 + 608 * 1080) * 4);
    char want[512];
    snprintf(want, sizeof want,
             "warn posters: 1 poster(s) left out, over the 20.0 MiB the posters may take "
             "(kiosk.posters_max_bytes; 18.3 MiB taken): %s/03-c.png: 1920x1080 on screen "
             "(7.9 MiB)\n",
             set);
    CHECK(strstr(log, want) != NULL);
    posters_free(a.set);
    static const char *names[] = {"01-a.png", "02-b.png", "03-c.png", "04-d.png"};
    for (size_t i = 0; i < 4; i++) {
        char path[256];
        snprintf(path, sizeof path, "%s/%s", set, names[i]);
        unlink(path);
    }
    rmdir(set);
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
    CHECK(make_black_png("big.png", 6300, 6300) > 0);
    long before = max_rss_kb();
    SDL_Surface *s = NULL;
    char err[PICTURE_ERR_LEN];
    CHECK_INT(load("bomb.png", 1920, 1080, &s, err), PICTURE_REFUSED);
    CHECK_INT(load("big.png", 1920, 1080, &s, err), PICTURE_REFUSED);
    long after = max_rss_kb();
    fprintf(stderr, "  max RSS: %ld KB before the bomb and the 6300x6300 PNG, %ld KB after\n",
            before, after);
    CHECK(after > 0 && after < BOMB_MAX_RSS_KB);
    CHECK(after - before < 8 * 1024); /* the files themselves (1 MB) and the messages */
}

/* The photo made in a child process (making it holds its 36 MB of pixels),
 * then loaded here: the peak grows by the 3/8 decode and the fitted
 * picture (6.4 + 5.9 MiB) and the file, never by the whole image's 48 MB. */
static void photo_costs_its_stage_size(void)
{
    char path[128];
    path_of(path, sizeof path, "photo.jpg");
    pid_t pid = fork();
    if (pid == 0)
        _exit(posterfiles_photo(path, 4000, 3000) > 0 ? 0 : 1);
    int status = -1;
    CHECK(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
          WEXITSTATUS(status) == 0);
    long before = max_rss_kb();
    SDL_Surface *s = NULL;
    char err[PICTURE_ERR_LEN];
    CHECK_INT(load("photo.jpg", 1920, 1080, &s, err), PICTURE_OK);
    long after = max_rss_kb();
    fprintf(stderr, "  max RSS: %ld KB before the 4000x3000 photo, %ld KB after\n", before, after);
    CHECK(s && s->w == 1440 && s->h == 1080);
    CHECK(after - before < PHOTO_MAX_RSS_GROWTH_KB);
    SDL_FreeSurface(s);
}

static void remove_dir(void)
{
    static const char *names[] = {"wide.png",       "small.png",      "checker.png", "tall.jpg",
                                  "jpeg-named.png", "cut.jpg",        "noise.png",   "notes.png",
                                  "whole.png",      "half.png",       "damaged.png", "bomb.png",
                                  "long.png",       "nine.png",       "big.png",     "photo.jpg",
                                  "liar-big.jpg",   "liar-small.jpg", "room.png"};
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
    } else if (argc > 1 && strcmp(argv[1], "--photo-rss") == 0) {
        RUN(photo_costs_its_stage_size);
    } else {
        RUN(wide_png_fits_the_width);
        RUN(small_png_at_twice_its_size);
        RUN(fit_keeps_the_aspect_ratio);
        RUN(downscale_has_no_moire);
        RUN(jpeg_loads);
        RUN(broken_files_are_refused);
        RUN(bomb_is_refused_before_decoding);
        RUN(png_over_the_budget_is_refused);
        RUN(big_png_is_refused);
        RUN(photo_is_decoded_at_scale);
        RUN(lying_jpegs_are_refused);
        RUN(no_room_is_said);
        RUN(posters_keep_to_their_budget);
        RUN(loads_on_another_thread);
    }
    picture_quit();
    remove_dir();
    return test_report();
}
