package org.vfiovnc.rfb.security;

/**
 * Checks the user name and password a viewer sent with VeNCrypt's Plain subtypes: a users file,
 * or a host's logins that pick a display by the name.
 */
public interface PlainCheck {
    /** Whether {@code password} is {@code user}'s; costs the same for unknown names as for known ones. */
    boolean check(String user, char[] password);

    /** Knows nobody, at the cost of a real check (so an unknown realm answers no faster). */
    PlainCheck NOBODY = new PlainCheck() {
        private final PasswordHash decoy = PasswordHash.create("decoy".toCharArray(), PasswordHash.DEFAULT_ITERATIONS);

        @Override
        public boolean check(String user, char[] password) {
            decoy.matches(password);
            return false;
        }
    };
}
