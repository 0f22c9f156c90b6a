/* status: the JSON document and the Prometheus text of a known report
 * (every feed, nulls, label escaping), both files written (directory
 * created, mode 0644, one error line naming a file that cannot be written),
 * the default path and --status's search order from the environment, and
 * the reader: a live kiosk, a gone one, a reused pid, a missing or foreign
 * file. */
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"
#include "vitrine/fileio.h"
#include "vitrine/status.h"

#define NOW 1764580350 /* 2025-12-01T09:12:30Z */

static char dir[] = "/tmp/vitrine-status-XXXXXX";

/* A report with one feed in each state that matters. */
static status_report sample(void)
{
    status_report r = {.pid = 4242,
                       .version = "0.1.0",
                       .started_at = NOW - 3600,
                       .now = NOW,
                       .has_slide = true,
                       .slide_index = 3,
                       .slide_count = 11,
                       .slide_name = "products-by-phase",
                       .paused = false,
                       .screen_on = true,
                       .slide_changes = 42,
                       .cache_dir = "/var/cache/vitrine",
                       .display_busy_max_s = 0.0215};
    feedstate *f = r.feeds.feeds;
    f[FEED_STARTUPS] =
        (feedstate){.kind = FEEDSTATE_FRESH, .data_time = NOW - 120, .accepted_at = NOW - 300};
    f[FEED_AUTHORS] = (feedstate){.kind = FEEDSTATE_HELD,
                                  .data_time = NOW - 90000,
                                  .failing_since = NOW - 600,
                                  .held_at = NOW - 600,
                                  .reason = "held as implausible: community.active would fall "
                                            "from 1360 to 0",
                                  .unsaved = true};
    f[FEED_INCUBATORS] = (feedstate){.kind = FEEDSTATE_MISSING};
    f[FEED_DEFIS] =
        (feedstate){.kind = FEEDSTATE_DEMO, .reason = "no url configured: bundled copy"};
    f[FEED_PERSONNES] = (feedstate){.kind = FEEDSTATE_OFFLINE, .data_time = NOW - 60};
    return r;
}

/* The text without the tabs and newlines cJSON_Print adds. */
static void squeeze(const char *in, char *out, size_t outsz)
{
    size_t n = 0;
    for (; *in && n + 1 < outsz; in++)
        if (*in != '\t' && *in != '\n')
            out[n++] = *in;
    out[n] = '\0';
}

static void json_document(void)
{
    status_report r = sample();
    char *json = status_to_json(&r), flat[4096];
    CHECK(json != NULL);
    if (!json)
        return;
    CHECK(json[strlen(json) - 1] == '\n');
    squeeze(json, flat, sizeof flat);
    free(json);
    CHECK(strstr(flat,
                 "{\"pid\":4242,\"version\":\"0.1.0\",\"started_at\":\"2025-12-01T08:12:30Z\","
                 "\"updated_at\":\"2025-12-01T09:12:30Z\","
                 "\"cache_dir\":\"/var/cache/vitrine\","
                 "\"slide\":{\"index\":3,\"count\":11,\"name\":\"products-by-phase\"},"
                 "\"paused\":false,\"screen\":\"on\",\"slide_changes\":42,") == flat);
    CHECK(strstr(flat, "\"startups\":{\"state\":\"fresh\",\"fetched_at\":\"2025-12-01T09:10:30Z\","
                       "\"age_s\":120,\"failing_since\":null,\"held_at\":null,"
                       "\"accepted_at\":\"2025-12-01T09:07:30Z\",\"on_disk\":true,"
                       "\"last_error\":null}") != NULL);
    CHECK(strstr(flat, "\"authors\":{\"state\":\"held\",\"fetched_at\":\"2025-11-30T08:12:30Z\","
                       "\"age_s\":90000,\"failing_since\":\"2025-12-01T09:02:30Z\","
                       "\"held_at\":\"2025-12-01T09:02:30Z\",\"accepted_at\":null,"
                       "\"on_disk\":false,\"last_error\":\"held as implausible: "
                       "community.active would fall from 1360 to 0\"}") != NULL);
    CHECK(strstr(flat, "\"incubators\":{\"state\":\"missing\",\"fetched_at\":null,\"age_s\":null,"
                       "\"failing_since\":null,\"held_at\":null,\"accepted_at\":null,"
                       "\"on_disk\":false,\"last_error\":null}") != NULL);
    CHECK(strstr(flat, "\"defis\":{\"state\":\"demo\",\"fetched_at\":null,\"age_s\":null,"
                       "\"failing_since\":null,\"held_at\":null,\"accepted_at\":null,\"on_disk\":"
                       "false,\"last_error\":\"no url configured: bundled "
                       "copy\"}") != NULL);
    CHECK(strstr(flat, "\"personnes\":{\"state\":\"offline\"") != NULL);
    r.has_slide = false;
    r.paused = true;
    r.screen_on = false;
    json = status_to_json(&r);
    squeeze(json ? json : "", flat, sizeof flat);
    free(json);
    CHECK(strstr(flat, "\"slide\":null,\"paused\":true,\"screen\":\"off\"") != NULL);
}

