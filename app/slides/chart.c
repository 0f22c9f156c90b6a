/* chart: bars, columns, donut, legend and big figures on a canvas. All text
 * goes through canvas_text, so a label that cannot fit is reported, never
 * silently cut. Sizes: a first pass fits every label of a chart, the chart
 * then uses the smallest of those sizes for all of them. */
#include "chart.h"

#include <math.h>

#include "vitrine/fmt.h"
#include "vitrine/gfx.h"
#include "vitrine/log.h"
#include "vitrine/text.h"

#define CHART_ROW_MAX 0.085f /* tallest bar row, of the short side */
#define CHART_ROW_ABOVE_MAX 0.13f
#define CHART_PORTRAIT_FILL 0.75f /* rows' share of a portrait chart's height */
#define CHART_BAR_FILL 0.62f      /* bar thickness, of the row */
#define CHART_BAR_MAX 0.074f      /* thickest bar, of the short side (1.4 usual rows) */
#define CHART_COL_FILL 0.70f      /* column group width, of the slot */
#define CHART_GROUP_FILL 0.88f    /* the same with several series side by side */
#define CHART_DONUT_HOLE 0.60f    /* inner radius, of the outer */
#define CHART_DONUT_GAP 0.012f    /* angle between segments, of a turn */
#define CHART_PI 3.14159265358979323846f
#define CHART_READ_LEN 160 /* a series' part of a line of the text alternative */

static float line_h(int px)
{
    return (float)layout_line_height(px);
}
static int min_px(const canvas *c)
{
    return canvas_px(c, THEME_TEXT_MIN);
}
static float unit(const canvas *c)
{
    return canvas_unit(c);
}
static float gap(const canvas *c)
{
    return 0.018f * canvas_unit(c);
}

static canvas_style label_style(theme_role fg, int lines)
{
    return (canvas_style){.face = FONTS_REGULAR,
                          .size = THEME_TEXT_LABEL,
                          .max_lines = lines,
                          .valign = CANVAS_MIDDLE,
                          .fg = fg,
                          .bg = THEME_BG};
}

/* Smallest fitted size of all texts in boxes of w x h. */
static int shared_px(canvas *c, const char *const *texts, size_t n, size_t stride, float w, float h,
                     const canvas_style *st)
{
    int px = canvas_px(c, st->size);
    if (st->max_px > 0 && st->max_px < px)
        px = st->max_px;
    for (size_t i = 0; i < n; i++) {
        const char *s = *(const char *const *)((const char *)texts + i * stride);
        if (!s || !*s)
            continue;
        layout_text t = canvas_fit(c, (layout_rect){0, 0, w, h}, s, st);
        if (t.px < px)
            px = t.px;
    }
    return px;
}

static int widest(canvas *c, fonts_face face, int px, const char *const *texts, size_t n,
                  size_t stride)
{
    int w = 0;
    for (size_t i = 0; i < n; i++) {
        const char *s = *(const char *const *)((const char *)texts + i * stride);
        if (s) {
            int m = canvas_measure(c, face, px, s);
            w = m > w ? m : w;
        }
    }
    return w;
}

size_t chart_cap(const canvas *c, size_t n, const char *what)
{
    if (n <= CHART_MAX_ITEMS)
        return n;
    log_warn("chart", "[%s] %zu %s: only %d of them are charted (CHART_MAX_ITEMS)", canvas_name(c),
             n, what, CHART_MAX_ITEMS);
    return CHART_MAX_ITEMS;
}

size_t chart_hbars_capacity(const canvas *c, layout_rect r, bool label_above)
{
    float need = label_above ? line_h(min_px(c)) * 2.3f : line_h(min_px(c)) * 1.2f;
    return need > 0 ? (size_t)(r.h / need) : 0;
}

static double scale_max(const chart_item *items, size_t n, double max)
{
    for (size_t i = 0; max <= 0 && i < n; i++)
        max = items[i].value > max ? items[i].value : max;
    for (size_t i = 0; i < n; i++)
        max = items[i].value > max ? items[i].value : max;
    return max > 0 ? max : 1;
}

