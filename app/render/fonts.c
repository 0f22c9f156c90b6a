/* fonts: font discovery (fixed paths of Debian 12's packages, or one
 * folder: FONTS_DIR_ENV), files
 * mapped (mmap), a few TTF_Font resized on demand (each open font costs
 * ~250 KiB, measured: 48 of them were 11 MB of the kiosk's RSS; resizing
 * one avoids the open / close churn), and a memo of
 * measured widths: the layout measures the same strings at the same sizes
 * many times (footers on every slide, the bisection on sizes, every rebuild
 * after a refresh), and each TTF_SizeUTF8 shapes the text with HarfBuzz.
 *
 * Fallbacks: SDL_ttf 2.20 draws a box for a glyph its font lacks and has no
 * fallback of its own, so a text is cut into runs, each the longest stretch
 * of characters one font of the face's chain has, measured and drawn with
 * that font, and the runs' surfaces are put side by side on a common
 * baseline. A text the face draws alone (nearly all of them) is one run,
 * drawn exactly as before. Font files are mapped (mmap), not read, and
 * fallbacks only when a text needs them: the kernel keeps resident only the pages
 * FreeType touches (Symbola is 3 MB on disk), and they open in the same
 * FONTS_MAX_OPEN slots as the faces, so the bound on open fonts holds.
 * Emoji come from Noto Color Emoji when it is installed (recommended, 11
 * MB): Debian 12's SDL_ttf 2.20 draws its CBDT bitmaps in colour, but at
 * their one size (136 x 128 px, whatever the size asked), so its runs are
 * measured and drawn at that size and scaled to the text's (EMOJI_*);
 * without it, Symbola draws them in the text's colour. A stretch of
 * characters no font has becomes a placeholder in the face's own font
 * ("[texte en chinois]": never a blank). Bidirectional text is not
 * reordered: an Arabic or Hebrew run is shaped right to left (joined
 * letters, in their order) and placed in the line in reading order of the
 * Latin text around it. */
#include "vitrine/fonts.h"

#include <SDL2/SDL_ttf.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vitrine/fileio.h"
#include "vitrine/hash.h"
#include "vitrine/layout.h"
#include "vitrine/log.h"
#include "vitrine/text.h"

/* Where glyphs come from: the two faces, then the fallbacks. */
enum { SRC_SANS = FONTS_FACE_COUNT, SRC_SANS_BOLD, SRC_SYMBOLS, SRC_CJK, SRC_EMOJI, SRC_COUNT };

#define CANDIDATES 4          /* files tried per source, NULL-terminated */
#define CHAIN_LEN 4           /* sources tried per face, in order */
#define FACE_FIRST_FALLBACK 2 /* candidates[face][2] is DejaVu: Inter is missing */

typedef struct {
    const char *path; /* Debian's; in FONTS_DIR_ENV, its base name */
    const char *name; /* for the log lines */
} candidate;

/* Inter first (the screens' face), DejaVu Sans as the fallback that every
 * Debian image has. */
