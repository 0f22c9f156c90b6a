/* frame: header and footer of every slide, and the feed-state badge. */
#include "frame.h"

#include <math.h>
#include <stdio.h>

#include "vitrine/fmt.h"

#define FRAME_MARGIN 0.05f /* of the short side */
#define FRAME_GAP 0.022f
#define FRAME_BAND 0.008f /* top colour band */
#define FRAME_FOOTER_PAD 0.014f
/* The kiosk's marks' room, in footer text sizes: a pause mark and the
 * pin's pill ("épinglée") side by side. */
#define FRAME_MARKS_EM 9.0f

float frame_gap(const canvas *c)
{
    return FRAME_GAP * canvas_unit(c);
}

/* today: the day the figures are for, DATE_NONE for none. Data is never
 * dated after it: a snapshot replayed with --now in the past (its files
 * copied since) holds the data of that day, not of the copy's. */
static void status_at(const feedstate_set *fs, unsigned feeds, vt_date today,
                      char date[FRAME_TEXT_LEN], char badge[FRAME_TEXT_LEN], theme_role *badge_bg)
{
    feedstate_kind worst = feedstate_worst(fs, feeds);
    int64_t oldest = feedstate_oldest(fs, feeds);
    char day[FMT_LEN];
    badge[0] = '\0';
    *badge_bg = THEME_DARK;
    if (worst == FEEDSTATE_DEMO) {
        snprintf(date, FRAME_TEXT_LEN, "Données fictives de démonstration");
        snprintf(badge, FRAME_TEXT_LEN, "DÉMO");
        *badge_bg = THEME_RED;
        return;
    }
    if (oldest > 0) {
        vt_date d = fmt_unix_day(oldest);
        fmt_date(today != DATE_NONE && d != DATE_NONE && d > today ? today : d, day, sizeof day);
        snprintf(date, FRAME_TEXT_LEN, "Données du %s", day);
    } else {
        snprintf(date, FRAME_TEXT_LEN, "Date des données inconnue");
    }
    if (worst == FEEDSTATE_FAILING) {
        snprintf(badge, FRAME_TEXT_LEN, "MISE À JOUR EN ÉCHEC");
        *badge_bg = THEME_RED;
    } else if (worst == FEEDSTATE_HELD) {
        /* The data shown is the last good copy; the newer one waits for a check. */
        snprintf(badge, FRAME_TEXT_LEN, "MISE À JOUR SUSPENDUE");
    } else if (worst == FEEDSTATE_STALE) {
        snprintf(badge, FRAME_TEXT_LEN, "DONNÉES ANCIENNES");
    } else if (worst == FEEDSTATE_OFFLINE) {
        snprintf(badge, FRAME_TEXT_LEN, "HORS LIGNE");
    }
}

void frame_status(const feedstate_set *fs, unsigned feeds, char date[FRAME_TEXT_LEN],
                  char badge[FRAME_TEXT_LEN], theme_role *badge_bg)
{
    status_at(fs, feeds, DATE_NONE, date, badge, badge_bg);
}

static const canvas_style footer_style = {.face = FONTS_REGULAR,
                                          .size = THEME_TEXT_MIN,
                                          .max_lines = 2,
                                          .valign = CANVAS_MIDDLE,
                                          .fg = THEME_MUTED,
                                          .bg = THEME_PANEL};

/* The badge's pill at the right end of band. */
static layout_rect badge_pill(canvas *c, layout_rect band, const char *badge)
{
    int px = canvas_px(c, THEME_TEXT_MIN);
    float pad = (float)px * 0.6f;
    float w = (float)canvas_measure(c, FONTS_BOLD, px, badge) + 2 * pad;
    float h = (float)layout_line_height(px) + pad * 0.5f;
    return (layout_rect){band.x + band.w - w, band.y + (band.h - h) / 2, w, h};
}