static void bar_row(canvas *c, const chart_item *it, layout_rect bar_box, double max, float value_w,
                    int px)
{
    float bw_max = bar_box.w - value_w - gap(c) * 0.5f;
    float bh = bar_box.h * CHART_BAR_FILL;
    if (canvas_portrait(c)) /* rows grown on a tall stage: the gaps more than the bars */
        bh = fminf(bh, CHART_BAR_MAX * unit(c));
    float len = (float)(it->value / max) * bw_max;
    if (it->value > 0 && len < 2)
        len = 2; /* a non-zero value stays visible */
    layout_rect bar = {bar_box.x, bar_box.y + (bar_box.h - bh) / 2, len, bh};
    canvas_rect(c, bar, it->color);
    canvas_style vs = label_style(THEME_TEXT, 1);
    vs.face = FONTS_BOLD;
    vs.max_px = px;
    layout_rect vbox = {bar.x + len + gap(c) * 0.4f, bar_box.y, value_w + 1, bar_box.h};
    canvas_read_join(c, " : "); /* "Designers : 42" */
    layout_rect used = canvas_text(c, vbox, it->value_text, &vs);
    canvas_read_figure(c, it->label, it->value, it->value_text, used);
}

void chart_hbars(canvas *c, layout_rect r, const chart_item *items, size_t n,
                 const chart_bar_opts *o)
{
    if (n == 0)
        return;
    double max = scale_max(items, n, o->max);
    float row_max = (o->row_max > 0   ? o->row_max
                     : o->label_above ? CHART_ROW_ABOVE_MAX
                                      : CHART_ROW_MAX) *
                    unit(c);
    if (canvas_portrait(c)) {
        /* A tall stage: the rows grow (bars and gaps) to use most of its
         * height rather than leave empty bands above and below, up to twice
         * their usual height. */
        float want = r.h * CHART_PORTRAIT_FILL / (float)n;
        row_max = fmaxf(row_max, fminf(want, 2 * row_max));
    }
    float rh = fminf(r.h / (float)n, row_max);
    r.y += (r.h - rh * (float)n) / 2; /* few rows: in the middle, not on top */
    const size_t stride = sizeof *items;
    if (!o->label_above) {
        float lw = r.w * (o->label_frac > 0 ? o->label_frac : 0.3f);
        int lines = rh >= 2 * line_h(min_px(c)) ? 2 : 1;
        canvas_style ls = label_style(THEME_TEXT, lines);
        int px = shared_px(c, &items[0].label, n, stride, lw, rh, &ls);
        ls.max_px = px;
        float value_w = (float)widest(c, FONTS_BOLD, px, &items[0].value_text, n, stride);
        for (size_t i = 0; i < n; i++) {
            layout_rect row = {r.x, r.y + (float)i * rh, r.w, rh};
            layout_rect lbox = layout_cut_left(&row, lw, gap(c));
            ls.fg = items[i].label_fg;
            canvas_text(c, lbox, items[i].label, &ls);
            bar_row(c, &items[i], row, max, value_w, px);
        }
        return;
    }
    /* Labels above their bars: the label gets the full width. */
    float label_h = rh * 0.52f, bar_h = rh - label_h;
    int lines = label_h >= 2 * line_h(min_px(c)) ? 2 : 1;
    canvas_style ls = label_style(THEME_TEXT, lines);
    ls.valign = CANVAS_BOTTOM;
    int px = shared_px(c, &items[0].label, n, stride, r.w, label_h, &ls);
    ls.max_px = px;
    int vpx = px;
    float value_w = (float)widest(c, FONTS_BOLD, vpx, &items[0].value_text, n, stride);
    for (size_t i = 0; i < n; i++) {
        layout_rect row = {r.x, r.y + (float)i * rh, r.w, rh};
        layout_rect lbox = layout_cut_top(&row, label_h, 0);
        ls.fg = items[i].label_fg;
        canvas_text(c, lbox, items[i].label, &ls);
        row.h = bar_h;
        bar_row(c, &items[i], row, max, value_w, vpx);
    }
}

float chart_legend(canvas *c, layout_rect r, const chart_series *s, size_t n)
{
    int px = canvas_px(c, THEME_TEXT_LABEL);
    float lh = line_h(px), sw = lh * 0.6f, g = gap(c);
    float x = r.x, y = r.y;
    canvas_style st = label_style(THEME_TEXT, 1);
    st.max_px = px;
    for (size_t i = 0; i < n; i++) {
        float tw = (float)canvas_measure(c, FONTS_REGULAR, px, s[i].name);
        float item_w = sw + g * 0.5f + tw;
        if (x > r.x && x + item_w > r.x + r.w) { /* next row */
            x = r.x;
            y += lh;
        }
        canvas_round_rect(c, (layout_rect){x, y + (lh - sw) / 2, sw, sw}, sw * 0.2f, s[i].color);
        layout_rect tbox = {x + sw + g * 0.5f, y, fminf(tw + 1, r.x + r.w - x - sw - g * 0.5f), lh};
        canvas_text(c, tbox, s[i].name, &st);
        x += item_w + g * 1.5f;
    }
    return y + lh - r.y;
}

