package org.vfiovnc.rfb;

/** What happens when a client asks for exclusive access (ClientInit shared-flag = 0). */
public enum SharePolicy {
    /** Honour it: disconnect every other client (the RFB spec's suggestion, TigerVNC's default). */
    DISCONNECT_OTHERS,
    /** Refuse the exclusive newcomer while others are connected. */
    REFUSE_NEW,
    /** Ignore the flag: everyone shares. */
    ALWAYS_SHARED;

    public static SharePolicy parse(String s) {
        switch (s) {
            case "disconnect-others": return DISCONNECT_OTHERS;
            case "refuse-new": return REFUSE_NEW;
            case "always-shared": return ALWAYS_SHARED;
            default:
                throw new IllegalArgumentException("unknown share policy '" + s
                        + "'; expected disconnect-others, refuse-new or always-shared");
        }
    }
}
