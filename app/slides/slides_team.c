/* slides_team: pages of the team. Planning and drawing share one geometry
 * (team_geom) so a planned page always fits when drawn. */
#include "slides_team.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "vitrine/log.h"
#include "vitrine/text.h"

#define TEAM_TITLE "L’équipe de l’incubateur"
#define TEAM_SOURCE "Source : équipe du programme beta.gouv.fr à la DINUM (données locales)"
#define TEAM_POLE_SIZE 0.042f
#define TEAM_HEAD_LINES 3 /* pole name */
#define TEAM_MISSION_LINES 3
#define TEAM_HEAD_SCALE 1.15f /* headings grow less than cards */
#define TEAM_AVATAR 1.7f      /* avatar diameter, in name lines */
#define TEAM_SHRINK_OK 0.9f   /* shared text sizes, of the scaled sizes */
/* Cards grow with the room a page leaves, up to this factor of their
 * smallest size (text grows with them). */
#define TEAM_MAX_SCALE 1.6f
#define TEAM_SCALE_STEP 0.05f
#define TEAM_FILL_MIN 0.5f   /* balanced columns run at least this far down a page */
#define TEAM_SPREAD_MAX 1.2f /* how much further apart short columns' cards may be drawn */

/* Poles flow down columns like a newspaper's text: a pole heading, then one
 * card per person; a pole goes on in the next column, and on the next page
 * (marked "(suite)") only when it does not fit on one. Planning and drawing
 * run the same flow (team_flow), so a planned page always fits when drawn. */
typedef struct {
    layout_rect area;
    int cols, role_lines;
    float scale, gap, col_w, card_h, head_gap; /* card_h: the tallest card */
    float pole_size, name_size, role_size;
    int name_px, role_px; /* shared by every card: one set of sizes */
    int pole_px;          /* shared by every pole heading; 0: not known yet */
} team_geom;

typedef struct {
    size_t page;
    int col;
    float y; /* from the area's top */
} team_pos;

/* What the flow places: a pole heading (person == SIZE_MAX) or a card. */
typedef void (*team_emit)(void *ctx, const team_geom *g, size_t page, layout_rect r,
                          const model_pole *pole, size_t pole_index, size_t person, bool continued);

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

static team_geom geometry(const canvas *c, layout_rect area, float scale)
{
    team_geom g;
    g.area = area;
    g.scale = scale;
    g.gap = 0.016f * canvas_unit(c);
    /* Three columns in landscape, two in portrait: names and roles fit. */
    g.cols = canvas_portrait(c) ? 2 : 3;
    g.role_lines = canvas_portrait(c) ? 4 : 2; /* narrower columns */
    g.col_w = (area.w - g.gap * 1.5f * (float)(g.cols - 1)) / (float)g.cols;
    g.pole_size = TEAM_POLE_SIZE * fminf(scale, TEAM_HEAD_SCALE);
    g.name_size = THEME_TEXT_LABEL * scale;
    g.role_size = THEME_TEXT_MIN * scale;
    g.card_h = lh(c, g.name_size) + (float)g.role_lines * lh(c, g.role_size) + g.gap;
    g.head_gap = g.gap * 1.5f; /* before a heading that follows cards */
    g.name_px = g.role_px = g.pole_px = 0;
    return g;
}

/* The name's line: at the shared size once it is known. */
static float name_line(const canvas *c, const team_geom *g)
{
    return g->name_px ? (float)layout_line_height(g->name_px) : lh(c, g->name_size);
}

static float avatar_d(const canvas *c, const team_geom *g)
{
    return lh(c, g->name_size) * TEAM_AVATAR;
}

/* The box of a card's name and role. */
static layout_rect card_text_box(const canvas *c, const team_geom *g, layout_rect cell)
{
    layout_rect in = layout_inset(cell, g->gap * 0.6f, g->gap * 0.5f);
    layout_cut_left(&in, avatar_d(c, g), g->gap * 0.8f);
    return in;
}

static canvas_style name_style(const team_geom *g)
{
    return (canvas_style){.face = FONTS_BOLD,
                          .size = g->name_size,
                          .max_px = g->name_px,
                          .fg = THEME_TEXT,
                          .bg = THEME_PANEL};
}

static canvas_style role_style(const team_geom *g)
{
    return (canvas_style){.face = FONTS_REGULAR,
                          .size = g->role_size,
                          .max_px = g->role_px,
                          .max_lines = g->role_lines,
                          .fg = THEME_MUTED,
                          .bg = THEME_PANEL};
}

