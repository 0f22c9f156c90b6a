/* Layout maths with a fake font: every byte is px/2 wide, so expected sizes
 * are computed by hand. Also the theme's contrast and the spotlight order. */
#include <string.h>

#include "test.h"
#include "vitrine/layout.h"
#include "vitrine/spotlight.h"
#include "vitrine/theme.h"

static int calls;

static int half_px_per_byte(void *ctx, int face, int px, const char *s, size_t len)
{
    (void)ctx;
    (void)face;
    (void)s;
    calls++;
    return (int)len * px / 2;
}

static layout_text fit(const char *s, float w, float h, int max_px, int min_px, int lines)
{
    layout_text t;
    layout_text_style st = {0, max_px, min_px, lines};
    layout_fit_text(s, w, h, &st, half_px_per_byte, NULL, &t);
    return t;
}

static void keeps_max_size_when_it_fits(void)
{
    layout_text t = fit("Produits", 1000, 100, 40, 10, 1);
    CHECK_INT(t.px, 40);
    CHECK_INT(t.n_lines, 1);
    CHECK_INT(t.width, 160);
    CHECK(!t.overflow);
}

static void shrinks_before_wrapping(void)
{
    /* 20 bytes at px: 10*px wide; 200 px wide box -> px 20 on one line,
     * although two lines at 40 px would fit the height. */
    layout_text t = fit("abcdefghij klmnopqrs", 200, 200, 40, 10, 3);
    CHECK_INT(t.px, 20);
    CHECK_INT(t.n_lines, 1);
    CHECK(!t.overflow);
    CHECK(calls > 0 && calls < 40); /* bisection, not one try per size */
}

static void wraps_below_the_minimum(void)
{
    /* One line would need px 10 < min 16: wrap at the largest size that
     * fits 2 lines in 100 px of height (line box 1.25 px). */
    layout_text t = fit("abcdefghij klmnopqrst", 110, 100, 40, 16, 3);
    CHECK(!t.overflow);
    CHECK_INT(t.n_lines, 2);
    CHECK_INT(t.px, 22); /* 10 bytes * 22/2 = 110 wide; 2 * 28 = 56 high */
    CHECK_INT(t.lines[0].start, 0);
    CHECK_INT(t.lines[0].len, 10);
    CHECK_INT(t.lines[1].start, 11);
    CHECK_INT(t.height, 2 * layout_line_height(22));
    CHECK(t.width <= 110);
}

/* A font whose small sizes are wider than its reference size scaled down
 * (as hinting rounds each advance up): the scaled estimate overshoots, and
 * the size kept must still fit for real and be the largest that does. */
static int rounded_up(void *ctx, int face, int px, const char *s, size_t len)
{
    (void)ctx;
    (void)face;
    (void)s;
    /* ceil(0.55 px), plus up to 2 px per byte at small sizes: the estimate
     * is far off there; still never narrower at a larger size. */
    int per = (px * 55 + 99) / 100 + (px < 60 ? (60 - px) / 20 : 0);
    return (int)len * per;
}

static int largest_real_fit(int len, float w, int lo, int hi)
{
    for (int px = hi; px >= lo; px--)
        if ((float)rounded_up(NULL, 0, px, "", (size_t)len) <= w)
            return px;
    return 0;
}

static void estimate_is_confirmed_at_the_size_drawn(void)
{
    const char *words[] = {"abcdefghijklmnopqrst", "abcdefghij", "abcdefghijklmnopqrstuvwxyz012"};
    for (size_t k = 0; k < sizeof words / sizeof *words; k++) {
        for (int w = 150; w <= 900; w += 37) {
            layout_text t;
            layout_text_style st = {0, 60, 12, 1};
            layout_fit_text(words[k], (float)w, 200, &st, rounded_up, NULL, &t);
            int len = (int)strlen(words[k]), best = largest_real_fit(len, (float)w, 12, 60);
            if (best) {
                CHECK(!t.overflow);
                CHECK_INT(t.px, best);
                CHECK((float)t.width <= (float)w);
                CHECK_INT(t.width, rounded_up(NULL, 0, t.px, "", (size_t)len));
            } else {
                CHECK(t.overflow);
            }
        }
    }
}

static int at_ref;

static int counting_ref(void *ctx, int face, int px, const char *s, size_t len)
{
    at_ref += px == LAYOUT_REF_PX;
    return half_px_per_byte(ctx, face, px, s, len);
}

/* One size allowed (a footer, the team cards' shared sizes): the estimate
 * could only point at that size, so it is not measured at the reference
 * size at all; the fit is the same. */
