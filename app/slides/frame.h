/* frame: what every slide shares: background, title and subtitle at the top,
 * and the footer with the data source, "Données du <date>" and the badge of
 * the worst feed state among the feeds this slide uses (demo, failing,
 * stale, offline). Slides built from local programme data name their own
 * source instead and carry no date or badge. The date and badge are the
 * slide's state part (frame_restate), in room reserved for the widest
 * state: a change of state moves nothing else. */
#ifndef VITRINE_FRAME_H
#define VITRINE_FRAME_H

#include "canvas.h"
#include "vitrine/feedstate.h"
#include "vitrine/model.h"
#include "vitrine/stats.h"

#define FRAME_FEED(f) FEEDSTATE_MASK(f) /* a feedstate mask */
#define FRAME_LOCAL 0u                  /* local programme data: no feed */
#define FRAME_TEXT_LEN 256

/* Everything a slide builder reads, borrowed for the build only. */
typedef struct {
    const model *m;
    const stats *s;
    const feedstate_set *fs;
    vt_date today;
} frame_input;

/* Draws the frame and returns the content area left between header and
 * footer. feeds is a FRAME_FEED mask; source is the footer's source line. */
layout_rect frame_begin(canvas *c, const frame_input *in, const char *title, const char *subtitle,
                        unsigned feeds, const char *source);
/* An operator's poster: the band and footer of frame_begin (no feed), the
 * stage between them filled with fill; returns the stage inside its
 * margins. The poster draws its own title. */
layout_rect frame_poster(canvas *c, const frame_input *in, theme_role fill, const char *source);
/* Records the state part of a slide drawn by frame_begin (the footer's
 * date and badge, canvas.h's state part) again for fs and today, in the
 * area frame_begin reserved at the widest any state can need: nothing else
 * is laid out. Returns true when what the slide shows changed; false too
 * for a slide with no feed (FRAME_LOCAL). */
bool frame_restate(canvas *c, const feedstate_set *fs, vt_date today);
/* A QR code of url, the largest that fits box above room for caption (two
 * lines at most, cut with an ellipsis), the caption centred under it: the
 * spotlight's product page, an announcement's site. Returns the code's
 * square (zero size when url cannot be encoded: no caption then). */
layout_rect frame_qr(canvas *c, layout_rect box, const char *url, const char *caption);
/* Fits s into box at the largest size from st's size down to its
 * min_size at which it fits on one line or wrapped (canvas_fit shrinks one
 * line first, then wraps): a title wraps before it shrinks. On success st
 * is set to that size alone (draw with it); when no size fits, st is left
 * as it was and the fit is canvas_fit's (an overflow). */
layout_text frame_fit_wrapping(canvas *c, layout_rect box, const char *s, canvas_style *st);
/* Standard spacing between blocks, pixels. */
float frame_gap(const canvas *c);
/* The footer texts for a feed mask (exposed for tests): the date line and
 * the badge ("" when the data is fresh). */
void frame_status(const feedstate_set *fs, unsigned feeds, char date[FRAME_TEXT_LEN],
                  char badge[FRAME_TEXT_LEN], theme_role *badge_bg);

#endif
