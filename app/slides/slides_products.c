/* slides_products: what the network builds. Figures come from stats.h only;
 * the words around them say what is counted and as of when. */
#include "slides_products.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "vitrine/fmt.h"
#include "vitrine/text.h"

#define SRC_PRODUCTS "Source : beta.gouv.fr, fiches des produits (API publique)"
#define SRC_NETWORK "Source : beta.gouv.fr (produits, membres) et site du programme EIG"
#define PRODUCTS_FEEDS FRAME_FEED(FEED_STARTUPS)
#define LABEL_LEN 160

/* Lifecycle order of the phases, with their French names. */
static const struct {
    const char *key, *label;
} phase_names[] = {
    {"investigation", "Investigation"},
    {"construction", "Construction"},
    {"acceleration", "Accélération"},
    {"consolidation", "Consolidation"},
    {"opere", "Opéré"},
    {"transfere", "Transféré"},
    {"abandon", "Abandonné"},
    {"abandon-investigation", "Arrêté après investigation"},
    {"unknown", "Phase inconnue"},
};
#define N_PHASES (sizeof phase_names / sizeof *phase_names)

static const char *phase_label(const char *phase)
{
    for (size_t i = 0; i < N_PHASES; i++)
        if (strcmp(phase_names[i].key, phase) == 0)
            return phase_names[i].label;
    return phase;
}

const char *slides_products_phase_label(const char *phase)
{
    return phase_label(phase);
}

static size_t phase_rank(const char *phase)
{
    for (size_t i = 0; i < N_PHASES; i++)
        if (strcmp(phase_names[i].key, phase) == 0)
            return i;
    return N_PHASES;
}

static void as_of(const frame_input *in, char out[FMT_LEN])
{
    fmt_date(in->today, out, FMT_LEN);
}

bool slides_products_overview(canvas *c, const frame_input *in)
{
    const stats *s = in->s;
    if (!in->m->loaded[FEED_STARTUPS])
        return false;
    char v[6][FMT_LEN], day[FMT_LEN], dm[FMT_LEN], launched[LABEL_LEN], sub[FRAME_TEXT_LEN];
    as_of(in, day);
    snprintf(sub, sizeof sub, "Le réseau des startups d’État au %s", day);
    layout_rect area = frame_begin(
        c, in, "beta.gouv.fr en chiffres", sub,
        PRODUCTS_FEEDS | FRAME_FEED(FEED_AUTHORS) | FRAME_FEED(FEED_DEFIS), SRC_NETWORK);
    chart_figure f[6];
    size_t n = 0;
    fmt_int(s->products.active, v[n], FMT_LEN);
    f[n] = (chart_figure){v[n], "produits actifs", THEME_BLUE}, n++;
    /* Never a 0 only because the year has just begun (stats.h): before
     * July the previous full year, from July the year so far, said so. */
    fmt_int(s->products.launched_headline, v[n], FMT_LEN);
    int year = s->products.launched_headline_year;
    if (year == date_year(in->today))
        text_format(launched, sizeof launched, "produits lancés en %d (au %s)", year,
                    (fmt_day_month(in->today, dm, sizeof dm), dm));
    else
        snprintf(launched, sizeof launched, "produits lancés en %d", year);
    f[n] = (chart_figure){v[n], launched, THEME_BLUE}, n++;
    if (in->m->loaded[FEED_AUTHORS]) {
        fmt_int(s->community.active, v[n], FMT_LEN);
        f[n] = (chart_figure){v[n], "membres actifs", THEME_BLUE}, n++;
        fmt_int(s->coaching.active_coaches, v[n], FMT_LEN);
        f[n] = (chart_figure){v[n], "coachs en activité", THEME_BLUE}, n++;
    }
    if (in->m->loaded[FEED_DEFIS]) {
        fmt_int(s->eig.projects, v[n], FMT_LEN);
        f[n] = (chart_figure){v[n], "défis relevés par des entrepreneurs d’intérêt général",
                              THEME_BLUE},
        n++;
    }
    if (!stats_rate_is_null(s->products.perennisation)) {
        fmt_percent(stats_rate_value(s->products.perennisation), 1, v[n], FMT_LEN);
        f[n] = (chart_figure){v[n], "des produits menés à terme sont pérennisés", THEME_RED}, n++;
    }
    chart_figures(c, area, f, n);
    return true;
}