static void one_size_is_not_estimated(void)
{
    layout_text_style st = {0, 20, 20, 3};
    layout_text t;
    at_ref = 0;
    layout_fit_text("abcdefghij klmnopqrst uvw", 150, 200, &st, counting_ref, NULL, &t);
    CHECK_INT(at_ref, 0);
    CHECK_INT(t.px, 20);
    CHECK_INT(t.n_lines, 2); /* 10 px a byte: "abcdefghij", "klmnopqrst uvw" */
    st.min_px = 10;
    at_ref = 0;
    layout_fit_text("abcdefghij klmnopqrst uvw", 150, 200, &st, counting_ref, NULL, &t);
    CHECK(at_ref > 0); /* a range of sizes: estimated first */
}

/* A font whose widths are not a sum of the bytes' (the last glyph's box
 * reaches past its advance, as SDL_ttf's widths do), but grow with the
 * text, like a real font's. */
static int uneven(void *ctx, int face, int px, const char *s, size_t len)
{
    (void)ctx;
    (void)face;
    calls++;
    int units = 0;
    for (size_t i = 0; i < len; i++)
        units += s[i] == ' ' ? 3 : s[i] == 'i' ? 2 : s[i] == 'm' ? 9 : 5 + (s[i] & 1);
    int over = len && s[len - 1] != ' ' ? px / 5 : 0;
    return units * px / 10 + over;
}

/* The greedy wrap as first written: every prefix measured in turn. */
static size_t greedy_lines(const char *s, int px, float box_w, layout_line *lines, size_t cap,
                           bool *ok)
{
    size_t i = 0, n = 0;
    *ok = true;
    while (s[i] == ' ')
        i++;
    while (s[i] && n < cap) {
        size_t end = i, best = 0;
        int best_w = 0;
        while (s[end] && s[end] != '\n') {
            size_t next = end;
            while (s[next] == ' ')
                next++;
            while (s[next] && s[next] != ' ' && s[next] != '\n')
                next++;
            int w = uneven(NULL, 0, px, s + i, next - i);
            if ((float)w > box_w && best > 0)
                break;
            best = next - i, best_w = w, end = next;
            if ((float)w > box_w) {
                *ok = false;
                break;
            }
        }
        lines[n++] = (layout_line){i, best, best_w, false};
        i = end + (s[end] == '\n');
        while (s[i] == ' ')
            i++;
    }
    *ok = *ok && !s[i];
    return n;
}

/* Words of 1 to 12 letters, double spaces and a newline now and then. */
static void random_text(unsigned *seed, char *out, size_t words)
{
    size_t o = 0;
    for (size_t k = 0; k < words; k++) {
        *seed = *seed * 1103515245u + 12345u;
        size_t len = 1 + (*seed >> 16) % 12;
        for (size_t j = 0; j < len; j++)
            out[o++] = "aeimnorstu"[(*seed >> (j % 12)) % 10];
        out[o++] = (*seed >> 8) % 29 == 0 ? '\n' : ' ';
        if ((*seed >> 4) % 13 == 0)
            out[o++] = ' ';
    }
    out[o - 1] = '\0';
}

/* Wraps text at px in box_w both ways; the lines must be the same. Adds
 * each way's measurements to *walk and *fit (none when not compared). */
static void compare_wrap(const char *text, int px, float box_w, long *walk, long *fit)
{
    layout_line want[LAYOUT_MAX_LINES];
    bool ok;
    calls = 0;
    size_t n = greedy_lines(text, px, box_w, want, LAYOUT_MAX_LINES, &ok);
    if (!ok || n < 2)
        return; /* an overflow is cut after the wrap; one line: no wrap */
    *walk += calls;
    layout_text t;
    layout_text_style st = {0, px, px, LAYOUT_MAX_LINES}; /* one size: only the wrap */
    calls = 0;
    layout_fit_text(text, box_w, 1e6f, &st, uneven, NULL, &t);
    *fit += calls;
    CHECK(!t.overflow);
    CHECK_INT(t.n_lines, n);
    for (size_t k = 0; k < n && k < t.n_lines; k++) {
        CHECK_INT(t.lines[k].start, want[k].start);
        CHECK_INT(t.lines[k].len, want[k].len);
        CHECK_INT(t.lines[k].width, want[k].width);
    }
}

/* The lines are the greedy walk's, whatever the box (a word a line, more
 * words than LAYOUT_WRAP_WORDS on one), found with far fewer measurements:
 * a line of a paragraph costs about two (the last word end that fits, the
 * first that does not), where the walk measures every prefix. */
