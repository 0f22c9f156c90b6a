/* deck: implements deck.h. deck_update builds every slide as a display list
 * (canvas) and checks it; deck_draw renders a slide once into a texture and
 * then only copies it, keeping DECK_TEXTURE_SLOTS slide textures (current,
 * next, previous) so memory stays bounded at any screen size. */
#include "vitrine/deck.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canvas.h"
#include "slides_announce.h"
#include "slides_eig.h"
#include "slides_incubator.h"
#include "slides_people.h"
#include "slides_products.h"
#include "slides_team.h"
#include "vitrine/arena.h"
#include "vitrine/filetitle.h"
#include "vitrine/fonts.h"
#include "vitrine/log.h"
#include "vitrine/spotlight.h"
#include "vitrine/text.h"
#include "vitrine/textcache.h"
#include "vitrine/typo.h"
#include "vitrine/vclock.h"

#define DECK_TEXTURE_SLOTS 2 /* a transition draws two slides */
#define DECK_NAME_LEN POSTERS_NAME_LEN

typedef bool (*deck_builder)(canvas *c, const frame_input *in);

static bool build_eig_published(canvas *c, const frame_input *in)
{
    return slides_eig_published(c, in, "eig");
}

static bool build_certification(canvas *c, const frame_input *in)
{
    return slides_eig_published(c, in, "certification");
}

/* The playlist order. NULL builder: the spotlight, built from the deck's own
 * copy of the candidates so it can change every cycle. */
static const struct {
    const char *name, *title;
    deck_builder build;
} catalog[] = {
    {"overview", "beta.gouv.fr en chiffres", slides_products_overview},
    {"products-by-phase", "Produits par phase", slides_products_phases},
    {"launches-per-year", "Produits lancés par année", slides_products_launches},
    {"incubators", "Produits actifs par incubateur", slides_products_incubators},
    {"quality", "Standards de qualité", slides_products_quality},
    {DECK_SPOTLIGHT, "Un produit à la une", NULL},
    {"community-domains", "La communauté par domaine", slides_people_domains},
    {"community-status", "Agents publics, indépendants, prestataires", slides_people_statuses},
    {"newcomers", "Nouveaux membres par année", slides_people_newcomers},
    {"coaching", "Le coaching des produits", slides_people_coaching},
    {"coaching-market", "Le marché interministériel de coaching", slides_people_market},
    {"coaching-budget", "Le budget du coaching InserJeunes", slides_people_budget},
    {"eig", "Entrepreneurs d’intérêt général", slides_eig},
    {"eig-promotions", "Les promotions EIG", slides_eig_promotions},
    {"eig-profiles", "Les profils des EIG", slides_eig_profiles},
    {"eig-published", "Ce que devient le programme EIG", build_eig_published},
    {"certification", "La certification des intrapreneurs", build_certification},
};
#define CATALOG_N (sizeof catalog / sizeof *catalog)

/* The focus incubator's slides, after the overview (deck_set_focus). */
typedef bool (*focus_builder)(canvas *c, const frame_input *in, const stats_focus *f);
static const struct {
    const char *name, *title;
    focus_builder build;
} focus_catalog[] = {
    {"incubator-phases", "Les produits de l’incubateur", slides_incubator_phases},
    {"incubator-teams", "Les équipes de l’incubateur", slides_incubator_teams},
    {"incubator-newest", "Les derniers-nés de l’incubateur", slides_incubator_newest},
};
#define FOCUS_N (sizeof focus_catalog / sizeof *focus_catalog)
#define FOCUS_AFTER "overview"

bool deck_knows_slide(const char *name)
{
    for (size_t i = 0; i < CATALOG_N; i++)
        if (strcmp(catalog[i].name, name) == 0)
            return true;
    for (size_t i = 0; i < FOCUS_N; i++)
        if (strcmp(focus_catalog[i].name, name) == 0)
            return true;
    const char *page = strncmp(name, "team-", 5) == 0 ? name + 5 : "";
    return *page >= '1' && *page <= '9' && strspn(page, "0123456789") == strlen(page) &&
           strlen(page) <= 2;
}

typedef struct {
    char name[DECK_NAME_LEN];
    char title[FRAME_TEXT_LEN];
    bool has_data; /* shown now: has content and, when timed, is inside its window */
    bool content;  /* the builder drew something */
    bool timed;    /* an announcement: shown in [from, to) */
    announce_time from, to;
    int64_t duration_ms; /* its own, 0: the playlist's */
    canvas *cv;
} deck_slide;

typedef struct {
    SDL_Texture *tex;
    size_t index;
    uint64_t used; /* LRU tick: 64 bits, never wraps (32-bit long on armhf) */
    size_t drawn;  /* operations of the slide drawn into tex so far */
    bool done;     /* all of them: tex is the slide */
} deck_slot;

