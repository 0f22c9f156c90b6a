/* canvas: display list of one slide, with the text fitting and the page
 * checks that make "no overflow, no overlap, readable contrast" testable. */
#include "canvas.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitrine/arena.h"
#include "vitrine/gfx.h"
#include "vitrine/hash.h"
#include "vitrine/log.h"
#include "vitrine/qr.h"
#include "vitrine/text.h"
#include "vitrine/typo.h"
#include "vitrine/vclock.h"

typedef enum { OP_RECT, OP_ROUND_RECT, OP_RING, OP_TEXT, OP_QR, OP_IMAGE } op_kind;

typedef struct {
    op_kind kind;
    theme_role color;
    float x, y, w, h;          /* rect; text: line box */
    float r_in, r_out, a0, a1; /* ring; round rect: r_out is the radius */
    unsigned edges;
    int face, px;
    const char *text;          /* in the canvas arena */
    const unsigned char *dark; /* QR: modules x modules, 1 = dark (arena) */
    int modules, module_px;    /* QR: modules a side (no quiet zone), pixels a module */
    SDL_Surface *image;        /* borrowed (canvas_image) */
} canvas_op;

typedef enum { READ_LINE, READ_JOIN, READ_SKIP } read_mode;

typedef struct {
    const char *text; /* in the canvas arena */
    bool tail;        /* read after the others (the footer) */
} read_line;

struct canvas {
    fonts *fonts;
    int w, h;
    char name[CANVAS_NAME_LEN];
    arena *arena;
    canvas_op *ops;
    size_t n_ops, cap_ops;
    size_t problems;
    int smallest_px;
    canvas_status status; /* the first failure, if any */
    /* The text alternative (canvas_read_*). */
    read_line *lines;
    size_t n_lines, cap_lines;
    read_mode next;       /* how the next text is read */
    const char *join_sep; /* READ_JOIN's separator (arena) */
    bool tail;
    bool keep_text;               /* the lines are kept (canvas_keep_text); else only drawn */
    const char *title, *subtitle; /* canvas_read_heading (arena) */
    textalt_figure *figures;      /* canvas_read_figure (strings in the arena) */
    size_t n_figures, cap_figures;
    /* The state part (canvas_state_*), and what its own checks counted
     * against the slide (redone when it is replaced). */
    canvas *state;
    layout_rect state_area;
    unsigned state_tag;
    layout_rect marks_room, marks; /* canvas_set_marks; w 0: none */
    size_t checked;
    bool finished;  /* canvas_finish ran: a new state part is checked at once */
    uint64_t print; /* the content's part of canvas_fingerprint, set by canvas_finish */
};

canvas *canvas_new(fonts *f, int width, int height, const char *name)
{
    canvas *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->arena = arena_new();
    if (!c->arena) {
        free(c);
        return NULL;
    }
    c->fonts = f;
    c->w = width;
    c->h = height;
    snprintf(c->name, sizeof c->name, "%s", name ? name : "slide");
    return c;
}

void canvas_free(canvas *c)
{
    if (!c)
        return;
    canvas_free(c->state);
    arena_free(c->arena);
    free(c->ops);
    free(c->lines);
    free(c->figures);
    free(c);
}

int canvas_width(const canvas *c)
{
    return c->w;
}
int canvas_height(const canvas *c)
{
    return c->h;
}
float canvas_unit(const canvas *c)
{
    return (float)(c->w < c->h ? c->w : c->h);
}
bool canvas_portrait(const canvas *c)
{
    return c->h > c->w;
}
layout_rect canvas_bounds(const canvas *c)
{
    return (layout_rect){0, 0, (float)c->w, (float)c->h};
}
size_t canvas_problems(const canvas *c)
{
    return c->problems + (c->state ? c->state->problems : 0);
}
int canvas_smallest_px(const canvas *c)
{
    int own = c->smallest_px, st = c->state ? c->state->smallest_px : 0;
    return !own || (st && st < own) ? st : own;
}
canvas_status canvas_check(const canvas *c)
{
    return c->status != CANVAS_OK || !c->state ? c->status : c->state->status;
}
size_t canvas_ops(const canvas *c)
{
    return c->n_ops;
}

const char *canvas_name(const canvas *c)
{
    return c->name;
}

/* Records the first failure, with one log line: the slide is incomplete. */
static void fail(canvas *c, canvas_status st)
{
    if (c->status != CANVAS_OK)
        return;
    c->status = st;
    if (st == CANVAS_FULL)
        log_error("canvas", "[%s] display list full (%d operations): the slide is incomplete",
                  c->name, CANVAS_MAX_OPS);
    else
        log_error("canvas", "[%s] out of memory: the slide is incomplete", c->name);
}
static int min_px(const canvas *c)
{
    return (int)ceilf(THEME_TEXT_MIN * canvas_unit(c));
}

