/* slides_incubator: one incubator's own slides. Each is titled with the
 * incubator's name, so a visitor knows whose products these are (and no
 * "de La Fabrique..." grammar is needed). */
#include "slides_incubator.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart.h"
#include "slides_products.h"
#include "vitrine/fmt.h"
#include "vitrine/text.h"

#define SRC_INCUBATOR "Source : beta.gouv.fr, fiches des produits et des membres (API publique)"
#define INCUBATOR_FEEDS (FRAME_FEED(FEED_STARTUPS) | FRAME_FEED(FEED_AUTHORS))
#define LABEL_LEN 160

bool slides_incubator_phases(canvas *c, const frame_input *in, const stats_focus *f)
{
    if (!f || f->total == 0)
        return false;
    char title[FRAME_TEXT_LEN], sub[FRAME_TEXT_LEN], day[FMT_LEN], v[3][FMT_LEN];
    char vals[STATS_ACTIVE_PHASE_COUNT][FMT_LEN];
    fmt_date(in->today, day, sizeof day);
    text_format(title, sizeof title, "%s", f->title);
    text_format(sub, sizeof sub, "Ses produits actifs au %s, par phase", day);
    layout_rect area = frame_begin(c, in, title, sub, INCUBATOR_FEEDS, SRC_INCUBATOR);
    float g = frame_gap(c);
    fmt_int(f->active, v[0], FMT_LEN);
    fmt_int(f->members, v[1], FMT_LEN);
    fmt_int(f->total, v[2], FMT_LEN);
    /* A small incubator has 0 or 1 of these: French takes the singular. */
    chart_figure figs[3] = {
        {v[0], f->active > 1 ? "produits actifs" : "produit actif", THEME_BLUE},
        {v[1], f->members > 1 ? "membres actifs sur ses produits" : "membre actif sur ses produits",
         THEME_BLUE},
        {v[2], f->total > 1 ? "produits accompagnés en tout" : "produit accompagné en tout",
         THEME_BLUE}};
    chart_figures(c, layout_cut_top(&area, area.h * 0.44f, g * 2), figs, 3);
    chart_item items[STATS_ACTIVE_PHASE_COUNT];
    for (size_t k = 0; k < STATS_ACTIVE_PHASE_COUNT; k++) {
        fmt_int(f->by_phase[k], vals[k], FMT_LEN);
        items[k] = (chart_item){slides_products_phase_label(stats_active_phase(k)),
                                (double)f->by_phase[k], vals[k], THEME_BLUE, THEME_TEXT};
    }
    chart_hbars(c, area, items, STATS_ACTIVE_PHASE_COUNT, &(chart_bar_opts){.label_frac = 0.34f});
    return true;
}

bool slides_incubator_teams(canvas *c, const frame_input *in, const stats_focus *f)
{
    if (!f || f->n_teams == 0)
        return false;
    char title[FRAME_TEXT_LEN], sub[FRAME_TEXT_LEN], day[FMT_LEN], n[FMT_LEN];
    char vals[STATS_INCUBATOR_TOP][FMT_LEN];
    fmt_date(in->today, day, sizeof day);
    fmt_int(f->members, n, sizeof n);
    text_format(title, sizeof title, "%s", f->title);
    text_format(sub, sizeof sub, "Ses plus grandes équipes, en membres actifs au %s (%s en tout)",
                day, n);
    layout_rect area = frame_begin(c, in, title, sub, INCUBATOR_FEEDS, SRC_INCUBATOR);
    chart_item items[STATS_INCUBATOR_TOP];
    for (size_t i = 0; i < f->n_teams; i++) {
        const model_product *p = &in->m->products[f->teams[i]];
        snprintf(vals[i], sizeof vals[i], "%ld", f->team_size[i]);
        items[i] = (chart_item){p->name, (double)f->team_size[i], vals[i], THEME_BLUE, THEME_TEXT};
    }
    size_t fit = chart_hbars_capacity(c, area, canvas_portrait(c));
    size_t shown = f->n_teams < fit ? f->n_teams : fit;
    chart_hbars(c, area, items, shown,
                &(chart_bar_opts){.label_above = canvas_portrait(c), .label_frac = 0.4f});
    return true;
}

/* The size the cards of the slide share for their names: two lines at
 * most, the size the longest name fits at. */
typedef struct {
    int name_px;
} newest_sizes;

