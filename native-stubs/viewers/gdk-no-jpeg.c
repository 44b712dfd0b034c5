/*
 * LD_PRELOAD shim for gtk-vnc's gvncviewer: gdk-pixbuf's list of image formats loses JPEG, so the
 * viewer, which offers Tight only when it can decode JPEG, asks for ZRLE first. Tests use it to
 * watch gtk-vnc's ZRLE decoder over many updates (gvnccapture takes one).
 * Build: gcc -O2 -Wall -shared -fPIC -o gdk-no-jpeg.so gdk-no-jpeg.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <string.h>

/* GLib's GSList, declared here so the shim needs no -dev package. */
typedef struct slist {
    void *data;
    struct slist *next;
} slist;

slist *gdk_pixbuf_get_formats(void) {
    slist *(*real)(void) = (slist * (*)(void)) dlsym(RTLD_NEXT, "gdk_pixbuf_get_formats");
    char *(*name_of)(void *) = (char *(*)(void *)) dlsym(RTLD_DEFAULT, "gdk_pixbuf_format_get_name");
    void (*release)(void *) = (void (*)(void *)) dlsym(RTLD_DEFAULT, "g_free");
    slist *all = real(), *prev = NULL;
    for (slist *l = all; l != NULL;) {
        slist *next = l->next;
        char *name = name_of(l->data);
        int jpeg = strcmp(name, "jpeg") == 0;
        release(name);
        if (jpeg) {
            /* Unlinked, not freed: the caller frees the list it gets, one node stays behind. */
            if (prev) prev->next = next; else all = next;
        } else {
            prev = l;
        }
        l = next;
    }
    return all;
}
