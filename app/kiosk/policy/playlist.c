/* playlist: slide order, rotation timing, manual navigation and pause as a
 * state machine over monotonic milliseconds. Automatic rotation is anchored
 * on the deadline it was due at, not on the time the loop woke up, so late
 * wake-ups never accumulate into drift over weeks. */
#include "vitrine/playlist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitrine/log.h"
#include "vitrine/vclock.h"

struct playlist {
    playlist_config cfg;
    char names[PLAYLIST_MAX_SLIDES][PLAYLIST_NAME_LEN]; /* deck order */
    bool has_data[PLAYLIST_MAX_SLIDES];
    int64_t own_ms[PLAYLIST_MAX_SLIDES]; /* the slides' own durations, 0: none */
    size_t n_slides;
    size_t order[PLAYLIST_MAX_SLIDES]; /* shown slides: deck indices */
    int64_t duration_ms[PLAYLIST_MAX_SLIDES];
    size_t n_order;
    size_t pos;     /* index into order */
    size_t current; /* deck index on screen (valid when n_order > 0) */
    int64_t slide_start_ms;
    int64_t hold_until_ms; /* after a manual change; 0: none */
    bool paused;
    bool pinned;
    int64_t last_input_ms;
    bool animating;
    size_t from;
    int64_t anim_start_ms;
    int direction;
    unsigned long cycle; /* rotations that came back to the first slide */
};

void playlist_config_defaults(playlist_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->default_duration_ms = PLAYLIST_DEFAULT_DURATION_MS;
    cfg->transition_ms = PLAYLIST_DEFAULT_TRANSITION_MS;
    cfg->transition = PLAYLIST_TRANSITION_FADE;
    cfg->resume_after_ms = PLAYLIST_DEFAULT_RESUME_MS;
    cfg->pause_timeout_ms = PLAYLIST_DEFAULT_PAUSE_TIMEOUT_MS;
}

playlist *playlist_new(const playlist_config *cfg)
{
    playlist *p = calloc(1, sizeof *p);
    if (p) {
        p->cfg = *cfg;
        p->direction = 1;
    }
    return p;
}

void playlist_free(playlist *p)
{
    free(p);
}

/* A configured entry's duration, else the slide's own, else the default. */
static int64_t entry_duration(const playlist *p, const playlist_entry *e, size_t slide)
{
    if (e && e->duration_ms > 0)
        return e->duration_ms;
    return p->own_ms[slide] > 0 ? p->own_ms[slide] : p->cfg.default_duration_ms;
}

static void add_shown(playlist *p, size_t slide, int64_t duration_ms)
{
    p->order[p->n_order] = slide;
    p->duration_ms[p->n_order] = duration_ms;
    p->n_order++;
}

/* Rebuilds the shown order; returns the configured entries naming no slide. */
static size_t rebuild_order(playlist *p)
{
    bool used[PLAYLIST_MAX_SLIDES] = {false};
    size_t unknown = 0;
    p->n_order = 0;
    for (size_t e = 0; e < p->cfg.n_entries; e++) {
        const playlist_entry *entry = &p->cfg.entries[e];
        size_t s = 0;
        while (s < p->n_slides && (used[s] || strcmp(p->names[s], entry->name) != 0))
            s++;
        if (s == p->n_slides) {
            unknown++;
            continue;
        }
        used[s] = true;
        if (entry->enabled && p->has_data[s])
            add_shown(p, s, entry_duration(p, entry, s));
    }
    for (size_t s = 0; s < p->n_slides; s++)
        if (!used[s] && p->has_data[s])
            add_shown(p, s, entry_duration(p, NULL, s));
    return unknown;
}

static void go_to(playlist *p, size_t pos, int64_t start_ms, int64_t now_ms, int direction)
{
    size_t before = p->current;
    p->pos = pos;
    p->current = p->order[pos];
    p->slide_start_ms = start_ms;
    p->from = before;
    p->direction = direction;
    p->anim_start_ms = now_ms;
    p->animating = p->cfg.transition != PLAYLIST_TRANSITION_NONE && p->cfg.transition_ms > 0 &&
                   before != p->current;
}

