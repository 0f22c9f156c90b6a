/* No empty boxes: what the faces lack (emoji, Greek, Cyrillic, Arabic,
 * Hebrew) is drawn from the fallback fonts, pixel for pixel what the
 * fallback font itself draws; what no font has is left out (measured and
 * drawn as if absent) and counted, one layout problem per character; bytes
 * that are not UTF-8 are drawn as U+FFFD; a text too long is cut with an
 * ellipsis, the same for measuring and drawing. Exits 77 (skipped) when
 * fonts-symbola is not installed (toolchain/deps.sh installs it). */
#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>

#include "canvas.h"
#include "test.h"
#include "vitrine/fileio.h"
#include "vitrine/fonts.h"
#include "vitrine/text.h"

#define SKIP_CODE 77
#define PX 64
#define SYMBOLA "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf"
#define DEJAVU "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

#define ROCKET "\xF0\x9F\x9A\x80"                 /* U+1F680, in no text face */
#define CAR "\xF0\x9F\x9A\x98"                    /* U+1F698, in a real pitch */
#define HOUSE "\xF0\x9F\x8F\xA1"                  /* U+1F3E1, in a real product name */
#define TOKYO "\xE6\x9D\xB1\xE4\xBA\xAC"          /* U+6771 U+4EAC: CJK, in no font */
#define ARABIC "\xD9\x85\xD8\xAD\xD9\x85\xD8\xAF" /* "Muhammad" */

static const SDL_Color INK = {20, 20, 20, 255};
static fonts *f; /* the fonts every case uses */

/* What the data may hold, in both faces: none is missing. */
static const char *const WORLD[] = {
    "Covoiturage au quotidien " CAR,
    "Prot\xC3\xA8ge-Toit " HOUSE " (violences conjugales)",
    ROCKET " D\xC3\xA9"
           "collage",
    "\xCE\x95\xCE\xBB\xCE\xBB\xCE\xAC\xCE\xB4\xCE\xB1", /* Greek */
    "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0", /* Cyrillic */
    ARABIC " \xD8\xB9\xD9\x84\xD9\x8A",                 /* Arabic, two words */
    "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D",                 /* Hebrew */
    "TDD \xE2\x9D\xA4\xEF\xB8\x8F",                     /* heart + VS16 */
    "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB",     /* woman ZWJ laptop */
    "\xC3\xA9"
    "e\xCC\x81", /* é, and e + U+0301 */
    "\xEF\xBB\xBF"
    "BOM, zero\xE2\x80\x8Bwidth, \xE2\x80\x8Fmark", /* invisible: never a box */
};

/* Same size and same pixels (ARGB: colour and coverage). */
static bool same_pixels(SDL_Surface *a, SDL_Surface *b)
{
    if (!a || !b || a->w != b->w || a->h != b->h)
        return false;
    SDL_Surface *ca = SDL_ConvertSurfaceFormat(a, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_Surface *cb = SDL_ConvertSurfaceFormat(b, SDL_PIXELFORMAT_ARGB8888, 0);
    bool same = ca && cb;
    for (int y = 0; same && y < ca->h; y++)
        same = memcmp((Uint8 *)ca->pixels + (size_t)y * (size_t)ca->pitch,
                      (Uint8 *)cb->pixels + (size_t)y * (size_t)cb->pitch, (size_t)ca->w * 4) == 0;
    SDL_FreeSurface(ca);
    SDL_FreeSurface(cb);
    return same;
}

/* Pixels with some ink (alpha), to tell a drawn glyph from nothing. */
static long inked(SDL_Surface *s)
{
    long n = 0;
    SDL_Surface *c = s ? SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0) : NULL;
    for (int y = 0; c && y < c->h; y++)
        for (int x = 0; x < c->w; x++)
            n += (((Uint32 *)((Uint8 *)c->pixels + (size_t)y * (size_t)c->pitch))[x] >> 24) > 0;
    SDL_FreeSurface(c);
    return n;
}

/* The text drawn straight from one font file with SDL_ttf. */
static SDL_Surface *direct(const char *path, const char *s, bool rtl)
{
    TTF_Font *font = TTF_OpenFont(path, PX);
    if (!font)
        return NULL;
    if (rtl) {
        TTF_SetFontDirection(font, TTF_DIRECTION_RTL);
        TTF_SetFontScriptName(font, "Arab");
    }
    SDL_Surface *s_ = TTF_RenderUTF8_Blended(font, s, INK);
    TTF_CloseFont(font);
    return s_;
}

