package org.vfiovnc.cli;

import org.vfiovnc.qmp.QmpAddress;
import org.vfiovnc.transport.ListenAddress;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Parses the addresses of a display's operator features: {@code --metrics} and {@code --qmp}. */
final class OpsOptions {

    private OpsOptions() {}

    /** Parses {@code --metrics}; null when not given. */
    static ListenAddress metricsAddress(CommandSpec spec, String text) {
        if (text == null) {
            return null;
        }
        try {
            return ListenAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--metrics: " + e.getMessage());
        }
    }

    /** Parses {@code --qmp}; null when not given. */
    static QmpAddress qmpAddress(CommandSpec spec, String qmp) {
        if (qmp == null) {
            return null;
        }
        try {
            return QmpAddress.parse(qmp);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--qmp: " + e.getMessage());
        }
    }
}
