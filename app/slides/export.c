/* export: headless PNG rendering of the deck (software renderer on a surface:
 * the most deterministic SDL path, and it needs no video driver). */
#include "vitrine/export.h"

#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "vitrine/deck.h"
#include "vitrine/fileio.h"
#include "vitrine/layout.h"
#include "vitrine/log.h"

#define EXPORT_DIR_MODE 0777 /* umask applies, as with mkdir(1) */

static bool write_slides(deck *d, SDL_Renderer *r, SDL_Surface *surf, layout_stage st,
                         const char *dir, export_report *rep, char err[EXPORT_ERR_LEN])
{
    for (size_t i = 0; i < deck_count(d); i++) {
        if (!deck_slide_has_data(d, i))
            continue;
        char path[PATH_MAX];
        int n =
            snprintf(path, sizeof path, "%s/slide-%02zu-%s.png", dir, i + 1, deck_slide_name(d, i));
        if (n < 0 || (size_t)n >= sizeof path) {
            snprintf(err, EXPORT_ERR_LEN, "%.400s: path too long", dir);
            return false;
        }
        SDL_SetRenderDrawColor(r, 0, 0, 0, 255); /* the bands, as the kiosk draws them */
        SDL_RenderClear(r);
        deck_draw(d, i, st.x, st.y, 255);
        SDL_RenderFlush(r);
        if (IMG_SavePNG(surf, path) != 0) {
            snprintf(err, EXPORT_ERR_LEN, "%.400s: cannot write PNG: %s", path, IMG_GetError());
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
    posters *p = want_posters ? posters_scan(content->posters_dir, st.w, st.h) : NULL;
    if (d) {
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
        ok = write_slides(d, r, surf, st, dir, rep, err);
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
