/* slides_announce: announcement and poster slides. */
#include "slides_announce.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "vitrine/fmt.h"
#include "vitrine/log.h"
#include "vitrine/text.h"

#define QR_SIDE 0.40f        /* of the short side, as the spotlight's: a phone at 1.5 m */
#define QR_PAD 0.025f        /* the white card around the code, of the short side */
#define TITLE_SHARE 0.6f     /* of the column's height the title may take */
#define TITLE_SHARE_MIN 0.2f /* when the text needs the room */
#define MAX_GROW 2.5f        /* a short poster's texts grow up to this much ... */
#define GROW_STEP 0.1f       /* ... in these steps ... */
#define MAX_SPACE 0.06f      /* ... until no space around them is over this share of the height */

/* "9 h", "18 h 30" (no-break spaces). */
static void clock_text(int minute, char *out, size_t outsz)
{
    /* No-break spaces: "14 h 30" is never split over two lines. */
    if (minute % 60)
        snprintf(out, outsz, "%d" FMT_NBSP "h" FMT_NBSP "%02d", minute / 60, minute % 60);
    else
        snprintf(out, outsz, "%d" FMT_NBSP "h", minute / 60);
}

/* 1970-01-01 (vt_date 0) was a Thursday. */
static const char *const WEEKDAYS[] = {"jeudi", "vendredi", "samedi",  "dimanche",
                                       "lundi", "mardi",    "mercredi"};

void slides_announce_when(const announce *a, vt_date today, char out[SLIDES_ANNOUNCE_WHEN_LEN])
{
    *out = '\0';
    if (!a->has_when)
        return;
    vt_date d = announce_day(a->when);
    char day[FMT_LEN], year[16], t[FMT_LEN];
    size_t len = fmt_date(d, day, sizeof day);
    int y, m, dd, ty = 0, tm, td;
    date_to_ymd(d, &y, &m, &dd);
    if (today != DATE_NONE)
        date_to_ymd(today, &ty, &tm, &td);
    size_t ylen = (size_t)snprintf(year, sizeof year, " %d", y);
    /* This year's event needs no year: "jeudi 10 décembre". */
    if (y == ty && len > ylen && strcmp(day + len - ylen, year) == 0)
        day[len - ylen] = '\0';
    const char *wd = WEEKDAYS[((d % 7) + 7) % 7];
    clock_text(announce_minute_of_day(a->when), t, sizeof t);
    if (a->when_has_time)
        text_format(out, SLIDES_ANNOUNCE_WHEN_LEN, "%s %s, %s", wd, day, t);
    else
        text_format(out, SLIDES_ANNOUNCE_WHEN_LEN, "%s %s", wd, day);
}

/* The caption under the code: the site it leads to, its host alone (a
 * path is one long word no box of the code's width holds; the code has
 * it all). */
static void url_caption(const char *url, char *out, size_t outsz)
{
    const char *host = strncasecmp(url, "https://", 8) == 0  ? url + 8
                       : strncasecmp(url, "http://", 7) == 0 ? url + 7
                                                             : url;
    size_t len = strcspn(host, "/?#");
    text_clean(host, len, out, outsz);
}

/* The code and its host on a white card (a camera needs a light quiet
 * zone), the card as small as they are, centred in box. */
static void draw_qr(canvas *c, layout_rect box, const char *url)
{
    char caption[FRAME_TEXT_LEN / 2];
    url_caption(url, caption, sizeof caption);
    float u = canvas_unit(c), pad = QR_PAD * u, side = QR_SIDE * u;
    float cap_h = 2.2f * (float)layout_line_height(canvas_px(c, THEME_TEXT_BODY));
    float w = fminf(box.w, side + 2 * pad), h = fminf(box.h, side + cap_h + 2 * pad);
    layout_rect card = {box.x + (box.w - w) / 2, box.y + (box.h - h) / 2, w, h};
    canvas_round_rect(c, card, pad, THEME_BG);
    frame_qr(c, layout_inset(card, pad, pad), url, caption);
}

/* The three texts of a poster, top to bottom. */
enum { P_TITLE, P_WHEN, P_BODY, P_COUNT };

