/* slides_people: who makes the network: members by domaine and status,
 * retention, newcomers, coaches; and the coaching programme's local data. */
#include "slides_people.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "vitrine/fmt.h"
#include "vitrine/text.h"

#define SRC_MEMBERS "Source : beta.gouv.fr, fiches des membres (API publique)"
#define MEMBERS_FEEDS FRAME_FEED(FEED_AUTHORS)
#define LABEL_LEN 160
#define DOMAINS_MAX 10 /* bars before grouping the rest */

static const char *status_label(const char *status)
{
    if (strcmp(status, "admin") == 0)
        return "Agents publics";
    if (strcmp(status, "independent") == 0)
        return "Indépendants";
    if (strcmp(status, "service") == 0)
        return "Prestataires";
    if (strcmp(status, "unknown") == 0)
        return "Statut non renseigné";
    return status;
}

static const char *const status_order[3] = {"admin", "independent", "service"};
static const theme_role status_color[3] = {THEME_BLUE, THEME_SERIES_3, THEME_RED};

static int by_count_desc(const void *a, const void *b)
{
    const stats_count *x = a, *y = b;
    return x->count != y->count ? (x->count > y->count ? -1 : 1) : strcmp(x->key, y->key);
}

/* Sorted copy (largest first) of counts, at most CHART_MAX_ITEMS. */
static size_t sorted_counts(const canvas *c, const stats_counts *in,
                            stats_count out[CHART_MAX_ITEMS], const char *what)
{
    size_t n = chart_cap(c, in->n, what);
    memcpy(out, in->items, n * sizeof *out);
    qsort(out, n, sizeof *out, by_count_desc);
    return n;
}

/* Bars for the largest counts; the rest grouped as "Autres" (k entries). */
static void count_bars(canvas *c, layout_rect area, const stats_count *sc, size_t n, size_t cap_max,
                       const char *(*label)(const char *), const char *other_word)
{
    size_t cap = chart_hbars_capacity(c, area, false);
    if (cap > cap_max)
        cap = cap_max;
    size_t shown = n <= cap ? n : (cap > 1 ? cap - 1 : 1);
    chart_item items[CHART_MAX_ITEMS];
    char vals[CHART_MAX_ITEMS][FMT_LEN], other[LABEL_LEN];
    long rest = 0;
    for (size_t i = 0; i < n; i++) {
        if (i < shown) {
            fmt_int(sc[i].count, vals[i], FMT_LEN);
            items[i] = (chart_item){label ? label(sc[i].key) : sc[i].key, (double)sc[i].count,
                                    vals[i], THEME_BLUE, THEME_TEXT};
        } else {
            rest += sc[i].count;
        }
    }
    size_t k = shown;
    if (n > shown) {
        fmt_int(rest, vals[k], FMT_LEN);
        snprintf(other, sizeof other, "%zu autres %s", n - shown, other_word);
        items[k] = (chart_item){other, (double)rest, vals[k], THEME_INACTIVE, THEME_MUTED};
        k++;
    }
    chart_bar_opts o = {.label_frac = canvas_portrait(c) ? 0.45f : 0.32f};
    chart_hbars(c, area, items, k, &o);
}

/* A member with no domaine is counted under "unknown" (metrics.md): named
 * in French on screen. */
static const char *domaine_label(const char *domaine)
{
    return strcmp(domaine, "unknown") == 0 ? "Domaine non renseigné" : domaine;
}

bool slides_people_domains(canvas *c, const frame_input *in)
{
    const stats *s = in->s;
    if (!in->m->loaded[FEED_AUTHORS] || s->community.by_domaine.n == 0)
        return false;
    stats_count sc[CHART_MAX_ITEMS];
    size_t n = sorted_counts(c, &s->community.by_domaine, sc, "domaines");
    char sub[FRAME_TEXT_LEN], a[FMT_LEN], day[FMT_LEN];
    fmt_int(s->community.active, a, sizeof a);
    fmt_date(in->today, day, sizeof day);
    bool many = s->community.active > 1; /* French: 0 and 1 take the singular */
    snprintf(sub, sizeof sub, "%s membre%s actif%s au %s, en nombre de membres par domaine", a,
             many ? "s" : "", many ? "s" : "", day);
    layout_rect area =
        frame_begin(c, in, "La communauté par domaine", sub, MEMBERS_FEEDS, SRC_MEMBERS);
    count_bars(c, area, sc, n, DOMAINS_MAX + 1, domaine_label, "domaines");
    return true;
}

