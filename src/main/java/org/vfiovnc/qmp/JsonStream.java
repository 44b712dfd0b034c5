package org.vfiovnc.qmp;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * A socket to QEMU that carries JSON objects both ways, as QMP and the guest agent speak: one
 * reader thread at a time, writers serialised here. Closing it from any thread ends a blocked read.
 */
final class JsonStream implements AutoCloseable {
    private final SocketChannel channel;
    private final JsonParser in;

    JsonStream(QmpAddress address) throws IOException {
        this.channel = address.connect();
        try {
            // A reader, not the stream: Jackson would read ahead to guess the encoding before the
            // first message, and the guest agent says nothing until asked.
            this.in = Json.MAPPER.createParser(new InputStreamReader(new ChannelInput(channel), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Sends one message (a line, as QEMU expects). */
    void write(JsonNode message) throws IOException {
        ByteBuffer line = ByteBuffer.wrap((Json.MAPPER.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8));
        synchronized (channel) {
            while (line.hasRemaining()) {
                channel.write(line);
            }
        }
    }

    /** The next message; null when the other side closed. Anything but a JSON object is a broken stream. */
    JsonNode read() throws IOException {
        JsonNode n = Json.MAPPER.readTree(in);
        if (n == null || n.isMissingNode()) {
            return null;
        }
        if (!n.isObject()) {
            throw new IOException("expected a JSON object, got " + n.getNodeType());
        }
        return n;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /**
     * Reads the channel directly: the streams of {@code Channels} take the channel's blocking lock
     * for reads and writes alike, so a write would wait for the reader's next message.
     */
    private static final class ChannelInput extends InputStream {
        private final SocketChannel channel;

        ChannelInput(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return len == 0 ? 0 : channel.read(ByteBuffer.wrap(b, off, len));
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }
    }
}
