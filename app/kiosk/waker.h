/* waker: lets the kiosk's loop sleep until its next deadline, another
 * thread's wake-up or an input event, on the video drivers whose
 * SDL_WaitEventTimeout does not sleep in the kernel (SDL 2.26 polls there:
 * KMS/DRM, the Pi's console, and offscreen).
 *
 * It polls, in one poll(2): an eventfd that waker_wake writes (any thread,
 * async-signal-safe), its own file descriptor on each evdev device of the
 * input directory (a second open of a device gets its own copy of every
 * event, so what is read here is discarded and SDL still reads its own),
 * and an inotify watch on that directory, so that a keyboard plugged in
 * later is watched too. SDL-free and display-free: a test points it at a
 * directory of FIFOs named event*. */
#ifndef VITRINE_WAKER_H
#define VITRINE_WAKER_H

#include <stddef.h>
#include <stdint.h>

#define WAKER_ERR_LEN 160
#define WAKER_INPUT_DIR "/dev/input"
#define WAKER_MAX_DEVICES 32 /* more are reported once and not watched */

typedef enum {
    WAKER_TIMEOUT = 0, /* the time was up */
    WAKER_WOKEN,       /* waker_wake was called */
    WAKER_INPUT        /* an input device has events */
} waker_reason;

typedef struct waker waker;

/* input_dir: the evdev directory (WAKER_INPUT_DIR), or NULL to watch no
 * device. A missing or unreadable directory is not an error: only
 * waker_wake and the timeout wake the loop then. NULL with a reason in
 * err when the eventfd cannot be made. */
waker *waker_new(const char *input_dir, char err[WAKER_ERR_LEN]);
void waker_free(waker *w); /* accepts NULL */

/* Thread-safe and async-signal-safe: the current or next waker_wait
 * returns WAKER_WOKEN. */
void waker_wake(waker *w);
/* Sleeps until one of the reasons above; timeout_ms >= 0. The pending
 * wake-up or input is consumed. */
waker_reason waker_wait(waker *w, int64_t timeout_ms);
/* The input devices being watched. */
size_t waker_devices(const waker *w);

#endif
