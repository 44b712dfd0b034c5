/* Plays the guest OS for the VFIO display tests inside the QEMU test VM.
 *
 *   guestplay mdpy-fill UUID SEED
 *       opens the mdpy device (group path), writes pattern SEED into its framebuffer region, exits.
 *       mdpy keeps the framebuffer across opens, so a server opening the device later shows it.
 *   guestplay exec-with-device UUID N PROGRAM [ARGS...]
 *       opens the device (group path) as descriptor N without close-on-exec and runs PROGRAM in its
 *       place, the way a management tool hands a device it opened to the process that uses it.
 *   guestplay mbochs-hold UUID SOCKET CONTROL [cdev]
 *       opens the mbochs device (group path, or its cdev bound to an iommufd with "cdev") and keeps it; sends the device fd (SCM_RIGHTS) to every
 *       client of unix socket SOCKET; obeys lines read from fifo CONTROL:
 *         mode W H SEED   set a 32 bpp mode through the bochs dispi registers and draw SEED
 *         draw SEED       redraw the current mode
 *         disable | enable
 *         quit
 * Pattern (same as GuestPattern.java): r = x + 3*seed, g = y + 5*seed, b = x ^ y ^ 29*seed (8 bits each). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/vfio.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static void die(const char *what) { fprintf(stderr, "guestplay: %s: %s\n", what, strerror(errno)); exit(1); }

static uint32_t pattern(uint32_t x, uint32_t y, uint32_t seed) {
    uint32_t r = (x + 3 * seed) & 0xff, g = (y + 5 * seed) & 0xff, b = (x ^ y ^ (29 * seed)) & 0xff;
    return r << 16 | g << 8 | b;
}

static void draw(uint8_t *fb, uint32_t w, uint32_t h, uint32_t stride, uint32_t seed) {
    for (uint32_t y = 0; y < h; y++) {
        uint32_t *row = (uint32_t *)(fb + (size_t)y * stride);
        for (uint32_t x = 0; x < w; x++) row[x] = pattern(x, y, seed);
    }
}

static int open_device(const char *uuid) {
    char path[256], link[256];
    snprintf(path, sizeof path, "/sys/bus/mdev/devices/%s/iommu_group", uuid);
    ssize_t n = readlink(path, link, sizeof link - 1);
    if (n < 0) die(path);
    link[n] = 0;
    snprintf(path, sizeof path, "/dev/vfio/%s", strrchr(link, '/') + 1);
    int group = open(path, O_RDWR);
    if (group < 0) die(path);
    int container = open("/dev/vfio/vfio", O_RDWR);
    if (container < 0) die("/dev/vfio/vfio");
    if (ioctl(group, VFIO_GROUP_SET_CONTAINER, &container)) die("VFIO_GROUP_SET_CONTAINER");
    if (ioctl(container, VFIO_SET_IOMMU, VFIO_TYPE1v2_IOMMU)) die("VFIO_SET_IOMMU");
    int dev = ioctl(group, VFIO_GROUP_GET_DEVICE_FD, uuid);
    if (dev < 0) die("VFIO_GROUP_GET_DEVICE_FD");
    return dev;
}

/* The cdev/iommufd ABI of Linux 6.6+, defined here because bookworm's headers (6.1) lack it. */
struct gp_bind_iommufd { uint32_t argsz, flags; int32_t iommufd; uint32_t out_devid; };
struct gp_ioas_alloc { uint32_t size, flags, out_ioas_id; };
struct gp_attach_pt { uint32_t argsz, flags, pt_id; };
#define GP_BIND_IOMMUFD _IO(VFIO_TYPE, VFIO_BASE + 18)
#define GP_ATTACH_PT _IO(VFIO_TYPE, VFIO_BASE + 19)
#define GP_IOAS_ALLOC _IO(VFIO_TYPE, 0x81)

