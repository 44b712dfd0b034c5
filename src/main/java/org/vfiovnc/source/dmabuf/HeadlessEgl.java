package org.vfiovnc.source.dmabuf;

import com.sun.jna.Function;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.vfiovnc.source.SourceException;

/**
 * An EGL display and an OpenGL ES context made current without any surface, on the calling thread.
 * Tries Mesa's surfaceless platform first, then each EGL device (EGL_EXT_platform_device), and keeps
 * the first one that can import dma-bufs. Every method must run on the thread that called
 * {@link #open()}: an EGL context is current on one thread only.
 */
final class HeadlessEgl implements AutoCloseable {
    static final String MESA_HINT = "Debian 12's Mesa 22.3 cannot import dma-bufs on llvmpipe; install Mesa 25 from "
            + "bookworm-backports (.ci/setup.d/10-mesa-backports.sh does: apt-get install -t bookworm-backports "
            + "libegl-mesa0 mesa-libgallium libgbm1 libdrm2)";

    private final Egl egl;
    private final Gles gl;
    private final Pointer display;
    private final Pointer context;
    private final String platform;
    private final Set<String> eglExtensions;
    private final Set<String> glExtensions;
    private final String glVersion;
    private final String glRenderer;
    private final int maxTextureSize;
    private final Function createImage;
    private final Function destroyImage;
    private final Function imageTargetTexture;

    private HeadlessEgl(Egl egl, Gles gl, Pointer display, Pointer context, String platform, Set<String> eglExtensions) {
        this.egl = egl;
        this.gl = gl;
        this.display = display;
        this.context = context;
        this.platform = platform;
        this.eglExtensions = eglExtensions;
        this.glExtensions = split(gl.glGetString(Gles.GL_EXTENSIONS));
        this.glVersion = String.valueOf(gl.glGetString(Gles.GL_VERSION));
        this.glRenderer = String.valueOf(gl.glGetString(Gles.GL_RENDERER));
        int[] max = new int[1];
        gl.glGetIntegerv(Gles.GL_MAX_TEXTURE_SIZE, max);
        this.maxTextureSize = max[0];
        this.createImage = proc(egl, "eglCreateImageKHR");
        this.destroyImage = proc(egl, "eglDestroyImageKHR");
        this.imageTargetTexture = proc(egl, "glEGLImageTargetTexture2DOES");
        // Rows of RG16 readbacks can be an odd number of bytes long; pack them tightly.
        gl.glPixelStorei(Gles.GL_PACK_ALIGNMENT, 1);
    }

    /** Where a headless display can come from, in the order {@link #open()} tries them. */
    enum Platform { SURFACELESS, DEVICE }

    /** Opens the first headless display that imports dma-bufs, or explains why none does. */
    static HeadlessEgl open() throws SourceException {
        return open(List.of(Platform.SURFACELESS, Platform.DEVICE));
    }

    /** As {@link #open()}, trying only {@code platforms} in that order (tests use it to reach the fallback). */
    static HeadlessEgl open(List<Platform> platforms) throws SourceException {
        Egl egl;
        Gles gl;
        try {
            egl = Egl.INSTANCE;
            gl = Gles.INSTANCE;
        } catch (LinkageError e) { // UnsatisfiedLinkError, or the interface's failed static init
            throw new SourceException("EGL readback: cannot load libEGL.so.1/libGLESv2.so.2 (Debian packages libegl1, "
                    + "libgles2, libegl-mesa0): " + e.getMessage());
        }
        Set<String> clientExtensions = split(egl.eglQueryString(null, Egl.EGL_EXTENSIONS));
        if (!clientExtensions.contains("EGL_EXT_platform_base")) {
            throw new SourceException("EGL readback: libEGL lacks EGL_EXT_platform_base, so no headless display can be "
                    + "opened (client extensions: " + clientExtensions + ")");
        }
        Function getPlatformDisplay = proc(egl, "eglGetPlatformDisplayEXT");
        List<String> failures = new ArrayList<>();
        for (Platform platform : platforms) {
            HeadlessEgl h = platform == Platform.SURFACELESS
                    ? trySurfaceless(egl, gl, clientExtensions, getPlatformDisplay, failures)
                    : tryDevices(egl, gl, clientExtensions, getPlatformDisplay, failures);
            if (h != null) {
                return h;
            }
        }
        throw new SourceException("EGL readback unavailable: " + String.join("; ", failures) + ". " + MESA_HINT);
    }

