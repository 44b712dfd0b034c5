package org.vfiovnc.rfb.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Users for Plain authentication, from {@code --users-file}: one {@code user:password} or
 * {@code user:pbkdf2$ITER$SALT$HASH} per line ({@code #} comments and blank lines skipped). Plain
 * passwords are hashed at load and the text dropped; a check for an unknown user still runs a hash
 * as costly as the costliest in the file, so timing does not tell which users exist.
 */
public final class UsersFile implements PlainCheck {
    private final Map<String, PasswordHash> users;
    private final PasswordHash decoy;

    private UsersFile(Map<String, PasswordHash> users) {
        this.users = Map.copyOf(users);
        // As costly as the costliest real check: a cheaper decoy would answer unknown names faster.
        int most = users.values().stream().mapToInt(PasswordHash::iterations).max().orElse(PasswordHash.DEFAULT_ITERATIONS);
        this.decoy = PasswordHash.create("decoy".toCharArray(), most);
    }

    public static UsersFile load(Path file) throws IOException {
        return load(file, PasswordHash.DEFAULT_ITERATIONS);
    }

    /** With {@code iterations} for plain-text lines (tests use fewer to stay fast). */
    public static UsersFile load(Path file, int iterations) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("cannot read users file " + file + ": " + e.getMessage(), e);
        }
        Map<String, PasswordHash> users = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || colon == line.length() - 1) {
                throw new IOException(file + " line " + (i + 1) + ": expected user:password");
            }
            String user = line.substring(0, colon);
            String secret = line.substring(colon + 1);
            PasswordHash h;
            if (secret.startsWith("pbkdf2$")) {
                try {
                    h = PasswordHash.parse(secret);
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + " line " + (i + 1) + ": " + e.getMessage());
                }
            } else {
                h = PasswordHash.create(secret.toCharArray(), iterations);
            }
            if (users.put(user, h) != null) {
                throw new IOException(file + " line " + (i + 1) + ": user '" + user + "' appears twice");
            }
        }
        if (users.isEmpty()) {
            throw new IOException("users file " + file + " lists no users");
        }
        return new UsersFile(users);
    }

    @Override
    public boolean check(String user, char[] password) {
        PasswordHash h = users.get(user);
        boolean ok = (h != null ? h : decoy).matches(password);
        return h != null && ok;
    }

    /** Whether {@code user} is listed (for checking the operator's options, not for logins: see {@link #check}). */
    public boolean contains(String user) {
        return users.containsKey(user);
    }

    public int size() {
        return users.size();
    }
}
