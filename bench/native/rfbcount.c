/*
 * Counting benchmark viewer: speaks RFB 3.8 itself (security None), asks for 32-bit true colour and
 * ENCODINGS (words: raw zrle tight h264 copyrect), requests the next incremental update as soon as one
 * has arrived, and reads every rectangle by its length fields without decoding it. It measures
 * what the server delivers when the viewers cost next to nothing: with 32 libvncclient viewers
 * decoding 1080p on the server's own two cores, the viewers' decoding set their frame rate.
 * The picture is not checked here (SharedStreamViewersTest checks real decoders' pictures).
 *   rfbcount HOST:PORT ENCODINGS WARMUP SECONDS MX MY LOGFILE [QUALITY]
 * the arguments of vncbench.c; MX, MY and LOGFILE are accepted and unused. QUALITY: "none" lists
 * no JPEG quality level, 0..9 lists that one; without it level 5 is listed with Tight (as
 * libvncclient does). Prints one line: "updates N bytes B seconds S".
 * Build: gcc -O2 -o rfbcount rfbcount.c
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int sock;
static long long bytes_read;
static unsigned char inbuf[1 << 16];
static size_t in_len, in_pos;

static void die(const char *what) {
    fprintf(stderr, "rfbcount: %s\n", what);
    exit(1);
}

static void read_exact(void *dst, size_t n) {
    unsigned char *d = dst;
    while (n > 0) {
        if (in_pos == in_len) {
            ssize_t r = read(sock, inbuf, sizeof inbuf);
            if (r <= 0) die("connection closed");
            in_len = (size_t)r;
            in_pos = 0;
            bytes_read += r;
        }
        size_t k = in_len - in_pos < n ? in_len - in_pos : n;
        if (d) {
            memcpy(d, inbuf + in_pos, k);
            d += k;
        }
        in_pos += k;
        n -= k;
    }
}

static void skip(size_t n) { read_exact(NULL, n); }

static uint8_t u8(void) { uint8_t v; read_exact(&v, 1); return v; }
static uint16_t u16(void) { uint16_t v; read_exact(&v, 2); return ntohs(v); }
static uint32_t u32(void) { uint32_t v; read_exact(&v, 4); return ntohl(v); }

static void write_all(const void *src, size_t n) {
    const char *s = src;
    while (n > 0) {
        ssize_t w = write(sock, s, n);
        if (w <= 0) die("write failed");
        s += w;
        n -= (size_t)w;
    }
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Tight's compact length: 1 to 3 bytes, 7 bits each. */
static uint32_t compact_length(void) {
    uint32_t b = u8(), len = b & 0x7f;
    if (b & 0x80) {
        b = u8();
        len |= (b & 0x7f) << 7;
        if (b & 0x80) len |= (uint32_t)u8() << 14;
    }
    return len;
}

/* One Tight rectangle at 32 bpp, depth 24 (3-byte TPIXELs). */
static void skip_tight(int w, int h) {
    uint8_t control = u8();
    int kind = control >> 4;
    if (kind == 8) { skip(3); return; }                    /* fill */
    if (kind == 9) { skip(compact_length()); return; }     /* JPEG */
    if (kind > 9) die("bad Tight control byte");
    size_t row = (size_t)w * 3;                            /* copy filter */
    if (control & 0x40) {
        uint8_t filter = u8();
        if (filter == 1) {                                 /* palette */
            int colours = u8() + 1;
            skip((size_t)colours * 3);
            row = colours == 2 ? (size_t)(w + 7) / 8 : (size_t)w;
        } else if (filter != 0 && filter != 2) {
            die("bad Tight filter");
        }
    }
    size_t size = row * h;
    skip(size < 12 ? size : compact_length());
}