    private static HeadlessEgl trySurfaceless(Egl egl, Gles gl, Set<String> clientExtensions, Function getPlatformDisplay,
                                              List<String> failures) {
        if (!clientExtensions.contains("EGL_MESA_platform_surfaceless")) {
            failures.add("surfaceless: EGL_MESA_platform_surfaceless not offered");
            return null;
        }
        Pointer dpy = (Pointer) getPlatformDisplay.invoke(Pointer.class,
                new Object[] {Egl.EGL_PLATFORM_SURFACELESS_MESA, null, new int[] {Egl.EGL_NONE}});
        return tryDisplay(egl, gl, dpy, "surfaceless", failures);
    }

    private static HeadlessEgl tryDevices(Egl egl, Gles gl, Set<String> clientExtensions, Function getPlatformDisplay,
                                          List<String> failures) {
        if (!clientExtensions.contains("EGL_EXT_platform_device")
                || !(clientExtensions.contains("EGL_EXT_device_enumeration") || clientExtensions.contains("EGL_EXT_device_base"))) {
            failures.add("device: EGL_EXT_platform_device/EGL_EXT_device_enumeration not offered");
            return null;
        }
        Function queryDevices = proc(egl, "eglQueryDevicesEXT");
        Pointer[] devices = new Pointer[16];
        int[] count = new int[1];
        if (!(Boolean) queryDevices.invoke(Boolean.class, new Object[] {devices.length, devices, count})) {
            failures.add("device: eglQueryDevicesEXT failed, " + Egl.errorName(egl.eglGetError()));
            return null;
        }
        if (count[0] == 0) {
            failures.add("device: no EGL devices");
        }
        for (int i = 0; i < count[0]; i++) {
            Pointer dpy = (Pointer) getPlatformDisplay.invoke(Pointer.class,
                    new Object[] {Egl.EGL_PLATFORM_DEVICE_EXT, devices[i], new int[] {Egl.EGL_NONE}});
            HeadlessEgl h = tryDisplay(egl, gl, dpy, "device " + i, failures);
            if (h != null) {
                return h;
            }
        }
        return null;
    }