static void wrap_matches_the_greedy_walk(void)
{
    char text[4096];
    unsigned seed = 7;
    long walk = 0, fit = 0;
    for (int round = 0; round < 300; round++) {
        size_t words = round % 50 == 0 ? 220 : 5 + (size_t)round % 60;
        random_text(&seed, text, words);
        float w = (float)(60 + (round * 37) % 900) * (words > 200 ? 8.0f : 1.0f);
        compare_wrap(text, 8 + round % 33, w, &walk, &fit);
    }
    CHECK(walk > 0 && fit > 0);
    /* Lines of more than LAYOUT_WRAP_WORDS words (and LAYOUT_LINE_BYTES). */
    size_t o = 0;
    for (int k = 0; k < 300; k++, o += 3)
        memcpy(text + o, "ab ", 3);
    text[o - 1] = '\0';
    long many = walk;
    compare_wrap(text, 8, 2000, &walk, &fit);
    CHECK(walk > many);
    /* Paragraphs of 60 words, lines of about 70 bytes (10 words). */
    walk = fit = 0;
    for (int round = 0; round < 40; round++) {
        random_text(&seed, text, 60);
        int px = 12 + round % 30;
        compare_wrap(text, px, 40.0f * (float)px, &walk, &fit);
    }
    CHECK(walk > 0);
    CHECK(fit * 2 < walk); /* both of the fitter's phases, against one walk */
}

/* layout_fit_text_need answers "at need_px or more?" as layout_fit_text
 * does, stopping at the estimate only when the answer is surely no, and
 * then with fewer measurements. */
static void need_answers_as_the_full_fit(void)
{
    char text[1024];
    unsigned seed = 11;
    int stopped = 0;
    long full_calls = 0, need_calls = 0;
    for (int round = 0; round < 400; round++) {
        random_text(&seed, text, 2 + (size_t)round % 12);
        int lines = 1 + round % 3, need = 14 + round % 30;
        float w = (float)(80 + (round * 53) % 700), h = (float)(30 + (round * 29) % 150);
        layout_text_style st = {0, 48, 12, lines};
        layout_text full, t;
        calls = 0;
        layout_fit_text(text, w, h, &st, uneven, NULL, &full);
        int before = calls;
        calls = 0;
        layout_fit_text_need(text, w, h, &st, need, uneven, NULL, &t);
        bool yes = !full.overflow && full.px >= need;
        if (t.below_need) {
            stopped++;
            CHECK(!yes);
            full_calls += before;
            need_calls += calls;
            continue;
        }
        CHECK_INT(t.px, full.px);
        CHECK_INT(t.n_lines, full.n_lines);
        CHECK_INT(t.width, full.width);
        CHECK(t.overflow == full.overflow);
    }
    CHECK(stopped > 20);
    CHECK(need_calls < full_calls);
}

static void stage_keeps_16_9_or_wider(void)
{
    layout_stage s = layout_stage_for(1920, 1080); /* 16:9: the whole screen */
    CHECK(s.x == 0 && s.y == 0 && s.w == 1920 && s.h == 1080);
    s = layout_stage_for(1366, 768); /* a hair wider than 16:9 */
    CHECK(s.x == 0 && s.y == 0 && s.w == 1366 && s.h == 768);
    s = layout_stage_for(2560, 1080); /* 21:9: wider is fine */
    CHECK(s.w == 2560 && s.h == 1080);
    s = layout_stage_for(1080, 1920); /* 9:16 portrait */
    CHECK(s.w == 1080 && s.h == 1920);
    s = layout_stage_for(1920, 1200); /* 16:10: bands of 60 px */
    CHECK(s.x == 0 && s.y == 60 && s.w == 1920 && s.h == 1080);
    s = layout_stage_for(1024, 768); /* 4:3 */
    CHECK(s.x == 0 && s.y == 96 && s.w == 1024 && s.h == 576);
    s = layout_stage_for(768, 1024); /* 3:4 portrait: bands left and right */
    CHECK(s.x == 96 && s.y == 0 && s.w == 576 && s.h == 1024);
    s = layout_stage_for(1000, 1000); /* square: landscape stage */
    CHECK(s.w == 1000 && s.h == 562 && s.y == 219);
    s = layout_stage_for(0, 0);
    CHECK(s.w == 0 && s.h == 0);
}

static void no_break_spaces_hold(void)
{
    /* "1\u202F360 produits": the narrow no-break space is not a break. */
    layout_text t = fit("1\xE2\x80\xAF"
                        "360 abc",
                        40, 200, 10, 10, 4);
    CHECK_INT(t.n_lines, 2);
    CHECK_INT(t.lines[0].len, 7);
}

