package org.vfiovnc.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The two kinds of section in {@code host}'s configuration file, as the options their keys name. */
final class HostSections {
    private HostSections() {}

    /** The top of the file: the port the displays share, and what it speaks beyond RFB. */
    @Command(name = "shared port")
    static final class Port {
        static final String DEFAULT_LISTEN = "127.0.0.1:6080";

        @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = DEFAULT_LISTEN,
                description = "The shared port: browsers open /vm/NAME/ there (default: ${DEFAULT-VALUE}).")
        String listen;

        @Mixin
        WebTlsOptions web;
    }

    /** One display under {@code displays:}: serve's display options, and its own port for native viewers. */
    @Command(name = "display")
    static final class Display {
        @Option(names = "--listen", paramLabel = "HOST:PORT",
                description = "The display's own port for native viewers (browsers too, at its root); none by default.")
        String listen;

        @Mixin
        DisplayOptions display;
    }
}