static double column_total(const chart_columns_data *d, size_t k)
{
    double t = 0;
    for (size_t s = 0; s < d->n_series; s++)
        t += d->values[s * d->n_cats + k];
    return t;
}

/* Width a category slot needs at the minimum size. */
static float slot_need(canvas *c, const chart_columns_data *d)
{
    int px = min_px(c);
    const char *const *vt = d->stacked ? d->total_texts : d->value_texts;
    size_t nv = d->stacked ? d->n_cats : d->n_cats * d->n_series;
    float per_value = vt ? (float)widest(c, FONTS_BOLD, px, vt, nv, sizeof *vt) + px * 0.4f : 0;
    float values = d->stacked ? per_value : per_value * (float)d->n_series / CHART_GROUP_FILL;
    /* Category labels may wrap on two lines: half their width, roughly. */
    float cat = (float)widest(c, FONTS_REGULAR, px, d->cats, d->n_cats, sizeof *d->cats);
    bool has_space = false;
    for (size_t k = 0; k < d->n_cats; k++)
        for (const char *p = d->cats[k]; *p; p++)
            has_space |= *p == ' ';
    if (has_space)
        cat *= 0.6f;
    cat += (float)px * 0.6f;
    return fmaxf(values, cat);
}

size_t chart_columns_capacity(canvas *c, layout_rect r, const chart_columns_data *d)
{
    float need = slot_need(c, d);
    size_t n = need > 0 ? (size_t)(r.w / need) : d->n_cats;
    return n < d->n_cats ? n : d->n_cats;
}

/* Series s's value in category k's line: "Promo 1 2017 : Défis 9,
 * Entrepreneurs 9". drawn: the value text drawn next continues the line;
 * else the value (a zero, which has no label on the chart) is added. */
static void read_series(canvas *c, const chart_columns_data *d, size_t s, size_t k, bool drawn)
{
    const char *name = d->series[s].name && *d->series[s].name ? d->series[s].name : NULL;
    char sep[CHART_READ_LEN];
    text_format(sep, sizeof sep, "%s%s%s", s == 0 ? " : " : ", ", name ? name : "",
                name ? " " : "");
    if (drawn) {
        canvas_read_join(c, sep);
        return;
    }
    char v[FMT_LEN];
    const char *value = d->value_texts ? d->value_texts[s * d->n_cats + k] : NULL;
    if (!value || !*value) {
        fmt_int(lround(d->values[s * d->n_cats + k]), v, sizeof v);
        value = v;
    }
    canvas_read_add(c, sep);
    canvas_read_add(c, value);
}

/* A stacked column's parts after its total: "2013 : 4 (Agents publics 1,
 * Indépendants 3, Prestataires 0)". */
static void read_stack(canvas *c, const chart_columns_data *d, size_t k)
{
    for (size_t s = 0; s < d->n_series; s++) {
        char v[FMT_LEN], part[CHART_READ_LEN];
        fmt_int(lround(d->values[s * d->n_cats + k]), v, sizeof v);
        text_format(part, sizeof part, "%s%s %s%s", s == 0 ? " (" : ", ",
                    d->series[s].name ? d->series[s].name : "", v, s + 1 == d->n_series ? ")" : "");
        canvas_read_add(c, part);
    }
}

/* The figure behind series s in category k, for the text alternative. */
static void column_figure(canvas *c, const chart_columns_data *d, size_t s, size_t k,
                          const char *text, layout_rect box)
{
    char label[CHART_READ_LEN];
    text_format(label, sizeof label, "%s%s%s", d->cats[k],
                d->series[s].name && *d->series[s].name ? " · " : "",
                d->series[s].name ? d->series[s].name : "");
    canvas_read_figure(c, label, d->values[s * d->n_cats + k], text, box);
}

/* Where the value labels of grouped columns go: each centred over its
 * bar, unless it would come within a space of the label before it (two
 * "100 %" side by side): then it is lifted above that label, and when
 * even that leaves the chart (top: its highest line) it is not drawn,
 * only read. */
typedef struct {
    float vbox_w, vh, space, top;
    layout_rect prev; /* the last label drawn (zero width: none) */
} column_labels;

static bool near(layout_rect a, layout_rect b, float space)
{
    return a.w > 0 && b.w > 0 && a.x < b.x + b.w + space && b.x < a.x + a.w + space &&
           a.y < b.y + b.h && b.y < a.y + a.h;
}