static const candidate candidates[SRC_COUNT][CANDIDATES] = {
    [FONTS_REGULAR] = {{"/usr/share/fonts/opentype/inter/Inter-Regular.otf", "Inter"},
                       {"/usr/share/fonts/truetype/inter/Inter-Regular.ttf", "Inter"},
                       {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "DejaVu Sans"},
                       {NULL, NULL}},
    [FONTS_BOLD] = {{"/usr/share/fonts/opentype/inter/Inter-Bold.otf", "Inter Bold"},
                    {"/usr/share/fonts/truetype/inter/Inter-Bold.ttf", "Inter Bold"},
                    {"/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "DejaVu Sans Bold"},
                    {NULL, NULL}},
    [SRC_SANS] = {{"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "DejaVu Sans"}, {NULL, NULL}},
    [SRC_SANS_BOLD] = {{"/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "DejaVu Sans Bold"},
                       {NULL, NULL}},
    [SRC_SYMBOLS] = {{"/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf", "Symbola"},
                     {"/usr/share/fonts/truetype/ancient-scripts/Symbola.ttf", "Symbola"},
                     {NULL, NULL}},
    [SRC_CJK] = {{"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "WenQuanYi Micro Hei"},
                 {NULL, NULL}},
    [SRC_EMOJI] = {{"/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf", "Noto Color Emoji"},
                   {NULL, NULL}},
};
static const char *const packages[SRC_COUNT] = {
    "fonts-inter",   "fonts-inter",        "fonts-dejavu-core",     "fonts-dejavu-core",
    "fonts-symbola", "fonts-wqy-microhei", "fonts-noto-color-emoji"};

/* DejaVu Sans has Greek, Cyrillic, Arabic, Hebrew and many symbols; Symbola
 * the emoji and pictographs of Unicode 9 (and some of 10); WenQuanYi Micro
 * Hei Chinese (and the kana, Hangul: what a product name may hold). */
static const int chains[FONTS_FACE_COUNT][CHAIN_LEN] = {
    [FONTS_REGULAR] = {FONTS_REGULAR, SRC_SANS, SRC_SYMBOLS, SRC_CJK},
    [FONTS_BOLD] = {FONTS_BOLD, SRC_SANS_BOLD, SRC_SYMBOLS, SRC_CJK},
};

/* The fonts of a face's chain stay open together while a text is cut into
 * runs (the least recently used slot is the one reused). */
_Static_assert(FONTS_MAX_OPEN >= CHAIN_LEN + 1, "a face's chain and the emoji must fit");

/* Noto Color Emoji is a bitmap font (CBDT): SDL_ttf 2.20 opens it at its one
 * size, whatever the size asked (a glyph is 136 x 128 px), and draws its
 * glyphs in colour. Its runs are measured and drawn at that size and scaled
 * to the text's: an emoji as tall as a line of the text around it. */
#define EMOJI_OPEN_PX 109     /* the font's one strike */
#define EMOJI_HEIGHT_EM 1.17f /* its line height, in the text's size */

typedef enum { SOURCE_UNKNOWN, SOURCE_READY, SOURCE_ABSENT } source_state;

typedef struct {
    TTF_Font *font;
    int face, px;  /* face: a source */
    bool rtl;      /* shaping set to right to left */
    uint64_t used; /* LRU tick: 64 bits, never wraps (32-bit long on armhf) */
} open_font;

/* Measured widths by key (hash of face, size and bytes; 0 = empty slot).
 * A 64-bit hash over a few thousand strings: a collision is negligible, and
 * would only misplace one text. Fixed size: 16 KiB entries, 256 KiB. */
#define MEMO_SLOTS 16384 /* a power of two */
#define MEMO_PROBES 8

typedef struct {
    uint64_t key;
    int width;
} memo_entry;

struct fonts {
    memo_entry memo[MEMO_SLOTS];
    char *data[SRC_COUNT]; /* mapped: faces at start, fallbacks on first use */
    size_t size[SRC_COUNT];
    char path[SRC_COUNT][FONTS_PATH_LEN]; /* "" until found */
    char dir[FONTS_PATH_LEN];             /* FONTS_DIR_ENV at fonts_new, or "" */
    source_state state[SRC_COUNT];
    open_font open[FONTS_MAX_OPEN];
    uint64_t tick;
    float ratio[FONTS_FACE_COUNT]; /* fonts_width_ratio's, 0 until asked */
    bool ttf_started;
};

/* One run: bytes of runs.text (NUL-terminated there) drawn with one font. */
typedef struct {
    int src;
    bool rtl;
    const char *script; /* ISO 15924, for HarfBuzz: "Arab", "Hebr" or "Zzzz" */
    size_t start, len;
} text_run;

/* A text cut into runs; the characters no font has are not copied. */
typedef struct {
    char text[2 * FONTS_TEXT_MAX + FONTS_MAX_RUNS]; /* runs, NULs, placeholders */
    size_t used;
    text_run runs[FONTS_MAX_RUNS];
    size_t n_runs;
    size_t missing;
    uint32_t first_missing;
} text_runs;

/* FONTS_DIR_ENV, or "" when unset. */
static const char *font_dir(void)
{
    const char *dir = getenv(FONTS_DIR_ENV);
    return dir ? dir : "";
}

/* Where candidate c's file is looked for: in dir when there is one (by its
 * base name), else at Debian's path. False when the path does not fit. */
static bool locate(const char *dir, const candidate *c, char out[FONTS_PATH_LEN])
{
    int n;
    if (*dir) {
        const char *base = strrchr(c->path, '/');
        n = snprintf(out, FONTS_PATH_LEN, "%s/%s", dir, base ? base + 1 : c->path);
    } else {
        n = snprintf(out, FONTS_PATH_LEN, "%s", c->path);
    }
    return n > 0 && n < FONTS_PATH_LEN;
}

/* The first candidate of src that is a readable regular file, or -1. */
static int find_source(int src, char path[FONTS_PATH_LEN])
{
    for (int i = 0; candidates[src][i].path; i++) {
        struct stat st;
        if (locate(font_dir(), &candidates[src][i], path) && stat(path, &st) == 0 &&
            S_ISREG(st.st_mode) && access(path, R_OK) == 0)
            return i;
    }
    return -1;
}

/* Maps a font file: only the pages FreeType reads become resident, and
 * they are the page cache's (clean, shared, reclaimable), not the heap's.
 * dpkg replaces a file by renaming a new one over it, so an upgrade of the
 * font package leaves the mapping valid. */
static bool map_file(const char *path, char **data, size_t *size)
{
    /* Only a regular file: a FIFO in FONTS_DIR_ENV is refused, not waited on. */
    int fd;
    struct stat st;
    char err[FILEIO_ERR_LEN];
    if (fileio_open_regular(path, &fd, &st, err) != FILEIO_OK)
        return false;
    void *p = MAP_FAILED;
    if (st.st_size > 0 && (uintmax_t)st.st_size <= FONTS_FILE_MAX)
        p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd); /* the mapping stays */
    if (p == MAP_FAILED)
        return false;
    *data = p;
    *size = (size_t)st.st_size;
    return true;
}

static bool load_face(fonts *f, int face, char err[FONTS_ERR_LEN])
{
    for (int i = 0; candidates[face][i].path; i++) {
        char *p = f->path[face];
        if (locate(f->dir, &candidates[face][i], p) && map_file(p, &f->data[face], &f->size[face]))
            return true;
    }
    f->path[face][0] = '\0';
    snprintf(err, FONTS_ERR_LEN, "fonts: no %s font found in %.120s (tried %s, %s; install %s)",
             face == FONTS_BOLD ? "bold" : "regular", *f->dir ? f->dir : "/usr/share/fonts",
             candidates[face][0].name, candidates[face][FACE_FIRST_FALLBACK].name, packages[face]);
    return false;
}

/* The fallback src, mapped on first use; false when it is not installed or
 * is the file a face already uses (DejaVu Sans when Inter is missing). */
static bool source_ready(fonts *f, int src)
{
    if (f->state[src] != SOURCE_UNKNOWN)
        return f->state[src] == SOURCE_READY;
    f->state[src] = SOURCE_ABSENT;
    char *p = f->path[src];
    for (int i = 0; candidates[src][i].path; i++) {
        if (!locate(f->dir, &candidates[src][i], p))
            continue;
        for (int face = 0; face < FONTS_FACE_COUNT; face++)
            if (strcmp(f->path[face], p) == 0)
                return false;
        if (map_file(p, &f->data[src], &f->size[src])) {
            f->state[src] = SOURCE_READY;
            log_info("fonts", "fallback font %s (for characters the faces lack)", p);
            return true;
        }
    }
    p[0] = '\0';
    log_warn("fonts", "no fallback font %s (install %s): %s", candidates[src][0].name,
             packages[src],
             src == SRC_CJK     ? "Chinese, Japanese and Korean texts are shown as a placeholder"
             : src == SRC_EMOJI ? "emoji are drawn in the text's colour from Symbola"
                                : "characters no other font has are shown as a placeholder");
    return false;
}

bool fonts_substitutes(char line[FONTS_ERR_LEN])
{
    char path[FONTS_PATH_LEN];
    const char *missing[FONTS_FACE_COUNT], *standin[FONTS_FACE_COUNT];
    size_t n = 0;
    line[0] = '\0';
    for (int face = 0; face < FONTS_FACE_COUNT; face++) {
        int i = find_source(face, path);
        if (i < 0) {
            snprintf(line, FONTS_ERR_LEN, "fonts: no %s font found (%s nor %s; install %s)",
                     face == FONTS_BOLD ? "bold" : "regular", candidates[face][0].name,
                     candidates[face][FACE_FIRST_FALLBACK].name, packages[face]);
            return false;
        }
        if (i >= FACE_FIRST_FALLBACK) {
            missing[n] = candidates[face][0].name;
            standin[n++] = candidates[face][i].name;
        }
    }
    if (n == 1)
        snprintf(line, FONTS_ERR_LEN, "%s not found; %s stands in (install %s)", missing[0],
                 standin[0], packages[FONTS_REGULAR]);
    else if (n == 2)
        snprintf(line, FONTS_ERR_LEN, "%s and %s not found; %s and %s stand in (install %s)",
                 missing[0], missing[1], standin[0], standin[1], packages[FONTS_REGULAR]);
    return true;
}

fonts *fonts_new(char err[FONTS_ERR_LEN])
{
    fonts *f = calloc(1, sizeof *f);
    if (!f) {
        snprintf(err, FONTS_ERR_LEN, "fonts: out of memory");
        return NULL;
    }
    if (TTF_Init() != 0) {
        snprintf(err, FONTS_ERR_LEN, "fonts: TTF_Init: %s", TTF_GetError());
        free(f);
        return NULL;
    }
    f->ttf_started = true;
    if (snprintf(f->dir, sizeof f->dir, "%s", font_dir()) >= (int)sizeof f->dir) {
        snprintf(err, FONTS_ERR_LEN, "fonts: %s: path too long", FONTS_DIR_ENV);
        fonts_free(f);
        return NULL;
    }
    for (int face = 0; face < FONTS_FACE_COUNT; face++) {
        if (!load_face(f, face, err)) {
            fonts_free(f);
            return NULL;
        }
        f->state[face] = SOURCE_READY;
    }
    return f;
}

void fonts_free(fonts *f)
{
    if (!f)
        return;
    for (int i = 0; i < FONTS_MAX_OPEN; i++)
        if (f->open[i].font)
            TTF_CloseFont(f->open[i].font);
    for (int src = 0; src < SRC_COUNT; src++)
        if (f->data[src])
            munmap(f->data[src], f->size[src]);
    if (f->ttf_started)
        TTF_Quit(); /* reference-counted by SDL_ttf */
    free(f);
}

static int face_ok(int face)
{
    return face < 0 || face >= FONTS_FACE_COUNT ? FONTS_REGULAR : face;
}

/* Whether o is a better slot to give up than the best so far: a font at
 * the layout's reference size only when both are (the fitter measures at
 * that size between every two sizes it tries: resizing it away would load
 * every glyph again at the next estimate), else the least recently used. */
static bool older(const open_font *o, const open_font *best)
{
    if (!best)
        return true;
    bool o_ref = o->px == LAYOUT_REF_PX, best_ref = best->px == LAYOUT_REF_PX;
    if (o_ref != best_ref)
        return best_ref;
    return o->used < best->used;
}

/* The open slot for (source, px). A miss takes a free slot, else the least
 * recently used font of the same source, resized in place, else the least
 * recently used font, closed and reopened; fonts at the layout's reference
 * size go last. NULL when the source has no file or SDL_ttf fails. */
static open_font *slot_at(fonts *f, int face, int px)
{
    if (!source_ready(f, face))
        return NULL;
    px = px < 1 ? 1 : px > FONTS_MAX_PX ? FONTS_MAX_PX : px;
    if (face == SRC_EMOJI)
        px = EMOJI_OPEN_PX; /* one size: scaled after (see EMOJI_OPEN_PX) */
    open_font *empty = NULL, *same = NULL, *oldest = NULL;
    for (int i = 0; i < FONTS_MAX_OPEN; i++) {
        open_font *o = &f->open[i];
        if (!o->font) {
            empty = empty ? empty : o;
            continue;
        }
        if (o->face == face && o->px == px) {
            o->used = ++f->tick;
            return o;
        }
        if (o->face == face && older(o, same))
            same = o;
        if (older(o, oldest))
            oldest = o;
    }
    open_font *slot = empty ? empty : same ? same : oldest;
    if (slot == same && TTF_SetFontSize(slot->font, px) != 0) {
        TTF_CloseFont(slot->font); /* not resizable: reopen below */
        slot->font = NULL;
    } else if (slot != same && slot->font) {
        TTF_CloseFont(slot->font);
        slot->font = NULL;
    }
    if (!slot->font) {
        SDL_RWops *rw = SDL_RWFromConstMem(f->data[face], (int)f->size[face]);
        slot->font = rw ? TTF_OpenFontRW(rw, 1, px) : NULL;
        slot->rtl = false;
    }
    slot->face = face;
    slot->px = px;
    slot->used = ++f->tick;
    return slot->font ? slot : NULL;
}

static TTF_Font *font_at(fonts *f, int src, int px)
{
    open_font *o = slot_at(f, src, px);
    return o ? o->font : NULL;
}

/* The font of a run, its shaping set for the run's direction and script
 * (the slots are shared: a font shaped an Arabic run may draw Latin next). */
static TTF_Font *run_font(fonts *f, const text_run *r, int px)
{
    open_font *o = slot_at(f, r->src, px);
    if (!o)
        return NULL;
    if (o->rtl != r->rtl) {
        TTF_SetFontDirection(o->font, r->rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
        TTF_SetFontScriptName(o->font, r->script);
        o->rtl = r->rtl;
    } else if (r->rtl) {
        TTF_SetFontScriptName(o->font, r->script); /* Arabic after Hebrew */
    }
    return o->font;
}

/* Right-to-left scripts the fallbacks have: shaped as such, joined. */
static const char *rtl_script(uint32_t cp)
{
    if ((cp >= 0x0590 && cp <= 0x05FF) || (cp >= 0xFB1D && cp <= 0xFB4F))
        return "Hebr";
    if ((cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) ||
        (cp >= 0x08A0 && cp <= 0x08FF) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
        (cp >= 0xFE70 && cp <= 0xFEFF))
        return "Arab";
    return NULL;
}

/* Spaces between words: they stay in the run around them. */
static bool is_space(uint32_t cp)
{
    return cp == ' ' || cp == 0xA0 || cp == 0x202F;
}

/* After spaces, does a right-to-left letter come next? Spaces between two
 * Arabic words belong to the Arabic run; before Latin text they do not
 * (shaped right to left, they would end up on the wrong side). */
static bool rtl_follows(const char *s, size_t i, size_t n)
{
    while (i < n) {
        uint32_t cp;
        i += text_utf8_next(s + i, n - i, &cp);
        if (!is_space(cp))
            return rtl_script(cp) != NULL;
    }
    return false;
}

/* Whether src has cp: any open size of it answers (a glyph's presence does
 * not depend on the size), so asking never resizes a font, which would
 * empty its glyph cache. */
static bool provides(fonts *f, int src, int px, uint32_t cp)
{
    TTF_Font *font = NULL;
    for (int i = 0; i < FONTS_MAX_OPEN && !font; i++)
        if (f->open[i].font && f->open[i].face == src)
            font = f->open[i].font;
    if (!font)
        font = font_at(f, src, px);
    return font && TTF_GlyphIsProvided32(font, cp);
}

#define SRC_MISSING (-1) /* no font has it: left out, counted */
#define SRC_HIDDEN (-2)  /* invisible, and the run's font lacks it: left out */

/* The source of cp: the run it continues (a mark, an invisible character,
 * a space between words of the same run), else the first of the chain that
 * has it. An invisible character (a joiner, a variation selector) stays
 * with its run's font when it has it, for shaping, and is left out
 * otherwise: no font would draw it as anything but a box. */
/* Characters drawn as emoji by default (Unicode's Emoji_Presentation), or
 * asked to be by a variation selector 16 after them: from the colour font
 * first. The others (✈, ♻) stay text, from the text's fonts. */
static bool emoji_first(uint32_t cp, bool vs16_follows)
{
    static const uint32_t bmp[][2] = {
        {0x231A, 0x231B}, {0x23E9, 0x23EC}, {0x23F0, 0x23F0}, {0x23F3, 0x23F3}, {0x25FD, 0x25FE},
        {0x2614, 0x2615}, {0x2648, 0x2653}, {0x267F, 0x267F}, {0x2693, 0x2693}, {0x26A1, 0x26A1},
        {0x26AA, 0x26AB}, {0x26BD, 0x26BE}, {0x26C4, 0x26C5}, {0x26CE, 0x26CE}, {0x26D4, 0x26D4},
        {0x26EA, 0x26EA}, {0x26F2, 0x26F3}, {0x26F5, 0x26F5}, {0x26FA, 0x26FA}, {0x26FD, 0x26FD},
        {0x2705, 0x2705}, {0x270A, 0x270B}, {0x2728, 0x2728}, {0x274C, 0x274C}, {0x274E, 0x274E},
        {0x2753, 0x2755}, {0x2757, 0x2757}, {0x2795, 0x2797}, {0x27B0, 0x27B0}, {0x27BF, 0x27BF},
        {0x2B1B, 0x2B1C}, {0x2B50, 0x2B50}, {0x2B55, 0x2B55},
    };
    if (vs16_follows || (cp >= 0x1F000 && cp <= 0x1FAFF))
        return true;
    for (size_t i = 0; i < sizeof bmp / sizeof bmp[0]; i++)
        if (cp >= bmp[i][0] && cp <= bmp[i][1])
            return true;
    return false;
}

static int pick_source(fonts *f, const int *chain, int px, uint32_t cp, const text_run *cur,
                       bool joins, bool emoji)
{
    /* Every face has printable ASCII (Inter, DejaVu Sans), which never joins
     * a run: no lookup for most characters of most texts. */
    if (cp > ' ' && cp < 0x7F)
        return chain[0];
    if (text_is_invisible(cp))
        return cur && provides(f, cur->src, px, cp) ? cur->src : SRC_HIDDEN;
    if (cur && joins && provides(f, cur->src, px, cp))
        return cur->src;
    if (emoji && provides(f, SRC_EMOJI, px, cp))
        return SRC_EMOJI;
    for (int k = 0; k < CHAIN_LEN; k++)
        if (provides(f, chain[k], px, cp))
            return chain[k];
    return !emoji && provides(f, SRC_EMOJI, px, cp) ? SRC_EMOJI : SRC_MISSING;
}

/* What stands for a character no font has: its script's name for the
 * scripts a name or a pitch may be written in, else its code point. */
#define PLACEHOLDER_LEN 24

static void placeholder_of(uint32_t cp, char out[PLACEHOLDER_LEN])
{
    const char *lang = NULL;
    if ((cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF))
        lang = "japonais"; /* kana */
    else if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F) ||
             (cp >= 0xAC00 && cp <= 0xD7AF))
        lang = "cor\xC3\xA9"
               "en"; /* Hangul */
    else if ((cp >= 0x2E80 && cp <= 0x2FDF) || (cp >= 0x3000 && cp <= 0x303F) ||
             (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
             (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFF60) ||
             (cp >= 0x20000 && cp <= 0x3FFFF))
        lang = "chinois"; /* Han, CJK punctuation and full-width forms */
    if (lang)
        snprintf(out, PLACEHOLDER_LEN, "[texte en %s]", lang);
    else
        snprintf(out, PLACEHOLDER_LEN, "[U+%04" PRIX32 "]", cp);
}

/* Whether no font of the chain has cp (and it is not invisible). */
static bool nobody_has(fonts *f, const int *chain, int px, uint32_t cp)
{
    if ((cp > ' ' && cp < 0x7F) || is_space(cp) || text_is_invisible(cp))
        return false;
    for (int k = 0; k < CHAIN_LEN; k++)
        if (provides(f, chain[k], px, cp))
            return false;
    return !provides(f, SRC_EMOJI, px, cp);
}

/* After spaces, does a character come that the same placeholder stands
 * for? "数字 服务" is one "[texte en chinois]", not two around a space. */
static bool same_placeholder_follows(fonts *f, const int *chain, int px, const char *s, size_t i,
                                     size_t n, const char *ph)
{
    while (i < n) {
        uint32_t cp;
        i += text_utf8_next(s + i, n - i, &cp);
        if (is_space(cp))
            continue;
        char next[PLACEHOLDER_LEN];
        placeholder_of(cp, next);
        return nobody_has(f, chain, px, cp) && strcmp(next, ph) == 0;
    }
    return false;
}

/* Appends bytes drawn by src (left to right) to the runs: to the current
 * run when it is src's, else to a new one. False when no run is left. */
static bool append_run(text_runs *out, text_run **cur, int src, const char *s, size_t k)
{
    if (!(*cur && (*cur)->src == src && !(*cur)->rtl)) {
        if (out->n_runs == FONTS_MAX_RUNS)
            return false;
        if (*cur)
            out->text[out->used++] = '\0';
        *cur = &out->runs[out->n_runs++];
        **cur = (text_run){src, false, "Zzzz", out->used, 0};
    }
    memcpy(out->text + out->used, s, k);
    out->used += k;
    (*cur)->len += k;
    return true;
}

/* Cuts s[0..len) into runs of one font each (see the top of the file). A
 * stretch of characters no font has becomes its placeholder, in the
 * face's own font, when there is room for it (runs.text keeps room for
 * what is left of the text and a NUL a run). */
static void itemise(fonts *f, int face, int px, const char *s, size_t len, text_runs *out)
{
    char clean[FONTS_TEXT_MAX];
    size_t n = text_clean(s, len, clean, sizeof clean);
    const int *chain = chains[face_ok(face)];
    text_run *cur = NULL;
    char last_ph[PLACEHOLDER_LEN] = ""; /* the placeholder just drawn, if any */
    out->used = out->n_runs = out->missing = 0;
    out->first_missing = 0;
    for (size_t i = 0, k; i < n; i += k) {
        unsigned char b = (unsigned char)clean[i];
        if (b > ' ' && b < 0x7F && cur && cur->src == chain[0] && !cur->rtl) {
            out->text[out->used++] = (char)b; /* pick_source's answer, faster */
            cur->len++;
            last_ph[0] = '\0';
            k = 1;
            continue;
        }
        uint32_t cp;
        k = text_utf8_next(clean + i, n - i, &cp);
        if (last_ph[0] && is_space(cp) &&
            same_placeholder_follows(f, chain, px, clean, i + k, n, last_ph))
            continue;
        const char *script = rtl_script(cp);
        /* A space after an emoji is the text's (the colour font's is an
         * emoji wide). */
        bool joins = cur && (text_is_mark(cp) || (is_space(cp) && cur->src != SRC_EMOJI &&
                                                  (!cur->rtl || rtl_follows(clean, i + k, n))));
        uint32_t next = 0;
        if (i + k < n)
            text_utf8_next(clean + i + k, n - i - k, &next);
        int src = pick_source(f, chain, px, cp, cur, joins, emoji_first(cp, next == 0xFE0F));
        bool rtl = script != NULL || (joins && cur->rtl);
        if (src >= 0 && !(cur && cur->src == src && cur->rtl == rtl)) {
            if (out->n_runs == FONTS_MAX_RUNS) {
                src = SRC_MISSING; /* no run left: counted with the missing */
            } else {
                if (cur)
                    out->text[out->used++] = '\0';
                cur = &out->runs[out->n_runs++];
                *cur = (text_run){src, rtl, script ? script : "Zzzz", out->used, 0};
            }
        }
        if (src == SRC_HIDDEN)
            continue;
        if (src < 0) {
            if (!out->missing++)
                out->first_missing = cp;
            char ph[PLACEHOLDER_LEN];
            placeholder_of(cp, ph);
            size_t lp = strlen(ph);
            if (strcmp(ph, last_ph) != 0 &&
                out->used + lp + (n - i) + FONTS_MAX_RUNS < sizeof out->text &&
                append_run(out, &cur, chain[0], ph, lp))
                memcpy(last_ph, ph, lp + 1);
            continue;
        }
        last_ph[0] = '\0';
        memcpy(out->text + out->used, clean + i, k);
        out->used += k;
        cur->len += k;
    }
    if (cur)
        out->text[out->used++] = '\0';
}

/* How wide a face sets French text: a sentence of the slides, lower case
 * mostly, and Inter's width of it at LAYOUT_REF_PX (fonts-inter 4.0,
 * measured with SDL_ttf 2.20). */
#define RATIO_TEXT "le programme recrute 30 experts pour les politiques prioritaires"
static const int inter_width[FONTS_FACE_COUNT] = {[FONTS_REGULAR] = 2873, [FONTS_BOLD] = 2974};
#define RATIO_MAX 1.5f /* past this, a face is too wide for the layout anyway */

float fonts_width_ratio(fonts *f, int face)
{
    face = face_ok(face);
    if (f->ratio[face] > 0)
        return f->ratio[face];
    float r = 1;
    const char *inter = strstr(f->path[face], "/Inter-");
    if (!inter) { /* Inter itself is 1, whatever its version */
        int w = fonts_measure(f, face, LAYOUT_REF_PX, RATIO_TEXT, sizeof RATIO_TEXT - 1);
        r = (float)w / (float)inter_width[face];
        r = r < 1 ? 1 : r > RATIO_MAX ? RATIO_MAX : r;
    }
    f->ratio[face] = r;
    return r;
}

static uint64_t memo_key(int face, int px, const char *s, size_t len)
{
    uint64_t h = hash_fnv1a64(HASH_FNV1A64_BASIS, s, len);
    h ^= ((uint64_t)(unsigned)face << 56) ^ ((uint64_t)(unsigned)px << 32) ^ len;
    h *= 0x9e3779b97f4a7c15u; /* spread the size and face bits */
    return h ? h : 1;
}

/* The slot holding key, or the slot to fill (an empty one, else the first
 * probed: an old width is simply measured again when needed). */
static memo_entry *memo_slot(fonts *f, uint64_t key)
{
    size_t home = (size_t)(key >> 20) & (MEMO_SLOTS - 1);
    for (size_t i = 0; i < MEMO_PROBES; i++) {
        memo_entry *e = &f->memo[(home + i) & (MEMO_SLOTS - 1)];
        if (e->key == key || e->key == 0)
            return e;
    }
    return &f->memo[home];
}

/* A length of the colour font's size at the text's size px. */
static int emoji_scaled(TTF_Font *font, int px, int len)
{
    int h = TTF_FontHeight(font);
    long v = h > 0 ? lroundf((float)len * (float)px * EMOJI_HEIGHT_EM / (float)h) : len;
    return v < 1 ? 1 : (int)v;
}

/* The colour font's run drawn at its size, scaled to the text's: halved
 * while more than twice too large (each step averages 2 x 2 pixels; one
 * bilinear step from 128 px down to 20 would skip most of them), then
 * once to the size. NULL when SDL fails. */
static SDL_Surface *emoji_surface(TTF_Font *font, int px, const char *text, SDL_Color c)
{
    SDL_Surface *raw = TTF_RenderUTF8_Blended(font, text, c);
    SDL_Surface *cur = raw ? SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0) : NULL;
    SDL_FreeSurface(raw);
    int w = cur ? emoji_scaled(font, px, cur->w) : 0, h = cur ? emoji_scaled(font, px, cur->h) : 0;
    while (cur && (cur->w != w || cur->h != h)) {
        int sw = cur->w / 2 >= w ? cur->w / 2 : w, sh = cur->h / 2 >= h ? cur->h / 2 : h;
        SDL_Surface *next = SDL_CreateRGBSurfaceWithFormat(0, sw, sh, 32, SDL_PIXELFORMAT_ARGB8888);
        if (next && SDL_SoftStretchLinear(cur, NULL, next, NULL) != 0) {
            SDL_FreeSurface(next);
            next = NULL;
        }
        SDL_FreeSurface(cur);
        cur = next;
    }
    return cur;
}

int fonts_measure(void *ctx, int face, int px, const char *s, size_t len)
{
    fonts *f = ctx;
    if (len == 0)
        return 0;
    face = face_ok(face);
    uint64_t key = memo_key(face, px, s, len);
    memo_entry *e = memo_slot(f, key);
    if (e->key == key)
        return e->width;
    text_runs runs;
    itemise(f, face, px, s, len, &runs);
    int width = 0;
    for (size_t k = 0; k < runs.n_runs; k++) {
        const text_run *r = &runs.runs[k];
        TTF_Font *font = run_font(f, r, px);
        int w = 0, h = 0;
        if (!font || TTF_SizeUTF8(font, runs.text + r->start, &w, &h) != 0)
            return 0;
        width += r->src == SRC_EMOJI ? emoji_scaled(font, px, w) : w;
    }
    *e = (memo_entry){key, width};
    return width;
}

size_t fonts_missing(fonts *f, int face, int px, const char *s, size_t len, uint32_t *first)
{
    text_runs runs;
    itemise(f, face, px, s ? s : "", s ? len : 0, &runs);
    if (first)
        *first = runs.first_missing;
    return runs.missing;
}

/* Where the baseline of a run's surface is: at the font's ascent, unless a
 * glyph rises above it (SDL_ttf then grows the surface at the top). */
static int baseline(TTF_Font *font, const char *text, const SDL_Surface *surf)
{
    int ascent = TTF_FontAscent(font);
    if (surf->h <= TTF_FontHeight(font))
        return ascent;
    int top = ascent;
    for (size_t i = 0, n = strlen(text), k; i < n; i += k) {
        uint32_t cp;
        int maxy;
        k = text_utf8_next(text + i, n - i, &cp);
        if (TTF_GlyphMetrics32(font, cp, NULL, NULL, NULL, &maxy, NULL) == 0 && maxy > top)
            top = maxy;
    }
    return top < surf->h ? top : surf->h;
}

/* The runs' surfaces side by side on one baseline, copied (not blended:
 * they do not overlap) onto a transparent surface of the text's colour. */
static SDL_Surface *compose(fonts *f, const text_runs *runs, int px, SDL_Color c)
{
    SDL_Surface *parts[FONTS_MAX_RUNS] = {0};
    int base[FONTS_MAX_RUNS] = {0}, w = 0, above = 0, below = 0;
    for (size_t k = 0; k < runs->n_runs; k++) {
        const char *text = runs->text + runs->runs[k].start;
        TTF_Font *font = run_font(f, &runs->runs[k], px);
        bool emoji = runs->runs[k].src == SRC_EMOJI;
        parts[k] = !font   ? NULL
                   : emoji ? emoji_surface(font, px, text, c)
                           : TTF_RenderUTF8_Blended(font, text, c);
        if (!parts[k])
            continue; /* only invisible characters: nothing to draw */
        base[k] =
            emoji ? emoji_scaled(font, px, TTF_FontAscent(font)) : baseline(font, text, parts[k]);
        w += parts[k]->w;
        above = base[k] > above ? base[k] : above;
        below = parts[k]->h - base[k] > below ? parts[k]->h - base[k] : below;
    }
    SDL_Surface *out =
        w > 0 ? SDL_CreateRGBSurfaceWithFormat(0, w, above + below, 32, SDL_PIXELFORMAT_ARGB8888)
              : NULL;
    if (out)
        SDL_FillRect(out, NULL, SDL_MapRGBA(out->format, c.r, c.g, c.b, 0));
    for (size_t k = 0, x = 0; k < runs->n_runs; k++) {
        if (!parts[k])
            continue;
        if (out) {
            SDL_Rect at = {(int)x, above - base[k], parts[k]->w, parts[k]->h};
            SDL_SetSurfaceBlendMode(parts[k], SDL_BLENDMODE_NONE);
            SDL_BlitSurface(parts[k], NULL, out, &at);
        }
        x += (size_t)parts[k]->w;
        SDL_FreeSurface(parts[k]);
    }
    return out;
}

SDL_Surface *fonts_render(fonts *f, int face, int px, const char *s, SDL_Color c)
{
    if (!s || !*s)
        return NULL;
    text_runs runs;
    itemise(f, face_ok(face), px, s, strlen(s), &runs);
    if (runs.n_runs == 1 && runs.runs[0].src != SRC_EMOJI) { /* the common case: as is */
        TTF_Font *font = run_font(f, &runs.runs[0], px);
        return font ? TTF_RenderUTF8_Blended(font, runs.text, c) : NULL;
    }
    return compose(f, &runs, px, c);
}
