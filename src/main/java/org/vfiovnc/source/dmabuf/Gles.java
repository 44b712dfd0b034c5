package org.vfiovnc.source.dmabuf;

import com.sun.jna.Library;
import java.nio.Buffer;
import org.vfiovnc.nativelib.NativeLibraries;

/** The OpenGL ES 2 calls the readback needs, from libGLESv2 (glvnd), through JNA. */
interface Gles extends Library {
    int GL_NO_ERROR = 0;
    int GL_TEXTURE_2D = 0x0DE1;
    int GL_TEXTURE_MIN_FILTER = 0x2801;
    int GL_TEXTURE_MAG_FILTER = 0x2800;
    int GL_NEAREST = 0x2600;
    int GL_FRAMEBUFFER = 0x8D40;
    int GL_COLOR_ATTACHMENT0 = 0x8CE0;
    int GL_FRAMEBUFFER_COMPLETE = 0x8CD5;
    int GL_PACK_ALIGNMENT = 0x0D05;
    int GL_MAX_TEXTURE_SIZE = 0x0D33;
    int GL_IMPLEMENTATION_COLOR_READ_TYPE = 0x8B9A;
    int GL_IMPLEMENTATION_COLOR_READ_FORMAT = 0x8B9B;
    int GL_RGB = 0x1907;
    int GL_RGBA = 0x1908;
    int GL_UNSIGNED_BYTE = 0x1401;
    int GL_UNSIGNED_SHORT_5_6_5 = 0x8363;
    int GL_RENDERER = 0x1F01;
    int GL_VERSION = 0x1F02;
    int GL_EXTENSIONS = 0x1F03;

    Gles INSTANCE = NativeLibraries.load(Gles.class, "libGLESv2.so.2", "GLESv2");

    String glGetString(int name);

    int glGetError();

    void glGetIntegerv(int name, int[] value);

    void glGenTextures(int n, int[] textures);

    void glDeleteTextures(int n, int[] textures);

    void glBindTexture(int target, int texture);

    void glTexParameteri(int target, int name, int value);

    void glGenFramebuffers(int n, int[] framebuffers);

    void glDeleteFramebuffers(int n, int[] framebuffers);

    void glBindFramebuffer(int target, int framebuffer);

    void glFramebufferTexture2D(int target, int attachment, int textarget, int texture, int level);

    int glCheckFramebufferStatus(int target);

    void glPixelStorei(int name, int value);

    /** {@code pixels} must be a direct buffer large enough for the rectangle. */
    void glReadPixels(int x, int y, int width, int height, int format, int type, Buffer pixels);

    void glFinish();
}