/* A grouped column's value label (bar: its box); a zero has no label
 * (the text alternative still says it). */
static void column_value(canvas *c, const chart_columns_data *d, size_t s, size_t k,
                         layout_rect bar, const canvas_style *vs, column_labels *cl)
{
    size_t at = s * d->n_cats + k;
    const char *text = d->value_texts ? d->value_texts[at] : NULL;
    layout_rect none = {bar.x, bar.y + bar.h, 0, 0};
    if (!text || d->values[at] <= 0) {
        read_series(c, d, s, k, false);
        column_figure(c, d, s, k, text ? text : "", none);
        return;
    }
    layout_rect box = {bar.x + (bar.w - cl->vbox_w) / 2, bar.y - cl->vh, cl->vbox_w, cl->vh};
    float w = (float)canvas_fit(c, box, text, vs).lines[0].width;
    layout_rect ink = {box.x + (box.w - w) / 2, box.y, w, box.h};
    if (near(ink, cl->prev, cl->space)) {
        box.y = ink.y = cl->prev.y - cl->vh;
        if (box.y < cl->top - 0.5f) { /* no room above: read, not drawn */
            read_series(c, d, s, k, false);
            column_figure(c, d, s, k, text, none);
            return;
        }
    }
    read_series(c, d, s, k, true);
    cl->prev = canvas_text(c, box, text, vs);
    column_figure(c, d, s, k, text, cl->prev);
}

void chart_columns(canvas *c, layout_rect r, const chart_columns_data *d)
{
    if (d->n_cats == 0 || d->n_series == 0)
        return;
    float g = gap(c);
    if (d->n_series > 1 || (d->series[0].name && *d->series[0].name)) {
        float lh = chart_legend(c, r, d->series, d->n_series);
        layout_cut_top(&r, lh, g);
    }
    float slot = r.w / (float)d->n_cats;
    /* Category labels under the axis, up to two lines. */
    canvas_style cs = label_style(THEME_TEXT, 2);
    cs.align = CANVAS_CENTER;
    cs.valign = CANVAS_TOP;
    float cat_h = 2 * line_h(canvas_px(c, THEME_TEXT_LABEL));
    int cpx = shared_px(c, d->cats, d->n_cats, sizeof *d->cats, slot * 0.96f, cat_h, &cs);
    cs.max_px = cpx;
    bool two = false;
    for (size_t k = 0; k < d->n_cats; k++)
        two |= canvas_fit(c, (layout_rect){0, 0, slot * 0.96f, cat_h}, d->cats[k], &cs).n_lines > 1;
    layout_rect cats = layout_cut_bottom(&r, (two ? 2 : 1) * line_h(cpx), g * 0.5f);
    /* Value labels above the columns. */
    float group = slot * (d->stacked || d->n_series == 1 ? CHART_COL_FILL : CHART_GROUP_FILL);
    float bw = d->stacked ? group : group / (float)d->n_series;
    const char *const *vt = d->stacked ? d->total_texts : d->value_texts;
    size_t nv = d->stacked ? d->n_cats : d->n_cats * d->n_series;
    canvas_style vs = label_style(THEME_TEXT, 1);
    vs.face = FONTS_BOLD;
    vs.align = CANVAS_CENTER;
    vs.valign = CANVAS_BOTTOM;
    /* A value label never leaves its own bar's slot. */
    float vbox_w = d->stacked ? slot * 0.96f : bw;
    int vpx =
        vt ? shared_px(c, vt, nv, sizeof *vt, vbox_w, line_h(canvas_px(c, THEME_TEXT_LABEL)), &vs)
           : min_px(c);
    vs.max_px = vpx;
    float vh = line_h(vpx);
    column_labels cl = {vbox_w, vh, vh * 0.25f, r.y, {0, 0, 0, 0}};
    layout_rect plot = r;
    /* Labels that may come within a space of their neighbour's get a
     * second line of room, to be lifted into. */
    float widest_v = vt ? (float)widest(c, FONTS_BOLD, vpx, vt, nv, sizeof *vt) : 0;
    bool lift = !d->stacked && d->n_series > 1 && widest_v + cl.space > bw;
    layout_cut_top(&plot, lift ? 2 * vh : vh, 0);
    double max = 0;
    for (size_t k = 0; k < d->n_cats; k++) {
        for (size_t s = 0; s < d->n_series; s++)
            max = fmax(max, d->values[s * d->n_cats + k]);
        if (d->stacked)
            max = fmax(max, column_total(d, k));
    }
    if (max <= 0)
        max = 1;
    float base = plot.y + plot.h;
    canvas_rect(c, (layout_rect){plot.x, base, plot.w, fmaxf(1, unit(c) * 0.002f)}, THEME_GRID);
    for (size_t k = 0; k < d->n_cats; k++) {
        /* The category first: it begins the category's line of the text
         * alternative, which its values continue. */
        canvas_text(
            c, (layout_rect){plot.x + (float)k * slot + slot * 0.02f, cats.y, slot * 0.96f, cats.h},
            d->cats[k], &cs);
        float x0 = plot.x + (float)k * slot + (slot - group) / 2, top = base;
        for (size_t s = 0; s < d->n_series; s++) {
            double v = d->values[s * d->n_cats + k];
            float h = (float)(v / max) * plot.h;
            if (v > 0 && h < 2)
                h = 2;
            float x = d->stacked ? x0 : x0 + (float)s * bw;
            float y = d->stacked ? top - h : base - h;
            canvas_rect(c, (layout_rect){x, y, d->stacked ? bw : bw * 0.92f, h},
                        d->series[s].color);
            if (d->stacked) { /* a part: no label of its own */
                top -= h;
                column_figure(c, d, s, k, "", (layout_rect){x, base, 0, 0});
            } else {
                column_value(c, d, s, k, (layout_rect){x, y, bw * 0.92f, h}, &vs, &cl);
            }
        }
        if (d->stacked && vt) {
            canvas_read_join(c, " : ");
            layout_rect used = canvas_text(
                c,
                (layout_rect){plot.x + (float)k * slot + slot * 0.02f, top - vh, slot * 0.96f, vh},
                vt[k], &vs);
            canvas_read_figure(c, d->cats[k], column_total(d, k), vt[k], used);
        }
        if (d->stacked)
            read_stack(c, d, k);
    }
}

