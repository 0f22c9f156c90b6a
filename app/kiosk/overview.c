/* overview: the layout is made per stage size (grid_plan), with the title
 * and hint textures; then, a slice of OVERVIEW_SLICE_US a frame, the stage
 * texture, the labels' size, the title textures of each cell and the
 * thumbnails, into that texture in playlist order, each drawn at its own
 * size from the slide's display list (deck_draw_thumb): no full-size
 * texture of a slide, so the overview's own is the only full-screen one. */
#include "overview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "texttex.h"
#include "vitrine/layout.h"
#include "vitrine/log.h"
#include "vitrine/vclock.h"

#define OVERVIEW_TITLE "Vue d\u2019ensemble des diapositives"
#define OVERVIEW_HINT                                                                              \
    "\u2190 \u2191 \u2192 \u2193  choisir  \u00b7  Entr\u00e9e  afficher  \u00b7  \u00c9chap  "    \
    "fermer"
/* Sizes in thousandths of the stage's short side (portrait too); titles at
 * 2.8 % read from a few metres. */
#define LABEL_PX_PER_MILLE 28
#define LABEL_MIN_PX_PER_MILLE 25   /* THEME_TEXT_MIN: the labels' size, the slides' smallest */
#define LABEL_FLOOR_PX_PER_MILLE 22 /* a long title alone, before it is cut */
#define HEADER_PX_PER_MILLE 48      /* the overview's own title */
#define MARGIN_PER_MILLE 35
#define FRAME_DIV 150 /* selection frame: short side / this, at least FRAME_MIN */
#define FRAME_MIN 4
#define LABEL_TEXT_LEN 256

static const SDL_Color BACKGROUND = {10, 14, 40, 255}; /* the help's navy */
static const SDL_Color PLACEHOLDER = {32, 38, 72, 255};
static const SDL_Color WHITE = {255, 255, 255, 255};
static const SDL_Color MUTED = {200, 200, 210, 255};
static const SDL_Color SELECTION = {255, 214, 102, 255}; /* the help's warm yellow */

struct overview {
    SDL_Renderer *r;
    fonts *fonts; /* borrowed */
    deck *deck;   /* borrowed */
    bool open;
    size_t slides[GRID_MAX_CELLS]; /* deck indices, playlist order */
    size_t n, selected, current;
    /* made for (cache_w, cache_h); cache_w 0: nothing made */
    int cache_w, cache_h;
    grid_layout grid;
    SDL_Texture *tex;  /* background, placeholders, thumbnails */
    bool tex_due;      /* to be made (make_texture) */
    bool tex_failed;   /* logged once per opening */
    size_t drawn;      /* thumbnails in tex: cells [0, drawn) */
    size_t ops_drawn;  /* of cell drawn's slide, so far */
    int64_t opened_us; /* when it opened (vclock_system_us); 0: its thumbnails were logged */
    /* The labels' size, searched a step at a time in [label_lo, label_hi]
     * (label_px 0 until found); a long title alone down to label_floor. */
    int label_lo, label_hi, label_px, label_floor;
    bool label_top_tried;
    size_t labels_made; /* labels of cells [0, labels_made) */
    texttex title, hint, labels[GRID_MAX_CELLS][OVERVIEW_LABEL_LINES];
    size_t label_lines[GRID_MAX_CELLS];
    int label_text_h; /* the labels' text box: OVERVIEW_LABEL_LINES lines at the largest size */
    int label_line_h[GRID_MAX_CELLS]; /* each label's line box */
    int margin, thick;                /* of the stage size made for */
    int hint_x, hint_y;               /* beside the title, or under it when the stage is narrow */
};

overview *overview_new(SDL_Renderer *r, fonts *f, deck *d)
{
    overview *o = calloc(1, sizeof *o);
    if (o)
        *o = (overview){.r = r, .fonts = f, .deck = d};
    return o;
}

void overview_reset(overview *o)
{
    if (o->tex)
        SDL_DestroyTexture(o->tex);
    o->tex = NULL;
    o->tex_due = false;
    texttex_free(&o->title);
    texttex_free(&o->hint);
    for (size_t i = 0; i < GRID_MAX_CELLS; i++) {
        for (size_t k = 0; k < OVERVIEW_LABEL_LINES; k++)
            texttex_free(&o->labels[i][k]);
        o->label_lines[i] = 0;
        o->label_line_h[i] = 0;
    }
    o->cache_w = o->cache_h = 0;
    o->drawn = o->ops_drawn = o->labels_made = 0;
    o->label_px = 0;
    o->label_top_tried = false;
}