/* Where a card's name and role are fitted, and how. */
typedef struct {
    layout_rect name, role;
    canvas_style ns, rs;
} card_boxes;

static card_boxes card_boxes_of(canvas *c, const team_geom *g)
{
    card_boxes b;
    b.role = card_text_box(c, g, (layout_rect){0, 0, g->col_w, g->card_h});
    b.name = layout_cut_top(&b.role, lh(c, g->name_size), 0);
    b.ns = name_style(g);
    b.rs = role_style(g);
    return b;
}

/* A text's size is big enough when it is this much of the scaled size. */
static bool grows(const canvas *c, float size, int px)
{
    return (float)px >= TEAM_SHRINK_OK * (float)canvas_px(c, size);
}

/* Larger cards are worth it only when their texts grow with them. */
static bool sizes_grow(const canvas *c, const team_geom *g, int np, int rp)
{
    return grows(c, g->name_size, np) && grows(c, g->role_size, rp);
}

/* The smallest size grows() accepts. */
static int least_grown(const canvas *c, float size)
{
    int px = (int)(TEAM_SHRINK_OK * (float)canvas_px(c, size));
    while (px > 1 && grows(c, size, px - 1))
        px--;
    while (!grows(c, size, px))
        px++;
    return px;
}

/* Whether a text fits its box at a size grows() accepts. Asked of every
 * card at every scale tried, most of them too large: the fit stops at the
 * estimate when that already says no, without loading the font at sizes
 * that are never drawn. */
static bool card_text_holds(canvas *c, layout_rect box, const char *s, const canvas_style *st,
                            float size)
{
    layout_text t = canvas_fit_need(c, box, s, st, least_grown(c, size));
    return !t.below_need && !t.overflow && grows(c, size, t.px);
}

static int shared_pole_px(canvas *c, const team_geom *g, const model_local *l);

/* The largest name and role sizes at which every card's texts fit; false
 * when one does not fit even at the smallest size. */
static bool shared_sizes(canvas *c, team_geom *g, const model_local *l)
{
    card_boxes b = card_boxes_of(c, g);
    int np = canvas_px(c, g->name_size), rp = canvas_px(c, g->role_size);
    bool fits = true;
    for (size_t p = 0; p < l->n_poles; p++)
        for (size_t i = 0; i < l->poles[p].n_people; i++) {
            const model_teammate *t = &l->poles[p].people[i];
            layout_text a = canvas_fit(c, b.name, t->name, &b.ns);
            layout_text r = canvas_fit(c, b.role, t->role, &b.rs);
            np = a.px < np ? a.px : np;
            rp = r.px < rp ? r.px : rp;
            fits = fits && !a.overflow && !r.overflow;
        }
    g->name_px = np;
    g->role_px = rp;
    g->pole_px = shared_pole_px(c, g, l);
    return fits && sizes_grow(c, g, np, rp);
}

/* shared_sizes' answer without the sizes, stopping at the first card that
 * says no: the search asks it of every scale, and most scales fail on the
 * same few long roles, so the card that failed last is asked first
 * (*hardest: its index among all the cards). */
static bool shared_sizes_hold(canvas *c, const team_geom *g, const model_local *l, size_t *hardest)
{
    card_boxes b = card_boxes_of(c, g);
    size_t n = 0;
    for (size_t p = 0; p < l->n_poles; p++)
        n += l->poles[p].n_people;
    for (size_t k = 0; k < n; k++) {
        size_t at = (*hardest + k) % n, p = 0;
        while (at >= l->poles[p].n_people)
            at -= l->poles[p++].n_people;
        const model_teammate *t = &l->poles[p].people[at];
        /* The role first: it is the text that fails (two lines of a
         * narrow column). */
        if (!card_text_holds(c, b.role, t->role, &b.rs, g->role_size) ||
            !card_text_holds(c, b.name, t->name, &b.ns, g->name_size)) {
            *hardest = (*hardest + k) % n;
            return false;
        }
    }
    return true;
}

static canvas_style pole_style(const team_geom *g)
{
    canvas_style st = {.face = FONTS_BOLD,
                       .size = g->pole_size,
                       .min_size = g->pole_size * 0.85f, /* wraps rather than shrinks */
                       .max_lines = TEAM_HEAD_LINES,
                       .fg = THEME_BLUE,
                       .bg = THEME_BG};
    if (g->pole_px > 0) /* every heading at the one size they share */
        st.max_px = g->pole_px, st.min_size = st.size;
    return st;
}

static void pole_head(char out[FRAME_TEXT_LEN], const model_pole *pole, bool continued);

