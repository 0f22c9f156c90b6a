/* No empty boxes: what the faces lack (emoji, Greek, Cyrillic, Arabic,
 * Hebrew) is drawn from the fallback fonts, pixel for pixel what the
 * fallback font itself draws; what no font has is replaced by a visible
 * placeholder (measured and drawn as such) and counted, one layout problem
 * per character; bytes that are not UTF-8 are drawn as U+FFFD; a text too
 * long is cut with an ellipsis, the same for measuring and drawing.
 * The fonts are looked up in folders the test makes (VITRINE_FONT_DIR):
 * the text fonts (Inter when installed, DejaVu Sans, Symbola) first, then
 * those and WenQuanYi Micro Hei and Noto Color Emoji (their cases skipped
 * with a line when not installed). Exits 77 (skipped) when fonts-symbola
 * is not installed (toolchain/deps.sh installs it). */
#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>
#include <stdlib.h>
#include <unistd.h>

#include "canvas.h"
#include "test.h"
#include "vitrine/fileio.h"
#include "vitrine/fonts.h"
#include "vitrine/text.h"

#define SKIP_CODE 77
#define PX 64
#define SYMBOLA "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf"
#define DEJAVU "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
#define DEJAVU_BOLD "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
#define INTER "/usr/share/fonts/opentype/inter/Inter-Regular.otf"
#define INTER_BOLD "/usr/share/fonts/opentype/inter/Inter-Bold.otf"
#define WQY "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
#define NOTO_EMOJI "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"
#define DIGITAL "\xE6\x95\xB0\xE5\xAD\x97\xE6\x9C\x8D\xE5\x8A\xA1" /* 数字服务 */
#define PARTY "\xF0\x9F\x8E\x89"                                   /* U+1F389 */
#define COFFEE "\xE2\x98\x95"                                      /* U+2615 */
#define DEMO_DAY "Demo Day " PARTY " " COFFEE

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

/* s is measured and drawn as want is, in both faces. */
static void drawn_as(fonts *fs, const char *s, const char *want)
{
    for (int face = 0; face < FONTS_FACE_COUNT; face++) {
        CHECK_INT(fonts_measure(fs, face, PX, s, strlen(s)),
                  fonts_measure(fs, face, PX, want, strlen(want)));
        SDL_Surface *got = fonts_render(fs, face, PX, s, INK);
        SDL_Surface *as = fonts_render(fs, face, PX, want, INK);
        CHECK(same_pixels(got, as));
        SDL_FreeSurface(got);
        SDL_FreeSurface(as);
    }
}

/* A stretch of characters no font has (no CJK font in the folder) is
 * replaced by a placeholder that says what it is: measured and drawn as
 * such, never blank, and counted. */
static void what_no_font_has_shows_a_placeholder(void)
{
    const char *s = "Tokyo " TOKYO " 2026";
    uint32_t first = 0;
    CHECK_INT(fonts_missing(f, FONTS_REGULAR, PX, s, strlen(s), &first), 2);
    CHECK_INT(first, 0x6771);
    drawn_as(f, s, "Tokyo [texte en chinois] 2026");
    drawn_as(f, DIGITAL, "[texte en chinois]");
    /* Words of one script: one placeholder, not one a word. */
    drawn_as(f, "\xE6\x95\xB0\xE5\xAD\x97 \xE6\x9C\x8D\xE5\x8A\xA1", "[texte en chinois]");
    drawn_as(f, "\xE3\x81\x8B\xE3\x81\xAA", "[texte en japonais]"); /* かな */
    drawn_as(f, "\xED\x95\x9C\xEA\xB8\x80",
             "[texte en cor\xC3\xA9"
             "en]"); /* 한글 */
    SDL_Surface *alone = fonts_render(f, FONTS_BOLD, PX, DIGITAL, INK);
    CHECK(inked(alone) > PX * 4); /* never blank */
    SDL_FreeSurface(alone);
}

/* With WenQuanYi Micro Hei in the folder, a Chinese name is its glyphs,
 * pixel for pixel, and nothing is missing. */
static void a_cjk_font_draws_chinese(fonts *cjk)
{
    CHECK_INT(fonts_missing(cjk, FONTS_BOLD, PX, DIGITAL, strlen(DIGITAL), NULL), 0);
    SDL_Surface *got = fonts_render(cjk, FONTS_REGULAR, PX, DIGITAL, INK);
    SDL_Surface *want = direct(WQY, DIGITAL, false);
    CHECK(same_pixels(got, want));
    CHECK(inked(got) > PX * 8);
    SDL_FreeSurface(got);
    SDL_FreeSurface(want);
}

/* Pixels of s, drawn in INK, at x >= from whose colour is not grey (a
 * colour emoji) or that have ink at all (grey: Symbola's). */
static long ink_from(SDL_Surface *s, int from, bool colour)
{
    long n = 0;
    SDL_Surface *c = s ? SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0) : NULL;
    for (int y = 0; c && y < c->h; y++)
        for (int x = from; x < c->w; x++) {
            Uint32 p = ((Uint32 *)((Uint8 *)c->pixels + (size_t)y * (size_t)c->pitch))[x];
            Uint8 a = p >> 24, r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF;
            n += a > 128 && (!colour || abs(r - g) > 40 || abs(g - b) > 40);
        }
    SDL_FreeSurface(c);
    return n;
}