static int open_device_cdev(const char *uuid) {
    char path[256], name[256] = "";
    snprintf(path, sizeof path, "/sys/bus/mdev/devices/%s/vfio-dev", uuid);
    DIR *d = opendir(path);
    if (!d) die("no vfio-dev entry (kernel without VFIO cdev?)");
    for (struct dirent *e; (e = readdir(d)) != NULL;)
        if (strncmp(e->d_name, "vfio", 4) == 0) snprintf(name, sizeof name, "%s", e->d_name);
    closedir(d);
    if (!name[0]) die("empty vfio-dev directory");
    snprintf(path, sizeof path, "/dev/vfio/devices/%s", name);
    int dev = open(path, O_RDWR);
    if (dev < 0) die(path);
    int iommufd = open("/dev/iommu", O_RDWR);
    if (iommufd < 0) die("/dev/iommu");
    struct gp_bind_iommufd bind = { sizeof bind, 0, iommufd, 0 };
    if (ioctl(dev, GP_BIND_IOMMUFD, &bind)) die("VFIO_DEVICE_BIND_IOMMUFD");
    struct gp_ioas_alloc ioas = { sizeof ioas, 0, 0 };
    if (ioctl(iommufd, GP_IOAS_ALLOC, &ioas)) die("IOMMU_IOAS_ALLOC");
    struct gp_attach_pt at = { sizeof at, 0, ioas.out_ioas_id };
    if (ioctl(dev, GP_ATTACH_PT, &at)) die("VFIO_DEVICE_ATTACH_IOMMUFD_PT");
    return dev;
}

static struct vfio_region_info region(int dev, uint32_t index) {
    struct vfio_region_info r = { .argsz = sizeof r, .index = index };
    if (ioctl(dev, VFIO_DEVICE_GET_REGION_INFO, &r)) die("VFIO_DEVICE_GET_REGION_INFO");
    return r;
}

static int mdpy_fill(const char *uuid, uint32_t seed) {
    int dev = open_device(uuid);
    struct vfio_device_gfx_plane_info p = { .argsz = sizeof p, .flags = VFIO_GFX_PLANE_TYPE_REGION,
                                            .drm_plane_type = 1 };
    if (ioctl(dev, VFIO_DEVICE_QUERY_GFX_PLANE, &p)) die("VFIO_DEVICE_QUERY_GFX_PLANE");
    struct vfio_region_info r = region(dev, p.region_index);
    uint8_t *fb = mmap(NULL, r.size, PROT_READ | PROT_WRITE, MAP_SHARED, dev, r.offset);
    if (fb == MAP_FAILED) die("mmap region");
    draw(fb, p.width, p.height, p.stride, seed);
    munmap(fb, r.size);
    printf("mdpy %ux%u stride %u region %u filled with seed %u\n", p.width, p.height, p.stride, p.region_index, seed);
    return 0;
}

/* bochs dispi registers live at BAR2 + 0x500, 16 bits each. */
enum { ID = 0, XRES = 1, YRES = 2, BPP = 3, ENABLE = 4, VIRT_WIDTH = 6, VIRT_HEIGHT = 7, X_OFF = 8, Y_OFF = 9 };
static int mdev;
static uint64_t dispi_base;

static void dispi(int index, uint16_t value) {
    if (pwrite(mdev, &value, 2, dispi_base + 0x500 + 2 * index) != 2) die("dispi write");
}

static void send_fd(int client, int fd) {
    char byte = 'V';
    struct iovec iov = { &byte, 1 };
    union { char buf[CMSG_SPACE(sizeof(int))]; struct cmsghdr align; } u;
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf, .msg_controllen = sizeof u.buf };
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &fd, sizeof fd);
    if (sendmsg(client, &msg, 0) != 1) perror("guestplay: sendmsg");
}

