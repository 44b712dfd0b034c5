package org.vfiovnc.cli;

import java.io.IOException;
import org.vfiovnc.transport.ListenAddress;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Whether a listening address lets other hosts in: what decides if serving without a password needs a flag. */
final class Exposure {
    private Exposure() {}

    /**
     * {@code address} as text when it is not a loopback address, null when it is (or is null).
     * A host name that does not resolve is a mistake of {@code option}.
     */
    static String firstNonLoopback(CommandSpec spec, String option, ListenAddress address) {
        if (address == null) {
            return null;
        }
        try {
            return address.isLoopback() ? null : address.toString();
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), option + ": unknown host " + address.host());
        }
    }
}
