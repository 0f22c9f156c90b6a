/* One type scale, in process, on the whole deck with a focus incubator at
 * the four sizes (built-in demo data, or the real snapshot given as
 * argument, skipped when absent): every slide's title is drawn at the
 * scale's title size (THEME_TEXT_TITLE), the focus incubator's included,
 * or smaller only when it does not hold on two lines at that size, and
 * never below THEME_TEXT_TITLE_MIN; the cards of one slide share
 * their sizes: the names of the newest products, the pole headings of the
 * team pages (every blue text under the title of such a slide). */
#include <SDL2/SDL.h>
#include <stdio.h>
#include <string.h>

#include "canvas.h"
#include "realdata.h"
#include "test.h"
#include "vitrine/datadir.h"
#include "vitrine/deck.h"
#include "vitrine/fileio.h"
#include "vitrine/stats.h"

#define SKIP_CODE 77

static const int sizes[4][2] = {{1280, 720}, {1920, 1080}, {3840, 2160}, {1080, 1920}};

/* The title's size: the top-most blue text's; *bottom: the title's last
 * line's bottom; whole: its lines joined. */
static int title_px(const canvas *c, float *bottom, char *whole, size_t wholesz)
{
    int px, best_px = 0;
    layout_rect r;
    theme_role fg;
    const char *s;
    float top = 1e9f;
    *bottom = 0;
    *whole = '\0';
    for (size_t k = 0; canvas_text_op(c, k, &px, &r, &fg); k++)
        if (fg == THEME_BLUE && r.y < top)
            top = r.y, best_px = px;
    for (size_t k = 0; (s = canvas_text_op(c, k, &px, &r, &fg)); k++)
        if (fg == THEME_BLUE && px == best_px && r.y < top + 3.5f * r.h && r.y + r.h > *bottom) {
            *bottom = r.y + r.h;
            size_t used = strlen(whole);
            snprintf(whole + used, wholesz - used, "%s%s", used ? " " : "", s);
        }
    return best_px;
}

/* A title below the scale's size only when it does not hold on two lines
 * at that size, and never below THEME_TEXT_TITLE_MIN. */
static bool title_ok(deck *d, int w, int h, int px, const char *title)
{
    canvas *probe = canvas_new(deck_fonts(d), w, h, "probe");
    if (!probe)
        return false;
    int want = canvas_px(probe, THEME_TEXT_TITLE);
    float u = canvas_unit(probe), width = (float)w - 2 * 0.05f * u; /* frame.c's margins */
    canvas_style st = {.face = FONTS_BOLD,
                       .size = THEME_TEXT_TITLE,
                       .min_size = THEME_TEXT_TITLE,
                       .max_lines = 2,
                       .fg = THEME_BLUE,
                       .bg = THEME_BG};
    bool ok =
        px == want || (px >= canvas_px(probe, THEME_TEXT_TITLE_MIN) &&
                       canvas_fit(probe, (layout_rect){0, 0, width, 1e6f}, title, &st).overflow);
    canvas_free(probe);
    return ok;
}

/* Every blue text under the title at one size (cards' names, headings). */
static void cards_share(const canvas *c, const char *name, float below)
{
    int px, first = 0;
    layout_rect r;
    theme_role fg;
    const char *s;
    for (size_t k = 0; (s = canvas_text_op(c, k, &px, &r, &fg)); k++) {
        if (fg != THEME_BLUE || r.y < below)
            continue;
        if (!first)
            first = px;
        if (px != first)
            fprintf(stderr, "%s: \"%s\" at %d px, another card's at %d px\n", name, s, px, first);
        CHECK_INT(px, first);
    }
}

static void check_size(const model *m, const stats *st, const feedstate_set *fs, vt_date today,
                       const char *focus, int w, int h)
{
    char err[DECK_ERR_LEN];
    deck *d = deck_new(NULL, err);
    CHECK(d != NULL);
    if (!d)
        return;
    deck_set_focus(d, focus);
    CHECK_INT(deck_update(d, m, st, fs, today, w, h, err), DECK_OK);
    int want = 0, focus_slides = 0;
    for (size_t i = 0; i < deck_count(d); i++) {
        const canvas *c = deck_slide_canvas(d, i);
        const char *name = deck_slide_name(d, i);
        if (!deck_slide_has_data(d, i) || !c)
            continue;
        if (!want)
            want = canvas_px(c, THEME_TEXT_TITLE);
        float bottom;
        char title[1024];
        int px = title_px(c, &bottom, title, sizeof title);
        bool ok = title_ok(d, w, h, px, title);
        if (!ok)
            fprintf(stderr, "%dx%d %s: title \"%s\" at %d px, the scale's is %d px\n", w, h, name,
                    title, px, want);
        CHECK(ok);
        focus_slides += strncmp(name, "incubator-", 10) == 0;
        if (strcmp(name, "incubator-newest") == 0 || strncmp(name, "team-", 5) == 0)
            cards_share(c, name, bottom + 1);
    }
    CHECK(focus_slides >= 3);
    deck_free(d);
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : NULL;
    char err[DATADIR_ERR_LEN];
    if (realdata_absent(dir))
        return SKIP_CODE;
    model *m = NULL;
    datadir_status ds = dir ? datadir_load(dir, &m, err) : datadir_load_builtin(&m, err);
    CHECK_INT(ds, DATADIR_OK);
    if (!m)
        return test_report();
    feedstate_set fs;
    datadir_feedstates(dir, m, &fs);
    vt_date today = date_parse("2026-08-20");
    stats *s = stats_compute(m, today);
    for (size_t i = 0; i < 4; i++)
        check_size(m, s, &fs, today, dir ? "dinum" : "demo-territoires", sizes[i][0], sizes[i][1]);
    stats_free(s);
    model_free(m);
    return test_report();
}
