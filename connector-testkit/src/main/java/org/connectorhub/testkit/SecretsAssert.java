package org.connectorhub.testkit;

import org.assertj.core.api.AbstractAssert;
import org.connectorhub.core.domain.Credentials;

/** Asserts that a text carries no credential value; its failure messages mask the values. */
public final class SecretsAssert extends AbstractAssert<SecretsAssert, String> {
    SecretsAssert(String actual) {
        super(actual, SecretsAssert.class);
    }

    public SecretsAssert containsNoSecretOf(Credentials... credentials) {
        isNotNull();
        Secrets.leakedField(actual, credentials).ifPresent(field -> failWithMessage(
                "%s leaks the value of credential field '%s':%n%s",
                descriptionText().isEmpty() ? "The text" : descriptionText(), field,
                abbreviate(Secrets.mask(actual, credentials))));
        return this;
    }

    private static String abbreviate(String text) {
        return text.length() <= 4000 ? text : text.substring(0, 4000) + "... (" + text.length() + " chars)";
    }
}
