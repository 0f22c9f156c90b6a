/* gfx: rectangles and anti-aliased ring sectors. A ring sector is a strip of
 * quads between up to four radii: inner rim (alpha 0 -> 1), body, outer rim
 * (1 -> 0); the start and end edges get a rim along the tangent. */
#include "vitrine/gfx.h"

#include <math.h>
#include <stdlib.h>

#define GFX_PI 3.14159265358979323846f

void gfx_fill_rect(SDL_Renderer *r, float x, float y, float w, float h, theme_color c)
{
    int x0 = (int)lroundf(x), y0 = (int)lroundf(y);
    int x1 = (int)lroundf(x + w), y1 = (int)lroundf(y + h);
    if (x1 <= x0 || y1 <= y0)
        return;
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, 255);
    SDL_RenderFillRect(r, &(SDL_Rect){x0, y0, x1 - x0, y1 - y0});
}

typedef struct {
    SDL_Vertex *v;
    int *idx;
    int nv, ni;
} mesh;

static void vert(mesh *m, float x, float y, theme_color c, Uint8 a)
{
    m->v[m->nv++] = (SDL_Vertex){{x, y}, {c.r, c.g, c.b, a}, {0, 0}};
}

static void quad(mesh *m, int a, int b, int c, int d)
{
    int q[6] = {a, b, c, b, d, c};
    for (int i = 0; i < 6; i++)
        m->idx[m->ni++] = q[i];
}

/* Point at radius rad and angle t (clockwise from 12 o'clock). */
static SDL_FPoint polar(float cx, float cy, float rad, float t)
{
    return (SDL_FPoint){cx + rad * sinf(t), cy - rad * cosf(t)};
}

bool gfx_fill_ring(SDL_Renderer *r, float cx, float cy, float r_in, float r_out, float a0, float a1,
                   theme_color c, unsigned edges)
{
    if (r_out <= 0 || a1 <= a0)
        return true;
    const float f = GFX_FEATHER;
    int steps = (int)ceilf((a1 - a0) * (r_out + f) / GFX_ARC_STEP);
    steps = steps < 4 ? 4 : steps > GFX_MAX_SEGMENTS ? GFX_MAX_SEGMENTS : steps;
    /* Radii of the rows and their alpha; a pie slice starts at the centre. */
    float radii[4];
    Uint8 alpha[4];
    int rows = 0;
    if (r_in > 0 && (edges & GFX_EDGE_INNER))
        radii[rows] = fmaxf(0, r_in - f), alpha[rows++] = 0;
    radii[rows] = r_in > 0 ? r_in : 0, alpha[rows++] = 255;
    radii[rows] = r_out, alpha[rows++] = 255;
    if (edges & GFX_EDGE_OUTER)
        radii[rows] = r_out + f, alpha[rows++] = 0;
    int cols = steps + 1;
    mesh m = {malloc(sizeof *m.v * (size_t)(rows * cols + 8)),
              malloc(sizeof *m.idx * (size_t)(6 * (rows - 1) * steps + 12)), 0, 0};
    if (!m.v || !m.idx) {
        free(m.v);
        free(m.idx);
        return false;
    }
    for (int k = 0; k < cols; k++) {
        float t = a0 + (a1 - a0) * (float)k / (float)steps;
        for (int j = 0; j < rows; j++) {
            SDL_FPoint p = polar(cx, cy, radii[j], t);
            vert(&m, p.x, p.y, c, alpha[j]);
        }
    }
    for (int k = 0; k < steps; k++)
        for (int j = 0; j + 1 < rows; j++)
            quad(&m, k * rows + j, k * rows + j + 1, (k + 1) * rows + j, (k + 1) * rows + j + 1);
    /* Tangential rims on the straight edges of a sector. */
    const unsigned ends[2] = {GFX_EDGE_START, GFX_EDGE_END};
    for (int e = 0; e < 2; e++) {
        if (!(edges & ends[e]))
            continue;
        float t = e == 0 ? a0 : a1, sign = e == 0 ? -1.0f : 1.0f;
        float tx = cosf(t) * f * sign, ty = sinf(t) * f * sign; /* tangent, outward */
        int col = e == 0 ? 0 : steps, lo = 0, hi = rows - 1;
        if (alpha[lo] == 0)
            lo++;
        if (alpha[hi] == 0)
            hi--;
        SDL_FPoint pi = polar(cx, cy, radii[lo], t), po = polar(cx, cy, radii[hi], t);
        int base = m.nv;
        vert(&m, pi.x + tx, pi.y + ty, c, 0);
        vert(&m, po.x + tx, po.y + ty, c, 0);
        quad(&m, col * rows + lo, col * rows + hi, base, base + 1);
    }
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    int rc = SDL_RenderGeometry(r, NULL, m.v, m.nv, m.idx, m.ni);
    free(m.v);
    free(m.idx);
    return rc == 0;
}

bool gfx_fill_round_rect(SDL_Renderer *r, float x, float y, float w, float h, float radius,
                         theme_color c)
{
    radius = floorf(fminf(radius, fminf(w, h) / 2)); /* whole pixels: no seams */
    if (radius < 1) {
        gfx_fill_rect(r, x, y, w, h, c);
        return true;
    }
    /* Snap the box so the straight edges stay crisp, then round the corners
     * with quarter discs that carry the rim only on their outer arc. */
    float x0 = roundf(x), y0 = roundf(y), x1 = roundf(x + w), y1 = roundf(y + h);
    gfx_fill_rect(r, x0 + radius, y0, x1 - x0 - 2 * radius, y1 - y0, c);
    gfx_fill_rect(r, x0, y0 + radius, radius, y1 - y0 - 2 * radius, c);
    gfx_fill_rect(r, x1 - radius, y0 + radius, radius, y1 - y0 - 2 * radius, c);
    const float q = GFX_PI / 2;
    bool ok =
        gfx_fill_ring(r, x0 + radius, y0 + radius, 0, radius, 3 * q, 4 * q, c, GFX_EDGE_OUTER);
    ok &= gfx_fill_ring(r, x1 - radius, y0 + radius, 0, radius, 0, q, c, GFX_EDGE_OUTER);
    ok &= gfx_fill_ring(r, x1 - radius, y1 - radius, 0, radius, q, 2 * q, c, GFX_EDGE_OUTER);
    ok &= gfx_fill_ring(r, x0 + radius, y1 - radius, 0, radius, 2 * q, 3 * q, c, GFX_EDGE_OUTER);
    return ok;
}