int canvas_px(const canvas *c, float size)
{
    int px = (int)lroundf(size * canvas_unit(c));
    return px < min_px(c) ? min_px(c) : px;
}

static canvas_op *push(canvas *c, op_kind kind, theme_role color)
{
    if (c->n_ops == c->cap_ops) {
        size_t cap = c->cap_ops ? c->cap_ops * 2 : CANVAS_FIRST_OPS;
        if (cap > CANVAS_MAX_OPS) {
            fail(c, CANVAS_FULL);
            return NULL;
        }
        canvas_op *ops = realloc(c->ops, cap * sizeof *ops);
        if (!ops) {
            fail(c, CANVAS_NOMEM);
            return NULL;
        }
        c->ops = ops;
        c->cap_ops = cap;
    }
    canvas_op *op = &c->ops[c->n_ops++];
    memset(op, 0, sizeof *op);
    op->kind = kind;
    op->color = color;
    return op;
}

void canvas_rect(canvas *c, layout_rect r, theme_role color)
{
    canvas_op *op = push(c, OP_RECT, color);
    if (op)
        op->x = r.x, op->y = r.y, op->w = r.w, op->h = r.h;
}

void canvas_round_rect(canvas *c, layout_rect r, float radius, theme_role color)
{
    canvas_op *op = push(c, OP_ROUND_RECT, color);
    if (op)
        op->x = r.x, op->y = r.y, op->w = r.w, op->h = r.h, op->r_out = radius;
}

void canvas_ring(canvas *c, float cx, float cy, float r_in, float r_out, float a0, float a1,
                 theme_role color, unsigned edges)
{
    canvas_op *op = push(c, OP_RING, color);
    if (op) {
        op->x = cx, op->y = cy, op->r_in = r_in, op->r_out = r_out;
        op->a0 = a0, op->a1 = a1, op->edges = edges;
    }
}

/* The smallest sizes are Inter's: a face that stands in for it and sets
 * text wider (DejaVu Sans) goes down to where its lines hold as many
 * characters (fonts_width_ratio), so what fits in Inter fits in it. */
static layout_text_style text_style(const canvas *c, const canvas_style *st)
{
    float wider = fonts_width_ratio(c->fonts, (int)st->face);
    int lo = (int)ceilf((float)min_px(c) / wider);
    int floor_px = (int)ceilf(
        (float)canvas_px(c, st->min_size > THEME_TEXT_MIN ? st->min_size : THEME_TEXT_MIN) / wider);
    int max = canvas_px(c, st->size);
    if (st->max_px > 0 && st->max_px < max)
        max = st->max_px;
    if (floor_px > max)
        floor_px = max;
    if (floor_px < lo)
        floor_px = lo;
    if (max < floor_px)
        max = floor_px;
    return (layout_text_style){st->face, max, floor_px, st->max_lines > 0 ? st->max_lines : 1};
}

/* Every text is measured, drawn and read as shown: in French typography
 * (typo.h), whoever wrote it (the program or a feed). *tmp is freed by the
 * caller; out of memory, the text as it is. */
static const char *shown(const char *s, char **tmp)
{
    *tmp = s && *s ? typo_fr_dup(s) : NULL;
    return *tmp ? *tmp : s;
}

static layout_text fit_shown(canvas *c, layout_rect box, const char *s, const canvas_style *st)
{
    layout_text t;
    layout_text_style ls = text_style(c, st);
    layout_fit_text(s, box.w, box.h, &ls, fonts_measure, c->fonts, &t);
    return t;
}

/* The lines of the result index into the text as shown, not s: callers
 * use the sizes and line count. */
layout_text canvas_fit(canvas *c, layout_rect box, const char *s, const canvas_style *st)
{
    char *tmp;
    layout_text t = fit_shown(c, box, shown(s, &tmp), st);
    free(tmp);
    return t;
}

layout_text canvas_fit_need(canvas *c, layout_rect box, const char *s, const canvas_style *st,
                            int need_px)
{
    layout_text t;
    layout_text_style ls = text_style(c, st);
    char *tmp;
    layout_fit_text_need(shown(s, &tmp), box.w, box.h, &ls, need_px, fonts_measure, c->fonts, &t);
    free(tmp);
    return t;
}

int canvas_measure(canvas *c, fonts_face face, int px, const char *s)
{
    char *tmp;
    const char *t = shown(s, &tmp);
    int w = fonts_measure(c->fonts, face, px, t, strlen(t));
    free(tmp);
    return w;
}

/* The start of s for a log line, cut with an ellipsis on a character
 * boundary. */
static const char *excerpt(const char *s, char out[CANVAS_EXCERPT_LEN])
{
    text_clean(s, s ? strlen(s) : 0, out, CANVAS_EXCERPT_LEN);
    return out;
}

