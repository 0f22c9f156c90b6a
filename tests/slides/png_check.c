/* png_check DIR WIDTH HEIGHT MIN_COUNT: reads every slide-*.png in DIR with
 * SDL2_image and fails when a file has the wrong size, when a slide is blank
 * (almost every pixel the same) or when fewer than MIN_COUNT slides exist. */
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

static int check_one(const char *path, int w, int h)
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
    SDL_FreeSurface(s);
    return bad;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: png_check DIR WIDTH HEIGHT MIN_COUNT\n");
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
        failures += check_one(path, w, h);
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