static const canvas_style name_style = {.face = FONTS_BOLD,
                                        .size = THEME_TEXT_SUBTITLE,
                                        .min_size = THEME_TEXT_MIN,
                                        .max_lines = 2,
                                        .fg = THEME_BLUE,
                                        .bg = THEME_PANEL};

static layout_rect card_inside(canvas *c, layout_rect cell)
{
    float g = frame_gap(c);
    return layout_inset(cell, g, g * 0.5f);
}

static newest_sizes newest_shared(canvas *c, layout_rect cell, const model *m, const stats_focus *f,
                                  size_t n)
{
    layout_rect in = card_inside(c, cell);
    in.h = 2 * (float)layout_line_height(canvas_px(c, name_style.size));
    newest_sizes z = {canvas_px(c, name_style.size)};
    for (size_t i = 0; i < n; i++) {
        canvas_style st = name_style;
        layout_text t = frame_fit_wrapping(c, in, m->products[f->newest[i]].name, &st);
        z.name_px = t.px < z.name_px ? t.px : z.name_px;
    }
    return z;
}

/* One product card: name, phase and since when, pitch; the name at the
 * size all the cards share (on one line or two), the pitch at the body
 * size in the room left, cut rather than shrunk. */
static void newest_card(canvas *c, layout_rect cell, const model_product *p, vt_date today,
                        const newest_sizes *z)
{
    float g = frame_gap(c);
    canvas_round_rect(c, cell, g * 0.6f, THEME_PANEL);
    layout_rect in = card_inside(c, cell);
    char since[FMT_LEN], line[LABEL_LEN], pitch[FRAME_TEXT_LEN];
    const model_phase *ph = stats_current_phase(p, today);
    fmt_month_year(stats_product_created(p), since, sizeof since);
    text_format(line, sizeof line, "%s · créé en %s",
                ph ? slides_products_phase_label(ph->name) : "", since);
    canvas_style ns = name_style;
    ns.max_px = z->name_px, ns.min_size = ns.size;
    canvas_style ls = {.face = FONTS_BOLD,
                       .size = THEME_TEXT_MIN,
                       .min_size = THEME_TEXT_MIN,
                       .fg = THEME_MUTED,
                       .bg = THEME_PANEL};
    canvas_style ps = {.face = FONTS_REGULAR,
                       .size = THEME_TEXT_BODY,
                       .min_size = THEME_TEXT_BODY,
                       .max_lines = 3,
                       .fg = THEME_TEXT,
                       .bg = THEME_PANEL};
    layout_rect name_box = in;
    name_box.h = 2 * (float)layout_line_height(z->name_px);
    float name_h = (float)canvas_fit(c, name_box, p->name, &ns).height;
    canvas_text(c, layout_cut_top(&in, name_h, 0), p->name, &ns);
    canvas_text(c, layout_cut_top(&in, (float)layout_line_height(canvas_px(c, ls.size)), g * 0.4f),
                line, &ls);
    text_clean(p->pitch ? p->pitch : "", p->pitch ? strlen(p->pitch) : 0, pitch, sizeof pitch);
    if (in.h >= (float)layout_line_height(canvas_px(c, ps.size))) /* else the name alone */
        canvas_text_cut(c, in, pitch, &ps);
}

bool slides_incubator_newest(canvas *c, const frame_input *in, const stats_focus *f)
{
    if (!f || f->n_newest == 0)
        return false;
    char title[FRAME_TEXT_LEN];
    text_format(title, sizeof title, "%s", f->title);
    layout_rect area = frame_begin(c, in, title, "Ses derniers-nés : ses produits les plus récents",
                                   FRAME_FEED(FEED_STARTUPS), SRC_INCUBATOR);
    float g = frame_gap(c);
    int cols = canvas_portrait(c) ? 1 : 2, rows = canvas_portrait(c) ? 6 : 3;
    size_t n = f->n_newest < (size_t)(cols * rows) ? f->n_newest : (size_t)(cols * rows);
    rows = (int)((n + (size_t)cols - 1) / (size_t)cols);
    newest_sizes z = newest_shared(c, layout_cell(area, cols, rows, 0, 0, g * 1.2f), in->m, f, n);
    for (size_t i = 0; i < n; i++)
        newest_card(c, layout_cell(area, cols, rows, (int)i % cols, (int)i / cols, g * 1.2f),
                    &in->m->products[f->newest[i]], in->today, &z);
    return true;
}