static void problem(canvas *c, const char *what, const char *s)
{
    char ex[CANVAS_EXCERPT_LEN];
    c->problems++;
    log_warn("layout", "[%s] %s: \"%s\"", c->name, what, excerpt(s, ex));
}

/* Each character no font has is one problem: a placeholder stands for it
 * (fonts.h; drawing it would show an empty box). */
static void missing_glyphs(canvas *c, const char *s, const canvas_style *st, int px)
{
    uint32_t first;
    size_t n = fonts_missing(c->fonts, (int)st->face, px, s, strlen(s), &first);
    if (n == 0)
        return;
    char ex[CANVAS_EXCERPT_LEN];
    c->problems += n;
    log_warn("layout",
             "[%s] %zu character(s) that no font has, shown as a placeholder (U+%04" PRIX32
             "%s): \"%s\"",
             c->name, n, first, n > 1 ? " and others" : "", excerpt(s, ex));
}

static const char *line_copy(canvas *c, const char *s, const layout_line *ln)
{
    size_t ell = ln->ellipsis ? sizeof LAYOUT_ELLIPSIS - 1 : 0;
    char *out = arena_alloc(c->arena, ln->len + ell + 1);
    if (!out)
        return NULL;
    memcpy(out, s + ln->start, ln->len);
    memcpy(out + ln->len, LAYOUT_ELLIPSIS, ell);
    out[ln->len + ell] = '\0';
    return out;
}

/* s as valid UTF-8 without control characters (one line), in French
 * typography (the separator too: "Designers : 42"), in the arena; prefix
 * (already clean) before it. */
static char *read_copy(canvas *c, const char *prefix, const char *sep, const char *s)
{
    size_t lp = prefix ? strlen(prefix) : 0, ls = sep ? strlen(sep) : 0, len = strlen(s);
    size_t room = len * TEXT_UTF8_MAX + 1; /* every byte may become U+FFFD */
    size_t raw_len = lp + ls * TEXT_UTF8_MAX + room + 1;
    char *raw = malloc(raw_len);
    char *out = raw ? arena_alloc(c->arena, raw_len * TYPO_GROWTH) : NULL;
    if (!out) {
        free(raw);
        fail(c, CANVAS_NOMEM);
        return NULL;
    }
    if (lp)
        memcpy(raw, prefix, lp);
    size_t n = lp + (ls ? text_clean(sep, ls, raw + lp, ls * TEXT_UTF8_MAX + 1) : 0);
    text_clean(s, len, raw + n, room);
    typo_fr(raw, out, raw_len * TYPO_GROWTH);
    free(raw);
    return out;
}

static void read_new_line(canvas *c, const char *s)
{
    if (!c->keep_text)
        return;
    if (c->n_lines == c->cap_lines) {
        size_t cap = c->cap_lines ? c->cap_lines * 2 : CANVAS_FIRST_OPS;
        if (cap > CANVAS_READ_MAX_LINES) {
            fail(c, CANVAS_FULL);
            return;
        }
        read_line *lines = realloc(c->lines, cap * sizeof *lines);
        if (!lines) {
            fail(c, CANVAS_NOMEM);
            return;
        }
        c->lines = lines;
        c->cap_lines = cap;
    }
    const char *copy = read_copy(c, NULL, NULL, s);
    if (copy)
        c->lines[c->n_lines++] = (read_line){copy, c->tail};
}

/* s at the end of the last line, after sep; a new line when none yet. */
static void read_append(canvas *c, const char *sep, const char *s)
{
    if (!c->keep_text)
        return;
    if (c->n_lines == 0) {
        read_new_line(c, s);
        return;
    }
    read_line *last = &c->lines[c->n_lines - 1];
    const char *copy = read_copy(c, last->text, sep, s);
    if (copy)
        last->text = copy;
}

void canvas_read_join(canvas *c, const char *sep)
{
    c->next = READ_JOIN;
    c->join_sep = arena_strdup(c->arena, sep ? sep : "");
    if (!c->join_sep)
        fail(c, CANVAS_NOMEM);
}

void canvas_keep_text(canvas *c, bool on)
{
    c->keep_text = on;
}

void canvas_read_skip(canvas *c)
{
    c->next = READ_SKIP;
}

void canvas_read_add(canvas *c, const char *s)
{
    if (s && *s)
        read_append(c, "", s);
}

void canvas_read_tail(canvas *c, bool on)
{
    c->tail = on;
}

size_t canvas_read_count(const canvas *c)
{
    return c->n_lines + (c->state ? c->state->n_lines : 0);
}

