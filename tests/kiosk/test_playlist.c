/* test_playlist: order, skipping, rotation, manual navigation, idle resume,
 * pause and transitions of the playlist state machine, on a fake clock. */
#include "test.h"
#include "vitrine/playlist.h"
#include "vitrine/vclock.h"

static const playlist_slide SLIDES[] = {
    {"a", true, 0}, {"b", true, 0}, {"c", false, 0}, {"d", true, 0}, {"e", true, 0},
};
#define N_SLIDES (sizeof SLIDES / sizeof *SLIDES)

static playlist *make(playlist_config *cfg, int64_t now)
{
    playlist *p = playlist_new(cfg);
    playlist_set_slides(p, SLIDES, N_SLIDES, now);
    return p;
}

static const char *shown(const playlist *p, int64_t now)
{
    playlist_view v;
    playlist_view_at(p, now, &v);
    return v.has_slide ? playlist_slide_name(p, v.slide) : "(none)";
}

static void test_rotation_skips_slides_without_data(void)
{
    playlist_config cfg;
    playlist_config_defaults(&cfg);
    playlist *p = make(&cfg, 0);
    playlist_view v;
    playlist_view_at(p, 0, &v);
    CHECK_INT(v.count, 4);
    CHECK_STR(shown(p, 0), "a");
    CHECK_INT(playlist_wait_ms(p, 0), PLAYLIST_DEFAULT_DURATION_MS);
    CHECK(!playlist_tick(p, 11999));
    CHECK(playlist_tick(p, 12000));
    CHECK_STR(shown(p, 12000), "b");
    CHECK(playlist_tick(p, 24000));
    CHECK_STR(shown(p, 24000), "d"); /* c has no data */
    playlist_view_at(p, 24000, &v);
    CHECK_INT(v.position, 3);
    CHECK(v.animating);
    CHECK_INT(playlist_wait_ms(p, 24100), 0); /* transition: draw at frame rate */
    CHECK(!playlist_tick(p, 24400));
    playlist_view_at(p, 24400, &v);
    CHECK(!v.animating);
    CHECK_INT(playlist_wait_ms(p, 24400), 12000 - 400);
    playlist_free(p);
}

/* The cycle counts automatic rotations back to the first slide (the kiosk
 * gives it to the deck: a new spotlight product each cycle). */
static void test_cycle_counts_rotations(void)
{
    playlist_config cfg;
    playlist_config_defaults(&cfg);
    playlist *p = make(&cfg, 0);
    playlist_view v;
    int64_t t = 0;
    for (int turn = 0; turn < 3 * 4; turn++) { /* three rotations of the 4 shown slides */
        playlist_view_at(p, t, &v);
        CHECK_INT(v.cycle, (unsigned long)(turn / 4));
        t += PLAYLIST_DEFAULT_DURATION_MS;
        CHECK(playlist_tick(p, t));
    }
    playlist_view_at(p, t, &v);
    CHECK_INT(v.cycle, 3);
    CHECK_STR(shown(p, t), "a");
    playlist_free(p);
}

static void test_config_order_durations_and_disabled(void)
{
    playlist_config cfg;
    playlist_config_defaults(&cfg);
    cfg.entries[0] = (playlist_entry){"e", 5000, true};
    cfg.entries[1] = (playlist_entry){"b", 0, false};
    cfg.entries[2] = (playlist_entry){"nope", 0, true};
    cfg.n_entries = 3;
    playlist *p = playlist_new(&cfg);
    CHECK_INT(playlist_set_slides(p, SLIDES, N_SLIDES, 0), 1); /* "nope" */
    CHECK_STR(shown(p, 0), "e");
    CHECK_INT(playlist_wait_ms(p, 0), 5000);
    CHECK(playlist_tick(p, 5000));
    CHECK_STR(shown(p, 5000), "a"); /* then the unlisted ones in deck order */
    CHECK(playlist_tick(p, 17000));
    CHECK_STR(shown(p, 17000), "d");
    CHECK(playlist_tick(p, 29000));
    CHECK_STR(shown(p, 29000), "e"); /* b disabled, c without data */
    playlist_free(p);
}

static void test_manual_change_holds_then_resumes(void)
{
    playlist_config cfg;
    playlist_config_defaults(&cfg);
    cfg.resume_after_ms = 30000;
    playlist *p = make(&cfg, 0);
    CHECK(playlist_next(p, 1000));
    CHECK_STR(shown(p, 1000), "b");
    CHECK(playlist_prev(p, 2000));
    CHECK_STR(shown(p, 2000), "a");
    CHECK(playlist_prev(p, 3000));
    CHECK_STR(shown(p, 3000), "e"); /* wraps */
    CHECK(!playlist_tick(p, 3000 + 29999));
    CHECK_STR(shown(p, 33000), "e");
    CHECK(playlist_tick(p, 33000)); /* idle delay over: rotation goes on */
    CHECK_STR(shown(p, 33000), "a");
    CHECK_INT(playlist_wait_ms(p, 33000 + 400), 12000 - 400);
    CHECK(playlist_jump(p, 3, 40000));
    CHECK_STR(shown(p, 40000), "d");
    CHECK(!playlist_jump(p, 9, 40001)); /* only 4 slides shown */
    CHECK_STR(shown(p, 40001), "d");
    CHECK(playlist_home(p, 41000));
    CHECK_STR(shown(p, 41000), "a");
    CHECK(!playlist_home(p, 41001));
    playlist_free(p);
}