/* After the order changed: stay on the same slide when it is still shown. */
static void keep_current(playlist *p, bool had_slide, int64_t now_ms)
{
    p->animating = false;
    if (p->n_order == 0)
        return;
    for (size_t i = 0; had_slide && i < p->n_order; i++)
        if (p->order[i] == p->current) {
            p->pos = i;
            return;
        }
    size_t pos = had_slide && p->pos < p->n_order ? p->pos : 0;
    p->pos = pos;
    p->current = p->order[pos];
    p->slide_start_ms = now_ms;
    p->hold_until_ms = 0;
}

void playlist_configure(playlist *p, const playlist_config *cfg, int64_t now_ms)
{
    bool had = p->n_order > 0;
    p->cfg = *cfg;
    rebuild_order(p);
    keep_current(p, had, now_ms);
}

size_t playlist_set_slides(playlist *p, const playlist_slide *slides, size_t n, int64_t now_ms)
{
    bool had = p->n_order > 0;
    if (n > PLAYLIST_MAX_SLIDES) {
        log_warn("playlist", "%zu slides offered, showing the first %d", n, PLAYLIST_MAX_SLIDES);
        n = PLAYLIST_MAX_SLIDES;
    }
    for (size_t i = 0; i < n; i++) {
        snprintf(p->names[i], PLAYLIST_NAME_LEN, "%s", slides[i].name ? slides[i].name : "");
        p->has_data[i] = slides[i].has_data;
        p->own_ms[i] = slides[i].duration_ms;
    }
    p->n_slides = n;
    size_t unknown = rebuild_order(p);
    for (size_t e = 0; unknown && e < p->cfg.n_entries; e++) {
        size_t s = 0;
        while (s < n && strcmp(p->names[s], p->cfg.entries[e].name) != 0)
            s++;
        if (s == n)
            log_warn("playlist", "kiosk.playlist: no slide named '%s' (ignored)",
                     p->cfg.entries[e].name);
    }
    keep_current(p, had, now_ms);
    return unknown;
}

static bool manual_go(playlist *p, size_t pos, int direction, int64_t now_ms)
{
    p->last_input_ms = now_ms;
    if (p->n_order == 0)
        return false;
    size_t before = p->current;
    go_to(p, pos, now_ms, now_ms, direction);
    p->hold_until_ms = now_ms + p->cfg.resume_after_ms;
    return before != p->current;
}

bool playlist_next(playlist *p, int64_t now_ms)
{
    size_t n = p->n_order ? p->n_order : 1;
    return manual_go(p, (p->pos + 1) % n, 1, now_ms);
}

bool playlist_prev(playlist *p, int64_t now_ms)
{
    size_t n = p->n_order ? p->n_order : 1;
    return manual_go(p, (p->pos + n - 1) % n, -1, now_ms);
}

bool playlist_jump(playlist *p, size_t position, int64_t now_ms)
{
    if (position == 0 || position > p->n_order) {
        p->last_input_ms = now_ms;
        return false;
    }
    return manual_go(p, position - 1, position - 1 >= p->pos ? 1 : -1, now_ms);
}

bool playlist_home(playlist *p, int64_t now_ms)
{
    p->pinned = false; /* Home is "back to normal": the rotation from the start */
    return playlist_jump(p, 1, now_ms);
}

bool playlist_toggle_pin(playlist *p, int64_t now_ms)
{
    p->pinned = !p->pinned;
    p->last_input_ms = now_ms;
    if (!p->pinned) { /* unpinned: the slide gets its full time, like a resume */
        p->slide_start_ms = now_ms;
        p->hold_until_ms = 0;
    }
    return p->pinned;
}