const char *canvas_read_line(const canvas *c, size_t k)
{
    for (int tail = 0; tail < 2; tail++)
        for (size_t i = 0; i < c->n_lines; i++)
            if (c->lines[i].tail == (tail == 1) && k-- == 0)
                return c->lines[i].text;
    return c->state ? canvas_read_line(c->state, k) : ""; /* the state part: last */
}

void canvas_read_heading(canvas *c, const char *title, const char *subtitle)
{
    if (!c->keep_text)
        return;
    c->title = read_copy(c, NULL, NULL, title ? title : "");
    c->subtitle = read_copy(c, NULL, NULL, subtitle ? subtitle : "");
}

const char *canvas_read_title(const canvas *c)
{
    return c->title ? c->title : "";
}

const char *canvas_read_subtitle(const canvas *c)
{
    return c->subtitle ? c->subtitle : "";
}

void canvas_read_figure(canvas *c, const char *label, double value, const char *text,
                        layout_rect box)
{
    if (!c->keep_text)
        return;
    if (c->n_figures == c->cap_figures) {
        size_t cap = c->cap_figures ? c->cap_figures * 2 : CANVAS_FIRST_OPS;
        if (cap > CANVAS_READ_MAX_LINES) {
            fail(c, CANVAS_FULL);
            return;
        }
        textalt_figure *f = realloc(c->figures, cap * sizeof *f);
        if (!f) {
            fail(c, CANVAS_NOMEM);
            return;
        }
        c->figures = f;
        c->cap_figures = cap;
    }
    const char *l = read_copy(c, NULL, NULL, label ? label : "");
    const char *t = read_copy(c, NULL, NULL, text ? text : "");
    if (l && t)
        c->figures[c->n_figures++] = (textalt_figure){l, value, t, {box.x, box.y, box.w, box.h}};
}

size_t canvas_read_figures(const canvas *c)
{
    return c->n_figures;
}

const textalt_figure *canvas_read_figure_at(const canvas *c, size_t k)
{
    return &c->figures[k];
}

/* The text alternative's share of a text drawn; the mode set for it is
 * used up whether s is drawn or not. */
static void read_text(canvas *c, const char *s)
{
    read_mode mode = c->next;
    c->next = READ_LINE;
    if (!s || !*s || mode == READ_SKIP)
        return;
    if (mode == READ_JOIN)
        read_append(c, c->join_sep, s);
    else
        read_new_line(c, s);
}

static layout_rect text_shown(canvas *c, layout_rect box, const char *s, const canvas_style *st);

layout_rect canvas_text(canvas *c, layout_rect box, const char *s, const canvas_style *st)
{
    char *tmp;
    layout_rect r = text_shown(c, box, shown(s, &tmp), st);
    free(tmp);
    return r;
}

static layout_rect text_shown(canvas *c, layout_rect box, const char *s, const canvas_style *st)
{
    read_text(c, s);
    if (!s || !*s)
        return (layout_rect){box.x, box.y, 0, 0};
    layout_text t = fit_shown(c, box, s, st);
    if (t.overflow)
        problem(c, "text does not fit its box even at the minimum size", s);
    if (!theme_pair_allowed(st->fg, st->bg))
        problem(c, "text colour not in the contrast-checked pairs", s);
    missing_glyphs(c, s, st, t.px);
    if (!c->smallest_px || t.px < c->smallest_px)
        c->smallest_px = t.px;
    float y = box.y;
    if (st->valign == CANVAS_MIDDLE)
        y += (box.h - (float)t.height) / 2;
    else if (st->valign == CANVAS_BOTTOM)
        y += box.h - (float)t.height;
    layout_rect used = {box.x + box.w, y, 0, (float)t.height};
    for (size_t k = 0; k < t.n_lines; k++) {
        const layout_line *ln = &t.lines[k];
        float x = box.x;
        if (st->align == CANVAS_CENTER)
            x += (box.w - (float)ln->width) / 2;
        else if (st->align == CANVAS_RIGHT)
            x += box.w - (float)ln->width;
        x = roundf(x);
        canvas_op *op = push(c, OP_TEXT, st->fg);
        const char *copy = op ? line_copy(c, s, ln) : NULL;
        if (!copy) {
            if (op)
                fail(c, CANVAS_NOMEM);
            break;
        }
        op->x = x, op->y = roundf(y + (float)k * (float)t.line_h);
        op->w = (float)ln->width, op->h = (float)t.line_h;
        op->face = st->face, op->px = t.px, op->text = copy;
        if (x < used.x)
            used.x = x;
        if (x + (float)ln->width > used.x + used.w)
            used.w = x + (float)ln->width - used.x;
    }
    if (used.w <= 0)
        used.x = box.x;
    return used;
}

