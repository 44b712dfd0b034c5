package org.vfiovnc.qmp;

import com.fasterxml.jackson.databind.JsonNode;

/** An asynchronous QMP event: its name (RESET, POWERDOWN, SHUTDOWN, ...) and its data (an empty object when it has none). */
public record QmpEvent(String name, JsonNode data) {}
