package org.connectorhub.core.domain;

/** The action cannot run on an account linked with the provider's test credentials. */
public final class TestModeUnsupportedException extends ConnectorHubException {
    public TestModeUnsupportedException(String message) {
        super("test_mode_unsupported", message);
    }
}