layout_rect canvas_qr(canvas *c, layout_rect box, const char *text, theme_role fg)
{
    char err[QR_ERR_LEN];
    layout_rect none = {box.x, box.y, 0, 0};
    qr *q = qr_new(text, err);
    if (!q) {
        problem(c, err, text);
        return none;
    }
    float side = box.w < box.h ? box.w : box.h;
    int mpx = qr_module_px(q, side), n = qr_modules(q);
    unsigned char *dark = mpx > 0 ? arena_alloc(c->arena, (size_t)n * (size_t)n) : NULL;
    canvas_op *op = dark ? push(c, OP_QR, fg) : NULL;
    if (mpx <= 0)
        problem(c, "box too small for a readable QR code", text);
    else if (!dark)
        fail(c, CANVAS_NOMEM);
    if (!op) {
        qr_free(q);
        return none;
    }
    for (int y = 0; y < n; y++)
        for (int x = 0; x < n; x++)
            dark[y * n + x] = qr_dark(q, x, y);
    float used = (float)(mpx * qr_side_modules(q));
    qr_free(q);
    /* Whole pixels: a module's edges fall on pixel edges, which a camera
     * needs far more than the last few pixels of size. */
    layout_rect r = {roundf(box.x + (box.w - used) / 2), roundf(box.y + (box.h - used) / 2), used,
                     used};
    op->x = r.x, op->y = r.y, op->w = used, op->h = used;
    op->dark = dark, op->modules = n, op->module_px = mpx;
    log_debug("canvas",
              "[%s] QR code of %d modules, %d px a module, %.0f px a side at (%.0f, %.0f): %s",
              c->name, n, mpx, used, r.x, r.y, text);
    return r;
}

#define CUT_MAX_WORDS 512 /* word ends tried by canvas_text_cut */

/* s[0..len) and an ellipsis, in buf; false when it does not fit box. */
static bool cut_fits(canvas *c, layout_rect box, const char *s, size_t len, const canvas_style *st,
                     char *buf, size_t bufsz)
{
    if (!text_format(buf, bufsz, "%.*s%s", (int)len, s, LAYOUT_ELLIPSIS))
        return false;
    return !canvas_fit(c, box, buf, st).overflow;
}

static layout_rect cut_shown(canvas *c, layout_rect box, const char *s, const canvas_style *st);

layout_rect canvas_text_cut(canvas *c, layout_rect box, const char *s, const canvas_style *st)
{
    char *tmp;
    layout_rect r = cut_shown(c, box, shown(s, &tmp), st);
    free(tmp);
    return r;
}

static layout_rect cut_shown(canvas *c, layout_rect box, const char *s, const canvas_style *st)
{
    if (!s || !*s || !fit_shown(c, box, s, st).overflow)
        return text_shown(c, box, s, st);
    size_t ends[CUT_MAX_WORDS], n = 0, len = strlen(s);
    for (size_t i = 1; i < len && n < CUT_MAX_WORDS; i++)
        if (s[i] == ' ' && s[i - 1] != ' ')
            ends[n++] = i - (s[i - 1] == ',' || s[i - 1] == ';' || s[i - 1] == ':');
    char buf[LAYOUT_LINE_BYTES * 4];
    size_t lo = 0, hi = n; /* the first lo word ends are known to fit */
    while (lo < hi) {
        size_t mid = (lo + hi + 1) / 2;
        if (cut_fits(c, box, s, ends[mid - 1], st, buf, sizeof buf))
            lo = mid;
        else
            hi = mid - 1;
    }
    if (lo == 0) /* not even one word: the fitter's own cut, reported */
        return canvas_text(c, box, s, st);
    cut_fits(c, box, s, ends[lo - 1], st, buf, sizeof buf);
    return canvas_text(c, box, buf, st);
}

static void check_overlap(canvas *c, const canvas_op *a, const canvas_op *b)
{
    if (b->kind != OP_TEXT || !layout_overlaps((layout_rect){a->x, a->y, a->w, a->h},
                                               (layout_rect){b->x, b->y, b->w, b->h}))
        return;
    char ea[CANVAS_EXCERPT_LEN], eb[CANVAS_EXCERPT_LEN], both[2 * CANVAS_EXCERPT_LEN + 8];
    snprintf(both, sizeof both, "%s\" / \"%s", excerpt(a->text, ea), excerpt(b->text, eb));
    problem(c, "texts overlap", both);
}

/* The page checks of c's texts: inside the slide, overlapping none of the
 * others nor any text of others (the slide a state part belongs to). */
static void check_texts(canvas *c, const canvas *others)
{
    layout_rect page = canvas_bounds(c);
    for (size_t i = 0; i < c->n_ops; i++) {
        const canvas_op *a = &c->ops[i];
        if (a->kind != OP_TEXT)
            continue;
        if (!layout_inside(page, (layout_rect){a->x, a->y, a->w, a->h}))
            problem(c, "text outside the slide", a->text);
        for (size_t j = i + 1; j < c->n_ops; j++)
            check_overlap(c, a, &c->ops[j]);
        for (size_t j = 0; others && j < others->n_ops; j++)
            check_overlap(c, a, &others->ops[j]);
    }
}