typedef struct {
    const char *key;
    long count;
} phase_count;

static int by_rank(const void *a, const void *b)
{
    const phase_count *x = a, *y = b;
    size_t rx = phase_rank(x->key), ry = phase_rank(y->key);
    return rx != ry ? (rx < ry ? -1 : 1) : strcmp(x->key, y->key);
}

bool slides_products_phases(canvas *c, const frame_input *in)
{
    const stats_counts *bp = &in->s->products.by_phase;
    if (!in->m->loaded[FEED_STARTUPS] || bp->n == 0)
        return false;
    phase_count pc[CHART_MAX_ITEMS];
    size_t n = chart_cap(c, bp->n, "phases");
    for (size_t i = 0; i < n; i++)
        pc[i] = (phase_count){bp->items[i].key, bp->items[i].count};
    qsort(pc, n, sizeof *pc, by_rank);
    char sub[FRAME_TEXT_LEN], a[FMT_LEN], t[FMT_LEN], day[FMT_LEN];
    fmt_int(in->s->products.active, a, sizeof a);
    fmt_int(in->s->products.total, t, sizeof t);
    as_of(in, day);
    bool many = in->s->products.active > 1; /* French: 0 and 1 take the singular */
    snprintf(sub, sizeof sub, "%s produit%s actif%s sur %s, en nombre de produits par phase au %s",
             a, many ? "s" : "", many ? "s" : "", t, day);
    layout_rect area = frame_begin(c, in, "Produits par phase", sub, PRODUCTS_FEEDS, SRC_PRODUCTS);
    const chart_series legend[2] = {{"Phases actives", THEME_BLUE},
                                    {"Produits arrêtés ou transférés", THEME_INACTIVE}};
    float lh = chart_legend(c, area, legend, 2);
    layout_cut_top(&area, lh, frame_gap(c));
    char vals[CHART_MAX_ITEMS][FMT_LEN];
    chart_item items[CHART_MAX_ITEMS];
    for (size_t i = 0; i < n; i++) {
        bool active = stats_phase_is_active(pc[i].key);
        fmt_int(pc[i].count, vals[i], FMT_LEN);
        items[i] =
            (chart_item){phase_label(pc[i].key), (double)pc[i].count, vals[i],
                         active ? THEME_BLUE : THEME_INACTIVE, active ? THEME_TEXT : THEME_MUTED};
    }
    chart_bar_opts o = {.label_frac = canvas_portrait(c) ? 0.42f : 0.3f};
    chart_hbars(c, area, items, n, &o);
    return true;
}

bool slides_products_launches(canvas *c, const frame_input *in)
{
    const stats_years *ly = &in->s->products.launched_by_year;
    if (!in->m->loaded[FEED_STARTUPS] || ly->n == 0)
        return false;
    int first = ly->items[0].year, last = ly->items[ly->n - 1].year;
    const stats_years *ni = &in->s->products.national_impact_by_year;
    if (ni->n && ni->items[0].year < first)
        first = ni->items[0].year;
    if (ni->n && ni->items[ni->n - 1].year > last)
        last = ni->items[ni->n - 1].year;
    size_t n = (size_t)(last - first + 1);
    if (n > CHART_MAX_ITEMS) {
        first = last - CHART_MAX_ITEMS + 1;
        n = CHART_MAX_ITEMS;
    }
    char years[CHART_MAX_ITEMS][8], vt[2 * CHART_MAX_ITEMS][FMT_LEN];
    const char *cats[CHART_MAX_ITEMS], *vtp[2 * CHART_MAX_ITEMS];
    double vals[2 * CHART_MAX_ITEMS];
    const chart_series series[2] = {{"Produits lancés (entrée en construction)", THEME_BLUE},
                                    {"Produits ayant atteint un impact national", THEME_RED}};
    chart_columns_data d = {cats, n, series, 2, vals, vtp, NULL, false};
    /* Most recent years first in importance: drop the oldest that do not
     * fit. The note under the chart says which it shows, and that the
     * current year is not over (or its short bar reads as a fall). */
    layout_rect area = frame_begin(c, in, "Produits lancés par année",
                                   "Nombre de produits par année", PRODUCTS_FEEDS, SRC_PRODUCTS);
    layout_rect note_box = chart_years_note_box(c, &area, in->today, first);
    for (size_t k = 0; k < n; k++) {
        int y = first + (int)k;
        snprintf(years[k], sizeof years[k], "%d", y);
        cats[k] = years[k];
        vals[k] = (double)stats_years_get(ly, y);
        vals[n + k] = (double)stats_years_get(ni, y);
    }
    for (size_t i = 0; i < 2 * n; i++) {
        fmt_int((long)vals[i], vt[i], FMT_LEN);
        vtp[i] = vt[i];
    }
    size_t fit = chart_columns_capacity(c, area, &d);
    size_t skip = n - (fit ? fit : 1);
    /* Rebuild the arrays for the years kept (the last `n - skip`). */
    size_t m = n - skip;
    double kept[2 * CHART_MAX_ITEMS];
    for (size_t k = 0; k < m; k++) {
        cats[k] = years[k + skip];
        kept[k] = vals[k + skip];
        kept[m + k] = vals[n + k + skip];
    }
    for (size_t i = 0; i < 2 * m; i++) {
        fmt_int((long)kept[i], vt[i], FMT_LEN);
        vtp[i] = vt[i];
    }
    d = (chart_columns_data){cats, m, series, 2, kept, vtp, NULL, false};
    chart_columns(c, area, &d);
    char note[CHART_NOTE_LEN];
    chart_years_note(in->today, first, first + (int)skip, last, note);
    chart_note(c, note_box, note);
    return true;
}

