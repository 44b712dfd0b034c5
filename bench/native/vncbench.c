/*
 * Headless benchmark viewer (libvncclient): connects to HOST:PORT offering only ENCODINGS, keeps
 * requesting updates (libvncclient asks for the next incremental update after each one), and after
 * WARMUP seconds counts for SECONDS: updates, bytes read (rchar of /proc/self/io) and, for every
 * update, the frame marker drawn by xmarker at (MX, MY) — colour 0xRRGG80 encodes counter GGRR —
 * logged to LOGFILE as "counter realtime_ns" the first time each counter is seen.
 * Prints one line: "updates N bytes B seconds S".
 * QUALITY (optional): "none" turns JPEG off, 0..9 asks for that JPEG quality level; without it
 * libvncclient's defaults hold (JPEG on at level 5 when Tight is listed).
 * An "h264" word in ENCODINGS lists H.264 (encoding 50) too; its rectangles are read and dropped
 * (the benchmark measures the server, not decoding).
 * Build: gcc -O2 -o vncbench vncbench.c $(pkg-config --cflags --libs libvncclient)
 */
#include <rfb/rfbclient.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <arpa/inet.h>

static int mx, my;
static FILE *logf;
static long counting;        /* 1 once the warm-up is over */
static long updates;
static long last_marker = -1;

static void quiet(const char *fmt, ...) { (void)fmt; }

static long long now_ns(clockid_t c) {
    struct timespec ts;
    clock_gettime(c, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long long rchar(void) {
    FILE *f = fopen("/proc/self/io", "r");
    char line[128];
    long long v = -1;
    if (!f) return -1;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "rchar: %lld", &v) == 1) break;
    fclose(f);
    return v;
}

#define ENCODING_H264 50

/* An H.264 rectangle: u32 length, u32 flags, then length bytes of Annex-B data. */
static rfbBool skip_h264(rfbClient *c, rfbFramebufferUpdateRectHeader *rect) {
    if (rect->encoding != ENCODING_H264) return FALSE;
    uint32_t head[2];
    if (!ReadFromRFBServer(c, (char *)head, sizeof head)) return FALSE;
    uint32_t left = ntohl(head[0]);
    char buf[65536];
    while (left > 0) {
        uint32_t n = left < sizeof buf ? left : sizeof buf;
        if (!ReadFromRFBServer(c, buf, n)) return FALSE;
        left -= n;
    }
    return TRUE;
}

static int h264_encodings[] = {ENCODING_H264, 0};
static rfbClientProtocolExtension h264 = {h264_encodings, skip_h264, NULL, NULL, NULL, NULL};

/*
 * Removes the word "h264" from ENCODINGS (libvncclient does not know it) with the space after it;
 * returns whether it was there. The space matters: libvncclient reads an empty word as "raw" (its
 * parser compares zero characters), and a leading space listed Raw first.
 */
static int take_h264(char *encodings) {
    char *p = strstr(encodings, "h264");
    if (!p) return 0;
    size_t n = 4;
    while (p[n] == ' ') n++;
    memmove(p, p + n, strlen(p + n) + 1);
    size_t len = strlen(encodings);
    while (len > 0 && encodings[len - 1] == ' ') encodings[--len] = 0;
    return 1;
}

static void finished(rfbClient *c) {
    if (!counting) return;
    updates++;
    if (mx >= c->width || my >= c->height) return;
    uint32_t v;
    memcpy(&v, c->frameBuffer + ((size_t)my * c->width + mx) * 4, 4);
    /* libvncclient's default 32 bpp format: red at bit 0, green at 8, blue at 16 */
    unsigned r = v & 0xff, g = (v >> 8) & 0xff, b = (v >> 16) & 0xff;
    if (b != 0x80) return;
    long n = (long)(g << 8 | r);
    if (n != last_marker) {
        last_marker = n;
        fprintf(logf, "%ld %lld\n", n, now_ns(CLOCK_REALTIME));
    }
}

int main(int argc, char **argv) {
    if (argc != 8 && argc != 9) {
        fprintf(stderr, "usage: %s HOST:PORT ENCODINGS WARMUP SECONDS MX MY LOGFILE [QUALITY]\n", argv[0]);
        return 2;
    }
    char *host = strdup(argv[1]);
    char *colon = strrchr(host, ':');
    if (!colon) { fprintf(stderr, "bad HOST:PORT %s\n", argv[1]); return 2; }
    *colon = 0;
    double warmup = atof(argv[3]), seconds = atof(argv[4]);
    mx = atoi(argv[5]);
    my = atoi(argv[6]);
    logf = fopen(argv[7], "w");
    if (!logf) { perror(argv[7]); return 2; }

    rfbClientLog = quiet;
    rfbClientErr = quiet;
    rfbClient *c = rfbGetClient(8, 3, 4);
    c->serverHost = host;
    c->serverPort = atoi(colon + 1);
    char *encodings = strdup(argv[2]);
    if (take_h264(encodings)) rfbClientRegisterExtension(&h264);
    c->appData.encodingsString = encodings;
    if (argc == 9) {
        c->appData.enableJPEG = strcmp(argv[8], "none") != 0;
        if (c->appData.enableJPEG) c->appData.qualityLevel = atoi(argv[8]);
    }
    c->appData.shareDesktop = TRUE;
    c->appData.useRemoteCursor = FALSE;
    c->FinishedFrameBufferUpdate = finished;
    if (!rfbInitClient(c, NULL, NULL)) {
        fprintf(stderr, "cannot connect to %s\n", argv[1]);
        return 1;
    }
    long long start = now_ns(CLOCK_MONOTONIC), t0 = 0, r0 = 0;
    for (;;) {
        long long t = now_ns(CLOCK_MONOTONIC);
        if (!counting && t - start >= warmup * 1e9) {
            counting = 1;
            t0 = t;
            r0 = rchar();
        }
        if (counting && t - t0 >= seconds * 1e9) break;
        int n = WaitForMessage(c, 100000);
        if (n < 0) { fprintf(stderr, "connection lost\n"); return 1; }
        if (n > 0 && !HandleRFBServerMessage(c)) { fprintf(stderr, "server message failed\n"); return 1; }
    }
    double secs = (now_ns(CLOCK_MONOTONIC) - t0) / 1e9;
    printf("updates %ld bytes %lld seconds %.2f\n", updates, rchar() - r0, secs);
    fclose(logf);
    rfbClientCleanup(c);
    return 0;
}
