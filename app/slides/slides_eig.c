/* slides_eig: EIG figures from the programme's files (defis, personnes) and
 * the published figures of the seed documents. */
#include "slides_eig.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "vitrine/fmt.h"
#include "vitrine/log.h"
#include "vitrine/text.h"

#define SRC_EIG "Source : site du programme Entrepreneurs d’intérêt général (défis, personnes)"
/* The copy bundled with the program: the Licence Ouverte asks for the
 * source and the date of its last update (the footer's "Données du
 * 5 septembre 2022"). */
#define SRC_EIG_BUNDLED "Source : site du programme EIG, Licence Ouverte"
#define EIG_FEEDS (FRAME_FEED(FEED_DEFIS) | FRAME_FEED(FEED_PERSONNES))
#define FELLOWS_LABEL "entrepreneurs d’intérêt général" /* one label wherever they are counted */
#define NOTE_LEN 256

static const char *eig_source(const frame_input *in, feed_id feed)
{
    return in->fs->feeds[feed].kind == FEEDSTATE_BUNDLED ? SRC_EIG_BUNDLED : SRC_EIG;
}

/* "2017 à 2020" from the promotions' years, "" when none. */
static void year_span(const stats *s, char *out, size_t outsz)
{
    int lo = 0, hi = 0;
    for (size_t i = 0; i < s->eig.n_promotions; i++) {
        int y = s->eig.promotions[i].year;
        if (y && (!lo || y < lo))
            lo = y;
        if (y > hi)
            hi = y;
    }
    if (!lo)
        snprintf(out, outsz, "%s", "");
    else if (lo == hi)
        snprintf(out, outsz, "en %d", lo);
    else
        snprintf(out, outsz, "de %d à %d", lo, hi);
}

bool slides_eig(canvas *c, const frame_input *in)
{
    const stats *s = in->s;
    if (!in->m->loaded[FEED_DEFIS] || s->eig.projects == 0)
        return false;
    char span[64], sub[FRAME_TEXT_LEN], v[4][FMT_LEN];
    year_span(s, span, sizeof span);
    text_format(sub, sizeof sub,
                "Le programme qui fait entrer des talents du numérique dans "
                "l’administration, %s",
                span);
    layout_rect area = frame_begin(c, in, "Entrepreneurs d’intérêt général", sub, EIG_FEEDS,
                                   eig_source(in, FEED_DEFIS));
    fmt_int(s->eig.projects, v[0], FMT_LEN);
    fmt_int(s->eig.fellows, v[1], FMT_LEN);
    fmt_int(s->eig.mentors, v[2], FMT_LEN);
    fmt_int(s->eig.administrations, v[3], FMT_LEN);
    chart_figure f[4] = {{v[0], "défis relevés", THEME_BLUE},
                         {v[1], FELLOWS_LABEL, THEME_BLUE},
                         {v[2], "mentors dans les administrations", THEME_BLUE},
                         {v[3], "administrations partenaires", THEME_BLUE}};
    chart_figures(c, area, f, 4);
    return true;
}

/* The fellows card beside a chart (portrait: under it): the same figure
 * as the EIG slide's. Returns the area left for the chart. */
static layout_rect fellows_card(canvas *c, const stats *s, layout_rect area)
{
    char tv[FMT_LEN];
    fmt_int(s->eig.fellows, tv, sizeof tv);
    chart_figure f = {tv, FELLOWS_LABEL, THEME_BLUE};
    bool portrait = canvas_portrait(c);
    float g = frame_gap(c) * 2;
    layout_rect card = portrait ? layout_cut_bottom(&area, area.h * 0.28f, g)
                                : layout_cut_right(&area, area.w * 0.3f, g);
    chart_figures(c, card, &f, 1);
    return area;
}

/* Why the promotions' fellows (seats) add up to more, or less, than the
 * fellows: "3 entrepreneurs ont participé à deux promotions et comptent
 * dans chacune"; "" when they add up. */
static void promotions_note(const stats *s, long seats, char *out, size_t outsz)
{
    long several = s->eig.fellows_in_several_promotions, none = s->eig.fellows_without_promotion;
    /* Each of them in exactly two promotions: the seats are the fellows
     * with a promotion plus one each. */
    bool two = seats == s->eig.fellows - none + several;
    char n1[FMT_LEN], n2[FMT_LEN], a[NOTE_LEN] = "", b[NOTE_LEN] = "";
    fmt_int(several, n1, sizeof n1);
    fmt_int(none, n2, sizeof n2);
    if (several)
        text_format(a, sizeof a,
                    "%s entrepreneur%s %s participé à %s promotions et compte%s dans "
                    "chacune",
                    n1, several > 1 ? "s" : "", several > 1 ? "ont" : "a",
                    two ? "deux" : "plusieurs", several > 1 ? "nt" : "");
    if (none)
        text_format(b, sizeof b, "%s entrepreneur%s %s à aucune promotion", n2, none > 1 ? "s" : "",
                    none > 1 ? "n’appartiennent" : "n’appartient");
    text_format(out, outsz, "%s%s%s", a, several && none ? " ; " : "", b);
}

