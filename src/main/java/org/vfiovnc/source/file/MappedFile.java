package org.vfiovnc.source.file;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import org.vfiovnc.source.SourceException;

/**
 * A read-only shared mapping of a file that another process keeps writing. Before each use the
 * caller checks {@link #stillValid(long)}: touching a mapping past the end of a truncated file
 * would fault, and a file replaced by rename must be mapped again.
 */
final class MappedFile implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final Object fileKey;
    private MappedByteBuffer map;
    private static final long IDENTITY_CHECK_NANOS = 250_000_000L;
    private long identityCheckedAt = System.nanoTime() - IDENTITY_CHECK_NANOS;

    private MappedFile(Path path, FileChannel channel, Object fileKey) {
        this.path = path;
        this.channel = channel;
        this.fileKey = fileKey;
    }

    static MappedFile open(Path path) throws SourceException {
        try {
            FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
            Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            return new MappedFile(path, ch, key);
        } catch (NoSuchFileException e) {
            throw new SourceException("no such file: " + path);
        } catch (IOException e) {
            throw new SourceException("cannot open " + path + ": " + e.getMessage(), e);
        }
    }

    long size() throws IOException {
        return channel.size();
    }

    /** Maps the first {@code length} bytes (again, if the mapping is shorter). */
    MappedByteBuffer map(long length) throws SourceException {
        if (map == null || map.capacity() < length) {
            try {
                map = channel.map(FileChannel.MapMode.READ_ONLY, 0, length);
            } catch (IOException e) {
                throw new SourceException("cannot map " + path + ": " + e.getMessage(), e);
            }
        }
        return map;
    }

    /** True while the file at the path is still this file and holds at least {@code needed} bytes. */
    boolean stillValid(long needed) throws IOException {
        return checkedSize() >= needed;
    }

    /**
     * The file's size now (one fstat per call: touching the mapping past the end of a truncated
     * file would fault), after checking at most every {@link #IDENTITY_CHECK_NANOS} that the path
     * still names this file (a stat by path; a replaced file is mapped again by reopening, which
     * is not urgent, and the refresh loop calls this 200 times a second).
     */
    long checkedSize() throws IOException {
        long now = System.nanoTime();
        if (now - identityCheckedAt >= IDENTITY_CHECK_NANOS) {
            Object key;
            try {
                key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            } catch (NoSuchFileException e) {
                throw new SourceException("file " + path + " disappeared");
            }
            if (!Objects.equals(key, fileKey)) {
                throw new SourceException("file " + path + " was replaced");
            }
            identityCheckedAt = now;
        }
        return channel.size();
    }

    @Override
    public void close() {
        map = null;
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
