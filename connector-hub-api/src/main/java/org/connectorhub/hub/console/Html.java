package org.connectorhub.hub.console;

/**
 * A small HTML writer that escapes every text and attribute value it is given; markup comes only
 * from tag names and attribute names in our own code. The console's pages are built with it.
 */
final class Html {
    private final StringBuilder out = new StringBuilder(4096);

    /** {@code <tag name="value" ...>}; a null value leaves the attribute out, "" writes it bare. */
    Html open(String tag, String... attributes) {
        out.append('<').append(tag);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            String value = attributes[i + 1];
            if (value == null) {
                continue;
            }
            out.append(' ').append(attributes[i]);
            if (!value.isEmpty()) {
                out.append("=\"").append(escape(value)).append('"');
            }
        }
        out.append('>');
        return this;
    }

    Html close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    /** An element holding only text. */
    Html el(String tag, String text, String... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    Html text(String text) {
        out.append(escape(text == null ? "" : text));
        return this;
    }

    /** A hidden CSRF field for a form. */
    Html csrf(String token) {
        return open("input", "type", "hidden", "name", ConsoleRoutes.CSRF_FIELD, "value", token);
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
