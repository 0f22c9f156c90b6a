/* export: writes every slide that has data as a PNG, with no display: a
 * software renderer draws into a memory surface and SDL2_image saves it;
 * and beside it the slide's text alternative, a text file. Same inputs
 * give the same bytes (no clock, no randomness, fixed fonts). Used by
 * `vitrine --render-slides` for README screenshots and by tests. */
#ifndef VITRINE_EXPORT_H
#define VITRINE_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "vitrine/announce.h"
#include "vitrine/date.h"
#include "vitrine/feedstate.h"
#include "vitrine/model.h"
#include "vitrine/posters.h"
#include "vitrine/stats.h"
#include "vitrine/textalt.h"

#define EXPORT_ERR_LEN 512
#define EXPORT_MAX_SIDE 8192 /* larger outputs are refused */

typedef struct {
    size_t slides;    /* in the deck */
    size_t written;   /* PNG files written (slides with data) */
    size_t overflows; /* layout problems reported by the deck */
    int smallest_px;  /* smallest text size used */
} export_report;

typedef enum {
    EXPORT_OK = 0,
    EXPORT_BAD_SIZE, /* a side is not in 1..EXPORT_MAX_SIDE */
    EXPORT_FAILED    /* a directory, a file, SDL or the slides failed: err says which */
} export_status;

/* What the configuration adds to the data's slides. */
typedef struct {
    const char *focus;                  /* the focus incubator (deck_set_focus); NULL or "": none */
    const announce_list *announcements; /* the configuration's; NULL: none */
    const char *posters_dir;            /* NULL or "": none */
    announce_time now;                  /* the announcements' windows are checked at this time */
    posters_limits posters_limits;      /* kiosk.poster_max_pixels, kiosk.posters_max_bytes */
    textalt *alt; /* NULL, or gets each PNG's text alternative (deck_slide_alt) */
} export_content;

/* Writes DIR/slide-NN-name.png (NN = position in the deck, from 01) and
 * beside it DIR/slide-NN-name.txt, the slide's text alternative
 * (deck_slide_line: one text a line, in reading order, UTF-8): the
 * announcements inside their window at content->now, each poster of
 * posters_dir (scanned at the stage's size; a file refused is one log
 * line naming it). DIR is created if missing. On failure err names the
 * file, the slide or the SDL call. */
export_status export_slides(const model *m, const stats *s, const feedstate_set *fs, vt_date today,
                            const export_content *content, int width, int height, const char *dir,
                            export_report *rep, char err[EXPORT_ERR_LEN]);

#endif
