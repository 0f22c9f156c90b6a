/* layout: relative rectangles and the shrink / wrap / ellipsis text fitter.
 * Sizes are searched by bisection (text width grows with the font size) on
 * widths measured once at LAYOUT_REF_PX and scaled, then the size found is
 * confirmed with real widths at that size. The search thus measures each
 * word prefix once whatever the candidate size (the measurer can memoise
 * it), and the only sizes measured for real are the ones finally drawn:
 * the render layer keeps far fewer fonts open (memory) and lays a deck out
 * faster (start-up time). */
#include "vitrine/layout.h"

#include <math.h>
#include <string.h>

static float clampf0(float v)
{
    return v < 0 ? 0 : v;
}

layout_rect layout_inset(layout_rect r, float dx, float dy)
{
    return (layout_rect){r.x + dx, r.y + dy, clampf0(r.w - 2 * dx), clampf0(r.h - 2 * dy)};
}

layout_rect layout_cut_top(layout_rect *r, float h, float gap)
{
    h = fminf(clampf0(h), r->h);
    layout_rect band = {r->x, r->y, r->w, h};
    float used = fminf(h + gap, r->h);
    r->y += used;
    r->h -= used;
    return band;
}

layout_rect layout_cut_bottom(layout_rect *r, float h, float gap)
{
    h = fminf(clampf0(h), r->h);
    layout_rect band = {r->x, r->y + r->h - h, r->w, h};
    r->h = clampf0(r->h - h - gap);
    return band;
}

layout_rect layout_cut_left(layout_rect *r, float w, float gap)
{
    w = fminf(clampf0(w), r->w);
    layout_rect band = {r->x, r->y, w, r->h};
    float used = fminf(w + gap, r->w);
    r->x += used;
    r->w -= used;
    return band;
}

layout_rect layout_cut_right(layout_rect *r, float w, float gap)
{
    w = fminf(clampf0(w), r->w);
    layout_rect band = {r->x + r->w - w, r->y, w, r->h};
    r->w = clampf0(r->w - w - gap);
    return band;
}

layout_rect layout_cell(layout_rect r, int cols, int rows, int col, int row, float gap)
{
    if (cols < 1)
        cols = 1;
    if (rows < 1)
        rows = 1;
    float cw = clampf0((r.w - gap * (float)(cols - 1)) / (float)cols);
    float ch = clampf0((r.h - gap * (float)(rows - 1)) / (float)rows);
    return (layout_rect){r.x + (float)col * (cw + gap), r.y + (float)row * (ch + gap), cw, ch};
}

bool layout_overlaps(layout_rect a, layout_rect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h && a.w > 0 &&
           a.h > 0 && b.w > 0 && b.h > 0;
}

bool layout_inside(layout_rect o, layout_rect i)
{
    const float tol = 0.5f;
    return i.x >= o.x - tol && i.y >= o.y - tol && i.x + i.w <= o.x + o.w + tol &&
           i.y + i.h <= o.y + o.h + tol;
}

layout_stage layout_stage_for(int screen_w, int screen_h)
{
    layout_stage st = {0, 0, screen_w, screen_h};
    long long w = screen_w, h = screen_h;
    if (w <= 0 || h <= 0)
        return st;
    if (w >= h && w * 9 < h * 16) { /* landscape, squarer than 16:9 */
        st.h = (int)(w * 9 / 16);
        st.y = (screen_h - st.h) / 2;
    } else if (h > w && h * 9 < w * 16) { /* portrait, squarer than 9:16 */
        st.w = (int)(h * 9 / 16);
        st.x = (screen_w - st.w) / 2;
    }
    return st;
}

int layout_line_height(int px)
{
    return (int)ceilf((float)px * LAYOUT_LINE_HEIGHT);
}

typedef struct {
    const char *s;
    const layout_text_style *st;
    layout_measure_fn measure;
    void *ctx;
    bool scaled; /* estimate: widths at LAYOUT_REF_PX, scaled to px */
} fitter;

static int measure(const fitter *f, int px, const char *s, size_t len)
{
    if (!f->scaled)
        return f->measure(f->ctx, f->st->face, px, s, len);
    int ref = f->measure(f->ctx, f->st->face, LAYOUT_REF_PX, s, len);
    /* Rounded up: hinting rounds each advance, so the estimate leans to
     * the side of fitting for real. */
    return (int)ceilf((float)ref * (float)px / (float)LAYOUT_REF_PX);
}

