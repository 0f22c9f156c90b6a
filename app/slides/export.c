/* export: headless PNG rendering of the deck (software renderer on a surface:
 * the most deterministic SDL path, and it needs no video driver). */
#include "vitrine/export.h"

#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitrine/deck.h"
#include "vitrine/fileio.h"
#include "vitrine/layout.h"
#include "vitrine/log.h"

#define EXPORT_DIR_MODE 0777 /* umask applies, as with mkdir(1) */
#define EXPORT_TEXT_MODE 0644

/* Slide i's text alternative (deck_slide_line), one line each ended by a
 * newline, at path. */
static bool write_text(const deck *d, size_t i, const char *path, char err[EXPORT_ERR_LEN])
{
    size_t n = deck_slide_lines(d, i), len = 0;
    for (size_t k = 0; k < n; k++)
        len += strlen(deck_slide_line(d, i, k)) + 1;
    char *buf = malloc(len + 1), ferr[FILEIO_ERR_LEN];
    if (!buf) {
        snprintf(err, EXPORT_ERR_LEN, "%.400s: out of memory", path);
        return false;
    }
    size_t at = 0;
    for (size_t k = 0; k < n; k++) {
        const char *line = deck_slide_line(d, i, k);
        size_t l = strlen(line);
        memcpy(buf + at, line, l);
        buf[at + l] = '\n';
        at += l + 1;
    }
    bool ok = fileio_write_atomic(path, buf, len, EXPORT_TEXT_MODE, false, ferr) == FILEIO_OK;
    if (!ok)
        snprintf(err, EXPORT_ERR_LEN, "%s", ferr);
    free(buf);
    return ok;
}

static bool write_slides(deck *d, SDL_Renderer *r, SDL_Surface *surf, layout_stage st,
                         const char *dir, textalt *alt, export_report *rep,
                         char err[EXPORT_ERR_LEN])
{
    for (size_t i = 0; i < deck_count(d); i++) {
        if (!deck_slide_has_data(d, i))
            continue;
        char path[PATH_MAX], text[PATH_MAX];
        int n =
            snprintf(path, sizeof path, "%s/slide-%02zu-%s.png", dir, i + 1, deck_slide_name(d, i));
        if (n < 0 || (size_t)n >= sizeof path) {
            snprintf(err, EXPORT_ERR_LEN, "%.400s: path too long", dir);
            return false;
        }
        snprintf(text, sizeof text, "%.*s.txt", n - 4, path); /* the same name, .txt */
        SDL_SetRenderDrawColor(r, 0, 0, 0, 255); /* the bands, as the kiosk draws them */
        SDL_RenderClear(r);
        deck_draw(d, i, st.x, st.y, 255);
        SDL_RenderFlush(r);
        if (IMG_SavePNG(surf, path) != 0) {
            snprintf(err, EXPORT_ERR_LEN, "%.400s: cannot write PNG: %s", path, IMG_GetError());
            return false;
        }
        if (!write_text(d, i, text, err))
            return false;
        if (alt && !deck_slide_alt(d, i, path + strlen(dir) + 1, alt)) {
            snprintf(err, EXPORT_ERR_LEN, "%.400s: text alternative: out of memory", path);
            return false;
        }
        rep->written++;
    }
    return true;
}

export_status export_slides(const model *m, const stats *s, const feedstate_set *fs, vt_date today,
                            const export_content *content, int width, int height, const char *dir,
                            export_report *rep, char err[EXPORT_ERR_LEN])
{
    memset(rep, 0, sizeof *rep);
    if (width <= 0 || height <= 0 || width > EXPORT_MAX_SIDE || height > EXPORT_MAX_SIDE) {
        snprintf(err, EXPORT_ERR_LEN, "--size %dx%d: each side must be 1..%d", width, height,
                 EXPORT_MAX_SIDE);
        return EXPORT_BAD_SIZE;
    }
    char ferr[FILEIO_ERR_LEN];
    if (fileio_mkdirs(dir, EXPORT_DIR_MODE, ferr) != FILEIO_OK) {
        snprintf(err, EXPORT_ERR_LEN, "%s", ferr);
        return EXPORT_FAILED;
    }
    SDL_Surface *surf =
        SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_RGB888);
    SDL_Renderer *r = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;
    char derr[DECK_ERR_LEN];
    deck *d = r ? deck_new(r, derr) : NULL;
    layout_stage st = layout_stage_for(width, height);
    char perr[POSTERS_ERR_LEN];
    bool want_posters = content->posters_dir && *content->posters_dir;
    bool decoders = want_posters && posters_init(perr);
    if (want_posters && !decoders)
        log_warn("export", "image decoders not started (%s): posters will be refused", perr);
    posters *p = want_posters
                     ? posters_scan(content->posters_dir, st.w, st.h, &content->posters_limits)
                     : NULL;
    if (d) {
        deck_keep_text(d, true); /* written beside each PNG */
        deck_set_focus(d, content->focus);
        deck_set_announcements(d, content->announcements);
        deck_set_posters(d, p);
        deck_set_time(d, content->now);
    }
    bool ok = false;
    if (!surf || !r) {
        snprintf(err, EXPORT_ERR_LEN, "software renderer %dx%d: %s", width, height, SDL_GetError());
    } else if (!d) {
        snprintf(err, EXPORT_ERR_LEN, "%s", derr);
    } else if (deck_update(d, m, s, fs, today, st.w, st.h, derr) != DECK_OK) {
        snprintf(err, EXPORT_ERR_LEN, "%s", derr);
    } else {
        rep->slides = deck_count(d);
        rep->overflows = deck_overflows(d);
        rep->smallest_px = deck_smallest_text_px(d);
        ok = write_slides(d, r, surf, st, dir, content->alt, rep, err);
    }
    deck_free(d);
    posters_free(p); /* after the slides that drew from it */
    if (decoders)
        posters_quit();
    if (r)
        SDL_DestroyRenderer(r);
    SDL_FreeSurface(surf);
    return ok ? EXPORT_OK : EXPORT_FAILED;
}