static int mbochs_hold(const char *uuid, const char *sock_path, const char *control, int cdev) {
    mdev = cdev ? open_device_cdev(uuid) : open_device(uuid);
    dispi_base = region(mdev, VFIO_PCI_BAR2_REGION_INDEX).offset;
    struct vfio_region_info bar0 = region(mdev, VFIO_PCI_BAR0_REGION_INDEX);
    uint8_t *vram = mmap(NULL, bar0.size, PROT_READ | PROT_WRITE, MAP_SHARED, mdev, bar0.offset);
    if (vram == MAP_FAILED) die("mmap BAR0");
    int srv = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un a = { .sun_family = AF_UNIX };
    strncpy(a.sun_path, sock_path, sizeof a.sun_path - 1);
    unlink(sock_path);
    if (bind(srv, (struct sockaddr *)&a, sizeof a) || listen(srv, 4)) die("bind/listen");
    int ctl = open(control, O_RDWR); /* O_RDWR: never sees EOF when a writer goes away */
    if (ctl < 0) die(control);
    FILE *ctlf = fdopen(ctl, "r");
    uint32_t w = 0, h = 0;
    printf("guestplay: holding %s (%s path), fd on %s\n", uuid, cdev ? "cdev" : "group", sock_path);
    fflush(stdout);
    for (;;) {
        struct pollfd pf[2] = { { srv, POLLIN, 0 }, { ctl, POLLIN, 0 } };
        if (poll(pf, 2, -1) < 0) die("poll");
        if (pf[0].revents) {
            int c = accept(srv, NULL, NULL);
            if (c >= 0) { send_fd(c, mdev); close(c); printf("guestplay: sent device fd\n"); fflush(stdout); }
        }
        if (pf[1].revents) {
            char line[128];
            if (!fgets(line, sizeof line, ctlf)) continue;
            unsigned a1, a2, a3;
            if (sscanf(line, "mode %u %u %u", &a1, &a2, &a3) == 3) {
                if ((uint64_t)a1 * a2 * 4 > bar0.size) { fprintf(stderr, "guestplay: mode too big\n"); continue; }
                w = a1; h = a2;
                dispi(ENABLE, 0);
                dispi(XRES, w); dispi(YRES, h); dispi(BPP, 32);
                dispi(VIRT_WIDTH, w); dispi(VIRT_HEIGHT, h); dispi(X_OFF, 0); dispi(Y_OFF, 0);
                draw(vram, w, h, w * 4, a3);
                dispi(ENABLE, 1);
            } else if (sscanf(line, "draw %u", &a1) == 1) {
                draw(vram, w, h, w * 4, a1);
            } else if (strncmp(line, "disable", 7) == 0) {
                dispi(ENABLE, 0);
            } else if (strncmp(line, "enable", 6) == 0) {
                dispi(ENABLE, 1);
            } else if (strncmp(line, "quit", 4) == 0) {
                break;
            }
            msync(vram, bar0.size, MS_SYNC);
            printf("guestplay: done %s", line);
            fflush(stdout);
        }
    }
    return 0;
}

static int exec_with_device(const char *uuid, int n, char **argv) {
    int dev = open_device(uuid);
    if (dev != n) {
        if (dup2(dev, n) < 0) die("dup2");
        close(dev);
    }
    /* dup2 clears close-on-exec on the new descriptor; the group and container fds stay open too,
     * as they would in a management tool's child (the device fd keeps them alive anyway). */
    execvp(argv[0], argv);
    die(argv[0]);
    return 1;
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc >= 5 && strcmp(argv[1], "exec-with-device") == 0) return exec_with_device(argv[2], atoi(argv[3]), argv + 4);
    if (argc == 4 && strcmp(argv[1], "mdpy-fill") == 0) return mdpy_fill(argv[2], atoi(argv[3]));
    if ((argc == 5 || argc == 6) && strcmp(argv[1], "mbochs-hold") == 0)
        return mbochs_hold(argv[2], argv[3], argv[4], argc == 6 && strcmp(argv[5], "cdev") == 0);
    fprintf(stderr, "usage: guestplay mdpy-fill UUID SEED | exec-with-device UUID N PROGRAM [ARGS...] | mbochs-hold UUID SOCKET CONTROL [cdev]\n");
    return 2;
}