void overview_free(overview *o)
{
    if (!o)
        return;
    overview_reset(o);
    free(o);
}

static void set_slides(overview *o, const size_t *slides, size_t n)
{
    if (n > GRID_MAX_CELLS) {
        log_warn("overview", "%zu slides: the last %zu are not shown (GRID_MAX_CELLS)", n,
                 n - GRID_MAX_CELLS);
        n = GRID_MAX_CELLS;
    }
    memcpy(o->slides, slides, n * sizeof *slides);
    o->n = n;
    overview_reset(o);
}

void overview_open(overview *o, const size_t *slides, size_t n, size_t selected)
{
    set_slides(o, slides, n);
    o->open = true;
    o->tex_failed = false;
    o->opened_us = vclock_system_us();
    o->selected = o->current = selected < o->n ? selected : 0;
}

void overview_set_slides(overview *o, const size_t *slides, size_t n)
{
    set_slides(o, slides, n);
    if (o->selected >= o->n)
        o->selected = o->n ? o->n - 1 : 0;
    if (o->current >= o->n)
        o->current = SIZE_MAX; /* no longer a cell: not marked */
}

void overview_close(overview *o)
{
    overview_reset(o);
    o->open = false;
}

bool overview_is_open(const overview *o)
{
    return o->open;
}

void overview_move(overview *o, grid_move_dir dir)
{
    o->selected = grid_move(&o->grid, o->selected, dir);
}

size_t overview_selected(const overview *o)
{
    return o->selected;
}

/* Slide i's title fitted at exactly px on up to OVERVIEW_LABEL_LINES
 * lines of the cell's width. */
static layout_text fit_label(overview *o, size_t i, int px, int min_px)
{
    layout_text_style st = {FONTS_REGULAR, px, min_px, OVERVIEW_LABEL_LINES};
    layout_text lt;
    layout_fit_text(deck_slide_title(o->deck, o->slides[i]), (float)o->grid.cell_w,
                    (float)o->label_text_h, &st, fonts_measure, o->fonts, &lt);
    return lt;
}

/* One size for the labels (a grid of titles in different sizes reads as
 * a ranking): the largest from label_hi down to label_lo at which every
 * title fits whole. */
static bool labels_fit(overview *o, int px)
{
    for (size_t i = 0; i < o->grid.n; i++)
        if (fit_label(o, i, px, px).overflow)
            return false;
    return true;
}

/* One step of that search (one pass over the titles): the top first
 * (usually it fits), then halves. Sets label_px when found, label_lo
 * when no size fits them all. */
static void label_size_step(overview *o)
{
    if (o->label_hi - o->label_lo <= 0) {
        o->label_px = o->label_lo;
        return;
    }
    int px = o->label_top_tried ? o->label_lo + (o->label_hi - o->label_lo + 1) / 2 : o->label_hi;
    o->label_top_tried = true;
    if (labels_fit(o, px))
        o->label_lo = px;
    else
        o->label_hi = px - 1;
    if (px == o->label_lo && px == o->label_hi)
        o->label_px = px;
}

/* Slide i's label at px; a title that does not fit whole at px shrinks
 * down to floor_px before it is cut (the page number of "L'équipe de
 * l'incubateur (2/3)" stays). Its lines as drawn are logged (debug): what
 * tests read. */
static void make_label(overview *o, size_t i, int px, int floor_px)
{
    const char *title = deck_slide_title(o->deck, o->slides[i]);
    layout_text lt = fit_label(o, i, px, px);
    if (lt.overflow && floor_px < px)
        lt = fit_label(o, i, px, floor_px);
    char shown[LABEL_TEXT_LEN * OVERVIEW_LABEL_LINES] = "";
    size_t used = 0;
    for (size_t k = 0; k < lt.n_lines && k < OVERVIEW_LABEL_LINES; k++) {
        const layout_line *ln = &lt.lines[k];
        char text[LABEL_TEXT_LEN];
        snprintf(text, sizeof text, "%.*s%s", (int)ln->len, title + ln->start,
                 ln->ellipsis ? LAYOUT_ELLIPSIS : "");
        o->labels[i][k] = texttex_make(o->r, o->fonts, lt.px, text, WHITE);
        int wrote = snprintf(shown + used, sizeof shown - used, "%s%s", k ? " / " : "", text);
        used += wrote > 0 && (size_t)wrote < sizeof shown - used ? (size_t)wrote : 0;
    }
    o->label_lines[i] = lt.n_lines < OVERVIEW_LABEL_LINES ? lt.n_lines : OVERVIEW_LABEL_LINES;
    o->label_line_h[i] = lt.line_h;
    log_debug("overview", "label %zu/%zu at %d px: %s", i + 1, o->grid.n, lt.px, shown);
}

