package org.vfiovnc.source.qemudbus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.freedesktop.dbus.types.UInt32;
import org.junit.jupiter.api.Test;
import org.vfiovnc.surface.CursorState;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.PixelLayout;

/** What QEMU's listener calls do to the picture the source hands out (calls made directly, as dbus-java would). */
class ConsoleListenerTest {
    private static final UInt32 XRGB = new UInt32(PixmanFormats.code(32, 2, 0, 8, 8, 8));

    private static byte[] fill(int w, int h, int stride, int rgb) {
        ByteBuffer b = ByteBuffer.allocate(stride * h).order(ByteOrder.LITTLE_ENDIAN);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                b.putInt(y * stride + x * 4, rgb);
            }
        }
        return b.array();
    }

    @Test
    void scanoutThenUpdatesReachTheFrontCopyOnlyWhereDamaged() {
        ConsoleListener l = new ConsoleListener();
        l.scanout(new UInt32(8), new UInt32(4), new UInt32(40), XRGB, fill(8, 4, 40, 0x112233));
        ConsoleListener.Front front = new ConsoleListener.Front();
        assertArrayEquals(new int[] {0, 4}, l.copyDamage(front));
        DisplaySurface s = front.surface();
        assertEquals(8, s.width());
        assertEquals(40, s.stride());
        assertEquals(PixelLayout.XR24, s.layout());
        assertEquals(0x112233, s.canonicalPixel(7, 3));
        assertNull(l.copyDamage(front), "nothing changed since");

        l.update(2, 1, 3, 2, new UInt32(12), XRGB, fill(3, 2, 12, 0xabcdef));
        assertArrayEquals(new int[] {1, 3}, l.copyDamage(front));
        s = front.surface();
        assertEquals(0xabcdef, s.canonicalPixel(2, 1));
        assertEquals(0xabcdef, s.canonicalPixel(4, 2));
        assertEquals(0x112233, s.canonicalPixel(5, 2));
        assertEquals(0x112233, s.canonicalPixel(2, 3));
        assertFalse(l.stale());
    }

    @Test
    void anUpdateOutsideTheSurfaceMarksItStale() {
        ConsoleListener l = new ConsoleListener();
        l.scanout(new UInt32(8), new UInt32(4), new UInt32(32), XRGB, fill(8, 4, 32, 0));
        l.update(0, 0, 9, 1, new UInt32(36), XRGB, fill(9, 1, 36, 1));
        assertTrue(l.stale());
    }

    @Test
    void inconsistentOrUnknownScanoutsAreRefusedNotApplied() {
        ConsoleListener l = new ConsoleListener();
        l.scanout(new UInt32(8), new UInt32(4), new UInt32(32), XRGB, new byte[10]);
        assertEquals(ConsoleListener.Mode.BAD_FORMAT, l.mode());
        l.scanout(new UInt32(8), new UInt32(4), new UInt32(32), new UInt32(0x12345678), fill(8, 4, 32, 0));
        assertEquals(ConsoleListener.Mode.BAD_FORMAT, l.mode());
        assertTrue(l.badFormat().contains("0x12345678"), l.badFormat());
        l.scanout(new UInt32(8), new UInt32(4), new UInt32(16), XRGB, fill(4, 4, 16, 0));
        assertEquals(ConsoleListener.Mode.BAD_FORMAT, l.mode(), "stride shorter than a row");
        l.disable();
        assertEquals(ConsoleListener.Mode.DISABLED, l.mode());
    }

    @Test
    void everyPixmanFormatQemuUsesMapsToTheMatchingFourcc() {
        assertEquals(PixelLayout.XR24, PixmanFormats.layout(0x20020888).orElseThrow());
        assertEquals(PixelLayout.AR24, PixmanFormats.layout(0x20028888).orElseThrow());
        assertEquals(PixelLayout.XB24, PixmanFormats.layout(0x20030888).orElseThrow());
        assertEquals(PixelLayout.AB24, PixmanFormats.layout(0x20038888).orElseThrow());
        assertEquals(PixelLayout.RG16, PixmanFormats.layout(0x10020565).orElseThrow());
        assertEquals(PixelLayout.RG24, PixmanFormats.layout(0x18020888).orElseThrow());
        assertEquals(PixelLayout.BG24, PixmanFormats.layout(0x18030888).orElseThrow());
        assertTrue(PixmanFormats.layout(0x10020555).isEmpty(), "x1r5g5b5 has no DRM layout here");
    }

    @Test
    void cursorShapePositionAndHiding() {
        ConsoleListener l = new ConsoleListener();
        assertNull(l.cursor(), "no shape yet: the server draws its default");
        byte[] argb = new byte[2 * 1 * 4];
        ByteBuffer.wrap(argb).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 0xff00ff00).putInt(4, 0x80ff0000);
        l.cursorDefine(2, 1, 1, 0, argb);
        l.mouseSet(10, 20, 1);
        CursorState c = l.cursor();
        assertEquals(0xff00ff00, c.image().argb(0, 0));
        assertEquals(0x80ff0000, c.image().argb(1, 0));
        assertEquals(1, c.image().hotX());
        assertEquals(10, c.x());
        assertEquals(20, c.y());
        long serial = c.serial();
        l.mouseSet(10, 20, 0);
        CursorState hidden = l.cursor();
        assertTrue(hidden.serial() > serial);
        assertEquals(1, hidden.image().width());
        assertEquals(0, hidden.image().argb(0, 0) >>> 24, "hidden cursor is transparent");
        l.cursorDefine(0, 5, 0, 0, new byte[0]);
        assertEquals(hidden.serial(), l.cursor().serial(), "a bad shape is ignored");
    }
}
