/* posters: a folder of images as a set of fitted surfaces (posters.h). */
#include "vitrine/posters.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "picture.h"
#include "vitrine/fileio.h"
#include "vitrine/hash.h"
#include "vitrine/log.h"

#define LIST_MAX 256       /* files a folder's listing considers (POSTERS_MAX are shown) */
#define OVER_LINE_LEN 1024 /* the line naming the posters over the budget */

typedef struct {
    char file[POSTERS_FILE_LEN];
    char name[POSTERS_NAME_LEN];
    SDL_Surface *image;
    int fit_w, fit_h; /* the box it was fitted into */
} poster;

struct posters {
    poster items[POSTERS_MAX];
    size_t n;
    int64_t bytes; /* the pictures' pixels */
    uint64_t signature;
};

typedef struct {
    char names[LIST_MAX][POSTERS_FILE_LEN];
    size_t n, left_out;
    uint64_t signature;
} listing;

static int by_name(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* The folder's regular, visible files, sorted, and their signature. */
static bool list_dir(const char *dir, int fit_w, int fit_h, const posters_limits *lim, listing *l,
                     char *err, size_t errsz)
{
    memset(l, 0, sizeof *l);
    DIR *d = *dir ? opendir(dir) : NULL;
    if (!d) {
        int e = *dir ? errno : 0;
        snprintf(err, errsz, "%s: %s", dir, strerror(e));
        /* A folder that cannot be read has a signature of its own, so its
         * warning comes once, and again only if the reason changes. */
        l->signature =
            *dir ? hash_fnv1a64(hash_fnv1a64_str(HASH_FNV1A64_BASIS, dir), &e, sizeof e) | 1 : 0;
        return false;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        char path[PATH_MAX];
        struct stat st;
        if (e->d_name[0] == '.' || strlen(e->d_name) >= POSTERS_FILE_LEN ||
            !fileio_join(path, sizeof path, dir, e->d_name) || stat(path, &st) != 0 ||
            !S_ISREG(st.st_mode))
            continue;
        if (l->n == LIST_MAX) {
            l->left_out++;
            continue;
        }
        snprintf(l->names[l->n++], POSTERS_FILE_LEN, "%s", e->d_name);
    }
    closedir(d);
    qsort(l->names, l->n, sizeof l->names[0], by_name);
    uint64_t h = hash_fnv1a64(HASH_FNV1A64_BASIS, &fit_w, sizeof fit_w);
    h = hash_fnv1a64(h, &fit_h, sizeof fit_h);
    int64_t limits[2] = {lim->max_pixels, lim->max_bytes}; /* a new budget: scanned again */
    h = hash_fnv1a64(h, limits, sizeof limits);
    for (size_t i = 0; i < l->n; i++) {
        char path[PATH_MAX];
        struct stat st = {0};
        if (fileio_join(path, sizeof path, dir, l->names[i]))
            stat(path, &st);
        int64_t meta[3] = {(int64_t)st.st_size, (int64_t)st.st_mtim.tv_sec,
                           (int64_t)st.st_mtim.tv_nsec};
        h = hash_fnv1a64_str(h, l->names[i]);
        h = hash_fnv1a64(h, meta, sizeof meta);
    }
    l->signature = h ? h : 1; /* 0 says "no folder" */
    return true;
}

_Static_assert(POSTERS_ERR_LEN == PICTURE_ERR_LEN, "one buffer for both");

bool posters_init(char err[POSTERS_ERR_LEN])
{
    return picture_init(err);
}

void posters_quit(void)
{
    picture_quit();
}

uint64_t posters_signature(const char *dir, int fit_w, int fit_h, const posters_limits *lim)
{
    listing *l = malloc(sizeof *l);
    char err[PATH_MAX + 64];
    uint64_t sig = 0;
    if (l) {
        list_dir(dir, fit_w, fit_h, lim, l, err, sizeof err);
        sig = l->signature;
    }
    free(l);
    return sig;
}

/* "Demo Day.png" -> "poster-demo-day": ASCII letters and digits, the rest
 * one dash. */
static void slug(const char *file, char out[POSTERS_NAME_LEN])
{
    const char *dot = strrchr(file, '.');
    size_t len = dot && dot != file ? (size_t)(dot - file) : strlen(file);
    size_t n = (size_t)snprintf(out, POSTERS_NAME_LEN, "%s", POSTERS_PREFIX);
    bool dash = false;
    for (size_t i = 0; i < len && n + 2 < POSTERS_NAME_LEN; i++) {
        unsigned char ch = (unsigned char)file[i];
        bool keep =
            (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z');
        if (!keep) {
            dash = true;
            continue;
        }
        if (dash || n == strlen(POSTERS_PREFIX))
            out[n++] = '-';
        dash = false;
        out[n++] = (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
    }
    out[n] = '\0';
}

/* The posters left out because the set's budget is spent, named in one
 * line at the end of the scan. */
typedef struct {
    char line[OVER_LINE_LEN];
    size_t n;
} over_budget;

static void note_over(over_budget *o, const char *why)
{
    size_t used = strlen(o->line);
    if (used + strlen(why) + 8 < sizeof o->line)
        snprintf(o->line + used, sizeof o->line - used, "%s%s", o->n ? ", " : "", why);
    else if (!strstr(o->line, ", ..."))
        snprintf(o->line + used, sizeof o->line - used, ", ...");
    o->n++;
}

static picture_limits limits_left(const posters *p, const posters_limits *lim)
{
    long px = lim->max_pixels;
    px = px < PICTURE_MIN_PIXELS   ? PICTURE_MIN_PIXELS
         : px > PICTURE_MAX_PIXELS ? PICTURE_MAX_PIXELS
                                   : px;
    int64_t left = lim->max_bytes > p->bytes ? lim->max_bytes - p->bytes : 0;
    return (picture_limits){.max_pixels = px,
                            .room = (uint64_t)left > SIZE_MAX ? SIZE_MAX : (size_t)left};
}

static void load_one(posters *p, const char *dir, const char *file, int fit_w, int fit_h,
                     const posters_limits *lim, over_budget *over)
{
    char path[PATH_MAX], err[PICTURE_ERR_LEN];
    if (!fileio_join(path, sizeof path, dir, file)) {
        log_warn("posters", "%s/%s: path too long; left out", dir, file);
        return;
    }
    SDL_Surface *img = NULL;
    picture_limits left = limits_left(p, lim);
    picture_status st = picture_load(path, fit_w, fit_h, &left, &img, err);
    if (st == PICTURE_NO_ROOM) {
        note_over(over, err);
        return;
    }
    if (st != PICTURE_OK) {
        log_warn("posters", "%s; left out", err);
        return;
    }
    poster *it = &p->items[p->n++];
    snprintf(it->file, sizeof it->file, "%s", file);
    slug(file, it->name);
    it->image = img;
    it->fit_w = fit_w, it->fit_h = fit_h;
    p->bytes += (int64_t)img->h * img->pitch;
}

posters *posters_scan(const char *dir, int fit_w, int fit_h, const posters_limits *lim)
{
    posters *p = calloc(1, sizeof *p);
    listing *l = malloc(sizeof *l);
    over_budget *over = calloc(1, sizeof *over);
    if (!p || !l || !over) {
        free(p);
        free(l);
        free(over);
        return NULL;
    }
    char err[PATH_MAX + 64];
    if (!list_dir(dir, fit_w, fit_h, lim, l, err, sizeof err)) {
        if (*dir) /* "": no folder configured, nothing to say */
            log_warn("posters", "posters_dir %s: no posters shown", err);
        p->signature = l->signature;
        free(l);
        free(over);
        return p;
    }
    p->signature = l->signature;
    size_t considered = 0;
    for (size_t i = 0; i < l->n && p->n < POSTERS_MAX; i++, considered++)
        load_one(p, dir, l->names[i], fit_w, fit_h, lim, over);
    if (considered < l->n || l->left_out)
        log_warn("posters", "%s: %zu file(s) after the first %d posters left out (POSTERS_MAX)",
                 dir, l->n - considered + l->left_out, POSTERS_MAX);
    if (over->n)
        log_warn("posters",
                 "%zu poster(s) left out, over the %.1f MiB the posters may take "
                 "(kiosk.posters_max_bytes; %.1f MiB taken): %s",
                 over->n, (double)lim->max_bytes / (1 << 20), (double)p->bytes / (1 << 20),
                 over->line);
    log_info("posters", "%s: %zu poster(s) of %zu file(s), %.1f MiB", dir, p->n, l->n + l->left_out,
             (double)p->bytes / (1 << 20));
    free(l);
    free(over);
    return p;
}

void posters_free(posters *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++)
        SDL_FreeSurface(p->items[i].image);
    free(p);
}

size_t posters_count(const posters *p)
{
    return p ? p->n : 0;
}

const char *posters_name(const posters *p, size_t i)
{
    return p && i < p->n ? p->items[i].name : "";
}

const char *posters_file(const posters *p, size_t i)
{
    return p && i < p->n ? p->items[i].file : "";
}

SDL_Surface *posters_image(const posters *p, size_t i)
{
    return p && i < p->n ? p->items[i].image : NULL;
}

uint64_t posters_signature_of(const posters *p)
{
    return p ? p->signature : 0;
}

int64_t posters_bytes(const posters *p)
{
    return p ? p->bytes : 0;
}

bool posters_small(const posters *p, size_t i, int *w, int *h)
{
    const poster *it = p && i < p->n ? &p->items[i] : NULL;
    /* A fitted picture touches a side of its box; a small one, loaded at
     * twice its size, neither (picture_small). */
    if (!it || it->image->w >= it->fit_w || it->image->h >= it->fit_h)
        return false;
    *w = it->image->w / PICTURE_SMALL_ZOOM, *h = it->image->h / PICTURE_SMALL_ZOOM;
    return true;
}
