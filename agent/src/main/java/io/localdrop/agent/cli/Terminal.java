package io.localdrop.agent.cli;

/** Text for a terminal: control characters from a report (a thread name may hold an escape sequence) made visible. */
final class Terminal {
    private Terminal() {
    }

    static String safe(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\n') || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                out.append("\\u").append(String.format("%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
