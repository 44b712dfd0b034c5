package org.vfiovnc.encoding.h264;

import java.util.ArrayList;
import java.util.List;

/** Splits an Annex-B byte stream at its start codes and names the NAL unit types (ITU-T H.264 7.4.1). */
final class AnnexB {
    static final int SLICE = 1;
    static final int IDR = 5;
    static final int SEI = 6;
    static final int SPS = 7;
    static final int PPS = 8;

    private AnnexB() {}

    /** The nal_unit_type of each NAL unit, in stream order. */
    static List<Integer> nalTypes(byte[] s) {
        List<Integer> types = new ArrayList<>();
        for (int i = 0; i + 3 < s.length; i++) {
            if (s[i] == 0 && s[i + 1] == 0 && s[i + 2] == 1) {
                types.add(s[i + 3] & 0x1f);
                i += 3;
            }
        }
        return types;
    }

    static boolean startsWithStartCode(byte[] s) {
        return s.length >= 4 && s[0] == 0 && s[1] == 0 && (s[2] == 1 || s[2] == 0 && s[3] == 1);
    }
}