/* Lines the box holds at px, capped by max_lines and LAYOUT_MAX_LINES. */
static size_t lines_allowed(const fitter *f, int px, float box_h)
{
    float per = (float)layout_line_height(px);
    size_t n = per > 0 ? (size_t)floorf(box_h / per + 0.001f) : 0;
    size_t cap = (size_t)(f->st->max_lines < 1 ? 1 : f->st->max_lines);
    if (cap > LAYOUT_MAX_LINES)
        cap = LAYOUT_MAX_LINES;
    return n < cap ? n : cap;
}

static size_t skip_spaces(const char *s, size_t i)
{
    while (s[i] == ' ')
        i++;
    return i;
}

/* Whether the text at s is one last word of symbols only (emoji, ✈, –):
 * "Pot de départ 🎉" never leaves its 🎉 alone on a line. Lead bytes E2
 * (U+2000 to U+2FFF: punctuation, arrows, symbols), EF (variation
 * selectors) and F0 to F4 (emoji), with their continuation bytes. */
static bool lone_symbols_at_end(const char *s)
{
    size_t k = 0;
    for (; s[k] && s[k] != ' ' && s[k] != '\n'; k++) {
        unsigned char c = (unsigned char)s[k];
        bool symbol_lead = c == 0xE2 || c == 0xEF || (c >= 0xF0 && c <= 0xF4);
        if (c < 0x80 || (c >= 0xC0 && !symbol_lead))
            return false;
    }
    if (k == 0)
        return false;
    while (s[k] == ' ')
        k++;
    return !s[k] || s[k] == '\n';
}

/* Whether a line may end at the spaces at s[i]: French typography never
 * leaves « at a line's end nor begins one with » ; : ! ? (typo.h puts
 * no-break spaces there; this holds for a text with plain spaces too). */
static bool may_break(const char *s, size_t i)
{
    size_t j = i;
    while (s[j] == ' ')
        j++;
    if (!s[j] || s[j] == '\n')
        return true;
    if (i >= 2 && memcmp(s + i - 2, "\xC2\xAB", 2) == 0) /* « */
        return false;
    if (lone_symbols_at_end(s + j))
        return false;
    return !strchr(";:!?", s[j]) && memcmp(s + j, "\xC2\xBB", 2) != 0; /* » */
}

/* The ends of the lines a line starting at i may take, in order: after
 * each word (with the spaces before it; a word glued to the next by
 * may_break takes it along), up to a newline or the end. At most `max`;
 * *more says that the paragraph goes on after the last. */
static size_t word_ends(const char *s, size_t i, size_t *ends, size_t max, bool *more)
{
    size_t n = 0, end = i;
    while (s[end] && s[end] != '\n' && n < max) {
        while (s[end] == ' ')
            end++;
        for (;;) {
            while (s[end] && s[end] != ' ' && s[end] != '\n')
                end++;
            if (s[end] != ' ' || may_break(s, end))
                break;
            while (s[end] == ' ')
                end++;
        }
        ends[n++] = end;
    }
    *more = s[end] && s[end] != '\n';
    return n;
}

/* The next word end to measure between lo and hi (lo < k < hi): where the
 * width per byte measured last puts box_w, so that a line is usually found
 * with two measurements, the last end that fits and the first that does
 * not. */
static size_t guess_end(const size_t *ends, size_t start, size_t lo, size_t hi, float per_byte,
                        float box_w)
{
    size_t k = lo + 1;
    while (k + 1 < hi && ends[k] - start <= LAYOUT_LINE_BYTES &&
           (float)(ends[k] - start) * per_byte <= box_w)
        k++; /* ends[k] is word k + 1's end */
    return k;
}

/* The greedy line from i: the most words whose width fits box_w (the first
 * word alone when even it does not). Widths grow with the text (a prefix
 * is never wider than the text it starts), so that line is the last word
 * end that fits, found by searching between word ends known to fit (lo)
 * and not to fit (hi) rather than by measuring every prefix in turn: the
 * same line, for a few measurements instead of one per word. Returns false
 * when a word alone is wider than the box. */
