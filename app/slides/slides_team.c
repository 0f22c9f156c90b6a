/* slides_team: pages of the team. Planning and drawing share one geometry
 * (team_geom) and one measure of a pole's header, so a planned page always
 * fits when drawn. */
#include "slides_team.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "vitrine/log.h"
#include "vitrine/text.h"

#define TEAM_TITLE "L'équipe de l'incubateur"
#define TEAM_SOURCE "Source : équipe du programme beta.gouv.fr à la DINUM (données locales)"
#define TEAM_POLE_SIZE 0.038f
/* Lines of a role: two in the three columns of a landscape page, up to four in
 * the two narrower columns of a portrait one (four). */
#define TEAM_ROLE_LINES 2
#define TEAM_ROLE_LINES_PORTRAIT 4
#define TEAM_MAX_STRETCH 1.5f /* cards grow at most this much to fill a page */
#define TEAM_BALANCE_STEPS 12 /* bisection steps of the column height */

typedef struct {
    layout_rect area;
    int cols, role_lines;
    float col_w, card_h, gap;
} team_geom;

static float lh(const canvas *c, float size)
{
    return (float)layout_line_height(canvas_px(c, size));
}

static layout_rect team_frame(canvas *c, const frame_input *in, size_t index, size_t count)
{
    char title[FRAME_TEXT_LEN];
    if (count > 1)
        snprintf(title, sizeof title, TEAM_TITLE " (%zu/%zu)", index + 1, count);
    else
        snprintf(title, sizeof title, TEAM_TITLE);
    return frame_begin(c, in, title, "Les pôles du programme beta.gouv.fr et leurs membres",
                       FRAME_LOCAL, TEAM_SOURCE);
}

static team_geom geometry(const canvas *c, layout_rect area)
{
    team_geom g;
    g.area = area;
    g.gap = 0.016f * canvas_unit(c);
    g.cols = canvas_portrait(c) ? 2 : 3;
    g.col_w = (area.w - g.gap * (float)(g.cols - 1)) / (float)g.cols;
    g.role_lines = canvas_portrait(c) ? TEAM_ROLE_LINES_PORTRAIT : TEAM_ROLE_LINES;
    g.card_h = lh(c, THEME_TEXT_LABEL) + (float)g.role_lines * lh(c, THEME_TEXT_MIN) + g.gap;
    return g;
}

static const canvas_style pole_style = {
    .face = FONTS_BOLD, .size = TEAM_POLE_SIZE, .max_lines = 2, .fg = THEME_BLUE, .bg = THEME_BG};
static const canvas_style mission_style = {.face = FONTS_REGULAR,
                                           .size = THEME_TEXT_MIN,
                                           .max_lines = 2,
                                           .fg = THEME_MUTED,
                                           .bg = THEME_BG};

static void pole_head(const model_pole *pole, bool continued, char out[FRAME_TEXT_LEN])
{
    text_format(out, FRAME_TEXT_LEN, "%s%s", pole->name, continued ? " (suite)" : "");
}

/* Height of a pole's name and mission in a column, as drawn. */
static float header_height(canvas *c, const team_geom *g, const model_pole *pole, bool continued)
{
    char head[FRAME_TEXT_LEN];
    pole_head(pole, continued, head);
    layout_rect box = {0, 0, g->col_w, g->area.h};
    float h = (float)canvas_fit(c, box, head, &pole_style).height;
    if (pole->mission && *pole->mission)
        h += (float)canvas_fit(c, box, pole->mission, &mission_style).height;
    return h + g->gap * 0.5f;
}

/* Where the flow is: page, column, height used in the column. */
typedef struct {
    slides_team_page *pages;
    size_t max_pages, np;
    int col;
    float y, cap; /* cap: the column height the flow may use */
    bool truncated;
} flow;

static slides_team_page *page_of(flow *f)
{
    return &f->pages[f->np];
}

static bool next_column(flow *f, const team_geom *g)
{
    slides_team_page *pg = page_of(f);
    if (f->y > pg->bottom)
        pg->bottom = f->y;
    f->y = 0;
    if (++f->col < g->cols)
        return true;
    if (f->np + 1 == f->max_pages) {
        f->truncated = true;
        return false;
    }
    memset(&f->pages[++f->np], 0, sizeof f->pages[0]);
    f->col = 0;
    return true;
}

/* Cards that fit a column of height room (header already taken off). */
static size_t cards_in(const team_geom *g, float room)
{
    return room < g->card_h ? 0 : (size_t)floorf((room + g->gap) / (g->card_h + g->gap));
}

