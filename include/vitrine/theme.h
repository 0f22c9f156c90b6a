/* theme: the one colour palette and type scale of the screens (French state
 * colours: blue #000091, red #E1000F, greys), as plain data. Every text
 * colour is used only on the backgrounds listed by theme_text_pairs, and each
 * of those pairs has a contrast of THEME_MIN_CONTRAST or more (unit-tested). */
#ifndef VITRINE_THEME_H
#define VITRINE_THEME_H

#include <stdbool.h>
#include <stddef.h>

#define THEME_MIN_CONTRAST 4.5 /* WCAG AA for text */

/* Type scale, as fractions of the screen's short side. Every slide takes
 * its sizes from here: a title is THEME_TEXT_TITLE on every slide (it
 * wraps to two lines before it shrinks, and never below
 * THEME_TEXT_TITLE_MIN); the footer is THEME_TEXT_MIN. */
#define THEME_TEXT_MIN 0.025f /* smallest text anywhere, the footer */
#define THEME_TEXT_BODY 0.030f
#define THEME_TEXT_LABEL 0.034f
#define THEME_TEXT_SUBTITLE 0.036f
#define THEME_TEXT_TITLE 0.060f
#define THEME_TEXT_TITLE_MIN 0.048f /* a title of three lines at most shrinks to this */
#define THEME_TEXT_FIGURE 0.130f
/* An operator's poster (an announcement): its title is the largest text
 * of the deck, the event's date next, its body at most the subtitle's
 * double. */
#define THEME_POSTER_TITLE 0.120f
#define THEME_POSTER_TITLE_MIN THEME_TEXT_TITLE
#define THEME_POSTER_WHEN 0.070f
#define THEME_POSTER_BODY 0.060f

typedef struct {
    unsigned char r, g, b;
} theme_color;

typedef enum {
    THEME_BG,       /* slide background, white */
    THEME_PANEL,    /* footer band and cards, very light grey */
    THEME_BLUE,     /* bleu France: titles, figures, main series */
    THEME_RED,      /* rouge Marianne: accent, second series, alerts */
    THEME_TEXT,     /* body text, near black */
    THEME_MUTED,    /* secondary text, dark grey */
    THEME_ON_DARK,  /* text on blue, red or dark grey fills: white */
    THEME_DARK,     /* dark grey fill (offline / stale badge) */
    THEME_SERIES_3, /* third series: mid blue (not used for text) */
    THEME_INACTIVE, /* de-emphasised bars (not used for text) */
    THEME_GRID,     /* axis and separator lines (not used for text) */
    THEME_COLOR_COUNT
} theme_role;

typedef struct {
    theme_role fg, bg;
} theme_pair;

/* The fills an operator's poster may name ("color" of an announcement),
 * each holding THEME_ON_DARK text; the first is the default. */
#define THEME_POSTER_NAMES "\"blue\", \"red\" or \"dark\""

theme_color theme_get(theme_role role);
/* The poster fill named name ("blue", "red", "dark"; "" or NULL: the
 * default, blue) into *out; false for any other name. */
bool theme_poster_fill(const char *name, theme_role *out);
/* WCAG 2 contrast ratio between two colours, 1..21. */
double theme_contrast(theme_color a, theme_color b);
/* Every (text, background) pair the screens draw. */
const theme_pair *theme_text_pairs(size_t *n);
/* True when fg on bg is one of theme_text_pairs. */
bool theme_pair_allowed(theme_role fg, theme_role bg);

#endif