static void nothing_is_missing(void)
{
    for (size_t i = 0; i < sizeof WORLD / sizeof *WORLD; i++) {
        for (int face = 0; face < FONTS_FACE_COUNT; face++) {
            uint32_t first = 1;
            size_t n = fonts_missing(f, face, PX, WORLD[i], strlen(WORLD[i]), &first);
            if (n)
                fprintf(stderr, "\"%s\" face %d: %zu missing (U+%04X)\n", WORLD[i], face, n,
                        (unsigned)first);
            CHECK_INT(n, 0);
            CHECK_INT(first, 0);
            SDL_Surface *s = fonts_render(f, face, PX, WORLD[i], INK);
            CHECK(s != NULL);
            /* What is measured is what is drawn: the layout relies on it. */
            if (s)
                CHECK_INT(s->w, fonts_measure(f, face, PX, WORLD[i], strlen(WORLD[i])));
            SDL_FreeSurface(s);
        }
    }
}

/* The emoji is Symbola's, pixel for pixel, and not the face's own box. */
static void emoji_come_from_the_symbols_font(void)
{
    const char *emoji[] = {ROCKET, CAR, HOUSE};
    for (size_t i = 0; i < sizeof emoji / sizeof *emoji; i++) {
        SDL_Surface *got = fonts_render(f, FONTS_REGULAR, PX, emoji[i], INK);
        SDL_Surface *want = direct(SYMBOLA, emoji[i], false);
        CHECK(same_pixels(got, want));
        CHECK(inked(got) > PX * 4); /* a drawn pictograph, not nothing */
        SDL_FreeSurface(got);
        SDL_FreeSurface(want);
    }
    /* Arabic: DejaVu Sans's, shaped right to left with joined letters. */
    SDL_Surface *got = fonts_render(f, FONTS_REGULAR, PX, ARABIC, INK);
    SDL_Surface *want = direct(DEJAVU, ARABIC, true);
    CHECK(same_pixels(got, want));
    SDL_FreeSurface(got);
    SDL_FreeSurface(want);
    /* A font that shaped Arabic draws Latin-script text as before after it. */
    SDL_Surface *before = fonts_render(f, FONTS_REGULAR, PX, "\xE2\x9C\x88 \xE2\x99\xBB", INK);
    SDL_FreeSurface(fonts_render(f, FONTS_REGULAR, PX, ARABIC, INK));
    SDL_Surface *after = fonts_render(f, FONTS_REGULAR, PX, "\xE2\x9C\x88 \xE2\x99\xBB", INK);
    CHECK(same_pixels(before, after));
    SDL_FreeSurface(before);
    SDL_FreeSurface(after);
}

/* A character no font has is left out: measured and drawn as if absent,
 * and counted. */
static void what_no_font_has_is_left_out(void)
{
    const char *s = "Tokyo " TOKYO " 2026";
    uint32_t first = 0;
    CHECK_INT(fonts_missing(f, FONTS_REGULAR, PX, s, strlen(s), &first), 2);
    CHECK_INT(first, 0x6771);
    CHECK_INT(fonts_measure(f, FONTS_REGULAR, PX, s, strlen(s)),
              fonts_measure(f, FONTS_REGULAR, PX, "Tokyo  2026", 11));
    SDL_Surface *got = fonts_render(f, FONTS_BOLD, PX, s, INK);
    SDL_Surface *want = fonts_render(f, FONTS_BOLD, PX, "Tokyo  2026", INK);
    CHECK(same_pixels(got, want));
    SDL_FreeSurface(got);
    SDL_FreeSurface(want);
    CHECK(fonts_render(f, FONTS_REGULAR, PX, TOKYO, INK) == NULL); /* nothing to draw */
    CHECK_INT(fonts_measure(f, FONTS_REGULAR, PX, TOKYO, strlen(TOKYO)), 0);
}