/* Whether a pole of n people with a header of height hh, starting here,
 * would spill onto the next page while a page of its own would hold it. */
static bool better_on_new_page(const flow *f, const team_geom *g, size_t n, float hh)
{
    if (f->col == 0 && f->y == 0)
        return false; /* already a new page */
    size_t here = cards_in(g, f->cap - f->y - hh), fresh = cards_in(g, f->cap - hh);
    for (int col = f->col + 1; col < g->cols; col++)
        here += cards_in(g, f->cap);
    for (int col = 1; col < g->cols; col++)
        fresh += cards_in(g, f->cap);
    return here < n && n <= fresh;
}

static bool new_page(flow *f, const team_geom *g)
{
    do
        if (!next_column(f, g))
            return false;
    while (f->col != 0);
    return true;
}

static bool add_block(flow *f, slides_team_block b)
{
    slides_team_page *pg = page_of(f);
    if (pg->n_blocks == SLIDES_TEAM_MAX_BLOCKS)
        return false;
    pg->blocks[pg->n_blocks++] = b;
    return true;
}

/* Lays one pole into the flow: its header, then its cards down the column,
 * going on in the next column (and on the next page) when it is full. */
static bool flow_pole(flow *f, canvas *c, const team_geom *g, const model_local *l, size_t p)
{
    const model_pole *pole = &l->poles[p];
    size_t done = 0, total = pole->n_people;
    if (better_on_new_page(f, g, total, header_height(c, g, pole, false)) && !new_page(f, g))
        return false;
    for (bool first = true; first || done < total;) {
        bool header = first || (f->col == 0 && f->y == 0); /* "(suite)" on a new page */
        float hh = header ? header_height(c, g, pole, !first) : 0;
        size_t fit = cards_in(g, f->cap - f->y - hh);
        bool no_room = total > 0 ? fit == 0 : f->y + hh > f->cap;
        if (no_room && f->y > 0) {
            if (!next_column(f, g))
                return false;
            continue;
        }
        size_t take = total - done < fit ? total - done : fit;
        if (take == 0 && total > done)
            take = 1; /* a column shorter than one card: one anyway */
        if (!add_block(f, (slides_team_block){p, done, take, header, !first, f->col, f->y}))
            return false;
        f->y += hh + (float)take * (g->card_h + g->gap);
        done += take;
        first = false;
        if (done < total && !next_column(f, g))
            return false;
    }
    f->y += g->gap; /* space between poles */
    return true;
}

/* Flows every pole down columns of height cap; returns the page count. */
static size_t flow_all(canvas *c, const team_geom *g, const model_local *l, float cap,
                       slides_team_page *pages, size_t max_pages, bool *truncated)
{
    flow f = {pages, max_pages, 0, 0, 0, cap, false};
    memset(&pages[0], 0, sizeof pages[0]);
    for (size_t p = 0; p < l->n_poles && !f.truncated; p++)
        if (!flow_pole(&f, c, g, l, p))
            f.truncated = true;
    if (f.y > pages[f.np].bottom)
        pages[f.np].bottom = f.y;
    *truncated = f.truncated;
    return f.np + 1;
}

size_t slides_team_plan(canvas *probe, const frame_input *in, slides_team_page *pages,
                        size_t max_pages)
{
    const model_local *l = &in->m->local;
    if (!l->loaded || l->n_poles == 0 || max_pages == 0)
        return 0;
    team_geom g = geometry(probe, team_frame(probe, in, 0, 2));
    bool truncated;
    size_t np = flow_all(probe, &g, l, g.area.h, pages, max_pages, &truncated);
    if (truncated) {
        log_warn("slides", "team: more than %zu pages: the last poles are not shown", max_pages);
        return np;
    }
    /* The shortest columns that keep the page count: the poles spread over
     * the pages evenly, and each page is then stretched to the full height. */
    float lo = g.area.h / TEAM_MAX_STRETCH, hi = g.area.h;
    for (int i = 0; i < TEAM_BALANCE_STEPS; i++) {
        float mid = (lo + hi) / 2;
        size_t n = flow_all(probe, &g, l, mid, pages, max_pages, &truncated);
        if (!truncated && n <= np)
            hi = mid;
        else
            lo = mid;
    }
    return flow_all(probe, &g, l, hi, pages, max_pages, &truncated);
}

/* Copies the first code point of s into out at *o. */
static void first_letter(const char *s, char *out, size_t *o)
{
    size_t n = 1;
    while (s[n] && ((unsigned char)s[n] & 0xC0) == 0x80)
        n++;
    if (*o + n < SLIDES_TEAM_INITIALS_LEN) {
        memcpy(out + *o, s, n);
        *o += n;
    }
}