/* Why the incubators' bars do not add up to the active products shown on
 * the overview: "247 au total pour 245 produits actifs : 2 produits
 * co-incubés comptent pour chacun de leurs incubateurs". "" when they do
 * and no product is counted twice or left out. */
static void incubators_note(const stats *s, long sum, char *out, size_t outsz)
{
    long co = s->products.active_coincubated, none = s->products.active_without_incubator;
    char a[FMT_LEN], t[FMT_LEN], n_co[FMT_LEN], n_none[FMT_LEN], why_co[LABEL_LEN] = "",
                                                                 why_none[LABEL_LEN] = "";
    out[0] = '\0';
    if (!co && !none)
        return;
    fmt_int(s->products.active, a, sizeof a);
    fmt_int(sum, t, sizeof t);
    fmt_int(co, n_co, sizeof n_co);
    fmt_int(none, n_none, sizeof n_none);
    if (co)
        text_format(why_co, sizeof why_co,
                    "%s produit%s co-incubé%s compte%s pour chacun de %s "
                    "incubateurs",
                    n_co, co > 1 ? "s" : "", co > 1 ? "s" : "", co > 1 ? "nt" : "",
                    co > 1 ? "leurs" : "ses");
    if (none)
        text_format(why_none, sizeof why_none,
                    "%s produit%s actif%s sans incubateur %s pas compté%s", n_none,
                    none > 1 ? "s" : "", none > 1 ? "s" : "", none > 1 ? "ne sont" : "n’est",
                    none > 1 ? "s" : "");
    text_format(out, outsz, "%s au total pour %s produits actifs : %s%s%s", t, a, why_co,
                co && none ? " ; " : "", why_none);
}

