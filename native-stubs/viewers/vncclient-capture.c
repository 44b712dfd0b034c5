/*
 * Test client for vfio-vnc: connects with libvncclient, forces one encoding and a pixel depth,
 * and writes what it decoded as PPM files (RGB, each channel scaled to 0..255).
 *
 *   vncclient-capture HOST PORT ENCODING BPP OUT.ppm MILLIS [JPEG_QUALITY]
 *
 * ENCODING is a libvncclient encodings string ("raw", "tight", "zrle", ...). BPP is 8, 16 or 32.
 * OUT.ppm is written MILLIS ms after the first complete update (OUT.ppm.first right then); the
 * program gives up after 30 s without a first update.
 * Without JPEG_QUALITY (0..9) JPEG is off. Exit code 0 on success, 2 on usage, 3 on connection.
 * Credentials come from the environment when the server asks: VNC_PASSWORD (VncAuth and Plain),
 * VNC_USERNAME (VeNCrypt Plain) and VNC_CA_FILE (the PEM CA that the server's X509 certificate must
 * chain to). Without them libvncclient refuses what needs them, and says so on stderr.
 */
#include <rfb/rfbclient.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

static const char *out_path;
static int updates;
static long long first_at;

static long long now_ms(void) {
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return (long long)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

/* libvncclient frees what these return. */
static char *env_copy(const char *name) {
    const char *v = getenv(name);
    return v ? strdup(v) : NULL;
}

static char *get_password(rfbClient *c) {
    (void)c;
    return env_copy("VNC_PASSWORD");
}

static rfbCredential *get_credential(rfbClient *c, int type) {
    (void)c;
    rfbCredential *cred = calloc(1, sizeof *cred);
    if (type == rfbCredentialTypeUser) {
        cred->userCredential.username = env_copy("VNC_USERNAME");
        cred->userCredential.password = env_copy("VNC_PASSWORD");
    } else if (type == rfbCredentialTypeX509) {
        cred->x509Credential.x509CACertFile = env_copy("VNC_CA_FILE");
    } else {
        free(cred);
        return NULL;
    }
    return cred;
}

static int write_ppm(rfbClient *c, const char *path) {
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    int w = c->width, h = c->height, bpp = c->format.bitsPerPixel / 8;
    fprintf(f, "P6\n%d %d\n255\n", w, h);
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            const unsigned char *p = c->frameBuffer + (y * w + x) * bpp;
            unsigned v = bpp == 4 ? *(const unsigned *)p : bpp == 2 ? *(const unsigned short *)p : *p;
            unsigned char rgb[3] = {
                (unsigned char)(((v >> c->format.redShift) & c->format.redMax) * 255 / c->format.redMax),
                (unsigned char)(((v >> c->format.greenShift) & c->format.greenMax) * 255 / c->format.greenMax),
                (unsigned char)(((v >> c->format.blueShift) & c->format.blueMax) * 255 / c->format.blueMax)};
            fwrite(rgb, 1, 3, f);
        }
    }
    return fclose(f);
}

static void finished(rfbClient *c) {
    if (updates++ == 0) {
        first_at = now_ms();
        char first[4096];
        snprintf(first, sizeof first, "%s.first", out_path);
        write_ppm(c, first);
    }
}

int main(int argc, char **argv) {
    if (argc < 7) {
        fprintf(stderr, "usage: %s HOST PORT ENCODING BPP OUT.ppm MILLIS [JPEG_QUALITY]\n", argv[0]);
        return 2;
    }
    int bpp = atoi(argv[4]);
    rfbClient *c;
    if (bpp == 32) {
        c = rfbGetClient(8, 3, 4);
    } else if (bpp == 16) {
        c = rfbGetClient(5, 3, 2);
        c->format.greenMax = 63; /* 5-6-5: red 0..4, green 5..10, blue 11..15 */
        c->format.greenShift = 5;
        c->format.blueShift = 11;
        c->format.depth = 16;
    } else if (bpp == 8) {
        c = rfbGetClient(2, 3, 1);
        c->format.redMax = 7; /* 3-3-2 true colour: red 0..2, green 3..5, blue 6..7 */
        c->format.greenMax = 7;
        c->format.blueMax = 3;
        c->format.redShift = 0;
        c->format.greenShift = 3;
        c->format.blueShift = 6;
        c->format.depth = 8;
    } else {
        fprintf(stderr, "bpp must be 8, 16 or 32\n");
        return 2;
    }
    out_path = argv[5];
    long long millis = atoll(argv[6]);
    c->serverHost = strdup(argv[1]);
    c->serverPort = atoi(argv[2]);
    c->appData.encodingsString = argv[3];
    c->appData.useRemoteCursor = FALSE;
    c->appData.compressLevel = 6;
    if (argc > 7) {
        c->appData.enableJPEG = TRUE;
        c->appData.qualityLevel = atoi(argv[7]);
    } else {
        c->appData.enableJPEG = FALSE;
        c->appData.qualityLevel = -1;
    }
    c->FinishedFrameBufferUpdate = finished;
    c->GetPassword = get_password;
    c->GetCredential = get_credential; /* also what makes libvncclient accept VeNCrypt */
    int fake_argc = 1;
    if (!rfbInitClient(c, &fake_argc, argv)) {
        fprintf(stderr, "could not connect\n");
        return 3;
    }
    long long give_up = now_ms() + 30000;
    while (updates == 0 ? now_ms() < give_up : now_ms() < first_at + millis) {
        int n = WaitForMessage(c, 20000);
        if (n < 0) {
            fprintf(stderr, "wait failed\n");
            return 3;
        }
        if (n > 0 && !HandleRFBServerMessage(c)) {
            fprintf(stderr, "message handling failed\n");
            return 3;
        }
    }
    if (updates == 0) {
        fprintf(stderr, "no update within 30 s\n");
        return 3;
    }
    if (write_ppm(c, out_path) != 0) {
        perror(out_path);
        return 3;
    }
    printf("updates %d\n", updates);
    rfbClientCleanup(c);
    return 0;
}
