/* slides_announce: announcement and poster slides. */
#include "slides_announce.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "vitrine/fmt.h"
#include "vitrine/text.h"

#define QR_SIDE 0.40f    /* of the short side, as the spotlight's: a phone at 1.5 m */
#define TEXT_SIZE 0.075f /* the text's largest size, of the short side */
#define TEXT_MIN_SIZE 0.034f

/* "9 h", "18 h 30". */
static void clock_text(int minute, char *out, size_t outsz)
{
    if (minute % 60)
        snprintf(out, outsz, "%d h %02d", minute / 60, minute % 60);
    else
        snprintf(out, outsz, "%d h", minute / 60);
}

/* One end as a person says it: "7 décembre 2026" or "7 décembre 2026 à 9 h". */
static void end_text(vt_date day, bool has_time, int minute, char *out, size_t outsz)
{
    char d[FMT_LEN], t[FMT_LEN];
    fmt_date(day, d, sizeof d);
    clock_text(minute, t, sizeof t);
    if (has_time)
        text_format(out, outsz, "%s à %s", d, t);
    else
        text_format(out, outsz, "%s", d);
}

void slides_announce_window(const announce *a, char out[SLIDES_ANNOUNCE_WINDOW_LEN])
{
    vt_date first = announce_day(a->from), last = announce_last_day(a);
    int from_min = announce_minute_of_day(a->from), to_min = announce_minute_of_day(a->to);
    char d[FMT_LEN], f[FMT_LEN], t[FMT_LEN];
    if (first == last && !a->from_has_time && !a->to_has_time) {
        fmt_date(first, d, sizeof d);
        text_format(out, SLIDES_ANNOUNCE_WINDOW_LEN, "Le %s", d);
    } else if (first == last || (first + 1 == last && to_min == 0 && a->to_has_time)) {
        /* One day, with hours ("to" at midnight belongs to that day). */
        fmt_date(first, d, sizeof d);
        clock_text(from_min, f, sizeof f);
        clock_text(to_min ? to_min : ANNOUNCE_MINUTES_PER_DAY, t, sizeof t);
        text_format(out, SLIDES_ANNOUNCE_WINDOW_LEN, "Le %s, de %s à %s", d, f, t);
    } else {
        char from[SLIDES_ANNOUNCE_WINDOW_LEN], to[SLIDES_ANNOUNCE_WINDOW_LEN];
        end_text(first, a->from_has_time, from_min, from, sizeof from);
        end_text(a->to_has_time ? announce_day(a->to) : last, a->to_has_time, to_min, to,
                 sizeof to);
        text_format(out, SLIDES_ANNOUNCE_WINDOW_LEN, "Du %s au %s", from, to);
    }
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

static void draw_qr(canvas *c, layout_rect box, const char *url)
{
    char caption[FRAME_TEXT_LEN / 2];
    url_caption(url, caption, sizeof caption);
    frame_qr(c, box, url, caption);
}

bool slides_announce(canvas *c, const frame_input *in, const announce *a)
{
    char window[SLIDES_ANNOUNCE_WINDOW_LEN];
    slides_announce_window(a, window);
    layout_rect area = frame_begin(c, in, a->title, NULL, FRAME_LOCAL, window);
    float g = frame_gap(c), u = canvas_unit(c);
    layout_rect qr_box = {0};
    if (*a->url) {
        float side = QR_SIDE * u;
        qr_box = canvas_portrait(c) ? layout_cut_bottom(&area, side * 1.25f, g * 2)
                                    : layout_cut_right(&area, side, g * 2);
    }
    canvas_style ts = {.face = FONTS_REGULAR,
                       .size = TEXT_SIZE,
                       .min_size = TEXT_MIN_SIZE,
                       .max_lines = LAYOUT_MAX_LINES,
                       .valign = CANVAS_MIDDLE,
                       .fg = THEME_TEXT,
                       .bg = THEME_BG};
    if (*a->text)
        canvas_text_cut(c, area, a->text, &ts);
    if (*a->url) /* after the text: the text alternative reads the text first */
        draw_qr(c, qr_box, a->url);
    return true;
}

bool slides_poster(canvas *c, SDL_Surface *image)
{
    if (!image || image->w <= 0 || image->h <= 0)
        return false;
    layout_rect all = canvas_bounds(c);
    canvas_rect(c, all, THEME_BG);
    /* The largest rectangle of the image's shape inside the slide: whole,
     * never stretched, centred on the background. */
    float sx = all.w / (float)image->w, sy = all.h / (float)image->h;
    float scale = sx < sy ? sx : sy;
    float w = (float)image->w * scale, h = (float)image->h * scale;
    canvas_image(c, (layout_rect){all.x + (all.w - w) / 2, all.y + (all.h - h) / 2, w, h}, image);
    return true;
}
