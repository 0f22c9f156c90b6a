/* test_keymap: every documented key, the kiosk lock and the help lines. */
#include "test.h"
#include "vitrine/keymap.h"

#define S KEYMAP_MODE_SLIDES
#define HELP_MODE KEYMAP_MODE_HELP
#define OV KEYMAP_MODE_OVERVIEW

static keymap_action act(keymap *k, const char *key, unsigned mods, keymap_mode mode, int64_t t)
{
    return keymap_press(k, key, mods, mode, t).action;
}

static void test_navigation_keys(void)
{
    keymap *k = keymap_new(false);
    CHECK_INT(act(k, "Right", 0, S, 0), KEYMAP_NEXT);
    CHECK_INT(act(k, "PageDown", 0, S, 0), KEYMAP_NEXT);
    CHECK_INT(act(k, "Left", 0, S, 0), KEYMAP_PREV);
    CHECK_INT(act(k, "PageUp", 0, S, 0), KEYMAP_PREV);
    CHECK_INT(act(k, "Space", 0, S, 0), KEYMAP_PAUSE);
    CHECK_INT(act(k, "Home", 0, S, 0), KEYMAP_HOME);
    CHECK_INT(act(k, "r", 0, S, 0), KEYMAP_REFRESH);
    CHECK_INT(act(k, "H", 0, S, 0), KEYMAP_HELP);
    CHECK_INT(act(k, "F1", 0, S, 0), KEYMAP_HELP);
    keymap_result r = keymap_press(k, "7", 0, S, 0);
    CHECK_INT(r.action, KEYMAP_JUMP);
    CHECK_INT(r.position, 7);
    r = keymap_press(k, "Keypad 2", 0, S, 0);
    CHECK_INT(r.action, KEYMAP_JUMP);
    CHECK_INT(r.position, 2);
    CHECK_INT(act(k, "0", 0, S, 0), KEYMAP_NONE);
    CHECK_INT(act(k, "10", 0, S, 0), KEYMAP_NONE);
    CHECK_INT(act(k, "A", 0, S, 0), KEYMAP_NONE);
    CHECK_INT(act(k, "R", KEYMAP_MOD_CTRL, S, 0), KEYMAP_NONE);
    CHECK_INT(act(k, NULL, 0, S, 0), KEYMAP_NONE);
    CHECK_INT(act(k, "g", 0, S, 0), KEYMAP_OVERVIEW);
    CHECK_INT(act(k, "Tab", 0, S, 0), KEYMAP_OVERVIEW);
    CHECK_INT(act(k, "P", 0, S, 0), KEYMAP_PIN);
    CHECK_INT(act(k, "Up", 0, S, 0), KEYMAP_NONE); /* only the overview's */
    CHECK_INT(act(k, "Return", 0, S, 0), KEYMAP_NONE);
    CHECK_INT(act(k, "Right", 0, HELP_MODE, 0), KEYMAP_NEXT); /* the help hides nothing */
    keymap_free(k);
}

/* Over the overview the arrows, Enter and Esc are its own; the other keys
 * keep their meaning (G or Tab closes it again, P pins, Q is still locked). */