/* The size every pole heading fits at, wrapped (and "(suite)" too). */
static int shared_pole_px(canvas *c, const team_geom *g, const model_local *l)
{
    team_geom free_g = *g;
    free_g.pole_px = 0;
    layout_rect col = {0, 0, g->col_w, g->area.h};
    int px = canvas_px(c, g->pole_size);
    for (size_t p = 0; p < l->n_poles; p++)
        for (int cont = 0; cont < 2; cont++) {
            char head[FRAME_TEXT_LEN];
            pole_head(head, &l->poles[p], cont);
            canvas_style hs = pole_style(&free_g);
            layout_text t = frame_fit_wrapping(c, col, head, &hs);
            px = t.px < px ? t.px : px;
        }
    return px;
}

static canvas_style mission_style(const team_geom *g)
{
    return (canvas_style){.face = FONTS_REGULAR,
                          .size = THEME_TEXT_MIN * fminf(g->scale, TEAM_HEAD_SCALE),
                          .max_lines = TEAM_MISSION_LINES,
                          .fg = THEME_MUTED,
                          .bg = THEME_BG};
}

static void pole_head(char out[FRAME_TEXT_LEN], const model_pole *pole, bool continued)
{
    text_format(out, FRAME_TEXT_LEN, "%s%s", pole->name, continued ? " (suite)" : "");
}

/* Height of a pole's heading in a column: its name and its mission, as fitted. */
static float head_height(canvas *c, const team_geom *g, const model_pole *pole, bool continued)
{
    char head[FRAME_TEXT_LEN];
    pole_head(head, pole, continued);
    layout_rect col = {0, 0, g->col_w, g->area.h};
    canvas_style hs = pole_style(g), ms = mission_style(g);
    float h = (float)canvas_fit(c, col, head, &hs).height;
    if (!continued)
        h += (float)canvas_fit(c, col, pole->mission, &ms).height;
    return h + g->gap * 0.5f;
}

static void next_column(const team_geom *g, team_pos *at)
{
    at->y = 0;
    if (++at->col == g->cols) {
        at->col = 0;
        at->page++;
    }
}

/* A card holds its name and its role's lines, and the avatar. */
static float card_height(canvas *c, const team_geom *g, const model_teammate *t)
{
    layout_rect in = card_text_box(c, g, (layout_rect){0, 0, g->col_w, g->card_h});
    canvas_style rs = role_style(g);
    layout_text rt = canvas_fit(c, (layout_rect){0, 0, in.w, in.h}, t->role, &rs);
    float text = name_line(c, g) + (float)rt.height;
    return fmaxf(text, avatar_d(c, g)) + g->gap;
}

static layout_rect cell(const team_geom *g, const team_pos *at, float h)
{
    return (layout_rect){g->area.x + (float)at->col * (g->col_w + g->gap * 1.5f), g->area.y + at->y,
                         g->col_w, h};
}

/* Places one pole from *at on (emit may be NULL: a dry run). */
static void flow_pole(canvas *c, const team_geom *g, const model_pole *pole, size_t index,
                      team_pos *at, team_emit emit, void *ctx)
{
    size_t head_page = at->page;
    bool head = true, continued = false;
    for (size_t i = 0; i < pole->n_people || head;) {
        float before = at->y > 0 ? g->head_gap : 0;
        float hh = head ? head_height(c, g, pole, continued) : 0;
        float ch = i < pole->n_people ? card_height(c, g, &pole->people[i]) : 0;
        float need = (head ? before + hh : 0) + ch;
        if (at->y > 0 && at->y + need > g->area.h) {
            next_column(g, at); /* a heading never ends a column alone */
            if (at->page != head_page && i > 0)
                head = continued = true; /* "(suite)" atop the next page */
            continue;
        }
        if (head) {
            at->y += before;
            if (emit)
                emit(ctx, g, at->page, cell(g, at, hh), pole, index, SIZE_MAX, continued);
            at->y += hh;
            head = false;
            head_page = at->page;
            if (pole->n_people == 0)
                break;
            continue;
        }
        if (emit)
            emit(ctx, g, at->page, cell(g, at, ch), pole, index, i, continued);
        at->y += ch + g->gap * 0.6f;
        i++;
    }
}

/* All poles; returns the number of pages. Each pole goes where it fits
 * whole: after the content of the first page with room for it (poles fill
 * the gaps of earlier pages), else on a new page; only a pole taller than a
 * page is split, going on from the end of the last page. The count only
 * grows as poles are placed: past `enough` pages the flow stops (the
 * search only asks whether a scale keeps the page count). */