bool slides_products_incubators(canvas *c, const frame_input *in)
{
    const stats *s = in->s;
    size_t n_active = 0;
    for (size_t i = 0; i < s->products.n_incubators; i++)
        n_active += s->products.by_incubator[i].active > 0;
    if (!in->m->loaded[FEED_STARTUPS] || n_active == 0)
        return false;
    char sub[FRAME_TEXT_LEN], day[FMT_LEN], cnt[FMT_LEN];
    as_of(in, day);
    fmt_int((long)n_active, cnt, sizeof cnt);
    snprintf(sub, sizeof sub, "Nombre de produits actifs par incubateur au %s (%s incubateurs)",
             day, cnt);
    layout_rect area =
        frame_begin(c, in, "Produits actifs par incubateur", sub, PRODUCTS_FEEDS, SRC_PRODUCTS);
    long sum = 0;
    for (size_t i = 0; i < s->products.n_incubators; i++)
        sum += s->products.by_incubator[i].active;
    char note[FRAME_TEXT_LEN];
    incubators_note(s, sum, note, sizeof note);
    layout_rect note_box = chart_note_box(c, &area, note);
    size_t cap = chart_hbars_capacity(c, area, true);
    if (cap > CHART_MAX_ITEMS)
        cap = CHART_MAX_ITEMS;
    if (cap > 10)
        cap = 10; /* a top ten reads in five seconds; the rest is grouped */
    size_t shown = n_active <= cap ? n_active : (cap > 1 ? cap - 1 : 1);
    chart_item items[CHART_MAX_ITEMS];
    char vals[CHART_MAX_ITEMS][FMT_LEN], other[LABEL_LEN];
    long rest = 0;
    size_t k = 0, rest_n = 0;
    for (size_t i = 0; i < s->products.n_incubators; i++) {
        const stats_incubator *inc = &s->products.by_incubator[i];
        if (inc->active <= 0)
            continue;
        if (k < shown) {
            fmt_int(inc->active, vals[k], FMT_LEN);
            items[k] =
                (chart_item){inc->title, (double)inc->active, vals[k], THEME_BLUE, THEME_TEXT};
            k++;
        } else {
            rest += inc->active;
            rest_n++;
        }
    }
    if (rest_n) {
        fmt_int(rest, vals[k], FMT_LEN);
        snprintf(other, sizeof other, "%zu autres incubateurs", rest_n);
        items[k] = (chart_item){other, (double)rest, vals[k], THEME_INACTIVE, THEME_MUTED};
        k++;
    }
    chart_bar_opts o = {.label_above = true};
    chart_hbars(c, area, items, k, &o);
    chart_note(c, note_box, note);
    return true;
}

bool slides_products_quality(canvas *c, const frame_input *in)
{
    const stats *s = in->s;
    if (!in->m->loaded[FEED_STARTUPS])
        return false;
    const char *cats[CHART_MAX_ITEMS];
    double vals[2 * CHART_MAX_ITEMS];
    char vt[2 * CHART_MAX_ITEMS][FMT_LEN];
    const char *vtp[2 * CHART_MAX_ITEMS];
    phase_count pc[CHART_MAX_ITEMS];
    size_t n = 0;
    for (size_t i = 0; i < s->products.by_phase.n && n < CHART_MAX_ITEMS; i++)
        if (stats_phase_is_active(s->products.by_phase.items[i].key))
            pc[n++] = (phase_count){s->products.by_phase.items[i].key, (long)i};
    if (n == 0)
        return false;
    qsort(pc, n, sizeof *pc, by_rank);
    for (size_t k = 0; k < n; k++) {
        size_t i = (size_t)pc[k].count; /* index into the per-phase arrays */
        cats[k] = phase_label(pc[k].key);
        vals[k] = stats_rate_value(s->products.open_source[i].rate);
        vals[n + k] = stats_rate_value(s->products.stats_page[i].rate);
    }
    for (size_t i = 0; i < 2 * n; i++) {
        fmt_percent(vals[i], 0, vt[i], FMT_LEN);
        vtp[i] = vt[i];
    }
    layout_rect area = frame_begin(c, in, "Standards de qualité",
                                   "Part des produits actifs qui publient leur code source et une "
                                   "page de statistiques, par phase, en %",
                                   PRODUCTS_FEEDS, SRC_PRODUCTS);
    const chart_series series[2] = {{"Code source ouvert", THEME_BLUE},
                                    {"Page de statistiques publique", THEME_RED}};
    chart_columns_data d = {cats, n, series, 2, vals, vtp, NULL, false};
    bool rate = !stats_rate_is_null(s->products.perennisation), portrait = canvas_portrait(c);
    layout_rect card = {0};
    if (rate)
        card = portrait ? layout_cut_bottom(&area, area.h * 0.3f, frame_gap(c) * 2)
                        : layout_cut_right(&area, area.w * 0.3f, frame_gap(c) * 2);
    chart_columns(c, area, &d); /* read before the card beside it */
    if (rate) {
        char pct[FMT_LEN];
        fmt_percent(stats_rate_value(s->products.perennisation), 1, pct, sizeof pct);
        chart_figure f = {pct,
                          "taux de pérennisation : produits pérennisés parmi ceux "
                          "arrivés au terme de leur parcours",
                          THEME_RED};
        chart_figures(c, card, &f, 1);
    }
    return true;
}

