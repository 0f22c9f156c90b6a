/* deck: the slides the kiosk cycles through, as the render layer provides
 * them. Contract between the screens (render/slides layer, which implements
 * it) and the kiosk runtime (which drives it). SDL-side.
 *
 * Content is rebuilt only in deck_update (new data, new date, new size) and
 * kept as textures; deck_draw only copies textures, so a frame is cheap.
 * A change of feed states alone redraws only the footers' date and badge
 * (deck_set_states). */
#ifndef VITRINE_DECK_H
#define VITRINE_DECK_H

#include <SDL2/SDL.h>
#include <stdbool.h>
#include <stddef.h>

#include "vitrine/announce.h"
#include "vitrine/date.h"
#include "vitrine/feedstate.h"
#include "vitrine/fonts.h"
#include "vitrine/model.h"
#include "vitrine/posters.h"
#include "vitrine/stats.h"
#include "vitrine/textalt.h"

#define DECK_ERR_LEN 256
#define DECK_MAX_SLIDES 128              /* slides of a deck; more fail deck_update (DECK_FULL) */
#define DECK_SPOTLIGHT "spotlight"       /* the name of the product spotlight slide */
#define DECK_ANNOUNCEMENT "announcement" /* the name of every announcement slide */

typedef struct deck deck;

typedef enum {
    DECK_OK = 0,
    DECK_BAD_SIZE, /* width or height not positive */
    DECK_FULL,     /* more than DECK_MAX_SLIDES slides */
    DECK_NOMEM
} deck_status;

/* Creates a deck drawing with r (borrowed; must outlive the deck). Fonts are
 * found by the render layer. NULL with a reason in err on failure.
 * r may be NULL: the deck lays slides out but draws nothing until
 * deck_attach gives it a renderer (the kiosk lays the first slides out while
 * its window opens). */
deck *deck_new(SDL_Renderer *r, char err[DECK_ERR_LEN]);
void deck_free(deck *d); /* accepts NULL */
/* Gives a deck created without a renderer the one it draws with (borrowed).
 * On failure (out of memory) err says why and the deck draws nothing. */
deck_status deck_attach(deck *d, SDL_Renderer *r, char err[DECK_ERR_LEN]);

/* Rebuilds slide content for this data, date and output size. m, s and fs are
 * borrowed for the call only (the deck copies what it keeps). On failure
 * (reason in err, naming the slide) the previous content stays.
 * On a deck without a renderer it touches no SDL state but the fonts' own,
 * so it may run on another thread while nothing else uses the deck or
 * SDL_ttf. */
deck_status deck_update(deck *d, const model *m, const stats *s, const feedstate_set *fs,
                        vt_date today, int width, int height, char err[DECK_ERR_LEN]);

/* Moves the slides from laid out (by deck_update, on another thread
 * while nothing else used it) into d, whose slides, textures and spotlight
 * go: what the screen shows from now on, drawn with d's renderer and
 * fonts. from is left without slides, its settings kept, ready for its
 * next deck_update. DECK_BAD_SIZE when from has no slides (d unchanged).
 * Copies no slide: a few pointers, whatever the deck's size. */
deck_status deck_take(deck *d, deck *from);
/* A change of feed states alone (a 304, a failed retry, a feed going
 * stale): records again only what shows the state on each slide (the
 * footer's date and badge, in room reserved for the widest state), lays
 * nothing else out (a few text measures, well under a millisecond), and
 * drops the textures of the slides whose state changed: they are redrawn
 * at their next deck_draw. Returns true when a slide with data shows
 * something else. fs is copied. Like deck_update it measures text with the
 * deck's fonts. Call it only when deck_states_need_layout(d, fs) is false;
 * otherwise deck_update. */
bool deck_set_states(deck *d, const feedstate_set *fs);
/* True when fs changes more than the state the slides show, so that only
 * deck_update can show it: a feed becomes or stops being the bundled copy
 * (the EIG slides then name another source), or nothing is laid out yet. */
bool deck_states_need_layout(const deck *d, const feedstate_set *fs);

/* The deck's fonts (borrowed, live as long as the deck), for the kiosk's
 * other text (overlays): one set of open fonts for the whole screen. */
fonts *deck_fonts(deck *d);

/* The focus incubator (focus_incubator; NULL or "" for none), used from
 * the next deck_update: its own slides ("incubator-phases",
 * "incubator-teams", "incubator-newest", after the overview) and a
 * spotlight among its products. An id the data does not know is logged
 * once and the network's slides are shown. */
#define DECK_FOCUS_LEN 128
void deck_set_focus(deck *d, const char *incubator_id);

/* The operator's own slides, used from the next deck_update, after the
 * others: the configuration's announcements (l, copied; NULL for none),
 * then the announcements feed's (the model's), each named
 * DECK_ANNOUNCEMENT, then the posters (p, borrowed: it must outlive the
 * slides built from it, that is until the next successful deck_update
 * after another deck_set_posters), each named posters_name. */
void deck_set_announcements(deck *d, const announce_list *l);
void deck_set_posters(deck *d, const posters *p);
/* The local time the announcements' windows are checked at (before the
 * first deck_update: noon of its day). Returns true when an announcement
 * came or went: the caller gives the playlist the slides again. */
