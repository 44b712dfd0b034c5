/*
 * Workload part of bench/e2e.sh: every PERIOD ms paints a 16x16 marker window at (0,0) in colour
 * 0xRRGG80 (RRGG = a counter) and redraws a 480x270 region at (1400,760) with moved stripes, then
 * XSyncs and logs "counter realtime_ns" to LOGFILE (the time the X server has done the change;
 * a viewer seeing that counter later measures change-to-viewer latency). Runs SECONDS seconds.
 * Build: gcc -O2 -o xmarker xmarker.c -lX11
 */
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static Window mkwin(Display *d, int x, int y, int w, int h) {
    XSetWindowAttributes a;
    a.override_redirect = True;
    a.background_pixel = 0;
    Window win = XCreateWindow(d, DefaultRootWindow(d), x, y, w, h, 0, CopyFromParent, InputOutput,
                               CopyFromParent, CWOverrideRedirect | CWBackPixel, &a);
    XMapRaised(d, win);
    return win;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s PERIOD_MS SECONDS LOGFILE\n", argv[0]);
        return 2;
    }
    int period = atoi(argv[1]);
    double seconds = atof(argv[2]);
    FILE *log = fopen(argv[3], "w");
    Display *d = XOpenDisplay(NULL);
    if (!d || !log) { fprintf(stderr, "cannot open display or log\n"); return 1; }
    Window marker = mkwin(d, 0, 0, 16, 16);
    Window region = mkwin(d, 1400, 760, 480, 270);
    GC gc = XCreateGC(d, region, 0, NULL);
    XSync(d, False);
    long long end = now_ns() + (long long)(seconds * 1e9);
    for (long n = 1; now_ns() < end; n++) {
        unsigned long c = ((n & 0xff) << 16) | (((n >> 8) & 0xff) << 8) | 0x80;
        XSetWindowBackground(d, marker, c);
        XClearWindow(d, marker);
        for (int i = 0; i < 480; i += 24) {
            XSetForeground(d, gc, ((i + n * 7) & 0xff) << 8 | 0x203040);
            XFillRectangle(d, region, gc, (i + n * 3) % 480, 0, 24, 270);
        }
        XSync(d, False);
        fprintf(log, "%ld %lld\n", n & 0xffff, now_ns());
        fflush(log);
        usleep(period * 1000);
    }
    XCloseDisplay(d);
    return 0;
}
