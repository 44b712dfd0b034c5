package org.vfiovnc.input;

import java.util.HashMap;
import java.util.Map;

/**
 * Maps viewer key information to QEMU qcodes: an XT scancode from QEMU's ExtendedKeyEvent (QEMU's
 * "qnum": one byte, 0x80 set for 0xE0-prefixed keys) or, when a viewer sends only a keysym, the key
 * that produces it on a US keyboard. A shifted symbol maps to its unshifted key: the viewer sends
 * its own Shift press before it, so the guest sees the same combination.
 */
public final class QmpKeymap {
    private static final Map<Integer, String> BY_SCANCODE = new HashMap<>();
    private static final Map<Integer, String> BY_KEYSYM = new HashMap<>();
    private static final Map<String, Integer> QNUM = new HashMap<>();

    private QmpKeymap() {}

    /** One physical key: qcode, XT scancode (qnum) and the keysyms it produces. */
    private static void key(String qcode, int qnum, int... keysyms) {
        BY_SCANCODE.put(qnum, qcode);
        QNUM.put(qcode, qnum);
        for (int k : keysyms) {
            BY_KEYSYM.putIfAbsent(k, qcode);
        }
    }

    static {
        key("esc", 0x01, 0xff1b);
        String digits = "1234567890";
        String shifted = "!@#$%^&*()";
        for (int i = 0; i < 10; i++) {
            key(String.valueOf(digits.charAt(i)), 0x02 + i, digits.charAt(i), shifted.charAt(i));
        }
        key("minus", 0x0c, '-', '_');
        key("equal", 0x0d, '=', '+');
        key("backspace", 0x0e, 0xff08);
        key("tab", 0x0f, 0xff09, 0xfe20);
        String row1 = "qwertyuiop";
        for (int i = 0; i < row1.length(); i++) {
            char c = row1.charAt(i);
            key(String.valueOf(c), 0x10 + i, c, Character.toUpperCase(c));
        }
        key("bracket_left", 0x1a, '[', '{');
        key("bracket_right", 0x1b, ']', '}');
        key("ret", 0x1c, 0xff0d);
        key("ctrl", 0x1d, 0xffe3);
        String row2 = "asdfghjkl";
        for (int i = 0; i < row2.length(); i++) {
            char c = row2.charAt(i);
            key(String.valueOf(c), 0x1e + i, c, Character.toUpperCase(c));
        }
        key("semicolon", 0x27, ';', ':');
        key("apostrophe", 0x28, '\'', '"');
        key("grave_accent", 0x29, '`', '~');
        key("shift", 0x2a, 0xffe1);
        key("backslash", 0x2b, '\\', '|');
        String row3 = "zxcvbnm";
        for (int i = 0; i < row3.length(); i++) {
            char c = row3.charAt(i);
            key(String.valueOf(c), 0x2c + i, c, Character.toUpperCase(c));
        }
        key("comma", 0x33, ',', '<');
        key("dot", 0x34, '.', '>');
        key("slash", 0x35, '/', '?');
        key("shift_r", 0x36, 0xffe2);
        key("kp_multiply", 0x37, 0xffaa);
        key("alt", 0x38, 0xffe9, 0xffe7);
        key("spc", 0x39, ' ');
        key("caps_lock", 0x3a, 0xffe5);
        for (int i = 0; i < 10; i++) {
            key("f" + (i + 1), 0x3b + i, 0xffbe + i);
        }
        key("num_lock", 0x45, 0xff7f);
        key("scroll_lock", 0x46, 0xff14);
        key("kp_7", 0x47, 0xffb7, 0xff95);
        key("kp_8", 0x48, 0xffb8, 0xff97);
        key("kp_9", 0x49, 0xffb9, 0xff9a);
        key("kp_subtract", 0x4a, 0xffad);
        key("kp_4", 0x4b, 0xffb4, 0xff96);
        key("kp_5", 0x4c, 0xffb5, 0xff9d);
        key("kp_6", 0x4d, 0xffb6, 0xff98);
        key("kp_add", 0x4e, 0xffab);
        key("kp_1", 0x4f, 0xffb1, 0xff9c);
        key("kp_2", 0x50, 0xffb2, 0xff99);
        key("kp_3", 0x51, 0xffb3, 0xff9b);
        key("kp_0", 0x52, 0xffb0, 0xff9e);
        key("kp_decimal", 0x53, 0xffae, 0xff9f);
        key("less", 0x56, 0);
        key("f11", 0x57, 0xffc8);
        key("f12", 0x58, 0xffc9);
        key("kp_enter", 0x9c, 0xff8d);
        key("ctrl_r", 0x9d, 0xffe4);
        key("kp_divide", 0xb5, 0xffaf);
        key("print", 0xb7, 0xff61, 0xff15);
        key("alt_r", 0xb8, 0xffea, 0xfe03, 0xffe8);
        key("home", 0xc7, 0xff50);
        key("up", 0xc8, 0xff52);
        key("pgup", 0xc9, 0xff55);
        key("left", 0xcb, 0xff51);
        key("right", 0xcd, 0xff53);
        key("end", 0xcf, 0xff57);
        key("down", 0xd0, 0xff54);
        key("pgdn", 0xd1, 0xff56);
        key("insert", 0xd2, 0xff63);
        key("delete", 0xd3, 0xffff);
        key("meta_l", 0xdb, 0xffeb, 0xffe7);
        key("meta_r", 0xdc, 0xffec, 0xffe8);
        key("menu", 0xdd, 0xff67);
        key("pause", 0xc6, 0xff13);
        BY_KEYSYM.remove(0);
    }

    /** The qcode for a key event, or null when neither scancode nor keysym is known. */
    public static String qcode(int keysym, int scancode) {
        if (scancode != 0) {
            String q = BY_SCANCODE.get(scancode);
            if (q != null) {
                return q;
            }
        }
        return BY_KEYSYM.get(keysym);
    }

    /** The key number (qnum: XT scancode, 0x80 set for e0-prefixed keys) for a key event, or 0 when unknown. */
    public static int qnum(int keysym, int scancode) {
        String q = qcode(keysym, scancode);
        return q == null ? 0 : QNUM.getOrDefault(q, 0);
    }
}
