package org.vfiovnc.server;

import org.vfiovnc.display.RefreshLoop;
import org.vfiovnc.rfb.RfbConfig;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.transport.ListenAddress;
import org.vfiovnc.transport.door.TransportOptions;

/**
 * One display as the operator configured it, every value checked: what {@code serve} runs, and
 * what {@code host} runs once per display. {@link ServedDisplay#start} turns it into a running one.
 *
 * @param source          the source, created but not opened
 * @param rfb             the protocol settings, security and limits of its viewers
 * @param pacing          the refresh loop's pace
 * @param sourceTimeoutMs a source call taking longer counts as hung
 * @param guest           where input, power actions and the clipboard go
 * @param listen          the display's own port (native viewers, and browsers at its root), or null
 *                        when it is reached only through a shared port's routes
 * @param transport       what its own port speaks beyond plain RFB (web page, TLS, origins)
 * @param metrics         where to serve its Prometheus metrics, or null
 */
public record DisplayPlan(DisplaySource source, RfbConfig rfb, RefreshLoop.Pacing pacing, long sourceTimeoutMs,
                          GuestPlan guest, ListenAddress listen, TransportOptions transport, ListenAddress metrics) {

    public DisplayPlan {
        java.util.Objects.requireNonNull(source);
        java.util.Objects.requireNonNull(rfb);
        java.util.Objects.requireNonNull(pacing);
        java.util.Objects.requireNonNull(guest);
        java.util.Objects.requireNonNull(transport);
    }
}
