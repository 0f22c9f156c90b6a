/* theme: palette values and the contrast maths that proves them readable. */
#include "vitrine/theme.h"

#include <math.h>
#include <string.h>

static const theme_color palette[THEME_COLOR_COUNT] = {
    [THEME_BG] = {0xFF, 0xFF, 0xFF},       [THEME_PANEL] = {0xF6, 0xF6, 0xF6},
    [THEME_BLUE] = {0x00, 0x00, 0x91},     [THEME_RED] = {0xE1, 0x00, 0x0F},
    [THEME_TEXT] = {0x16, 0x16, 0x16},     [THEME_MUTED] = {0x53, 0x53, 0x53},
    [THEME_ON_DARK] = {0xFF, 0xFF, 0xFF},  [THEME_DARK] = {0x3A, 0x3A, 0x3A},
    [THEME_SERIES_3] = {0x6A, 0x6A, 0xF4}, [THEME_INACTIVE] = {0xB5, 0xB5, 0xB5},
    [THEME_GRID] = {0xDD, 0xDD, 0xDD},
};

/* Text colours and the fills they sit on. Red text is kept for large
 * figures on white only; contrast is checked for every pair anyway. */
static const theme_pair text_pairs[] = {
    {THEME_BLUE, THEME_BG},     {THEME_BLUE, THEME_PANEL},   {THEME_TEXT, THEME_BG},
    {THEME_TEXT, THEME_PANEL},  {THEME_MUTED, THEME_BG},     {THEME_MUTED, THEME_PANEL},
    {THEME_RED, THEME_BG},      {THEME_RED, THEME_PANEL},    {THEME_ON_DARK, THEME_BLUE},
    {THEME_ON_DARK, THEME_RED}, {THEME_ON_DARK, THEME_DARK},
};

theme_color theme_get(theme_role role)
{
    return role >= 0 && role < THEME_COLOR_COUNT ? palette[role] : palette[THEME_TEXT];
}

/* The poster fills: each is listed with THEME_ON_DARK in text_pairs. */
static const struct {
    const char *name;
    theme_role role;
} poster_fills[] = {{"blue", THEME_BLUE}, {"red", THEME_RED}, {"dark", THEME_DARK}};

bool theme_poster_fill(const char *name, theme_role *out)
{
    if (!name || !*name) {
        *out = poster_fills[0].role;
        return true;
    }
    for (size_t i = 0; i < sizeof poster_fills / sizeof *poster_fills; i++)
        if (strcmp(name, poster_fills[i].name) == 0) {
            *out = poster_fills[i].role;
            return true;
        }
    return false;
}

static double channel(unsigned char c)
{
    double v = c / 255.0;
    return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static double luminance(theme_color c)
{
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

double theme_contrast(theme_color a, theme_color b)
{
    double la = luminance(a), lb = luminance(b);
    double hi = la > lb ? la : lb, lo = la > lb ? lb : la;
    return (hi + 0.05) / (lo + 0.05);
}

const theme_pair *theme_text_pairs(size_t *n)
{
    *n = sizeof text_pairs / sizeof *text_pairs;
    return text_pairs;
}

bool theme_pair_allowed(theme_role fg, theme_role bg)
{
    for (size_t i = 0; i < sizeof text_pairs / sizeof *text_pairs; i++)
        if (text_pairs[i].fg == fg && text_pairs[i].bg == bg)
            return true;
    return false;
}