bool slides_people_statuses(canvas *c, const frame_input *in)
{
    const stats *s = in->s;
    if (!in->m->loaded[FEED_AUTHORS] || s->community.active == 0)
        return false;
    char sub[FRAME_TEXT_LEN], day[FMT_LEN], total[FMT_LEN];
    fmt_date(in->today, day, sizeof day);
    snprintf(sub, sizeof sub, "Membres actifs au %s selon le statut de leur mission en cours", day);
    layout_rect area = frame_begin(c, in, "Agents publics, indépendants, prestataires", sub,
                                   MEMBERS_FEEDS, SRC_MEMBERS);
    chart_item items[8];
    char vals[8][FMT_LEN * 2 + 8];
    size_t n = 0;
    long known = 0;
    for (size_t i = 0; i < 3; i++) {
        long v = stats_counts_get(&s->community.by_status, status_order[i]);
        known += v;
        char num[FMT_LEN], pct[FMT_LEN];
        fmt_int(v, num, sizeof num);
        fmt_percent((double)v / (double)s->community.active, 0, pct, sizeof pct);
        snprintf(vals[n], sizeof vals[n], "%s (%s)", num, pct);
        items[n] = (chart_item){status_label(status_order[i]), (double)v, vals[n], status_color[i],
                                THEME_TEXT};
        n++;
    }
    if (s->community.active > known) { /* statuses outside the three */
        long v = s->community.active - known;
        char num[FMT_LEN], pct[FMT_LEN];
        fmt_int(v, num, sizeof num);
        fmt_percent((double)v / (double)s->community.active, 0, pct, sizeof pct);
        snprintf(vals[n], sizeof vals[n], "%s (%s)", num, pct);
        items[n] =
            (chart_item){"Autre ou non renseigné", (double)v, vals[n], THEME_INACTIVE, THEME_TEXT};
        n++;
    }
    fmt_int(s->community.active, total, sizeof total);
    bool rate = !stats_rate_is_null(s->community.retention_12m), portrait = canvas_portrait(c);
    layout_rect card = {0};
    if (rate)
        card = portrait ? layout_cut_bottom(&area, area.h * 0.28f, frame_gap(c) * 2)
                        : layout_cut_right(&area, area.w * 0.3f, frame_gap(c) * 2);
    chart_donut(c, area, items, n, total, "membres actifs"); /* read before the card */
    if (rate) {
        char pct[FMT_LEN];
        fmt_percent(stats_rate_value(s->community.retention_12m), 1, pct, sizeof pct);
        chart_figure f = {pct, "des membres sont encore là 12 mois après leur arrivée", THEME_BLUE};
        chart_figures(c, card, &f, 1);
    }
    return true;
}

