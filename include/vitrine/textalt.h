/* textalt: the text alternative of a deck of slides, as plain data: for
 * each slide its PNG file, name, title, subtitle, every text it draws in
 * reading order, and the figures behind its charts (label, value, the
 * text drawn for it and where). Filled by the slides' export from what the
 * slide builders recorded on their canvas (no second layout), written as
 * JSON by the json layer (status.h: slides.json, the kiosk's "alt"). All
 * strings are copies owned by the textalt; NULL arguments read as "". */
#ifndef VITRINE_TEXTALT_H
#define VITRINE_TEXTALT_H

#include <stdbool.h>
#include <stddef.h>

#define TEXTALT_MAX_SLIDES 256 /* more: textalt_slide_begin fails (logged by the caller) */

typedef struct {
    float x, y, w, h; /* pixels of the slide; w == 0: not drawn (a zero bar) */
} textalt_box;

typedef struct {
    const char *label; /* "2026 · Produits lancés", "Designers" */
    double value;
    const char *text; /* as drawn: "26", "100 %" */
    textalt_box box;  /* the value label's box as drawn */
} textalt_figure;

typedef struct {
    const char *file, *name, *title, *subtitle;
    const char **texts; /* n_texts, reading order */
    size_t n_texts;
    textalt_figure *figures; /* n_figures, drawing order */
    size_t n_figures;
} textalt_slide;

typedef struct textalt textalt;

textalt *textalt_new(void);    /* NULL when out of memory */
void textalt_free(textalt *t); /* accepts NULL */

/* Starts a slide; the texts and figures added next are its own. False when
 * out of memory or TEXTALT_MAX_SLIDES are there already. */
bool textalt_slide_begin(textalt *t, const char *file, const char *name, const char *title,
                         const char *subtitle);
/* Adds to the last slide begun; false when out of memory or none begun. */
bool textalt_text(textalt *t, const char *s);
bool textalt_figure_add(textalt *t, const char *label, double value, const char *text,
                        textalt_box box);

size_t textalt_count(const textalt *t);
const textalt_slide *textalt_get(const textalt *t, size_t i); /* NULL past the end */

#endif