static void newline_forces_a_break(void)
{
    layout_text t = fit("ab\ncd", 1000, 1000, 10, 10, 3);
    CHECK_INT(t.n_lines, 2);
    CHECK_INT(t.lines[1].start, 3);
}

static void ellipsises_and_reports_overflow(void)
{
    layout_text t = fit("aaaa bbbb cccc dddd eeee ffff", 50, 26, 20, 10, 2);
    CHECK(t.overflow);
    CHECK_INT(t.px, 10);
    CHECK_INT(t.n_lines, 2); /* 2 line boxes of 13 px fit 26 px */
    CHECK(t.lines[1].ellipsis);
    CHECK(!t.lines[0].ellipsis);
    CHECK(t.lines[1].width <= 50);
    layout_text w = fit("unmotbeaucouptroplongpourlaboite", 60, 100, 12, 12, 3);
    CHECK(w.overflow);
    CHECK(w.lines[0].width <= 60);
    layout_text tiny = fit("abc", 100, 5, 10, 10, 1); /* not even one line high */
    CHECK(tiny.overflow);
}

/* Every cut ends with an ellipsis, and no line is wider than the box: a
 * word too long for it is cut too, and the last line only when text is
 * left after it. At 12 px every byte is 6 px wide. */
static void every_cut_ends_with_an_ellipsis(void)
{
    layout_text t = fit("aaaa unmotbeaucouptroplong bb cc dd ee ff", 60, 45, 12, 12, 3);
    CHECK(t.overflow);
    CHECK_INT(t.n_lines, 3);
    CHECK(!t.lines[0].ellipsis);
    CHECK(t.lines[1].ellipsis); /* the long word, cut */
    CHECK(t.lines[2].ellipsis); /* "bb cc dd" and more to come */
    for (size_t k = 0; k < t.n_lines; k++)
        CHECK(t.lines[k].width <= 60);
    CHECK(t.width <= 60);
    layout_text w = fit("aa unmotbeaucouptroplong bb", 60, 45, 12, 12, 3);
    CHECK(w.overflow);
    CHECK_INT(w.n_lines, 3);
    CHECK(w.lines[1].ellipsis && w.lines[1].width <= 60);
    CHECK(!w.lines[2].ellipsis);                      /* "bb" ends the text: nothing cut there */
    layout_text tiny = fit("abc", 100, 5, 10, 10, 1); /* too low, nothing cut */
    CHECK(tiny.overflow);
    CHECK(!tiny.lines[0].ellipsis);
    CHECK(strcmp(LAYOUT_ELLIPSIS, "\xE2\x80\xA6") == 0);
}

static void empty_text_is_harmless(void)
{
    layout_text t = fit("", 100, 100, 20, 10, 1);
    CHECK(!t.overflow);
    CHECK_INT(t.width, 0);
    layout_text n = fit(NULL, 100, 100, 20, 10, 1);
    CHECK(!n.overflow);
}

static void rectangles(void)
{
    layout_rect r = {0, 0, 100, 50};
    layout_rect top = layout_cut_top(&r, 10, 2);
    CHECK_NEAR(top.h, 10);
    CHECK_NEAR(r.y, 12);
    CHECK_NEAR(r.h, 38);
    layout_rect right = layout_cut_right(&r, 30, 5);
    CHECK_NEAR(right.x, 70);
    CHECK_NEAR(r.w, 65);
    layout_rect big = layout_cut_bottom(&r, 1000, 0); /* clamps, never negative */
    CHECK_NEAR(big.h, 38);
    CHECK_NEAR(r.h, 0);
    layout_rect c = layout_cell((layout_rect){0, 0, 100, 100}, 3, 2, 2, 1, 5);
    CHECK_NEAR(c.x, 70);
    CHECK_NEAR(c.w, 30);
    CHECK_NEAR(c.y, 52.5);
    CHECK(!layout_overlaps((layout_rect){0, 0, 10, 10}, (layout_rect){10, 0, 10, 10}));
    CHECK(layout_overlaps((layout_rect){0, 0, 10, 10}, (layout_rect){9, 9, 10, 10}));
    CHECK(layout_inside((layout_rect){0, 0, 10, 10}, (layout_rect){0, 0, 10.2f, 10}));
    CHECK(!layout_inside((layout_rect){0, 0, 10, 10}, (layout_rect){5, 0, 10, 10}));
}