/* The state part's checks, counted on it (they go with it when it is
 * replaced). */
static void check_state(canvas *c)
{
    canvas *st = c->state;
    size_t before = st->problems - st->checked;
    st->problems = before;
    check_texts(st, c);
    st->checked = st->problems - before;
}

/* What op draws, hashed: its numbers (no padding: member by member), its
 * text, its QR modules, its image (the surface itself: a poster set
 * scanned again is another picture). */
static uint64_t op_print(uint64_t h, const canvas_op *o)
{
    const float nums[] = {o->x, o->y, o->w, o->h, o->r_in, o->r_out, o->a0, o->a1};
    const int ints[] = {(int)o->kind, (int)o->color, (int)o->edges, o->face,
                        o->px,        o->modules,    o->module_px};
    h = hash_fnv1a64(h, nums, sizeof nums);
    h = hash_fnv1a64(h, ints, sizeof ints);
    h = hash_fnv1a64(h, &o->image, sizeof o->image);
    if (o->text)
        h = hash_fnv1a64_str(h, o->text);
    if (o->dark)
        h = hash_fnv1a64(h, o->dark, (size_t)o->modules * (size_t)o->modules);
    return h;
}

static uint64_t ops_print(uint64_t h, const canvas *c)
{
    for (size_t i = 0; i < c->n_ops; i++)
        h = op_print(h, &c->ops[i]);
    return h;
}

uint64_t canvas_fingerprint(const canvas *c)
{
    /* The state part changes apart (deck_set_states): hashed now. */
    return c->print && c->state ? ops_print(c->print, c->state) : c->print;
}

void canvas_use_fonts(canvas *c, fonts *f)
{
    c->fonts = f;
    if (c->state)
        c->state->fonts = f;
}

size_t canvas_finish(canvas *c)
{
    uint64_t h = hash_fnv1a64(HASH_FNV1A64_BASIS, &c->w, sizeof c->w);
    h = hash_fnv1a64(h, &c->h, sizeof c->h);
    c->print = ops_print(h, c);
    check_texts(c, NULL);
    c->finished = true;
    if (c->state)
        check_state(c);
    return canvas_problems(c);
}

void canvas_state_area(canvas *c, layout_rect area, unsigned tag)
{
    c->state_area = area;
    c->state_tag = tag;
}

unsigned canvas_state_tag(const canvas *c, layout_rect *area)
{
    if (area)
        *area = c->state_area;
    return c->state_tag;
}

void canvas_set_marks(canvas *c, layout_rect room, layout_rect area)
{
    c->marks_room = room;
    c->marks = area;
}

bool canvas_marks(const canvas *c, layout_rect *room, layout_rect *area)
{
    if (room)
        *room = c->marks_room;
    if (area)
        *area = c->marks;
    return c->marks.w > 0 && c->marks.h > 0;
}

canvas *canvas_state_begin(canvas *c)
{
    canvas *st = canvas_new(c->fonts, c->w, c->h, c->name);
    if (!st)
        fail(c, CANVAS_NOMEM);
    else
        st->keep_text = c->keep_text;
    return st;
}

static bool same_op(const canvas_op *a, const canvas_op *b)
{
    return a->kind == b->kind && a->color == b->color && a->x == b->x && a->y == b->y &&
           a->w == b->w && a->h == b->h && a->r_in == b->r_in && a->r_out == b->r_out &&
           a->a0 == b->a0 && a->a1 == b->a1 && a->edges == b->edges && a->face == b->face &&
           a->px == b->px && a->dark == b->dark && a->image == b->image &&
           (a->text == b->text || (a->text && b->text && strcmp(a->text, b->text) == 0));
}

/* Whether a and b (NULL: empty) draw and read the same. */
static bool same_part(const canvas *a, const canvas *b)
{
    size_t na = a ? a->n_ops : 0, nb = b ? b->n_ops : 0;
    size_t la = a ? a->n_lines : 0, lb = b ? b->n_lines : 0;
    if (na != nb || la != lb)
        return false;
    for (size_t i = 0; i < na; i++)
        if (!same_op(&a->ops[i], &b->ops[i]))
            return false;
    for (size_t i = 0; i < la; i++)
        if (a->lines[i].tail != b->lines[i].tail || strcmp(a->lines[i].text, b->lines[i].text))
            return false;
    return true;
}

bool canvas_state_end(canvas *c, canvas *st)
{
    bool changed = !same_part(c->state, st);
    canvas_free(c->state);
    c->state = st;
    if (st && c->finished)
        check_state(c);
    return changed;
}