/* Names of the most frequent sponsors that an upper-cased slug would not
 * give (the others are acronyms: "anct" -> "ANCT"). */
static const struct {
    const char *slug, *name;
} sponsor_names[] = {
    {"francetravail", "France Travail"},
    {"interieur", "Ministère de l’Intérieur"},
    {"solidarite-sante", "Ministère des Solidarités et de la Santé"},
    {"agriculture", "Ministère de l’Agriculture"},
    {"armees", "Ministère des Armées"},
    {"c-comptes", "Cour des comptes"},
    {"cour-de-cassation", "Cour de cassation"},
    {"nouvelle-caledonie", "Nouvelle-Calédonie"},
};
#define SPONSOR_ACRONYM_MAX 6 /* "dgaln", "menjs": read as acronyms */

void slides_products_sponsor(const char *slug, char *out, size_t outsz)
{
    if (!outsz)
        return;
    for (size_t i = 0; i < sizeof sponsor_names / sizeof *sponsor_names; i++)
        if (strcmp(sponsor_names[i].slug, slug) == 0) {
            snprintf(out, outsz, "%s", sponsor_names[i].name);
            return;
        }
    size_t len = strlen(slug), k = 0;
    bool acronym = len <= SPONSOR_ACRONYM_MAX && !strchr(slug, '-');
    for (; k + 1 < outsz && slug[k]; k++) {
        char ch = slug[k];
        if (ch == '-')
            ch = ' ';
        else if ((acronym || k == 0) && ch >= 'a' && ch <= 'z')
            ch = (char)(ch - 'a' + 'A');
        out[k] = ch;
    }
    out[k] = '\0';
}

/* One label / value row of the spotlight's facts. */
static void spot_fact(canvas *c, layout_rect r, const char *label, const char *value, int lines)
{
    float g = frame_gap(c);
    canvas_style ls = {.face = FONTS_REGULAR,
                       .size = THEME_TEXT_BODY,
                       .valign = CANVAS_MIDDLE,
                       .fg = THEME_MUTED,
                       .bg = THEME_PANEL};
    canvas_style vs = {.face = FONTS_BOLD,
                       .size = THEME_TEXT_LABEL,
                       .max_lines = lines,
                       .valign = CANVAS_MIDDLE,
                       .fg = THEME_TEXT,
                       .bg = THEME_PANEL};
    layout_rect l = layout_cut_left(&r, r.w * (canvas_portrait(c) ? 0.3f : 0.26f), g);
    canvas_text(c, l, label, &ls);
    canvas_read_join(c, " : "); /* "Incubateur : ..." */
    canvas_text_cut(c, r, value && *value ? value : "non renseigné", &vs);
}

/* The facts panel: incubator, sponsors, team, first steps. */
static void spot_facts(canvas *c, layout_rect box, const slides_products_spot *p)
{
    float g = frame_gap(c);
    char team[FMT_LEN + 32], n[FMT_LEN], created[16];
    fmt_int(p->team, n, sizeof n);
    snprintf(team, sizeof team, "%s membre%s actif%s", n, p->team > 1 ? "s" : "",
             p->team > 1 ? "s" : "");
    snprintf(created, sizeof created, "%d", date_year(p->created));
    canvas_round_rect(c, box, g * 0.6f, THEME_PANEL);
    layout_rect in = layout_inset(box, g * 1.2f, g * 0.6f);
    const char *labels[4] = {"Incubateur", "Sponsors", "Équipe", "Premiers pas"};
    const char *values[4] = {p->incubators, p->sponsors,
                             p->team ? team : "aucun membre actif recensé", created};
    const int lines[4] = {2, 2, 1, 1}; /* long titles may take two lines */
    for (int i = 0; i < 4; i++)
        spot_fact(c, layout_cut_top(&in, in.h / (float)(4 - i), 0), labels[i], values[i], lines[i]);
}

/* The phase history as steps, the current one filled: equal widths keep
 * every name readable however short a phase was. */