/* The slide's text alternative: in "slide" as "alt" (title, subtitle,
 * the first STATUS_ALT_MAX_TEXTS texts, how many more), and a deck's as
 * slides.json (every text, the figures with their value and box). */
static void text_alternative(void)
{
    textalt *t = textalt_new();
    CHECK(t && textalt_slide_begin(t, "slide-03-quality.png", "quality", "Standards de qualité",
                                   "Par phase, en %"));
    for (int i = 0; t && i < STATUS_ALT_MAX_TEXTS + 2; i++)
        CHECK(textalt_text(t, i == 0 ? "Construction\u202f: 57\u00a0%" : "autre"));
    CHECK(t && textalt_figure_add(t, "Construction · Code source ouvert", 0.57, "57 %",
                                  (textalt_box){321, 547.84f, 83, 45}));
    CHECK(t && textalt_figure_add(t, "membres actifs", NAN, "1 360", (textalt_box){0}));
    status_report r = sample();
    r.alt = textalt_get(t, 0);
    char *json = status_to_json(&r), flat[8192];
    squeeze(json ? json : "", flat, sizeof flat);
    free(json);
    CHECK(strstr(flat,
                 "\"name\":\"products-by-phase\",\"alt\":{\"title\":\"Standards de "
                 "qualité\",\"subtitle\":\"Par phase, en %\",\"texts\":[\"Construction\u202f: "
                 "57\u00a0%\", \"autre\", ") != NULL);
    CHECK(strstr(flat, "\"texts_left_out\":2}") != NULL);
    CHECK(strstr(flat, "figures") == NULL); /* the status file stays small */
    json = status_slides_to_json(t);
    squeeze(json ? json : "", flat, sizeof flat);
    free(json);
    CHECK(strstr(flat, "{\"slides\":[{\"file\":\"slide-03-quality.png\",\"name\":\"quality\","
                       "\"title\":\"Standards de qualité\"") == flat);
    CHECK(strstr(flat, "\"texts_left_out\"") == NULL);
    CHECK(strstr(flat,
                 "\"figures\":[{\"box\":[321, 547.8, 83, 45],\"label\":\"Construction · "
                 "Code source ouvert\",\"value\":0.57,\"text\":\"57 %\"}, {\"box\":[0, 0, 0, 0],"
                 "\"label\":\"membres actifs\",\"value\":null,\"text\":\"1 360\"}]}]}") != NULL);
    textalt_free(t);
}