void chart_donut(canvas *c, layout_rect r, const chart_item *items, size_t n,
                 const char *center_value, const char *center_label)
{
    float g = gap(c);
    /* A portrait screen stacks the ring above its legend whatever the box's
     * shape: side by side, they leave an empty band above and below. */
    bool portrait = canvas_portrait(c) || r.h > r.w * 1.1f;
    float side = portrait ? fminf(r.w * 0.8f, r.h * 0.52f) : fminf(r.h, r.w * 0.46f);
    if (portrait) { /* the ring and its legend together in the middle of the box */
        float leg_h = fminf((r.h - side - g * 2) / (float)(n ? n : 1), 0.12f * unit(c)) * (float)n;
        float spare = r.h - side - g * 2 - leg_h;
        if (spare > 0) {
            r.y += spare / 2;
            r.h -= spare;
        }
    }
    layout_rect ring =
        portrait ? layout_cut_top(&r, side, g * 2) : layout_cut_left(&r, side, g * 3);
    /* Landscape: a ring narrower than the box is tall sits in its middle,
     * not on top of an empty band. */
    float cx = ring.x + ring.w / 2, cy = ring.y + (portrait ? side : ring.h) / 2;
    float ro = side / 2 - 2, ri = ro * CHART_DONUT_HOLE;
    double total = 0;
    for (size_t i = 0; i < n; i++)
        total += items[i].value > 0 ? items[i].value : 0;
    float a = 0, gap_a = CHART_DONUT_GAP * 2 * CHART_PI;
    for (size_t i = 0; total > 0 && i < n; i++) {
        if (items[i].value <= 0)
            continue;
        float span = (float)(items[i].value / total) * 2 * CHART_PI;
        float a0 = a + (span > 2 * gap_a ? gap_a / 2 : 0),
              a1 = a + span - (span > 2 * gap_a ? gap_a / 2 : 0);
        canvas_ring(c, cx, cy, ri, ro, a0, a1, items[i].color, GFX_EDGE_ALL);
        a += span;
    }
    /* The total inside the hole. */
    float hole = ri * 1.35f;
    canvas_style vs = {.face = FONTS_BOLD,
                       .size = 0.085f,
                       .align = CANVAS_CENTER,
                       .valign = CANVAS_BOTTOM,
                       .fg = THEME_BLUE,
                       .bg = THEME_BG};
    canvas_text(c, (layout_rect){cx - hole / 2, cy - ri * 0.62f, hole, ri * 0.62f}, center_value,
                &vs);
    canvas_read_join(c, " "); /* "1 360 membres actifs" */
    canvas_style ls = {.face = FONTS_REGULAR,
                       .size = THEME_TEXT_BODY,
                       .max_lines = 2,
                       .align = CANVAS_CENTER,
                       .fg = THEME_MUTED,
                       .bg = THEME_BG};
    canvas_text(c, (layout_rect){cx - hole / 2, cy + g * 0.2f, hole, ri * 0.6f}, center_label, &ls);
    /* Legend: swatch, label, value. */
    float rh = fminf(r.h / (float)(n ? n : 1), 0.12f * unit(c));
    layout_rect leg = {r.x, r.y + (portrait ? 0 : (r.h - rh * (float)n) / 2), r.w, rh * (float)n};
    if (portrait && leg.w > side) { /* under the ring, about as wide, not across the screen */
        leg.w = fmaxf(side, r.w * 0.75f);
        leg.x = cx - leg.w / 2;
    }
    canvas_style lab = label_style(THEME_TEXT, 2);
    lab.size = THEME_TEXT_SUBTITLE;
    float sw = line_h(canvas_px(c, THEME_TEXT_LABEL)) * 0.7f;
    int px = shared_px(c, &items[0].label, n, sizeof *items, leg.w * 0.55f, rh, &lab);
    lab.max_px = px;
    canvas_style val = lab;
    val.face = FONTS_BOLD;
    val.align = CANVAS_RIGHT;
    val.max_lines = 1;
    for (size_t i = 0; i < n; i++) {
        layout_rect row = {leg.x, leg.y + (float)i * rh, leg.w, rh};
        layout_rect sq = layout_cut_left(&row, sw, g);
        canvas_round_rect(c, (layout_rect){sq.x, sq.y + (rh - sw) / 2, sw, sw}, sw * 0.2f,
                          items[i].color);
        layout_rect vbox = layout_cut_right(&row, row.w * 0.42f, g * 0.5f);
        canvas_text(c, row, items[i].label, &lab);
        canvas_read_join(c, " : ");
        layout_rect used = canvas_text(c, vbox, items[i].value_text, &val);
        canvas_read_figure(c, items[i].label, items[i].value, items[i].value_text, used);
    }
}

