package org.vfiovnc.transport.door;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.vfiovnc.transport.ConnectionHandler;

/** Stands in for a display's RFB server in routing tests: says its name and closes. */
final class NameSayingDisplay {
    private NameSayingDisplay() {}

    static ConnectionHandler saying(String name) {
        return c -> {
            try (OutputStream out = c.output()) {
                out.write(name.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                // the test sees the missing name
            } finally {
                c.close();
            }
        };
    }
}