static void test_overview_keys(void)
{
    keymap *k = keymap_new(false);
    CHECK_INT(act(k, "Left", 0, OV, 0), KEYMAP_OVERVIEW_LEFT);
    CHECK_INT(act(k, "Right", 0, OV, 0), KEYMAP_OVERVIEW_RIGHT);
    CHECK_INT(act(k, "Up", 0, OV, 0), KEYMAP_OVERVIEW_UP);
    CHECK_INT(act(k, "Down", 0, OV, 0), KEYMAP_OVERVIEW_DOWN);
    CHECK_INT(act(k, "Return", 0, OV, 0), KEYMAP_OVERVIEW_SELECT);
    CHECK_INT(act(k, "Keypad Enter", 0, OV, 0), KEYMAP_OVERVIEW_SELECT);
    CHECK_INT(act(k, "Escape", 0, OV, 0), KEYMAP_OVERVIEW_CLOSE);
    CHECK_INT(act(k, "G", 0, OV, 0), KEYMAP_OVERVIEW);
    CHECK_INT(act(k, "Tab", 0, OV, 0), KEYMAP_OVERVIEW);
    CHECK_INT(act(k, "p", 0, OV, 0), KEYMAP_PIN);
    CHECK_INT(act(k, "Space", 0, OV, 0), KEYMAP_PAUSE);
    CHECK_INT(act(k, "Q", 0, OV, 0), KEYMAP_QUIT_LOCKED);
    CHECK_INT(act(k, "Return", KEYMAP_MOD_CTRL, OV, 0), KEYMAP_NONE);
    /* Esc closing the overview never counts towards "Esc twice" */
    keymap_set_allow_quit(k, true);
    CHECK_INT(act(k, "Escape", 0, S, 1000), KEYMAP_NONE);
    CHECK_INT(act(k, "Escape", 0, OV, 1100), KEYMAP_OVERVIEW_CLOSE);
    CHECK_INT(act(k, "Escape", 0, S, 1200), KEYMAP_NONE);
    CHECK_INT(act(k, "Escape", 0, S, 1300), KEYMAP_QUIT);
    keymap_free(k);
}

static void test_quit_and_lock(void)
{
    keymap *k = keymap_new(false);
    CHECK_INT(act(k, "Q", 0, S, 0), KEYMAP_QUIT_LOCKED);
    CHECK_INT(act(k, "Q", KEYMAP_MOD_CTRL, S, 0), KEYMAP_QUIT_LOCKED);
    CHECK_INT(act(k, "Escape", 0, S, 0), KEYMAP_NONE);
    CHECK_INT(act(k, "Escape", 0, S, 500), KEYMAP_QUIT_LOCKED);
    keymap_set_allow_quit(k, true);
    CHECK(keymap_allow_quit(k));
    CHECK_INT(act(k, "q", 0, S, 0), KEYMAP_QUIT);
    CHECK_INT(act(k, "Escape", 0, S, 1000), KEYMAP_NONE);
    CHECK_INT(act(k, "Escape", 0, S, 3000), KEYMAP_NONE); /* too slow: re-armed */
    CHECK_INT(act(k, "Escape", 0, S, 3900), KEYMAP_QUIT);
    CHECK_INT(act(k, "Escape", 0, S, 5000), KEYMAP_NONE);
    CHECK_INT(act(k, "Right", 0, S, 5100), KEYMAP_NEXT); /* another key disarms */
    CHECK_INT(act(k, "Escape", 0, S, 5200), KEYMAP_NONE);
    CHECK_INT(act(k, "Escape", 0, HELP_MODE, 5300), KEYMAP_CLOSE_HELP); /* overlay first */
    CHECK_INT(act(k, "Escape", 0, S, 5400), KEYMAP_NONE);
    keymap_free(k);
    keymap_free(NULL);
}

static void test_help_lists_every_key(void)
{
    keymap *k = keymap_new(false);
    const char *expect[] = {"Page suivante", "Espace", "1", "D\u00e9but", "R",           "F1",
                            "\u00c9chap",    "Q",      "G", "Tab",        "Entr\u00e9e", "P"};
    for (size_t e = 0; e < sizeof expect / sizeof *expect; e++) {
        bool found = false;
        for (size_t i = 0; i < keymap_help_count(); i++)
            found |= strstr(keymap_help(k, i).keys, expect[e]) != NULL;
        CHECK(found);
    }
    keymap_help_line quit = keymap_help(k, keymap_help_count() - 1);
    CHECK(strstr(quit.what, "d\u00e9sactiv\u00e9") != NULL);
    keymap_set_allow_quit(k, true);
    quit = keymap_help(k, keymap_help_count() - 1);
    CHECK_STR(quit.what, "quitter Vitrine");
    CHECK_STR(keymap_help(k, 99).keys, "");
    keymap_free(k);
}

int main(void)
{
    RUN(test_navigation_keys);
    RUN(test_overview_keys);
    RUN(test_quit_and_lock);
    RUN(test_help_lists_every_key);
    return test_report();
}
