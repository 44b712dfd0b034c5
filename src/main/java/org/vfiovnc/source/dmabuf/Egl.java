package org.vfiovnc.source.dmabuf;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import org.vfiovnc.nativelib.NativeLibraries;

/** Core EGL 1.4 entry points of libEGL (glvnd), through JNA. Extension functions come from {@link #eglGetProcAddress}. */
interface Egl extends Library {
    int EGL_SUCCESS = 0x3000;
    int EGL_NONE = 0x3038;
    int EGL_VENDOR = 0x3053;
    int EGL_VERSION = 0x3054;
    int EGL_EXTENSIONS = 0x3055;
    int EGL_HEIGHT = 0x3056;
    int EGL_WIDTH = 0x3057;
    int EGL_RENDERABLE_TYPE = 0x3040;
    int EGL_SURFACE_TYPE = 0x3033;
    int EGL_OPENGL_ES2_BIT = 0x0004;
    int EGL_OPENGL_ES_API = 0x30A0;
    int EGL_CONTEXT_CLIENT_VERSION = 0x3098;
    int EGL_PLATFORM_DEVICE_EXT = 0x313F;
    int EGL_PLATFORM_SURFACELESS_MESA = 0x31DD;
    int EGL_LINUX_DMA_BUF_EXT = 0x3270;
    int EGL_LINUX_DRM_FOURCC_EXT = 0x3271;
    int EGL_DMA_BUF_PLANE0_FD_EXT = 0x3272;
    int EGL_DMA_BUF_PLANE0_OFFSET_EXT = 0x3273;
    int EGL_DMA_BUF_PLANE0_PITCH_EXT = 0x3274;
    int EGL_DMA_BUF_PLANE0_MODIFIER_LO_EXT = 0x3443;
    int EGL_DMA_BUF_PLANE0_MODIFIER_HI_EXT = 0x3444;

    Egl INSTANCE = NativeLibraries.load(Egl.class, "libEGL.so.1", "EGL");

    /** Works with a null display for the client extensions (EGL_EXT_client_extensions). */
    String eglQueryString(Pointer display, int name);

    int eglGetError();

    boolean eglInitialize(Pointer display, int[] major, int[] minor);

    boolean eglTerminate(Pointer display);

    boolean eglBindAPI(int api);

    boolean eglChooseConfig(Pointer display, int[] attribs, Pointer[] configs, int size, int[] count);

    Pointer eglCreateContext(Pointer display, Pointer config, Pointer shareContext, int[] attribs);

    boolean eglDestroyContext(Pointer display, Pointer context);

    boolean eglMakeCurrent(Pointer display, Pointer draw, Pointer read, Pointer context);

    boolean eglReleaseThread();

    Pointer eglGetProcAddress(String name);

    /** "EGL_BAD_MATCH (0x3009)" for error codes in messages. */
    static String errorName(int code) {
        String[] names = {"EGL_SUCCESS", "EGL_NOT_INITIALIZED", "EGL_BAD_ACCESS", "EGL_BAD_ALLOC",
            "EGL_BAD_ATTRIBUTE", "EGL_BAD_CONFIG", "EGL_BAD_CONTEXT", "EGL_BAD_CURRENT_SURFACE",
            "EGL_BAD_DISPLAY", "EGL_BAD_MATCH", "EGL_BAD_NATIVE_PIXMAP", "EGL_BAD_NATIVE_WINDOW",
            "EGL_BAD_PARAMETER", "EGL_BAD_SURFACE", "EGL_CONTEXT_LOST"};
        int i = code - EGL_SUCCESS;
        String name = i >= 0 && i < names.length ? names[i] : "EGL error";
        return name + String.format(" (0x%04x)", code);
    }
}
