/* playlist: which slide is on screen and when the next one comes. A pure
 * state machine driven by monotonic milliseconds and key actions, with no
 * SDL: the kiosk asks it how long it may sleep (playlist_wait_ms) and what
 * to draw (playlist_view).
 *
 * Order: the configured entries first, in their order, then the deck's other
 * slides in deck order. A slide is shown when it is enabled and has data.
 * After a manual change (next, previous, jump, home) the slide stays for the
 * idle resume delay, then rotation goes on. A pause holds until it is
 * resumed or, when pause_timeout_ms > 0, until that long without a key.
 * A pin holds the slide on screen (a presenter talking over it) until it is
 * toggled off or Home is pressed: neither the idle delay nor the pause
 * timeout ends it, and manual navigation moves the pin along. */
#ifndef VITRINE_PLAYLIST_H
#define VITRINE_PLAYLIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PLAYLIST_MAX_SLIDES 128
#define PLAYLIST_NAME_LEN 64
#define PLAYLIST_DEFAULT_DURATION_MS 12000
#define PLAYLIST_DEFAULT_TRANSITION_MS 400
#define PLAYLIST_DEFAULT_RESUME_MS 30000
#define PLAYLIST_DEFAULT_PAUSE_TIMEOUT_MS 0
#define PLAYLIST_NO_DEADLINE INT64_MAX

typedef enum {
    PLAYLIST_TRANSITION_NONE,
    PLAYLIST_TRANSITION_FADE,
    PLAYLIST_TRANSITION_SLIDE
} playlist_transition;

/* One configured entry (from the "kiosk.playlist" array). */
typedef struct {
    char name[PLAYLIST_NAME_LEN];
    int64_t duration_ms; /* 0: the default duration */
    bool enabled;
} playlist_entry;

typedef struct {
    playlist_entry entries[PLAYLIST_MAX_SLIDES];
    size_t n_entries;
    int64_t default_duration_ms;
    int64_t transition_ms;
    playlist_transition transition;
    int64_t resume_after_ms;  /* idle delay after a manual change */
    int64_t pause_timeout_ms; /* 0: a pause holds until resumed */
} playlist_config;

/* One slide the deck offers, in deck order. */
typedef struct {
    const char *name;
    bool has_data;
    int64_t duration_ms; /* the slide's own (an announcement's); 0: the configured one */
} playlist_slide;

typedef struct {
    bool has_slide;  /* false when no slide can be shown */
    size_t slide;    /* deck index of the slide on screen */
    size_t position; /* 1-based among the shown slides */
    size_t count;    /* number of shown slides */
    bool paused;
    bool pinned;    /* no automatic rotation until unpinned (playlist_toggle_pin) */
    bool animating; /* a transition from `from` to `slide` runs */
    size_t from;    /* deck index of the previous slide */
    int progress;   /* 0..PLAYLIST_PROGRESS_MAX through the transition */
    int direction;  /* +1 forward, -1 backward */
    playlist_transition transition;
    unsigned long cycle; /* automatic rotations back to the first slide so far */
} playlist_view;

#define PLAYLIST_PROGRESS_MAX 1000

typedef struct playlist playlist;

void playlist_config_defaults(playlist_config *cfg);

playlist *playlist_new(const playlist_config *cfg); /* NULL on allocation failure */
void playlist_free(playlist *p);                    /* accepts NULL */

/* Replaces the configuration (SIGHUP); keeps the current slide if shown. */
void playlist_configure(playlist *p, const playlist_config *cfg, int64_t now_ms);
/* Sets the deck's slides (names copied, at most PLAYLIST_MAX_SLIDES). Keeps
 * the current slide when it is still shown. Returns how many configured
 * entries name no slide (each is logged once as a warning). */
size_t playlist_set_slides(playlist *p, const playlist_slide *slides, size_t n, int64_t now_ms);

/* Manual actions; true when the slide changed. */
bool playlist_next(playlist *p, int64_t now_ms);
bool playlist_prev(playlist *p, int64_t now_ms);
bool playlist_jump(playlist *p, size_t position, int64_t now_ms); /* 1-based */
bool playlist_home(playlist *p, int64_t now_ms);
/* Pause / resume; returns the new paused state. */
bool playlist_toggle_pause(playlist *p, int64_t now_ms);
/* Pin / unpin the slide on screen; returns the new pinned state. Home
 * unpins too. */
bool playlist_toggle_pin(playlist *p, int64_t now_ms);
/* A key that changed nothing still counts as presence (pause timeout). */
void playlist_touch(playlist *p, int64_t now_ms);

/* Ends a running transition at once: the new slide is simply there. */
void playlist_end_transition(playlist *p);

/* Moves time forward: automatic rotation, end of transitions, pause
 * timeout. True when the slide changed. */
bool playlist_tick(playlist *p, int64_t now_ms);
/* Milliseconds until the next event (0 while a transition runs, so the
 * caller draws at the display rate), or PLAYLIST_NO_DEADLINE. */
int64_t playlist_wait_ms(const playlist *p, int64_t now_ms);
void playlist_view_at(const playlist *p, int64_t now_ms, playlist_view *out);
/* Slug of a deck slide as the playlist knows it ("" when out of range). */
const char *playlist_slide_name(const playlist *p, size_t slide);
/* Deck index of the shown slide at 1-based position (the overview's
 * cells, in playlist order); SIZE_MAX when out of range. */
size_t playlist_shown_at(const playlist *p, size_t position);

#endif
