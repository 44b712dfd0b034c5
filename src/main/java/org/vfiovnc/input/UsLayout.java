package org.vfiovnc.input;

/**
 * Which keys type a character on a US keyboard: the keysym of the key (a letter's, a digit's, a
 * symbol's own) and whether Shift must be held. What {@link TextTyper} presses to type text into a
 * guest that has no clipboard; the keysym goes to any {@link InputSink}, which maps it to the key
 * as {@link QmpKeymap} does.
 */
public final class UsLayout {
    static final int SHIFT_L = 0xffe1;
    static final int RETURN = 0xff0d;
    static final int TAB = 0xff09;
    /** The characters that need Shift on a US keyboard besides the capitals. */
    private static final String SHIFTED = "~!@#$%^&*()_+{}|:\"<>?";

    /** One character's keystroke: press {@code keysym}, with Shift held when {@code shift}. */
    public record Keystroke(int keysym, boolean shift) {}

    private UsLayout() {}

    /** The keystroke that types {@code codePoint}, or null when a US keyboard has no key for it. */
    public static Keystroke keystroke(int codePoint) {
        if (codePoint == '\n') {
            return new Keystroke(RETURN, false);
        }
        if (codePoint == '\t') {
            return new Keystroke(TAB, false);
        }
        if (codePoint < 0x20 || codePoint > 0x7e) {
            return null;
        }
        boolean shift = (codePoint >= 'A' && codePoint <= 'Z') || SHIFTED.indexOf(codePoint) >= 0;
        // Printable ASCII keysyms equal the character; the keymap knows each one's key.
        return QmpKeymap.qcode(codePoint, 0) == null ? null : new Keystroke(codePoint, shift);
    }
}
