/* Test helper for vfio-fd:unix:PATH: listens on unix socket PATH and sends the fd of FILE (opened
 * read-write) with SCM_RIGHTS to each of COUNT clients, then exits. Prints "ready" once listening.
 *   send-fd PATH FILE COUNT */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: send-fd PATH FILE COUNT\n"); return 2; }
    int fd = open(argv[2], O_RDWR);
    if (fd < 0) { perror(argv[2]); return 1; }
    int srv = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un a = { .sun_family = AF_UNIX };
    strncpy(a.sun_path, argv[1], sizeof a.sun_path - 1);
    unlink(argv[1]);
    if (bind(srv, (struct sockaddr *)&a, sizeof a) || listen(srv, 4)) { perror("bind/listen"); return 1; }
    printf("ready\n");
    fflush(stdout);
    for (int n = atoi(argv[3]); n > 0; n--) {
        int c = accept(srv, NULL, NULL);
        if (c < 0) { perror("accept"); return 1; }
        char byte = 'V';
        struct iovec iov = { &byte, 1 };
        union { char buf[CMSG_SPACE(sizeof(int))]; struct cmsghdr align; } u;
        struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf, .msg_controllen = sizeof u.buf };
        struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);
        cm->cmsg_level = SOL_SOCKET;
        cm->cmsg_type = SCM_RIGHTS;
        cm->cmsg_len = CMSG_LEN(sizeof(int));
        memcpy(CMSG_DATA(cm), &fd, sizeof fd);
        if (sendmsg(c, &msg, 0) != 1) { perror("sendmsg"); return 1; }
        close(c);
    }
    return 0;
}
