/* textalt: a deck's text alternative, in one arena; the lists grow by
 * doubling (realloc), their strings stay put in the arena. */
#include "vitrine/textalt.h"

#include <stdlib.h>
#include <string.h>

#include "vitrine/arena.h"

#define TEXTALT_FIRST 16

typedef struct {
    textalt_slide s;
    size_t cap_texts, cap_figures;
} slide_slot;

struct textalt {
    arena *a;
    slide_slot *slides;
    size_t n, cap;
};

textalt *textalt_new(void)
{
    textalt *t = calloc(1, sizeof *t);
    if (t && !(t->a = arena_new())) {
        free(t);
        return NULL;
    }
    return t;
}

void textalt_free(textalt *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++) {
        free(t->slides[i].s.texts);
        free(t->slides[i].s.figures);
    }
    free(t->slides);
    arena_free(t->a);
    free(t);
}

static const char *copy(textalt *t, const char *s)
{
    return arena_strdup(t->a, s ? s : "");
}

/* Room for one more of size elem in *list (n used of *cap). */
static bool grow(void **list, size_t n, size_t *cap, size_t elem)
{
    if (n < *cap)
        return true;
    size_t c = *cap ? *cap * 2 : TEXTALT_FIRST;
    void *p = realloc(*list, c * elem);
    if (!p)
        return false;
    *list = p;
    *cap = c;
    return true;
}

bool textalt_slide_begin(textalt *t, const char *file, const char *name, const char *title,
                         const char *subtitle)
{
    if (t->n >= TEXTALT_MAX_SLIDES || !grow((void **)&t->slides, t->n, &t->cap, sizeof *t->slides))
        return false;
    slide_slot *sl = &t->slides[t->n];
    memset(sl, 0, sizeof *sl);
    sl->s.file = copy(t, file);
    sl->s.name = copy(t, name);
    sl->s.title = copy(t, title);
    sl->s.subtitle = copy(t, subtitle);
    if (!sl->s.file || !sl->s.name || !sl->s.title || !sl->s.subtitle)
        return false;
    t->n++;
    return true;
}

bool textalt_text(textalt *t, const char *s)
{
    if (t->n == 0)
        return false;
    slide_slot *sl = &t->slides[t->n - 1];
    const char *c = copy(t, s);
    if (!c || !grow((void **)&sl->s.texts, sl->s.n_texts, &sl->cap_texts, sizeof *sl->s.texts))
        return false;
    sl->s.texts[sl->s.n_texts++] = c;
    return true;
}

bool textalt_figure_add(textalt *t, const char *label, double value, const char *text,
                        textalt_box box)
{
    if (t->n == 0)
        return false;
    slide_slot *sl = &t->slides[t->n - 1];
    textalt_figure f = {copy(t, label), value, copy(t, text), box};
    if (!f.label || !f.text ||
        !grow((void **)&sl->s.figures, sl->s.n_figures, &sl->cap_figures, sizeof *sl->s.figures))
        return false;
    sl->s.figures[sl->s.n_figures++] = f;
    return true;
}

size_t textalt_count(const textalt *t)
{
    return t ? t->n : 0;
}

const textalt_slide *textalt_get(const textalt *t, size_t i)
{
    return t && i < t->n ? &t->slides[i].s : NULL;
}
