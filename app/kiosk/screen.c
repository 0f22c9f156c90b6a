/* screen: window creation, mode logging, display power. Power commands run
 * through /bin/sh in a child process with the default signal mask (the
 * kiosk blocks its signals for the signal thread) and SIGPIPE back at its
 * default (the kiosk ignores it), and are reaped later, so
 * a slow `cec-ctl` never stalls the frame loop. */
/* posix_spawn_file_actions_addclosefrom_np (glibc 2.34; bookworm has 2.36) */
#define _GNU_SOURCE
#include "screen.h"

#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "vitrine/log.h"

#define SCREEN_MAX_CHILDREN 4
#define WINDOW_TITLE "Vitrine"

extern char **environ;

struct screen {
    SDL_Window *window;
    SDL_Renderer *renderer;
    int w, h;
    int hz;
    bool can_block;
    pid_t children[SCREEN_MAX_CHILDREN];
};

/* Video drivers whose SDL_WaitEventTimeout sleeps in the kernel (SDL 2.26). */
static bool driver_blocks(const char *driver)
{
    static const char *const blocking[] = {"x11", "wayland", "windows", "cocoa"};
    for (size_t i = 0; driver && i < sizeof blocking / sizeof *blocking; i++)
        if (strcmp(driver, blocking[i]) == 0)
            return true;
    return false;
}

static SDL_Window *create_window(const screen_options *opt, SDL_DisplayMode *mode,
                                 char err[SCREEN_ERR_LEN])
{
    SDL_Window *w;
    if (opt->windowed) {
        int ww = opt->width ? opt->width : SCREEN_DEFAULT_WIDTH;
        int wh = opt->height ? opt->height : SCREEN_DEFAULT_HEIGHT;
        w = SDL_CreateWindow(WINDOW_TITLE, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, ww, wh,
                             SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    } else {
        /* Full screen from creation at the desktop mode: the KMS/DRM backend
         * would otherwise set 640x480. */
        w = SDL_CreateWindow(WINDOW_TITLE, SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED,
                             mode->w, mode->h,
                             SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_ALLOW_HIGHDPI);
    }
    if (!w)
        snprintf(err, SCREEN_ERR_LEN, "cannot create the window: %s", SDL_GetError());
    return w;
}

/* The software renderer draws into the window's framebuffer. Unless told
 * otherwise SDL presents that framebuffer through an OpenGL texture, which
 * under X11 with no GPU loads Mesa's llvmpipe: +110 MB of RSS and +250 ms
 * of start-up measured (toolchain/bench.sh). The software renderer is
 * there for machines without a usable GPU, so it presents natively. */
static void software_presents_natively(void)
{
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
}

static SDL_Renderer *create_renderer(SDL_Window *w, char err[SCREEN_ERR_LEN])
{
    const char *wanted = SDL_GetHint(SDL_HINT_RENDER_DRIVER);
    if (wanted && strcmp(wanted, "software") == 0)
        software_presents_natively();
    SDL_Renderer *r = SDL_CreateRenderer(
        w, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC | SDL_RENDERER_TARGETTEXTURE);
    if (!r) {
        log_warn("screen", "no accelerated renderer (%s), using the software one", SDL_GetError());
        software_presents_natively();
        r = SDL_CreateRenderer(w, -1, SDL_RENDERER_SOFTWARE | SDL_RENDERER_TARGETTEXTURE);
    }
    if (!r)
        snprintf(err, SCREEN_ERR_LEN, "cannot create a renderer: %s", SDL_GetError());
    return r;
}

static void log_mode(screen *s, const SDL_DisplayMode *desktop, bool windowed)
{
    SDL_RendererInfo info = {0};
    SDL_GetRendererInfo(s->renderer, &info);
    SDL_GetRendererOutputSize(s->renderer, &s->w, &s->h);
    log_info("screen", "%s %dx%d at %d Hz (display %dx%d, driver %s, renderer %s%s)",
             windowed ? "window" : "full screen", s->w, s->h, s->hz, desktop->w, desktop->h,
             SDL_GetCurrentVideoDriver(), info.name ? info.name : "?",
             (info.flags & SDL_RENDERER_PRESENTVSYNC) ? ", vsync" : ", no vsync");
    if (!windowed && (s->w != desktop->w || s->h != desktop->h))
        log_warn("screen", "got %dx%d instead of the native %dx%d", s->w, s->h, desktop->w,
                 desktop->h);
}

void screen_expected_size(const screen_options *opt, int *w, int *h)
{
    SDL_DisplayMode desktop = {0};
    if (opt->windowed || SDL_GetDesktopDisplayMode(0, &desktop) != 0) {
        *w = opt->width ? opt->width : SCREEN_DEFAULT_WIDTH;
        *h = opt->height ? opt->height : SCREEN_DEFAULT_HEIGHT;
        return;
    }
    *w = desktop.w;
    *h = desktop.h;
}

screen *screen_new(const screen_options *opt, char err[SCREEN_ERR_LEN])
{
    screen *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, SCREEN_ERR_LEN, "out of memory");
        return NULL;
    }
    SDL_DisplayMode desktop = {0};
    if (SDL_GetDesktopDisplayMode(0, &desktop) != 0) {
        snprintf(err, SCREEN_ERR_LEN, "no display: %s", SDL_GetError());
        free(s);
        return NULL;
    }
    s->hz = desktop.refresh_rate > 0 ? desktop.refresh_rate : SCREEN_DEFAULT_HZ;
    s->can_block = driver_blocks(SDL_GetCurrentVideoDriver());
    if (!(s->window = create_window(opt, &desktop, err)) ||
        !(s->renderer = create_renderer(s->window, err))) {
        screen_free(s);
        return NULL;
    }
    if (!opt->windowed)
        SDL_ShowCursor(SDL_DISABLE);
    SDL_DisableScreenSaver();
    log_mode(s, &desktop, opt->windowed);
    return s;
}