typedef struct {
    const char *s[P_COUNT];
    canvas_style st[P_COUNT];
    layout_text t[P_COUNT];
} poster_texts;

static void poster_styles(poster_texts *p, theme_role fill, float grow)
{
    static const struct {
        fonts_face face;
        float size, min_size;
        int lines;
    } scale[P_COUNT] = {
        [P_TITLE] = {FONTS_BOLD, THEME_POSTER_TITLE, THEME_POSTER_TITLE_MIN, 3},
        [P_WHEN] = {FONTS_BOLD, THEME_POSTER_WHEN, THEME_TEXT_SUBTITLE, 2},
        [P_BODY] = {FONTS_REGULAR, THEME_POSTER_BODY, THEME_TEXT_BODY, LAYOUT_MAX_LINES},
    };
    for (int k = 0; k < P_COUNT; k++)
        p->st[k] = (canvas_style){.face = scale[k].face,
                                  .size = scale[k].size * grow,
                                  .min_size = scale[k].min_size,
                                  .max_lines = scale[k].lines,
                                  .fg = THEME_ON_DARK,
                                  .bg = fill};
}

/* Fits the texts into col at grow times the scale's sizes: the title in
 * title_share of the column, the date in a quarter, the body in what is left; each
 * smaller than the title. Returns the free height left. */
static float poster_fit(canvas *c, poster_texts *p, layout_rect col, theme_role fill, float grow,
                        float title_share)
{
    poster_styles(p, fill, grow);
    float left = col.h, gap = frame_gap(c);
    float share[P_COUNT] = {title_share, 0.25f, 1.0f};
    /* Below the title, at most this share of its size: a hierarchy. */
    float below[P_COUNT] = {1.0f, 0.8f, 0.7f};
    int title_px = 0;
    for (int k = 0; k < P_COUNT; k++) {
        memset(&p->t[k], 0, sizeof p->t[k]);
        if (!*p->s[k])
            continue;
        if (k != P_TITLE && title_px > 0)
            p->st[k].max_px = (int)((float)title_px * below[k]);
        layout_rect box = {col.x, col.y, col.w, k == P_BODY ? left : col.h * share[k]};
        p->t[k] = frame_fit_wrapping(c, box, p->s[k], &p->st[k]);
        if (k == P_TITLE)
            title_px = p->t[k].px;
        left -= (float)p->t[k].height + gap;
    }
    return left;
}

/* The texts down col, spread evenly: the same space above the first,
 * between two and below the last (n texts, n + 1 spaces: a title that
 * cannot grow wider leaves the room to three spaces, not to one between
 * two halves); the texts grow (up to MAX_GROW) while a space would be
 * over MAX_SPACE of the height, a band of empty screen. */
static void draw_poster_texts(canvas *c, poster_texts *p, layout_rect col, theme_role fill,
                              const char *title)
{
    int n = 0;
    for (int k = 0; k < P_COUNT; k++)
        n += *p->s[k] != '\0';
    /* A text too long for the room the title leaves: the title gets less
     * room (down to the scale's title size) before the text is cut. */
    float title_share = TITLE_SHARE, free = poster_fit(c, p, col, fill, 1.0f, title_share);
    while (*p->s[P_BODY] && p->t[P_BODY].overflow && title_share > TITLE_SHARE_MIN + 1e-3f) {
        title_share -= 0.1f;
        free = poster_fit(c, p, col, fill, 1.0f, title_share);
    }
    float grow = 1.0f;
    float limit = MAX_SPACE * (float)canvas_height(c);
    while (free > limit * (float)(n + 1) && grow + GROW_STEP <= MAX_GROW + 1e-3f) {
        poster_texts bigger = *p;
        float f = poster_fit(c, &bigger, col, fill, grow + GROW_STEP, title_share);
        if (f < 0 || bigger.t[P_BODY].overflow)
            break;
        *p = bigger, free = f, grow += GROW_STEP;
    }
    log_debug("slides", "[%s] poster texts at %.1f times the scale, %.0f px free", canvas_name(c),
              grow, free);
    if (*p->s[P_BODY] && p->t[P_BODY].overflow)
        log_info("slides",
                 "announcement '%s': its text does not fit even at the smallest size, "
                 "cut with an ellipsis",
                 title);
    free = fmaxf(free, 0);
    float between = free / (float)(n + 1);
    float space = between + frame_gap(c);
    float y = col.y + between;
    for (int k = 0; k < P_COUNT; k++) {
        if (!*p->s[k])
            continue;
        canvas_style st = p->st[k];
        if (!p->t[k].overflow) /* the size fitted above, whatever the box's rounding */
            st.max_px = p->t[k].px, st.min_size = st.size;
        float h = k == P_BODY ? col.y + col.h - y : (float)p->t[k].height;
        layout_rect box = {col.x, y, col.w, fmaxf(h, (float)p->t[k].height)};
        if (k == P_BODY)
            canvas_text_cut(c, box, p->s[k], &st);
        else
            canvas_text(c, box, p->s[k], &st);
        y += (float)p->t[k].height + space;
    }
}

