/* overlay: help panel, pause mark, no-slide message. The help is laid out
 * in two columns (keys, what they do) sized from the output height so it
 * reads from a few metres away; its textures are cached per (height, lock
 * state, resume delay), the message's per (height, text). Text comes from
 * the render layer's fonts (the deck's), like every text on screen. */
#include "overlay.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "texttex.h"
#include "vitrine/log.h"

#define OVERLAY_TEXT_LEN 160 /* the help's footer */
#define HELP_TITLE "Aide \u2014 touches du clavier"
#define LINE_HEIGHT_DIV 24   /* body text: output height / this */
#define TITLE_SCALE_PCT 150  /* the help title, percent of the body text */
#define DIM_ALPHA 170        /* the screen around the help: dimmed, still there */
#define MARK_FILL_PCT 90     /* the marks' height, percent of their area's */
#define MARK_TEXT_PCT 62     /* the pin's text size, percent of the marks' height */
#define HELP_FILL_PCT 92     /* the help panel's largest share of the screen, both ways */
#define LINE_SPACING_PCT 160 /* line height, percent of the text size */
#define PIN_TEXT "\u00e9pingl\u00e9e"

static const SDL_Color WHITE = {255, 255, 255, 255};
static const SDL_Color KEY_COLOUR = {255, 214, 102, 255}; /* warm yellow: keys stand out */
static const SDL_Color MUTED = {200, 200, 210, 255};

struct overlay {
    SDL_Renderer *r;
    fonts *fonts; /* borrowed */
    /* cached help */
    int cache_h;
    bool cache_allow_quit;
    int64_t cache_resume_s;
    texttex title, footer;
    texttex keys[OVERLAY_MAX_LINES], what[OVERLAY_MAX_LINES];
    size_t n_lines;
    /* cached message */
    int cache_px; /* body text size of the cached help */
    int cache_w;  /* and the width it fits */
    texttex pin;  /* the pin mark's text, at cache_pin_h pixels */
    int cache_pin_h;
    int msg_h;
    char *msg_title, *msg_line; /* copies; NULL: nothing cached */
    texttex msg[2];
};

overlay *overlay_new(SDL_Renderer *r, fonts *f)
{
    overlay *o = calloc(1, sizeof *o);
    if (!o)
        return NULL;
    o->r = r;
    o->fonts = f;
    return o;
}

static void reset_help(overlay *o)
{
    texttex_free(&o->title);
    texttex_free(&o->footer);
    for (size_t i = 0; i < o->n_lines; i++) {
        texttex_free(&o->keys[i]);
        texttex_free(&o->what[i]);
    }
    o->n_lines = 0;
    o->cache_h = 0;
}

static void reset_message(overlay *o)
{
    texttex_free(&o->msg[0]);
    texttex_free(&o->msg[1]);
    free(o->msg_title);
    free(o->msg_line);
    o->msg_title = o->msg_line = NULL;
    o->msg_h = 0;
}

void overlay_reset(overlay *o)
{
    texttex_free(&o->pin);
    o->cache_pin_h = 0;
    reset_help(o);
    reset_message(o);
}

void overlay_free(overlay *o)
{
    if (!o)
        return;
    overlay_reset(o);
    free(o);
}

static int widest(overlay *o, int px, bool keys, const keymap *k, size_t n)
{
    int w = 0;
    for (size_t i = 0; i < n; i++) {
        keymap_help_line line = keymap_help(k, i);
        const char *s = keys ? line.keys : line.what;
        int m = fonts_measure(o->fonts, FONTS_REGULAR, px, s, strlen(s));
        w = m > w ? m : w;
    }
    return w;
}

/* The body text size that fits the whole help in HELP_FILL_PCT of the
 * screen: from the height first (h / LINE_HEIGHT_DIV, less with more lines),
 * then the widest line (portrait). */
static int help_px(overlay *o, const keymap *k, size_t n, int w, int h)
{
    /* panel height in text sizes: 2 pads, title, 2 half-line gaps, lines, footer */
    int units_pct = 2 * LINE_SPACING_PCT + TITLE_SCALE_PCT * 5 / 4 + LINE_SPACING_PCT +
                    (int)n * LINE_SPACING_PCT + 125;
    int px = h / LINE_HEIGHT_DIV;
    int fit_h = h * HELP_FILL_PCT / units_pct;
    px = fit_h < px ? fit_h : px;
    /* width: pad, keys, pad, what, pad (pad = one line height), at 100 px */
    int ref = 100;
    int need = widest(o, ref, true, k, n) + widest(o, ref, false, k, n) + 3 * LINE_SPACING_PCT;
    int room = w * HELP_FILL_PCT / 100;
    if (need > 0 && need * px / ref > room)
        px = room * ref / need;
    return px > 1 ? px : 1;
}

