package org.vfiovnc.rfb.video;

/** Reads NAL unit types from an H.264 Annex-B access unit (ITU-T H.264 7.4.1). */
final class AnnexBUnits {
    private static final int SLICE = 1;
    private static final int IDR = 5;

    private AnnexBUnits() {}

    /**
     * Whether the access unit's picture is an IDR (a decoder can start there): the type of its first
     * slice, found after the parameter sets and SEI in front of it.
     */
    static boolean isIdr(byte[] unit) {
        for (int i = 0; i + 3 < unit.length; i++) {
            if (unit[i] == 0 && unit[i + 1] == 0 && unit[i + 2] == 1) {
                int type = unit[i + 3] & 0x1f;
                if (type == IDR) {
                    return true;
                }
                if (type == SLICE) {
                    return false;
                }
                i += 3;
            }
        }
        return false;
    }
}
