package org.vfiovnc.rfb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.vfiovnc.encoding.ZrleEncoder;
import org.vfiovnc.protocol.Encodings;

class ClientEncodingsLevelTest {

    @Test
    void withoutCompressLevelZlibRunsAtTigerVncsDefault() {
        ClientEncodings e = new ClientEncodings();
        // What libvncclient sends for "zrle copyrect": no CompressLevel pseudo-encoding.
        e.set(new int[] {Encodings.ZRLE, Encodings.COPY_RECT});
        assertEquals(2, e.zlibLevel());
        assertEquals(2, ((ZrleEncoder) e.pixelEncoder()).level());
    }

    @Test
    void compressLevelPseudoEncodingSetsTheLevelAndFollowsLaterSetEncodings() {
        ClientEncodings e = new ClientEncodings();
        e.set(new int[] {Encodings.ZRLE, Encodings.COMPRESS_LEVEL_LOWEST + 9});
        ZrleEncoder zrle = (ZrleEncoder) e.pixelEncoder();
        assertEquals(9, zrle.level());
        e.set(new int[] {Encodings.ZRLE, Encodings.COMPRESS_LEVEL_LOWEST + 3});
        assertEquals(3, zrle.level(), "the kept encoder follows the new level");
        // The first CompressLevel in the list counts; 0 (store only) becomes 1.
        e.set(new int[] {Encodings.ZRLE, Encodings.COMPRESS_LEVEL_LOWEST, Encodings.COMPRESS_LEVEL_LOWEST + 7});
        assertEquals(1, zrle.level());
        e.set(new int[] {Encodings.ZRLE});
        assertEquals(2, zrle.level());
    }
}
