/* slides_team: pages of the team. Planning and drawing share one geometry
 * (team_geom) so a planned page always fits when drawn. */
#include "slides_team.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "vitrine/log.h"
#include "vitrine/text.h"

#define TEAM_TITLE "L'équipe de l'incubateur"
#define TEAM_SOURCE "Source : équipe du programme beta.gouv.fr à la DINUM (données locales)"
#define TEAM_POLE_SIZE 0.042f
/* Three columns in landscape, one in portrait: roles then fit two lines. */
#define TEAM_ROLE_LINES 2

typedef struct {
    layout_rect area;
    int cols, role_lines;
    float header_h, card_h, gap;
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
    g.cols = canvas_portrait(c) ? 1 : 3;
    g.role_lines = TEAM_ROLE_LINES;
    g.header_h = lh(c, TEAM_POLE_SIZE) + lh(c, THEME_TEXT_MIN) + g.gap * 0.5f;
    g.card_h = lh(c, THEME_TEXT_LABEL) + (float)g.role_lines * lh(c, THEME_TEXT_MIN) + g.gap;
    return g;
}

size_t slides_team_plan(canvas *probe, const frame_input *in, slides_team_page *pages,
                        size_t max_pages)
{
    const model_local *l = &in->m->local;
    if (!l->loaded || l->n_poles == 0 || max_pages == 0)
        return 0;
    team_geom g = geometry(probe, team_frame(probe, in, 0, 2));
    float row = g.card_h + g.gap;
    size_t np = 0;
    float used = 0;
    memset(&pages[0], 0, sizeof pages[0]);
    for (size_t p = 0; p < l->n_poles; p++) {
        size_t done = 0, total = l->poles[p].n_people;
        while (done < total || (total == 0 && done == 0)) {
            slides_team_page *pg = &pages[np];
            int rows_fit = (int)floorf((g.area.h - used - g.header_h) / row);
            /* A pole that would fit whole on a fresh page is not split. */
            int rows_left = (int)((total - done + (size_t)g.cols - 1) / (size_t)g.cols);
            int rows_page = (int)floorf((g.area.h - g.header_h) / row);
            bool split_needlessly = rows_fit < rows_left && rows_left <= rows_page;
            if ((rows_fit < 1 || split_needlessly || pg->n_blocks == SLIDES_TEAM_MAX_BLOCKS) &&
                pg->n_blocks > 0) {
                if (np + 1 == max_pages) {
                    log_warn("slides",
                             "team: more than %zu pages: the team from pole \"%s\" "
                             "on is not shown",
                             max_pages, l->poles[p].name);
                    return np + 1;
                }
                memset(&pages[++np], 0, sizeof pages[0]);
                used = 0;
                continue;
            }
            if (rows_fit < 1)
                rows_fit = 1; /* an empty page always takes one row */
            size_t take = total - done, room = (size_t)rows_fit * (size_t)g.cols;
            take = take < room ? take : room;
            pg->blocks[pg->n_blocks++] = (slides_team_block){p, done, take, done > 0};
            used +=
                g.header_h + (float)((take + (size_t)g.cols - 1) / (size_t)g.cols) * row + g.gap;
            done += take;
            if (total == 0)
                break;
        }
    }
    return np + 1;
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
    canvas_style ns = {
        .face = FONTS_BOLD, .size = THEME_TEXT_LABEL, .fg = THEME_TEXT, .bg = THEME_PANEL};
    layout_rect name = layout_cut_top(&in, lh(c, THEME_TEXT_LABEL), 0);
    canvas_text(c, name, t->name, &ns);
    canvas_style rs = {.face = FONTS_REGULAR,
                       .size = THEME_TEXT_MIN,
                       .max_lines = g->role_lines,
                       .fg = THEME_MUTED,
                       .bg = THEME_PANEL};
    canvas_text(c, in, t->role, &rs);
}

bool slides_team(canvas *c, const frame_input *in, const slides_team_page *page, size_t index,
                 size_t count)
{
    const model_local *l = &in->m->local;
    if (!l->loaded || !page || page->n_blocks == 0)
        return false;
    team_geom g = geometry(c, team_frame(c, in, index, count));
    float y = g.area.y, row = g.card_h + g.gap;
    for (size_t b = 0; b < page->n_blocks; b++) {
        const slides_team_block *bl = &page->blocks[b];
        const model_pole *pole = &l->poles[bl->pole];
        char head[FRAME_TEXT_LEN];
        text_format(head, sizeof head, "%s%s", pole->name, bl->continued ? " (suite)" : "");
        canvas_style hs = {
            .face = FONTS_BOLD, .size = TEAM_POLE_SIZE, .fg = THEME_BLUE, .bg = THEME_BG};
        canvas_style ms = {
            .face = FONTS_REGULAR, .size = THEME_TEXT_MIN, .fg = THEME_MUTED, .bg = THEME_BG};
        layout_rect hb = {g.area.x, y, g.area.w, lh(c, TEAM_POLE_SIZE)};
        canvas_text(c, hb, head, &hs);
        canvas_text(c, (layout_rect){g.area.x, y + hb.h, g.area.w, lh(c, THEME_TEXT_MIN)},
                    pole->mission, &ms);
        y += g.header_h;
        for (size_t i = 0; i < bl->count; i++) {
            int col = (int)(i % (size_t)g.cols), r = (int)(i / (size_t)g.cols);
            float cw = (g.area.w - g.gap * (float)(g.cols - 1)) / (float)g.cols;
            layout_rect cell = {g.area.x + (float)col * (cw + g.gap), y + (float)r * row, cw,
                                g.card_h};
            person_card(c, &g, cell, &pole->people[bl->first + i]);
        }
        y += (float)((bl->count + (size_t)g.cols - 1) / (size_t)g.cols) * row + g.gap;
    }
    return true;
}