static void test_pause_holds_and_times_out(void)
{
    playlist_config cfg;
    playlist_config_defaults(&cfg);
    playlist *p = make(&cfg, 0);
    CHECK(playlist_toggle_pause(p, 1000));
    CHECK_INT(playlist_wait_ms(p, 1000), PLAYLIST_NO_DEADLINE);
    CHECK(!playlist_tick(p, 1000 + 7LL * 24 * 3600 * 1000)); /* a week later */
    CHECK_STR(shown(p, 0), "a");
    CHECK(playlist_next(p, 2000)); /* arrows still work while paused */
    playlist_view v;
    playlist_view_at(p, 2000, &v);
    CHECK(v.paused);
    CHECK(!playlist_toggle_pause(p, 5000));
    CHECK_INT(playlist_wait_ms(p, 5000), 12000); /* resumed: full time again */

    cfg.pause_timeout_ms = 60000;
    playlist_configure(p, &cfg, 6000);
    CHECK(playlist_toggle_pause(p, 6000));
    CHECK_INT(playlist_wait_ms(p, 6000), 60000);
    playlist_touch(p, 30000);
    CHECK(!playlist_tick(p, 66000));
    playlist_view_at(p, 66000, &v);
    CHECK(v.paused);
    playlist_tick(p, 90000);
    playlist_view_at(p, 90000, &v);
    CHECK(!v.paused);
    playlist_free(p);
}

/* A pin holds past the slide's duration, the idle delay and the pause
 * timeout; navigation moves it along; P again or Home ends it. */
static void test_pin_holds_until_unpinned_or_home(void)
{
    playlist_config cfg;
    playlist_config_defaults(&cfg);
    cfg.pause_timeout_ms = 60000;
    playlist *p = make(&cfg, 0);
    CHECK(playlist_toggle_pin(p, 1000));
    playlist_view v;
    playlist_view_at(p, 1000, &v);
    CHECK(v.pinned);
    CHECK_INT(playlist_wait_ms(p, 1000), PLAYLIST_NO_DEADLINE);
    CHECK(!playlist_tick(p, 1000 + 10 * PLAYLIST_DEFAULT_DURATION_MS));
    CHECK_STR(shown(p, 200000), "a");
    CHECK(playlist_toggle_pause(p, 200000));      /* paused and pinned */
    CHECK(!playlist_tick(p, 200000 + 2 * 60000)); /* pause timeout: the pin stays */
    playlist_view_at(p, 320000, &v);
    CHECK(v.pinned);
    CHECK_STR(shown(p, 320000), "a");
    CHECK(!playlist_toggle_pause(p, 320000));
    CHECK(playlist_next(p, 330000)); /* navigation still works, pinned */
    CHECK_STR(shown(p, 330000), "b");
    CHECK(!playlist_tick(p, 330000 + cfg.resume_after_ms + 1)); /* no idle resume */
    CHECK(playlist_jump(p, 4, 400000));
    playlist_view_at(p, 400000, &v);
    CHECK(v.pinned);
    CHECK_STR(shown(p, 500000), "e");
    CHECK(!playlist_toggle_pin(p, 500000)); /* unpinned: full time, then on */
    CHECK_INT(playlist_wait_ms(p, 500000), PLAYLIST_DEFAULT_DURATION_MS);
    CHECK(playlist_tick(p, 500000 + PLAYLIST_DEFAULT_DURATION_MS));
    CHECK_STR(shown(p, 512000), "a");
    CHECK(playlist_toggle_pin(p, 520000));
    CHECK(playlist_next(p, 521000));
    CHECK(playlist_home(p, 522000)); /* Home unpins */
    playlist_view_at(p, 522000, &v);
    CHECK(!v.pinned);
    CHECK_STR(shown(p, 522000), "a");
    CHECK(playlist_tick(p, 522000 + cfg.resume_after_ms)); /* rotation again */
    CHECK_STR(shown(p, 552000), "b");
    playlist_free(p);
}

static void test_shown_at_follows_the_order(void)
{
    playlist_config cfg;
    playlist_config_defaults(&cfg);
    playlist *p = make(&cfg, 0);
    CHECK_INT(playlist_shown_at(p, 1), 0);
    CHECK_INT(playlist_shown_at(p, 3), 3); /* c (deck index 2) has no data */
    CHECK_INT(playlist_shown_at(p, 4), 4);
    CHECK_INT(playlist_shown_at(p, 0), SIZE_MAX);
    CHECK_INT(playlist_shown_at(p, 5), SIZE_MAX);
    playlist_free(p);
}