static size_t team_flow(canvas *c, const team_geom *g, const model_local *l, size_t enough,
                        team_emit emit, void *ctx)
{
    team_pos ends[SLIDES_TEAM_MAX_PAGES];
    size_t n = 0; /* pages used; ends[] known for the first SLIDES_TEAM_MAX_PAGES */
    for (size_t p = 0; p < l->n_poles; p++) {
        const model_pole *pole = &l->poles[p];
        team_pos at = {n, 0, 0}, dry;
        bool placed = false;
        for (size_t k = 0; k < n && k < SLIDES_TEAM_MAX_PAGES && !placed; k++) {
            dry = ends[k];
            flow_pole(c, g, pole, p, &dry, NULL, NULL);
            if (dry.page == k) {
                at = ends[k];
                placed = true;
            }
        }
        if (!placed && n > 0 && n <= SLIDES_TEAM_MAX_PAGES) {
            dry = (team_pos){0, 0, 0};
            flow_pole(c, g, pole, p, &dry, NULL, NULL);
            if (dry.page > 0) /* taller than a page: goes on from the last one */
                at = ends[n - 1];
        }
        flow_pole(c, g, pole, p, &at, emit, ctx);
        for (size_t k = n; k < at.page && k < SLIDES_TEAM_MAX_PAGES; k++)
            ends[k] = (team_pos){k, g->cols - 1, g->area.h}; /* full */
        if (at.page < SLIDES_TEAM_MAX_PAGES)
            ends[at.page] = at;
        if (at.page + 1 > n)
            n = at.page + 1;
        if (n > enough)
            break;
    }
    return n;
}

typedef struct {
    slides_team_page *pages;
    size_t max_pages;
    float full_h; /* the area's height */
} plan_ctx;

/* Records which pole parts each page holds (for the deck and tests; the
 * drawing replays the flow). */
static void plan_emit(void *ctx, const team_geom *g, size_t page, layout_rect r,
                      const model_pole *pole, size_t pole_index, size_t person, bool continued)
{
    (void)pole;
    plan_ctx *pc = ctx;
    if (page >= pc->max_pages)
        return;
    slides_team_page *pg = &pc->pages[page];
    pg->used = fmaxf(pg->used, (r.y + r.h - g->area.y) / pc->full_h);
    slides_team_block *last = pg->n_blocks ? &pg->blocks[pg->n_blocks - 1] : NULL;
    if (person == SIZE_MAX || !last || last->pole != pole_index) {
        if (pg->n_blocks == SLIDES_TEAM_MAX_BLOCKS)
            return; /* only the record is short: the page is drawn whole */
        pg->blocks[pg->n_blocks++] =
            (slides_team_block){pole_index, person == SIZE_MAX ? 0 : person, 0, continued};
        last = &pg->blocks[pg->n_blocks - 1];
    }
    if (person != SIZE_MAX) {
        if (last->count == 0)
            last->first = person;
        last->count++;
    }
}

/* Counts the "(suite)" headings of a flow. */
static void count_split(void *ctx, const team_geom *g, size_t page, layout_rect r,
                        const model_pole *pole, size_t pole_index, size_t person, bool continued)
{
    (void)g, (void)page, (void)r, (void)pole, (void)pole_index;
    if (person == SIZE_MAX && continued)
        ++*(size_t *)ctx;
}

/* The shortest columns (of the area's height) that keep the poles on
 * `pages` pages: the same flow on shorter pages spreads the poles evenly
 * rather than leave the last page nearly empty. */
static float balanced_fill(canvas *c, const team_geom *g, const model_local *l, size_t pages)
{
    size_t splits = 0;
    team_flow(c, g, l, SIZE_MAX, count_split, &splits);
    float lo = TEAM_FILL_MIN, hi = 1.0f;
    for (int k = 0; k < 8; k++) {
        float mid = (lo + hi) / 2;
        team_geom short_g = *g;
        short_g.area.h = g->area.h * mid;
        size_t short_splits = 0;
        /* no more poles split than on full pages: only those too tall */
        if (team_flow(c, &short_g, l, pages, count_split, &short_splits) <= pages &&
            short_splits <= splits)
            hi = mid;
        else
            lo = mid;
    }
    return hi;
}