/* The quiet zone in the background colour, then one rectangle per run of
 * dark modules in a row. */
static void draw_qr(const canvas_op *op, SDL_Renderer *r, int x, int y)
{
    theme_color bg = theme_get(THEME_BG), fg = theme_get(op->color);
    int ox = (int)op->x + x, oy = (int)op->y + y, m = op->module_px;
    int quiet = QR_QUIET_MODULES * m;
    SDL_Rect zone = {ox, oy, (int)op->w, (int)op->h};
    SDL_SetRenderDrawColor(r, bg.r, bg.g, bg.b, 255);
    SDL_RenderFillRect(r, &zone);
    SDL_SetRenderDrawColor(r, fg.r, fg.g, fg.b, 255);
    for (int row = 0; row < op->modules; row++) {
        const unsigned char *d = op->dark + (size_t)row * (size_t)op->modules;
        for (int col = 0; col < op->modules;) {
            if (!d[col]) {
                col++;
                continue;
            }
            int run = col;
            while (run < op->modules && d[run])
                run++;
            SDL_Rect dark = {ox + quiet + col * m, oy + quiet + row * m, (run - col) * m, m};
            SDL_RenderFillRect(r, &dark);
            col = run;
        }
    }
}

void canvas_image(canvas *c, layout_rect r, SDL_Surface *image)
{
    canvas_op *op = image ? push(c, OP_IMAGE, THEME_BG) : NULL;
    if (!op)
        return;
    op->x = r.x, op->y = r.y, op->w = r.w, op->h = r.h;
    op->image = image;
}

/* The texture lives for this one draw: the slide's own texture (deck.c)
 * keeps the result, so an image is uploaded once per slide render. */
static void draw_image(const canvas_op *op, SDL_Renderer *r, int x, int y)
{
    SDL_Texture *tex = SDL_CreateTextureFromSurface(r, op->image);
    if (!tex)
        return;
    SDL_SetTextureScaleMode(tex, SDL_ScaleModeLinear);
    SDL_RenderCopy(r, tex, NULL,
                   &(SDL_Rect){(int)op->x + x, (int)op->y + y, (int)op->w, (int)op->h});
    SDL_DestroyTexture(tex);
}

static void draw_text(const canvas_op *op, SDL_Renderer *r, textcache *tc, int x, int y)
{
    int w, h;
    SDL_Texture *tex = textcache_get(tc, op->face, op->px, theme_get(op->color), op->text, &w, &h);
    if (!tex)
        return;
    /* Centre the glyph box in the line box; whole pixels keep it crisp. */
    int top = (int)op->y + y + ((int)op->h - h) / 2;
    SDL_RenderCopy(r, tex, NULL, &(SDL_Rect){(int)op->x + x, top, w, h});
}

void canvas_draw(const canvas *c, SDL_Renderer *r, textcache *tc, int x, int y)
{
    canvas_draw_part(c, r, tc, x, y, 0, INT64_MAX);
}

size_t canvas_draw_part(const canvas *c, SDL_Renderer *r, textcache *tc, int x, int y, size_t first,
                        int64_t until_us)
{
    size_t i = first;
    for (; i < c->n_ops; i++) {
        if (i > first && until_us != INT64_MAX && vclock_system_us() >= until_us)
            return i;
        const canvas_op *op = &c->ops[i];
        theme_color col = theme_get(op->color);
        float fx = (float)x, fy = (float)y;
        switch (op->kind) {
        case OP_RECT: gfx_fill_rect(r, op->x + fx, op->y + fy, op->w, op->h, col); break;
        case OP_ROUND_RECT:
            gfx_fill_round_rect(r, op->x + fx, op->y + fy, op->w, op->h, op->r_out, col);
            break;
        case OP_RING:
            gfx_fill_ring(r, op->x + fx, op->y + fy, op->r_in, op->r_out, op->a0, op->a1, col,
                          op->edges);
            break;
        case OP_TEXT: draw_text(op, r, tc, x, y); break;
        case OP_QR: draw_qr(op, r, x, y); break;
        case OP_IMAGE: draw_image(op, r, x, y); break;
        }
    }
    if (c->state) /* small: drawn whole, with the last part */
        canvas_draw(c->state, r, tc, x, y);
    return i;
}

const char *canvas_text_op(const canvas *c, size_t k, int *px, layout_rect *box, theme_role *fg)
{
    for (size_t i = 0; i < c->n_ops; i++) {
        const canvas_op *o = &c->ops[i];
        if (o->kind != OP_TEXT || k--)
            continue;
        *px = o->px;
        *box = (layout_rect){o->x, o->y, o->w, o->h};
        *fg = o->color;
        return o->text;
    }
    return NULL;
}

/* A thumbnail's view of the list: scale s, then offset (x, y). */
typedef struct {
    float x, y, s;
} thumb_view;