struct deck {
    SDL_Renderer *r;
    fonts *fonts;
    textcache *tc;
    deck_slide *slides;
    size_t n;
    deck_slot slots[DECK_TEXTURE_SLOTS];
    uint64_t tick;
    int w, h;
    /* Spotlight: the candidates, copied, and what the frame needs. */
    arena *spot_arena;
    slides_products_spot *spots;
    size_t n_spots, spot_slide;
    unsigned long cycle;
    unsigned long spot_logged; /* the cycle whose product was last logged */
    feedstate_set fs;
    vt_date today;
    /* Focus incubator: the id, and the one it was found unknown for (so
     * that is logged once, not at every rebuild). */
    char focus[DECK_FOCUS_LEN], focus_unknown[DECK_FOCUS_LEN];
    /* The operator's: the configuration's announcements (a copy), the
     * posters (borrowed), and the time the windows are checked at. */
    announce_list announcements;
    const posters *posters;
    announce_time now;
    bool have_now;
    bool keep_text; /* the slides' text alternative is kept (deck_keep_text) */
};

static void drop_slot(deck_slot *s)
{
    if (s->tex)
        SDL_DestroyTexture(s->tex);
    *s = (deck_slot){0};
}

static void drop_textures(deck *d)
{
    for (int k = 0; k < DECK_TEXTURE_SLOTS; k++)
        drop_slot(&d->slots[k]);
}

static deck_status nomem(char err[DECK_ERR_LEN], const char *what)
{
    snprintf(err, DECK_ERR_LEN, "deck: out of memory building %s", what);
    return DECK_NOMEM;
}

deck *deck_new(SDL_Renderer *r, char err[DECK_ERR_LEN])
{
    char ferr[FONTS_ERR_LEN];
    deck *d = calloc(1, sizeof *d);
    if (!d) {
        snprintf(err, DECK_ERR_LEN, "deck: out of memory");
        return NULL;
    }
    d->fonts = fonts_new(ferr);
    if (!d->fonts) {
        snprintf(err, DECK_ERR_LEN, "deck: %.240s", ferr);
        free(d);
        return NULL;
    }
    if (r && deck_attach(d, r, err) != DECK_OK) {
        deck_free(d);
        return NULL;
    }
    return d;
}

deck_status deck_attach(deck *d, SDL_Renderer *r, char err[DECK_ERR_LEN])
{
    textcache *tc = textcache_new(r, d->fonts);
    if (!tc)
        return nomem(err, "the text cache");
    drop_textures(d);
    textcache_free(d->tc);
    d->tc = tc;
    d->r = r;
    return DECK_OK;
}

static void free_slides(deck_slide *s, size_t n)
{
    for (size_t i = 0; s && i < n; i++)
        canvas_free(s[i].cv);
    free(s);
}

void deck_free(deck *d)
{
    if (!d)
        return;
    drop_textures(d);
    free_slides(d->slides, d->n);
    arena_free(d->spot_arena);
    textcache_free(d->tc);
    fonts_free(d->fonts);
    free(d);
}

/* The index in from of a slide that draws exactly what d's slide i draws
 * (same name, same fingerprint), or SIZE_MAX. */
static size_t same_slide(const deck *d, size_t i, const deck *from)
{
    const deck_slide *a = i < d->n ? &d->slides[i] : NULL;
    uint64_t print = a && a->cv ? canvas_fingerprint(a->cv) : 0;
    for (size_t j = 0; print && j < from->n; j++) {
        const deck_slide *b = &from->slides[j];
        if (b->cv && canvas_fingerprint(b->cv) == print && strcmp(a->name, b->name) == 0)
            return j;
    }
    return SIZE_MAX;
}

deck_status deck_take(deck *d, deck *from)
{
    if (!from->slides)
        return DECK_BAD_SIZE;
    /* A slide texture whose slide did not change stays: taking new slides
     * redraws only what they changed (the slide on screen, most often,
     * did not). */
    for (int k = 0; k < DECK_TEXTURE_SLOTS; k++) {
        size_t j = d->slots[k].tex ? same_slide(d, d->slots[k].index, from) : SIZE_MAX;
        if (j == SIZE_MAX || from->w != d->w || from->h != d->h)
            drop_slot(&d->slots[k]);
        else
            d->slots[k].index = j;
    }
    free_slides(d->slides, d->n);
    arena_free(d->spot_arena);
    d->slides = from->slides, d->n = from->n;
    d->w = from->w, d->h = from->h, d->fs = from->fs, d->today = from->today;
    d->spot_arena = from->spot_arena, d->spots = from->spots, d->n_spots = from->n_spots;
    d->spot_slide = from->spot_slide, d->cycle = from->cycle, d->spot_logged = from->spot_logged;
    d->posters = from->posters;
    d->now = from->now, d->have_now = from->have_now;
    for (size_t i = 0; i < d->n; i++) /* deck_set_states measures with d's fonts */
        if (d->slides[i].cv)
            canvas_use_fonts(d->slides[i].cv, d->fonts);
    from->slides = NULL, from->n = 0;
    from->spot_arena = NULL, from->spots = NULL, from->n_spots = 0;
    drop_textures(from);
    return DECK_OK;
}