bool playlist_toggle_pause(playlist *p, int64_t now_ms)
{
    p->paused = !p->paused;
    p->last_input_ms = now_ms;
    if (!p->paused) { /* resuming: the slide gets its full time again */
        p->slide_start_ms = now_ms;
        p->hold_until_ms = 0;
    }
    return p->paused;
}

void playlist_touch(playlist *p, int64_t now_ms)
{
    p->last_input_ms = now_ms;
}

/* When automatic rotation is due next, or PLAYLIST_NO_DEADLINE. */
static int64_t rotation_due(const playlist *p)
{
    if (p->pinned) /* before the pause: its timeout must not end a pin */
        return PLAYLIST_NO_DEADLINE;
    if (p->paused) {
        if (p->cfg.pause_timeout_ms > 0)
            return p->last_input_ms + p->cfg.pause_timeout_ms;
        return PLAYLIST_NO_DEADLINE;
    }
    if (p->n_order <= 1)
        return PLAYLIST_NO_DEADLINE;
    if (p->hold_until_ms)
        return p->hold_until_ms;
    return p->slide_start_ms + p->duration_ms[p->pos];
}

bool playlist_tick(playlist *p, int64_t now_ms)
{
    if (p->animating && now_ms >= p->anim_start_ms + p->cfg.transition_ms)
        p->animating = false;
    int64_t due = rotation_due(p);
    if (due == PLAYLIST_NO_DEADLINE || now_ms < due)
        return false;
    if (p->paused) {
        p->paused = false;
        p->slide_start_ms = now_ms;
        p->hold_until_ms = 0;
        log_info("playlist", "pause ended: no key for %lld s",
                 (long long)(p->cfg.pause_timeout_ms / VCLOCK_MS_PER_S));
        return false;
    }
    size_t next = (p->pos + 1) % p->n_order;
    if (next == 0)
        p->cycle++;
    /* Anchor on the due time unless the loop slept through a whole slide
     * (suspend, stalled display): then start afresh instead of catching up. */
    int64_t start = now_ms - due < p->duration_ms[next] ? due : now_ms;
    go_to(p, next, start, now_ms, 1);
    p->hold_until_ms = 0;
    return true;
}

void playlist_end_transition(playlist *p)
{
    p->animating = false;
}

int64_t playlist_wait_ms(const playlist *p, int64_t now_ms)
{
    if (p->animating && now_ms < p->anim_start_ms + p->cfg.transition_ms)
        return 0;
    int64_t due = rotation_due(p);
    if (due == PLAYLIST_NO_DEADLINE)
        return PLAYLIST_NO_DEADLINE;
    return due > now_ms ? due - now_ms : 0;
}

void playlist_view_at(const playlist *p, int64_t now_ms, playlist_view *out)
{
    memset(out, 0, sizeof *out);
    out->has_slide = p->n_order > 0;
    out->count = p->n_order;
    out->paused = p->paused;
    out->pinned = p->pinned;
    out->transition = p->cfg.transition;
    out->direction = p->direction;
    out->cycle = p->cycle;
    if (!out->has_slide)
        return;
    out->slide = p->current;
    out->position = p->pos + 1;
    int64_t elapsed = now_ms - p->anim_start_ms;
    out->animating = p->animating && elapsed < p->cfg.transition_ms;
    if (out->animating) {
        out->from = p->from;
        out->progress =
            elapsed <= 0 ? 0 : (int)(elapsed * PLAYLIST_PROGRESS_MAX / p->cfg.transition_ms);
    } else {
        out->progress = PLAYLIST_PROGRESS_MAX;
    }
}

const char *playlist_slide_name(const playlist *p, size_t slide)
{
    return slide < p->n_slides ? p->names[slide] : "";
}

size_t playlist_shown_at(const playlist *p, size_t position)
{
    return position >= 1 && position <= p->n_order ? p->order[position - 1] : SIZE_MAX;
}
