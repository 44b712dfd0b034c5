package org.vfiovnc.access;

import java.net.InetAddress;

/** Slows down guessing, shared with the password checks so that tokens and passwords count together. */
public interface GuessThrottle {
    /** Milliseconds the address stays blocked, 0 when it may try. */
    long blockedForMs(InetAddress address);

    /** Records a failure; how long to wait before answering it. */
    long failed(InetAddress address);

    void succeeded(InetAddress address);

    /** Waits before answering a failure, so guessing over many connections is slow too (the caller's thread only). */
    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