static void theme_text_is_readable(void)
{
    size_t n;
    const theme_pair *pairs = theme_text_pairs(&n);
    CHECK(n >= 8);
    for (size_t i = 0; i < n; i++) {
        double c = theme_contrast(theme_get(pairs[i].fg), theme_get(pairs[i].bg));
        if (c < THEME_MIN_CONTRAST)
            fprintf(stderr, "pair %zu: contrast %.2f\n", i, c);
        CHECK(c >= THEME_MIN_CONTRAST);
    }
    /* The maths itself: black on white is 21:1, a colour on itself 1:1. */
    CHECK_NEAR(theme_contrast((theme_color){0, 0, 0}, (theme_color){255, 255, 255}), 21.0);
    CHECK_NEAR(theme_contrast(theme_get(THEME_RED), theme_get(THEME_RED)), 1.0);
    /* The greys used for bars would not pass as text: they are not listed. */
    CHECK(theme_contrast(theme_get(THEME_INACTIVE), theme_get(THEME_BG)) < THEME_MIN_CONTRAST);
    CHECK(!theme_pair_allowed(THEME_INACTIVE, THEME_BG));
    CHECK(theme_pair_allowed(THEME_ON_DARK, THEME_RED));
    CHECK(THEME_TEXT_MIN >= 0.025f);
}

static void spotlight_visits_everyone_once(void)
{
    vt_date day = date_parse("2026-08-20");
    for (size_t n = 1; n <= 40; n++) {
        unsigned char seen[40] = {0};
        for (unsigned long c = 0; c < n; c++) {
            size_t i = spotlight_index(n, day, c);
            CHECK(i < n);
            if (i < n)
                seen[i]++;
        }
        for (size_t i = 0; i < n; i++)
            CHECK_INT(seen[i], 1);
        if (n > 1)
            CHECK(spotlight_index(n, day, 0) != spotlight_index(n, day, 1));
    }
    CHECK_INT(spotlight_index(0, day, 5), 0);
    CHECK_INT(spotlight_index(245, day, 7), spotlight_index(245, day, 7)); /* deterministic */
    int differs = 0;
    for (int d = 0; d < 10; d++)
        differs += spotlight_index(245, day + d, 0) != spotlight_index(245, day, 0);
    CHECK(differs >= 8); /* each day starts elsewhere */
}

/* French typography: no line ends with « or begins with » ; : ! ?, even
 * with plain spaces (5 px a byte: the greedy wrap would take
 * "aaaa « bb" and begin the next line with "» :"). */
static void never_breaks_around_guillemets(void)
{
    const char *s = "aaaa « bb » : c ! d";
    layout_text t = fit(s, 50, 1000, 10, 10, 6);
    CHECK(!t.overflow);
    CHECK_INT(t.n_lines, 3);
    for (size_t k = 0; k < t.n_lines; k++) {
        const char *ln = s + t.lines[k].start;
        size_t len = t.lines[k].len;
        CHECK(len < 2 || memcmp(ln + len - 2, "«", 2) != 0);
        CHECK(memcmp(ln, "»", 2) != 0 && !strchr(";:!?", ln[0]));
    }
    CHECK_INT(t.lines[1].len, strlen("« bb » :"));
}

/* A last word of emoji stays with the word before it ("Pot de départ 🎉"
 * never ends on a line of its own 🎉); an emoji inside the text may
 * begin a line. */
static void last_emoji_stays_with_its_word(void)
{
    const char *s = "aaaa bbbb \xF0\x9F\x8E\x89";
    layout_text t = fit(s, 50, 1000, 10, 10, 6);
    CHECK_INT(t.n_lines, 2);
    CHECK_INT(t.lines[1].start, strlen("aaaa "));
    const char *inside = "aaaa bbbb \xE2\x98\x95 cc";
    t = fit(inside, 50, 1000, 10, 10, 6);
    CHECK_INT(t.n_lines, 2);
    CHECK_INT(t.lines[1].start, strlen("aaaa bbbb "));
}

int main(void)
{
    never_breaks_around_guillemets();
    last_emoji_stays_with_its_word();
    RUN(keeps_max_size_when_it_fits);
    RUN(shrinks_before_wrapping);
    RUN(wraps_below_the_minimum);
    RUN(estimate_is_confirmed_at_the_size_drawn);
    RUN(one_size_is_not_estimated);
    RUN(wrap_matches_the_greedy_walk);
    RUN(need_answers_as_the_full_fit);
    RUN(stage_keeps_16_9_or_wider);
    RUN(no_break_spaces_hold);
    RUN(newline_forces_a_break);
    RUN(ellipsises_and_reports_overflow);
    RUN(every_cut_ends_with_an_ellipsis);
    RUN(empty_text_is_harmless);
    RUN(rectangles);
    RUN(theme_text_is_readable);
    RUN(spotlight_visits_everyone_once);
    return test_report();
}
