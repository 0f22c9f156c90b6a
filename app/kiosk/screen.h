/* screen: the window and renderer the kiosk draws on, and the display's
 * power. Full screen at the display's native mode with the cursor hidden,
 * or a resizable window for development. Logs the mode it really got (SDL's
 * KMS/DRM backend falls back to 640x480 unless the window is created full
 * screen at the desktop mode). SDL-side. */
#ifndef VITRINE_SCREEN_H
#define VITRINE_SCREEN_H

#include <SDL2/SDL.h>
#include <stdbool.h>

#define SCREEN_ERR_LEN 256
#define SCREEN_DEFAULT_WIDTH 1280 /* --windowed without --size */
#define SCREEN_DEFAULT_HEIGHT 720
#define SCREEN_DEFAULT_HZ 60

typedef struct {
    bool windowed;
    int width, height; /* 0: native (full screen) or the default window size */
} screen_options;

typedef struct screen screen;

/* Needs SDL_Init(SDL_INIT_VIDEO). NULL with a reason in err on failure. */
screen *screen_new(const screen_options *opt, char err[SCREEN_ERR_LEN]);
void screen_free(screen *s); /* accepts NULL */

/* The output size a screen_new with these options will most likely get
 * (the desktop mode, or the window size asked for), known before the window
 * exists so that slides can be laid out while it opens. The real size
 * (screen_update_size) can differ: high-DPI scaling, a window manager. */
void screen_expected_size(const screen_options *opt, int *w, int *h);

SDL_Renderer *screen_renderer(screen *s);
/* Output size in pixels; true when it changed since the last call. */
bool screen_update_size(screen *s, int *w, int *h);
int screen_refresh_hz(const screen *s);
/* True when SDL_WaitEventTimeout really sleeps with this video driver (X11,
 * Wayland); otherwise the caller sleeps in short steps itself. */
bool screen_can_block(const screen *s);

/* Puts the display to sleep (off) or wakes it: allows or forbids the
 * platform's screen saver / DPMS and runs the configured command (in the
 * background, "" for none). */
void screen_set_power(screen *s, bool on, const char *command);
/* Reaps finished power commands, logging failures. Call once per loop turn. */
void screen_reap(screen *s);

#endif
