package io.localdrop.agent.html;

/**
 * Escaping for the page: every string that comes from a report (class, thread, loader and option names,
 * messages) goes through {@link #text} before it reaches the page, so a name holding {@code <script>} or a
 * quote stays text. The same escape serves element content and double- or single-quoted attributes.
 */
final class Html {
    private Html() {
    }

    /** {@code value} as HTML text; null becomes an empty string. */
    static String text(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&':
                    out.append("&amp;");
                    break;
                case '<':
                    out.append("&lt;");
                    break;
                case '>':
                    out.append("&gt;");
                    break;
                case '"':
                    out.append("&quot;");
                    break;
                case '\'':
                    out.append("&#39;");
                    break;
                default:
                    // control characters (a thread name may hold them) shown as code points, never raw
                    if (c < 0x20 && c != '\t') {
                        out.append("\\u").append(String.format("%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.toString();
    }
}