bool slides_announce(canvas *c, const frame_input *in, const announce *a)
{
    theme_role fill = THEME_BLUE;
    theme_poster_fill(a->color, &fill); /* validated when read; else the default */
    layout_rect area = frame_poster(c, in, fill, "Annonce");
    float g = frame_gap(c), u = canvas_unit(c);
    layout_rect qr_box = {0};
    if (*a->url) {
        float side = QR_SIDE * u + 2 * QR_PAD * u;
        float cap_h = 2.2f * (float)layout_line_height(canvas_px(c, THEME_TEXT_BODY));
        qr_box = canvas_portrait(c) ? layout_cut_bottom(&area, side + cap_h, g * 2)
                                    : layout_cut_right(&area, side, g * 3);
    }
    char when[SLIDES_ANNOUNCE_WHEN_LEN];
    slides_announce_when(a, in->today, when);
    canvas_read_heading(c, a->title, when); /* the text alternative's heading */
    poster_texts p = {.s = {a->title, when, a->text}};
    draw_poster_texts(c, &p, area, fill, a->title);
    if (*a->url) /* after the text: the text alternative reads the text first */
        draw_qr(c, qr_box, a->url);
    return true;
}

/* The line under a small poster: its size and the size to export it at. */
static void small_line(const canvas *c, int w, int h, char *out, size_t outsz)
{
    text_format(out, outsz,
                "Affiche de %d \xC3\x97 %d px\xC2\xA0: exportez-la en %d \xC3\x97 %d pour "
                "l\xE2\x80\x99\xC3\xA9"
                "cran",
                w, h, canvas_width(c), canvas_height(c));
}

bool slides_poster(canvas *c, SDL_Surface *image, int small_w, int small_h)
{
    if (!image || image->w <= 0 || image->h <= 0)
        return false;
    layout_rect all = canvas_bounds(c);
    canvas_rect(c, all, THEME_BG);
    /* The largest rectangle of the image's shape inside the slide: whole,
     * never stretched, centred on the background. A small file is loaded
     * at twice its size (more would be a blur) and shown so, with a line
     * that says so to the operator. */
    bool small = small_w > 0 && small_h > 0;
    layout_rect room = all;
    if (small) {
        char line[FRAME_TEXT_LEN];
        small_line(c, small_w, small_h, line, sizeof line);
        canvas_style ls = {.face = FONTS_REGULAR,
                           .size = THEME_TEXT_BODY,
                           .max_lines = 2,
                           .align = CANVAS_CENTER,
                           .valign = CANVAS_MIDDLE,
                           .fg = THEME_MUTED,
                           .bg = THEME_BG};
        float m = frame_gap(c) * 2;
        float line_h = 2.4f * (float)layout_line_height(canvas_px(c, THEME_TEXT_BODY));
        room = layout_inset(all, m, m);
        layout_rect lbox = layout_cut_bottom(&room, line_h, m);
        canvas_text(c, lbox, line, &ls);
    }
    float sx = room.w / (float)image->w, sy = room.h / (float)image->h;
    float scale = fminf(sx, sy);
    if (small)
        scale = fminf(scale, 1.0f);
    float w = (float)image->w * scale, h = (float)image->h * scale;
    canvas_image(c, (layout_rect){room.x + (room.w - w) / 2, room.y + (room.h - h) / 2, w, h},
                 image);
    return true;
}