bool slides_eig_promotions(canvas *c, const frame_input *in)
{
    const stats *s = in->s;
    size_t n = chart_cap(c, s->eig.n_promotions, "promotions");
    if (!in->m->loaded[FEED_DEFIS] || n == 0)
        return false;
    char names[CHART_MAX_ITEMS][48], vt[2 * CHART_MAX_ITEMS][FMT_LEN];
    const char *cats[CHART_MAX_ITEMS], *vtp[2 * CHART_MAX_ITEMS];
    double vals[2 * CHART_MAX_ITEMS];
    for (size_t k = 0; k < n; k++) {
        const stats_promotion *p = &s->eig.promotions[k];
        bool dig = strcmp(p->promotion, "dig") == 0;
        const char *name = dig ? "DIG" : p->promotion;
        if (p->year)
            text_format(names[k], sizeof names[k], "%s%s %d", dig ? "" : "Promo ", name, p->year);
        else
            text_format(names[k], sizeof names[k], "%s%s", dig ? "" : "Promo ", name);
        cats[k] = names[k];
        vals[k] = (double)p->projects;
        vals[n + k] = (double)p->fellows;
    }
    long seats = 0;
    for (size_t i = 0; i < 2 * n; i++) {
        fmt_int((long)vals[i], vt[i], FMT_LEN);
        vtp[i] = vt[i];
        seats += i >= n ? (long)vals[i] : 0;
    }
    layout_rect area = frame_begin(c, in, "Les promotions EIG",
                                   "Nombre de défis et d’entrepreneurs par promotion (DIG : "
                                   "défis d’intérêt général)",
                                   EIG_FEEDS, eig_source(in, FEED_DEFIS));
    /* The total beside the promotions, and why their fellows do not add
     * up to it: no two figures of the deck seem to disagree. */
    area = fellows_card(c, s, area);
    char note[NOTE_LEN];
    promotions_note(s, seats, note, sizeof note);
    layout_rect note_box = chart_note_box(c, &area, note);
    const chart_series series[2] = {{"Défis", THEME_BLUE}, {"Entrepreneurs", THEME_RED}};
    chart_columns_data d = {cats, n, series, 2, vals, vtp, NULL, false};
    chart_columns(c, area, &d);
    chart_note(c, note_box, note);
    return true;
}

/* Largest first; the fellows without a profile last, whatever their count. */
static int by_count_desc(const void *a, const void *b)
{
    const stats_count *x = a, *y = b;
    bool ux = strcmp(x->key, "unknown") == 0, uy = strcmp(y->key, "unknown") == 0;
    if (ux != uy)
        return ux ? 1 : -1;
    return x->count != y->count ? (x->count > y->count ? -1 : 1) : strcmp(x->key, y->key);
}

/* The feed spells some profiles in the masculine and the feminine: one bar
 * each, under one name, reads at a glance. */
static const struct {
    const char *a, *b, *label;
} profile_pairs[] = {
    {"Développeur", "Développeuse", "Développeurs et développeuses"},
    {"Designer", "Designeuse", "Designers"},
};

/* Merges the pairs of counts (n in and out); keys may become the labels
 * above (static strings). */
static size_t merge_profiles(stats_count *sc, size_t n)
{
    for (size_t p = 0; p < sizeof profile_pairs / sizeof *profile_pairs; p++) {
        size_t ia = n, ib = n;
        for (size_t i = 0; i < n; i++) {
            ia = strcmp(sc[i].key, profile_pairs[p].a) == 0 ? i : ia;
            ib = strcmp(sc[i].key, profile_pairs[p].b) == 0 ? i : ib;
        }
        if (ia == n && ib == n)
            continue;
        size_t keep = ia < n ? ia : ib;
        if (ia < n && ib < n) {
            sc[ia].count += sc[ib].count;
            memmove(&sc[ib], &sc[ib + 1], (n - ib - 1) * sizeof *sc);
            n--;
            keep = ia < ib ? ia : ia - 1;
        }
        sc[keep].key = profile_pairs[p].label;
    }
    return n;
}

/* The name of a profile on screen: the feed's, "Profil non renseigné" for
 * a fellow whose entry has none. */
static const char *profile_label(const char *key)
{
    return strcmp(key, "unknown") == 0 ? "Profil non renseigné" : key;
}

/* Rows for the profiles, largest first: those that fit, then "N autres
 * profils", so that the bars always add up to the fellows. */