static bool next_line(const fitter *f, int px, float box_w, size_t i, float *per_byte,
                      layout_line *ln, size_t *line_end)
{
    size_t ends[LAYOUT_WRAP_WORDS];
    bool more;
    size_t n = word_ends(f->s, i, ends, LAYOUT_WRAP_WORDS, &more);
    *ln = (layout_line){i, 0, 0, false};
    *line_end = i;
    if (n == 0)
        return true;
    /* Known: ends 1..lo fit (lo_w: width at lo), hi and after do not. */
    size_t lo = 0, hi = n + 1;
    int lo_w = 0, hi_w = 0;
    while (hi - lo > 1) {
        size_t k = guess_end(ends, i, lo, hi, *per_byte, box_w);
        int w = measure(f, px, f->s + i, ends[k - 1] - i);
        if ((float)w > box_w)
            hi = k, hi_w = w;
        else
            lo = k, lo_w = w;
        if (w > 0)
            *per_byte = (float)w / (float)(ends[k - 1] - i);
    }
    if (lo == n && more) /* more words than ends[] holds: go on one by one */
        for (size_t end = ends[n - 1]; f->s[end] && f->s[end] != '\n';) {
            size_t next = end;
            word_ends(f->s, end, &next, 1, &more);
            int w = measure(f, px, f->s + i, next - i);
            if ((float)w > box_w)
                break;
            ends[n - 1] = end = next;
            lo_w = w;
        }
    bool ok = lo > 0;
    size_t k = ok ? lo : 1; /* not even one word: it alone, cut later */
    *ln = (layout_line){i, ends[k - 1] - i, ok ? lo_w : hi_w, false};
    *line_end = ends[k - 1];
    return ok;
}

/* Greedy wrap at px. Fills out->lines up to `cap` lines and returns true
 * when every word fits the width and the text ends within cap lines. */
static bool wrap(const fitter *f, int px, float box_w, size_t cap, layout_text *out)
{
    const char *s = f->s;
    size_t i = skip_spaces(s, 0);
    out->n_lines = 0;
    bool ok = true;
    float per_byte = 0.5f * (float)px; /* a first guess, then the text's own */
    while (s[i] && out->n_lines < cap) {
        size_t end;
        ok = next_line(f, px, box_w, i, &per_byte, &out->lines[out->n_lines++], &end) && ok;
        i = end;
        if (s[i] == '\n')
            i++;
        i = skip_spaces(s, i);
    }
    return ok && !s[i];
}

static void finish(layout_text *out, int px)
{
    out->px = px;
    out->line_h = layout_line_height(px);
    out->width = 0;
    for (size_t k = 0; k < out->n_lines; k++)
        if (out->lines[k].width > out->width)
            out->width = out->lines[k].width;
    out->height = (int)out->n_lines * out->line_h;
}

/* One line holds the text when the whole text fits the width: a prefix is
 * never wider than the text it starts (widths grow with the text), so the
 * greedy wrap's word-by-word walk would end on the same line. Measuring the
 * whole text alone spares measuring each of its prefixes (the walk's cost
 * grows with the square of the words). */
static bool fits_one_line(const fitter *f, int px, float w, float h, layout_text *out)
{
    if (lines_allowed(f, px, h) < 1 || strchr(f->s, '\n'))
        return false;
    size_t i = skip_spaces(f->s, 0), n = strlen(f->s);
    out->n_lines = 0;
    if (i == n)
        return true;
    int width = measure(f, px, f->s + i, n - i);
    if ((float)width > w)
        return false;
    out->lines[out->n_lines++] = (layout_line){i, n - i, width, false};
    return true;
}

static bool fits_wrapped(const fitter *f, int px, float w, float h, layout_text *out)
{
    size_t cap = lines_allowed(f, px, h);
    return cap >= 1 && wrap(f, px, w, cap, out);
}

typedef bool (*fit_pred)(const fitter *, int, float, float, layout_text *);

#define FIT_STEPS_DOWN 2 /* real sizes tried below the estimate before bisecting */

