/* png_check DIR WIDTH HEIGHT MIN_COUNT [MAX_EMPTY_BAND_PERCENT [--skip-band
 * WORD]...]: reads every slide-*.png in DIR with SDL2_image and fails when a
 * file has the wrong size, when a slide is blank (almost every pixel the
 * same) or when fewer than MIN_COUNT slides exist. With
 * MAX_EMPTY_BAND_PERCENT, also when a band of rows that are entirely the
 * slide's background is taller than that share of the height: a slide
 * that leaves part of the screen unused. The background is the colour most
 * of the slide's left column has (white, THEME_BG, or the fill of an
 * announcement's poster). --skip-band WORD leaves out of that check the
 * slides whose file name contains WORD; --only-band WORD checks only those
 * that contain it. */
#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>
#include <dirent.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIN_STDDEV 8.0     /* luminance spread of a page with content */
#define MIN_INK_SHARE 0.01 /* share of pixels that are not the background */
#define MAX_SKIPS 16       /* --skip-band words */

typedef struct {
    double max_band; /* percent of the height; < 0: no band check */
    const char *skip[MAX_SKIPS];
    int n_skip;
    const char *only; /* NULL: every slide */
} band_check;

static Uint8 band_bg[3];

/* The colour most pixels of the left column have (Boyer-Moore majority,
 * then counted: white when no colour has most). */
static void find_background(const SDL_Surface *s)
{
    const Uint8 *px = s->pixels;
    Uint32 cand = 0, count = 0, rgb;
    for (int y = 0; y < s->h; y++) {
        const Uint8 *p = px + (size_t)y * (size_t)s->pitch;
        rgb = (Uint32)p[0] << 16 | (Uint32)p[1] << 8 | p[2];
        if (count == 0)
            cand = rgb, count = 1;
        else
            count += rgb == cand ? 1 : (Uint32)-1;
    }
    int n = 0;
    for (int y = 0; y < s->h; y++) {
        const Uint8 *p = px + (size_t)y * (size_t)s->pitch;
        n += ((Uint32)p[0] << 16 | (Uint32)p[1] << 8 | p[2]) == cand;
    }
    if (n * 2 <= s->h)
        cand = 0xFFFFFF;
    band_bg[0] = (Uint8)(cand >> 16), band_bg[1] = (Uint8)(cand >> 8), band_bg[2] = (Uint8)cand;
}

static int is_bg_row(const Uint8 *row, int w)
{
    for (int x = 0; x < w; x++)
        if (row[4 * x] != band_bg[0] || row[4 * x + 1] != band_bg[1] ||
            row[4 * x + 2] != band_bg[2])
            return 0;
    return 1;
}

/* The tallest run of background rows: its height and first row. */
static int tallest_band(const SDL_Surface *s, int *start)
{
    int best = 0, run = 0;
    *start = 0;
    for (int y = 0; y < s->h; y++) {
        const Uint8 *row = (const Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch;
        run = is_bg_row(row, s->w) ? run + 1 : 0;
        if (run > best) {
            best = run;
            *start = y - run + 1;
        }
    }
    return best;
}

static int skipped(const band_check *bc, const char *name)
{
    if (bc->only && !strstr(name, bc->only))
        return 1;
    for (int i = 0; i < bc->n_skip; i++)
        if (strstr(name, bc->skip[i]))
            return 1;
    return 0;
}

static int check_band(const SDL_Surface *s, const char *path, const char *name,
                      const band_check *bc)
{
    if (bc->max_band < 0 || skipped(bc, name))
        return 0;
    find_background(s);
    int start, h = tallest_band(s, &start);
    double pct = 100.0 * h / s->h;
    if (pct <= bc->max_band)
        return 0;
    fprintf(stderr,
            "%s: empty band of %d rows (%.1f %% of the height, over %.1f %%) "
            "from row %d to %d (%.0f %% to %.0f %% down the slide)\n",
            path, h, pct, bc->max_band, start, start + h - 1, 100.0 * start / s->h,
            100.0 * (start + h) / s->h);
    return 1;
}

static int check_one(const char *path, const char *name, int w, int h, const band_check *bc)
{
    SDL_Surface *raw = IMG_Load(path);
    if (!raw) {
        fprintf(stderr, "%s: cannot read: %s\n", path, IMG_GetError());
        return 1;
    }
    SDL_Surface *s = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_RGBA32, 0);
    SDL_FreeSurface(raw);
    if (!s)
        return 1;
    int bad = 0;
    if (s->w != w || s->h != h) {
        fprintf(stderr, "%s: %dx%d, want %dx%d\n", path, s->w, s->h, w, h);
        bad = 1;
    }
    double sum = 0, sum2 = 0;
    long ink = 0, n = (long)s->w * s->h;
    const Uint8 *px = s->pixels;
    Uint8 bg[3] = {px[0], px[1], px[2]};
    for (int y = 0; y < s->h; y++) {
        const Uint8 *row = px + (size_t)y * (size_t)s->pitch;
        for (int x = 0; x < s->w; x++) {
            const Uint8 *p = row + 4 * x;
            double l = 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];
            sum += l;
            sum2 += l * l;
            ink += p[0] != bg[0] || p[1] != bg[1] || p[2] != bg[2];
        }
    }
    double mean = sum / (double)n, sd = sqrt(fmax(0, sum2 / (double)n - mean * mean));
    double share = (double)ink / (double)n;
    if (sd < MIN_STDDEV || share < MIN_INK_SHARE) {
        fprintf(stderr, "%s: blank slide (stddev %.1f, ink %.3f)\n", path, sd, share);
        bad = 1;
    }
    bad |= check_band(s, path, name, bc);
    SDL_FreeSurface(s);
    return bad;
}

int main(int argc, char **argv)
{
    band_check bc = {.max_band = -1};
    if (argc >= 6)
        bc.max_band = strtod(argv[5], NULL);
    int words = 0;
    for (int i = 6; i + 1 < argc && bc.n_skip < MAX_SKIPS; i += 2) {
        if (strcmp(argv[i], "--skip-band") == 0)
            bc.skip[bc.n_skip++] = argv[i + 1], words++;
        else if (strcmp(argv[i], "--only-band") == 0)
            bc.only = argv[i + 1], words++;
    }
    if (argc < 5 || (argc > 6 && (argc % 2 != 0 || (argc - 6) / 2 != words))) {
        fprintf(stderr, "usage: png_check DIR WIDTH HEIGHT MIN_COUNT "
                        "[MAX_EMPTY_BAND_PERCENT [--skip-band WORD | --only-band WORD]...]\n");
        return 2;
    }
    int w = (int)strtol(argv[2], NULL, 10), h = (int)strtol(argv[3], NULL, 10);
    long min_count = strtol(argv[4], NULL, 10);
    DIR *d = opendir(argv[1]);
    if (!d) {
        fprintf(stderr, "%s: cannot open\n", argv[1]);
        return 1;
    }
    int failures = 0;
    long count = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (strncmp(e->d_name, "slide-", 6) != 0 || len < 4 || strcmp(e->d_name + len - 4, ".png"))
            continue;
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", argv[1], e->d_name);
        failures += check_one(path, e->d_name, w, h, &bc);
        count++;
    }
    closedir(d);
    if (count < min_count) {
        fprintf(stderr, "%s: %ld slides, want at least %ld\n", argv[1], count, min_count);
        failures++;
    }
    printf("%ld slides checked, %d problem(s)\n", count, failures);
    return failures ? 1 : 0;
}