static void draw_badge(canvas *c, layout_rect pill, const char *badge, theme_role bg)
{
    canvas_round_rect(c, pill, pill.h / 2, bg);
    canvas_style st = {.face = FONTS_BOLD,
                       .size = THEME_TEXT_MIN,
                       .align = CANVAS_CENTER,
                       .valign = CANVAS_MIDDLE,
                       .fg = THEME_ON_DARK,
                       .bg = bg};
    canvas_text(c, pill, badge, &st);
}

/* Width of the date and badge together, as drawn: the date, a gap, the pill. */
static float state_width(canvas *c, const char *date, const char *badge)
{
    int px = canvas_px(c, THEME_TEXT_MIN);
    float w = (float)canvas_measure(c, FONTS_REGULAR, px, date);
    if (*badge)
        w += frame_gap(c) + badge_pill(c, (layout_rect){0}, badge).w;
    return w;
}

/* The widest the footer's state can be, whatever the feeds' state: the
 * footer's geometry (one row or stacked, so where the content ends) then
 * never depends on it, and a change of state records the state part again
 * and lays nothing else out. A dated state is "Données du <day> <month>
 * <year>" with any badge but DÉMO: the longest month, the day and year in
 * the widest digit; the demo state has its own date and badge. */
static float state_reserve(canvas *c)
{
    static const char *const badges[] = {"MISE À JOUR EN ÉCHEC", "MISE À JOUR SUSPENDUE",
                                         "DONNÉES ANCIENNES", "HORS LIGNE", ""};
    int px = canvas_px(c, THEME_TEXT_MIN);
    char digit = '0';
    for (char d = '1'; d <= '9'; d++)
        if (canvas_measure(c, FONTS_REGULAR, px, (char[]){d, '\0'}) >
            canvas_measure(c, FONTS_REGULAR, px, (char[]){digit, '\0'}))
            digit = d;
    char dated[FRAME_TEXT_LEN], first[FRAME_TEXT_LEN];
    snprintf(dated, sizeof dated, "Données du %c%c septembre %c%c%c%c", digit, digit, digit, digit,
             digit, digit);
    snprintf(first, sizeof first, "Données du 1ᵉʳ septembre %c%c%c%c", digit, digit, digit, digit);
    const char *dates[] = {dated, first, "Date des données inconnue"};
    float widest = state_width(c, "Données fictives de démonstration", "DÉMO");
    for (size_t i = 0; i < sizeof dates / sizeof *dates; i++)
        for (size_t k = 0; k < sizeof badges / sizeof *badges; k++) {
            float w = state_width(c, dates[i], badges[k]);
            widest = w > widest ? w : widest;
        }
    return ceilf(widest);
}

/* The kiosk's marks (pause, pin) in the footer's room, up to the state
 * drawn from state_x on (the date as it is, not the widest it can be):
 * where they never cover the slide. When that is too narrow for them,
 * the top margin's right end, over the title's box but never its text
 * (the title starts below it). */
static void place_marks(canvas *c, float state_x)
{
    layout_rect room;
    canvas_marks(c, &room, NULL);
    int px = canvas_px(c, THEME_TEXT_MIN);
    float gap = frame_gap(c);
    layout_rect area = {room.x, room.y, state_x - gap - room.x, room.h};
    if (room.w <= 0 || area.w < FRAME_MARKS_EM * (float)px) {
        float u = canvas_unit(c), band = FRAME_BAND * u, m = FRAME_MARGIN * u;
        float margin = m * 0.8f, w = FRAME_MARKS_EM * (float)px; /* frame_begin's */
        area =
            (layout_rect){(float)canvas_width(c) - m - w, band + margin * 0.15f, w, margin * 0.7f};
    }
    canvas_set_marks(c, room, area);
}