static void metrics_text(void)
{
    status_report r = sample();
    char *m = status_to_metrics(&r);
    CHECK(m != NULL);
    if (!m)
        return;
    const char *want[] = {
        "# TYPE vitrine_build_info gauge\nvitrine_build_info{version=\"0.1.0\"} 1\n",
        "vitrine_start_time_seconds 1764576750\n",
        "# TYPE vitrine_status_updated_timestamp_seconds gauge\n"
        "vitrine_status_updated_timestamp_seconds 1764580350\n",
        "# TYPE vitrine_feed_up gauge\n",
        "vitrine_feed_up{feed=\"startups\"} 1\nvitrine_feed_up{feed=\"authors\"} 0\n"
        "vitrine_feed_up{feed=\"incubators\"} 0\nvitrine_feed_up{feed=\"defis\"} 0\n"
        "vitrine_feed_up{feed=\"personnes\"} 1\nvitrine_feed_up{feed=\"announcements\"} 0\n",
        "vitrine_feed_age_seconds{feed=\"startups\"} 120\n"
        "vitrine_feed_age_seconds{feed=\"authors\"} 90000\n"
        "vitrine_feed_age_seconds{feed=\"personnes\"} 60\n",
        "vitrine_feed_last_success_timestamp_seconds{feed=\"startups\"} 1764580230\n",
        "# TYPE vitrine_slide_changes_total counter\nvitrine_slide_changes_total 42\n",
        "# TYPE vitrine_feed_held gauge\nvitrine_feed_held{feed=\"startups\"} 0\n"
        "vitrine_feed_held{feed=\"authors\"} 1\n",
        "vitrine_screen_on 1\n",
        "vitrine_paused 0\n",
        "# TYPE vitrine_display_busy_max_seconds gauge\nvitrine_display_busy_max_seconds "
        "0.021500\n",
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        if (!strstr(m, want[i])) {
            CHECK(!"metrics line missing");
            fprintf(stderr, "missing: %s\n", want[i]);
        }
    CHECK(strstr(m, "feed=\"announcements\"} 0\n# HELP vitrine_feed_age") != NULL);
    CHECK(strstr(m, "_seconds{feed=\"incubators\"}") == NULL); /* no time when unknown */
    CHECK(m[strlen(m) - 1] == '\n');
    /* Every line a comment or "name{labels} value". */
    int samples = 0;
    for (const char *line = m; *line; line = strchr(line, '\n') + 1)
        samples += *line != '#';
    CHECK_INT(samples, 1 + 1 + 1 + FEED_COUNT + 3 + 3 + FEED_COUNT + 1 + 1 + 1 + 1);
    free(m);
    r.version = "1\"2\\3\n4"; /* label values are escaped */
    m = status_to_metrics(&r);
    CHECK(m && strstr(m, "vitrine_build_info{version=\"1\\\"2\\\\3\\n4\"} 1\n") != NULL);
    free(m);
}

/* A kiosk running in 2040, its feed fetched in 2039: the times written
 * as they are (a 32-bit time_t would print 1904 and 1903), on armhf too
 * (_TIME_BITS=64, CMakeLists.txt). */
static void times_past_2038(void)
{
    status_report r = sample();
    r.now = INT64_C(2208988800);                                  /* 2040-01-01T00:00:00Z */
    r.started_at = r.now - 3600;                                  /* 2039-12-31T23:00:00Z */
    r.feeds.feeds[FEED_STARTUPS].data_time = INT64_C(2190499200); /* 2039-06-01T00:00:00Z */
    char *json = status_to_json(&r), flat[4096];
    squeeze(json ? json : "", flat, sizeof flat);
    free(json);
    CHECK(strstr(flat, "\"started_at\":\"2039-12-31T23:00:00Z\","
                       "\"updated_at\":\"2040-01-01T00:00:00Z\",") != NULL);
    CHECK(strstr(flat, "\"startups\":{\"state\":\"fresh\",\"fetched_at\":\"2039-06-01T00:00:00Z\","
                       "\"age_s\":18489600,") != NULL);
    char *m = status_to_metrics(&r);
    CHECK(m && strstr(m, "vitrine_start_time_seconds 2208985200\n") != NULL);
    CHECK(m && strstr(m, "vitrine_feed_last_success_timestamp_seconds{feed=\"startups\"} "
                         "2190499200\n") != NULL);
    free(m);
}

/* The metrics file is rewritten when what it says changed, apart from the
 * clock, the slide counter and the busy time. */
static void metrics_key(void)
{
    status_report a = sample(), b = sample();
    uint64_t key = status_metrics_key(&a);
    b.now += 3000, b.slide_changes += 3000, b.display_busy_max_s = 0.5;
    b.slide_index = 7, b.slide_name = "eig"; /* the slide is not in the metrics */
    CHECK(status_metrics_key(&b) == key);
    b.paused = true;
    CHECK(status_metrics_key(&b) != key);
    b = sample();
    b.feeds.feeds[FEED_STARTUPS].kind = FEEDSTATE_FAILING;
    CHECK(status_metrics_key(&b) != key);
    b = sample();
    b.feeds.feeds[FEED_STARTUPS].data_time += 900; /* a new last success */
    CHECK(status_metrics_key(&b) != key);
    b = sample();
    b.screen_on = false;
    CHECK(status_metrics_key(&b) != key);
}

static void write_files(void)
{
    status_report r = sample();
    char status[512], metrics[512], err[STATUS_ERR_LEN], *buf = NULL;
    size_t len;
    struct stat st;
    snprintf(status, sizeof status, "%s/run/vitrine/status.json", dir);
    snprintf(metrics, sizeof metrics, "%s/textfile/vitrine.prom", dir);
    CHECK_INT(status_write(&r, status, metrics, err), STATUS_OK); /* directories created */
    CHECK(stat(status, &st) == 0 && (st.st_mode & 0777) == 0644);
    CHECK(stat(metrics, &st) == 0 && (st.st_mode & 0777) == 0644);
    char fe[FILEIO_ERR_LEN];
    CHECK_INT(fileio_read(status, STATUS_MAX_BYTES, &buf, &len, fe), FILEIO_OK);
    CHECK(buf && strstr(buf, "\"name\":\t\"products-by-phase\"") != NULL);
    free(buf);
    CHECK_INT(fileio_read(metrics, STATUS_MAX_BYTES, &buf, &len, fe), FILEIO_OK);
    CHECK(buf && strstr(buf, "vitrine_slide_changes_total 42\n") != NULL);
    free(buf);
    /* A metrics path under a regular file: the status is still written,
     * the error names the metrics file. */
    snprintf(metrics, sizeof metrics, "%s/run/vitrine/status.json/vitrine.prom", dir);
    r.slide_changes = 43;
    CHECK_INT(status_write(&r, status, metrics, err), STATUS_IO_ERROR);
    CHECK(strstr(err, "status.json/vitrine.prom") != NULL || strstr(err, "status.json:") != NULL);
    CHECK(strchr(err, '\n') == NULL);
    CHECK_INT(fileio_read(status, STATUS_MAX_BYTES, &buf, &len, fe), FILEIO_OK);
    CHECK(buf && strstr(buf, "\"slide_changes\":\t43") != NULL);
    free(buf);
    CHECK_INT(status_write(&r, NULL, "", err), STATUS_OK); /* nothing to write */
}

static void default_path_and_search_order(void)
{
    char path[CONFIG_PATH_LEN], err[STATUS_ERR_LEN];
    setenv("RUNTIME_DIRECTORY", "/run/vitrine:/run/other", 1);
    setenv("XDG_RUNTIME_DIR", "/run/user/1000", 1);
    CHECK(status_default_path(path));
    CHECK_STR(path, "/run/vitrine/status.json");
    unsetenv("RUNTIME_DIRECTORY");
    CHECK(status_default_path(path));
    CHECK_STR(path, "/run/user/1000/vitrine/status.json");
    unsetenv("XDG_RUNTIME_DIR");
    CHECK(!status_default_path(path));
    CHECK_STR(path, "");
    /* --status with the default: every place, named when none exists. */
    char xdg[300];
    snprintf(xdg, sizeof xdg, "%s/xdg", dir);
    setenv("XDG_RUNTIME_DIR", xdg, 1);
    status_default_path(path);
    CHECK_INT(status_find(path, path, err), STATUS_ABSENT);
    CHECK(strstr(err, "/run/vitrine/status.json") != NULL && strstr(err, "/xdg/vitrine/") != NULL);
    /* A configured path is the only place looked at. */
    CHECK_INT(status_find("/nowhere/s.json", path, err), STATUS_ABSENT);
    CHECK(strstr(err, "/nowhere/s.json does not exist") != NULL && !strstr(err, "/run/vitrine"));
    CHECK_INT(status_find("", path, err), STATUS_ABSENT);
    CHECK(strstr(err, "status_file") != NULL);
    /* $RUNTIME_DIRECTORY first: found there. */
    char rt[300];
    snprintf(rt, sizeof rt, "%s/run/vitrine", dir); /* write_files made it */
    setenv("RUNTIME_DIRECTORY", rt, 1);
    char def[CONFIG_PATH_LEN];
    status_default_path(def);
    CHECK_INT(status_find(def, path, err), STATUS_OK);
    CHECK(strstr(path, "/run/vitrine/status.json") != NULL && strncmp(path, dir, 5) == 0);
    unsetenv("RUNTIME_DIRECTORY");
    unsetenv("XDG_RUNTIME_DIR");
}

static void write_pid(const char *path, long pid)
{
    status_report r = sample();
    r.pid = pid;
    char err[STATUS_ERR_LEN];
    CHECK_INT(status_write(&r, path, NULL, err), STATUS_OK);
}

static void reader(void)
{
    char path[512], err[STATUS_ERR_LEN], *json = NULL;
    snprintf(path, sizeof path, "%s/read/status.json", dir);
    CHECK_INT(status_read_alive(path, &json, err), STATUS_ABSENT);
    CHECK(json == NULL && strstr(err, "read/status.json does not exist") != NULL);
    /* A live process of this program: alive. */
    pid_t child = fork();
    if (child == 0) {
        pause();
        _exit(0);
    }
    CHECK(child > 0);
    write_pid(path, (long)child);
    CHECK_INT(status_read_alive(path, &json, err), STATUS_OK);
    CHECK(json && strstr(json, "\"pid\":") != NULL);
    free(json);
    /* Gone: the pid and when the file was last written. */
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    CHECK_INT(status_read_alive(path, &json, err), STATUS_GONE);
    char want[64];
    snprintf(want, sizeof want, "pid %ld ", (long)child);
    CHECK(strstr(err, want) != NULL && strstr(err, "2025-12-01T09:12:30Z") != NULL);
    CHECK(strstr(err, " has exited (") != NULL && !strstr(err, "another program"));
    CHECK(json == NULL);
    /* pid 1 runs, but it is no vitrine (a reused pid): not the kiosk, and
     * said so, with the program's name. */
    write_pid(path, 1);
    CHECK_INT(status_read_alive(path, &json, err), STATUS_GONE);
    char comm[32] = "", other[640];
    FILE *c = fopen("/proc/1/comm", "r");
    if (c) {
        if (fgets(comm, sizeof comm, c))
            comm[strcspn(comm, "\n")] = '\0';
        fclose(c);
    }
    snprintf(other, sizeof other, "pid 1 of %s is now another program (%s)", path, comm);
    if (!strstr(err, other))
        fprintf(stderr, "  want \"%s\" in \"%s\"\n", other, err);
    CHECK(*comm && strstr(err, other) != NULL && strstr(err, "2025-12-01T09:12:30Z") != NULL);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs("{\"hello\": 1}\n", f);
        fclose(f);
    }
    CHECK_INT(status_read_alive(path, &json, err), STATUS_INVALID);
    CHECK(strstr(err, "not a vitrine status file") != NULL);
}

int main(void)
{
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    RUN(json_document);
    RUN(text_alternative);
    RUN(metrics_text);
    RUN(times_past_2038);
    RUN(metrics_key);
    RUN(write_files);
    RUN(default_path_and_search_order);
    RUN(reader);
    int rc = test_report();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return rc;
}