/* "Demo Day 🎉 ☕": ink where the emoji are, in colour from Noto Color
 * Emoji when it is in the folder (emoji as tall as the text's line), in
 * the text's colour from Symbola otherwise; measured as drawn. */
static void emoji_are_drawn(fonts *fs, bool colour)
{
    int after = fonts_measure(fs, FONTS_BOLD, PX, "Demo Day ", 9);
    SDL_Surface *s = fonts_render(fs, FONTS_BOLD, PX, DEMO_DAY, INK);
    CHECK(s != NULL);
    if (!s)
        return;
    CHECK_INT(s->w, fonts_measure(fs, FONTS_BOLD, PX, DEMO_DAY, strlen(DEMO_DAY)));
    CHECK_INT(fonts_missing(fs, FONTS_BOLD, PX, DEMO_DAY, strlen(DEMO_DAY), NULL), 0);
    long party = ink_from(s, after, colour);
    CHECK(party > PX * 8);
    /* The coffee cup too: after the party popper and its space. */
    int cup = fonts_measure(fs, FONTS_BOLD, PX, "Demo Day " PARTY " ", 14);
    CHECK(ink_from(s, cup, false) > PX * 4); /* a white cup: ink, not hue */
    if (colour)                              /* the cup is as tall as a line of text, not 128 px */
        CHECK(s->h < PX * 2);
    SDL_FreeSurface(s);
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

/* A font folder in dir: links to the files of paths that are installed. */
static bool font_folder(char *dir, const char *const *paths, size_t n)
{
    if (!mkdtemp(dir))
        return false;
    for (size_t i = 0; i < n; i++) {
        char link[512];
        snprintf(link, sizeof link, "%s/%s", dir, strrchr(paths[i], '/') + 1);
        if (fileio_exists(paths[i]) && symlink(paths[i], link) != 0)
            return false;
    }
    return true;
}

static void remove_folder(const char *dir, const char *const *paths, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char link[512];
        snprintf(link, sizeof link, "%s/%s", dir, strrchr(paths[i], '/') + 1);
        unlink(link);
    }
    rmdir(dir);
}

static fonts *cjk_emoji; /* the text fonts, WenQuanYi Micro Hei and Noto Color Emoji */

static void emoji_from_symbola(void)
{
    emoji_are_drawn(f, false);
}

static void emoji_in_colour(void)
{
    if (!fileio_exists(NOTO_EMOJI)) {
        printf("SKIPPED: emoji_in_colour: %s is absent (fonts-noto-color-emoji)\n", NOTO_EMOJI);
        return;
    }
    emoji_are_drawn(cjk_emoji, true);
}

/* The same texts with the colour emoji font: measured as drawn too. */
static void nothing_is_missing_with_colour_emoji(void)
{
    fonts *text_only = f;
    f = cjk_emoji;
    nothing_is_missing();
    f = text_only;
}

static void chinese_from_the_cjk_font(void)
{
    if (!fileio_exists(WQY)) {
        printf("SKIPPED: chinese_from_the_cjk_font: %s is absent (fonts-wqy-microhei)\n", WQY);
        return;
    }
    a_cjk_font_draws_chinese(cjk_emoji);
}

int main(void)
{
    if (!fileio_exists(SYMBOLA)) {
        printf("SKIPPED: %s is absent (install fonts-symbola: toolchain/deps.sh)\n", SYMBOLA);
        return SKIP_CODE;
    }
    static const char *const text[] = {INTER, INTER_BOLD, DEJAVU, DEJAVU_BOLD, SYMBOLA};
    static const char *const all[] = {INTER,   INTER_BOLD, DEJAVU,    DEJAVU_BOLD,
                                      SYMBOLA, WQY,        NOTO_EMOJI};
    char text_dir[] = "/tmp/vitrine-fonts-XXXXXX", all_dir[] = "/tmp/vitrine-fonts-XXXXXX";
    char err[FONTS_ERR_LEN];
    if (!font_folder(text_dir, text, 5) || !font_folder(all_dir, all, 7)) {
        perror("font folder");
        return 1;
    }
    setenv(FONTS_DIR_ENV, all_dir, 1);
    cjk_emoji = fonts_new(err);
    setenv(FONTS_DIR_ENV, text_dir, 1);
    f = fonts_new(err); /* TTF_Init, reference-counted */
    unsetenv(FONTS_DIR_ENV);
    if (!f || !cjk_emoji || TTF_Init() != 0) {
        fprintf(stderr, "%s\n", f && cjk_emoji ? TTF_GetError() : err);
        return 1;
    }
    RUN(nothing_is_missing);
    RUN(emoji_come_from_the_symbols_font);
    RUN(what_no_font_has_shows_a_placeholder);
    RUN(invalid_bytes_draw_as_replacement);
    RUN(a_text_too_long_ends_with_an_ellipsis);
    RUN(font_changes_are_bounded);
    RUN(the_canvas_counts_each_missing_character);
    RUN(emoji_from_symbola);
    RUN(emoji_in_colour);
    RUN(nothing_is_missing_with_colour_emoji);
    RUN(chinese_from_the_cjk_font);
    TTF_Quit();
    fonts_free(f);
    fonts_free(cjk_emoji);
    remove_folder(text_dir, text, 5);
    remove_folder(all_dir, all, 7);
    return test_report();
}