/* The date and badge, right-aligned in the area draw_footer reserved. */
bool frame_restate(canvas *c, const feedstate_set *fs, vt_date today)
{
    layout_rect r;
    unsigned feeds = canvas_state_tag(c, &r);
    if (!feeds)
        return false;
    canvas *st = canvas_state_begin(c);
    if (!st)
        return false;
    char date[FRAME_TEXT_LEN] = "", badge[FRAME_TEXT_LEN] = "";
    theme_role badge_bg = THEME_DARK;
    status_at(fs, feeds, today, date, badge, &badge_bg);
    layout_rect pill = {0};
    if (*badge) {
        pill = badge_pill(st, r, badge);
        r.w = pill.x - frame_gap(st) - r.x;
    }
    canvas_style ds = footer_style;
    ds.align = CANVAS_RIGHT;
    ds.max_lines = 1;
    layout_rect drawn = canvas_text(st, r, date, &ds);
    if (*badge)
        draw_badge(st, pill, badge, badge_bg);
    place_marks(c, drawn.w > 0 ? drawn.x : pill.x);
    return canvas_state_end(c, st);
}

/* Footer: source on the left; date and badge on the right, on the same row
 * when the source and the widest state fit, else on a second row. Returns
 * the band's top. The text alternative reads it last: source, date, badge
 * (the state part comes after every other text). */
static float draw_footer(canvas *c, const frame_input *in, unsigned feeds, const char *source)
{
    float u = canvas_unit(c), m = FRAME_MARGIN * u, pad = FRAME_FOOTER_PAD * u;
    int px = canvas_px(c, THEME_TEXT_MIN);
    float line = (float)layout_line_height(px), gap = frame_gap(c);
    float inner = (float)canvas_width(c) - 2 * m;
    float right = feeds ? state_reserve(c) : 0;
    float src_w = (float)canvas_measure(c, FONTS_REGULAR, px, source);
    bool one_row = src_w + gap + right <= inner;
    /* Stacked: the source may itself need two lines. */
    float src_lines = one_row || src_w <= inner ? 1 : 2;
    float band_h = 2 * pad + (one_row ? line * 1.3f : (src_lines + 1) * line * 1.3f + pad);
    layout_rect band = {0, (float)canvas_height(c) - band_h, (float)canvas_width(c), band_h};
    canvas_rect(c, band, THEME_PANEL);
    layout_rect inside = layout_inset(band, m, pad);
    layout_rect row_src = inside, row_right = inside;
    if (!one_row) {
        row_src = layout_cut_top(&row_right, src_lines * line * 1.3f, pad);
    } else {
        row_right = layout_cut_right(&row_src, right, gap);
    }
    canvas_read_tail(c, true);
    layout_rect src = canvas_text(c, row_src, source, &footer_style);
    canvas_read_tail(c, false);
    /* The marks' room: the last row, from after the source (one row) or
     * the row's start (stacked); frame_restate ends it at the state. */
    float from = one_row ? src.x + src.w + gap : row_right.x;
    layout_rect room = {from, row_right.y, row_right.x + row_right.w - from, row_right.h};
    canvas_set_marks(c, room, room);
    if (!feeds) /* no state: the room is the row's */
        place_marks(c, room.x + room.w + gap);
    canvas_state_area(c, row_right, feeds);
    frame_restate(c, in->fs, in->today);
    return band.y;
}

layout_text frame_fit_wrapping(canvas *c, layout_rect box, const char *s, canvas_style *st)
{
    int hi = canvas_px(c, st->size), lo = canvas_px(c, st->min_size);
    if (st->max_px > 0 && st->max_px < hi)
        hi = st->max_px;
    canvas_style at = *st;
    at.min_size = at.size; /* at one size: one line, else wrapped, never smaller */
    int best = 0;
    while (lo <= hi) { /* the largest size that fits, wrapped */
        int mid = (lo + hi) / 2;
        at.max_px = mid;
        if (canvas_fit(c, box, s, &at).overflow) {
            hi = mid - 1;
        } else {
            best = mid;
            lo = mid + 1;
        }
    }
    if (best > 0) {
        at.max_px = best;
        *st = at;
    }
    return canvas_fit(c, box, s, st);
}

/* The background and the state's colours as a thin band: blue, white, red.
 * Returns the band's height. */
static float draw_band(canvas *c)
{
    float W = (float)canvas_width(c), band = FRAME_BAND * canvas_unit(c);
    canvas_rect(c, canvas_bounds(c), THEME_BG);
    canvas_rect(c, (layout_rect){0, 0, W * 0.6f, band}, THEME_BLUE);
    canvas_rect(c, (layout_rect){W * 0.8f, 0, W * 0.2f, band}, THEME_RED);
    return band;
}