    /** Initializes {@code dpy} and makes a context current; null (with the reason in failures) when unusable. */
    private static HeadlessEgl tryDisplay(Egl egl, Gles gl, Pointer dpy, String platform, List<String> failures) {
        if (dpy == null) {
            failures.add(platform + ": no display, " + Egl.errorName(egl.eglGetError()));
            return null;
        }
        if (!egl.eglInitialize(dpy, new int[1], new int[1])) {
            failures.add(platform + ": eglInitialize failed, " + Egl.errorName(egl.eglGetError()));
            return null;
        }
        Set<String> ext = split(egl.eglQueryString(dpy, Egl.EGL_EXTENSIONS));
        String why = null;
        Pointer ctx = null;
        if (!ext.contains("EGL_KHR_surfaceless_context")) {
            why = "EGL_KHR_surfaceless_context not offered";
        } else if (!egl.eglBindAPI(Egl.EGL_OPENGL_ES_API)) {
            why = "eglBindAPI(OpenGL ES) failed, " + Egl.errorName(egl.eglGetError());
        } else {
            Pointer config = ext.contains("EGL_KHR_no_config_context") ? null : chooseConfig(egl, dpy);
            // ES 3 first (what Mesa gives anyway), ES 2 is enough: only FBOs and glReadPixels are used.
            for (int version : new int[] {3, 2}) {
                ctx = egl.eglCreateContext(dpy, config, null, new int[] {Egl.EGL_CONTEXT_CLIENT_VERSION, version, Egl.EGL_NONE});
                if (ctx != null) {
                    break;
                }
            }
            if (ctx == null) {
                why = "no OpenGL ES context, " + Egl.errorName(egl.eglGetError());
            } else if (!egl.eglMakeCurrent(dpy, null, null, ctx)) {
                why = "eglMakeCurrent without surface failed, " + Egl.errorName(egl.eglGetError());
            }
        }
        if (why == null && !ext.contains("EGL_EXT_image_dma_buf_import")) {
            why = "EGL_EXT_image_dma_buf_import not offered by " + egl.eglQueryString(dpy, Egl.EGL_VENDOR) + " ("
                    + gl.glGetString(Gles.GL_VERSION) + ")";
        }
        if (why == null && !split(gl.glGetString(Gles.GL_EXTENSIONS)).contains("GL_OES_EGL_image")) {
            why = "GL_OES_EGL_image not offered by " + gl.glGetString(Gles.GL_VERSION);
        }
        if (why != null) {
            failures.add(platform + ": " + why);
            if (ctx != null) {
                egl.eglMakeCurrent(dpy, null, null, null);
                egl.eglDestroyContext(dpy, ctx);
            }
            egl.eglTerminate(dpy);
            return null;
        }
        return new HeadlessEgl(egl, gl, dpy, ctx, platform, ext);
    }

    private static Pointer chooseConfig(Egl egl, Pointer dpy) {
        Pointer[] configs = new Pointer[1];
        int[] count = new int[1];
        int[] attribs = {Egl.EGL_RENDERABLE_TYPE, Egl.EGL_OPENGL_ES2_BIT, Egl.EGL_SURFACE_TYPE, 0, Egl.EGL_NONE};
        return egl.eglChooseConfig(dpy, attribs, configs, 1, count) && count[0] > 0 ? configs[0] : null;
    }

    private static Function proc(Egl egl, String name) {
        Pointer p = egl.eglGetProcAddress(name);
        if (p == null) {
            throw new IllegalStateException("eglGetProcAddress(" + name + ") returned NULL");
        }
        return Function.getFunction(p);
    }

    private static Set<String> split(String list) {
        return list == null ? Set.of() : new HashSet<>(Arrays.asList(list.trim().split("\\s+")));
    }

    Egl egl() { return egl; }

    Gles gl() { return gl; }

    Pointer display() { return display; }

    int maxTextureSize() { return maxTextureSize; }

    boolean hasEglExtension(String name) { return eglExtensions.contains(name); }

    boolean hasGlExtension(String name) { return glExtensions.contains(name); }

    /** eglCreateImageKHR for a dma-buf (no context, no client buffer); null on failure. */
    Pointer createDmaBufImage(int[] attribs) {
        return (Pointer) createImage.invoke(Pointer.class, new Object[] {display, null, Egl.EGL_LINUX_DMA_BUF_EXT, null, attribs});
    }

    void destroyImage(Pointer image) {
        destroyImage.invoke(Boolean.class, new Object[] {display, image});
    }

    /** glEGLImageTargetTexture2DOES on the bound GL_TEXTURE_2D. */
    void bindImageToTexture(Pointer image) {
        imageTargetTexture.invokeVoid(new Object[] {Gles.GL_TEXTURE_2D, image});
    }

    /** e.g. "surfaceless, OpenGL ES 3.2 Mesa 25.0.7, llvmpipe (LLVM 15.0.6, 256 bits)". */
    String describe() {
        return platform + ", " + glVersion + ", " + glRenderer;
    }

    /**
     * Destroys the context but leaves the display initialized: EGL hands the same display to every
     * reader in the process (one per served device), and eglTerminate would pull it from under them.
     */
    @Override
    public void close() {
        egl.eglMakeCurrent(display, null, null, null);
        egl.eglDestroyContext(display, context);
        egl.eglReleaseThread();
    }
}
