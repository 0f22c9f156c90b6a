/* displaycheck: never run unseen. When SDL, not asked for a particular
 * video driver, ends up on one that shows nothing (offscreen, dummy: it
 * falls back to them when X11, Wayland and KMS/DRM all fail), the kiosk
 * would "run" with nothing on the screen while systemd reports it active.
 * This module tells that case apart and explains it in one line: what was
 * tried (DISPLAY, WAYLAND_DISPLAY, /dev/dri/card*) and the likely cause
 * (no display server, no KMS device, a user outside the video and render
 * groups). SDL-free: the kiosk gives it the driver's name. */
#ifndef VITRINE_DISPLAYCHECK_H
#define VITRINE_DISPLAYCHECK_H

#include <stdbool.h>
#include <stddef.h>

#define DISPLAYCHECK_DRI_DIR "/dev/dri"
#define DISPLAYCHECK_LINE_LEN 400

/* True when driver draws nowhere a person can see ("offscreen", "dummy")
 * and nobody asked for it by name (requested: the SDL_VIDEODRIVER value,
 * NULL when unset; a comma list like "kmsdrm,offscreen" names each of
 * its drivers). */
bool displaycheck_invisible(const char *driver, const char *requested);
/* One line: what the display backends found, e.g. "DISPLAY is not set;
 * WAYLAND_DISPLAY is not set; /dev/dri/card0: Permission denied (user
 * kiosk is not in the groups video, render)". dri_dir: DISPLAYCHECK_DRI_DIR
 * (tests give another). */
void displaycheck_explain(const char *dri_dir, char out[DISPLAYCHECK_LINE_LEN]);

#endif