/* Bytes that are not UTF-8 are drawn as U+FFFD, which a fallback has. */
static void invalid_bytes_draw_as_replacement(void)
{
    const char *bad = "a\xF5\xFF"
                      "b\xED\xA0\x80"
                      "c\xE2\x82";
    const char *want = "a\xEF\xBF\xBD\xEF\xBF\xBD"
                       "b\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
                       "c\xEF\xBF\xBD";
    CHECK_INT(fonts_missing(f, FONTS_REGULAR, PX, bad, strlen(bad), NULL), 0);
    CHECK_INT(fonts_measure(f, FONTS_REGULAR, PX, bad, strlen(bad)),
              fonts_measure(f, FONTS_REGULAR, PX, want, strlen(want)));
    SDL_Surface *a = fonts_render(f, FONTS_REGULAR, PX, bad, INK);
    SDL_Surface *b = fonts_render(f, FONTS_REGULAR, PX, want, INK);
    CHECK(same_pixels(a, b));
    SDL_FreeSurface(a);
    SDL_FreeSurface(b);
}

/* Longer than FONTS_TEXT_MAX: cut with an ellipsis, measured as drawn. */
static void a_text_too_long_ends_with_an_ellipsis(void)
{
    static char longer[FONTS_TEXT_MAX * 2], cut[FONTS_TEXT_MAX];
    memset(longer, 'x', sizeof longer - 1);
    text_clean(longer, strlen(longer), cut, sizeof cut);
    CHECK(strcmp(cut + strlen(cut) - TEXT_ELLIPSIS_LEN, TEXT_ELLIPSIS) == 0);
    int w = fonts_measure(f, FONTS_REGULAR, 12, longer, strlen(longer));
    CHECK(w > 0);
    CHECK_INT(w, fonts_measure(f, FONTS_REGULAR, 12, cut, strlen(cut)));
    SDL_Surface *s = fonts_render(f, FONTS_REGULAR, 12, longer, INK);
    CHECK(s && s->w == w);
    SDL_FreeSurface(s);
}

/* More font changes than FONTS_MAX_RUNS: what needs another run is left
 * out and counted, never drawn from the wrong font. */
static void font_changes_are_bounded(void)
{
    char s[(1 + 4) * FONTS_MAX_RUNS + 1];
    for (size_t k = 0; k < FONTS_MAX_RUNS; k++)
        memcpy(s + 5 * k, "a" ROCKET, 5); /* 2 runs a time: twice the limit */
    s[5 * FONTS_MAX_RUNS] = '\0';
    /* The last run is Symbola's: the rockets after it join it, the "a"s
     * would need a run each. */
    CHECK_INT(fonts_missing(f, FONTS_REGULAR, PX, s, strlen(s), NULL), FONTS_MAX_RUNS / 2);
    SDL_Surface *r = fonts_render(f, FONTS_REGULAR, PX, s, INK);
    CHECK(r && r->w == fonts_measure(f, FONTS_REGULAR, PX, s, strlen(s)));
    SDL_FreeSurface(r);
}

/* The slide's report: one layout problem per character no font has. */
static void the_canvas_counts_each_missing_character(void)
{
    canvas *c = canvas_new(f, 1920, 1080, "glyphs");
    CHECK(c != NULL);
    if (!c)
        return;
    canvas_style st = {.face = FONTS_BOLD, .size = 0.05f, .fg = THEME_TEXT, .bg = THEME_BG};
    canvas_text(c, (layout_rect){100, 100, 1700, 200}, WORLD[0], &st);
    canvas_text(c, (layout_rect){100, 300, 1700, 200}, ARABIC " " ROCKET, &st);
    CHECK_INT(canvas_finish(c), 0);
    canvas_text(c, (layout_rect){100, 500, 1700, 200}, "Tokyo " TOKYO, &st);
    CHECK_INT(canvas_problems(c), 2);
    canvas_free(c);
}

int main(void)
{
    if (!fileio_exists(SYMBOLA)) {
        printf("SKIPPED: %s is absent (install fonts-symbola: toolchain/deps.sh)\n", SYMBOLA);
        return SKIP_CODE;
    }
    char err[FONTS_ERR_LEN];
    f = fonts_new(err); /* TTF_Init, reference-counted */
    if (!f || TTF_Init() != 0) {
        fprintf(stderr, "%s\n", f ? TTF_GetError() : err);
        return 1;
    }
    RUN(nothing_is_missing);
    RUN(emoji_come_from_the_symbols_font);
    RUN(what_no_font_has_is_left_out);
    RUN(invalid_bytes_draw_as_replacement);
    RUN(a_text_too_long_ends_with_an_ellipsis);
    RUN(font_changes_are_bounded);
    RUN(the_canvas_counts_each_missing_character);
    TTF_Quit();
    fonts_free(f);
    return test_report();
}
