package org.vfiovnc.transport;

/** Takes an accepted connection and owns it from then on (runs it on its own thread). */
@FunctionalInterface
public interface ConnectionHandler {
    void handle(Connection connection);
}