bool slides_people_newcomers(canvas *c, const frame_input *in)
{
    const stats *s = in->s;
    size_t n = s->community.n_new_by_year;
    if (!in->m->loaded[FEED_AUTHORS] || n == 0)
        return false;
    n = chart_cap(c, n, "years of newcomers"); /* the last ones */
    const stats_year_status *ys = s->community.new_by_year + (s->community.n_new_by_year - n);
    char years[CHART_MAX_ITEMS][8], totals[CHART_MAX_ITEMS][FMT_LEN];
    const char *cats[CHART_MAX_ITEMS], *tp[CHART_MAX_ITEMS];
    double vals[3 * CHART_MAX_ITEMS];
    const chart_series series[3] = {{"Agents publics", THEME_BLUE},
                                    {"Indépendants", THEME_SERIES_3},
                                    {"Prestataires", THEME_RED}};
    layout_rect area = frame_begin(c, in, "Nouveaux membres par année",
                                   "Nombre d’arrivées dans la communauté, par statut lors de la "
                                   "première mission",
                                   MEMBERS_FEEDS, SRC_MEMBERS);
    layout_rect note_box = chart_years_note_box(c, &area, in->today, ys[0].year);
    for (size_t k = 0; k < n; k++) {
        snprintf(years[k], sizeof years[k], "%d", ys[k].year);
        long total = 0;
        for (size_t i = 0; i < ys[k].by_status.n; i++)
            total += ys[k].by_status.items[i].count;
        fmt_int(total, totals[k], FMT_LEN);
        cats[k] = years[k];
        tp[k] = totals[k];
    }
    chart_columns_data d = {cats, n, series, 3, vals, NULL, tp, true};
    size_t fit = chart_columns_capacity(c, area, &d);
    size_t skip = n - (fit ? fit : 1), m = n - skip;
    for (size_t k = 0; k < m; k++) {
        cats[k] = cats[k + skip];
        tp[k] = tp[k + skip];
        for (size_t i = 0; i < 3; i++)
            vals[i * m + k] = (double)stats_counts_get(&ys[k + skip].by_status, status_order[i]);
    }
    d.n_cats = m;
    chart_columns(c, area, &d);
    char note[CHART_NOTE_LEN];
    chart_years_note(in->today, ys[0].year, ys[skip].year, ys[n - 1].year, note);
    chart_note(c, note_box, note);
    return true;
}

typedef struct {
    const char *name;
    long count;
} employer_row;

static int employer_desc(const void *a, const void *b)
{
    const employer_row *x = a, *y = b;
    return x->count != y->count ? (x->count > y->count ? -1 : 1) : strcmp(x->name, y->name);
}

bool slides_people_coaching(canvas *c, const frame_input *in)
{
    const stats *s = in->s;
    if (!in->m->loaded[FEED_AUTHORS] || s->coaching.active_coaches == 0)
        return false;
    char sub[FRAME_TEXT_LEN], day[FMT_LEN], v1[FMT_LEN], v2[FMT_LEN];
    fmt_date(in->today, day, sizeof day);
    snprintf(sub, sizeof sub, "Coachs en activité au %s, en nombre de coachs par employeur", day);
    layout_rect area = frame_begin(c, in, "Le coaching des produits", sub,
                                   MEMBERS_FEEDS | FRAME_FEED(FEED_STARTUPS), SRC_MEMBERS);
    fmt_int(s->coaching.active_coaches, v1, sizeof v1);
    fmt_int(s->coaching.coached_products, v2, sizeof v2);
    chart_figure f[2] = {{v1, "coachs en activité", THEME_BLUE},
                         {v2, "produits actifs accompagnés", THEME_BLUE}};
    bool portrait = canvas_portrait(c);
    float g = frame_gap(c) * 2;
    layout_rect figs = portrait ? layout_cut_top(&area, area.h * 0.3f, g)
                                : layout_cut_left(&area, area.w * 0.3f, g);
    if (!portrait) {
        chart_figures(c, layout_cell(figs, 1, 2, 0, 0, g / 2), &f[0], 1);
        chart_figures(c, layout_cell(figs, 1, 2, 0, 1, g / 2), &f[1], 1);
    } else {
        chart_figures(c, figs, f, 2);
    }
    employer_row rows[CHART_MAX_ITEMS];
    stats_count sc[CHART_MAX_ITEMS];
    size_t n = chart_cap(c, s->coaching.n_employers, "employers");
    for (size_t i = 0; i < n; i++) {
        const stats_employer *e = &s->coaching.by_employer[i];
        bool unknown = strcmp(e->key, "unknown") == 0;
        rows[i] = (employer_row){unknown ? "Employeur non renseigné" : e->display, e->count};
    }
    qsort(rows, n, sizeof *rows, employer_desc);
    for (size_t i = 0; i < n; i++)
        sc[i] = (stats_count){rows[i].name, rows[i].count};
    count_bars(c, area, sc, n, 9, NULL, "employeurs");
    return true;
}