static void test_slides_change_keeps_current(void)
{
    playlist_config cfg;
    playlist_config_defaults(&cfg);
    playlist *p = make(&cfg, 0);
    playlist_jump(p, 3, 0);
    CHECK_STR(shown(p, 0), "d");
    playlist_slide fewer[] = {{"d", true, 0}, {"a", false, 0}, {"x", true, 0}};
    playlist_set_slides(p, fewer, 3, 100);
    CHECK_STR(shown(p, 100), "d");
    playlist_slide none[] = {{"a", false, 0}};
    playlist_set_slides(p, none, 1, 200);
    playlist_view v;
    playlist_view_at(p, 200, &v);
    CHECK(!v.has_slide);
    CHECK_INT(playlist_wait_ms(p, 200), PLAYLIST_NO_DEADLINE);
    CHECK(!playlist_next(p, 300));
    playlist_set_slides(p, SLIDES, N_SLIDES, 400);
    CHECK_STR(shown(p, 400), "a");
    playlist_free(p);
}

static void test_transition_none_and_progress(void)
{
    playlist_config cfg;
    playlist_config_defaults(&cfg);
    cfg.transition = PLAYLIST_TRANSITION_SLIDE;
    playlist *p = make(&cfg, 0);
    playlist_prev(p, 1000);
    playlist_view v;
    playlist_view_at(p, 1200, &v);
    CHECK(v.animating);
    CHECK_INT(v.progress, 500);
    CHECK_INT(v.direction, -1);
    CHECK_STR(playlist_slide_name(p, v.from), "a");
    cfg.transition = PLAYLIST_TRANSITION_NONE;
    playlist_configure(p, &cfg, 2000);
    playlist_next(p, 2000);
    playlist_view_at(p, 2000, &v);
    CHECK(!v.animating);
    playlist_free(p);
}

static void test_fake_clock(void)
{
    vclock *c = vclock_new_fake(5, 1700000000);
    CHECK_INT(vclock_mono_ms(c), 5);
    vclock_advance(c, 86400LL * 1000 * 365 * 10 + 999); /* ten years */
    CHECK_INT(vclock_mono_ms(c), 5 + 86400LL * 1000 * 365 * 10 + 999);
    CHECK_INT(vclock_wall_s(c), 1700000000 + 86400LL * 365 * 10);
    vclock_free(c);
    vclock *s = vclock_new_system();
    int64_t a = vclock_mono_ms(s), b = vclock_mono_ms(s);
    CHECK(b >= a);
    CHECK(vclock_wall_s(s) > 1700000000);
    vclock_free(s);
    vclock_free(NULL);
    playlist_free(NULL);
}

/* An announcement's own duration_s: used unless the playlist configures
 * that slide's; the others keep the default. */
static void test_slides_own_durations(void)
{
    playlist_config cfg;
    playlist_config_defaults(&cfg);
    cfg.default_duration_ms = 1000;
    cfg.transition = PLAYLIST_TRANSITION_NONE;
    const playlist_slide own[] = {{"a", true, 0}, {"announcement", true, 5000}, {"b", true, 0}};
    playlist *p = playlist_new(&cfg);
    playlist_set_slides(p, own, 3, 0);
    playlist_tick(p, 1000);
    CHECK_STR(shown(p, 1000), "announcement");
    CHECK(!playlist_tick(p, 5999));
    CHECK(playlist_tick(p, 6000));
    CHECK_STR(shown(p, 6000), "b");
    cfg.entries[0] = (playlist_entry){.name = "announcement", .duration_ms = 2000, .enabled = true};
    cfg.n_entries = 1;
    playlist_configure(p, &cfg, 6500); /* the configured entry wins */
    CHECK_STR(shown(p, 6999), "b");    /* the slide on screen stays */
    CHECK(playlist_tick(p, 7000));     /* "b"'s 1 s, then the configured entry first */
    CHECK_STR(shown(p, 7000), "announcement");
    CHECK_INT(playlist_wait_ms(p, 7000), 2000);
    playlist_free(p);
}

int main(void)
{
    RUN(test_cycle_counts_rotations);
    RUN(test_rotation_skips_slides_without_data);
    RUN(test_config_order_durations_and_disabled);
    RUN(test_manual_change_holds_then_resumes);
    RUN(test_pause_holds_and_times_out);
    RUN(test_pin_holds_until_unpinned_or_home);
    RUN(test_shown_at_follows_the_order);
    RUN(test_slides_change_keeps_current);
    RUN(test_transition_none_and_progress);
    RUN(test_fake_clock);
    RUN(test_slides_own_durations);
    return test_report();
}
