package org.connectorhub.hub.http;

import java.util.regex.Pattern;

/**
 * Member names a client sent, as error messages may repeat them. A name that does not look like
 * a field name (too long, or with characters no field has) may be a secret pasted in the wrong
 * place: {"credentials": {"<token>": "..."}}. Such a name is never echoed.
 */
final class EchoedNames {
    static final String HIDDEN = "(a member name not shown)";
    // field names are short snake_case words; Postmark tokens (UUIDs) have '-', hub secrets are 47 characters
    private static final Pattern FIELD_LIKE = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]{0,39}");

    private EchoedNames() {
    }

    static boolean showable(String name) {
        return name != null && FIELD_LIKE.matcher(name).matches();
    }

    static String shown(String name) {
        return showable(name) ? name : HIDDEN;
    }
}
