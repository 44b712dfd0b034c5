package org.vfiovnc.cli;

import java.nio.file.Path;
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

        @Option(names = "--token-file", paramLabel = "PATH",
                description = "websockify's token file (or a directory of them): lines 'token: host:port' (a display's"
                        + " own port) or 'token: NAME'; a WebSocket with ?token= goes to that display.")
        Path tokenFile;

        @Option(names = "--jwt-secret-file", paramLabel = "FILE",
                description = "The HS256 secret (at least 32 bytes) of signed tokens: a JWT with claim 'display' and"
                        + " 'exp' opens one connection to that display.")
        Path jwtSecretFile;

        @Option(names = "--jwt-max-lifetime", paramLabel = "S", defaultValue = "300",
                description = "Signed tokens whose exp is further ahead are refused (default: ${DEFAULT-VALUE} s).")
        long jwtMaxLifetime;

        @Option(names = "--api-token-file", paramLabel = "FILE",
                description = "A secret (at least 16 characters) for GET /displays (Authorization: Bearer SECRET): the"
                        + " displays, their state and viewers as JSON. No listing without it.")
        Path apiTokenFile;

        @Option(names = "--metrics", paramLabel = "HOST:PORT",
                description = "Every display's Prometheus metrics on http://HOST:PORT/metrics, labelled display=NAME.")
        String metrics;

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