void deck_keep_only(deck *d, size_t i)
{
    deck_keep_two(d, i, SIZE_MAX);
}

void deck_keep_two(deck *d, size_t i, size_t j)
{
    for (int k = 0; k < DECK_TEXTURE_SLOTS; k++)
        if (d->slots[k].index != i && d->slots[k].index != j)
            drop_slot(&d->slots[k]);
}

void deck_reset_textures(deck *d)
{
    /* After SDL_RENDER_TARGETS_RESET / DEVICE_RESET the textures' contents
     * are gone: forget them; they are rebuilt on the next draw. */
    drop_textures(d);
    textcache_clear(d->tc);
}

size_t deck_textures(const deck *d)
{
    size_t n = textcache_count(d->tc);
    for (int k = 0; k < DECK_TEXTURE_SLOTS; k++)
        n += d->slots[k].tex != NULL;
    return n;
}

static int by_name(const void *a, const void *b)
{
    const slides_products_spot *x = a, *y = b;
    return strcmp(x->name, y->name);
}

static const char *incubator_titles(arena *a, const model *m, const model_product *p)
{
    char buf[FRAME_TEXT_LEN] = "", next[FRAME_TEXT_LEN];
    for (size_t i = 0; i < p->n_incubators; i++) {
        const char *title = p->incubators[i];
        for (size_t k = 0; k < m->n_incubators; k++)
            if (strcmp(m->incubators[k].id, p->incubators[i]) == 0 && m->incubators[k].title)
                title = m->incubators[k].title;
        /* The whole list formatted again: a cut ends with an ellipsis
         * however little room the previous titles left. */
        bool whole = text_format(next, sizeof next, "%s%s%s", buf, i ? ", " : "", title);
        memcpy(buf, next, strlen(next) + 1);
        if (!whole)
            break; /* the first ones are enough */
    }
    return arena_strdup(a, buf);
}

static const char *sponsor_names(arena *a, const model_product *p)
{
    char buf[FRAME_TEXT_LEN] = "", next[FRAME_TEXT_LEN], name[FRAME_TEXT_LEN];
    for (size_t i = 0; i < p->n_sponsors; i++) {
        slides_products_sponsor(p->sponsors[i], name, sizeof name);
        bool whole = text_format(next, sizeof next, "%s%s%s", buf, i ? ", " : "", name);
        memcpy(buf, next, strlen(next) + 1);
        if (!whole)
            break;
    }
    return arena_strdup(a, buf);
}

/* The dated phases, oldest first, for the timeline. */
static model_phase *dated_phases(arena *a, const model_product *p, size_t *n)
{
    model_phase *out = arena_alloc(a, (p->n_phases + 1) * sizeof *out);
    *n = 0;
    for (size_t k = 0; out && k < p->n_phases; k++) {
        if (p->phases[k].start == DATE_NONE)
            continue;
        out[*n] = p->phases[k];
        out[*n].name = arena_strdup(a, p->phases[k].name);
        if (!out[*n].name)
            return NULL;
        (*n)++;
    }
    /* By date, stable: phases of one day keep the feed's (lifecycle) order. */
    for (size_t i = 1; out && i < *n; i++)
        for (size_t k = i; k > 0 && out[k - 1].start > out[k].start; k--) {
            model_phase t = out[k];
            out[k] = out[k - 1];
            out[k - 1] = t;
        }
    return out;
}

/* One candidate, copied into a; false when out of memory. */
static bool copy_spot(arena *a, const model *m, const model_product *p, const model_phase *ph,
                      long team, slides_products_spot *out)
{
    char pitch[FRAME_TEXT_LEN * 4]; /* longer than any slide shows: cut with an ellipsis */
    text_clean(p->pitch, strlen(p->pitch), pitch, sizeof pitch);
    text_trim(pitch, pitch, sizeof pitch);
    *out = (slides_products_spot){.id = arena_strdup(a, p->id),
                                  .name = arena_strdup(a, p->name),
                                  .pitch = arena_strdup(a, pitch),
                                  .phase = arena_strdup(a, ph->name),
                                  .incubators = incubator_titles(a, m, p),
                                  .sponsors = sponsor_names(a, p),
                                  .team = team,
                                  .phase_since = ph->start};
    model_phase *phases = dated_phases(a, p, &out->n_phases);
    out->phases = phases;
    out->created = out->n_phases ? phases[0].start : ph->start;
    return out->id && out->name && out->pitch && out->phase && out->incubators && out->sponsors &&
           phases;
}