void slides_team_initials(const char *name, char out[SLIDES_TEAM_INITIALS_LEN])
{
    size_t o = 0;
    const char *first = name, *last = NULL;
    while (*first == ' ')
        first++;
    for (const char *p = first; *p; p++)
        if (p[0] == ' ' && p[1] && p[1] != ' ')
            last = p + 1;
    if (*first)
        first_letter(first, out, &o);
    if (last)
        first_letter(last, out, &o);
    out[o] = '\0';
}

static void person_card(canvas *c, const team_geom *g, layout_rect cell, const model_teammate *t)
{
    canvas_round_rect(c, cell, g->gap * 0.5f, THEME_PANEL);
    layout_rect in = layout_inset(cell, g->gap * 0.6f, g->gap * 0.5f);
    float d = fminf(in.h, lh(c, THEME_TEXT_LABEL) * 2.0f);
    layout_rect av = layout_cut_left(&in, d, g->gap * 0.8f);
    float cx = av.x + d / 2, cy = av.y + in.h / 2;
    canvas_ring(c, cx, cy, 0, d / 2, 0, 6.2831853f, THEME_BLUE, 2 /* outer rim */);
    char ini[SLIDES_TEAM_INITIALS_LEN];
    slides_team_initials(t->name, ini);
    canvas_style is = {.face = FONTS_BOLD,
                       .size = THEME_TEXT_LABEL,
                       .align = CANVAS_CENTER,
                       .valign = CANVAS_MIDDLE,
                       .fg = THEME_ON_DARK,
                       .bg = THEME_BLUE};
    canvas_text(c, (layout_rect){cx - d * 0.4f, cy - d * 0.4f, d * 0.8f, d * 0.8f}, ini, &is);
    /* Name and role as one block, centred in a card the page may have
     * stretched. */
    canvas_style ns = {
        .face = FONTS_BOLD, .size = THEME_TEXT_LABEL, .fg = THEME_TEXT, .bg = THEME_PANEL};
    canvas_style rs = {.face = FONTS_REGULAR,
                       .size = THEME_TEXT_MIN,
                       .max_lines = g->role_lines,
                       .fg = THEME_MUTED,
                       .bg = THEME_PANEL};
    float role_h = (float)canvas_fit(c, in, t->role, &rs).height;
    float block = lh(c, THEME_TEXT_LABEL) + role_h;
    in = layout_inset(in, 0, fmaxf(0, (in.h - block) / 2));
    layout_rect name = layout_cut_top(&in, lh(c, THEME_TEXT_LABEL), 0);
    canvas_text(c, name, t->name, &ns);
    canvas_text(c, in, t->role, &rs);
}

/* One block: the pole's header (when it has one), then its cards, one a
 * row; heights stretched by s. */
static void draw_block(canvas *c, const team_geom *g, const model_local *l,
                       const slides_team_block *bl, float s)
{
    const model_pole *pole = &l->poles[bl->pole];
    float x = g->area.x + (float)bl->col * (g->col_w + g->gap), y = g->area.y + bl->y * s;
    if (bl->header) {
        char head[FRAME_TEXT_LEN];
        pole_head(pole, bl->continued, head);
        layout_rect box = {x, y, g->col_w, g->area.h};
        layout_rect used = canvas_text(c, box, head, &pole_style);
        box.y += used.h;
        if (pole->mission && *pole->mission)
            box.y += canvas_text(c, box, pole->mission, &mission_style).h;
        /* The header keeps its size; the cards below take the stretch. */
        y = box.y + g->gap * 0.5f;
    }
    for (size_t i = 0; i < bl->count; i++) {
        layout_rect cell = {x, y, g->col_w, g->card_h * s};
        person_card(c, g, cell, &pole->people[bl->first + i]);
        y += (g->card_h + g->gap) * s;
    }
}

bool slides_team(canvas *c, const frame_input *in, const slides_team_page *page, size_t index,
                 size_t count)
{
    const model_local *l = &in->m->local;
    if (!l->loaded || !page || page->n_blocks == 0)
        return false;
    team_geom g = geometry(c, team_frame(c, in, index, count));
    float s = page->bottom > 0 ? fminf(g.area.h / page->bottom, TEAM_MAX_STRETCH) : 1;
    if (s < 1)
        s = 1;
    for (size_t b = 0; b < page->n_blocks; b++)
        draw_block(c, &g, l, &page->blocks[b], s);
    return true;
}
