package org.vfiovnc.qmp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;

/** The one JSON mapper of QMP and guest-agent messages, and the shape of a command. */
final class Json {
    /**
     * QEMU is trusted, but a wedged or impostor socket must not make us buffer without bound: no
     * message we send or expect comes near these limits.
     */
    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxDocumentLength(8L << 20).maxStringLength(4 << 20).maxNestingDepth(64).build())
            .build());

    /** What an error class looks like (GenericError, CommandNotFound, ...): nothing else is passed on. */
    private static final Pattern ERROR_CLASS = Pattern.compile("[A-Za-z]{1,64}");

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** {@code {"execute": name, "arguments": arguments, "id": id}}; arguments and id may be null. */
    static ObjectNode command(String name, JsonNode arguments, Long id) {
        ObjectNode c = object().put("execute", name);
        if (arguments != null) {
            c.set("arguments", arguments);
        }
        if (id != null) {
            c.put("id", id);
        }
        return c;
    }

    /** QEMU's error class of an {@code {"error": {...}}} reply (never its description, which may quote the command). */
    static String errorClass(JsonNode reply) {
        String c = reply.path("error").path("class").asText("");
        return ERROR_CLASS.matcher(c).matches() ? c : "an error";
    }
}