/* The products the spotlight may show: active, with a pitch, and the
 * focus incubator's when there is one (and it has such a product). */
static bool spot_candidate(const model_product *p, const model_phase *ph)
{
    return ph && stats_phase_is_active(ph->name) && !text_is_blank(p->pitch) && p->name;
}

static const char *spot_focus(const model *m, vt_date today, const char *focus)
{
    for (size_t i = 0; focus && *focus && i < m->n_products; i++) {
        const model_product *p = &m->products[i];
        if (stats_product_in_incubator(p, focus) &&
            spot_candidate(p, stats_current_phase(p, today)))
            return focus;
    }
    return NULL;
}

/* Active products with a pitch, copied so the spotlight can change later. */
static bool copy_spots(deck *d, const model *m, vt_date today, const char *focus)
{
    focus = spot_focus(m, today, focus);
    arena *a = arena_new();
    slides_products_spot *spots = a ? arena_alloc(a, (m->n_products + 1) * sizeof *spots) : NULL;
    long *teams = calloc(m->n_products + 1, sizeof *teams);
    bool ok = spots && teams && stats_product_teams(m, today, teams, NULL, NULL);
    size_t n = 0;
    for (size_t i = 0; ok && i < m->n_products; i++) {
        const model_product *p = &m->products[i];
        const model_phase *ph = stats_current_phase(p, today);
        if (!spot_candidate(p, ph) || (focus && !stats_product_in_incubator(p, focus)))
            continue;
        ok = copy_spot(a, m, p, ph, teams[i], &spots[n++]);
    }
    free(teams);
    if (!ok) {
        arena_free(a);
        return false;
    }
    qsort(spots, n, sizeof *spots, by_name);
    arena_free(d->spot_arena);
    d->spot_arena = a;
    d->spots = spots;
    d->n_spots = n;
    return true;
}

/* Checks a slide just built. A slide whose display list is full is never
 * shown (it would be incomplete) but the others are; out of memory fails
 * the whole update. */
static deck_status finish_slide(deck_slide *sl, char err[DECK_ERR_LEN])
{
    canvas_finish(sl->cv);
    switch (canvas_check(sl->cv)) {
    case CANVAS_OK: return DECK_OK;
    case CANVAS_FULL:
        log_error("deck", "[%s] left out of the rotation: its display list is full (%d operations)",
                  sl->name, CANVAS_MAX_OPS);
        sl->has_data = false;
        return DECK_OK;
    default: return nomem(err, sl->name);
    }
}

static deck_status add_slide(const deck *d, deck_slide *s, size_t *n, const char *name,
                             const char *title, char err[DECK_ERR_LEN])
{
    if (*n >= DECK_MAX_SLIDES) {
        snprintf(err, DECK_ERR_LEN, "deck: more than %d slides (%s is one too many)",
                 DECK_MAX_SLIDES, name);
        return DECK_FULL;
    }
    deck_slide *sl = &s[*n];
    memset(sl, 0, sizeof *sl);
    snprintf(sl->name, sizeof sl->name, "%s", name);
    typo_fr(title, sl->title, sizeof sl->title); /* as the slide draws it (the overview) */
    sl->cv = canvas_new(d->fonts, d->w, d->h, name);
    if (!sl->cv)
        return nomem(err, name);
    canvas_keep_text(sl->cv, d->keep_text);
    (*n)++;
    return DECK_OK;
}

static deck_status build_spot(deck *d, deck_slide *sl, char err[DECK_ERR_LEN])
{
    frame_input in = {NULL, NULL, &d->fs, d->today};
    const slides_products_spot *p =
        d->n_spots ? &d->spots[spotlight_index(d->n_spots, d->today, d->cycle)] : NULL;
    canvas *cv = canvas_new(d->fonts, d->w, d->h, sl->name);
    if (!cv)
        return nomem(err, sl->name);
    canvas_keep_text(cv, d->keep_text);
    sl->has_data = slides_products_spotlight(cv, &in, p);
    if (p && d->cycle != d->spot_logged) /* a new product: one line a rotation */
        log_info("deck", "spotlight: %s (cycle %lu)", p->name, d->cycle);
    else if (p)
        log_debug("deck", "spotlight: %s (id %s)", p->name, p->id);
    d->spot_logged = d->cycle;
    canvas_free(sl->cv);
    sl->cv = cv;
    return finish_slide(sl, err);
}

