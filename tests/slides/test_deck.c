/* The deck on real inputs, in process: every slide at the four sizes of the
 * issue (1280x720, 1920x1080, 3840x2160, portrait 1080x1920) with no layout
 * problem, text never below 2.5 % of the short side, no blank slide; the
 * spotlight changes every cycle and every candidate fits; a failed update
 * keeps the previous slides; footer badges follow the slide's own feeds;
 * team poles flow onto few pages and are split only when taller than one.
 * Usage: test_deck [DATA_DIR]  (no argument: the embedded demo data; exits
 * 77, reported as skipped, when DATA_DIR is absent). */
#include <SDL2/SDL.h>
#include <math.h>

#include "frame.h"
#include "realdata.h"
#include "slides_team.h"
#include "test.h"
#include "vitrine/datadir.h"
#include "vitrine/deck.h"
#include "vitrine/fileio.h"
#include "vitrine/fonts.h"
#include "vitrine/stats.h"

#define SKIP_CODE 77
#define MIN_SLIDES 10

static const int sizes[4][2] = {{1280, 720}, {1920, 1080}, {3840, 2160}, {1080, 1920}};

typedef struct {
    SDL_Surface *surf;
    SDL_Renderer *r;
    deck *d;
} screen;

static bool screen_open(screen *s, int w, int h)
{
    char err[DECK_ERR_LEN];
    s->surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGB888);
    s->r = s->surf ? SDL_CreateSoftwareRenderer(s->surf) : NULL;
    s->d = s->r ? deck_new(s->r, err) : NULL;
    if (s->d)
        deck_keep_text(s->d, true); /* reading_order reads it */
    if (!s->d)
        fprintf(stderr, "screen %dx%d: %s\n", w, h, s->r ? err : SDL_GetError());
    return s->d != NULL;
}

static void screen_close(screen *s)
{
    deck_free(s->d);
    if (s->r)
        SDL_DestroyRenderer(s->r);
    SDL_FreeSurface(s->surf);
}