static void grid_shape(const canvas *c, size_t n, int *cols, int *rows)
{
    int k = (int)n;
    if (canvas_portrait(c))
        *cols = k <= 2 ? 1 : 2;
    else
        *cols = k <= 3 ? k : k == 4 ? 2 : 3;
    *rows = (k + *cols - 1) / *cols;
}

void chart_figures(canvas *c, layout_rect r, const chart_figure *f, size_t n)
{
    if (n == 0)
        return;
    int cols, rows;
    grid_shape(c, n, &cols, &rows);
    float g = gap(c), pad = g * 1.2f;
    float cell_h = (r.h - g * (float)(rows - 1)) / (float)rows;
    float cap = 0.42f * unit(c); /* cards do not grow past this height */
    if (cell_h > cap) {
        r.y += (cell_h - cap) * (float)rows / 2;
        cell_h = cap;
        r.h = cell_h * (float)rows + g * (float)(rows - 1);
    }
    layout_rect probe = layout_inset(layout_cell(r, cols, rows, 0, 0, g), pad, pad);
    float value_h = fminf(probe.h * 0.5f, line_h(canvas_px(c, THEME_TEXT_FIGURE)));
    canvas_style vs = {.face = FONTS_BOLD,
                       .size = THEME_TEXT_FIGURE,
                       .min_size = 0.05f,
                       .align = CANVAS_CENTER,
                       .valign = CANVAS_BOTTOM,
                       .bg = THEME_PANEL};
    canvas_style ls = {.face = FONTS_REGULAR,
                       .size = THEME_TEXT_SUBTITLE,
                       .max_lines = 3,
                       .align = CANVAS_CENTER,
                       .fg = THEME_TEXT,
                       .bg = THEME_PANEL};
    vs.max_px = shared_px(c, &f[0].value, n, sizeof *f, probe.w, value_h, &vs);
    ls.max_px = shared_px(c, &f[0].label, n, sizeof *f, probe.w, probe.h - value_h, &ls);
    for (size_t i = 0; i < n; i++) {
        layout_rect cell = layout_cell(r, cols, rows, (int)i % cols, (int)i / cols, g);
        canvas_round_rect(c, cell, g * 0.6f, THEME_PANEL);
        layout_rect in = layout_inset(cell, pad, pad);
        /* Centre the figure and its label as one block in the card. */
        layout_text lt = canvas_fit(c, (layout_rect){0, 0, in.w, in.h - value_h}, f[i].label, &ls);
        float block = value_h + (float)lt.height;
        if (block < in.h) {
            in.y += (in.h - block) / 2;
            in.h = block;
        }
        layout_rect vbox = layout_cut_top(&in, value_h, 0);
        vs.fg = f[i].color;
        layout_rect used = canvas_text(c, vbox, f[i].value, &vs);
        canvas_read_figure(c, f[i].label, NAN, f[i].value, used);
        canvas_read_join(c, " "); /* "245 produits actifs" */
        canvas_text(c, in, f[i].label, &ls);
    }
}

