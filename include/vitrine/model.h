/* model: one immutable snapshot of everything the screens show, built by the
 * feed parsers. All strings and arrays live in the model's arena, or in the
 * arena of a part it shares: a part is a model holding one feed's data (or
 * the local programme data), parsed once and shared by every snapshot that
 * carries it, so a feed that did not change is neither parsed again nor
 * held twice. A model is read-only once built (a part too, once shared), so
 * a finished snapshot can be handed between threads and freed as a whole
 * with model_free: its reference count is atomic, and the last model_free
 * of a part, from whichever thread, frees it. */
#ifndef VITRINE_MODEL_H
#define VITRINE_MODEL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vitrine/announce.h"
#include "vitrine/arena.h"
#include "vitrine/date.h"
#include "vitrine/feed.h"
#include "vitrine/vocab.h"

typedef struct {
    const char *name;    /* canonical when known (vocab.h); "unknown" when the feed gives none */
    vt_date start;       /* DATE_NONE when absent or unparsable */
    vocab_match spelled; /* how the feed spelled name */
} model_phase;

typedef struct {
    const char *name;
    vt_date date;
} model_event;

typedef struct {
    const char *id;
    const char *name;
    const char *pitch;
    const char *repository; /* NULL when absent or not a string */
    const char *stats_url;
    model_phase *phases;
    size_t n_phases;
    model_event *events;
    size_t n_events;
    const char **incubators; /* distinct ids, "/incubateurs/" stripped */
    size_t n_incubators;
    const char **sponsors; /* organisation slugs ("anct", "dinum"); strings only */
    size_t n_sponsors;
} model_product;

typedef struct {
    const char *id;
    const char *title;
} model_incubator;

typedef struct {
    vt_date start;              /* DATE_NONE: the mission is ignored everywhere */
    vt_date end;                /* DATE_NONE: open-ended */
    const char *status;         /* canonical when known (vocab.h); "" when absent */
    vocab_match status_spelled; /* how the feed spelled status */
    const char *employer;       /* "" when absent */
    const char **startups;
    size_t n_startups;
} model_mission;

typedef struct {
    const char *id;
    const char *fullname;
    const char *role;
    const char *domaine;         /* HTML entities decoded; canonical when known (vocab.h) */
    vocab_match domaine_spelled; /* how the feed spelled it */
    model_mission *missions;
    size_t n_missions;
    const char **startups; /* top-level "startups" list */
    size_t n_startups;
} model_member;

typedef struct {
    const char *name;
    const char *promotion;      /* "1".."4", "dig"; NULL when absent */
    int year;                   /* 0 when absent */
    const char *administration; /* trimmed; NULL when blank */
    const char **eigs;
    size_t n_eigs;
    const char **mentors;
    size_t n_mentors;
} model_defi;

typedef struct {
    const char *name;
    const char *profil; /* "" when absent */
} model_person;

/* Local data taken from the seed documents (assets/local/programme.json). */
typedef struct {
    const char *name;
    const char *detail; /* e.g. "en sous-traitance avec Freelance Republik" */
} model_holder;

typedef struct {
    const char *title;
    const char *notified; /* free text, "septembre 2024" */
    const char *renewable_until;
    const char *scope; /* who may use it */
    model_holder *holders;
    size_t n_holders;
    const char *source;
} model_market;

typedef struct {
    int year;
    int64_t ae_eur; /* autorisations d'engagement (64 bits: over 2^31 on armhf) */
    int64_t cp_eur; /* crédits de paiement */
} model_budget_line;

typedef struct {
    const char *title;
    const char *delegator;
    model_budget_line *lines;
    size_t n_lines;
    const char *source;
} model_budget;

typedef struct {
    const char *name;
    const char *role;
} model_teammate;

typedef struct {
    const char *name;
    const char *mission;
    model_teammate *people;
    size_t n_people;
} model_pole;

typedef struct {
    const char *group; /* "eig", "certification" */
    const char *value; /* as published: "30 %", "71" */
    const char *label;
    const char *source;
    int year;
} model_figure;

/* What a quoted-figure slide needs besides its figures (from the seeds): a
 * sentence saying what the figures mean, and the dates around them. */
typedef struct {
    const char *when; /* "septembre 2024", "mai" */
    const char *what;
} model_step;

typedef struct {
    const char *slide; /* "coaching_market", "coaching_budget", "eig", "certification" */
    const char *about; /* "" when absent */
    model_step *steps;
    size_t n_steps;
} model_context;

typedef struct {
    model_market market;
    model_budget budget;
    model_pole *poles;
    size_t n_poles;
    model_figure *figures;
    size_t n_figures;
    model_context *contexts;
    size_t n_contexts;
    bool loaded;
} model_local;

/* The parts a model can share: one per feed, and the local programme data. */
#define MODEL_PART_LOCAL FEED_COUNT
#define MODEL_PARTS (FEED_COUNT + 1)

typedef struct model {
    arena *arena;
    atomic_uint refs;                 /* model_new: 1; model_ref adds one, model_free takes one */
    struct model *parts[MODEL_PARTS]; /* shared parts this model's data points into (its refs) */
    model_product *products;
    size_t n_products;
    model_incubator *incubators; /* from startups' "included" */
    size_t n_incubators;
    model_incubator *incubator_feed; /* from incubators.json (optional) */
    size_t n_incubator_feed;
    model_member *members;
    size_t n_members;
    model_defi *defis;
    size_t n_defis;
    model_person *persons;
    size_t n_persons;
    model_local local;
    announce_list *announcements; /* the announcements feed's; NULL when none */
    bool demo[FEED_COUNT];        /* the feed was the bundled demo data (fictional) */
    bool bundled[FEED_COUNT];     /* the feed was the bundled real copy (EIG programme) */
    bool loaded[FEED_COUNT];
} model;

model *model_new(void);
/* Releases m: frees it, and releases the parts it shares, when it was its
 * last reference. Accepts NULL. Thread-safe between threads holding their
 * own references. */
void model_free(model *m);
/* One more reference to m (freed by one more model_free); returns m. */
model *model_ref(model *m);
/* m (a new model, nothing of feed in it yet) carries feed's data from part
 * (a model feed was parsed into, immutable from now on), shared, not
 * copied: m holds a reference to part until it is freed. */
void model_share_feed(model *m, feed_id feed, model *part);
/* The same for the local programme data (parse_local) of part. */
void model_share_local(model *m, model *part);
/* The context of a quoted-figure slide ("coaching_market"...), NULL if none. */
const model_context *model_local_context(const model_local *l, const char *slide);

#endif