/* The holders' cards over the market's context (who may use it, its dates). */
bool slides_people_market(canvas *c, const frame_input *in)
{
    const model_market *mk = &in->m->local.market;
    if (!in->m->local.loaded || mk->n_holders == 0)
        return false;
    char sub[FRAME_TEXT_LEN], src[FRAME_TEXT_LEN];
    text_format(sub, sizeof sub, "Porté par la DINUM pour les administrations : ses %zu titulaires",
                mk->n_holders);
    text_format(src, sizeof src, "Source : %s", mk->source);
    layout_rect area = frame_begin(c, in, mk->title, sub, FRAME_LOCAL, src);
    float g = frame_gap(c);
    int n = (int)mk->n_holders;
    bool portrait = canvas_portrait(c);
    int cols = portrait ? 1 : n, rows = portrait ? n : 1;
    layout_rect cards = layout_cut_top(&area, area.h * (portrait ? 0.55f : 0.45f), g * 2);
    canvas_style ns = {.face = FONTS_BOLD,
                       .size = 0.06f,
                       .max_lines = 2,
                       .align = CANVAS_CENTER,
                       .valign = CANVAS_BOTTOM,
                       .fg = THEME_BLUE,
                       .bg = THEME_PANEL};
    canvas_style ds = {.face = FONTS_REGULAR,
                       .size = THEME_TEXT_LABEL,
                       .max_lines = 2,
                       .align = CANVAS_CENTER,
                       .fg = THEME_TEXT,
                       .bg = THEME_PANEL};
    for (int i = 0; i < n; i++) {
        layout_rect cell =
            layout_cell(cards, cols, rows, portrait ? 0 : i, portrait ? i : 0, g * 1.5f);
        canvas_round_rect(c, cell, g * 0.6f, THEME_PANEL);
        layout_rect inner = layout_inset(cell, g, g * 0.6f);
        layout_rect top = layout_cut_top(&inner, inner.h * 0.5f, g * 0.4f);
        canvas_text(c, top, mk->holders[i].name, &ns);
        const char *detail =
            mk->holders[i].detail && *mk->holders[i].detail ? mk->holders[i].detail : "titulaire";
        canvas_read_join(c, " : ");
        canvas_text(c, inner, detail, &ds);
    }
    chart_context(c, area, model_local_context(&in->m->local, "coaching_market"));
    return true;
}

bool slides_people_budget(canvas *c, const frame_input *in)
{
    const model_budget *b = &in->m->local.budget;
    if (!in->m->local.loaded || b->n_lines == 0)
        return false;
    size_t n = chart_cap(c, b->n_lines, "budget lines");
    char years[CHART_MAX_ITEMS][8], vt[2 * CHART_MAX_ITEMS][FMT_LEN], src[FRAME_TEXT_LEN];
    const char *cats[CHART_MAX_ITEMS], *vtp[2 * CHART_MAX_ITEMS];
    double vals[2 * CHART_MAX_ITEMS];
    int64_t eur[2 * CHART_MAX_ITEMS]; /* written from these: exact past 2^31 on armhf */
    for (size_t k = 0; k < n; k++) {
        snprintf(years[k], sizeof years[k], "%d", b->lines[k].year);
        cats[k] = years[k];
        eur[k] = b->lines[k].ae_eur;
        eur[n + k] = b->lines[k].cp_eur;
    }
    for (size_t i = 0; i < 2 * n; i++) {
        vals[i] = (double)eur[i];
        fmt_euros(eur[i], vt[i], FMT_LEN);
        vtp[i] = vt[i];
    }
    text_format(src, sizeof src, "Source : %s", b->source);
    layout_rect area =
        frame_begin(c, in, "Le budget du coaching InserJeunes",
                    "Crédits délégués par la DNE à la DINUM, en euros par année", FRAME_LOCAL, src);
    /* The budget's own words (its documents say AE and CP). */
    const chart_series series[2] = {{"Autorisations d’engagement (AE)", THEME_BLUE},
                                    {"Crédits de paiement (CP)", THEME_RED}};
    chart_columns_data d = {cats, n, series, 2, vals, vtp, NULL, false};
    /* Two years do not need the full width: the context takes a side. */
    float g = frame_gap(c) * 2;
    layout_rect context = canvas_portrait(c) ? layout_cut_bottom(&area, area.h * 0.4f, g)
                                             : layout_cut_right(&area, area.w * 0.36f, g);
    chart_columns(c, area, &d); /* read before the context beside it */
    chart_context(c, context, model_local_context(&in->m->local, "coaching_budget"));
    return true;
}
