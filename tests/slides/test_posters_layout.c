/* The operator's posters laid out in process at the four sizes of the
 * issue (1920x1080, 1280x720, 1080x1920, 3840x2160): an announcement's
 * title is its largest text, the event's date ("when") is drawn written
 * out in French under it, a long text is fitted then cut, never an
 * overflow; the date's wording ("jeudi 10 décembre, 14 h 30"). */
#include <string.h>

#include "canvas.h"
#include "frame.h"
#include "slides_announce.h"
#include "test.h"
#include "vitrine/fmt.h"
#include "vitrine/fonts.h"
#include "vitrine/typo.h"

static const int SIZES[][2] = {{1920, 1080}, {1280, 720}, {1080, 1920}, {3840, 2160}};

static announce make(const char *title, const char *text, const char *when, const char *url)
{
    announce a = {0};
    snprintf(a.title, sizeof a.title, "%s", title);
    snprintf(a.text, sizeof a.text, "%s", text);
    snprintf(a.url, sizeof a.url, "%s", url);
    bool ok = announce_parse_time("2026-12-01", false, &a.from, &a.from_has_time) &&
              announce_parse_time("2026-12-12", true, &a.to, &a.to_has_time);
    if (*when)
        ok = ok && announce_parse_time(when, false, &a.when, &a.when_has_time);
    a.has_when = *when != '\0';
    CHECK(ok);
    return a;
}

/* Every line of the title larger than every other text of the slide. */
static void title_largest(canvas *c, const announce *a, const char *when)
{
    int title_px = 0, other_px = 0, px;
    bool when_seen = false;
    layout_rect box;
    theme_role fg;
    const char *s;
    char title[2 * ANNOUNCE_TITLE_LEN]; /* as drawn: the canvas typesets every text */
    typo_fr(a->title, title, sizeof title);
    for (size_t k = 0; (s = canvas_text_op(c, k, &px, &box, &fg)); k++) {
        bool in_title = strstr(title, s) != NULL && k < 4;
        if (in_title)
            title_px = px > title_px ? px : title_px;
        else
            other_px = px > other_px ? px : other_px;
        when_seen |= *when && strstr(when, s) == when;
    }
    CHECK(title_px > other_px);
    CHECK(when_seen == (*when != '\0'));
    if (title_px <= other_px)
        fprintf(stderr, "%s: title %d px, another text %d px\n", canvas_name(c), title_px,
                other_px);
}

static void posters_at(fonts *f, int w, int h)
{
    char text[ANNOUNCE_TEXT_LEN] = "";
    for (int i = 0; i < 5; i++)
        strncat(text,
                "Une journée d\xE2\x80\x99"
                "ateliers autour de la conception de services "
                "publics numériques et de l\xE2\x80\x99"
                "accompagnement des produits. ",
                sizeof text - strlen(text) - 1);
    announce list[] = {
        make("Demo Day", "Présentations à 14 h, auditorium.", "2026-12-10T14:30",
             "https://beta.gouv.fr/evenements/demo-day"),
        make("Séminaire de rentrée de l\xE2\x80\x99incubateur : ateliers, retours "
             "d\xE2\x80\x99"
             "expérience et pot de l\xE2\x80\x99"
             "amitié",
             text, "2026-12-10", ""),
        make("Pot de départ \xF0\x9F\x8E\x89",
             "On fête les 10 ans \xE2\x98\x95 avec l\xE2\x80\x99"
             "équipe !",
             "", "https://beta.gouv.fr"),
    };
    const char *whens[] = {"jeudi 10 décembre, 14" FMT_NBSP "h" FMT_NBSP "30", "jeudi 10 décembre",
                           ""};
    feedstate_set fs = {0};
    frame_input in = {.fs = &fs, .today = date_parse("2026-12-07")};
    for (size_t i = 0; i < sizeof list / sizeof *list; i++) {
        char name[64];
        snprintf(name, sizeof name, "announcement-%zu-%dx%d", i, w, h);
        canvas *c = canvas_new(f, w, h, name);
        CHECK(c && slides_announce(c, &in, &list[i]));
        if (!c)
            continue;
        CHECK_INT((long long)canvas_finish(c), 0);
        title_largest(c, &list[i], whens[i]);
        canvas_free(c);
    }
}

static void when_words(void)
{
    char out[SLIDES_ANNOUNCE_WHEN_LEN];
    announce a = make("x", "", "2026-12-10T14:30", "");
    slides_announce_when(&a, date_parse("2026-12-07"), out);
    CHECK_STR(out, "jeudi 10 décembre, 14" FMT_NBSP "h" FMT_NBSP "30");
    a = make("x", "", "2027-01-05", "");
    slides_announce_when(&a, date_parse("2026-12-07"), out);
    CHECK_STR(out, "mardi 5 janvier 2027");
    a = make("x", "", "2026-12-13T09:00", "");
    slides_announce_when(&a, date_parse("2026-12-07"), out);
    CHECK_STR(out, "dimanche 13 décembre, 9" FMT_NBSP "h");
    a = make("x", "", "", "");
    slides_announce_when(&a, date_parse("2026-12-07"), out);
    CHECK_STR(out, "");
}

int main(void)
{
    char err[FONTS_ERR_LEN];
    when_words();
    fonts *f = fonts_new(err);
    CHECK(f != NULL);
    for (size_t i = 0; f && i < sizeof SIZES / sizeof *SIZES; i++)
        posters_at(f, SIZES[i][0], SIZES[i][1]);
    fonts_free(f);
    return test_report();
}
