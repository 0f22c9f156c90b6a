/* chart: the charts of the slides, drawn onto a canvas: horizontal bars with
 * direct labels, columns (grouped or stacked) with values on top and a
 * legend, a donut with a legend of values and shares, and a grid of big
 * figures, and the context of quoted figures (what they mean, their
 * dates as a timeline). Every chart labels its values directly; units are stated by the
 * slide's subtitle or the legend. Sizes are shared within a chart so that
 * labels of one chart read as one set. */
#ifndef VITRINE_CHART_H
#define VITRINE_CHART_H

#include <stdbool.h>
#include <stddef.h>

#include "canvas.h"
#include "vitrine/date.h"
#include "vitrine/model.h"

#define CHART_MAX_ITEMS 64

typedef struct {
    const char *label;
    double value;
    const char *value_text; /* shown next to the bar / in the legend */
    theme_role color;       /* bar or segment fill */
    theme_role label_fg;    /* THEME_TEXT or THEME_MUTED */
} chart_item;

typedef struct {
    bool label_above; /* long labels: on their own line above the bar */
    float label_frac; /* label column, fraction of the width (labels left) */
    double max;       /* scale; 0: the largest value */
    float row_max;    /* tallest row, of the short side; 0: the default */
} chart_bar_opts;

/* How many of n items a chart of slide c takes: n, at most CHART_MAX_ITEMS;
 * more is logged with the slide's name and `what` ("promotions"). */
size_t chart_cap(const canvas *c, size_t n, const char *what);

/* Rows that fit r at the minimum text size. */
size_t chart_hbars_capacity(const canvas *c, layout_rect r, bool label_above);
void chart_hbars(canvas *c, layout_rect r, const chart_item *items, size_t n,
                 const chart_bar_opts *o);

typedef struct {
    const char *name;
    theme_role color;
} chart_series;

typedef struct {
    const char *const *cats; /* category labels, n_cats */
    size_t n_cats;
    const chart_series *series; /* n_series */
    size_t n_series;
    const double *values;           /* values[s * n_cats + k] */
    const char *const *value_texts; /* grouped: per bar, same indexing */
    const char *const *total_texts; /* stacked: per category */
    bool stacked;
} chart_columns_data;

/* Largest number of categories (the last ones) that fit r legibly. */
size_t chart_columns_capacity(canvas *c, layout_rect r, const chart_columns_data *d);
void chart_columns(canvas *c, layout_rect r, const chart_columns_data *d);

/* Legend on one or more rows; returns the height used. */
float chart_legend(canvas *c, layout_rect r, const chart_series *s, size_t n);

/* Donut (items' color) with the total in the middle and a legend giving
 * each label and value_text. */
void chart_donut(canvas *c, layout_rect r, const chart_item *items, size_t n,
                 const char *center_value, const char *center_label);

typedef struct {
    const char *value; /* "1 360", "72,6 %" */
    const char *label; /* "membres actifs" */
    theme_role color;
} chart_figure;

void chart_figures(canvas *c, layout_rect r, const chart_figure *f, size_t n);

/* A note under a chart that says why its parts do not add up to a total
 * the deck shows (co-incubated products, fellows in two promotions), up
 * to two lines: chart_note_box cuts its box from the bottom of *r (zero
 * height for NULL or ""), chart_note draws it there, after the chart (the
 * text alternative reads it after the chart's values). */
layout_rect chart_note_box(canvas *c, layout_rect *r, const char *text);
void chart_note(canvas *c, layout_rect box, const char *text);

/* The note of a chart of years, to draw with chart_note: the current
 * year's bar is partial ("2026, au 20 août : année en cours", when
 * last_shown is today's year), and a chart that cannot show every year
 * says from when it shows them ("Depuis 2019, faute de place", when
 * first_shown > first). "" when neither. */
#define CHART_NOTE_LEN 160
void chart_years_note(vt_date today, int first, int first_shown, int last_shown,
                      char out[CHART_NOTE_LEN]);
/* chart_note_box for the longest note chart_years_note can give a chart
 * of years from first (room taken before the years that fit are known). */
layout_rect chart_years_note_box(canvas *c, layout_rect *r, vt_date today, int first);

/* A context: its sentence on top, then its steps as a timeline, across r
 * when r is wide, down r when it is tall. Nothing for NULL. At most
 * CHART_MAX_STEPS steps (more is logged). */
#define CHART_MAX_STEPS 4
void chart_context(canvas *c, layout_rect r, const model_context *cx);

#endif
