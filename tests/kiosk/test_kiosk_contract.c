/* test_kiosk_contract: the real kiosk (its loop, deck, playlist, signal
 * thread) in this process on SDL's offscreen driver, driven the way the
 * feeds layer and a presenter drive it:
 * - new data signalled five times before the loop runs is taken once and
 *   laid out once (the source's mailbox holds the newest; the fetch thread
 *   only posts a wake-up);
 * - a key press changes the slide while the fetch thread holds the memory
 *   gate (parsing new data), instead of waiting for it;
 * - a renderer reset drops the cached textures and the loop redraws;
 * - the idle loop sleeps (it woke 40 times a second on KMS/DRM): few
 *   sleeps and little CPU (a loop that spins never sleeps), and another
 *   thread's event wakes it at once (the waker).
 * While the kiosk runs, its log (stderr) goes to a temp file the test
 * reads; it is printed when a scenario fails. */
#include <SDL2/SDL.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "test.h"
#include "vitrine/config.h"
#include "vitrine/datadir.h"
#include "vitrine/kiosk.h"
#include "vitrine/log.h"
#include "vitrine/memgate.h"
#include "vitrine/vclock.h"

#define ARRIVALS 5
#define WAIT_MS 20000       /* upper bound for what must happen (a loaded CI machine) */
#define HELD_MS 6000        /* the gate taken around a key press (slides last 12 s) */
#define SETTLE_MS 300       /* let a wrong second take / rebuild show up */
#define IDLE_MS 2000        /* idle window whose wake-ups are counted */
#define IDLE_WAKEUPS_MAX 4  /* in IDLE_MS; the budget is 2 a second, the loop needs 0 */
#define IDLE_CPU_MAX_MS 200 /* in IDLE_MS: a spinning loop would use all of it */
#define LOG_MAX (1 << 20)

static char log_path[64];

/* The kiosk's log so far (a static buffer). */
static const char *read_log(void)
{
    static char buf[LOG_MAX];
    FILE *f = fopen(log_path, "r");
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f)
        fclose(f);
    buf[n] = '\0';
    return buf;
}

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Waits until the log holds needle; false after WAIT_MS. */
static bool wait_log(const char *needle, int timeout_ms)
{
    int64_t end = vclock_system_ms() + timeout_ms;
    while (vclock_system_ms() < end) {
        if (strstr(read_log(), needle))
            return true;
        sleep_ms(20);
    }
    return false;
}

/* A data source like the feeds layer: a one-slot mailbox. */
typedef struct {
    pthread_mutex_t lock;
    model *mail;
    atomic_int takes;
} source;

static bool source_take(void *ctx, model **m, feedstate_set *fs)
{
    source *s = ctx;
    atomic_fetch_add(&s->takes, 1);
    pthread_mutex_lock(&s->lock);
    *m = s->mail;
    s->mail = NULL;
    pthread_mutex_unlock(&s->lock);
    memset(fs, 0, sizeof *fs);
    for (int i = 0; i < FEED_COUNT; i++)
        fs->feeds[i].kind = FEEDSTATE_DEMO;
    return *m != NULL;
}

static void source_refresh(void *ctx)
{
    (void)ctx;
}

static void source_put(source *s, kiosk *k)
{
    model *m = NULL;
    char err[DATADIR_ERR_LEN];
    CHECK_INT(datadir_load_builtin(&m, err), DATADIR_OK);
    pthread_mutex_lock(&s->lock);
    model_free(s->mail); /* a newer snapshot replaces one not taken yet */
    s->mail = m;
    pthread_mutex_unlock(&s->lock);
    kiosk_data_ready(k);
}

typedef struct {
    kiosk *k;
    memgate *gate;
    source *src;
    int scenario;
    bool ok;
    pthread_t loop; /* the kiosk's thread */
    long idle_wakeups;
    int64_t idle_cpu_ms; /* its CPU time meanwhile: a spinning loop never sleeps */
    int64_t key_ms;      /* from kiosk_data_ready to the new data on screen */
} run_ctx;

/* CPU time used by thread t, ms. */
static int64_t loop_cpu_ms(pthread_t t)
{
    clockid_t id;
    struct timespec ts;
    if (pthread_getcpuclockid(t, &id) != 0 || clock_gettime(id, &ts) != 0)
        return -1;
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Times the kiosk's thread (this process's main thread) went to sleep. */
static long loop_sleeps(void)
{
    char path[64], line[128];
    snprintf(path, sizeof path, "/proc/self/task/%ld/status", (long)getpid());
    FILE *f = fopen(path, "r");
    long n = -1;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "voluntary_ctxt_switches: %ld", &n) == 1)
            break;
    if (f)
        fclose(f);
    return n;
}

static kiosk *start(memgate *gate, config *cfg)
{
    config_defaults(cfg);
    kiosk_options ko = {.windowed = true,
                        .width = 640,
                        .height = 360,
                        .settings = &cfg->kiosk,
                        .now = DATE_NONE,
                        .gate = gate};
    char err[KIOSK_ERR_LEN];
    kiosk *k = kiosk_new(&ko, err);
    if (!k)
        log_msg(LOG_ERROR, "test", "kiosk_new: %s", err);
    return k;
}

enum { COALESCE, KEY_WHILE_PARSING, RENDERER_RESET, WAKE_ON_PUSH };

/* A key as another thread pushes it: the event, then kiosk_wake. (On
 * KMS/DRM, real keys wake the loop through the evdev devices: test_waker.) */