static void spot_timeline(canvas *c, layout_rect r, const slides_products_spot *p)
{
    float g = frame_gap(c) * 0.5f;
    /* As many of the last steps as leave room for the longest word of a
     * phase's name at the smallest size. */
    float step =
        (float)canvas_measure(c, FONTS_BOLD, canvas_px(c, THEME_TEXT_MIN), "Consolidation");
    size_t max_steps = (size_t)fmaxf(1, floorf((r.w + g) / (step + 3 * g)));
    size_t first = p->n_phases > max_steps ? p->n_phases - max_steps : 0;
    size_t n = p->n_phases - first;
    if (n == 0)
        return;
    canvas_style name = {.face = FONTS_BOLD,
                         .size = THEME_TEXT_BODY,
                         .max_lines = 2,
                         .align = CANVAS_CENTER,
                         .valign = CANVAS_BOTTOM};
    canvas_style when = {.face = FONTS_REGULAR,
                         .size = THEME_TEXT_MIN,
                         .align = CANVAS_CENTER,
                         .valign = CANVAS_TOP};
    for (size_t i = 0; i < n; i++) {
        const model_phase *ph = &p->phases[first + i];
        bool current = first + i + 1 == p->n_phases;
        layout_rect cell = layout_cell(r, (int)n, 1, (int)i, 0, g);
        theme_role bg = current ? THEME_BLUE : THEME_PANEL;
        canvas_round_rect(c, cell, g, bg);
        layout_rect in = layout_inset(cell, g, g * 0.6f);
        layout_rect top = layout_cut_top(&in, in.h * 0.58f, 0);
        char since[FMT_LEN];
        fmt_month_year(ph->start, since, sizeof since);
        if (canvas_fit(c, in, since, &when).overflow) /* a narrow step: the year */
            snprintf(since, sizeof since, "%d", date_year(ph->start));
        name.fg = current ? THEME_ON_DARK : THEME_TEXT, name.bg = bg;
        when.fg = current ? THEME_ON_DARK : THEME_MUTED, when.bg = current ? THEME_BLUE : bg;
        canvas_text(c, top, phase_label(ph->name), &name);
        canvas_read_join(c, " : "); /* "Opéré : janvier 2016" */
        canvas_text(c, in, since, &when);
    }
}

/* The QR code of the product's page with what it is, under it. */
static void spot_qr(canvas *c, layout_rect box, const slides_products_spot *p)
{
    char url[FRAME_TEXT_LEN], id[FRAME_TEXT_LEN];
    /* An id is a slug; one with other characters still makes a valid url. */
    if (!text_url_segment(p->id, id, sizeof id) ||
        !text_format(url, sizeof url, SLIDES_SPOT_URL, id))
        return; /* an id too long for a url: no code rather than a wrong one */
    frame_qr(c, box, url, "Sa fiche sur beta.gouv.fr");
}

bool slides_products_spotlight(canvas *c, const frame_input *in, const slides_products_spot *p)
{
    if (!p || !p->name)
        return false;
    char since[FMT_LEN], sub[FRAME_TEXT_LEN];
    fmt_month_year(p->phase_since, since, sizeof since);
    text_format(sub, sizeof sub, "Un produit à la une, en phase « %s » depuis %s",
                phase_label(p->phase), since);
    layout_rect area = frame_begin(c, in, p->name, sub, PRODUCTS_FEEDS, SRC_PRODUCTS);
    float g = frame_gap(c), u = canvas_unit(c);
    /* The code: a third of the short side, far above the 12 % a phone
     * needs at 1.5 m. */
    float qr_side = 0.40f * u;
    layout_rect qr_box = canvas_portrait(c) ? layout_cut_bottom(&area, qr_side * 1.25f, g * 2)
                                            : layout_cut_right(&area, qr_side, g * 2);
    layout_rect steps = layout_cut_bottom(&area, 0.13f * u, g * 1.5f);
    layout_rect facts = layout_cut_bottom(&area, area.h * 0.55f, g * 1.5f);
    canvas_style ps = {.face = FONTS_REGULAR,
                       .size = 0.046f,
                       .max_lines = LAYOUT_MAX_LINES,
                       .valign = CANVAS_MIDDLE,
                       .fg = THEME_TEXT,
                       .bg = THEME_BG};
    /* In reading order: the pitch, the facts, the phases, the code. */
    canvas_text_cut(c, area, p->pitch, &ps);
    spot_facts(c, facts, p);
    spot_timeline(c, steps, p);
    spot_qr(c, qr_box, p);
    return true;
}