/* A line of text at its scaled size, from the text cache (a few pixels
 * high: a small texture, quickly rendered); below CANVAS_THUMB_MIN_PX a
 * bar of its colour, half opaque, where its ink would be (greeking). */
static void thumb_text(const canvas_op *op, SDL_Renderer *r, textcache *tc, thumb_view v)
{
    float px = (float)op->px * v.s;
    float x = v.x + op->x * v.s, y = v.y + op->y * v.s, w = op->w * v.s, h = op->h * v.s;
    theme_color col = theme_get(op->color);
    if (px < CANVAS_THUMB_MIN_PX) {
        float bar = px * 0.5f > 1 ? px * 0.5f : 1;
        SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
        SDL_SetRenderDrawColor(r, col.r, col.g, col.b, 128);
        SDL_RenderFillRectF(r, &(SDL_FRect){x, y + (h - bar) / 2, w, bar});
        return;
    }
    int tw, th;
    SDL_Texture *tex = textcache_get(tc, op->face, (int)lroundf(px), col, op->text, &tw, &th);
    if (tex)
        SDL_RenderCopyF(r, tex, NULL,
                        &(SDL_FRect){x, y + (h - (float)th) / 2, (float)tw, (float)th});
}

static void thumb_qr(const canvas_op *op, SDL_Renderer *r, thumb_view v)
{
    theme_color bg = theme_get(THEME_BG), fg = theme_get(op->color);
    float ox = v.x + op->x * v.s, oy = v.y + op->y * v.s, m = (float)op->module_px * v.s;
    float quiet = (float)QR_QUIET_MODULES * m;
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(r, bg.r, bg.g, bg.b, 255);
    SDL_RenderFillRectF(r, &(SDL_FRect){ox, oy, op->w * v.s, op->h * v.s});
    SDL_SetRenderDrawColor(r, fg.r, fg.g, fg.b, 255);
    for (int row = 0; row < op->modules; row++)
        for (int col = 0; col < op->modules; col++)
            if (op->dark[(size_t)row * (size_t)op->modules + (size_t)col])
                SDL_RenderFillRectF(r, &(SDL_FRect){ox + quiet + (float)col * m,
                                                    oy + quiet + (float)row * m, m, m});
}

/* An image scaled on the CPU to the thumbnail's size first (a poster's
 * picture is up to the screen's: uploading it whole to be scaled down
 * took tens of milliseconds), then uploaded. */
static void thumb_image(const canvas_op *op, SDL_Renderer *r, SDL_FRect dst)
{
    int w = (int)lroundf(dst.w), h = (int)lroundf(dst.h);
    if (w <= 0 || h <= 0)
        return;
    SDL_Surface *small = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGB888);
    SDL_Texture *tex = NULL;
    if (small && SDL_BlitScaled(op->image, NULL, small, NULL) == 0)
        tex = SDL_CreateTextureFromSurface(r, small);
    SDL_FreeSurface(small);
    if (!tex)
        return;
    SDL_RenderCopyF(r, tex, NULL, &dst);
    SDL_DestroyTexture(tex);
}

static void thumb_op(const canvas_op *op, SDL_Renderer *r, textcache *tc, thumb_view v)
{
    theme_color col = theme_get(op->color);
    float x = v.x + op->x * v.s, y = v.y + op->y * v.s, w = op->w * v.s, h = op->h * v.s;
    switch (op->kind) {
    case OP_RECT: gfx_fill_rect(r, x, y, w, h, col); break;
    case OP_ROUND_RECT: gfx_fill_round_rect(r, x, y, w, h, op->r_out * v.s, col); break;
    case OP_RING:
        gfx_fill_ring(r, x, y, op->r_in * v.s, op->r_out * v.s, op->a0, op->a1, col, op->edges);
        break;
    case OP_TEXT: thumb_text(op, r, tc, v); break;
    case OP_QR: thumb_qr(op, r, v); break;
    case OP_IMAGE: thumb_image(op, r, (SDL_FRect){x, y, w, h}); break;
    }
}

size_t canvas_draw_thumb(const canvas *c, SDL_Renderer *r, textcache *tc, SDL_Rect dst,
                         size_t first, int64_t until_us)
{
    thumb_view v = {(float)dst.x, (float)dst.y, c->w > 0 ? (float)dst.w / (float)c->w : 0};
    size_t i = first;
    for (; i < c->n_ops; i++) {
        if (i > first && until_us != INT64_MAX && vclock_system_us() >= until_us)
            return i;
        thumb_op(&c->ops[i], r, tc, v);
    }
    for (size_t k = 0; c->state && k < c->state->n_ops; k++) /* with the last part */
        thumb_op(&c->state->ops[k], r, tc, v);
    return i;
}