static size_t profile_rows(const canvas *c, const stats_counts *bp, size_t cap,
                           chart_item items[CHART_MAX_ITEMS], char vals[][FMT_LEN], char *other,
                           size_t othersz)
{
    stats_count sc[CHART_MAX_ITEMS];
    size_t n = chart_cap(c, bp->n, "profiles");
    long rest = 0;
    memcpy(sc, bp->items, n * sizeof *sc);
    for (size_t i = n; i < bp->n; i++) /* beyond what a chart takes */
        rest += bp->items[i].count;
    size_t rest_n = bp->n - n;
    n = merge_profiles(sc, n);
    qsort(sc, n, sizeof *sc, by_count_desc);
    if (cap > CHART_MAX_ITEMS)
        cap = CHART_MAX_ITEMS;
    size_t shown = n + (rest_n > 0 ? 1 : 0) <= cap ? n : (cap > 1 ? cap - 1 : 1);
    for (size_t i = shown; i < n; i++) {
        rest += sc[i].count;
        rest_n++;
    }
    size_t k = shown < n ? shown : n;
    for (size_t i = 0; i < k; i++) {
        bool unknown = strcmp(sc[i].key, "unknown") == 0;
        fmt_int(sc[i].count, vals[i], FMT_LEN);
        items[i] =
            (chart_item){profile_label(sc[i].key), (double)sc[i].count, vals[i],
                         unknown ? THEME_INACTIVE : THEME_BLUE, unknown ? THEME_MUTED : THEME_TEXT};
    }
    if (rest_n) {
        fmt_int(rest, vals[k], FMT_LEN);
        snprintf(other, othersz, "%zu autres profils", rest_n);
        items[k] = (chart_item){other, (double)rest, vals[k], THEME_INACTIVE, THEME_MUTED};
        k++;
    }
    return k;
}

bool slides_eig_profiles(canvas *c, const frame_input *in)
{
    const stats *s = in->s;
    if (!in->m->loaded[FEED_PERSONNES] || s->eig.by_profile.n == 0)
        return false;
    layout_rect area = frame_begin(c, in, "Les profils des EIG",
                                   "Nombre d’entrepreneurs d’intérêt général par profil", EIG_FEEDS,
                                   eig_source(in, FEED_PERSONNES));
    /* Their number beside the bars, as on the statuses slide: the fellows,
     * whom the bars add up to. */
    area = fellows_card(c, s, area);
    bool portrait = canvas_portrait(c);
    chart_item items[CHART_MAX_ITEMS];
    char vals[CHART_MAX_ITEMS][FMT_LEN], other[NOTE_LEN];
    size_t n = profile_rows(c, &s->eig.by_profile, chart_hbars_capacity(c, area, portrait), items,
                            vals, other, sizeof other);
    /* A handful of profiles: thicker bars fill the height. */
    chart_bar_opts o = {.label_above = portrait, /* the full width for the names */
                        .label_frac = 0.42f,
                        .row_max = portrait ? 0.2f : 0.15f};
    chart_hbars(c, area, items, n, &o);
    return true;
}

bool slides_eig_published(canvas *c, const frame_input *in, const char *group)
{
    const model_local *l = &in->m->local;
    chart_figure f[SLIDES_EIG_PUBLISHED_MAX];
    size_t n = 0;
    const model_figure *first = NULL;
    bool eig = strcmp(group, "eig") == 0;
    size_t found = 0;
    for (size_t i = 0; i < l->n_figures; i++) {
        const model_figure *fg = &l->figures[i];
        /* EIG counts are on the computed slide; the rates only exist as published. */
        if (strcmp(fg->group, group) != 0 || (eig && !strchr(fg->value, '%')))
            continue;
        if (found++ < SLIDES_EIG_PUBLISHED_MAX)
            f[n++] = (chart_figure){fg->value, fg->label, THEME_BLUE};
        first = first ? first : fg;
    }
    if (found > SLIDES_EIG_PUBLISHED_MAX)
        log_warn("slides", "[%s] %zu published figures: only the first %d are shown",
                 canvas_name(c), found, SLIDES_EIG_PUBLISHED_MAX);
    if (!l->loaded || n == 0)
        return false;
    char sub[FRAME_TEXT_LEN], src[FRAME_TEXT_LEN];
    snprintf(sub, sizeof sub, "Chiffres publiés par la DINUM en %d, cités tels quels", first->year);
    char year[16];
    snprintf(year, sizeof year, "%d", first->year);
    if (strstr(first->source, year)) /* "Communiqué de presse DINUM, 19 septembre 2023" */
        text_format(src, sizeof src, "Source : %s", first->source);
    else
        text_format(src, sizeof src, "Source : %s, %d", first->source, first->year);
    const char *title =
        eig ? "Ce que devient le programme EIG" : "La certification des intrapreneurs";
    layout_rect area = frame_begin(c, in, title, sub, FRAME_LOCAL, src);
    /* The figures over what they are about and their dates. */
    layout_rect figs = layout_cut_top(&area, area.h * 0.45f, frame_gap(c) * 2);
    chart_figures(c, figs, f, n);
    chart_context(c, area, model_local_context(l, group));
    return true;
}
