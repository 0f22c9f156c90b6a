/* keymap: what a key does, and the help overlay's list of keys (one table,
 * so the help always matches the keys). Keys arrive as names (SDL's key
 * names: "Right", "PageDown", "Space", "F1", "Keypad 3"...), so this module
 * has no SDL and is unit-tested. Quitting is refused while the kiosk lock
 * is on (allow_quit false, the default): a visitor cannot stop the service.
 * What a key means depends on what is on screen (keymap_mode): with the
 * overview open, the arrows move its selection, Enter shows the selected
 * slide and Esc closes it. */
#ifndef VITRINE_KEYMAP_H
#define VITRINE_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KEYMAP_MOD_CTRL 1u
#define KEYMAP_ESC_TWICE_MS 1000 /* two Esc within this quit (when allowed) */

typedef enum {
    KEYMAP_NONE,
    KEYMAP_NEXT,
    KEYMAP_PREV,
    KEYMAP_PAUSE,
    KEYMAP_JUMP, /* to slide `position` */
    KEYMAP_HOME,
    KEYMAP_REFRESH,
    KEYMAP_HELP,       /* toggle the help overlay */
    KEYMAP_CLOSE_HELP, /* Esc with the overlay open */
    KEYMAP_QUIT,
    KEYMAP_QUIT_LOCKED, /* a quit key while the kiosk lock is on */
    KEYMAP_OVERVIEW,    /* toggle the overview of every slide */
    KEYMAP_PIN,         /* pin / unpin the slide on screen */
    KEYMAP_OVERVIEW_LEFT,
    KEYMAP_OVERVIEW_RIGHT,
    KEYMAP_OVERVIEW_UP,
    KEYMAP_OVERVIEW_DOWN,
    KEYMAP_OVERVIEW_SELECT, /* show the selected slide */
    KEYMAP_OVERVIEW_CLOSE   /* Esc with the overview open */
} keymap_action;

/* What is on screen, for the keys that mean something else over it. */
typedef enum { KEYMAP_MODE_SLIDES, KEYMAP_MODE_HELP, KEYMAP_MODE_OVERVIEW } keymap_mode;

typedef struct {
    keymap_action action;
    size_t position; /* KEYMAP_JUMP: 1..9 */
} keymap_result;

/* One line of the help overlay (French). */
typedef struct {
    const char *keys;
    const char *what;
} keymap_help_line;

typedef struct keymap keymap;

keymap *keymap_new(bool allow_quit); /* NULL on allocation failure */
void keymap_free(keymap *k);         /* accepts NULL */
void keymap_set_allow_quit(keymap *k, bool allow_quit);
bool keymap_allow_quit(const keymap *k);

/* Maps one key press in that mode (Esc closes the help or the overview
 * before it counts towards a quit). */
keymap_result keymap_press(keymap *k, const char *key, unsigned mods, keymap_mode mode,
                           int64_t now_ms);

size_t keymap_help_count(void);
/* Line i of the help; the quit line says whether quitting is allowed. */
keymap_help_line keymap_help(const keymap *k, size_t i);

#endif