layout_rect frame_poster(canvas *c, const frame_input *in, theme_role fill, const char *source)
{
    float u = canvas_unit(c), m = FRAME_MARGIN * u, W = (float)canvas_width(c);
    float band = draw_band(c);
    float footer_top = draw_footer(c, in, FRAME_LOCAL, source);
    canvas_rect(c, (layout_rect){0, band, W, footer_top - band}, fill);
    return (layout_rect){m, band + m * 0.8f, W - 2 * m, footer_top - band - m * 1.6f};
}

layout_rect frame_begin(canvas *c, const frame_input *in, const char *title, const char *subtitle,
                        unsigned feeds, const char *source)
{
    float u = canvas_unit(c), m = FRAME_MARGIN * u, gap = frame_gap(c);
    float W = (float)canvas_width(c);
    canvas_read_heading(c, title, subtitle);
    float band = draw_band(c);
    float footer_top = draw_footer(c, in, feeds, source);
    layout_rect area = {m, band + m * 0.8f, W - 2 * m, footer_top - band - m * 0.8f - gap};
    /* The scale's title size on every slide: a long title wraps to two
     * lines at that size, and only beyond shrinks (three lines at most). */
    canvas_style ts = {.face = FONTS_BOLD,
                       .size = THEME_TEXT_TITLE,
                       .min_size = THEME_TEXT_TITLE_MIN,
                       .max_lines = 3,
                       .fg = THEME_BLUE,
                       .bg = THEME_BG};
    float title_h = fmaxf(2 * (float)layout_line_height(canvas_px(c, THEME_TEXT_TITLE)),
                          3 * (float)layout_line_height(canvas_px(c, THEME_TEXT_TITLE_MIN)));
    layout_rect tbox = layout_cut_top(&area, title_h, 0);
    frame_fit_wrapping(c, tbox, title, &ts);
    layout_rect used = canvas_text(c, tbox, title, &ts);
    /* Give back what the title did not use. */
    area.y = used.y + used.h + gap * 0.4f;
    area.h = footer_top - gap - area.y;
    if (subtitle && *subtitle) {
        canvas_style ss = {.face = FONTS_REGULAR,
                           .size = THEME_TEXT_SUBTITLE,
                           .max_lines = 2,
                           .fg = THEME_MUTED,
                           .bg = THEME_BG};
        float sub_h = 2 * (float)layout_line_height(canvas_px(c, THEME_TEXT_SUBTITLE));
        layout_rect sbox = layout_cut_top(&area, sub_h, 0);
        frame_fit_wrapping(c, sbox, subtitle, &ss); /* two lines before smaller */
        used = canvas_text(c, sbox, subtitle, &ss);
        area.y = used.y + used.h;
        area.h = footer_top - gap - area.y;
    }
    /* Breathing room between header and content. */
    layout_cut_top(&area, gap * 1.5f, 0);
    return area;
}

layout_rect frame_qr(canvas *c, layout_rect box, const char *url, const char *caption)
{
    canvas_style cs = {.face = FONTS_REGULAR,
                       .size = THEME_TEXT_BODY,
                       .max_lines = 2,
                       .align = CANVAS_CENTER,
                       .valign = CANVAS_TOP,
                       .fg = THEME_MUTED,
                       .bg = THEME_BG};
    float caption_h = 2.2f * (float)layout_line_height(canvas_px(c, THEME_TEXT_BODY));
    layout_rect cap = layout_cut_bottom(&box, caption_h, 0);
    layout_rect code = canvas_qr(c, box, url, THEME_TEXT);
    if (code.h <= 0)
        return code;
    cap.y = code.y + code.h;
    canvas_text_cut(c, cap, caption, &cs);
    /* The code's link, which the picture alone gives. */
    canvas_read_add(c, " : ");
    canvas_read_add(c, url);
    return code;
}