static void build_help(overlay *o, const keymap *k, int64_t resume_s, int w, int h)
{
    reset_help(o);
    size_t n_all = keymap_help_count();
    int px = help_px(o, k, n_all < OVERLAY_MAX_LINES ? n_all : OVERLAY_MAX_LINES, w, h);
    o->cache_px = px;
    o->title = texttex_make(o->r, o->fonts, px * TITLE_SCALE_PCT / 100, HELP_TITLE, WHITE);
    size_t n = keymap_help_count();
    o->n_lines = n < OVERLAY_MAX_LINES ? n : OVERLAY_MAX_LINES;
    if (n > OVERLAY_MAX_LINES)
        log_warn("overlay", "%zu lines of help: the last %zu are not shown (OVERLAY_MAX_LINES)", n,
                 n - OVERLAY_MAX_LINES);
    for (size_t i = 0; i < o->n_lines; i++) {
        keymap_help_line line = keymap_help(k, i);
        o->keys[i] = texttex_make(o->r, o->fonts, px, line.keys, KEY_COLOUR);
        o->what[i] = texttex_make(o->r, o->fonts, px, line.what, WHITE);
    }
    char footer[OVERLAY_TEXT_LEN];
    snprintf(footer, sizeof footer,
             "Apr\u00e8s une touche, la rotation reprend seule au bout de %lld s.",
             (long long)resume_s);
    o->footer = texttex_make(o->r, o->fonts, px, footer, MUTED);
    o->cache_h = h;
    o->cache_w = w;
    o->cache_allow_quit = keymap_allow_quit(k);
    o->cache_resume_s = resume_s;
}