static deck_status build_team(deck *d, deck_slide *s, size_t *n, const frame_input *in,
                              char err[DECK_ERR_LEN])
{
    slides_team_page pages[SLIDES_TEAM_MAX_PAGES];
    canvas *probe = canvas_new(d->fonts, d->w, d->h, "team-plan");
    if (!probe)
        return nomem(err, "the team pages");
    size_t np = slides_team_plan(probe, in, pages, SLIDES_TEAM_MAX_PAGES);
    canvas_free(probe);
    deck_status st = DECK_OK;
    for (size_t i = 0; st == DECK_OK && i < np; i++) {
        char name[DECK_NAME_LEN], title[FRAME_TEXT_LEN] = "L’équipe de l’incubateur";
        snprintf(name, sizeof name, "team-%zu", i + 1);
        if (np > 1) /* as on the page: the overview tells the pages apart */
            snprintf(title, sizeof title, "L’équipe de l’incubateur (%zu/%zu)", i + 1, np);
        st = add_slide(d, s, n, name, title, err);
        if (st != DECK_OK)
            break;
        deck_slide *sl = &s[*n - 1];
        sl->has_data = slides_team(sl->cv, in, &pages[i], i, np);
        st = finish_slide(sl, err);
    }
    return st;
}

/* The focus incubator's slides, when it has a focus the data knows. */
static deck_status build_focus(deck *d, deck_slide *s, size_t *n, const frame_input *in,
                               const stats_focus *f, char err[DECK_ERR_LEN])
{
    for (size_t i = 0; f && i < FOCUS_N; i++) {
        deck_status st = add_slide(d, s, n, focus_catalog[i].name, focus_catalog[i].title, err);
        if (st != DECK_OK)
            return st;
        deck_slide *sl = &s[*n - 1];
        sl->has_data = focus_catalog[i].build(sl->cv, in, f);
        if ((st = finish_slide(sl, err)) != DECK_OK)
            return st;
    }
    return DECK_OK;
}

static announce_time deck_now(const deck *d)
{
    return d->have_now ? d->now : announce_time_at(d->today, ANNOUNCE_MINUTES_PER_DAY / 2);
}

/* Each announcement of l, shown while inside its window (deck_set_time). */
static deck_status build_announcements(deck *d, deck_slide *s, size_t *n, const frame_input *in,
                                       const announce_list *l)
{
    char err[DECK_ERR_LEN];
    for (size_t i = 0; i < l->n; i++) {
        const announce *a = &l->items[i];
        deck_status st = add_slide(d, s, n, DECK_ANNOUNCEMENT, a->title, err);
        if (st != DECK_OK) {
            log_error("deck", "%s", err);
            return st == DECK_FULL ? DECK_OK : st; /* a full deck keeps what it has */
        }
        deck_slide *sl = &s[*n - 1];
        sl->has_data = slides_announce(sl->cv, in, a);
        sl->timed = true, sl->from = a->from, sl->to = a->to, sl->duration_ms = a->duration_ms;
        if ((st = finish_slide(sl, err)) != DECK_OK)
            return st;
        sl->content = sl->has_data; /* a full display list is never shown */
        sl->has_data = sl->content && announce_active(a, deck_now(d));
    }
    return DECK_OK;
}

static deck_status build_posters(deck *d, deck_slide *s, size_t *n, char err[DECK_ERR_LEN])
{
    for (size_t i = 0; i < posters_count(d->posters); i++) {
        const char *name = posters_name(d->posters, i), *file = posters_file(d->posters, i);
        char title[FRAME_TEXT_LEN]; /* "03-demo-day.png": "Demo Day" */
        deck_status st =
            add_slide(d, s, n, name, filetitle_make(file, title, sizeof title) ? title : file, err);
        if (st == DECK_FULL) {
            log_error("deck", "%s", err);
            return DECK_OK;
        }
        if (st != DECK_OK)
            return st;
        deck_slide *sl = &s[*n - 1];
        int sw = 0, sh = 0;
        posters_small(d->posters, i, &sw, &sh);
        sl->has_data = slides_poster(sl->cv, posters_image(d->posters, i), sw, sh);
        if ((st = finish_slide(sl, err)) != DECK_OK)
            return st;
        sl->content = sl->has_data;
    }
    return DECK_OK;
}

