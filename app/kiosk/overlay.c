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

#include "vitrine/log.h"

#define OVERLAY_TEXT_LEN 160 /* the help's footer */
#define HELP_TITLE "Aide \u2014 touches du clavier"
#define LINE_HEIGHT_DIV 24  /* body text: output height / this */
#define TITLE_SCALE_PCT 150 /* the help title, percent of the body text */
#define PANEL_ALPHA 225
#define PAUSE_SIZE_DIV 36

static const SDL_Color WHITE = {255, 255, 255, 255};
static const SDL_Color KEY_COLOUR = {255, 214, 102, 255}; /* warm yellow: keys stand out */
static const SDL_Color MUTED = {200, 200, 210, 255};

typedef struct {
    SDL_Texture *tex;
    int w, h;
} text_tex;

struct overlay {
    SDL_Renderer *r;
    fonts *fonts; /* borrowed */
    /* cached help */
    int cache_h;
    bool cache_allow_quit;
    int64_t cache_resume_s;
    text_tex title, footer;
    text_tex keys[OVERLAY_MAX_LINES], what[OVERLAY_MAX_LINES];
    size_t n_lines;
    /* cached message */
    int msg_h;
    char *msg_title, *msg_line; /* copies; NULL: nothing cached */
    text_tex msg[2];
};

static void tex_free(text_tex *t)
{
    if (t->tex)
        SDL_DestroyTexture(t->tex);
    *t = (text_tex){0};
}

static text_tex render_text(overlay *o, int px, const char *s, SDL_Color c)
{
    text_tex t = {0};
    SDL_Surface *surf = fonts_render(o->fonts, FONTS_REGULAR, px, s, c);
    if (!surf)
        return t;
    t.tex = SDL_CreateTextureFromSurface(o->r, surf);
    t.w = surf->w, t.h = surf->h;
    SDL_FreeSurface(surf);
    return t;
}

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
    tex_free(&o->title);
    tex_free(&o->footer);
    for (size_t i = 0; i < o->n_lines; i++) {
        tex_free(&o->keys[i]);
        tex_free(&o->what[i]);
    }
    o->n_lines = 0;
    o->cache_h = 0;
}

static void reset_message(overlay *o)
{
    tex_free(&o->msg[0]);
    tex_free(&o->msg[1]);
    free(o->msg_title);
    free(o->msg_line);
    o->msg_title = o->msg_line = NULL;
    o->msg_h = 0;
}

void overlay_reset(overlay *o)
{
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

static void build_help(overlay *o, const keymap *k, int64_t resume_s, int h)
{
    reset_help(o);
    int px = h / LINE_HEIGHT_DIV;
    o->title = render_text(o, px * TITLE_SCALE_PCT / 100, HELP_TITLE, WHITE);
    size_t n = keymap_help_count();
    o->n_lines = n < OVERLAY_MAX_LINES ? n : OVERLAY_MAX_LINES;
    if (n > OVERLAY_MAX_LINES)
        log_warn("overlay", "%zu lines of help: the last %zu are not shown (OVERLAY_MAX_LINES)", n,
                 n - OVERLAY_MAX_LINES);
    for (size_t i = 0; i < o->n_lines; i++) {
        keymap_help_line line = keymap_help(k, i);
        o->keys[i] = render_text(o, px, line.keys, KEY_COLOUR);
        o->what[i] = render_text(o, px, line.what, WHITE);
    }
    char footer[OVERLAY_TEXT_LEN];
    snprintf(footer, sizeof footer,
             "Apr\u00e8s une touche, la rotation reprend seule au bout de %lld s.",
             (long long)resume_s);
    o->footer = render_text(o, px, footer, MUTED);
    o->cache_h = h;
    o->cache_allow_quit = keymap_allow_quit(k);
    o->cache_resume_s = resume_s;
}

static void draw_tex(overlay *o, const text_tex *t, int x, int y)
{
    if (t->tex)
        SDL_RenderCopy(o->r, t->tex, NULL, &(SDL_Rect){x, y, t->w, t->h});
}

static void panel(overlay *o, SDL_Rect rect)
{
    SDL_SetRenderDrawBlendMode(o->r, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(o->r, 10, 14, 40, PANEL_ALPHA);
    SDL_RenderFillRect(o->r, &rect);
    SDL_SetRenderDrawColor(o->r, 255, 214, 102, 255);
    SDL_RenderDrawRect(o->r, &rect);
}

void overlay_draw_help(overlay *o, const keymap *k, int64_t resume_s, int w, int h, int dx, int dy)
{
    if (o->cache_h != h || o->cache_allow_quit != keymap_allow_quit(k) ||
        o->cache_resume_s != resume_s)
        build_help(o, k, resume_s, h);
    int line_h = h / LINE_HEIGHT_DIV * 8 / 5;
    int keys_w = 0;
    for (size_t i = 0; i < o->n_lines; i++)
        keys_w = o->keys[i].w > keys_w ? o->keys[i].w : keys_w;
    int pad = line_h;
    int panel_h =
        pad * 2 + o->title.h + line_h / 2 + (int)o->n_lines * line_h + line_h / 2 + o->footer.h;
    int panel_w = w * 4 / 5;
    SDL_Rect rect = {(w - panel_w) / 2 + dx, (h - panel_h) / 2 + dy, panel_w, panel_h};
    panel(o, rect);
    int x = rect.x + pad, y = rect.y + pad;
    draw_tex(o, &o->title, x, y);
    y += o->title.h + line_h / 2;
    for (size_t i = 0; i < o->n_lines; i++, y += line_h) {
        draw_tex(o, &o->keys[i], x, y);
        draw_tex(o, &o->what[i], x + keys_w + pad, y);
    }
    draw_tex(o, &o->footer, x, y + line_h / 2);
}

void overlay_draw_pause(overlay *o, int w, int h, int dx, int dy)
{
    int size = h / PAUSE_SIZE_DIV;
    int margin = size;
    SDL_Rect box = {w - margin - size * 2 + dx, margin + dy, size * 2, size * 2};
    SDL_SetRenderDrawBlendMode(o->r, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(o->r, 0, 0, 0, 140);
    SDL_RenderFillRect(o->r, &box);
    SDL_SetRenderDrawColor(o->r, 255, 255, 255, 200);
    int bar_w = size / 3 > 1 ? size / 3 : 1;
    SDL_Rect left = {box.x + size / 2, box.y + size / 2, bar_w, size};
    SDL_Rect right = {box.x + box.w - size / 2 - bar_w, box.y + size / 2, bar_w, size};
    SDL_RenderFillRect(o->r, &left);
    SDL_RenderFillRect(o->r, &right);
}

void overlay_draw_message(overlay *o, const char *title, const char *line, int w, int h, int dx,
                          int dy)
{
    int px = h / LINE_HEIGHT_DIV;
    if (o->msg_h != h || !o->msg_title || strcmp(o->msg_title, title) != 0 ||
        strcmp(o->msg_line, line) != 0) {
        reset_message(o);
        o->msg[0] = render_text(o, px * 2, title, WHITE);
        o->msg[1] = render_text(o, px, line, MUTED);
        o->msg_title = strdup(title);
        o->msg_line = strdup(line);
        if (o->msg_title && o->msg_line)
            o->msg_h = h; /* else drawn again next time: no cache without the keys */
    }
    const text_tex *t = &o->msg[0], *l = &o->msg[1];
    int total = t->h + px + l->h;
    draw_tex(o, t, (w - t->w) / 2 + dx, (h - total) / 2 + dy);
    draw_tex(o, l, (w - l->w) / 2 + dx, (h - total) / 2 + t->h + px + dy);
}