static void panel(overlay *o, SDL_Rect rect, int w, int h)
{
    SDL_SetRenderDrawBlendMode(o->r, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(o->r, 0, 0, 0, DIM_ALPHA);
    SDL_RenderFillRect(o->r, &(SDL_Rect){0, 0, w, h});
    SDL_SetRenderDrawBlendMode(o->r, SDL_BLENDMODE_NONE); /* opaque: nothing shows through */
    SDL_SetRenderDrawColor(o->r, 10, 14, 40, 255);
    SDL_RenderFillRect(o->r, &rect);
    SDL_SetRenderDrawColor(o->r, 255, 214, 102, 255);
    SDL_RenderDrawRect(o->r, &rect);
}

void overlay_draw_help(overlay *o, const keymap *k, int64_t resume_s, int w, int h, int dx, int dy)
{
    if (o->cache_h != h || o->cache_w != w || o->cache_allow_quit != keymap_allow_quit(k) ||
        o->cache_resume_s != resume_s)
        build_help(o, k, resume_s, w, h);
    int line_h = o->cache_px * LINE_SPACING_PCT / 100;
    int keys_w = 0;
    for (size_t i = 0; i < o->n_lines; i++)
        keys_w = o->keys[i].w > keys_w ? o->keys[i].w : keys_w;
    int pad = line_h;
    int panel_h =
        pad * 2 + o->title.h + line_h / 2 + (int)o->n_lines * line_h + line_h / 2 + o->footer.h;
    int what_w = 0;
    for (size_t i = 0; i < o->n_lines; i++)
        what_w = o->what[i].w > what_w ? o->what[i].w : what_w;
    int panel_w = w * 4 / 5, need = keys_w + what_w + 3 * pad;
    need = need > o->footer.w + 2 * pad ? need : o->footer.w + 2 * pad;
    panel_w = need > panel_w ? need : panel_w;
    SDL_Rect rect = {(w - panel_w) / 2 + dx, (h - panel_h) / 2 + dy, panel_w, panel_h};
    panel(o, rect, w, h);
    int x = rect.x + pad, y = rect.y + pad;
    texttex_draw(o->r, &o->title, x, y);
    y += o->title.h + line_h / 2;
    for (size_t i = 0; i < o->n_lines; i++, y += line_h) {
        texttex_draw(o->r, &o->keys[i], x, y);
        texttex_draw(o->r, &o->what[i], x + keys_w + pad, y);
    }
    texttex_draw(o->r, &o->footer, x, y + line_h / 2);
}

/* The pause mark: two bars on a dark square of side size. */
static void draw_pause(overlay *o, int x, int y, int size)
{
    SDL_SetRenderDrawColor(o->r, 10, 14, 40, 255);
    SDL_RenderFillRect(o->r, &(SDL_Rect){x, y, size, size});
    SDL_SetRenderDrawColor(o->r, 255, 255, 255, 255);
    int bar_w = size / 5 > 1 ? size / 5 : 1, bar_h = size / 2 > 1 ? size / 2 : 1;
    int top = y + (size - bar_h) / 2;
    SDL_RenderFillRect(o->r, &(SDL_Rect){x + size * 3 / 10, top, bar_w, bar_h});
    SDL_RenderFillRect(o->r, &(SDL_Rect){x + size - size * 3 / 10 - bar_w, top, bar_w, bar_h});
}

/* The pin's text at px, made again only when px changes. */
static const texttex *pin_text(overlay *o, int px)
{
    if (o->cache_pin_h != px) {
        texttex_free(&o->pin);
        o->pin = texttex_make(o->r, o->fonts, px, PIN_TEXT, KEY_COLOUR);
        o->cache_pin_h = px;
    }
    return &o->pin;
}

void overlay_draw_marks(overlay *o, SDL_Rect area, bool paused, bool pinned)
{
    if ((!paused && !pinned) || area.w <= 0 || area.h <= 0)
        return;
    int size = area.h * MARK_FILL_PCT / 100;
    size = size > 4 ? size : 4;
    const texttex *t = pin_text(o, size * MARK_TEXT_PCT / 100);
    int pad = size / 3 > 1 ? size / 3 : 1, dot = pad;
    int pill_w = pinned ? pad * 3 + dot + t->w : 0;
    int total = (paused ? size : 0) + (paused && pinned ? pad : 0) + pill_w;
    /* Right-aligned in the area (beside the date in a footer), cut on
     * its left should it be narrower: never drawn beyond it. */
    SDL_RenderSetClipRect(o->r, &area);
    SDL_SetRenderDrawBlendMode(o->r, SDL_BLENDMODE_NONE);
    int x = area.x + area.w - total, y = area.y + (area.h - size) / 2;
    if (paused) {
        draw_pause(o, x, y, size);
        x += size + pad;
    }
    if (pinned) {
        SDL_Rect pill = {x, y, pill_w, size};
        SDL_SetRenderDrawColor(o->r, 10, 14, 40, 255);
        SDL_RenderFillRect(o->r, &pill);
        SDL_SetRenderDrawColor(o->r, KEY_COLOUR.r, KEY_COLOUR.g, KEY_COLOUR.b, 255);
        SDL_RenderFillRect(o->r, &(SDL_Rect){x + pad, y + (size - dot) / 2, dot, dot});
        texttex_draw(o->r, t, x + pad * 2 + dot, y + (size - t->h) / 2);
    }
    SDL_RenderSetClipRect(o->r, NULL);
}

void overlay_draw_message(overlay *o, const char *title, const char *line, int w, int h, int dx,
                          int dy)
{
    int px = h / LINE_HEIGHT_DIV;
    if (o->msg_h != h || !o->msg_title || strcmp(o->msg_title, title) != 0 ||
        strcmp(o->msg_line, line) != 0) {
        reset_message(o);
        o->msg[0] = texttex_make(o->r, o->fonts, px * 2, title, WHITE);
        o->msg[1] = texttex_make(o->r, o->fonts, px, line, MUTED);
        o->msg_title = strdup(title);
        o->msg_line = strdup(line);
        if (o->msg_title && o->msg_line)
            o->msg_h = h; /* else drawn again next time: no cache without the keys */
    }
    const texttex *t = &o->msg[0], *l = &o->msg[1];
    int total = t->h + px + l->h;
    texttex_draw(o->r, t, (w - t->w) / 2 + dx, (h - total) / 2 + dy);
    texttex_draw(o->r, l, (w - l->w) / 2 + dx, (h - total) / 2 + t->h + px + dy);
}
