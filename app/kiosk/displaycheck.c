/* displaycheck: why no display backend worked, from the environment, the
 * DRM device nodes and the user's groups. */
#include "displaycheck.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "vitrine/fileio.h"

#define CARD_PREFIX "card"
#define MAX_GROUPS 256
#define PART_LEN 200

static const char *const invisible_drivers[] = {"offscreen", "dummy", "evdev"};
static const char *const drm_groups[] = {"video", "render"};

/* True when driver is one of the comma-separated names of list (SDL
 * accepts "kmsdrm,offscreen" and compares without case). */
static bool named_in(const char *driver, const char *list)
{
    size_t n = strlen(driver);
    for (const char *p = list; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL) {
        size_t len = strcspn(p, ",");
        if (len == n && strncasecmp(p, driver, n) == 0)
            return true;
    }
    return false;
}

bool displaycheck_invisible(const char *driver, const char *requested)
{
    if (!driver || named_in(driver, requested))
        return false; /* asked for by name: the tests, a headless run */
    for (size_t i = 0; i < sizeof invisible_drivers / sizeof *invisible_drivers; i++)
        if (strcasecmp(driver, invisible_drivers[i]) == 0)
            return true;
    return false;
}

static bool in_group(const char *name)
{
    const struct group *g = getgrnam(name);
    if (!g)
        return true; /* no such group here: not the cause */
    if (getegid() == g->gr_gid)
        return true;
    gid_t groups[MAX_GROUPS];
    int n = getgroups(MAX_GROUPS, groups);
    for (int i = 0; i < n; i++)
        if (groups[i] == g->gr_gid)
            return true;
    return false;
}

/* " (user NAME is not in the groups video, render)" or "" */
static void missing_groups(char out[PART_LEN])
{
    char list[PART_LEN] = "";
    size_t o = 0;
    for (size_t i = 0; i < sizeof drm_groups / sizeof *drm_groups; i++) {
        if (in_group(drm_groups[i]))
            continue;
        int w = snprintf(list + o, sizeof list - o, "%s%s", o ? ", " : "", drm_groups[i]);
        if (w > 0 && (size_t)w < sizeof list - o)
            o += (size_t)w;
    }
    const struct passwd *pw = getpwuid(geteuid());
    if (o)
        snprintf(out, PART_LEN, " (user %.40s is not in the group%s %.100s)",
                 pw ? pw->pw_name : "?", strchr(list, ',') ? "s" : "", list);
    else
        out[0] = '\0';
}

/* What the DRM card nodes say: the first that opens, else the first
 * error, else that there is none. True when a node refused this user. */
static bool explain_dri(const char *dir, char out[PART_LEN])
{
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(out, PART_LEN, "no %s (no KMS/DRM driver loaded)", dir);
        return false;
    }
    char first_error[PART_LEN] = "";
    bool found = false, opened = false, refused = false;
    const struct dirent *e;
    while (!opened && (e = readdir(d)) != NULL) {
        char path[PATH_MAX];
        if (strncmp(e->d_name, CARD_PREFIX, sizeof CARD_PREFIX - 1) != 0 ||
            !fileio_join(path, sizeof path, dir, e->d_name))
            continue;
        found = true;
        int fd = open(path, O_RDWR | O_CLOEXEC | O_NONBLOCK);
        if (fd >= 0) {
            close(fd);
            snprintf(out, PART_LEN, "%.120s opens but KMS/DRM found no usable screen", path);
            opened = true;
        } else if (!*first_error) {
            refused = errno == EACCES || errno == EPERM;
            snprintf(first_error, sizeof first_error, "%.120s: %.60s", path, strerror(errno));
        }
    }
    closedir(d);
    if (opened)
        return false;
    if (!found)
        snprintf(out, PART_LEN, "no %.120s/%s* device", dir, CARD_PREFIX);
    else
        snprintf(out, PART_LEN, "%s", first_error);
    return refused;
}

static void explain_env(const char *name, char out[PART_LEN])
{
    const char *v = getenv(name);
    if (!v || !*v)
        snprintf(out, PART_LEN, "%s is not set", name);
    else
        snprintf(out, PART_LEN, "%s=%.100s did not open", name, v);
}

void displaycheck_explain(const char *dri_dir, char out[DISPLAYCHECK_LINE_LEN])
{
    char x11[PART_LEN], wayland[PART_LEN], dri[PART_LEN], groups[PART_LEN] = "";
    explain_env("DISPLAY", x11);
    explain_env("WAYLAND_DISPLAY", wayland);
    if (explain_dri(dri_dir, dri))
        missing_groups(groups);
    snprintf(out, DISPLAYCHECK_LINE_LEN, "%.90s; %.90s; %.120s%.80s", x11, wayland, dri, groups);
}