static deck_status build_all(deck *d, deck_slide *s, size_t *n, const frame_input *in,
                             const stats_focus *f, char err[DECK_ERR_LEN])
{
    for (size_t i = 0; i < CATALOG_N; i++) {
        deck_status st = add_slide(d, s, n, catalog[i].name, catalog[i].title, err);
        if (st != DECK_OK)
            return st;
        deck_slide *sl = &s[*n - 1];
        if (!catalog[i].build) {
            d->spot_slide = *n - 1;
            st = build_spot(d, sl, err);
        } else {
            sl->has_data = catalog[i].build(sl->cv, in);
            st = finish_slide(sl, err);
        }
        if (st == DECK_OK && strcmp(catalog[i].name, FOCUS_AFTER) == 0)
            st = build_focus(d, s, n, in, f, err);
        if (st != DECK_OK)
            return st;
    }
    deck_status st = build_team(d, s, n, in, err);
    if (st == DECK_OK)
        st = build_announcements(d, s, n, in, &d->announcements);
    if (st == DECK_OK && in->m->announcements)
        st = build_announcements(d, s, n, in, in->m->announcements);
    return st == DECK_OK ? build_posters(d, s, n, err) : st;
}

void deck_set_focus(deck *d, const char *incubator_id)
{
    snprintf(d->focus, sizeof d->focus, "%s", incubator_id ? incubator_id : "");
}

/* The focus incubator's figures into *out, *f pointing at them; *f stays
 * NULL with no focus, or one the data does not know (logged once). */
static deck_status focus_stats(deck *d, const model *m, vt_date today, stats_focus *out,
                               const stats_focus **f, char err[DECK_ERR_LEN])
{
    if (!*d->focus || !m->loaded[FEED_STARTUPS])
        return DECK_OK;
    switch (stats_focus_compute(m, today, d->focus, out)) {
    case STATS_FOCUS_OK:
        d->focus_unknown[0] = '\0';
        *f = out;
        return DECK_OK;
    case STATS_FOCUS_UNKNOWN:
        if (strcmp(d->focus_unknown, d->focus) != 0)
            log_warn("deck",
                     "focus_incubator '%s' is not an incubator of the data: showing the "
                     "network's slides",
                     d->focus);
        snprintf(d->focus_unknown, sizeof d->focus_unknown, "%s", d->focus);
        return DECK_OK;
    default: return nomem(err, "the focus incubator's figures");
    }
}

deck_status deck_update(deck *d, const model *m, const stats *s, const feedstate_set *fs,
                        vt_date today, int width, int height, char err[DECK_ERR_LEN])
{
    if (width <= 0 || height <= 0) {
        snprintf(err, DECK_ERR_LEN, "deck: bad size %dx%d", width, height);
        return DECK_BAD_SIZE;
    }
    /* Build into a new list; the old one stays until this one is complete. */
    deck old = *d;
    d->w = width, d->h = height, d->fs = *fs, d->today = today;
    d->spots = NULL, d->spot_arena = NULL, d->n_spots = 0;
    deck_slide *slides = calloc(DECK_MAX_SLIDES, sizeof *slides);
    size_t n = 0;
    frame_input in = {m, s, fs, today};
    stats_focus focus;
    const stats_focus *f = NULL;
    deck_status st = !slides ? nomem(err, "the slides") : focus_stats(d, m, today, &focus, &f, err);
    if (st == DECK_OK)
        st = !copy_spots(d, m, today, f ? f->id : NULL) ? nomem(err, "the spotlight")
                                                        : build_all(d, slides, &n, &in, f, err);
    if (st != DECK_OK) {
        free_slides(slides, n);
        arena_free(d->spot_arena);
        d->w = old.w, d->h = old.h, d->fs = old.fs, d->today = old.today;
        d->spots = old.spots, d->spot_arena = old.spot_arena, d->n_spots = old.n_spots;
        d->spot_slide = old.spot_slide;
        return st;
    }
    arena_free(old.spot_arena);
    free_slides(d->slides, d->n);
    drop_textures(d);
    d->slides = slides;
    d->n = n;
    log_debug("deck", "%zu slides at %dx%d, %zu layout problem(s)", n, width, height,
              deck_overflows(d));
    return DECK_OK;
}

bool deck_states_need_layout(const deck *d, const feedstate_set *fs)
{
    if (!d->slides)
        return true;
    /* The EIG slides name the bundled copy's source (slides_eig.c). */
    for (int f = 0; f < FEED_COUNT; f++)
        if ((d->fs.feeds[f].kind == FEEDSTATE_BUNDLED) != (fs->feeds[f].kind == FEEDSTATE_BUNDLED))
            return true;
    return false;
}

bool deck_set_states(deck *d, const feedstate_set *fs)
{
    d->fs = *fs;
    bool shown = false;
    for (size_t i = 0; i < d->n; i++) {
        if (!d->slides[i].cv || !frame_restate(d->slides[i].cv, fs, d->today))
            continue;
        shown |= d->slides[i].has_data;
        for (int k = 0; k < DECK_TEXTURE_SLOTS; k++)
            if (d->slots[k].tex && d->slots[k].index == i) /* redrawn with its new state */
                drop_slot(&d->slots[k]);
    }
    return shown;
}

