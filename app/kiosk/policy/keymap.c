/* keymap: key names to actions, with the kiosk lock and the "Esc twice"
 * quit gesture. Names are compared case-insensitively (SDL reports "Q" for
 * the q key). */
#include "vitrine/keymap.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define KEYPAD_PREFIX "Keypad "

struct keymap {
    bool allow_quit;
    int64_t last_esc_ms;
    bool esc_armed;
};

typedef struct {
    const char *key;
    keymap_action action;
} binding;

static const binding BINDINGS[] = {
    {"Right", KEYMAP_NEXT},  {"PageDown", KEYMAP_NEXT}, {"Left", KEYMAP_PREV},
    {"PageUp", KEYMAP_PREV}, {"Space", KEYMAP_PAUSE},   {"Home", KEYMAP_HOME},
    {"R", KEYMAP_REFRESH},   {"H", KEYMAP_HELP},        {"F1", KEYMAP_HELP},
    {"Q", KEYMAP_QUIT},      {"G", KEYMAP_OVERVIEW},    {"Tab", KEYMAP_OVERVIEW},
    {"P", KEYMAP_PIN},
};

/* Over the overview: checked before BINDINGS, so the arrows move the
 * selection instead of the slides. */
static const binding OVERVIEW_BINDINGS[] = {
    {"Left", KEYMAP_OVERVIEW_LEFT},     {"Right", KEYMAP_OVERVIEW_RIGHT},
    {"Up", KEYMAP_OVERVIEW_UP},         {"Down", KEYMAP_OVERVIEW_DOWN},
    {"Return", KEYMAP_OVERVIEW_SELECT}, {"Keypad Enter", KEYMAP_OVERVIEW_SELECT},
};

static const keymap_help_line HELP[] = {
    {"\u2192  ou  Page suivante", "diapositive suivante"},
    {"\u2190  ou  Page pr\u00e9c\u00e9dente", "diapositive pr\u00e9c\u00e9dente"},
    {"Espace", "pause / reprise de la rotation"},
    {"1 \u2026 9", "aller \u00e0 la diapositive n\u00b0 1 \u00e0 9"},
    {"D\u00e9but", "premi\u00e8re diapositive (et fin de l\u2019\u00e9pingle)"},
    {"G  ou  Tab", "vue d\u2019ensemble de toutes les diapositives"},
    {"  \u2190 \u2191 \u2192 \u2193,  Entr\u00e9e", "  y choisir une diapositive, l\u2019afficher"},
    {"P", "\u00e9pingler la diapositive (plus de rotation)"},
    {"R", "rafra\u00eechir les donn\u00e9es maintenant"},
    {"H  ou  F1", "afficher / masquer cette aide"},
    {"\u00c9chap", "fermer cette aide ou la vue d\u2019ensemble"},
    {"Q,  Ctrl+Q,  \u00c9chap deux fois", NULL}, /* text depends on the lock */
};
#define HELP_COUNT (sizeof HELP / sizeof *HELP)

keymap *keymap_new(bool allow_quit)
{
    keymap *k = calloc(1, sizeof *k);
    if (k)
        k->allow_quit = allow_quit;
    return k;
}

void keymap_free(keymap *k)
{
    free(k);
}

void keymap_set_allow_quit(keymap *k, bool allow_quit)
{
    k->allow_quit = allow_quit;
}

bool keymap_allow_quit(const keymap *k)
{
    return k->allow_quit;
}

/* "1".."9" or "Keypad 1".."Keypad 9": the digit, else 0. */
static size_t digit_of(const char *key)
{
    if (strncmp(key, KEYPAD_PREFIX, strlen(KEYPAD_PREFIX)) == 0)
        key += strlen(KEYPAD_PREFIX);
    if (key[0] >= '1' && key[0] <= '9' && key[1] == '\0')
        return (size_t)(key[0] - '0');
    return 0;
}

static keymap_result quit(const keymap *k)
{
    return (keymap_result){k->allow_quit ? KEYMAP_QUIT : KEYMAP_QUIT_LOCKED, 0};
}

static keymap_result escape(keymap *k, keymap_mode mode, int64_t now_ms)
{
    if (mode != KEYMAP_MODE_SLIDES) {
        k->esc_armed = false;
        return (keymap_result){mode == KEYMAP_MODE_HELP ? KEYMAP_CLOSE_HELP : KEYMAP_OVERVIEW_CLOSE,
                               0};
    }
    if (k->esc_armed && now_ms - k->last_esc_ms <= KEYMAP_ESC_TWICE_MS) {
        k->esc_armed = false;
        return quit(k);
    }
    k->esc_armed = true;
    k->last_esc_ms = now_ms;
    return (keymap_result){KEYMAP_NONE, 0};
}

keymap_result keymap_press(keymap *k, const char *key, unsigned mods, keymap_mode mode,
                           int64_t now_ms)
{
    if (!key)
        return (keymap_result){KEYMAP_NONE, 0};
    if (strcasecmp(key, "Escape") == 0)
        return escape(k, mode, now_ms);
    k->esc_armed = false;
    if ((mods & KEYMAP_MOD_CTRL) && strcasecmp(key, "Q") != 0)
        return (keymap_result){KEYMAP_NONE, 0}; /* Ctrl+R etc. are not ours */
    for (size_t i = 0;
         mode == KEYMAP_MODE_OVERVIEW && i < sizeof OVERVIEW_BINDINGS / sizeof *OVERVIEW_BINDINGS;
         i++)
        if (strcasecmp(key, OVERVIEW_BINDINGS[i].key) == 0)
            return (keymap_result){OVERVIEW_BINDINGS[i].action, 0};
    size_t digit = digit_of(key);
    if (digit)
        return (keymap_result){KEYMAP_JUMP, digit};
    for (size_t i = 0; i < sizeof BINDINGS / sizeof *BINDINGS; i++)
        if (strcasecmp(key, BINDINGS[i].key) == 0)
            return BINDINGS[i].action == KEYMAP_QUIT ? quit(k)
                                                     : (keymap_result){BINDINGS[i].action, 0};
    return (keymap_result){KEYMAP_NONE, 0};
}

size_t keymap_help_count(void)
{
    return HELP_COUNT;
}

keymap_help_line keymap_help(const keymap *k, size_t i)
{
    if (i >= HELP_COUNT)
        return (keymap_help_line){"", ""};
    keymap_help_line line = HELP[i];
    if (!line.what)
        line.what =
            k->allow_quit ? "quitter Vitrine" : "quitter : d\u00e9sactiv\u00e9 (verrou kiosque)";
    return line;
}