static void push_key(kiosk *k, SDL_Keycode sym)
{
    SDL_Event ev = {0};
    ev.type = SDL_KEYDOWN;
    ev.key.keysym.sym = sym;
    ev.key.state = SDL_PRESSED;
    SDL_PushEvent(&ev);
    kiosk_wake(k);
}

static void *drive(void *arg)
{
    run_ctx *c = arg;
    c->ok = wait_log("first frame", WAIT_MS);
    switch (c->scenario) {
    case COALESCE:
        c->ok = c->ok && wait_log("new data on screen", WAIT_MS);
        sleep_ms(SETTLE_MS);
        break;
    case KEY_WHILE_PARSING:
        memgate_enter(c->gate); /* the fetch thread parsing new data */
        push_key(c->k, SDLK_RIGHT);
        c->ok = c->ok && wait_log("kiosk: slide 2/", HELD_MS);
        memgate_leave(c->gate);
        break;
    case RENDERER_RESET: {
        SDL_Event ev = {0};
        ev.type = SDL_RENDER_TARGETS_RESET;
        SDL_PushEvent(&ev);
        kiosk_wake(c->k);
        /* Textures were held (the slide, its text) and none is left. */
        c->ok = c->ok && wait_log("cached textures dropped (0 left), redrawing", WAIT_MS) &&
                !strstr(read_log(), "renderer reset: 0 cached");
        break;
    }
    case WAKE_ON_PUSH: {
        /* Idle: the next slide is 12 s away. The loop sleeps (a count of
         * its thread's sleeps, not a timing: the old loop woke 40 times a
         * second here), and new data signalled from here (the fetch
         * thread's kiosk_data_ready) is taken at once. */
        sleep_ms(SETTLE_MS);
        long before = loop_sleeps();
        int64_t cpu0 = loop_cpu_ms(c->loop);
        sleep_ms(IDLE_MS);
        c->idle_wakeups = loop_sleeps() - before;
        c->idle_cpu_ms = loop_cpu_ms(c->loop) - cpu0;
        int64_t t0 = vclock_system_ms();
        source_put(c->src, c->k);
        c->ok = c->ok && wait_log("new data on screen", HELD_MS);
        c->key_ms = vclock_system_ms() - t0;
        break;
    }
    }
    kill(getpid(), SIGTERM);
    return NULL;
}

/* fd 2 to a fresh log file; returns the real stderr to restore. */
static int log_to_file(void)
{
    fflush(stderr);
    int saved = dup(STDERR_FILENO);
    int fd = open(log_path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0600);
    if (fd >= 0) {
        dup2(fd, STDERR_FILENO);
        close(fd);
    }
    return saved;
}

static void log_to_stderr(int saved)
{
    fflush(stderr);
    if (saved >= 0) {
        dup2(saved, STDERR_FILENO);
        close(saved);
    }
}

static void run_scenario(int scenario)
{
    int saved = log_to_file();
    memgate *gate = memgate_new();
    config cfg;
    kiosk *k = start(gate, &cfg);
    if (!k) {
        log_to_stderr(saved);
        CHECK(k != NULL);
        memgate_free(gate);
        return;
    }
    source src = {.lock = PTHREAD_MUTEX_INITIALIZER};
    atomic_init(&src.takes, 0);
    kiosk_set_source(k, source_refresh, source_take, &src);
    if (scenario == COALESCE)
        for (int i = 0; i < ARRIVALS; i++) /* the fetch thread, faster than the loop */
            source_put(&src, k);
    run_ctx c = {k, gate, &src, scenario, false, pthread_self(), 0, 0, 0};
    pthread_t t;
    bool started = pthread_create(&t, NULL, drive, &c) == 0;
    int rc = started ? kiosk_run(k) : -1;
    if (started)
        pthread_join(t, NULL);
    kiosk_free(k);
    log_to_stderr(saved);
    memgate_free(gate);
    model_free(src.mail);
    CHECK_INT(rc, 0);
    CHECK(c.ok);
    const char *log = read_log();
    if (scenario == WAKE_ON_PUSH) {
        CHECK(c.idle_wakeups >= 0 && c.idle_wakeups <= IDLE_WAKEUPS_MAX);
        CHECK(c.idle_cpu_ms >= 0 && c.idle_cpu_ms < IDLE_CPU_MAX_MS);
        fprintf(
            stderr,
            "idle loop: %ld wake-up(s) and %lld ms of CPU in %d ms; new data then took %lld ms\n",
            c.idle_wakeups, (long long)c.idle_cpu_ms, IDLE_MS, (long long)c.key_ms);
    }
    if (scenario == COALESCE) {
        CHECK_INT(atomic_load(&src.takes), 1);
        CHECK_INT(count(log, "new data on screen"), 1);
    }
    if (!c.ok)
        fprintf(stderr, "scenario %d, kiosk log:\n%s\n", scenario, log);
}

static void coalesce(void)
{
    run_scenario(COALESCE);
}

static void key_while_parsing(void)
{
    run_scenario(KEY_WHILE_PARSING);
}

static void renderer_reset(void)
{
    run_scenario(RENDERER_RESET);
}

static void wake_on_push(void)
{
    run_scenario(WAKE_ON_PUSH);
}

int main(void)
{
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    setenv("SDL_RENDER_DRIVER", "software", 1);
    snprintf(log_path, sizeof log_path, "/tmp/vitrine-contract-%ld.log", (long)getpid());
    RUN(coalesce);
    RUN(key_while_parsing);
    RUN(renderer_reset);
    RUN(wake_on_push);
    unlink(log_path);
    return test_report();
}