/* Largest px in [lo, hi] for which pred holds, by bisection; 0 if none. */
static int bisect(const fitter *f, fit_pred pred, int lo, int hi, float w, float h)
{
    layout_text tmp;
    if (lo > hi || !pred(f, lo, w, h, &tmp))
        return 0;
    while (lo < hi) {
        int mid = lo + (hi - lo + 1) / 2;
        if (pred(f, mid, w, h, &tmp))
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

/* Largest px for which pred holds with real widths, 0 if none: the size
 * estimated on scaled widths, confirmed at that size (one real measurement
 * in the usual case). Where rounding makes the estimate too large, a step
 * or two down, then an exact bisection below it. */
/* The size largest_fit confirms first, from the estimate: no size above
 * it is ever confirmed. */
static int estimated_fit(const fitter *f, fit_pred pred, float w, float h)
{
    fitter est = *f;
    est.scaled = true;
    int min = f->st->min_px, max = f->st->max_px;
    /* One size allowed: whatever the estimate says, that size is the one
     * confirmed; no need to measure at the reference size. */
    int px = max == min ? min : bisect(&est, pred, min, max, w, h);
    return px < min ? min : px; /* none: the minimum may still fit */
}

static int largest_fit(const fitter *f, fit_pred pred, float w, float h, layout_text *out)
{
    int min = f->st->min_px, px = estimated_fit(f, pred, w, h);
    for (int step = 0; step < FIT_STEPS_DOWN && px >= min; step++, px--)
        if (pred(f, px, w, h, out))
            return px;
    px = bisect(f, pred, min, px, w, h);
    if (px)
        pred(f, px, w, h, out);
    return px;
}

/* Text after the last line (beyond the lines the box holds)? */
static bool text_left(const fitter *f, const layout_text *out)
{
    const layout_line *last = &out->lines[out->n_lines - 1];
    size_t i = last->start + last->len;
    while (f->s[i] == ' ' || f->s[i] == '\n')
        i++;
    return f->s[i] != '\0';
}

/* Shortens line k so that its bytes plus the ellipsis fit box_w. */
static void ellipsise(const fitter *f, int px, float box_w, layout_line *ln)
{
    char buf[LAYOUT_LINE_BYTES];
    const size_t ell = sizeof LAYOUT_ELLIPSIS - 1;
    size_t len = ln->len;
    if (len > sizeof buf - ell - 1)
        len = sizeof buf - ell - 1;
    for (;;) {
        while (len > 0 && ((unsigned char)f->s[ln->start + len] & 0xC0) == 0x80)
            len--; /* stay on a UTF-8 boundary */
        while (len > 0 && f->s[ln->start + len - 1] == ' ')
            len--;
        memcpy(buf, f->s + ln->start, len);
        memcpy(buf + len, LAYOUT_ELLIPSIS, ell);
        int w = measure(f, px, buf, len + ell);
        if ((float)w <= box_w || len == 0) {
            ln->len = len;
            ln->width = w;
            ln->ellipsis = true;
            return;
        }
        len--;
    }
}

/* Whether the size layout_fit_text would choose is surely below need_px:
 * each phase confirms no size above its estimate, and the wrapped phase
 * runs only when the one-line phase confirms none (then an overflow at the
 * minimum, a no too). */
static bool surely_below(const fitter *f, int need, float w, float h)
{
    return estimated_fit(f, fits_one_line, w, h) < need &&
           (f->st->max_lines <= 1 || estimated_fit(f, fits_wrapped, w, h) < need);
}

void layout_fit_text(const char *s, float box_w, float box_h, const layout_text_style *st,
                     layout_measure_fn fn, void *ctx, layout_text *out)
{
    layout_fit_text_need(s, box_w, box_h, st, 0, fn, ctx, out);
}

void layout_fit_text_need(const char *s, float box_w, float box_h, const layout_text_style *st,
                          int need_px, layout_measure_fn fn, void *ctx, layout_text *out)
{
    memset(out, 0, sizeof *out);
    layout_text_style norm = *st;
    if (norm.min_px < 1)
        norm.min_px = 1;
    if (norm.max_px < norm.min_px)
        norm.max_px = norm.min_px;
    fitter f = {s ? s : "", &norm, fn, ctx, false};
    if (need_px > 0 && surely_below(&f, need_px, box_w, box_h)) {
        out->below_need = true;
        return;
    }
    int px = largest_fit(&f, fits_one_line, box_w, box_h, out);
    if (!px && norm.max_lines > 1)
        px = largest_fit(&f, fits_wrapped, box_w, box_h, out);
    if (px) {
        finish(out, px);
        return;
    }
    /* Does not fit even at the minimum: keep what fits, report. Every cut
     * ends with an ellipsis: a line whose one word is wider than the box,
     * and the last line when text is left after it. */
    px = norm.min_px;
    size_t cap = lines_allowed(&f, px, box_h);
    wrap(&f, px, box_w, cap ? cap : 1, out);
    if (out->n_lines == 0)
        out->lines[out->n_lines++] = (layout_line){0, 0, 0, false};
    for (size_t k = 0; k < out->n_lines; k++)
        if ((float)out->lines[k].width > box_w || (k + 1 == out->n_lines && text_left(&f, out)))
            ellipsise(&f, px, box_w, &out->lines[k]);
    out->overflow = true;
    finish(out, px);
}
