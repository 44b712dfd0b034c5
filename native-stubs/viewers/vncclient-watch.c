/*
 * A long-running libvncclient viewer for soak tests: connects, keeps receiving updates (libvncclient
 * asks for the next incremental update after each one), and on SIGUSR1 writes what it shows as a
 * PPM file (written to PATH.tmp, then renamed to PATH, so a reader never sees half a file).
 *
 *   vncclient-watch HOST PORT ENCODINGS OUT.ppm [QUALITY]
 *
 * QUALITY 0..9 turns on JPEG at that quality level (Tight sends photo-like areas lossy); without it
 * the viewer asks for lossless pixels only.
 *
 * Exit code 0 on SIGTERM, 3 when the connection fails or the server closes it.
 */
#include <rfb/rfbclient.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile sig_atomic_t dump_requested;
static volatile sig_atomic_t stop_requested;

static void on_usr1(int sig) { (void)sig; dump_requested = 1; }
static void on_term(int sig) { (void)sig; stop_requested = 1; }

static int write_ppm(rfbClient *c, const char *path) {
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    if (!f) return -1;
    fprintf(f, "P6\n%d %d\n255\n", c->width, c->height);
    for (int i = 0; i < c->width * c->height; i++) {
        unsigned v = ((const unsigned *)c->frameBuffer)[i];
        unsigned char rgb[3] = {(unsigned char)(v >> c->format.redShift), (unsigned char)(v >> c->format.greenShift),
                                (unsigned char)(v >> c->format.blueShift)};
        fwrite(rgb, 1, 3, f);
    }
    if (fclose(f) != 0) return -1;
    return rename(tmp, path);
}

int main(int argc, char **argv) {
    if (argc != 5 && argc != 6) {
        fprintf(stderr, "usage: %s HOST PORT ENCODINGS OUT.ppm [QUALITY]\n", argv[0]);
        return 2;
    }
    signal(SIGUSR1, on_usr1);
    signal(SIGTERM, on_term);
    rfbClient *c = rfbGetClient(8, 3, 4);
    c->serverHost = strdup(argv[1]);
    c->serverPort = atoi(argv[2]);
    c->appData.encodingsString = argv[3];
    c->appData.useRemoteCursor = FALSE;
    c->appData.enableJPEG = argc == 6 ? TRUE : FALSE;
    c->appData.qualityLevel = argc == 6 ? atoi(argv[5]) : -1;
    c->appData.shareDesktop = TRUE;
    int fake_argc = 1;
    if (!rfbInitClient(c, &fake_argc, argv)) {
        fprintf(stderr, "could not connect\n");
        return 3;
    }
    while (!stop_requested) {
        int n = WaitForMessage(c, 50000);
        if (n < 0 && !stop_requested && !dump_requested) {
            fprintf(stderr, "wait failed\n");
            return 3;
        }
        if (n > 0 && !HandleRFBServerMessage(c)) {
            fprintf(stderr, "server closed the connection\n");
            return 3;
        }
        if (dump_requested) {
            dump_requested = 0;
            if (write_ppm(c, argv[4]) != 0) {
                perror("write ppm");
                return 4;
            }
        }
    }
    rfbClientCleanup(c);
    return 0;
}