static void fill(SDL_Renderer *r, SDL_Color c, const SDL_Rect *rect)
{
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
    SDL_RenderFillRect(r, rect);
}

static SDL_Rect sdl_rect(grid_rect g, int dx, int dy)
{
    return (SDL_Rect){g.x + dx, g.y + dy, g.w, g.h};
}

/* Background and placeholders of the stage texture (or of the screen, at
 * (dx, dy), when there is no texture). */
static void draw_base(overview *o, int dx, int dy)
{
    SDL_SetRenderDrawBlendMode(o->r, SDL_BLENDMODE_NONE);
    SDL_Rect all = {dx, dy, o->cache_w, o->cache_h};
    fill(o->r, BACKGROUND, &all);
    for (size_t i = 0; i < o->grid.n; i++) {
        SDL_Rect c = sdl_rect(grid_cell(&o->grid, i), dx, dy);
        fill(o->r, PLACEHOLDER, &c);
    }
}

static void build(overview *o, int w, int h)
{
    overview_reset(o);
    o->cache_w = w, o->cache_h = h;
    int side = w < h ? w : h; /* sizes from the short side: portrait too */
    int px = side * LABEL_PX_PER_MILLE / 1000, margin = side * MARGIN_PER_MILLE / 1000;
    o->title =
        texttex_make(o->r, o->fonts, side * HEADER_PX_PER_MILLE / 1000, OVERVIEW_TITLE, WHITE);
    o->hint = texttex_make(o->r, o->fonts, px, OVERVIEW_HINT, MUTED);
    int header;
    if (o->title.w + o->hint.w + 3 * margin <= w) {
        o->hint_x = w - margin - o->hint.w, o->hint_y = margin + o->title.h - o->hint.h;
        header = margin + o->title.h + margin / 2;
    } else { /* narrow: the hint under the title */
        o->hint_x = margin, o->hint_y = margin + o->title.h + margin / 4;
        header = o->hint_y + o->hint.h + margin / 2;
    }
    int frame = side / FRAME_DIV > FRAME_MIN ? side / FRAME_DIV : FRAME_MIN;
    int gap = 3 * frame > margin / 2 ? 3 * frame : margin / 2;
    o->margin = margin, o->thick = frame;
    grid_rect area = {margin, header, w - 2 * margin, h - header - margin};
    o->label_text_h = OVERVIEW_LABEL_LINES * layout_line_height(px);
    o->grid = grid_plan(o->n, area, w, h, o->label_text_h + frame * 2, gap);
    int min_px = side * LABEL_MIN_PX_PER_MILLE / 1000;
    o->label_hi = px > 1 ? px : 1; /* label_px 0 means not found yet */
    o->label_lo = min_px < o->label_hi && min_px > 0 ? min_px : o->label_hi;
    o->label_floor = (side * LABEL_FLOOR_PX_PER_MILLE + 999) / 1000;
    o->tex_due = true; /* made by work, a frame later: it alone takes milliseconds */
}

/* The stage texture, with the background and placeholders drawn into it
 * (until then overview_draw draws them on the screen). */
static void make_texture(overview *o)
{
    o->tex_due = false;
    int w = o->cache_w, h = o->cache_h;
    o->tex = SDL_RenderTargetSupported(o->r)
                 ? SDL_CreateTexture(o->r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, w, h)
                 : NULL;
    if (!o->tex) {
        if (!o->tex_failed)
            log_warn("overview", "no %dx%d texture (%s): titles without thumbnails", w, h,
                     SDL_GetError());
        o->tex_failed = true;
        return;
    }
    SDL_Texture *prev = SDL_GetRenderTarget(o->r);
    SDL_SetRenderTarget(o->r, o->tex);
    draw_base(o, 0, 0);
    SDL_SetRenderTarget(o->r, prev);
}