/* Standard deviation of the luminance: near 0 for a blank page. */
static double spread(SDL_Surface *s)
{
    double sum = 0, sum2 = 0;
    long n = 0;
    for (int y = 0; y < s->h; y += 2)
        for (int x = 0; x < s->w; x += 2) {
            Uint32 p = ((Uint32 *)((Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch))[x];
            double l = 0.2126 * ((p >> 16) & 255) + 0.7152 * ((p >> 8) & 255) + 0.0722 * (p & 255);
            sum += l, sum2 += l * l, n++;
        }
    double mean = sum / (double)n;
    return sqrt(fmax(0, sum2 / (double)n - mean * mean));
}

static Uint32 checksum(SDL_Surface *s)
{
    Uint32 h = 2166136261u;
    for (int y = 0; y < s->h; y++) {
        const Uint8 *row = (const Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch;
        for (int x = 0; x < s->w * 4; x++)
            h = (h ^ row[x]) * 16777619u;
    }
    return h;
}

static void draw(screen *s, size_t i)
{
    SDL_SetRenderDrawColor(s->r, 255, 255, 255, 255);
    SDL_RenderClear(s->r);
    deck_draw(s->d, i, 0, 0, 255);
    SDL_RenderFlush(s->r);
}

static void check_size(const model *m, const stats *st, const feedstate_set *fs, vt_date today,
                       int w, int h)
{
    screen s;
    char err[DECK_ERR_LEN];
    if (!screen_open(&s, w, h)) {
        CHECK(false);
        return;
    }
    CHECK_INT(deck_update(s.d, m, st, fs, today, w, h, err), DECK_OK);
    size_t with_data = 0;
    for (size_t i = 0; i < deck_count(s.d); i++) {
        if (!deck_slide_has_data(s.d, i))
            continue;
        with_data++;
        draw(&s, i);
        double sd = spread(s.surf);
        if (sd < 8)
            fprintf(stderr, "%dx%d %s: blank (spread %.1f)\n", w, h, deck_slide_name(s.d, i), sd);
        CHECK(sd >= 8);
        CHECK(*deck_slide_title(s.d, i));
    }
    fprintf(stderr, "%dx%d: %zu slides, %zu problem(s), smallest text %d px\n", w, h, with_data,
            deck_overflows(s.d), deck_smallest_text_px(s.d));
    CHECK(with_data >= MIN_SLIDES);
    CHECK_INT(deck_overflows(s.d), 0);
    int short_side = w < h ? w : h;
    CHECK((double)deck_smallest_text_px(s.d) >= 0.025 * short_side - 0.001);
    /* Every spotlight candidate fits, and the product changes each cycle. */
    size_t spot = 0;
    while (spot < deck_count(s.d) && strcmp(deck_slide_name(s.d, spot), "spotlight") != 0)
        spot++;
    CHECK(spot < deck_count(s.d));
    size_t n = deck_spotlight_candidates(s.d);
    CHECK(n >= 2);
    Uint32 previous = 0;
    for (size_t c = 0; c < n && spot < deck_count(s.d); c++) {
        deck_set_cycle(s.d, (unsigned long)c);
        if (deck_overflows(s.d) != 0)
            fprintf(stderr, "%dx%d: spotlight cycle %zu overflows\n", w, h, c);
        CHECK_INT(deck_overflows(s.d), 0);
        if (c < 3) { /* pixels: a different product each time */
            draw(&s, spot);
            Uint32 sum = checksum(s.surf);
            CHECK(c == 0 || sum != previous);
            previous = sum;
        }
    }
    /* A renderer reset (SDL_RENDER_TARGETS_RESET / DEVICE_RESET) drops
     * every texture, the text cache's included, and the next draw rebuilds
     * the same pixels from the display lists. */
    draw(&s, 0);
    Uint32 before_reset = checksum(s.surf);
    CHECK(deck_textures(s.d) > 1); /* the slide and its text */
    deck_reset_textures(s.d);
    CHECK_INT(deck_textures(s.d), 0);
    draw(&s, 0);
    CHECK(checksum(s.surf) == before_reset);
    /* A failed update (bad size) keeps what is on screen. */
    size_t before = deck_count(s.d);
    CHECK_INT(deck_update(s.d, m, st, fs, today, 0, h, err), DECK_BAD_SIZE);
    CHECK_INT(deck_count(s.d), before);
    screen_close(&s);
}

static void footer_badges_follow_the_slide_feeds(void)
{
    feedstate_set fs = {0};
    char date[FRAME_TEXT_LEN], badge[FRAME_TEXT_LEN];
    theme_role bg;
    fs.feeds[FEED_STARTUPS] = (feedstate){.kind = FEEDSTATE_FRESH, .data_time = 1787227200};
    fs.feeds[FEED_AUTHORS] = (feedstate){.kind = FEEDSTATE_STALE, .data_time = 1787227200 - 86400};
    fs.feeds[FEED_DEFIS] = (feedstate){.kind = FEEDSTATE_DEMO, .data_time = 0};
    frame_status(&fs, FRAME_FEED(FEED_STARTUPS), date, badge, &bg);
    CHECK_STR(date, "Données du 20 août 2026");
    CHECK_STR(badge, "");
    frame_status(&fs, FRAME_FEED(FEED_STARTUPS) | FRAME_FEED(FEED_AUTHORS), date, badge, &bg);
    CHECK_STR(date, "Données du 19 août 2026"); /* the oldest of the slide's feeds */
    CHECK_STR(badge, "DONNÉES ANCIENNES");
    frame_status(&fs, FRAME_FEED(FEED_DEFIS) | FRAME_FEED(FEED_PERSONNES), date, badge, &bg);
    CHECK_STR(badge, "DÉMO");
    CHECK(bg == THEME_RED);
    fs.feeds[FEED_STARTUPS].kind = FEEDSTATE_FAILING;
    frame_status(&fs, FRAME_FEED(FEED_STARTUPS), date, badge, &bg);
    CHECK_STR(badge, "MISE À JOUR EN ÉCHEC");
    fs.feeds[FEED_STARTUPS].kind = FEEDSTATE_OFFLINE;
    frame_status(&fs, FRAME_FEED(FEED_STARTUPS), date, badge, &bg);
    CHECK_STR(badge, "HORS LIGNE");
    fs.feeds[FEED_STARTUPS].data_time = 0;
    frame_status(&fs, FRAME_FEED(FEED_STARTUPS), date, badge, &bg);
    CHECK_STR(date, "Date des données inconnue");
    /* The bundled EIG copy: its own date, no badge; beside a live feed it
     * does not make the live data look four years old. */
    fs.feeds[FEED_STARTUPS] = (feedstate){.kind = FEEDSTATE_FRESH, .data_time = 1787227200};
    fs.feeds[FEED_DEFIS] =
        (feedstate){.kind = FEEDSTATE_BUNDLED, .data_time = DATADIR_BUNDLED_EIG_TIME};
    fs.feeds[FEED_PERSONNES] = fs.feeds[FEED_DEFIS];
    frame_status(&fs, FRAME_FEED(FEED_DEFIS) | FRAME_FEED(FEED_PERSONNES), date, badge, &bg);
    CHECK_STR(date, "Données du 5 septembre 2022");
    CHECK_STR(badge, "");
    frame_status(&fs, FRAME_FEED(FEED_STARTUPS) | FRAME_FEED(FEED_DEFIS), date, badge, &bg);
    CHECK_STR(date, "Données du 20 août 2026");
    CHECK_STR(badge, "");
}

static void initials(void)
{
    char b[SLIDES_TEAM_INITIALS_LEN];
    slides_team_initials("Anne-Sophie Tranchet", b);
    CHECK_STR(b, "AT");
    slides_team_initials("Élodie", b);
    CHECK_STR(b, "É");
    slides_team_initials("  Magali Marcel-Garreau ", b);
    CHECK_STR(b, "MM");
    slides_team_initials("", b);
    CHECK_STR(b, "");
}

/* The text alternative: one line per text however it wraps, joined
 * figures and labels, a skipped decoration, what is not drawn added, the
 * tail (footer) read last, control characters and bad bytes made safe. */
static void reading_order(void)
{
    char err[FONTS_ERR_LEN];
    fonts *f = fonts_new(err);
    canvas *c = f ? canvas_new(f, 1280, 720, "reading") : NULL;
    CHECK(c != NULL);
    if (!c) {
        fonts_free(f);
        return;
    }
    canvas_style st = {.face = FONTS_REGULAR,
                       .size = THEME_TEXT_BODY,
                       .max_lines = 3,
                       .fg = THEME_TEXT,
                       .bg = THEME_BG};
    layout_rect narrow = {10, 10, 200, 300}, box = {10, 400, 1200, 60};
    canvas_text(c, box, "not kept: the text alternative is asked for", &st);
    CHECK_INT(canvas_read_count(c), 0);
    canvas_keep_text(c, true);
    canvas_read_tail(c, true);
    canvas_text(c, (layout_rect){10, 650, 600, 40}, "Source : ici", &st);
    canvas_read_tail(c, false);
    canvas_text(c, narrow, "Un titre assez long pour tenir sur trois lignes", &st);
    canvas_text(c, box, "128", &st);
    canvas_read_join(c, " ");
    canvas_text(c, box, "entrepreneurs", &st);
    canvas_read_skip(c);
    canvas_text(c, box, "AB", &st);
    canvas_text(c, box, "Promo 1", &st);
    canvas_read_join(c, " : ");
    canvas_text(c, box, "", &st); /* nothing drawn: the join is used up */
    canvas_read_add(c, " (0)");
    canvas_text(c, box, "une\nligne\t\xff", &st);
    CHECK_INT(canvas_read_count(c), 5);
    CHECK_STR(canvas_read_line(c, 0), "Un titre assez long pour tenir sur trois lignes");
    CHECK_STR(canvas_read_line(c, 1), "128 entrepreneurs");
    CHECK_STR(canvas_read_line(c, 2), "Promo 1 (0)");
    CHECK_STR(canvas_read_line(c, 3), "une ligne \xEF\xBF\xBD");
    /* In French typography, as drawn: a narrow no-break space before ":". */
    CHECK_STR(canvas_read_line(c, 4), "Source\xE2\x80\xAF: ici");
    CHECK_STR(canvas_read_line(c, 5), "");
    canvas_free(c);
    fonts_free(f);
}

/* People on the pages of a plan, and how many blocks go on a pole from an
 * earlier page. */
static size_t planned_people(const slides_team_page *pages, size_t np, size_t *continued)
{
    size_t n = 0;
    *continued = 0;
    for (size_t p = 0; p < np; p++)
        for (size_t b = 0; b < pages[p].n_blocks; b++) {
            n += pages[p].blocks[b].count;
            *continued += pages[p].blocks[b].continued;
        }
    return n;
}

/* Poles flow onto pages together (fewer pages than poles, every person
 * once, nothing "(suite)" when every pole fits a page, cards no smaller
 * than their base size); a pole taller than a page is split, the next
 * page's part marked continued. */
static void team_pages(const model *m, const stats *st, const feedstate_set *fs, vt_date today)
{
    char err[FONTS_ERR_LEN];
    fonts *f = fonts_new(err);
    CHECK(f != NULL);
    canvas *probe = f ? canvas_new(f, 1280, 720, "team-plan") : NULL;
    if (!probe) {
        fonts_free(f);
        return;
    }
    frame_input in = {m, st, fs, today};
    slides_team_page pages[SLIDES_TEAM_MAX_PAGES];
    size_t np = slides_team_plan(probe, &in, pages, SLIDES_TEAM_MAX_PAGES), people = 0, cont;
    for (size_t p = 0; p < m->local.n_poles; p++)
        people += m->local.poles[p].n_people;
    CHECK(np >= 1);
    CHECK(np < m->local.n_poles);
    CHECK_INT(planned_people(pages, np, &cont), people);
    CHECK_INT(cont, 0);
    CHECK(pages[0].scale >= 1.0f);
    /* One pole of 60 people does not fit a page. */
    static model_teammate crowd[60];
    static char names[60][32];
    for (int i = 0; i < 60; i++) {
        snprintf(names[i], sizeof names[i], "Personne %d", i + 1);
        crowd[i] = (model_teammate){names[i], "Rôle"};
    }
    model big = *m; /* shallow: only its local data is read */
    model_pole pole = {"Grand pôle", "Un pôle plus grand qu'une page", crowd, 60};
    big.local.poles = &pole;
    big.local.n_poles = 1;
    in.m = &big;
    np = slides_team_plan(probe, &in, pages, SLIDES_TEAM_MAX_PAGES);
    CHECK(np >= 2);
    CHECK_INT(planned_people(pages, np, &cont), 60);
    CHECK_INT(cont, np - 1);
    CHECK(!pages[0].blocks[0].continued && pages[1].blocks[0].continued);
    canvas_free(probe);
    fonts_free(f);
}

/* Slides laid out on a deck without a renderer (the kiosk's builder
 * thread) are taken whole by the deck on screen; a slide texture whose
 * slide did not change stays, one whose slide changed goes, and what is
 * drawn after the take equals what was drawn before for the same slide. */
static void take(const model *m, const stats *st, const feedstate_set *fs, vt_date today)
{
    screen s;
    char err[DECK_ERR_LEN];
    deck *b = deck_new(NULL, err);
    if (!b || !screen_open(&s, 640, 360)) {
        CHECK(false);
        deck_free(b);
        return;
    }
    CHECK_INT(deck_take(s.d, b), DECK_BAD_SIZE); /* nothing laid out yet */
    CHECK_INT(deck_update(b, m, st, fs, today, 640, 360, err), DECK_OK);
    size_t n = deck_count(b);
    CHECK_INT(deck_take(s.d, b), DECK_OK);
    CHECK_INT(deck_count(s.d), n);
    CHECK_INT(deck_count(b), 0);
    draw(&s, 1);
    Uint32 before = checksum(s.surf);
    size_t held = deck_textures(s.d);
    CHECK(held >= 1);
    /* The same inputs, another rotation: only the spotlight changes. */
    deck_set_cycle(b, 7);
    CHECK_INT(deck_update(b, m, st, fs, today, 640, 360, err), DECK_OK);
    CHECK_INT(deck_take(s.d, b), DECK_OK);
    CHECK_INT(deck_textures(s.d), held); /* slide 1's texture stayed */
    draw(&s, 1);
    CHECK(checksum(s.surf) == before);
    /* Another day: every footer's date changes, the texture goes. */
    CHECK_INT(deck_update(b, m, st, fs, today + 1, 640, 360, err), DECK_OK);
    CHECK_INT(deck_take(s.d, b), DECK_OK);
    CHECK_INT(deck_textures(s.d), held - 1);
    deck_free(b);
    screen_close(&s);
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : NULL;
    char err[DATADIR_ERR_LEN];
    if (realdata_absent(dir))
        return SKIP_CODE;
    RUN(footer_badges_follow_the_slide_feeds);
    RUN(initials);
    RUN(reading_order);
    model *m = NULL;
    datadir_status st = dir ? datadir_load(dir, &m, err) : datadir_load_builtin(&m, err);
    if (st != DATADIR_OK) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    feedstate_set fs;
    datadir_feedstates(dir, m, &fs);
    vt_date today = date_parse("2026-08-20");
    stats *s = stats_compute(m, today);
    CHECK(s != NULL);
    for (int i = 0; s && i < 4; i++)
        check_size(m, s, &fs, today, sizes[i][0], sizes[i][1]);
    if (s)
        team_pages(m, s, &fs, today);
    if (s)
        take(m, s, &fs, today);
    stats_free(s);
    model_free(m);
    return test_report();
}