static canvas_style note_style(void)
{
    return (canvas_style){.face = FONTS_REGULAR,
                          .size = THEME_TEXT_BODY,
                          .max_lines = 2,
                          .valign = CANVAS_BOTTOM,
                          .fg = THEME_MUTED,
                          .bg = THEME_BG};
}

layout_rect chart_note_box(canvas *c, layout_rect *r, const char *text)
{
    if (!text || !*text)
        return (layout_rect){r->x, r->y + r->h, r->w, 0};
    canvas_style st = note_style();
    layout_rect box = {r->x, r->y, r->w, 2 * line_h(canvas_px(c, st.size))};
    layout_text t = canvas_fit(c, box, text, &st);
    return layout_cut_bottom(r, (float)t.height, gap(c));
}

void chart_note(canvas *c, layout_rect box, const char *text)
{
    canvas_style st = note_style();
    canvas_text(c, box, text, &st);
}

void chart_years_note(vt_date today, int first, int first_shown, int last_shown,
                      char out[CHART_NOTE_LEN])
{
    char since[CHART_NOTE_LEN] = "", partial[CHART_NOTE_LEN] = "", dm[FMT_LEN];
    int year = date_year(today);
    if (first_shown > first)
        text_format(since, sizeof since, "Depuis %d, faute de place", first_shown);
    if (last_shown == year) {
        fmt_day_month(today, dm, sizeof dm);
        text_format(partial, sizeof partial, "%d, au %s : année en cours", year, dm);
    }
    text_format(out, CHART_NOTE_LEN, "%s%s%s", since, *since && *partial ? " ; " : "", partial);
}

layout_rect chart_years_note_box(canvas *c, layout_rect *r, vt_date today, int first)
{
    char widest[CHART_NOTE_LEN];
    chart_years_note(today, first, date_year(today), date_year(today), widest);
    return chart_note_box(c, r, widest);
}

static canvas_style when_style(canvas_align align)
{
    return (canvas_style){.face = FONTS_BOLD,
                          .size = THEME_TEXT_LABEL * 1.15f,
                          .max_lines = 2,
                          .align = align,
                          .fg = THEME_BLUE,
                          .bg = THEME_BG};
}

static canvas_style what_style(canvas_align align)
{
    return (canvas_style){.face = FONTS_REGULAR,
                          .size = THEME_TEXT_BODY,
                          .min_size = THEME_TEXT_BODY * 0.9f, /* wraps rather than shrinks */
                          .max_lines = 4, /* a wider face than Inter, in a narrow step */
                          .align = align,
                          .fg = THEME_TEXT,
                          .bg = THEME_BG};
}

/* One step of a timeline: its date (bold, blue) over what happened. */
static void context_step(canvas *c, layout_rect r, const model_step *st, canvas_align align)
{
    canvas_style ws = when_style(align), ts = what_style(align);
    layout_rect used = canvas_text(c, r, st->when, &ws);
    layout_rect rest = {r.x, used.y + used.h, r.w, r.y + r.h - used.y - used.h};
    canvas_read_join(c, " : "); /* "2017 : première promotion" */
    canvas_text(c, rest, st->what, &ts);
}

typedef struct {
    float when_h, what_h, dot; /* the tallest date and text of the steps */
} timeline_dims;

static timeline_dims across_dims(canvas *c, layout_rect r, const model_step *st, size_t n)
{
    float g = gap(c), w = r.w / (float)n - g;
    timeline_dims d = {0, 0, 0.014f * unit(c)};
    canvas_style ws = when_style(CANVAS_CENTER), ts = what_style(CANVAS_CENTER);
    for (size_t i = 0; i < n; i++) {
        d.when_h = fmaxf(d.when_h,
                         (float)canvas_fit(c, (layout_rect){0, 0, w, r.h}, st[i].when, &ws).height);
        d.what_h = fmaxf(d.what_h,
                         (float)canvas_fit(c, (layout_rect){0, 0, w, r.h}, st[i].what, &ts).height);
    }
    return d;
}