void deck_set_announcements(deck *d, const announce_list *l)
{
    if (l)
        d->announcements = *l;
    else
        d->announcements.n = 0;
}

void deck_set_posters(deck *d, const posters *p)
{
    d->posters = p;
}

bool deck_set_time(deck *d, announce_time now)
{
    d->now = now;
    d->have_now = true;
    bool changed = false;
    for (size_t i = 0; i < d->n; i++) {
        deck_slide *sl = &d->slides[i];
        bool shown = sl->content && sl->from <= now && now < sl->to;
        if (sl->timed && shown != sl->has_data) {
            sl->has_data = shown;
            changed = true;
            log_info("deck", "announcement '%s' %s", sl->title,
                     shown ? "starts: shown" : "ends: no longer shown");
        }
    }
    return changed;
}

announce_time deck_next_edge(const deck *d)
{
    announce_time now = deck_now(d), next = INT64_MAX;
    for (size_t i = 0; i < d->n; i++) {
        const deck_slide *sl = &d->slides[i];
        announce_time e =
            sl->timed && sl->content ? announce_edge_after(sl->from, sl->to, now) : INT64_MAX;
        next = e < next ? e : next;
    }
    return next;
}

int64_t deck_slide_duration_ms(const deck *d, size_t i)
{
    return i < d->n ? d->slides[i].duration_ms : 0;
}

void deck_set_cycle(deck *d, unsigned long cycle)
{
    if (cycle == d->cycle)
        return;
    d->cycle = cycle; /* without slides yet: the next deck_update's spotlight */
    if (!d->slides)
        return;
    deck_slide *sl = &d->slides[d->spot_slide];
    char err[DECK_ERR_LEN];
    if (build_spot(d, sl, err) != DECK_OK)
        log_warn("deck", "%s; the spotlight may be incomplete", err);
    for (int k = 0; k < DECK_TEXTURE_SLOTS; k++)
        if (d->slots[k].index == d->spot_slide) /* redrawn with the new product */
            drop_slot(&d->slots[k]);
}

size_t deck_spotlight_candidates(const deck *d)
{
    return d->n_spots;
}

fonts *deck_fonts(deck *d)
{
    return d->fonts;
}

size_t deck_count(const deck *d)
{
    return d->n;
}

const char *deck_slide_name(const deck *d, size_t i)
{
    return i < d->n ? d->slides[i].name : "";
}

const char *deck_slide_title(const deck *d, size_t i)
{
    return i < d->n ? d->slides[i].title : "";
}

bool deck_slide_has_data(const deck *d, size_t i)
{
    return i < d->n && d->slides[i].has_data;
}

bool deck_slide_marks(const deck *d, size_t i, SDL_Rect *out)
{
    layout_rect r;
    if (i >= d->n || !d->slides[i].cv || !canvas_marks(d->slides[i].cv, NULL, &r))
        return false;
    /* Inward to whole pixels: never over what the slide drew around it. */
    int x0 = (int)ceilf(r.x), y0 = (int)ceilf(r.y);
    *out = (SDL_Rect){x0, y0, (int)floorf(r.x + r.w) - x0, (int)floorf(r.y + r.h) - y0};
    return out->w > 0 && out->h > 0;
}

void deck_keep_text(deck *d, bool on)
{
    d->keep_text = on;
}

size_t deck_slide_lines(const deck *d, size_t i)
{
    return i < d->n && d->slides[i].cv ? canvas_read_count(d->slides[i].cv) : 0;
}

const char *deck_slide_line(const deck *d, size_t i, size_t k)
{
    return k < deck_slide_lines(d, i) ? canvas_read_line(d->slides[i].cv, k) : "";
}

bool deck_slide_alt(const deck *d, size_t i, const char *file, textalt *t)
{
    if (i >= d->n)
        return false;
    const canvas *cv = d->slides[i].cv;
    const char *title = cv ? canvas_read_title(cv) : "";
    if (!textalt_slide_begin(t, file, d->slides[i].name, *title ? title : d->slides[i].title,
                             cv ? canvas_read_subtitle(cv) : ""))
        return false;
    for (size_t k = 0; k < deck_slide_lines(d, i); k++)
        if (!textalt_text(t, deck_slide_line(d, i, k)))
            return false;
    for (size_t k = 0; cv && k < canvas_read_figures(cv); k++) {
        const textalt_figure *f = canvas_read_figure_at(cv, k);
        if (!textalt_figure_add(t, f->label, f->value, f->text, f->box))
            return false;
    }
    return true;
}

