package org.vfiovnc.input;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import org.vfiovnc.qmp.GuestAgent;
import org.vfiovnc.qmp.QmpClient;
import org.vfiovnc.qmp.QmpEvent;
import org.vfiovnc.qmp.QmpListener;

/**
 * Power actions carried out by QEMU: shutdown as {@code system_powerdown} (the ACPI button: the
 * guest decides), reset as {@code system_reset}; reboot needs the guest's agent ({@code guest-shutdown}
 * in mode reboot), so it is supported only with one. Every request is logged with who asked and how
 * it ended; QEMU's RESET, POWERDOWN and SHUTDOWN events, which confirm an action, are logged too.
 */
public final class QmpPowerControl implements PowerControl {
    private static final Logger LOG = Logger.getLogger(QmpPowerControl.class.getName());
    /** An action QEMU (or the agent) has not answered in this long has failed. */
    static final long ANSWER_MS = 10_000;

    private final QmpClient qmp;
    private final GuestAgent agent;
    private final QmpListener confirmations = new QmpListener() {
        @Override
        public void event(QmpEvent e) {
            switch (e.name()) {
                case "RESET", "POWERDOWN", "SHUTDOWN" -> LOG.info("power: QEMU reports " + e.name()
                        + (e.data().path("guest").asBoolean(false) ? " (by the guest)" : "")
                        + (e.data().has("reason") ? ", reason " + e.data().path("reason").asText() : ""));
                default -> { }
            }
        }
    };

    /**
     * @param qmp   a share of the QMP client, closed with this
     * @param agent the guest agent for reboot, or null (then reboot is not supported); closed with this
     */
    public QmpPowerControl(QmpClient qmp, GuestAgent agent) {
        this.qmp = qmp;
        this.agent = agent;
        qmp.addListener(confirmations);
    }

    @Override
    public boolean supports(Action a) {
        return a != Action.REBOOT || agent != null;
    }

    @Override
    public CompletableFuture<Void> perform(Action a, String requester) {
        String what = a.name().toLowerCase(Locale.ROOT);
        LOG.info("power: " + what + " requested by " + requester);
        CompletableFuture<Void> done = switch (a) {
            case SHUTDOWN -> qmp.execute("system_powerdown").thenApply(r -> null);
            case RESET -> qmp.execute("system_reset").thenApply(r -> null);
            case REBOOT -> agent != null ? agent.reboot()
                    : CompletableFuture.failedFuture(new UnsupportedOperationException("reboot needs --guest-agent"));
        };
        return done.orTimeout(ANSWER_MS, TimeUnit.MILLISECONDS).whenComplete((v, failure) -> {
            if (failure == null) {
                LOG.info("power: " + what + " requested by " + requester + ": accepted by "
                        + (a == Action.REBOOT ? "the guest agent" : "QEMU"));
            } else {
                LOG.warning("power: " + what + " requested by " + requester + " failed: " + reason(failure));
            }
        });
    }

    private static String reason(Throwable t) {
        Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (c instanceof TimeoutException) {
            return "no answer within " + ANSWER_MS + " ms";
        }
        return c.getMessage() != null ? c.getMessage() : c.toString();
    }

    @Override
    public void close() {
        qmp.removeListener(confirmations);
        qmp.close();
        if (agent != null) {
            agent.close();
        }
    }
}