static float across_height(const canvas *c, timeline_dims d)
{
    return d.when_h + 2 * d.dot + 2 * gap(c) + d.what_h;
}

/* Steps side by side, dots on one line between each date and its text. */
static void timeline_across(canvas *c, layout_rect r, const model_step *st, size_t n,
                            timeline_dims d)
{
    float g = gap(c), w = r.w / (float)n;
    float line_y = r.y + d.when_h + g + d.dot;
    canvas_rect(
        c, (layout_rect){r.x + w / 2, line_y - d.dot * 0.25f, w * (float)(n - 1), d.dot * 0.5f},
        THEME_GRID);
    canvas_style ws = when_style(CANVAS_CENTER), ts = what_style(CANVAS_CENTER);
    ws.valign = CANVAS_BOTTOM;
    for (size_t i = 0; i < n; i++) {
        float cx = r.x + w * ((float)i + 0.5f);
        canvas_ring(c, cx, line_y, 0, d.dot, 0, 2 * CHART_PI, THEME_BLUE, 2);
        layout_rect cell = {r.x + w * (float)i + g / 2, r.y, w - g, d.when_h};
        canvas_text(c, cell, st[i].when, &ws);
        float top = line_y + d.dot + g;
        canvas_read_join(c, " : ");
        canvas_text(c, (layout_rect){cell.x, top, cell.w, r.y + r.h - top}, st[i].what, &ts);
    }
}

/* Steps one under the other, dots on a line down the left. */
static void timeline_down(canvas *c, layout_rect r, const model_step *st, size_t n)
{
    float g = gap(c), dot = 0.014f * unit(c), h = r.h / (float)n;
    float first = r.y + line_h(canvas_px(c, THEME_TEXT_LABEL * 1.15f)) / 2;
    canvas_rect(c, (layout_rect){r.x + dot * 0.75f, first, dot * 0.5f, h * (float)(n - 1)},
                THEME_GRID);
    for (size_t i = 0; i < n; i++) {
        canvas_ring(c, r.x + dot, first + h * (float)i, 0, dot, 0, 2 * CHART_PI, THEME_BLUE, 2);
        layout_rect cell = {r.x + 2 * dot + g, r.y + h * (float)i, r.w - 2 * dot - g, h - g};
        context_step(c, cell, &st[i], CANVAS_LEFT);
    }
}

/* The sentence and the timeline take their natural heights; what r has
 * more is shared out above, between and below them, so no part of r is
 * left as one empty band. */
void chart_context(canvas *c, layout_rect r, const model_context *cx)
{
    if (!cx)
        return;
    size_t n = cx->n_steps;
    if (n > CHART_MAX_STEPS) {
        log_warn("slides", "[%s] %zu steps in the context \"%s\": only the first %d are shown",
                 canvas_name(c), n, cx->slide, CHART_MAX_STEPS);
        n = CHART_MAX_STEPS;
    }
    bool tall = r.h > r.w, across = !tall && n > 1;
    float g = gap(c);
    canvas_style as = {.face = FONTS_REGULAR,
                       .size = THEME_TEXT_SUBTITLE,
                       .max_lines = tall ? 6 : 3,
                       .align = tall ? CANVAS_LEFT : CANVAS_CENTER,
                       .fg = THEME_TEXT,
                       .bg = THEME_BG};
    layout_rect abox = {r.x, r.y, r.w, n ? r.h * 0.5f : r.h};
    float about_h = *cx->about ? (float)canvas_fit(c, abox, cx->about, &as).height : 0;
    timeline_dims d = across ? across_dims(c, r, cx->steps, n) : (timeline_dims){0};
    float steps_h = across ? across_height(c, d) : r.h - about_h - 2 * g;
    float sep = about_h > 0 && n ? 2 * g : 0;
    float extra = fmaxf(0, r.h - about_h - sep - steps_h) / 3;
    if (tall)
        extra = 0; /* the steps take the rest, spread down it */
    if (about_h > 0) {
        abox = (layout_rect){r.x, r.y + extra, r.w, about_h};
        canvas_text(c, abox, cx->about, &as);
    }
    layout_rect rest = {r.x, r.y + extra + about_h + sep + extra, r.w, 0};
    rest.h = r.y + r.h - rest.y;
    if (n == 0)
        return;
    if (tall)
        timeline_down(c, rest, cx->steps, n);
    else if (n == 1)
        context_step(c, rest, &cx->steps[0], CANVAS_CENTER);
    else
        timeline_across(c, rest, cx->steps, n, d);
}