size_t deck_overflows(const deck *d)
{
    size_t n = 0;
    for (size_t i = 0; i < d->n; i++)
        if (d->slides[i].has_data)
            n += canvas_problems(d->slides[i].cv);
    return n;
}

int deck_smallest_text_px(const deck *d)
{
    int px = 0;
    for (size_t i = 0; i < d->n; i++) {
        int s = d->slides[i].has_data ? canvas_smallest_px(d->slides[i].cv) : 0;
        if (s && (!px || s < px))
            px = s;
    }
    return px;
}

/* The slot holding slide i's texture, rendering it when needed. */
/* The slot holding slide i's texture, taken from the least recently used
 * when none does, with until_us's worth more of it drawn (INT64_MAX:
 * the whole slide). */
static deck_slot *slot_draw(deck *d, size_t i, int64_t until_us)
{
    deck_slot *lru = &d->slots[0], *s = NULL;
    for (int k = 0; k < DECK_TEXTURE_SLOTS && !s; k++) {
        deck_slot *t = &d->slots[k];
        if (t->tex && t->index == i)
            s = t;
        else if (!t->tex || (lru->tex && t->used < lru->used))
            lru = t;
    }
    if (!s) {
        s = lru;
        if (!s->tex) {
            s->tex = SDL_CreateTexture(d->r, SDL_PIXELFORMAT_RGB888, SDL_TEXTUREACCESS_TARGET, d->w,
                                       d->h);
            if (!s->tex)
                return NULL;
            SDL_SetTextureBlendMode(s->tex, SDL_BLENDMODE_BLEND);
        }
        s->index = i, s->drawn = 0, s->done = false;
    }
    s->used = ++d->tick;
    if (s->done)
        return s;
    SDL_Texture *prev = SDL_GetRenderTarget(d->r);
    if (SDL_SetRenderTarget(d->r, s->tex) != 0)
        return NULL;
    if (s->drawn == 0) {
        SDL_SetRenderDrawColor(d->r, 255, 255, 255, 255);
        SDL_RenderClear(d->r);
    }
    const canvas *cv = d->slides[i].cv;
    s->drawn = canvas_draw_part(cv, d->r, d->tc, 0, 0, s->drawn, until_us);
    s->done = s->drawn >= canvas_ops(cv);
    SDL_SetRenderTarget(d->r, prev);
    return s;
}

const canvas *deck_slide_canvas(const deck *d, size_t i)
{
    return i < d->n ? d->slides[i].cv : NULL;
}

static deck_slot *slot_for(deck *d, size_t i)
{
    return slot_draw(d, i, INT64_MAX);
}

int deck_prepare(deck *d, size_t i, int64_t budget_us)
{
    if (i >= d->n || !d->slides[i].cv || !d->r || !SDL_RenderTargetSupported(d->r))
        return -1;
    deck_slot *s = slot_draw(d, i, vclock_system_us() + budget_us);
    return !s ? -1 : s->done ? 1 : 0;
}

void deck_draw(deck *d, size_t i, int x, int y, Uint8 alpha)
{
    if (i >= d->n || !d->slides[i].cv || !d->r)
        return;
    deck_slot *s = SDL_RenderTargetSupported(d->r) ? slot_for(d, i) : NULL;
    if (!s) { /* no render targets: draw the list directly, opaque */
        canvas_draw(d->slides[i].cv, d->r, d->tc, x, y);
        return;
    }
    /* A slide is opaque (drawn on its background): at full alpha it is
     * copied, not blended, which the software renderer does several times
     * faster (the steady frame, and half of each fade frame). */
    SDL_SetTextureBlendMode(s->tex, alpha == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetTextureAlphaMod(s->tex, alpha);
    SDL_RenderCopy(d->r, s->tex, NULL, &(SDL_Rect){x, y, d->w, d->h});
}

int deck_draw_thumb(deck *d, size_t i, SDL_Rect dst, size_t *drawn, int64_t until_us)
{
    if (i >= d->n || !d->slides[i].cv || !d->r)
        return -1;
    const canvas *cv = d->slides[i].cv;
    if (*drawn == 0) { /* the slide's own background, as a slot's */
        SDL_SetRenderDrawBlendMode(d->r, SDL_BLENDMODE_NONE);
        SDL_SetRenderDrawColor(d->r, 255, 255, 255, 255);
        SDL_RenderFillRect(d->r, &dst);
    }
    SDL_RenderSetClipRect(d->r, &dst); /* text a little wider when small stays inside */
    *drawn = canvas_draw_thumb(cv, d->r, d->tc, dst, *drawn, until_us);
    SDL_RenderSetClipRect(d->r, NULL);
    return *drawn >= canvas_ops(cv) ? 1 : 0;
}