bool deck_set_time(deck *d, announce_time now);
/* The next time an announcement comes or goes after the deck's time;
 * INT64_MAX when none will. */
announce_time deck_next_edge(const deck *d);
/* The slide's own duration (an announcement's duration_s), 0 for the
 * playlist's. */
int64_t deck_slide_duration_ms(const deck *d, size_t i);

size_t deck_count(const deck *d);
/* True when a deck can have a slide of that name, whatever the data: one of
 * the catalogue's, or a team page "team-N" (how many depends on the data).
 * What --check-config checks a playlist against. */
bool deck_knows_slide(const char *name);
/* Stable slug, e.g. "products-by-phase" (for logs, playlists, file names). */
const char *deck_slide_name(const deck *d, size_t i);
/* French title shown on screen, e.g. "Produits par phase". */
const char *deck_slide_title(const deck *d, size_t i);
/* Where slide i leaves room, free of anything it draws, for the marks the
 * kiosk puts over it (pause, pin): in its footer band, in slide pixels.
 * False when it leaves none (a poster). */
bool deck_slide_marks(const deck *d, size_t i, SDL_Rect *out);
/* False when the slide has nothing to show with this data (skipped). */
bool deck_slide_has_data(const deck *d, size_t i);
/* Slide i's display list (app/slides' canvas.h; tests measure its texts). */
struct canvas;
const struct canvas *deck_slide_canvas(const deck *d, size_t i);
/* Slide i's text alternative, what a screen reader reads instead of the
 * picture: its texts in reading order, one a line (title, subtitle, each
 * figure with its label, each bar or column with its label and values,
 * the context, then the footer: source, date, badge). Line k of
 * deck_slide_lines; valid UTF-8 without control characters, valid until
 * the next deck_update (the spotlight's: deck_set_cycle). Kept only
 * after deck_keep_text(d, true) (the export); 0 lines otherwise. */
size_t deck_slide_lines(const deck *d, size_t i);
/* Whether the next deck_update keeps the slides' text alternative (off by
 * default: the kiosk only draws). */
void deck_keep_text(deck *d, bool on);
const char *deck_slide_line(const deck *d, size_t i, size_t k);
/* Adds slide i's text alternative to t as one slide named file (its PNG):
 * its title and subtitle (the deck's title when the slide has no frame),
 * its lines (deck_slide_line) and the figures behind its charts. Kept
 * like the lines (deck_keep_text). False when out of memory. */
bool deck_slide_alt(const deck *d, size_t i, const char *file, textalt *t);

/* Draws slide i at offset (x, y) of the current render target with the given
 * opacity (255 = opaque); used for transitions. */
void deck_draw(deck *d, size_t i, int x, int y, Uint8 alpha);
/* Number of layout problems found by the last deck_update (tests fail on
 * any): text that could not fit even at minimum size after wrapping, and
 * the other page checks of canvas.h (overlaps, contrast, characters that no
 * font has, one each). */
size_t deck_overflows(const deck *d);

/* The product spotlight shows a different active product for each cycle
 * (deterministic in today's date and the cycle): the kiosk gives it the
 * turns of its playlist, while the spotlight is not on screen. Rebuilds
 * only the spotlight slide, and logs its product. */
void deck_set_cycle(deck *d, unsigned long cycle);
size_t deck_spotlight_candidates(const deck *d);
/* Frees the slide textures of every slide but i: between transitions the
 * kiosk keeps one full-screen texture, not two (8 MiB at 1080p). */
void deck_keep_only(deck *d, size_t i);
/* The same, keeping the textures of i and j (the slide on screen and the
 * next one, prepared ahead). */
void deck_keep_two(deck *d, size_t i, size_t j);
/* Renders about budget_us more of slide i into its texture (nothing when
 * it has it whole), so that a later deck_draw only copies it: the kiosk
 * prepares the next slide in slices while the screen rests, and the slide
 * change then only blends two textures. 1 when the texture is complete, 0
 * when more is left, -1 when it cannot be (no render targets, out of
 * memory). */
int deck_prepare(deck *d, size_t i, int64_t budget_us);
/* Forget every texture after SDL_RENDER_TARGETS_RESET / DEVICE_RESET; they
 * are re-rendered on the next deck_draw. */
void deck_reset_textures(deck *d);
/* Textures the deck holds, slides and text (tests, diagnostics). */
size_t deck_textures(const deck *d);
/* Smallest text size used by the last deck_update, pixels (tests: it must
 * be at least 2.5 % of the screen's short side). */
int deck_smallest_text_px(const deck *d);
/* Draws slide i as a thumbnail into dst (the slide's aspect) of the
 * current render target, drawn at that size (text rendered small), not
 * scaled down from a full-size texture: the kiosk's overview. From
 * operation *drawn on (0: the start), for about until_us (vclock_system_us;
 * INT64_MAX: all of it); *drawn says where it stopped. 1 when the
 * thumbnail is complete, 0 when more is left, -1 when there is no such
 * slide. */
int deck_draw_thumb(deck *d, size_t i, SDL_Rect dst, size_t *drawn, int64_t until_us);

#endif