static int32_t encoding_of(const char *word) {
    if (!strcmp(word, "raw")) return 0;
    if (!strcmp(word, "copyrect")) return 1;
    if (!strcmp(word, "tight")) return 7;
    if (!strcmp(word, "zrle")) return 16;
    if (!strcmp(word, "h264")) return 50;
    die("unknown encoding word");
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 8) die("usage: rfbcount HOST:PORT ENCODINGS WARMUP SECONDS MX MY LOGFILE [QUALITY]");
    char host[256];
    snprintf(host, sizeof host, "%s", argv[1]);
    char *colon = strrchr(host, ':');
    if (!colon) die("HOST:PORT");
    *colon = 0;
    double warmup = atof(argv[3]), seconds = atof(argv[4]);
    const char *quality = argc > 8 ? argv[8] : "5";

    struct addrinfo hints = {0}, *ai;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host, colon + 1, &hints, &ai)) die("cannot resolve");
    sock = socket(ai->ai_family, SOCK_STREAM, 0);
    if (sock < 0 || connect(sock, ai->ai_addr, ai->ai_addrlen)) die("cannot connect");

    char version[12];
    read_exact(version, 12);
    write_all("RFB 003.008\n", 12);
    int types = u8();
    if (types == 0) die("server refused the connection");
    int none = 0;
    for (int i = 0; i < types; i++) none |= u8() == 1;
    if (!none) die("security None not offered");
    write_all("\1", 1);
    if (u32() != 0) die("security failed");
    write_all("\1", 1);                                    /* shared */
    int width = u16(), height = u16();
    (void)width; (void)height;
    skip(16);
    skip(u32());                                           /* name */

    unsigned char pf[20] = {0, 0, 0, 0, 32, 24, 0, 1, 0, 255, 0, 255, 0, 255, 16, 8, 0, 0, 0, 0};
    write_all(pf, sizeof pf);
    int32_t list[16];
    int n = 0;
    char words[256];
    snprintf(words, sizeof words, "%s", argv[2]);
    int tight = 0;
    for (char *t = strtok(words, " "); t && n < 12; t = strtok(NULL, " ")) {
        list[n] = encoding_of(t);
        tight |= list[n] == 7;
        n++;
    }
    if (tight && strcmp(quality, "none")) list[n++] = -32 + atoi(quality);
    list[n++] = -224;                                      /* LastRect */
    unsigned char msg[4 + 4 * 16] = {2, 0, (unsigned char)(n >> 8), (unsigned char)n};
    for (int i = 0; i < n; i++) {
        uint32_t v = htonl((uint32_t)list[i]);
        memcpy(msg + 4 + 4 * i, &v, 4);
    }
    write_all(msg, 4 + 4 * (size_t)n);

    unsigned char request[10] = {3, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    request[6] = width >> 8; request[7] = width; request[8] = height >> 8; request[9] = height;
    write_all(request, sizeof request);
    request[1] = 1;

    double start = now(), count_from = start + warmup, end = count_from + seconds;
    long updates = 0;
    long long bytes_at_start = -1;
    while (now() < end) {
        uint8_t type = u8();
        if (type == 0) {
            skip(1);
            int rects = u16();
            for (int i = 0; rects == 0xffff || i < rects; i++) {
                skip(4);
                int w = u16(), h = u16();
                int32_t enc = (int32_t)u32();
                if (enc == -224) break;
                if (enc == 0) skip((size_t)w * h * 4);
                else if (enc == 1) skip(4);
                else if (enc == 16) skip(u32());
                else if (enc == 7) skip_tight(w, h);
                else if (enc == 50) { uint32_t len = u32(); skip(4); skip(len); }
                else if (enc == -223) { width = w; height = h; }
                else die("unexpected encoding");
            }
            write_all(request, sizeof request);
            double t = now();
            if (t >= count_from) {
                if (bytes_at_start < 0) bytes_at_start = bytes_read;
                else updates++;
            }
        } else if (type == 1) {
            skip(3);
            skip((size_t)u16() * 6);
        } else if (type == 2) {
        } else if (type == 3) {
            skip(3);
            skip(u32());
        } else {
            die("unexpected server message");
        }
    }
    printf("updates %ld bytes %lld seconds %.1f\n", updates, bytes_at_start < 0 ? 0 : bytes_read - bytes_at_start, seconds);
    return 0;
}
