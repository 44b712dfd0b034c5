/*
 * Guest side of the QMP input test: opens every /dev/input/event* and prints each event as
 * "EV <device> <type> <code> <value>" (one line, flushed), after "READY <n>" once all are open.
 * Exits after SECONDS or when Escape (KEY_ESC) is released.
 * Usage: evdev-dump SECONDS
 */
#include <dirent.h>
#include <fcntl.h>
#include <linux/input.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    int seconds = argc > 1 ? atoi(argv[1]) : 60;
    struct pollfd fds[32];
    char names[32][64];
    int n = 0;
    DIR *d = opendir("/dev/input");
    if (!d) { perror("/dev/input"); return 2; }
    struct dirent *e;
    while ((e = readdir(d)) && n < 32) {
        if (strncmp(e->d_name, "event", 5) != 0) continue;
        char path[300];
        snprintf(path, sizeof path, "/dev/input/%s", e->d_name);
        int fd = open(path, O_RDONLY);
        if (fd < 0) { perror(path); continue; }
        char name[64] = "?";
        ioctl(fd, EVIOCGNAME(sizeof name), name);
        fds[n].fd = fd;
        fds[n].events = POLLIN;
        snprintf(names[n], sizeof names[n], "%.60s", e->d_name);
        printf("DEVICE %s %s\n", e->d_name, name);
        n++;
    }
    closedir(d);
    printf("READY %d\n", n);
    fflush(stdout);
    if (n == 0) return 3;
    time_t end = time(NULL) + seconds;
    while (time(NULL) < end) {
        if (poll(fds, n, 500) <= 0) continue;
        for (int i = 0; i < n; i++) {
            if (!(fds[i].revents & POLLIN)) continue;
            struct input_event ev;
            if (read(fds[i].fd, &ev, sizeof ev) != sizeof ev) continue;
            if (ev.type == EV_SYN) continue;
            printf("EV %s %d %d %d\n", names[i], ev.type, ev.code, ev.value);
            fflush(stdout);
            if (ev.type == EV_KEY && ev.code == KEY_ESC && ev.value == 0) return 0;
        }
    }
    return 0;
}
