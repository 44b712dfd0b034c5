package org.vfiovnc.qmp;

import java.io.IOException;

/**
 * A command that did not succeed: QEMU refused it (then {@link #errorClass} names QEMU's error class,
 * never its description, which may quote the command and so what a viewer typed), or it could not
 * be sent or answered (not connected, connection lost, no answer in time).
 */
public final class QmpException extends IOException {
    private final String errorClass;

    QmpException(String message, String errorClass) {
        super(message);
        this.errorClass = errorClass;
    }

    static QmpException refused(String command, String errorClass) {
        return new QmpException(command + " refused: " + errorClass, errorClass);
    }

    static QmpException unanswered(String command, String why) {
        return new QmpException(command + " not answered: " + why, null);
    }

    /** QEMU's error class (GenericError, CommandNotFound, ...), or null when QEMU gave no answer. */
    public String errorClass() {
        return errorClass;
    }
}