/* The labels' size, then the labels, then the thumbnails in playlist
 * order (each drawn at its size into the stage texture, deck_draw_thumb),
 * for about OVERVIEW_SLICE_US: the display thread is never busy long, and
 * the next frame shows what is done. The time from opening to the last
 * thumbnail is logged. True while work is left. */
static bool work(overview *o)
{
    int64_t until = vclock_system_us() + OVERVIEW_SLICE_US;
    SDL_Texture *prev = SDL_GetRenderTarget(o->r);
    bool left = true;
    while (left && vclock_system_us() < until) {
        if (o->tex_due) {
            make_texture(o);
        } else if (!o->label_px) {
            label_size_step(o);
        } else if (o->labels_made < o->grid.n) {
            make_label(o, o->labels_made, o->label_px, o->label_floor);
            o->labels_made++;
        } else if (o->tex && o->drawn < o->grid.n) {
            SDL_SetRenderTarget(o->r, o->tex);
            SDL_Rect cell = sdl_rect(grid_cell(&o->grid, o->drawn), 0, 0);
            if (deck_draw_thumb(o->deck, o->slides[o->drawn], cell, &o->ops_drawn, until) != 0) {
                o->drawn++; /* done, or no such slide: its placeholder stays */
                o->ops_drawn = 0;
            }
            SDL_SetRenderTarget(o->r, prev);
        } else {
            left = false;
        }
    }
    if (!left && o->opened_us) {
        log_info("overview", "%zu thumbnails drawn in %.0f ms", o->tex ? o->drawn : 0,
                 (double)(vclock_system_us() - o->opened_us) / 1e3);
        o->opened_us = 0; /* once per opening */
    }
    return left;
}

/* A frame of `thickness` pixels around r (outside it). */
static void draw_frame(SDL_Renderer *r, SDL_Rect c, int thickness, SDL_Color colour)
{
    SDL_SetRenderDrawColor(r, colour.r, colour.g, colour.b, colour.a);
    SDL_Rect bands[4] = {
        {c.x - thickness, c.y - thickness, c.w + 2 * thickness, thickness},
        {c.x - thickness, c.y + c.h, c.w + 2 * thickness, thickness},
        {c.x - thickness, c.y, thickness, c.h},
        {c.x + c.w, c.y, thickness, c.h},
    };
    SDL_RenderFillRects(r, bands, 4);
}

bool overview_draw(overview *o, SDL_Rect stage)
{
    if (!o->open)
        return false;
    bool left = true;
    if (o->cache_w != stage.w || o->cache_h != stage.h)
        build(o, stage.w, stage.h); /* this frame's work: the grid, its texture */
    else
        left = work(o);
    if (o->tex) {
        SDL_SetTextureBlendMode(o->tex, SDL_BLENDMODE_NONE);
        SDL_RenderCopy(o->r, o->tex, NULL, &stage);
    } else {
        draw_base(o, stage.x, stage.y);
    }
    texttex_draw(o->r, &o->title, stage.x + o->margin, stage.y + o->margin);
    texttex_draw(o->r, &o->hint, stage.x + o->hint_x, stage.y + o->hint_y);
    int thick = o->thick;
    for (size_t i = 0; i < o->grid.n; i++) {
        grid_rect l = grid_label(&o->grid, i);
        for (size_t k = 0; k < o->label_lines[i]; k++) {
            const texttex *t = &o->labels[i][k];
            int lh = o->label_line_h[i], y = l.y + thick * 2 + (int)k * lh + (lh - t->h) / 2;
            texttex_draw(o->r, t, stage.x + l.x + (l.w - t->w) / 2, stage.y + y);
        }
    }
    SDL_SetRenderDrawBlendMode(o->r, SDL_BLENDMODE_NONE);
    if (o->current < o->grid.n && o->current != o->selected)
        draw_frame(o->r, sdl_rect(grid_cell(&o->grid, o->current), stage.x, stage.y), thick / 2,
                   MUTED); /* the slide that was on screen */
    if (o->selected < o->grid.n) {
        SDL_Rect sel = sdl_rect(grid_cell(&o->grid, o->selected), stage.x, stage.y);
        sel.h += o->grid.label_h; /* its title too: the whole cell is chosen */
        draw_frame(o->r, sel, thick, SELECTION);
    }
    return left;
}