void screen_free(screen *s)
{
    if (!s)
        return;
    for (int i = 0; i < SCREEN_MAX_CHILDREN; i++)
        if (s->children[i] > 0)
            waitpid(s->children[i], NULL, WNOHANG);
    if (s->renderer)
        SDL_DestroyRenderer(s->renderer);
    if (s->window)
        SDL_DestroyWindow(s->window);
    free(s);
}

SDL_Renderer *screen_renderer(screen *s)
{
    return s->renderer;
}

bool screen_update_size(screen *s, int *w, int *h)
{
    int nw = 0, nh = 0;
    SDL_GetRendererOutputSize(s->renderer, &nw, &nh);
    bool changed = nw != s->w || nh != s->h;
    s->w = nw, s->h = nh;
    *w = nw, *h = nh;
    return changed;
}

int screen_refresh_hz(const screen *s)
{
    return s->hz;
}

bool screen_can_block(const screen *s)
{
    return s->can_block;
}

static void run_command(screen *s, const char *command)
{
    int slot = 0;
    while (slot < SCREEN_MAX_CHILDREN && s->children[slot] > 0)
        slot++;
    if (slot == SCREEN_MAX_CHILDREN) {
        log_warn("screen", "'%s' not run: %d display commands still running", command,
                 SCREEN_MAX_CHILDREN);
        return;
    }
    posix_spawnattr_t attr;
    sigset_t none, pipe;
    sigemptyset(&none);
    sigemptyset(&pipe);
    sigaddset(&pipe, SIGPIPE); /* ignored by vitrine, default for the command */
    posix_spawnattr_init(&attr);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &pipe);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    /* Only stdin, stdout and stderr: the kiosk's sockets (curl keeps its
     * connections open, without close-on-exec) and files are not the
     * command's. */
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addclosefrom_np(&files, STDERR_FILENO + 1);
    char *argv[] = {"/bin/sh", "-c", (char *)command, NULL};
    int rc = posix_spawn(&s->children[slot], "/bin/sh", &files, &attr, argv, environ);
    posix_spawn_file_actions_destroy(&files);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) {
        s->children[slot] = 0;
        log_warn("screen", "cannot run '%s': %s", command, strerror(rc));
    } else {
        log_info("screen", "running '%s'", command);
    }
}

void screen_set_power(screen *s, bool on, const char *command)
{
    if (on)
        SDL_DisableScreenSaver();
    else
        SDL_EnableScreenSaver(); /* lets DPMS blank the display where it can */
    if (command && *command)
        run_command(s, command);
}

void screen_reap(screen *s)
{
    for (int i = 0; i < SCREEN_MAX_CHILDREN; i++) {
        int status;
        if (s->children[i] <= 0 || waitpid(s->children[i], &status, WNOHANG) != s->children[i])
            continue;
        s->children[i] = 0;
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            log_warn("screen", "display command failed (status %d)",
                     WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    }
}
