package org.vfiovnc.input;

import java.util.concurrent.CompletableFuture;

/**
 * Power actions on the VM that a viewer may ask for (RFB's XVP): carried out by QEMU or the guest's
 * agent. Implementations return at once; the action completes on their own threads.
 */
public interface PowerControl extends AutoCloseable {
    /** XVP's three actions. */
    enum Action { SHUTDOWN, REBOOT, RESET }

    /** Whether {@code a} can be carried out here at all (a reboot needs a guest agent, say). */
    boolean supports(Action a);

    /**
     * Starts {@code a}. The future completes when the VM (or its agent) accepted the action, or
     * exceptionally with the reason it did not. {@code requester} names who asked, for the log.
     */
    CompletableFuture<Void> perform(Action a, String requester);

    @Override
    default void close() {}

    /** No power control: nothing is supported, every request fails. */
    PowerControl NONE = new PowerControl() {
        @Override
        public boolean supports(Action a) {
            return false;
        }

        @Override
        public CompletableFuture<Void> perform(Action a, String requester) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("no power control configured"));
        }
    };
}
