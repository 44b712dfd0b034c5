package org.vfiovnc.rfb.video;

import java.util.concurrent.atomic.LongAdder;

/**
 * What a server's video groups did, for measuring the sharing: pictures encoded (once for all the
 * members), joins served by replaying a recent IDR or by forcing one, and viewers given an encoder
 * of their own.
 */
public final class VideoCounters {
    final LongAdder pictures = new LongAdder();
    final LongAdder replays = new LongAdder();
    final LongAdder forcedIdrs = new LongAdder();
    final LongAdder ownEncoders = new LongAdder();
    final LongAdder encodersOpened = new LongAdder();

    public long pictures() {
        return pictures.sum();
    }

    public long replays() {
        return replays.sum();
    }

    public long forcedIdrs() {
        return forcedIdrs.sum();
    }

    public long ownEncoders() {
        return ownEncoders.sum();
    }

    public long encodersOpened() {
        return encodersOpened.sum();
    }

    @Override
    public String toString() {
        return "video: " + pictures() + " pictures encoded by " + encodersOpened() + " encoders; joins: "
                + replays() + " replayed a recent IDR, " + forcedIdrs() + " forced one; " + ownEncoders()
                + " viewers got an encoder of their own";
    }
}