size_t slides_team_plan(canvas *probe, const frame_input *in, slides_team_page *pages,
                        size_t max_pages)
{
    const model_local *l = &in->m->local;
    if (!l->loaded || l->n_poles == 0 || max_pages == 0)
        return 0;
    layout_rect area = team_frame(probe, in, 0, 2);
    team_geom base = geometry(probe, area, 1.0f);
    shared_sizes(probe, &base, l);
    size_t least = team_flow(probe, &base, l, SIZE_MAX, NULL, NULL);
    /* The largest cards that keep that number of pages. */
    float scale = 1.0f;
    size_t hardest = 0;
    for (float s = TEAM_MAX_SCALE; s > 1.0f; s -= TEAM_SCALE_STEP) {
        team_geom g = geometry(probe, area, s);
        if (shared_sizes_hold(probe, &g, l, &hardest) && shared_sizes(probe, &g, l) &&
            team_flow(probe, &g, l, least, NULL, NULL) <= least) {
            scale = s;
            break;
        }
    }
    team_geom g = geometry(probe, area, scale);
    shared_sizes(probe, &g, l);
    float fill = balanced_fill(probe, &g, l, least);
    g.area.h = area.h * fill;
    size_t np = least < max_pages ? least : max_pages;
    if (least > max_pages)
        log_warn("slides", "team: %zu pages, more than %zu: the last ones are not shown", least,
                 max_pages);
    for (size_t i = 0; i < np; i++)
        pages[i] = (slides_team_page){.scale = scale, .fill = fill};
    plan_ctx pc = {pages, np, area.h};
    team_flow(probe, &g, l, SIZE_MAX, plan_emit, &pc);
    return np;
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
    layout_rect in = card_text_box(c, g, cell);
    float d = avatar_d(c, g);
    float cx = cell.x + g->gap * 0.6f + d / 2, cy = cell.y + cell.h / 2;
    canvas_ring(c, cx, cy, 0, d / 2, 0, 6.2831853f, THEME_BLUE, 2 /* outer rim */);
    char ini[SLIDES_TEAM_INITIALS_LEN];
    slides_team_initials(t->name, ini);
    canvas_style is = {.face = FONTS_BOLD,
                       .size = g->name_size,
                       .align = CANVAS_CENTER,
                       .valign = CANVAS_MIDDLE,
                       .fg = THEME_ON_DARK,
                       .bg = THEME_BLUE};
    canvas_read_skip(c); /* the name says it */
    canvas_text(c, (layout_rect){cx - d * 0.4f, cy - d * 0.4f, d * 0.8f, d * 0.8f}, ini, &is);
    canvas_style ns = name_style(g), rs = role_style(g);
    layout_rect name = layout_cut_top(&in, name_line(c, g), 0);
    canvas_text(c, name, t->name, &ns);
    canvas_read_join(c, " : ");
    canvas_text(c, in, t->role, &rs);
}

typedef struct {
    canvas *c;
    size_t page;
    /* The balanced columns drawn further apart (spread: the factor of
     * their positions, cards keep their size), the page's content in the
     * middle of the area (from top), rather than an empty band below. */
    float flow_top, top, spread;
} draw_ctx;

static void draw_emit(void *ctx, const team_geom *g, size_t page, layout_rect r,
                      const model_pole *pole, size_t pole_index, size_t person, bool continued)
{
    (void)pole_index;
    draw_ctx *dc = ctx;
    if (page != dc->page)
        return;
    r.y = dc->top + (r.y - dc->flow_top) * dc->spread;
    if (person != SIZE_MAX) {
        person_card(dc->c, g, r, &pole->people[person]);
        return;
    }
    char head[FRAME_TEXT_LEN];
    pole_head(head, pole, continued);
    canvas_style hs = pole_style(g), ms = mission_style(g);
    layout_rect used = canvas_text(dc->c, r, head, &hs);
    if (!continued) {
        layout_rect rest = {r.x, used.y + used.h, r.w, r.y + r.h - used.y - used.h};
        canvas_text(dc->c, rest, pole->mission, &ms);
    }
}

bool slides_team(canvas *c, const frame_input *in, const slides_team_page *page, size_t index,
                 size_t count)
{
    const model_local *l = &in->m->local;
    if (!l->loaded || !page || page->n_blocks == 0)
        return false;
    team_geom g = geometry(c, team_frame(c, in, index, count), page->scale);
    shared_sizes(c, &g, l);
    float full_h = g.area.h;
    g.area.h = full_h * page->fill; /* the plan's balanced columns */
    float spread = page->fill > 0 ? fminf(1 / page->fill, TEAM_SPREAD_MAX) : 1;
    float drop = fmaxf(0, full_h * (1 - page->used * spread) / 2);
    draw_ctx dc = {c, index, g.area.y, g.area.y + drop, spread};
    team_flow(c, &g, l, SIZE_MAX, draw_emit, &dc);
    return true;
}
